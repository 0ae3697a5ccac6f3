//! Type items and their `XmlContent` / `SimpleType` / `SoapHeaders` impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::fields::{
    emit_debug_field, emit_read_arm, emit_read_finish, emit_read_init, emit_write,
};
use super::{emit_doc, emit_ty, escape_doc, ident, ns_ref, rt};
use crate::plan::{DictionaryPlan, EnumPlan, FieldPlan, HeaderStruct, RustTy, StructPlan};

fn item_doc(doc: Option<&str>, xml_name: &str, what: &str) -> TokenStream {
    let text = match doc {
        Some(d) => format!("{}\n\n{what} `{xml_name}`.", escape_doc(d)),
        None => format!("{what} `{xml_name}`."),
    };
    emit_doc(Some(&text))
}

fn emit_fields_decl(fields: &[FieldPlan]) -> TokenStream {
    let path = quote!();
    let decls = fields.iter().map(|f| {
        let name = ident(&f.ident);
        let ty = emit_ty(&f.ty, &path);
        let doc = match &f.doc {
            Some(d) => format!("{}\n\nElement `{}`.", escape_doc(d), f.xml_name),
            None => format!("Element `{}`.", f.xml_name),
        };
        let doc = emit_doc(Some(&doc));
        quote! {
            #doc
            pub #name: #ty,
        }
    });
    quote!(#(#decls)*)
}

/// A manual `Debug` impl when any field is a secret, else nothing (the type derives `Debug`).
fn emit_debug_impl(name: &str, fields: &[FieldPlan]) -> TokenStream {
    let ty = ident(name);
    let label = name.trim_start_matches("r#");
    let entries = fields.iter().map(emit_debug_field);
    quote! {
        impl ::core::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    }
}

fn derives(fields: &[FieldPlan]) -> (TokenStream, TokenStream, bool) {
    let secret = fields.iter().any(|f| f.secret);
    if secret {
        (quote!(#[derive(Clone, Default, PartialEq)]), quote!(), true)
    } else {
        (
            quote!(#[derive(Debug, Clone, Default, PartialEq)]),
            quote!(),
            false,
        )
    }
}

/// The body of `read_content` / `read_headers`: one local per field, a loop over `children`
/// matching by name (any order, unknown elements skipped), then `Self { … }`.
/// `children` yields `XmlNode`s by value (`by_value`) or by reference.
fn emit_read_body(
    fields: &[FieldPlan],
    children: TokenStream,
    by_value: bool,
    parent: TokenStream,
) -> TokenStream {
    let path = quote!();
    if fields.is_empty() {
        return quote! {
            let _ = #children;
            ::core::result::Result::Ok(Self {})
        };
    }
    let rebind = if by_value {
        quote!(let child = &child;)
    } else {
        quote!()
    };
    let inits = fields.iter().map(emit_read_init);
    let arms = fields.iter().map(|f| emit_read_arm(f, &path));
    let finish = fields
        .iter()
        .map(|f| emit_read_finish(f, parent.clone(), &path));
    quote! {
        #(#inits)*
        for child in #children {
            #rebind
            match child.local_name() {
                #(#arms)*
                _ => {}
            }
        }
        ::core::result::Result::Ok(Self { #(#finish,)* })
    }
}

fn emit_write_body(fields: &[FieldPlan]) -> TokenStream {
    let path = quote!();
    if fields.is_empty() {
        return quote!(let _ = w;);
    }
    let writes = fields.iter().map(|f| {
        let field = ident(&f.ident);
        emit_write(f, quote!(self.#field), &path)
    });
    quote!(#(#writes)*)
}

/// A struct for a complex type.
pub(crate) fn emit_struct(s: &StructPlan) -> TokenStream {
    let rt = rt();
    let name = ident(&s.ident);
    let what = match &s.extends {
        Some(base) => format!("Complex type (extends `{base}`)"),
        None => "Complex type".to_owned(),
    };
    let doc = item_doc(s.doc.as_deref(), &s.xml_name, &what);
    let fields = emit_fields_decl(&s.fields);
    let (derive, _, secret) = derives(&s.fields);
    let debug = if secret {
        emit_debug_impl(&s.ident, &s.fields)
    } else {
        quote!()
    };
    let write = emit_write_body(&s.fields);
    let read = emit_read_body(&s.fields, quote!(node.children()), true, quote!(node));
    quote! {
        #doc
        #derive
        pub struct #name { #fields }
        #debug
        impl #rt::Redact for #name {}
        impl #rt::XmlContent for #name {
            fn write_content(&self, w: &mut #rt::XmlWriter) { #write }
            fn read_content(node: &#rt::XmlNode<'_, '_>) -> ::core::result::Result<Self, #rt::DecodeError> { #read }
        }
    }
}

/// An enum with one variant per value plus a catch-all that keeps unknown values.
pub(crate) fn emit_enum(e: &EnumPlan) -> TokenStream {
    let rt = rt();
    let name = ident(&e.ident);
    let what = match &e.actual_type {
        Some(t) => format!("Enumeration (a .NET enum backed by `{t}`, WCF `ActualType`; the wire carries the names), type"),
        None => "Enumeration".to_owned(),
    };
    let doc = item_doc(e.doc.as_deref(), &e.xml_name, &what);
    let other = ident(&e.other);
    let variants = e.variants.iter().enumerate().map(|(i, (v, value))| {
        let v = ident(v);
        let doc = format!(" `{value}`");
        let default = if i == 0 { quote!(#[default]) } else { quote!() };
        quote!(#[doc = #doc] #default #v,)
    });
    let to = e.variants.iter().map(|(v, value)| {
        let v = ident(v);
        quote!(Self::#v => ::std::borrow::Cow::Borrowed(#value),)
    });
    let from = e.variants.iter().map(|(v, value)| {
        let v = ident(v);
        quote!(#value => Self::#v,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub enum #name {
            #(#variants)*
            /// A value this WSDL does not list, kept as received.
            #other(::std::string::String),
        }
        impl #rt::Redact for #name {}
        impl #rt::SimpleType for #name {
            fn to_lexical(&self) -> ::std::borrow::Cow<'_, str> {
                match self {
                    #(#to)*
                    Self::#other(value) => ::std::borrow::Cow::Borrowed(value.as_str()),
                }
            }
            fn from_lexical(s: &str) -> ::core::result::Result<Self, #rt::LexicalError> {
                ::core::result::Result::Ok(match s.trim() {
                    #(#from)*
                    other => Self::#other(other.to_owned()),
                })
            }
        }
    }
}

/// A WCF IsDictionary type: a newtype over an insertion-ordered map.
pub(crate) fn emit_dictionary(d: &DictionaryPlan) -> TokenStream {
    let rt = rt();
    let path = quote!();
    let name = ident(&d.ident);
    let doc = item_doc(d.doc.as_deref(), &d.xml_name, "WCF dictionary");
    let key = emit_ty(&d.key_ty, &path);
    let value = emit_ty(&d.value_ty, &path);
    let ns = ns_ref(&d.ns, &path);
    let (pair, k, v) = (&d.pair, &d.key, &d.value);
    let (map_ty, write, read) = if d.value_nillable {
        (
            quote!(#rt::IndexMap<#key, ::core::option::Option<#value>>),
            quote!(write_map_nillable),
            quote!(read_map_nillable),
        )
    } else {
        (
            quote!(#rt::IndexMap<#key, #value>),
            quote!(write_map),
            quote!(read_map),
        )
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name(pub #map_ty);
        impl #rt::Redact for #name {}
        impl ::core::ops::Deref for #name {
            type Target = #map_ty;
            fn deref(&self) -> &Self::Target { &self.0 }
        }
        impl ::core::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut Self::Target { &mut self.0 }
        }
        impl #rt::XmlContent for #name {
            fn write_content(&self, w: &mut #rt::XmlWriter) {
                #rt::#write(w, #ns, #pair, #k, #v, &self.0)
            }
            fn read_content(node: &#rt::XmlNode<'_, '_>) -> ::core::result::Result<Self, #rt::DecodeError> {
                #rt::#read(node, #ns, #pair, #k, #v).map(Self)
            }
        }
    }
}

/// A type alias (flag sets, restrictions without enumeration).
pub(crate) fn emit_alias(
    name: &str,
    xml_name: &str,
    doc: Option<&str>,
    target: &RustTy,
) -> TokenStream {
    let what = match target {
        RustTy::FlagSet(_) => "Flag set (`xs:list` of an enumeration)",
        RustTy::Vec(_) => "Collection (used as a `Vec` wherever it appears)",
        _ => "Simple type",
    };
    let doc = item_doc(doc, xml_name, what);
    let name = ident(name);
    let target = emit_ty(target, &quote!());
    quote! {
        #doc
        pub type #name = #target;
    }
}

/// A SOAP header struct: every header optional, read from wherever the envelope carries headers.
pub(crate) fn emit_headers(h: &HeaderStruct) -> TokenStream {
    let rt = rt();
    let name = ident(&h.ident);
    let list = h
        .elements
        .iter()
        .map(|q| format!("`{}`", q.local))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = emit_doc(Some(&format!("SOAP headers {list}.")));
    let fields = emit_fields_decl(&h.fields);
    let (derive, _, secret) = derives(&h.fields);
    let debug = if secret {
        emit_debug_impl(&h.ident, &h.fields)
    } else {
        quote!()
    };
    let write = emit_write_body(&h.fields);
    // Every header field is optional, so the parent is never needed for a "missing" error.
    let read = emit_read_body(&h.fields, quote!(nodes), false, quote!(()));
    let path = quote!();
    let known = h.fields.iter().map(|f| {
        let ns = ns_ref(&f.ns, &path);
        let name = &f.xml_name;
        quote!((#ns, #name))
    });
    let merge = h.fields.iter().map(|f| {
        let field = ident(&f.ident);
        quote! {
            if self.#field.is_none() {
                self.#field.clone_from(&defaults.#field);
            }
        }
    });
    quote! {
        #doc
        #derive
        pub struct #name { #fields }
        #debug
        impl #rt::SoapHeaders for #name {
            fn write_headers(&self, w: &mut #rt::XmlWriter) { #write }
            fn read_headers<'a, 'i: 'a>(nodes: &[#rt::XmlNode<'a, 'i>]) -> ::core::result::Result<Self, #rt::DecodeError> { #read }
            fn merge_defaults(&mut self, defaults: &Self) { #(#merge)* }
            fn understands(ns: &str, local: &str) -> bool {
                ::core::matches!((ns, local), #(#known)|*)
            }
        }
    }
}
