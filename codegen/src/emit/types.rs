//! Type items as declarations: doc comment, derives, `#[xml(...)]` attributes, fields. All
//! behaviour comes from the runtime's derives.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::{emit_doc, emit_ty, escape_doc, ident, ns_ref};
use crate::naming;
use crate::plan::{
    Cardinality, ChoicePlan, Content, DictionaryPlan, EnumPlan, FieldPlan, HeaderStruct, Role,
    RustTy, StructPlan,
};

fn item_doc(doc: Option<&str>, xml_name: &str, what: &str) -> TokenStream {
    let text = match doc {
        Some(d) => format!("{}\n\n{what} `{xml_name}`.", escape_doc(d)),
        None => format!("{what} `{xml_name}`."),
    };
    emit_doc(Some(&text))
}

/// A rename rule of the derive, and how it names an identifier.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    Verbatim,
    Pascal,
    Camel,
}

impl Rule {
    fn apply(self, ident: &str) -> String {
        match self {
            Rule::Verbatim => naming::derive_verbatim(ident),
            Rule::Pascal => naming::derive_pascal_case(ident),
            Rule::Camel => naming::derive_camel_case(ident),
        }
    }

    fn attr(self) -> TokenStream {
        match self {
            Rule::Verbatim => quote!(),
            Rule::Pascal => quote!(rename_all = "PascalCase"),
            Rule::Camel => quote!(rename_all = "camelCase"),
        }
    }
}

/// The rule that names the most of `(ident, xml name)` pairs (verbatim on ties, so no attribute
/// is written when it does not help).
fn best_rule<'a>(names: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Rule {
    [Rule::Verbatim, Rule::Pascal, Rule::Camel]
        .into_iter()
        .max_by_key(|rule| {
            let hits = names.clone().filter(|(i, x)| rule.apply(i) == *x).count();
            (hits, std::cmp::Reverse(*rule))
        })
        .unwrap_or(Rule::Verbatim)
}

/// The namespace most fields are in: the container's `ns`, so fields only name exceptions.
fn common_ns<'a>(namespaces: impl Iterator<Item = &'a str>) -> &'a str {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for ns in namespaces {
        *counts.entry(ns).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(ns, n)| (*n, std::cmp::Reverse(*ns)))
        .map_or("", |(ns, _)| ns)
}

/// `#[xml(ns = NS, rename_all = "…", …)]` of a container; nothing when empty.
fn container_attr(ns: &str, rule: Rule, extra: TokenStream) -> TokenStream {
    let mut parts = Vec::new();
    if !ns.is_empty() {
        let ns = ns_ref(ns, &quote!());
        parts.push(quote!(ns = #ns));
    }
    let rule = rule.attr();
    if !rule.is_empty() {
        parts.push(rule);
    }
    if !extra.is_empty() {
        parts.push(extra);
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[xml(#(#parts),*)])
    }
}

/// `items = "string"` or `items(name = "string", ns = NS)` per level of an array.
fn items_parts(content: &Content, field_ns: &str, out: &mut Vec<TokenStream>) {
    if let Content::Array {
        item_ns,
        item_name,
        item,
        ..
    } = content
    {
        if item_ns == field_ns {
            out.push(quote!(items = #item_name));
        } else {
            let ns = ns_ref(item_ns, &quote!());
            out.push(quote!(items(name = #item_name, ns = #ns)));
        }
        items_parts(item, field_ns, out);
    }
}

/// Whether the field's XML name is written through `rename`/`rename_all` (elements and
/// attributes) rather than not at all.
fn is_named(f: &FieldPlan) -> bool {
    matches!(
        f.role,
        Role::Element | Role::Attribute { .. } | Role::SoapArray { .. }
    )
}

fn field_doc(f: &FieldPlan) -> String {
    let what = match &f.role {
        Role::Element | Role::SoapArray { .. } => format!("Element `{}`.", f.xml_name),
        Role::Attribute { .. } => format!("Attribute `{}`.", f.xml_name),
        Role::Text => "The element's text.".to_owned(),
        Role::Flatten => "One of the alternatives, inline.".to_owned(),
        Role::Any { .. } => "Child elements of any other name (`xs:any`), kept as XML.".to_owned(),
        Role::AnyAttribute => "Attributes of any other name (`xs:anyAttribute`).".to_owned(),
    };
    match &f.doc {
        Some(d) => format!("{}\n\n{what}", escape_doc(d)),
        None => what,
    }
}

fn emit_field(f: &FieldPlan, ns: &str, rule: Rule) -> TokenStream {
    let name = ident(&f.ident);
    let ty = emit_ty(&f.ty, &quote!());
    let doc = emit_doc(Some(&field_doc(f)));
    let mut parts = Vec::new();
    match &f.role {
        Role::Element | Role::SoapArray { .. } => {}
        Role::Attribute { .. } => parts.push(quote!(attribute)),
        Role::Text => parts.push(quote!(text)),
        Role::Flatten => parts.push(quote!(flatten)),
        Role::Any {
            only: None,
            not: None,
        } => parts.push(quote!(any)),
        Role::Any {
            only: Some(list), ..
        } => {
            let list = list.iter().map(|ns| ns_ref(ns, &quote!()));
            parts.push(quote!(any(ns = [#(#list),*])));
        }
        Role::Any { not: Some(ns), .. } => {
            let ns = ns_ref(ns, &quote!());
            parts.push(quote!(any(not_ns = #ns)));
        }
        Role::AnyAttribute => parts.push(quote!(any_attribute)),
    }
    if is_named(f) && rule.apply(&f.ident) != f.xml_name {
        let xml = &f.xml_name;
        parts.push(quote!(rename = #xml));
    }
    // Elements default to the container's namespace, attributes to none.
    let default_ns = match f.role {
        Role::Attribute { .. } => "",
        _ => ns,
    };
    if is_named(f) && f.ns != default_ns {
        let field_ns = if f.ns.is_empty() {
            quote!("")
        } else {
            ns_ref(&f.ns, &quote!())
        };
        parts.push(quote!(ns = #field_ns));
    }
    if let Role::Attribute { default, fixed } = &f.role {
        if let Some(d) = default {
            parts.push(quote!(default = #d));
        }
        if let Some(v) = fixed {
            parts.push(quote!(fixed = #v));
        }
    }
    if let Role::SoapArray { item_type, item_ns } = &f.role {
        let item_ns = if item_ns.is_empty() {
            quote!("")
        } else {
            ns_ref(item_ns, &quote!())
        };
        parts.push(quote!(soap_array(item_type = #item_type, item_ns = #item_ns)));
    }
    if let Some((name, type_ns)) = &f.xsi_type {
        let type_ns = if type_ns.is_empty() {
            quote!("")
        } else {
            ns_ref(type_ns, &quote!())
        };
        parts.push(quote!(xsi_type(name = #name, ns = #type_ns)));
    }
    if f.card == Cardinality::Nillable && f.role == Role::Element {
        parts.push(quote!(nillable));
    }
    items_parts(&f.content, &f.ns, &mut parts);
    if f.secret {
        parts.push(quote!(secret));
    }
    let attr = if parts.is_empty() {
        quote!()
    } else {
        quote!(#[xml(#(#parts),*)])
    };
    quote! {
        #doc
        #attr
        pub #name: #ty,
    }
}

/// The derives of a struct: `RedactedDebug` instead of `Debug` when a field is secret.
fn struct_derives(fields: &[FieldPlan], headers: bool, default: bool) -> TokenStream {
    let secret = fields.iter().any(|f| f.secret);
    let mut derives = Vec::new();
    if !secret {
        derives.push(quote!(Debug));
    }
    derives.push(quote!(Clone));
    if default {
        derives.push(quote!(Default));
    }
    derives.extend([quote!(PartialEq), quote!(XmlContent)]);
    if headers {
        derives.push(quote!(SoapHeaders));
    }
    if secret {
        derives.push(quote!(RedactedDebug));
    }
    quote!(#[derive(#(#derives),*)])
}

fn emit_fields(fields: &[FieldPlan]) -> (TokenStream, &str, Rule) {
    let ns = common_ns(
        fields
            .iter()
            .filter(|f| matches!(f.role, Role::Element | Role::SoapArray { .. }))
            .map(|f| f.ns.as_str()),
    );
    let rule = best_rule(
        fields
            .iter()
            .filter(|f| is_named(f))
            .map(|f| (f.ident.as_str(), f.xml_name.as_str())),
    );
    let decls = fields.iter().map(|f| emit_field(f, ns, rule));
    (quote!(#(#decls)*), ns, rule)
}

/// A struct for a complex type.
pub(crate) fn emit_struct(s: &StructPlan) -> TokenStream {
    let name = ident(&s.ident);
    let what = match &s.extends {
        Some(base) => format!("Complex type (extends `{base}`, whose fields come first)"),
        None => "Complex type".to_owned(),
    };
    let doc = item_doc(s.doc.as_deref(), &s.xml_name, &what);
    let derive = struct_derives(&s.fields, false, s.default);
    let (fields, ns, rule) = emit_fields(&s.fields);
    let attr = container_attr(ns, rule, if s.group { quote!(group) } else { quote!() });
    quote! {
        #doc
        #derive
        #attr
        pub struct #name { #fields }
    }
}

/// An enum with one variant per value plus a catch-all that keeps unknown values.
pub(crate) fn emit_enum(e: &EnumPlan) -> TokenStream {
    let name = ident(&e.ident);
    let what = match &e.actual_type {
        Some(t) => format!("Enumeration (a .NET enum backed by `{t}`, WCF `ActualType`; the wire carries the names), type"),
        None => "Enumeration".to_owned(),
    };
    let doc = item_doc(e.doc.as_deref(), &e.xml_name, &what);
    let other = ident(&e.other);
    let variants = e.variants.iter().enumerate().map(|(i, (v, value))| {
        let doc = format!(" `{value}`");
        let default = if i == 0 { quote!(#[default]) } else { quote!() };
        let rename = if naming::derive_verbatim(v) == *value {
            quote!()
        } else {
            quote!(#[xml(rename = #value)])
        };
        let v = ident(v);
        quote!(#[doc = #doc] #default #rename #v,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, SimpleType)]
        pub enum #name {
            #(#variants)*
            /// A value this WSDL does not list, kept as received.
            #[xml(other)]
            #other(::std::string::String),
        }
    }
}

/// An enum of element alternatives (`#[xml(choice)]`) or of derived types (`#[xml(polymorphic)]`).
pub(crate) fn emit_choice(c: &ChoicePlan) -> TokenStream {
    let name = ident(&c.ident);
    let (what, kind) = if c.polymorphic && c.abstract_base {
        (
            "A value of a type derived from the abstract type, told apart by `xsi:type`; base",
            quote!(polymorphic(abstract_base)),
        )
    } else if c.polymorphic {
        (
            "A value of this type or of a type derived from it, told apart by `xsi:type`; base",
            quote!(polymorphic),
        )
    } else {
        ("One of the alternatives of", quote!(choice))
    };
    let doc = item_doc(c.doc.as_deref(), &c.xml_name, what);
    let ns = common_ns(c.variants.iter().map(|v| v.ns.as_str()));
    let rule = best_rule(
        c.variants
            .iter()
            .map(|v| (v.ident.as_str(), v.xml_name.as_str())),
    );
    let variants = c.variants.iter().map(|v| {
        let vname = ident(&v.ident);
        let ty = emit_ty(&v.ty, &quote!());
        let mut parts = Vec::new();
        if rule.apply(&v.ident) != v.xml_name {
            let xml = &v.xml_name;
            parts.push(quote!(rename = #xml));
        }
        if v.ns != ns {
            let vns = if v.ns.is_empty() {
                quote!("")
            } else {
                ns_ref(&v.ns, &quote!())
            };
            parts.push(quote!(ns = #vns));
        }
        let attr = if parts.is_empty() {
            quote!()
        } else {
            quote!(#[xml(#(#parts),*)])
        };
        let what = if c.polymorphic { "Type" } else { "Element" };
        let vdoc = match &v.doc {
            Some(d) => format!("{}\n\n{what} `{}`.", escape_doc(d), v.xml_name),
            None => format!("{what} `{}`.", v.xml_name),
        };
        let vdoc = emit_doc(Some(&vdoc));
        quote!(#vdoc #attr #vname(#ty),)
    });
    let attr = container_attr(ns, rule, kind);
    // Alternatives holding structs can differ much in size; boxing them all would cost every
    // user, so the lint is allowed where it can fire.
    let holds_struct = c
        .variants
        .iter()
        .any(|v| matches!(&v.ty, RustTy::Named(_) | RustTy::Vec(_)));
    let allow = if holds_struct {
        quote!(#[allow(clippy::large_enum_variant)])
    } else {
        quote!()
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, XmlContent)]
        #attr
        #allow
        pub enum #name { #(#variants)* }
    }
}

/// A union: the first member type whose lexical space holds the value.
pub(crate) fn emit_union(
    name: &str,
    xml_name: &str,
    doc: Option<&str>,
    variants: &[(String, RustTy)],
) -> TokenStream {
    let doc = item_doc(
        doc,
        xml_name,
        "Union (members tried in order) of simple types",
    );
    let name = ident(name);
    let variants = variants.iter().map(|(v, ty)| {
        let v = ident(v);
        let ty = emit_ty(ty, &quote!());
        quote!(#v(#ty),)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, SimpleType)]
        pub enum #name { #(#variants)* }
    }
}

/// A WCF IsDictionary type: a newtype over an insertion-ordered map.
pub(crate) fn emit_dictionary(d: &DictionaryPlan) -> TokenStream {
    let path = quote!();
    let name = ident(&d.ident);
    let doc = item_doc(d.doc.as_deref(), &d.xml_name, "WCF dictionary");
    let key = emit_ty(&d.key_ty, &path);
    let value = emit_ty(&d.value_ty, &path);
    let value = if d.value_nillable {
        quote!(::core::option::Option<#value>)
    } else {
        value
    };
    let (pair, k, v) = (&d.pair, &d.key, &d.value);
    let attr = container_attr(
        &d.ns,
        Rule::Verbatim,
        quote!(map(entry = #pair, key = #k, value = #v)),
    );
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
        #attr
        pub struct #name(pub ::soap_runtime::__private::IndexMap<#key, #value>);
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
        RustTy::List(_) => "List (`xs:list`)",
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
    let name = ident(&h.ident);
    let list = h
        .elements
        .iter()
        .map(|q| format!("`{}`", q.local))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = emit_doc(Some(&format!("SOAP headers {list}.")));
    let derive = struct_derives(&h.fields, true, true);
    let (fields, ns, rule) = emit_fields(&h.fields);
    let attr = container_attr(ns, rule, quote!());
    quote! {
        #doc
        #derive
        #attr
        pub struct #name { #fields }
    }
}
