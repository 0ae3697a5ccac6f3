//! WCF dictionaries (`#[xml(map(...))]`), newtype simple types, `SoapHeaders` and
//! `RedactedDebug`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{DeriveInput, Fields, GenericArgument, LitStr, PathArguments, Result, Type};

use crate::attrs::{self, Container, MapAttr, Role};
use crate::rt;
use crate::shape::{peel_if, Wrap};
use crate::structs;

/// The `(K, V)` of an `IndexMap<K, V>` (any path ending in `IndexMap`).
fn map_args(ty: &Type) -> Option<(&Type, &Type)> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "IndexMap" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [k, v] => Some((k, v)),
        _ => None,
    }
}

/// A newtype over `IndexMap<K, V>` (values `Option<V>` when nillable): `XmlContent`,
/// `Deref` and `DerefMut` to the map.
pub fn expand_map(input: &DeriveInput, map: &MapAttr, c: &Container) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let field = match &input.data {
        syn::Data::Struct(s) => match &s.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => &u.unnamed[0],
            other => {
                // The fields of a tuple struct; the name of any other (its braces may span lines).
                let span = match other {
                    Fields::Unnamed(u) => u.span(),
                    _ => input.ident.span(),
                };
                return Err(syn::Error::new(
                    span,
                    "`map(...)` needs a newtype: `struct Name(IndexMap<K, V>);`",
                ));
            }
        },
        _ => {
            return Err(syn::Error::new(
                input.ident.span(),
                "`map(...)` needs a newtype struct",
            ))
        }
    };
    let map_ty = &field.ty;
    let Some((_, value)) = map_args(map_ty) else {
        return Err(syn::Error::new_spanned(
            map_ty,
            "`map(...)` needs an `IndexMap<K, V>` (values `Option<V>` when nillable)",
        ));
    };
    let ns = match &c.ns {
        Some(ns) => quote!(#ns),
        None => quote!(""),
    };
    let (entry, key, val) = (&map.entry, &map.key, &map.value);
    let (write, read) = if peel_if(value, Wrap::Option).is_some() {
        (quote!(write_map_nillable), quote!(read_map_nillable))
    } else {
        (quote!(write_map), quote!(read_map))
    };
    Ok(quote! {
        impl #impl_g #rt::XmlContent for #name #ty_g #where_c {
            fn write_content(&self, w: &mut #rt::XmlWriter) {
                #rt::#write(w, #ns, #entry, #key, #val, &self.0)
            }
            fn read_content(node: &mut #rt::XmlReader<'_>) -> #rt::Result<Self, #rt::DecodeError> {
                #rt::#read(node, #ns, #entry, #key, #val).map(Self)
            }
        }
        impl #impl_g #rt::Deref for #name #ty_g #where_c {
            type Target = #map_ty;
            fn deref(&self) -> &Self::Target { &self.0 }
        }
        impl #impl_g #rt::DerefMut for #name #ty_g #where_c {
            fn deref_mut(&mut self) -> &mut Self::Target { &mut self.0 }
        }
    })
}

/// `#[derive(SimpleType)]` on a newtype: the lexical form of the wrapped simple type (an
/// `xs:restriction` without enumeration).
pub fn expand_simple_newtype(input: &DeriveInput, fields: &Fields) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let Fields::Unnamed(u) = fields else {
        return Err(syn::Error::new(
            name.span(),
            "`SimpleType` on a struct needs a newtype: `struct Name(T);`",
        ));
    };
    if u.unnamed.len() != 1 {
        return Err(syn::Error::new(
            u.span(),
            "`SimpleType` on a struct needs exactly one field",
        ));
    }
    let ty = &u.unnamed[0].ty;
    Ok(quote! {
        impl #impl_g #rt::SimpleType for #name #ty_g #where_c {
            fn to_lexical(&self) -> #rt::Cow<'_, str> {
                #rt::SimpleType::to_lexical(&self.0)
            }
            fn from_lexical(s: &str) -> #rt::Result<Self, #rt::LexicalError> {
                <#ty as #rt::SimpleType>::from_lexical(s).map(Self)
            }
        }
    })
}

/// `#[derive(SoapHeaders)]`: every field an optional header element (the struct also derives
/// `XmlContent`, whose field decoding this reuses).
pub fn expand_headers(input: &DeriveInput) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let c = attrs::container(&input.attrs)?;
    let syn::Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`SoapHeaders` needs a struct with named fields",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`SoapHeaders` needs a struct with named fields",
        ));
    };
    // The names and namespaces are the ones `XmlContent` reads and writes.
    let mut merges = Vec::new();
    let mut known = Vec::new();
    for f in structs::analyse(named, &c)? {
        if f.member.role != Role::Element {
            return Err(syn::Error::new(
                f.member.role_span,
                format!(
                    "`{}` does not apply here: every SOAP header is an optional element: \
                     `Option<T>`",
                    f.member.role.name()
                ),
            ));
        }
        if peel_if(&f.field.ty, Wrap::Option).is_none() {
            return Err(syn::Error::new_spanned(
                &f.field.ty,
                "every SOAP header is an optional element: `Option<T>`",
            ));
        }
        let (ident, ns, xml) = (f.ident, &f.ns, &f.name);
        merges.push(quote! {
            if self.#ident.is_none() {
                self.#ident.clone_from(&defaults.#ident);
            }
        });
        known.push(quote!((#ns, #xml)));
    }
    let understands = if known.is_empty() {
        quote!(let _ = (ns, local); false)
    } else {
        quote!(#rt::matches!((ns, local), #(#known)|*))
    };
    let defaults = if merges.is_empty() {
        quote!(let _ = defaults;)
    } else {
        quote!()
    };
    Ok(quote! {
        impl #impl_g #rt::SoapHeaders for #name #ty_g #where_c {
            type HeaderSlots = <Self as #rt::XmlFields>::Slots;
            const EMPTY_HEADERS: Self::HeaderSlots = <Self as #rt::XmlFields>::EMPTY_SLOTS;
            fn write_headers(&self, w: &mut #rt::XmlWriter) {
                #rt::XmlFields::write_children(self, w)
            }
            fn read_block(
                slots: &mut Self::HeaderSlots,
                block: &mut #rt::XmlReader<'_>,
            ) -> #rt::Result<bool, #rt::DecodeError> {
                <Self as #rt::XmlFields>::read_child(slots, block)
            }
            fn finish_blocks(slots: Self::HeaderSlots) -> #rt::Result<Self, #rt::DecodeError> {
                <Self as #rt::XmlFields>::finish(slots, #rt::None)
            }
            fn merge_defaults(&mut self, defaults: &Self) {
                #defaults
                #(#merges)*
            }
            fn understands(ns: &str, local: &str) -> bool {
                #understands
            }
        }
    })
}

/// `#[derive(RedactedDebug)]`: `Debug` that prints `#[xml(secret)]` fields as `"<redacted>"`
/// (or `None` when an `Option` is empty).
pub fn expand_debug(input: &DeriveInput) -> Result<TokenStream> {
    let name = &input.ident;
    let label = LitStr::new(&name.to_string(), name.span());
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let rt = rt();
    let entry = |field: &syn::Field, access: TokenStream| -> Result<TokenStream> {
        let member = attrs::member(&field.attrs, field.span())?;
        Ok(if member.secret {
            let absent = if peel_if(&field.ty, Wrap::Option).is_some() {
                quote!(#access.is_none())
            } else {
                quote!(false)
            };
            quote!(&#rt::redacted(#absent))
        } else {
            quote!(&#access)
        })
    };
    let body = match &input.data {
        syn::Data::Struct(s) => match &s.fields {
            Fields::Named(named) => {
                let mut parts = Vec::new();
                for field in &named.named {
                    let Some(ident) = &field.ident else { continue };
                    let shown =
                        LitStr::new(ident.to_string().trim_start_matches("r#"), ident.span());
                    let value = entry(field, quote!(self.#ident))?;
                    parts.push(quote!(.field(#shown, #value)));
                }
                quote!(f.debug_struct(#label) #(#parts)* .finish())
            }
            Fields::Unnamed(u) => {
                let mut parts = Vec::new();
                for (i, field) in u.unnamed.iter().enumerate() {
                    let index = syn::Index::from(i);
                    let value = entry(field, quote!(self.#index))?;
                    parts.push(quote!(.field(#value)));
                }
                quote!(f.debug_tuple(#label) #(#parts)* .finish())
            }
            Fields::Unit => quote!(f.write_str(#label)),
        },
        _ => {
            return Err(syn::Error::new(
                name.span(),
                "`RedactedDebug` supports structs; derive `Debug` on enums",
            ))
        }
    };
    Ok(quote! {
        impl #impl_g #rt::fmt::Debug for #name #ty_g #where_c {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                #body
            }
        }
    })
}
