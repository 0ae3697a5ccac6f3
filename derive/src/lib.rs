//! Derive macros for `soap-runtime`; use them through its re-exports
//! (`soap_runtime::XmlContent`, …). The attribute vocabulary is documented, with examples, in
//! `soap_runtime::attributes`.

mod attrs;
mod enums;
mod misc;
mod shape;
mod structs;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields};

/// The runtime facade every expansion names, through the alias [`scoped`] declares (short paths
/// keep expansions small: they are parsed again by the compiler for every type).
pub(crate) fn rt() -> TokenStream2 {
    quote!(__rt)
}

/// Wraps impls in `const _: () = { use ::soap_runtime::__private as __rt; … };` so helper items
/// stay private to the expansion.
fn scoped(result: syn::Result<TokenStream2>) -> TokenStream {
    match result {
        Ok(tokens) => {
            quote!(const _: () = { use ::soap_runtime::__private as __rt; #tokens };).into()
        }
        Err(e) => e.to_compile_error().into(),
    }
}

/// XML content of an element: structs (sequence, `xs:all`, attributes, simple content,
/// catch-alls, flattened bases and groups), WCF dictionaries (`map`), choices and
/// `xsi:type`-polymorphic enums. See `soap_runtime::attributes`.
#[proc_macro_derive(XmlContent, attributes(xml))]
pub fn derive_xml_content(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    scoped(xml_content(&input))
}

fn xml_content(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let c = attrs::container(&input.attrs)?;
    if c.group && (c.map.is_some() || !matches!(input.data, Data::Struct(_))) {
        if let Some((_, span)) = c.keys.first_of(&["group"]) {
            return Err(syn::Error::new(
                span,
                "`group` applies to structs with named fields (a sequence used as `Option<G>` or \
                 `Vec<G>` with `#[xml(flatten)]`); a choice is an enum with `#[xml(choice)]`",
            ));
        }
    }
    if let Some(map) = &c.map {
        return misc::expand_map(input, map, &c);
    }
    match &input.data {
        Data::Struct(s) => {
            let named =
                match &s.fields {
                    Fields::Named(named) => named,
                    Fields::Unit => {
                        return Err(syn::Error::new(
                            input.ident.span(),
                            "a unit struct has no XML content; use `()` for empty elements",
                        ))
                    }
                    Fields::Unnamed(_) => return Err(syn::Error::new(
                        input.ident.span(),
                        "`XmlContent` needs named fields (or `#[xml(map(...))]` on a newtype); \
                         derive `SimpleType` for a newtype over a simple type",
                    )),
                };
            if let Some((key, span)) = c.keys.first_of(&["choice", "polymorphic"]) {
                return Err(syn::Error::new(
                    span,
                    format!("`{key}` applies to enums; a struct is a sequence of its fields"),
                ));
            }
            let fields = structs::analyse(named, &c)?;
            let mut tokens = structs::expand_fields(input, &fields)?;
            if c.group {
                tokens.extend(structs::expand_group(input, &fields));
            }
            Ok(tokens)
        }
        Data::Enum(e) if c.choice => enums::expand_choice(input, e, &c),
        Data::Enum(e) if c.polymorphic => enums::expand_polymorphic(input, e, &c),
        Data::Enum(_) => Err(syn::Error::new(
            input.ident.span(),
            "an enum deriving `XmlContent` needs `#[xml(choice)]` or `#[xml(polymorphic)]`; \
             derive `SimpleType` for an enumeration",
        )),
        Data::Union(_) => Err(syn::Error::new(
            input.ident.span(),
            "`XmlContent` cannot be derived for a union",
        )),
    }
}

/// A lexical (text) value: enumerations with an `#[xml(other)]` catch-all, unions (one-value
/// variants tried in order) and newtypes over a simple type.
#[proc_macro_derive(SimpleType, attributes(xml))]
pub fn derive_simple_type(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    scoped((|| {
        let c = attrs::container(&input.attrs)?;
        match &input.data {
            Data::Enum(e) => enums::expand_simple_enum(&input, e, &c),
            Data::Struct(s) => misc::expand_simple_newtype(&input, &s.fields),
            Data::Union(_) => Err(syn::Error::new(
                input.ident.span(),
                "`SimpleType` cannot be derived for a union",
            )),
        }
    })())
}

/// A set of typed SOAP headers (every field `Option<T>`); the struct also derives
/// `XmlContent`.
#[proc_macro_derive(SoapHeaders, attributes(xml))]
pub fn derive_soap_headers(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    scoped(misc::expand_headers(&input))
}

/// `Debug` with `#[xml(secret)]` fields redacted.
#[proc_macro_derive(RedactedDebug, attributes(xml))]
pub fn derive_redacted_debug(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    scoped(misc::expand_debug(&input))
}
