//! Operation constants, client trait + client type, server trait + dispatcher.

use proc_macro2::TokenStream;
use quote::quote;

use super::{emit_doc, emit_ty, escape_doc, ident, ns_ref, rt};
use crate::plan::{version_ident, FormPlan, OperationPlan, ServicePlan};

fn op_doc(op: &OperationPlan) -> TokenStream {
    let mut text = match &op.doc {
        Some(d) => format!("{}\n\nOperation `{}`.", escape_doc(d), op.name),
        None => format!("Operation `{}`.", op.name),
    };
    if let Some(fault) = &op.fault {
        text.push_str(&format!(
            " Declared faults: [`{fault}`](super::{fault}) (`Fault::detail_choice`)."
        ));
    }
    emit_doc(Some(&text))
}

/// The request type of an operation, seen from a submodule: `Request<Binding, Body>` when it
/// carries the binding's shared headers, else `Message<Body, Headers>`.
fn request_ty(s: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let rt = rt();
    let path = quote!(super::);
    let body = emit_ty(&op.request_ty, &path);
    if op.request_headers == s.request_headers {
        let binding = ident(&s.binding_ident);
        return quote!(#rt::Request<super::#binding, #body>);
    }
    let headers = headers_ty(&op.request_headers);
    quote!(#rt::Message<#body, #headers>)
}

/// What an operation's future gives: `ClientResult<Binding, Body>` / `ServerResult<…>` with the
/// binding's shared response headers, else `Result<Message<Body, Headers>, Error>`.
fn result_ty(s: &ServicePlan, op: &OperationPlan, server: bool) -> TokenStream {
    let rt = rt();
    let path = quote!(super::);
    let body = emit_ty(&op.response_ty, &path);
    if op.response_headers == s.response_headers {
        let binding = ident(&s.binding_ident);
        return if server {
            quote!(#rt::ServerResult<super::#binding, #body>)
        } else {
            quote!(#rt::ClientResult<super::#binding, #body>)
        };
    }
    let headers = headers_ty(&op.response_headers);
    let error = if server {
        quote!(#rt::Fault)
    } else {
        quote!(#rt::ClientError)
    };
    quote!(::core::result::Result<#rt::Message<#body, #headers>, #error>)
}

fn headers_ty(headers: &Option<String>) -> TokenStream {
    match headers {
        Some(h) => {
            let h = ident(h);
            quote!(super::#h)
        }
        None => quote!(()),
    }
}

/// The marker type naming the binding, and its `Binding` impl (constants and types only).
fn emit_binding(s: &ServicePlan) -> TokenStream {
    let rt = rt();
    let name = ident(&s.binding_ident);
    let ops = ident(&s.ops_module);
    let version = ident(version_ident(s.version));
    let address = s.address.clone().unwrap_or_default();
    let header = |h: &Option<String>| match h {
        Some(h) => {
            let h = ident(h);
            quote!(#h)
        }
        None => quote!(()),
    };
    let (req, resp) = (header(&s.request_headers), header(&s.response_headers));
    let port_type = &s.xml_name;
    let doc = format!(
        " Binding `{}` of portType `{}` ({}{}): what [`{}::{}`] and [`{}::{}`] are generic over.",
        s.binding,
        s.xml_name,
        match s.version {
            crate::document::SoapVersion::Soap11 => "SOAP 1.1",
            crate::document::SoapVersion::Soap12 => "SOAP 1.2",
        },
        s.address
            .as_ref()
            .map(|a| format!(", at `{a}`"))
            .unwrap_or_default(),
        s.client_module,
        s.client_struct,
        s.server_module,
        s.server_struct,
    );
    let mut doc = doc;
    for (name, version, address) in &s.other_bindings {
        doc.push_str(&format!(
            "\n\nThe portType is also bound by `{name}` ({version}{}): the same client reaches it with `client.core_mut().set_version(…)` and `with_endpoint`; the server accepts both SOAP versions.",
            address
                .as_ref()
                .map(|a| format!(", at `{a}`"))
                .unwrap_or_default()
        ));
    }
    if let Some(t) = s.username_token {
        doc.push_str(&format!(
            "\n\nIts WS-SecurityPolicy requires a WS-Security UsernameToken (password as {}{}): \
             give the client credentials with `with_credentials(username, password)`.",
            if t.digest { "a digest" } else { "text" },
            if t.timestamp {
                ", with a timestamp"
            } else {
                ""
            }
        ));
    }
    if let Some(a) = s.addressing {
        doc.push_str(if a.required {
            "\n\nIt requires WS-Addressing 1.0: the client sends `wsa:Action`, `MessageID`, `To` and \
             `ReplyTo`; the server requires them and answers with `RelatesTo` and the response's action."
        } else {
            "\n\nIt uses WS-Addressing 1.0: the client sends `wsa:Action`, `MessageID`, `To` and \
             `ReplyTo`; the server answers requests that carry them with `RelatesTo` and the response's action."
        });
    }
    let doc = emit_doc(Some(doc.trim_start()));
    let addressing = s.addressing.map(|a| emit_addressing(s, a.required));
    let security = s.username_token.map(|t| {
        let (digest, timestamp) = (t.digest, t.timestamp);
        quote! {
            const USERNAME_TOKEN: ::core::option::Option<#rt::TokenPolicy> =
                ::core::option::Option::Some(#rt::TokenPolicy { digest: #digest, timestamp: #timestamp });
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;
        impl #rt::Binding for #name {
            type RequestHeaders = #req;
            type ResponseHeaders = #resp;
            const PORT_TYPE: &'static str = #port_type;
            const ENDPOINT: &'static str = #address;
            const VERSION: #rt::SoapVersion = #rt::SoapVersion::#version;
            const OPERATIONS: &'static [&'static #rt::OperationInfo] = #ops::ALL;
            #security
            #addressing
        }
    }
}

/// The `Binding::ADDRESSING` table: each operation's request, response and fault actions.
fn emit_addressing(s: &ServicePlan, required: bool) -> TokenStream {
    let rt = rt();
    let operations = s.operations.iter().map(|op| {
        let (name, input, output) = (&op.name, &op.input_action, &op.output_action);
        let faults = op.fault_actions.iter().map(|(ns, element, action)| {
            quote!(#rt::FaultAction { namespace: #ns, element: #element, action: #action })
        });
        quote! {
            #rt::OperationActions { operation: #name, input: #input, output: #output, faults: &[#(#faults),*] }
        }
    });
    quote! {
        const ADDRESSING: ::core::option::Option<&'static #rt::Addressing> =
            ::core::option::Option::Some(&#rt::Addressing { required: #required, operations: &[#(#operations),*] });
    }
}

/// The runtime's `BodyForm` of a message.
fn body_form(form: FormPlan, ns: TokenStream, name: &str) -> TokenStream {
    let rt = rt();
    match form {
        FormPlan::Element => quote!(#rt::BodyForm::Element(#ns, #name)),
        FormPlan::Encoded => quote!(#rt::BodyForm::Encoded(#ns, #name)),
        FormPlan::Parts if name.is_empty() => {
            quote!(#rt::BodyForm::Parts(::core::option::Option::None))
        }
        FormPlan::Parts => {
            quote!(#rt::BodyForm::Parts(::core::option::Option::Some((#ns, #name))))
        }
        FormPlan::None => quote!(#rt::BodyForm::None),
    }
}

fn emit_operations_module(s: &ServicePlan) -> TokenStream {
    let rt = rt();
    let module = ident(&s.ops_module);
    let path = quote!(super::);
    let consts = s.operations.iter().map(|op| {
        let c = ident(&op.const_ident);
        let name = &op.name;
        let action = &op.soap_action;
        let (req_ns, req_name) = (&op.request_element.0, &op.request_element.1);
        let (resp_ns, resp_name) = (&op.response_element.0, &op.response_element.1);
        let request = body_form(op.request_form, ns_ref(req_ns, &path), req_name);
        let response = body_form(op.response_form, ns_ref(resp_ns, &path), resp_name);
        let doc = format!(" Operation `{name}` (SOAPAction `{action}`).");
        quote! {
            #[doc = #doc]
            pub const #c: #rt::OperationInfo = #rt::OperationInfo {
                name: #name,
                soap_action: #action,
                request: #request,
                response: #response,
            };
        }
    });
    let all = s.operations.iter().map(|op| ident(&op.const_ident));
    let doc = format!(
        " Operations of portType `{}` as bound by `{}`.",
        s.xml_name, s.binding
    );
    quote! {
        #[doc = #doc]
        pub mod #module {
            #(#consts)*
            /// Every operation, in WSDL order (the dispatcher's routing table).
            pub const ALL: &[&#rt::OperationInfo] = &[#(&#all),*];
        }
    }
}

fn emit_client(s: &ServicePlan) -> TokenStream {
    let rt = rt();
    let module = ident(&s.client_module);
    let api = ident(&s.client_trait);
    let client = ident(&s.client_struct);
    let binding = ident(&s.binding_ident);
    let ops = ident(&s.ops_module);
    let methods = s.operations.iter().map(|op| {
        let doc = op_doc(op);
        let method = ident(&op.method);
        let c = ident(&op.const_ident);
        let (req, res) = (request_ty(s, op), result_ty(s, op, false));
        quote! {
            #doc
            fn #method(&self, request: #req) -> impl ::core::future::Future<Output = #res> + Send {
                self.call(&super::#ops::#c, request)
            }
        }
    });
    let trait_doc = format!(
        " The operations of portType `{}`, as a client calls them: implemented by [`{}`] (and by any \
         `SoapClient` of the binding). To test code that uses it, mount a `{}` implementation \
         behind a `Loopback` transport.",
        s.xml_name, s.client_struct, s.server_trait
    );
    let client_doc = format!(
        " Client for portType `{}` over binding `{}`: `{}::new(transport)`, then call the \
         operations of [`{}`].",
        s.xml_name, s.binding, s.client_struct, s.client_trait
    );
    let mod_doc = format!(" Client of portType `{}`.", s.xml_name);
    quote! {
        #[doc = #mod_doc]
        pub mod #module {
            #[doc = #client_doc]
            pub type #client<T> = #rt::Client<super::#binding, T>;
            #[doc = #trait_doc]
            pub trait #api: #rt::SoapClient<super::#binding> {
                #(#methods)*
            }
            impl<C: #rt::SoapClient<super::#binding>> #api for C {}
        }
    }
}

fn emit_server(s: &ServicePlan) -> TokenStream {
    let rt = rt();
    let module = ident(&s.server_module);
    let service = ident(&s.server_trait);
    let server = ident(&s.server_struct);
    let binding = ident(&s.binding_ident);
    let methods = s.operations.iter().map(|op| {
        let doc = op_doc(op);
        let method = ident(&op.method);
        let (req, res) = (request_ty(s, op), result_ty(s, op, true));
        quote! {
            #doc
            fn #method(&self, request: #req) -> impl ::core::future::Future<Output = #res> + Send;
        }
    });
    let arms = s.operations.iter().enumerate().map(|(i, op)| {
        let method = ident(&op.method);
        quote!(#i => call.serve(|r| service.#method(r)).await,)
    });
    let trait_doc = format!(
        " The operations of portType `{}`, as a server implements them. Mount an implementation \
         with [`{}`].",
        s.xml_name, s.server_struct
    );
    let server_doc = format!(
        " Server for portType `{}`: decodes SOAP 1.1 and 1.2 requests, routes them by SOAPAction / \
         action or body element to a [`{}`], and encodes the response or a SOAP Fault.",
        s.xml_name, s.server_trait
    );
    let mod_doc = format!(" Server of portType `{}`.", s.xml_name);
    quote! {
        #[doc = #mod_doc]
        pub mod #module {
            #[doc = #server_doc]
            pub type #server<S> = #rt::Server<super::#binding, S>;
            #[doc = #trait_doc]
            pub trait #service: Send + Sync + 'static {
                #(#methods)*
            }
            impl<S: #service> #rt::Dispatch<S> for super::#binding {
                async fn dispatch(service: &S, call: #rt::ServerCall<'_>) -> #rt::ServerResponse {
                    match call.operation_index() {
                        #(#arms)*
                        _ => call.no_such_operation(),
                    }
                }
            }
        }
    }
}

/// All items of one portType.
pub(crate) fn emit_service(s: &ServicePlan, client: bool, server: bool) -> TokenStream {
    let binding = emit_binding(s);
    let ops = emit_operations_module(s);
    let client = if client { emit_client(s) } else { quote!() };
    let server = if server { emit_server(s) } else { quote!() };
    quote! {
        #binding
        #ops
        #client
        #server
    }
}
