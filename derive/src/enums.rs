//! Enums: `xs:choice` / substitution groups (`#[xml(choice)]`), `xsi:type` polymorphism
//! (`#[xml(polymorphic)]`), and `#[derive(SimpleType)]` for enumerations and unions.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{DataEnum, DeriveInput, Fields, LitStr, Result, Type, Variant};

use crate::attrs::{self, Container, Member};
use crate::rt;
use crate::shape::{peel_if, Wrap};

struct Alt<'a> {
    variant: &'a Variant,
    member: Member,
    name: LitStr,
    ns: TokenStream,
    /// The payload type (`None` for a unit variant).
    ty: Option<&'a Type>,
}

fn alternatives<'a>(data: &'a DataEnum, c: &Container, what: &str) -> Result<Vec<Alt<'a>>> {
    let mut out = Vec::new();
    for variant in &data.variants {
        let member = attrs::member(&variant.attrs, variant.ident.span())?;
        if let Some((key, span)) = member.misplaced(&["other", "items", "xsi_type"]) {
            return Err(syn::Error::new(
                span,
                format!(
                    "`{key}` does not apply here: a {what} variant takes only `rename` and `ns`"
                ),
            ));
        }
        let ty = match &variant.fields {
            Fields::Unit => None,
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Some(&u.unnamed[0].ty),
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    format!("a {what} variant holds one value: `Name(T)`"),
                ))
            }
        };
        let name = attrs::xml_name(&member, &variant.ident, c.rename_all);
        let ns = member.element_ns(c);
        out.push(Alt {
            variant,
            member,
            name,
            ns,
            ty,
        });
    }
    if out.is_empty() {
        return Err(syn::Error::new(
            data.enum_token.span(),
            format!("a {what} needs at least one variant"),
        ));
    }
    Ok(out)
}

/// `#[xml(choice)]`: `XmlChoice`, `XmlFields` (exactly one alternative) and `XmlContent`.
pub fn expand_choice(input: &DeriveInput, data: &DataEnum, c: &Container) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let alts = alternatives(data, c, "choice")?;
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for alt in &alts {
        let (v, ns, xml) = (&alt.variant.ident, &alt.ns, &alt.name);
        if alt.member.nillable {
            return Err(syn::Error::new(
                alt.member.key_span("nillable"),
                "`nillable` is not supported on a choice alternative",
            ));
        }
        match alt.ty {
            None => {
                reads.push(quote!(#xml if child.in_ns(#ns) => { child.skip()?; Self::#v }));
                writes.push(quote!(Self::#v => w.element(#ns, #xml, &()),));
            }
            Some(ty) if peel_if(ty, Wrap::Box).is_some() => {
                reads.push(quote!(#xml if child.in_ns(#ns) => Self::#v(#rt::read_required_with(child, |n| #rt::XmlContent::read_content(n).map(#rt::Box::new))?),));
                writes.push(quote!(Self::#v(v) => w.element_with(#ns, #xml, v, |w, v| #rt::XmlContent::write_content(&**v, w)),));
            }
            Some(_) => {
                reads.push(
                    quote!(#xml if child.in_ns(#ns) => Self::#v(#rt::read_required(child)?),),
                );
                writes.push(quote!(Self::#v(v) => w.element(#ns, #xml, v),));
            }
        }
    }
    let expected = alts
        .iter()
        .map(|a| a.name.value())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(quote! {
        impl #impl_g #rt::XmlChoice for #name #ty_g #where_c {
            fn read_choice(child: &mut #rt::XmlReader<'_>) -> #rt::Result<#rt::Option<Self>, #rt::DecodeError> {
                #rt::Ok(#rt::Some(match child.local_name() {
                    #(#reads)*
                    _ => return #rt::Ok(#rt::None),
                }))
            }
            fn write_choice(&self, w: &mut #rt::XmlWriter) {
                match self { #(#writes)* }
            }
            fn expected() -> &'static str { #expected }
        }
        impl #impl_g #rt::XmlFields for #name #ty_g #where_c {
            type Slots = #rt::Option<Self>;
            const EMPTY_SLOTS: Self::Slots = #rt::None;
            fn read_child(s: &mut Self::Slots, child: &mut #rt::XmlReader<'_>) -> #rt::Result<bool, #rt::DecodeError> {
                #rt::choice_read_child(s, child)
            }
            fn finish(s: Self::Slots, parent: #rt::Option<&#rt::XmlReader<'_>>) -> #rt::Result<Self, #rt::DecodeError> {
                s.ok_or_else(|| #rt::missing_choice::<Self>(parent))
            }
            fn write_children(&self, w: &mut #rt::XmlWriter) {
                #rt::XmlChoice::write_choice(self, w)
            }
        }
        impl #impl_g #rt::XmlContent for #name #ty_g #where_c {
            fn write_content(&self, w: &mut #rt::XmlWriter) {
                #rt::XmlChoice::write_choice(self, w)
            }
            fn read_content(node: &mut #rt::XmlReader<'_>) -> #rt::Result<Self, #rt::DecodeError> {
                #rt::read_fields(node)
            }
        }
    })
}

/// `#[xml(polymorphic)]`: a value of the declared type (the first variant) or of a type derived
/// from it, told apart by `xsi:type` (`rename`/`ns` of each variant name the XSD type).
pub fn expand_polymorphic(
    input: &DeriveInput,
    data: &DataEnum,
    c: &Container,
) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let alts = alternatives(data, c, "polymorphic")?;
    let mut candidates = Vec::new();
    let mut reads = Vec::new();
    let mut fallback = TokenStream::new();
    let mut writes = Vec::new();
    for (i, alt) in alts.iter().enumerate() {
        let Some(ty) = alt.ty else {
            return Err(syn::Error::new(
                alt.variant.ident.span(),
                "a polymorphic variant holds the value of its type: `Name(T)`",
            ));
        };
        let (v, ns, xml) = (&alt.variant.ident, &alt.ns, &alt.name);
        candidates.push(quote!((#ns, #xml)));
        let (read, write) = match peel_if(ty, Wrap::Box) {
            Some(inner) => (
                quote!(Self::#v(#rt::Box::new(<#inner as #rt::XmlContent>::read_content(node)?))),
                quote!(#rt::XmlContent::write_content(&**v, w)),
            ),
            None => (
                quote!(Self::#v(<#ty as #rt::XmlContent>::read_content(node)?)),
                quote!(#rt::XmlContent::write_content(v, w)),
            ),
        };
        if i == 0 {
            // The declared type (or, when it is abstract, the first derived one): read when no
            // `xsi:type` (or another) is given; written without one unless the base is abstract.
            fallback = quote!(_ => #read,);
        }
        if i == 0 && !c.abstract_base {
            writes.push(quote!(Self::#v(v) => #write,));
        } else {
            writes.push(quote! {
                Self::#v(v) => {
                    #rt::write_xsi_type(w, #ns, #xml);
                    #write
                }
            });
            reads.push(quote!(#rt::Some(#i) => #read,));
        }
    }
    reads.push(fallback);
    Ok(quote! {
        impl #impl_g #rt::XmlContent for #name #ty_g #where_c {
            fn write_content(&self, w: &mut #rt::XmlWriter) {
                match self { #(#writes)* }
            }
            fn read_content(node: &mut #rt::XmlReader<'_>) -> #rt::Result<Self, #rt::DecodeError> {
                #rt::Ok(match #rt::xsi_type_index(node, &[#(#candidates),*]) {
                    #(#reads)*
                })
            }
        }
    })
}

/// `#[derive(SimpleType)]` on an enum: unit variants are enumeration values, an `#[xml(other)]`
/// variant holding a `String` keeps values not listed, and one-value variants are union members
/// tried in order.
pub fn expand_simple_enum(
    input: &DeriveInput,
    data: &DataEnum,
    c: &Container,
) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let label = LitStr::new(&name.to_string(), name.span());
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let mut to = Vec::new();
    let mut from_values = Vec::new();
    let mut from_members = Vec::new();
    let mut other = None;
    for variant in &data.variants {
        let member = attrs::member(&variant.attrs, variant.ident.span())?;
        let v = &variant.ident;
        if let Some((key, span)) = member.misplaced(&["ns", "items", "xsi_type"]) {
            return Err(syn::Error::new(
                span,
                format!(
                    "`{key}` does not apply here: an enumeration variant takes only `rename` or \
                     `other`"
                ),
            ));
        }
        match &variant.fields {
            Fields::Unit if !member.other => {
                let xml = attrs::xml_name(&member, v, c.rename_all);
                to.push(quote!(Self::#v => #rt::Cow::Borrowed(#xml),));
                from_values.push(quote!(#xml => return #rt::Ok(Self::#v),));
            }
            Fields::Unnamed(u) if u.unnamed.len() == 1 && member.other => {
                if other.is_some() {
                    return Err(syn::Error::new(
                        member.key_span("other"),
                        "only one variant can be `other`",
                    ));
                }
                other = Some(v);
                to.push(quote!(Self::#v(value) => #rt::Cow::Borrowed(value.as_str()),));
            }
            Fields::Unnamed(u) if u.unnamed.len() == 1 => {
                let ty = &u.unnamed[0].ty;
                to.push(quote!(Self::#v(value) => #rt::SimpleType::to_lexical(value),));
                from_members.push(quote! {
                    if let #rt::Ok(value) = <#ty as #rt::SimpleType>::from_lexical(s) {
                        return #rt::Ok(Self::#v(value));
                    }
                });
            }
            Fields::Unit => {
                return Err(syn::Error::new(
                    member.key_span("other"),
                    "an `other` variant holds the value not listed: `#[xml(other)] Name(String)`",
                ))
            }
            fields => {
                return Err(syn::Error::new_spanned(
                    fields,
                    "expected a unit variant (a value), `Name(T)` (a union member) or \
                     `#[xml(other)] Name(String)`",
                ))
            }
        }
    }
    let last = match other {
        Some(v) => quote!(#rt::Ok(Self::#v(trimmed.to_owned()))),
        None => quote!(#rt::Err(#rt::LexicalError::invalid(#label))),
    };
    Ok(quote! {
        impl #impl_g #rt::SimpleType for #name #ty_g #where_c {
            fn to_lexical(&self) -> #rt::Cow<'_, str> {
                match self { #(#to)* }
            }
            fn from_lexical(s: &str) -> #rt::Result<Self, #rt::LexicalError> {
                let trimmed = s.trim_matches([' ', '\t', '\r', '\n']);
                match trimmed {
                    #(#from_values)*
                    _ => {}
                }
                #(#from_members)*
                #last
            }
        }
    })
}
