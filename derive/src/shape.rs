//! What the derive reads from a field's type: the `Option`, `Vec` and `Box` around the value,
//! recognised by name (as serde recognises `Option`), and how each element field is written
//! and read.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{GenericArgument, PathArguments, Result, Type};

use crate::attrs::{ItemsLevel, Member, Ns, XsiType};
use crate::rt;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    Option,
    Vec,
    Box,
}

/// The type inside `Option<T>`, `Vec<T>` or `Box<T>` (any path ending in that name).
pub fn peel(ty: &Type) -> Option<(Wrap, &Type)> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    let wrap = match last.ident.to_string().as_str() {
        "Option" => Wrap::Option,
        "Vec" => Wrap::Vec,
        "Box" => Wrap::Box,
        _ => return None,
    };
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let inner = types.next()?;
    types.next().is_none().then_some((wrap, inner))
}

pub fn peel_if(ty: &Type, want: Wrap) -> Option<&Type> {
    peel(ty).filter(|(w, _)| *w == want).map(|(_, t)| t)
}

/// How many times an element occurs and how absence is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Card {
    Required,
    Optional,
    Nillable,
    Repeated,
    RepeatedNillable,
}

/// How one value's content is written and read.
pub enum Content {
    Direct,
    Boxed,
    Array {
        ns: TokenStream,
        name: syn::LitStr,
        nillable: bool,
        item: Box<Content>,
    },
    SoapArray {
        item: syn::LitStr,
        item_type: syn::LitStr,
        item_ns: Ns,
    },
}

/// An element field, analysed.
pub struct ElementField {
    pub card: Card,
    pub content: Content,
    /// `xsi:type` written on each element, and the type of one element's value.
    pub xsi_type: Option<(XsiType, Type)>,
}

pub fn element_field(ty: &Type, m: &Member, field_ns: &TokenStream) -> Result<ElementField> {
    if m.xsi_type.is_some() {
        if let Some((key, _)) = m.keys.first_of(&["soap_array", "items"]) {
            let why = if key == "soap_array" {
                "a `soap_array` writes its own `xsi:type` (`soapenc:Array`)"
            } else {
                "`xsi:type` would go on the array's wrapper element, which has none in the schema"
            };
            return Err(syn::Error::new(
                m.key_span("xsi_type"),
                format!("`xsi_type` cannot be combined with `{key}`: {why}"),
            ));
        }
    }
    if let Some(sa) = &m.soap_array {
        let (card, value) = match peel_if(ty, Wrap::Option) {
            Some(inner) => (Card::Optional, inner),
            None => (Card::Required, ty),
        };
        if peel_if(value, Wrap::Vec).is_none() {
            return Err(syn::Error::new_spanned(
                ty,
                "a `soap_array` field must be a `Vec<T>` or `Option<Vec<T>>`",
            ));
        }
        let content = Content::SoapArray {
            item: sa.item.clone(),
            item_type: sa.item_type.clone(),
            item_ns: sa.item_ns.clone(),
        };
        return Ok(ElementField {
            card,
            content,
            xsi_type: None,
        });
    }
    let optional_card = if m.nillable {
        Card::Nillable
    } else {
        Card::Optional
    };
    let (card, value) = if !m.items.is_empty() {
        match peel_if(ty, Wrap::Option) {
            Some(inner) => (optional_card, inner),
            None => (Card::Required, ty),
        }
    } else {
        match peel(ty) {
            Some((Wrap::Option, inner)) => (optional_card, inner),
            Some((Wrap::Vec, inner)) => match peel_if(inner, Wrap::Option) {
                Some(item) => (Card::RepeatedNillable, item),
                None => (Card::Repeated, inner),
            },
            _ => (Card::Required, ty),
        }
    };
    if m.nillable && !matches!(card, Card::Nillable) {
        return Err(syn::Error::new_spanned(
            ty,
            "`nillable` needs an `Option<T>` field (`None` is written as `xsi:nil`); nillable items \
             of a `Vec` are written `Vec<Option<T>>`",
        ));
    }
    let content = content(value, &m.items, field_ns)?;
    Ok(ElementField {
        card,
        content,
        xsi_type: m.xsi_type.clone().map(|t| (t, value.clone())),
    })
}

fn content(value: &Type, levels: &[ItemsLevel], field_ns: &TokenStream) -> Result<Content> {
    let Some((level, rest)) = levels.split_first() else {
        return Ok(match peel_if(value, Wrap::Box) {
            Some(_) => Content::Boxed,
            None => Content::Direct,
        });
    };
    let Some(item) = peel_if(value, Wrap::Vec) else {
        return Err(syn::Error::new_spanned(
            value,
            format!(
                "`items = \"{}\"` needs a `Vec` here (one `items` per level of nested arrays)",
                level.name.value()
            ),
        ));
    };
    let (nillable, inner) = match peel_if(item, Wrap::Option) {
        Some(inner) => (true, inner),
        None => (false, item),
    };
    let ns = match &level.ns {
        Some(ns) => quote!(#ns),
        None => field_ns.clone(),
    };
    Ok(Content::Array {
        ns,
        name: level.name.clone(),
        nillable,
        item: Box::new(content(inner, rest, field_ns)?),
    })
}

/// The writer method for a cardinality (`element`, `optional`, …), `_with` for closures.
fn writer_method(card: Card, with: bool) -> syn::Ident {
    let name = match card {
        Card::Required => "element",
        Card::Optional => "optional",
        Card::Nillable => "nillable",
        Card::Repeated => "repeated",
        Card::RepeatedNillable => "repeated_nillable",
    };
    let name = if with {
        format!("{name}_with")
    } else {
        name.to_owned()
    };
    syn::Ident::new(&name, proc_macro2::Span::call_site())
}

/// A closure writing the content of one value, for the `_with` writer methods.
fn write_closure(content: &Content) -> Option<TokenStream> {
    let rt = rt();
    match content {
        Content::Direct => None,
        Content::Boxed => Some(quote!(|w, v| #rt::XmlContent::write_content(&**v, w))),
        Content::SoapArray {
            item,
            item_type,
            item_ns,
        } => Some(quote!(|w, v| #rt::write_soap_array(w, #item_ns, #item_type, #item, v))),
        Content::Array {
            ns,
            name,
            nillable,
            item,
        } => Some(match (write_closure(item), nillable) {
            (None, false) => quote!(|w, v| w.repeated(#ns, #name, v)),
            (None, true) => quote!(|w, v| w.repeated_nillable(#ns, #name, v)),
            (Some(inner), false) => quote!(|w, v| w.repeated_with(#ns, #name, v, #inner)),
            (Some(inner), true) => quote!(|w, v| w.repeated_nillable_with(#ns, #name, v, #inner)),
        }),
    }
}

/// `w.optional(NS, "Name", &value);`
pub fn write_element(
    f: &ElementField,
    ns: &TokenStream,
    name: &syn::LitStr,
    value: TokenStream,
) -> TokenStream {
    let rt = rt();
    let closure = match &f.xsi_type {
        None => write_closure(&f.content),
        // `xsi_type` is not combined with arrays: the content is the value's own.
        Some((
            XsiType {
                name: type_name,
                ns: type_ns,
            },
            value,
        )) => {
            let content = match f.content {
                Content::Boxed => quote!(#rt::XmlContent::write_content(&**v, w)),
                _ => quote!(#rt::XmlContent::write_content(v, w)),
            };
            Some(quote!(|w: &mut #rt::XmlWriter, v: &#value| {
                #rt::write_xsi_type(w, #type_ns, #type_name);
                #content
            }))
        }
    };
    match closure {
        None => {
            let method = writer_method(f.card, false);
            quote!(w.#method(#ns, #name, #value);)
        }
        Some(closure) => {
            let method = writer_method(f.card, true);
            quote!(w.#method(#ns, #name, #value, #closure);)
        }
    }
}

/// A closure decoding one value, for `read_*_with`.
fn read_closure(content: &Content) -> Option<TokenStream> {
    let rt = rt();
    match content {
        Content::Direct => None,
        Content::Boxed => Some(quote!(|n| #rt::XmlContent::read_content(n).map(#rt::Box::new))),
        Content::SoapArray { .. } => Some(quote!(|n| #rt::read_soap_array(n))),
        Content::Array {
            ns,
            name,
            nillable,
            item,
        } => Some(match (read_closure(item), nillable) {
            (None, false) => quote!(|n| #rt::read_items(n, #ns, #name)),
            (None, true) => quote!(|n| #rt::read_items_nillable(n, #ns, #name)),
            (Some(inner), false) => quote!(|n| #rt::read_items_with(n, #ns, #name, #inner)),
            (Some(inner), true) => {
                quote!(|n| #rt::read_items_nillable_with(n, #ns, #name, #inner))
            }
        }),
    }
}

/// Decodes the matched `child` into `slot`.
pub fn read_element(f: &ElementField, slot: TokenStream) -> TokenStream {
    let rt = rt();
    let nil_ok = matches!(
        f.card,
        Card::Optional | Card::Nillable | Card::RepeatedNillable
    );
    let read = match (nil_ok, read_closure(&f.content)) {
        (false, None) => quote!(#rt::read_required(child)?),
        (true, None) => quote!(#rt::read_optional(child)?),
        (false, Some(c)) => quote!(#rt::read_required_with(child, #c)?),
        (true, Some(c)) => quote!(#rt::read_optional_with(child, #c)?),
    };
    match f.card {
        Card::Repeated | Card::RepeatedNillable => quote!(#slot.push(#read);),
        Card::Optional => quote!(#slot = #read;),
        Card::Required | Card::Nillable => quote!(#slot = #rt::Some(#read);),
    }
}

/// The slot's type for a field of type `ty`.
pub fn slot_type(f: &ElementField, ty: &Type) -> TokenStream {
    let rt = rt();
    match f.card {
        Card::Required | Card::Nillable => quote!(#rt::Option<#ty>),
        _ => quote!(#ty),
    }
}

/// Whether the field collects every occurrence (its slot is a `Vec`).
pub fn is_repeated(f: &ElementField) -> bool {
    matches!(f.card, Card::Repeated | Card::RepeatedNillable)
}

/// Whether the slot must be present when finishing.
pub fn is_required(f: &ElementField) -> bool {
    matches!(f.card, Card::Required | Card::Nillable)
}
