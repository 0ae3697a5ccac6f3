//! `#[derive(XmlContent)]` on a struct with named fields: an `XmlFields` impl (a slots struct,
//! one match arm per element, one test per attribute) and an `XmlContent` impl delegating to it.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{DeriveInput, Field, Ident, LitStr, Result};

use crate::attrs::{self, AnyFilter, Container, Member, Role};
use crate::rt;
use crate::shape::{self, peel_if, ElementField, Wrap};

/// One analysed field.
pub struct FieldInfo<'a> {
    pub field: &'a Field,
    pub ident: &'a Ident,
    pub member: Member,
    /// XML name (elements and attributes).
    pub name: LitStr,
    /// Namespace tokens.
    pub ns: TokenStream,
    pub element: Option<ElementField>,
}

pub fn analyse<'a>(
    fields: &'a syn::FieldsNamed,
    container: &Container,
) -> Result<Vec<FieldInfo<'a>>> {
    let mut out = Vec::new();
    let mut text_seen = false;
    for field in &fields.named {
        let Some(ident) = field.ident.as_ref() else {
            continue;
        };
        let member = attrs::member(&field.attrs, ident.span())?;
        let name = attrs::xml_name(&member, ident, container.rename_all);
        // Attributes are unqualified unless given a namespace (attributeFormDefault).
        let ns = match (&member.ns, member.role) {
            (None, Role::Attribute) => quote!(""),
            _ => member.element_ns(container),
        };
        if member.other {
            return Err(syn::Error::new(
                member.key_span("other"),
                "`other` belongs on a variant of a `SimpleType` enum, not on a field",
            ));
        }
        let element = match member.role {
            Role::Element => Some(shape::element_field(&field.ty, &member, &ns)?),
            role => {
                if let Some((key, span)) =
                    member
                        .keys
                        .first_of(&["items", "nillable", "soap_array", "xsi_type"])
                {
                    return Err(syn::Error::new(
                        span,
                        format!(
                            "`{key}` applies to element fields only, not to `{}` fields",
                            role.name()
                        ),
                    ));
                }
                if role != Role::Attribute {
                    if let Some((key, span)) = member.keys.first_of(&["default", "fixed"]) {
                        return Err(syn::Error::new(
                            span,
                            format!(
                                "`{key}` applies to attribute fields only, not to `{}` fields",
                                role.name()
                            ),
                        ));
                    }
                }
                if role == Role::Text {
                    if text_seen {
                        return Err(syn::Error::new(
                            member.role_span,
                            "only one field can hold the text content",
                        ));
                    }
                    text_seen = true;
                }
                let catch_all = match role {
                    Role::Any => Some("AnyElement"),
                    Role::AnyAttribute => Some("AnyAttribute"),
                    _ => None,
                };
                if let Some(item) = catch_all {
                    if peel_if(&field.ty, Wrap::Vec).is_none() {
                        return Err(syn::Error::new_spanned(
                            &field.ty,
                            format!(
                                "an `{}` field must be a `Vec<{item}>` (it collects what no other \
                                 field takes)",
                                role.name()
                            ),
                        ));
                    }
                }
                None
            }
        };
        if member.role == Role::Element {
            if let Some((key, span)) = member.keys.first_of(&["default", "fixed"]) {
                return Err(syn::Error::new(
                    span,
                    format!(
                        "`{key}` applies to attribute fields only; this field is an element \
                         (`#[xml(attribute, {key} = \"...\")]` makes it an attribute)"
                    ),
                ));
            }
        }
        out.push(FieldInfo {
            field,
            ident,
            member,
            name,
            ns,
            element,
        });
    }
    Ok(out)
}

fn slot_ident(i: usize) -> Ident {
    format_ident!("f{}", i)
}

/// The `XmlFields` impl and the slots struct, inside a `const _` block with the other impls.
pub fn expand_fields(input: &DeriveInput, fields: &[FieldInfo<'_>]) -> Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let gparams = &input.generics.params;
    let gwhere = &input.generics.where_clause;

    let mut slot_decls = Vec::new();
    let mut slot_defaults = Vec::new();
    let mut arms = Vec::new();
    let mut child_fallbacks = Vec::new();
    let mut child_any = None;
    let mut attr_tests = Vec::new();
    let mut attr_fallbacks = Vec::new();
    let mut attr_any = None;
    let mut text_read = None;
    let mut finish = Vec::new();
    let mut write_attrs = Vec::new();
    let mut write_children = Vec::new();

    for (i, f) in fields.iter().enumerate() {
        let slot = slot_ident(i);
        let ident = f.ident;
        let ty = &f.field.ty;
        let (ns, xml) = (&f.ns, &f.name);
        let slot_ty = match (f.member.role, &f.element) {
            (Role::Element, Some(e)) => shape::slot_type(e, ty),
            (Role::Attribute, _) => match peel_if(ty, Wrap::Option) {
                Some(_) => quote!(#ty),
                None => quote!(#rt::Option<#ty>),
            },
            (Role::Text, _) => quote!(#rt::String),
            (Role::Flatten, _) => quote!(<#ty as #rt::XmlFields>::Slots),
            _ => quote!(#ty),
        };
        slot_decls.push(quote!(#slot: #slot_ty));
        let empty = match (f.member.role, &f.element) {
            (Role::Element, Some(e)) if !shape::is_repeated(e) => quote!(#rt::None),
            (Role::Attribute, _) => quote!(#rt::None),
            (Role::Text, _) => quote!(#rt::String::new()),
            (Role::Flatten, _) => quote!(<#ty as #rt::XmlFields>::EMPTY_SLOTS),
            _ => quote!(#rt::Vec::new()),
        };
        slot_defaults.push(quote!(#slot: #empty));

        match (f.member.role, &f.element) {
            (Role::Element, Some(e)) => {
                let read = shape::read_element(e, quote!(s.#slot));
                arms.push(quote!(#xml if child.in_ns(#ns) => { #read }));
                finish.push(if shape::is_required(e) {
                    quote!(#ident: s.#slot.ok_or_else(|| #rt::missing_element(parent, #ns, #xml))?)
                } else {
                    quote!(#ident: s.#slot)
                });
                write_children.push(shape::write_element(e, ns, xml, quote!(&self.#ident)));
            }
            (Role::Attribute, _) => {
                let check = f
                    .member
                    .fixed
                    .as_ref()
                    .map(|lit| quote!(#rt::check_fixed(attr, #lit)?;));
                attr_tests.push(quote! {
                    if attr.is(#ns, #xml) {
                        #check
                        s.#slot = #rt::Some(#rt::read_attribute_value(attr)?);
                        return #rt::Ok(true);
                    }
                });
                let optional = peel_if(ty, Wrap::Option).is_some();
                let default = f.member.default.as_ref().or(f.member.fixed.as_ref());
                finish.push(match (optional, default) {
                    (true, _) => quote!(#ident: s.#slot),
                    (false, Some(lit)) => quote!(#ident: match s.#slot {
                        #rt::Some(v) => v,
                        #rt::None => #rt::attribute_default(#lit, parent, #xml)?,
                    }),
                    (false, None) => quote!(#ident: s.#slot.ok_or_else(|| #rt::missing_attribute(parent, #ns, #xml))?),
                });
                write_attrs.push(if optional {
                    quote! {
                        if let #rt::Some(v) = &self.#ident {
                            #rt::write_attribute(w, #ns, #xml, v);
                        }
                    }
                } else {
                    quote!(#rt::write_attribute(w, #ns, #xml, &self.#ident);)
                });
            }
            (Role::Text, _) => {
                text_read = Some(quote! {
                    s.#slot.push_str(text);
                    #rt::Ok(true)
                });
                finish.push(quote!(#ident: #rt::read_text_value(s.#slot, parent)?));
                write_children.push(quote!(w.text(&#rt::SimpleType::to_lexical(&self.#ident));));
            }
            (Role::Flatten, _) => {
                child_fallbacks.push(quote! {
                    if <#ty as #rt::XmlFields>::read_child(&mut s.#slot, child)? {
                        return #rt::Ok(true);
                    }
                });
                attr_fallbacks.push(quote! {
                    if <#ty as #rt::XmlFields>::read_attribute(&mut s.#slot, attr)? {
                        return #rt::Ok(true);
                    }
                });
                finish.push(quote!(#ident: <#ty as #rt::XmlFields>::finish(s.#slot, parent)?));
                write_attrs.push(quote!(#rt::XmlFields::write_attributes(&self.#ident, w);));
                write_children.push(quote!(#rt::XmlFields::write_children(&self.#ident, w);));
            }
            (Role::Any, _) => {
                if child_any.is_some() {
                    return Err(syn::Error::new(
                        f.member.role_span,
                        "only one field can be `any`",
                    ));
                }
                let filter = match &f.member.any_filter {
                    None => None,
                    Some(AnyFilter::NotNs(ns)) => Some(quote! {{
                        let n = child.namespace();
                        n.is_empty() || n == #ns
                    }}),
                    Some(AnyFilter::Ns(list)) => {
                        Some(quote!(![#(#list),*].contains(&child.namespace())))
                    }
                };
                let filter = filter.map(|skip| quote!(if #skip { return #rt::Ok(false); }));
                child_any = Some(quote! {{
                    #filter
                    s.#slot.push(#rt::AnyElement::capture(child)?);
                    #rt::Ok(true)
                }});
                finish.push(quote!(#ident: s.#slot));
                write_children.push(quote!(for e in &self.#ident { e.write(w); }));
            }
            (Role::AnyAttribute, _) => {
                if attr_any.is_some() {
                    return Err(syn::Error::new(
                        f.member.role_span,
                        "only one field can be `any_attribute`",
                    ));
                }
                attr_any = Some(quote! {{
                    s.#slot.push(#rt::AnyAttribute::capture(attr));
                    #rt::Ok(true)
                }});
                finish.push(quote!(#ident: s.#slot));
                write_attrs.push(quote!(for a in &self.#ident { a.write(w); }));
            }
            (Role::Element, None) => {
                return Err(syn::Error::new(
                    Span::call_site(),
                    "internal: element not analysed",
                ))
            }
        }
    }

    let has_attrs = !attr_tests.is_empty() || !attr_fallbacks.is_empty() || attr_any.is_some();
    let child_last = child_any.unwrap_or_else(|| quote!(#rt::Ok(false)));
    let read_child = if arms.is_empty() {
        quote! {
            let _ = (&s, &child);
            #(#child_fallbacks)*
            #child_last
        }
    } else {
        quote! {
            match child.local_name() {
                #(#arms)*
                _ => {
                    #(#child_fallbacks)*
                    return #child_last;
                }
            }
            #rt::Ok(true)
        }
    };
    let attr_last = attr_any.unwrap_or_else(|| quote!(#rt::Ok(false)));
    let read_attribute = has_attrs.then(|| {
        quote! {
            fn read_attribute(s: &mut Self::Slots, attr: &#rt::XmlAttribute<'_>) -> #rt::Result<bool, #rt::DecodeError> {
                #(#attr_tests)*
                #(#attr_fallbacks)*
                #attr_last
            }
        }
    });
    let attributes_const = has_attrs.then(|| {
        quote!(
            const ATTRIBUTES: bool = true;
        )
    });
    let text_const = text_read.is_some().then(|| {
        quote!(
            const TEXT: bool = true;
        )
    });
    let read_text = text_read.map(|body| {
        quote! {
            fn read_text(s: &mut Self::Slots, text: &str) -> #rt::Result<bool, #rt::DecodeError> {
                #body
            }
        }
    });
    let write_attributes = (!write_attrs.is_empty()).then(|| {
        quote! {
            fn write_attributes(&self, w: &mut #rt::XmlWriter) { #(#write_attrs)* }
        }
    });
    let parent_binding = if fields.is_empty() {
        quote!(let _ = (parent, s);)
    } else {
        quote!(let _ = parent;)
    };
    let w_binding = if write_children.is_empty() {
        quote!(let _ = w;)
    } else {
        quote!()
    };
    // The content is written by one function: `write_content` when the type has no attributes
    // (`write_children`, needed only where the type is flattened or a header set, forwards to
    // it and is generated only where it is used), else `write_children` after the attributes.
    let (write_children_fn, write_content_body) = if write_attrs.is_empty() {
        (
            quote! {
                #[inline]
                fn write_children(&self, w: &mut #rt::XmlWriter) {
                    <Self as #rt::XmlContent>::write_content(self, w)
                }
            },
            quote! {
                #w_binding
                #(#write_children)*
            },
        )
    } else {
        (
            quote! {
                fn write_children(&self, w: &mut #rt::XmlWriter) {
                    #w_binding
                    #(#write_children)*
                }
            },
            quote! {
                #rt::XmlFields::write_attributes(self, w);
                #rt::XmlFields::write_children(self, w)
            },
        )
    };

    Ok(quote! {
        #[doc(hidden)]
        pub struct __Slots<#gparams> #gwhere { #(#slot_decls,)* }
        impl #impl_g #rt::XmlFields for #name #ty_g #where_c {
            type Slots = __Slots #ty_g;
            const EMPTY_SLOTS: Self::Slots = __Slots { #(#slot_defaults,)* };
            #attributes_const
            #text_const
            #read_attribute
            fn read_child(s: &mut Self::Slots, child: &mut #rt::XmlReader<'_>) -> #rt::Result<bool, #rt::DecodeError> {
                #read_child
            }
            #read_text
                            fn finish(s: Self::Slots, parent: #rt::Option<&#rt::XmlReader<'_>>) -> #rt::Result<Self, #rt::DecodeError> {
                #parent_binding
                #rt::Ok(Self { #(#finish,)* })
            }
            #write_attributes
            #write_children_fn
        }
        impl #impl_g #rt::XmlContent for #name #ty_g #where_c {
            fn write_content(&self, w: &mut #rt::XmlWriter) {
                #write_content_body
            }
            fn read_content(node: &mut #rt::XmlReader<'_>) -> #rt::Result<Self, #rt::DecodeError> {
                #rt::read_fields(node)
            }
        }
    })
}

/// `XmlGroup` and `XmlParticle` for a `#[xml(group)]` struct: a non-repeated element seen
/// again starts the next occurrence.
pub fn expand_group(input: &DeriveInput, fields: &[FieldInfo<'_>]) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let arms = fields.iter().enumerate().filter_map(|(i, f)| {
        let e = f.element.as_ref()?;
        if shape::is_repeated(e) {
            return None;
        }
        let slot = slot_ident(i);
        let (ns, xml) = (&f.ns, &f.name);
        Some(quote!(#xml if child.in_ns(#ns) => s.#slot.is_some(),))
    });
    quote! {
        impl #impl_g #rt::XmlGroup for #name #ty_g #where_c {
            fn occupied(s: &Self::Slots, child: &#rt::XmlReader<'_>) -> bool {
                let _ = s;
                match child.local_name() {
                    #(#arms)*
                    _ => false,
                }
            }
        }
        impl #impl_g #rt::XmlParticle for #name #ty_g #where_c {
            type State = (bool, <Self as #rt::XmlFields>::Slots);
            const EMPTY_STATE: Self::State = (false, <Self as #rt::XmlFields>::EMPTY_SLOTS);
            fn offer(s: &mut Self::State, child: &mut #rt::XmlReader<'_>) -> #rt::Result<#rt::Offer, #rt::DecodeError> {
                #rt::group_offer::<Self>(s, child)
            }
            fn started(s: &Self::State) -> bool {
                s.0
            }
            fn finish_occurrence(s: Self::State, parent: #rt::Option<&#rt::XmlReader<'_>>) -> #rt::Result<Self, #rt::DecodeError> {
                <Self as #rt::XmlFields>::finish(s.1, parent)
            }
            fn write_occurrence(&self, w: &mut #rt::XmlWriter) {
                #rt::XmlFields::write_children(self, w)
            }
        }
    }
}
