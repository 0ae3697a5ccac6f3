//! Stage 4: tokens and formatting.
//!
//! Small `emit_*` functions, each ending in one `quote!`, turn the plan into a token stream, which
//! `prettyplease` formats. Generated code names the runtime only through
//! `::soap_runtime::__private`, and std items only by absolute path, so no name from a WSDL can shadow
//! them.

mod service;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::plan::{Item, Plan, RustTy};
use crate::resolve::Builtin;

/// A stage-4 error: the tokens did not form a valid Rust file (a generator bug).
#[derive(Debug, Clone, thiserror::Error)]
#[error("generated code does not parse ({0}); this is a bug in wsdl-codegen")]
pub struct EmitError(#[source] pub(crate) syn::Error);

/// The runtime facade path.
pub(crate) fn rt() -> TokenStream {
    quote!(::soap_runtime::__private)
}

/// An identifier that may be raw (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A namespace constant reference, or `""` for unqualified names.
pub(crate) fn ns_ref(ns_const: &str, path: &TokenStream) -> TokenStream {
    if ns_const.is_empty() {
        quote!("")
    } else {
        let i = ident(ns_const);
        quote!(#path #i)
    }
}

/// Doc attributes for optional documentation text.
pub(crate) fn emit_doc(doc: Option<&str>) -> TokenStream {
    let lines: Vec<String> = doc
        .map(|d| d.lines().map(|l| format!(" {l}")).collect())
        .unwrap_or_default();
    quote!(#(#[doc = #lines])*)
}

/// Text from the WSDL is plain text, not Markdown or HTML: neutralise what rustdoc would interpret
/// (`[links]`, `<tags>`, backticks) so `cargo doc` has nothing to warn about, and make bare URLs
/// automatic links (rustdoc warns about bare URLs).
pub(crate) fn escape_doc(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "\\`");
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(at) = rest.find("http://").or_else(|| rest.find("https://")) {
        // The earlier of the two schemes.
        let at = match (rest.find("http://"), rest.find("https://")) {
            (Some(a), Some(b)) => a.min(b),
            _ => at,
        };
        out.push_str(&rest[..at]);
        let url_len = rest[at..]
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | ')' | '(' | ',' | ';' | '&' | '\\')
            })
            .unwrap_or(rest.len() - at);
        let url = rest[at..at + url_len].trim_end_matches(['.', ':']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &rest[at + url.len()..];
    }
    out.push_str(rest);
    out
}

/// The tokens of a Rust type; `path` prefixes generated item names (`super::` in submodules).
pub(crate) fn emit_ty(ty: &RustTy, path: &TokenStream) -> TokenStream {
    let rt = rt();
    match ty {
        RustTy::Builtin(b) => emit_builtin(*b),
        RustTy::Named(name) if name.contains("::") => {
            // A type of an `extern_path` namespace: a path written by the user, kept as is.
            match syn::parse_str::<syn::Path>(name) {
                Ok(p) => quote!(#p),
                Err(_) => {
                    let i = ident(name);
                    quote!(#path #i)
                }
            }
        }
        RustTy::Named(name) => {
            let i = ident(name);
            quote!(#path #i)
        }
        RustTy::Option(inner) => {
            let inner = emit_ty(inner, path);
            quote!(::core::option::Option<#inner>)
        }
        RustTy::Vec(inner) => {
            let inner = emit_ty(inner, path);
            quote!(::std::vec::Vec<#inner>)
        }
        RustTy::Boxed(inner) => {
            let inner = emit_ty(inner, path);
            quote!(::std::boxed::Box<#inner>)
        }
        RustTy::FlagSet(inner) => {
            let inner = emit_ty(inner, path);
            quote!(#rt::FlagSet<#inner>)
        }
        RustTy::List(inner) => {
            let inner = emit_ty(inner, path);
            quote!(#rt::List<#inner>)
        }
        RustTy::Unit => quote!(()),
        RustTy::AnyElement => quote!(#rt::AnyElement),
        RustTy::AnyAttribute => quote!(#rt::AnyAttribute),
    }
}

fn emit_builtin(b: Builtin) -> TokenStream {
    let rt = rt();
    match b {
        Builtin::String => quote!(::std::string::String),
        Builtin::Boolean => quote!(bool),
        Builtin::Byte => quote!(i8),
        Builtin::Short => quote!(i16),
        Builtin::Int | Builtin::Char => quote!(i32),
        Builtin::Long => quote!(i64),
        Builtin::UnsignedByte => quote!(u8),
        Builtin::UnsignedShort => quote!(u16),
        Builtin::UnsignedInt => quote!(u32),
        Builtin::UnsignedLong => quote!(u64),
        Builtin::Float => quote!(f32),
        Builtin::Double => quote!(f64),
        Builtin::Decimal => quote!(#rt::Decimal),
        Builtin::DateTime => quote!(#rt::DateTime),
        Builtin::Duration => quote!(#rt::Duration),
        Builtin::Base64Binary => quote!(#rt::Base64Binary),
        Builtin::QName => quote!(#rt::QName),
        Builtin::AnyType => quote!(#rt::AnyType),
        Builtin::Guid => quote!(#rt::Guid),
    }
}

fn emit_item(item: &Item) -> TokenStream {
    match item {
        Item::Struct(s) => types::emit_struct(s),
        Item::Enum(e) => types::emit_enum(e),
        Item::Dictionary(d) => types::emit_dictionary(d),
        Item::Choice(c) => types::emit_choice(c),
        Item::Union {
            ident: name,
            xml_name,
            doc,
            variants,
        } => types::emit_union(name, xml_name, doc.as_deref(), variants),
        Item::Alias {
            ident: name,
            xml_name,
            doc,
            target,
        } => types::emit_alias(name, xml_name, doc.as_deref(), target),
    }
}

fn emit_namespaces(plan: &Plan) -> TokenStream {
    let consts = plan.namespaces.iter().map(|ns| {
        let name = ident(&ns.ident);
        let uri = &ns.uri;
        let doc = format!(" XML namespace `{uri}`.");
        quote! {
            #[doc = #doc]
            pub const #name: &str = #uri;
        }
    });
    quote!(#(#consts)*)
}

/// `use ::soap_runtime::__private::{…};` for the derive macros the items use (their names are
/// reserved in the plan's root scope).
fn emit_imports(plan: &Plan) -> TokenStream {
    let secret = |fields: &[crate::plan::FieldPlan]| fields.iter().any(|f| f.secret);
    let mut used = std::collections::BTreeSet::new();
    for item in &plan.items {
        match item {
            Item::Struct(s) => {
                used.insert("XmlContent");
                if secret(&s.fields) {
                    used.insert("RedactedDebug");
                }
            }
            Item::Dictionary(_) | Item::Choice(_) => {
                used.insert("XmlContent");
            }
            Item::Enum(_) | Item::Union { .. } => {
                used.insert("SimpleType");
            }
            Item::Alias { .. } => {}
        }
    }
    for h in &plan.headers {
        used.extend(["XmlContent", "SoapHeaders"]);
        if secret(&h.fields) {
            used.insert("RedactedDebug");
        }
    }
    if used.is_empty() {
        return quote!();
    }
    let names = used.into_iter().map(ident);
    quote!(use ::soap_runtime::__private::{#(#names),*};)
}

/// The generated file's sections in order, as tokens: imports and namespace constants, then
/// one per item, header struct and service.
fn sections(plan: &Plan) -> impl Iterator<Item = TokenStream> + '_ {
    let head = std::iter::once_with(|| {
        let imports = emit_imports(plan);
        let namespaces = emit_namespaces(plan);
        quote!(#imports #namespaces)
    });
    head.chain(plan.items.iter().map(emit_item))
        .chain(plan.headers.iter().map(types::emit_headers))
        .chain(
            plan.services
                .iter()
                .map(|s| service::emit_service(s, plan.client, plan.server)),
        )
}

/// The whole generated file, formatted. `source` names the WSDL in the header comment.
///
/// Sections are formatted one at a time (prettyplease prints top-level items one after the
/// other, so the text is the same as formatting the whole file), which keeps only one section's
/// syntax tree in memory: big WSDLs would otherwise hold the tokens, the tree and the text of
/// every item at once.
pub fn emit_file(plan: &Plan, source: &str) -> Result<String, EmitError> {
    let mut out = format!(
        "// @generated by wsdl-codegen {} from {source}. Do not edit.\n\n",
        env!("CARGO_PKG_VERSION")
    );
    for tokens in sections(plan) {
        let file: syn::File = syn::parse2(tokens).map_err(EmitError)?;
        if !file.items.is_empty() {
            out.push_str(&prettyplease::unparse(&file));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::escape_doc;

    #[test]
    fn markup_is_neutralised_and_bare_urls_become_links() {
        assert_eq!(escape_doc("a [b] <c> `d`"), "a \\[b\\] &lt;c&gt; \\`d\\`");
        assert_eq!(
            escape_doc("see http://www.onvif.org/ver10/schema/Receiver, then (https://a.b/c). Done at http://x/y."),
            "see <http://www.onvif.org/ver10/schema/Receiver>, then (<https://a.b/c>). Done at <http://x/y>."
        );
        assert_eq!(escape_doc("no links"), "no links");
    }
}
