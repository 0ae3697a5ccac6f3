//! Operation constants, client trait + client type, server trait + dispatcher.

use proc_macro2::TokenStream;
use quote::quote;

use super::{emit_doc, emit_ty, escape_doc, ident, ns_ref, rt};
use crate::plan::{version_ident, OperationPlan, ServicePlan};

fn op_doc(op: &OperationPlan) -> TokenStream {
    let text = match &op.doc {
        Some(d) => format!("{}\n\nOperation `{}`.", escape_doc(d), op.name),
        None => format!("Operation `{}`.", op.name),
    };
    emit_doc(Some(&text))
}

/// `Message<Body, Headers>` of an operation's request or response, seen from a submodule.
fn message_ty(body: &crate::plan::RustTy, headers: &Option<String>) -> TokenStream {
    let rt = rt();
    let path = quote!(super::);
    let body = emit_ty(body, &path);
    let headers = match headers {
        Some(h) => {
            let h = ident(h);
            quote!(super::#h)
        }
        None => quote!(()),
    };
    quote!(#rt::Message<#body, #headers>)
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
        let req_ns = ns_ref(req_ns, &path);
        let resp_ns = ns_ref(resp_ns, &path);
        let doc = format!(" Operation `{name}` (SOAPAction `{action}`).");
        quote! {
            #[doc = #doc]
            pub const #c: #rt::OperationInfo = #rt::OperationInfo {
                name: #name,
                soap_action: #action,
                request: (#req_ns, #req_name),
                response: (#resp_ns, #resp_name),
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

/// `fn op(&self, [mut] request: Message<…>) -> impl Future<Output = Result<Message<…>, E>> + Send`
/// (without body or `;`), shared by the traits, the client and the `Arc` forwarding impls.
fn emit_method_sig(op: &OperationPlan, error: &TokenStream, mutable_request: bool) -> TokenStream {
    let method = ident(&op.method);
    let req = message_ty(&op.request_ty, &op.request_headers);
    let resp = message_ty(&op.response_ty, &op.response_headers);
    let mutability = if mutable_request {
        quote!(mut)
    } else {
        quote!()
    };
    quote! {
        fn #method(&self, #mutability request: #req)
            -> impl ::core::future::Future<Output = ::core::result::Result<#resp, #error>> + Send
    }
}

/// A trait method declaration with the operation's documentation.
fn emit_trait_method(op: &OperationPlan, error: &TokenStream) -> TokenStream {
    let doc = op_doc(op);
    let sig = emit_method_sig(op, error, false);
    quote! {
        #doc
        #sig;
    }
}

fn emit_client_impl_method(s: &ServicePlan, op: &OperationPlan) -> TokenStream {
    let rt = rt();
    let ops = ident(&s.ops_module);
    let c = ident(&op.const_ident);
    let has_headers = op.request_headers.is_some();
    let merge = if has_headers {
        quote!(#rt::SoapHeaders::merge_defaults(&mut request.headers, &self.headers);)
    } else {
        quote!()
    };
    let sig = emit_method_sig(op, &quote!(#rt::ClientError), has_headers);
    quote! {
        #sig {
            #merge
            self.core.call(&super::#ops::#c, request)
        }
    }
}

fn emit_client(s: &ServicePlan) -> TokenStream {
    let rt = rt();
    let module = ident(&s.client_module);
    let api = ident(&s.client_trait);
    let client = ident(&s.client_struct);
    let version = ident(version_ident(s.version));
    let error = quote!(#rt::ClientError);
    let methods = s.operations.iter().map(|op| emit_trait_method(op, &error));
    let impls = s.operations.iter().map(|op| emit_client_impl_method(s, op));
    // All operations of a portType share the request header struct in WCF message contracts; a
    // client keeps defaults for it. Other layouts get defaults per distinct struct only when shared.
    let headers = s.operations.first().and_then(|o| o.request_headers.clone());
    let shared = s.operations.iter().all(|o| o.request_headers == headers);
    let (headers_field, headers_init, headers_api, headers_ty) = match headers.filter(|_| shared) {
        Some(h) => {
            let h = ident(&h);
            (
                quote!(headers: super::#h,),
                quote!(headers: ::core::default::Default::default(),),
                quote! {
                    /// Headers sent with every request; per-call headers that are `Some` take precedence.
                    pub fn headers(&self) -> &super::#h { &self.headers }
                    /// Mutable access to the default headers.
                    pub fn headers_mut(&mut self) -> &mut super::#h { &mut self.headers }
                    /// Replaces the default headers.
                    pub fn with_headers(mut self, headers: super::#h) -> Self { self.headers = headers; self }
                },
                Some(h),
            )
        }
        None => (quote!(), quote!(), quote!(), None),
    };
    // The header types' own `Debug` redacts tokens and tickets.
    let headers_debug = match headers_ty {
        Some(_) => quote!(.field("headers", &self.headers)),
        None => quote!(),
    };
    let client_name = s.client_struct.as_str();
    let new = match &s.address {
        Some(address) => {
            let doc = format!(" A client for the WSDL's address `{address}`.");
            quote! {
                /// The endpoint address the WSDL declares.
                pub const DEFAULT_ENDPOINT: &'static str = #address;
                #[doc = #doc]
                pub fn new(transport: T) -> Self { Self::with_endpoint(transport, Self::DEFAULT_ENDPOINT) }
            }
        }
        None => quote!(),
    };
    let trait_doc = format!(
        " The operations of portType `{}`, as a client sees them. Implemented by [`{}`]; implement it yourself to mock the service.",
        s.xml_name, s.client_struct
    );
    let client_doc = format!(
        " Client for portType `{}` over binding `{}` ({:?}).",
        s.xml_name, s.binding, s.version
    );
    let mod_doc = format!(" Client of portType `{}`.", s.xml_name);
    quote! {
        #[doc = #mod_doc]
        pub mod #module {
            #[doc = #trait_doc]
            pub trait #api: Send + Sync {
                #(#methods)*
            }
            #[doc = #client_doc]
            pub struct #client<T> {
                core: #rt::ClientCore<T>,
                #headers_field
            }
            impl<T: #rt::Transport> #client<T> {
                #new
                /// A client sending to `endpoint` through `transport`.
                pub fn with_endpoint(transport: T, endpoint: impl ::core::convert::Into<::std::string::String>) -> Self {
                    Self { core: #rt::ClientCore::new(transport, endpoint, #rt::SoapVersion::#version), #headers_init }
                }
                #headers_api
                /// Transport, endpoint and SOAP version.
                pub fn core(&self) -> &#rt::ClientCore<T> { &self.core }
                /// Mutable transport settings (endpoint, SOAP version).
                pub fn core_mut(&mut self) -> &mut #rt::ClientCore<T> { &mut self.core }
            }
            impl<T: ::core::fmt::Debug> ::core::fmt::Debug for #client<T> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#client_name).field("core", &self.core) #headers_debug .finish()
                }
            }
            impl<T: #rt::Transport> #api for #client<T> {
                #(#impls)*
            }
        }
    }
}

fn emit_server(s: &ServicePlan) -> TokenStream {
    let rt = rt();
    let module = ident(&s.server_module);
    let service = ident(&s.server_trait);
    let server = ident(&s.server_struct);
    let ops = ident(&s.ops_module);
    let error = quote!(#rt::Fault);
    let methods = s.operations.iter().map(|op| emit_trait_method(op, &error));
    let forwards = s.operations.iter().map(|op| {
        let method = ident(&op.method);
        let sig = emit_method_sig(op, &error, false);
        quote!(#sig { (**self).#method(request) })
    });
    let arms = s.operations.iter().enumerate().map(|(i, op)| {
        let method = ident(&op.method);
        quote!(#i => call.serve(|request| self.service.#method(request)).await,)
    });
    let trait_doc = format!(
        " The operations of portType `{}`, as a server implements them. Mount an implementation with [`{}`].",
        s.xml_name, s.server_struct
    );
    let server_doc = format!(
        " Dispatcher for portType `{}`: decodes SOAP 1.1 and 1.2 requests, routes them by SOAPAction / action or body element to [`{}`], and encodes the response or a SOAP Fault.",
        s.xml_name, s.server_trait
    );
    let mod_doc = format!(" Server of portType `{}`.", s.xml_name);
    quote! {
        #[doc = #mod_doc]
        pub mod #module {
            #[doc = #trait_doc]
            pub trait #service: Send + Sync + 'static {
                #(#methods)*
            }
            /// A shared implementation serves as well (keep a handle to it while it is mounted).
            impl<S: #service> #service for ::std::sync::Arc<S> {
                #(#forwards)*
            }
            #[doc = #server_doc]
            #[derive(Debug, Clone)]
            pub struct #server<S> {
                service: S,
            }
            impl<S: #service> #server<S> {
                /// Wraps a service implementation.
                pub fn new(service: S) -> Self { Self { service } }
                /// The wrapped implementation.
                pub fn service(&self) -> &S { &self.service }
                /// Unwraps the implementation.
                pub fn into_inner(self) -> S { self.service }
            }
            impl<S: #service> #rt::SoapService for #server<S> {
                async fn handle(&self, request: #rt::ServerRequest) -> #rt::ServerResponse {
                    let call = match #rt::ServerCall::parse(&request, super::#ops::ALL) {
                        ::core::result::Result::Ok(call) => call,
                        ::core::result::Result::Err(response) => return response,
                    };
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
    let ops = emit_operations_module(s);
    let client = if client { emit_client(s) } else { quote!() };
    let server = if server { emit_server(s) } else { quote!() };
    quote! {
        #ops
        #client
        #server
    }
}
