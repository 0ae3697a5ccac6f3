//! Writing and reading one field: the statements inside `write_content` / `read_content`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, ns_ref, rt};
use crate::plan::{Cardinality, Content, FieldPlan};

/// The writer method for a cardinality (`element`, `optional`, …), with `_with` for closures.
fn writer_method(card: Cardinality, with: bool) -> TokenStream {
    let name = match card {
        Cardinality::Required => "element",
        Cardinality::Optional => "optional",
        Cardinality::Nillable => "nillable",
        Cardinality::Repeated => "repeated",
        Cardinality::RepeatedNillable => "repeated_nillable",
    };
    let name = if with {
        format!("{name}_with")
    } else {
        name.to_owned()
    };
    let i = ident(&name);
    quote!(#i)
}

/// A closure writing the content of one value for `_with` writer methods.
fn emit_write_closure(content: &Content, path: &TokenStream) -> Option<TokenStream> {
    let rt = rt();
    match content {
        Content::Direct => None,
        Content::Boxed => Some(quote!(|w, v| #rt::XmlContent::write_content(&**v, w))),
        Content::Array {
            item_ns,
            item_name,
            item_nillable,
            item,
        } => {
            let ns = ns_ref(item_ns, path);
            Some(match (emit_write_closure(item, path), item_nillable) {
                (None, false) => quote!(|w, v| w.repeated(#ns, #item_name, v)),
                (None, true) => quote!(|w, v| w.repeated_nillable(#ns, #item_name, v)),
                (Some(inner), false) => quote!(|w, v| w.repeated_with(#ns, #item_name, v, #inner)),
                (Some(inner), true) => {
                    quote!(|w, v| w.repeated_nillable_with(#ns, #item_name, v, #inner))
                }
            })
        }
    }
}

/// `w.optional(NS, "Name", &self.name);` — `value` is the expression of the field.
pub(crate) fn emit_write(f: &FieldPlan, value: TokenStream, path: &TokenStream) -> TokenStream {
    let ns = ns_ref(&f.ns, path);
    let name = &f.xml_name;
    match emit_write_closure(&f.content, path) {
        None => {
            let method = writer_method(f.card, false);
            quote!(w.#method(#ns, #name, &#value);)
        }
        Some(closure) => {
            let method = writer_method(f.card, true);
            quote!(w.#method(#ns, #name, &#value, #closure);)
        }
    }
}

/// A closure decoding one value for `read_*_with`.
fn emit_read_closure(content: &Content, path: &TokenStream) -> Option<TokenStream> {
    let rt = rt();
    match content {
        Content::Direct => None,
        Content::Boxed => {
            Some(quote!(|n| #rt::XmlContent::read_content(n).map(::std::boxed::Box::new)))
        }
        Content::Array {
            item_ns,
            item_name,
            item_nillable,
            item,
        } => {
            let ns = ns_ref(item_ns, path);
            Some(match (emit_read_closure(item, path), item_nillable) {
                (None, false) => quote!(|n| #rt::read_items(n, #ns, #item_name)),
                (None, true) => quote!(|n| #rt::read_items_nillable(n, #ns, #item_name)),
                (Some(inner), false) => {
                    quote!(|n| #rt::read_items_with(n, #ns, #item_name, #inner))
                }
                (Some(inner), true) => {
                    quote!(|n| #rt::read_items_nillable_with(n, #ns, #item_name, #inner))
                }
            })
        }
    }
}

/// The local variable a field is decoded into and its initial value.
pub(crate) fn emit_read_init(f: &FieldPlan) -> TokenStream {
    let var = ident(&format!("f_{}", f.ident.trim_start_matches("r#")));
    match f.card {
        Cardinality::Repeated | Cardinality::RepeatedNillable => {
            quote!(let mut #var = ::std::vec::Vec::new();)
        }
        _ => quote!(let mut #var = ::core::option::Option::None;),
    }
}

/// The statement decoding a matched child `child` into the field's local variable.
pub(crate) fn emit_read_assign(f: &FieldPlan, path: &TokenStream) -> TokenStream {
    let rt = rt();
    let var = ident(&format!("f_{}", f.ident.trim_start_matches("r#")));
    let closure = emit_read_closure(&f.content, path);
    // One occurrence: required values must not be nil, the others may be.
    let nil_ok = matches!(
        f.card,
        Cardinality::Optional | Cardinality::Nillable | Cardinality::RepeatedNillable
    );
    let read = match (nil_ok, closure) {
        (false, None) => quote!(#rt::read_required(child)?),
        (true, None) => quote!(#rt::read_optional(child)?),
        (false, Some(c)) => quote!(#rt::read_required_with(child, #c)?),
        (true, Some(c)) => quote!(#rt::read_optional_with(child, #c)?),
    };
    match f.card {
        Cardinality::Repeated | Cardinality::RepeatedNillable => quote!(#var.push(#read)),
        Cardinality::Optional => quote!(#var = #read),
        Cardinality::Required | Cardinality::Nillable => {
            quote!(#var = ::core::option::Option::Some(#read))
        }
    }
}

/// The field initialiser in the final `Self { … }`.
pub(crate) fn emit_read_finish(
    f: &FieldPlan,
    parent: TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let rt = rt();
    let field = ident(&f.ident);
    let var = ident(&format!("f_{}", f.ident.trim_start_matches("r#")));
    match f.card {
        Cardinality::Required | Cardinality::Nillable => {
            let ns = ns_ref(&f.ns, path);
            let name = &f.xml_name;
            quote!(#field: #var.ok_or_else(|| #rt::missing(#parent, #ns, #name))?)
        }
        _ => quote!(#field: #var),
    }
}

/// The match arm for a field: `"Name" if child.in_ns(NS) => …,`.
pub(crate) fn emit_read_arm(f: &FieldPlan, path: &TokenStream) -> TokenStream {
    let name = &f.xml_name;
    let ns = ns_ref(&f.ns, path);
    let assign = emit_read_assign(f, path);
    quote!(#name if child.in_ns(#ns) => #assign,)
}

/// `Debug` for a field: secrets go through the runtime's redaction wrapper.
pub(crate) fn emit_debug_field(f: &FieldPlan) -> TokenStream {
    let rt = rt();
    let field = ident(&f.ident);
    let label = f.ident.trim_start_matches("r#");
    if f.secret {
        quote!(.field(#label, &#rt::Redacted(&self.#field)))
    } else {
        quote!(.field(#label, &self.#field))
    }
}
