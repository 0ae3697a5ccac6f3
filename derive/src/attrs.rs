//! `#[xml(...)]` attributes: parsed once into plain data, every misuse an error with a span.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::parse::Parse;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, LitStr, Result};

/// A namespace given as `ns = EXPR` (a string literal or a path to a `&str` constant).
#[derive(Clone)]
pub struct Ns(pub TokenStream);

impl Ns {
    pub fn empty() -> Self {
        Ns(quote!(""))
    }
}

impl ToTokens for Ns {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}

/// How field and variant names become XML names when not renamed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    /// As written (without `r#`).
    Verbatim,
    Pascal,
    Camel,
    Lower,
    Upper,
    Snake,
    ScreamingSnake,
    Kebab,
}

impl RenameRule {
    fn parse(lit: &LitStr) -> Result<Self> {
        Ok(match lit.value().as_str() {
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "verbatim" => RenameRule::Verbatim,
            _ => {
                return Err(syn::Error::new(
                    lit.span(),
                    "unknown rename rule; expected one of \"PascalCase\", \"camelCase\", \
                     \"lowercase\", \"UPPERCASE\", \"snake_case\", \"SCREAMING_SNAKE_CASE\", \
                     \"kebab-case\", \"verbatim\"",
                ))
            }
        })
    }

    /// Applies the rule to a Rust identifier (`snake_case` for fields, `PascalCase` for
    /// variants).
    pub fn apply(self, ident: &str) -> String {
        let ident = ident.trim_start_matches("r#");
        let words = split_words(ident);
        let cap = |w: &str| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        };
        match self {
            RenameRule::Verbatim => ident.to_owned(),
            RenameRule::Pascal => words.iter().map(|w| cap(w)).collect(),
            RenameRule::Camel => words
                .iter()
                .enumerate()
                .map(|(i, w)| if i == 0 { w.to_lowercase() } else { cap(w) })
                .collect(),
            RenameRule::Lower => words.concat().to_lowercase(),
            RenameRule::Upper => words.concat().to_uppercase(),
            RenameRule::Snake => words.join("_").to_lowercase(),
            RenameRule::ScreamingSnake => words.join("_").to_uppercase(),
            RenameRule::Kebab => words.join("-").to_lowercase(),
        }
    }
}

/// Words of a snake_case or PascalCase identifier.
fn split_words(ident: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in ident.split('_').filter(|p| !p.is_empty()) {
        let mut current = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            current.push(c);
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// The keys given in `#[xml(...)]`, in order, with their spans: errors point at the key.
#[derive(Default)]
pub struct Keys(Vec<(String, Span)>);

impl Keys {
    fn record(&mut self, path: &syn::Path) {
        if let Some(ident) = path.get_ident() {
            self.0.push((ident.to_string(), ident.span()));
        }
    }

    /// The first of `names` given (in source order), with its span.
    pub fn first_of<'n>(&self, names: &[&'n str]) -> Option<(&'n str, Span)> {
        self.0
            .iter()
            .find_map(|(key, span)| names.iter().find(|n| **n == key).map(|n| (*n, *span)))
    }
}

/// Container attributes.
pub struct Container {
    pub ns: Option<Ns>,
    pub rename_all: RenameRule,
    pub choice: bool,
    pub polymorphic: bool,
    /// `polymorphic(abstract_base)`: the declared type is abstract, so every variant (the first
    /// too) writes `xsi:type`.
    pub abstract_base: bool,
    pub group: bool,
    pub map: Option<MapAttr>,
    pub keys: Keys,
}

pub struct MapAttr {
    pub entry: LitStr,
    pub key: LitStr,
    pub value: LitStr,
}

/// One level of a wrapped array (`items = "string"` or `items(name = "string", ns = NS)`).
pub struct ItemsLevel {
    pub name: LitStr,
    pub ns: Option<Ns>,
}

/// A SOAP-encoded array field.
pub struct SoapArray {
    pub item: LitStr,
    pub item_type: LitStr,
    pub item_ns: Ns,
}

/// `xsi:type` written on an element field's elements (SOAP encoding).
#[derive(Clone)]
pub struct XsiType {
    pub name: LitStr,
    pub ns: Ns,
}

/// Which namespaces an `any` field takes (`xs:any/@namespace`).
pub enum AnyFilter {
    /// `##other`: qualified, and not in this namespace.
    NotNs(Ns),
    /// A list (`""` for unqualified, `##local`).
    Ns(Vec<Ns>),
}

/// What a field is in the XML.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Element,
    Attribute,
    Text,
    Flatten,
    Any,
    AnyAttribute,
}

impl Role {
    /// The key that gives the role (`element` for a field without one).
    pub fn name(self) -> &'static str {
        match self {
            Role::Element => "element",
            Role::Attribute => "attribute",
            Role::Text => "text",
            Role::Flatten => "flatten",
            Role::Any => "any",
            Role::AnyAttribute => "any_attribute",
        }
    }
}

/// Field (and variant) attributes.
pub struct Member {
    pub role: Role,
    pub role_span: Span,
    pub rename: Option<LitStr>,
    pub ns: Option<Ns>,
    pub nillable: bool,
    pub items: Vec<ItemsLevel>,
    pub secret: bool,
    pub default: Option<LitStr>,
    pub fixed: Option<LitStr>,
    pub other: bool,
    pub soap_array: Option<SoapArray>,
    pub xsi_type: Option<XsiType>,
    pub any_filter: Option<AnyFilter>,
    pub keys: Keys,
    /// The field or variant (for errors that no key is to blame for).
    pub span: Span,
}

impl Member {
    /// The first key that does not belong on an element variant: a kind other than element, or
    /// one of `keys`, with its span.
    pub fn misplaced<'n>(&self, keys: &[&'n str]) -> Option<(&'n str, Span)> {
        if self.role != Role::Element {
            return Some((self.role.name(), self.role_span));
        }
        self.keys.first_of(keys)
    }

    /// The element namespace: the member's own `ns`, else the container's, else none.
    pub fn element_ns(&self, container: &Container) -> TokenStream {
        match (&self.ns, &container.ns) {
            (Some(ns), _) | (None, Some(ns)) => quote!(#ns),
            (None, None) => quote!(""),
        }
    }

    /// Where `key` was given (the field or variant when it was not).
    pub fn key_span(&self, key: &str) -> Span {
        self.keys
            .first_of(&[key])
            .map_or(self.span, |(_, span)| span)
    }
}

fn xml_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("xml"))
}

fn parse_ns(meta: &syn::meta::ParseNestedMeta<'_>) -> Result<Ns> {
    let expr: Expr = meta.value()?.parse()?;
    match &expr {
        Expr::Lit(_) | Expr::Path(_) => Ok(Ns(expr.into_token_stream())),
        other => Err(syn::Error::new_spanned(
            other,
            "expected a string literal or the path of a `&str` constant",
        )),
    }
}

fn duplicate(span: Span, what: &str) -> syn::Error {
    syn::Error::new(span, format!("duplicate `{what}`"))
}

pub fn container(attrs: &[Attribute]) -> Result<Container> {
    let mut c = Container {
        ns: None,
        rename_all: RenameRule::Verbatim,
        choice: false,
        polymorphic: false,
        abstract_base: false,
        group: false,
        map: None,
        keys: Keys::default(),
    };
    let mut rename_seen = false;
    for attr in xml_attrs(attrs) {
        attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            c.keys.record(&meta.path);
            let combined =
                || syn::Error::new(span, "`choice` and `polymorphic` cannot be combined");
            if meta.path.is_ident("ns") {
                if c.ns.is_some() {
                    return Err(duplicate(span, "ns"));
                }
                c.ns = Some(parse_ns(&meta)?);
            } else if meta.path.is_ident("rename_all") {
                if rename_seen {
                    return Err(duplicate(span, "rename_all"));
                }
                rename_seen = true;
                c.rename_all = RenameRule::parse(&meta.value()?.parse()?)?;
            } else if meta.path.is_ident("choice") {
                if c.polymorphic {
                    return Err(combined());
                }
                c.choice = true;
            } else if meta.path.is_ident("group") {
                c.group = true;
            } else if meta.path.is_ident("all") {
                // `xs:all`: children in any order, each at most once. Reading is order-tolerant
                // for every type, so this only documents the schema.
            } else if meta.path.is_ident("polymorphic") {
                if c.choice {
                    return Err(combined());
                }
                c.polymorphic = true;
                if meta.input.peek(syn::token::Paren) {
                    meta.parse_nested_meta(|m| {
                        if m.path.is_ident("abstract_base") {
                            c.abstract_base = true;
                            Ok(())
                        } else {
                            Err(m.error("expected `abstract_base`"))
                        }
                    })?;
                }
            } else if meta.path.is_ident("map") {
                let (mut entry, mut key, mut value) = (None, None, None);
                meta.parse_nested_meta(|m| {
                    let slot = if m.path.is_ident("entry") {
                        &mut entry
                    } else if m.path.is_ident("key") {
                        &mut key
                    } else if m.path.is_ident("value") {
                        &mut value
                    } else {
                        return Err(m.error("expected `entry`, `key` or `value`"));
                    };
                    *slot = Some(m.value()?.parse::<LitStr>()?);
                    Ok(())
                })?;
                let missing = |what: &str| {
                    syn::Error::new(span, format!("`map(...)` needs `{what} = \"...\"`"))
                };
                c.map = Some(MapAttr {
                    entry: entry.ok_or_else(|| missing("entry"))?,
                    key: key.ok_or_else(|| missing("key"))?,
                    value: value.ok_or_else(|| missing("value"))?,
                });
            } else {
                return Err(meta.error(
                    "unknown container attribute; expected `ns`, `rename_all`, `choice`, `all`, \
                     `group`, `polymorphic` or `map(...)`",
                ));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

pub fn member(attrs: &[Attribute], default_span: Span) -> Result<Member> {
    let mut m = Member {
        role: Role::Element,
        role_span: default_span,
        rename: None,
        ns: None,
        nillable: false,
        items: Vec::new(),
        secret: false,
        default: None,
        fixed: None,
        other: false,
        soap_array: None,
        xsi_type: None,
        any_filter: None,
        keys: Keys::default(),
        span: default_span,
    };
    let mut role_set = false;
    for attr in xml_attrs(attrs) {
        attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            m.keys.record(&meta.path);
            let mut set_role = |role: Role, name: &str| {
                if role_set {
                    return Err(syn::Error::new(
                        span,
                        format!(
                            "`{name}` conflicts with `{}`: a field is one kind (an element by \
                             default, or `attribute`, `text`, `flatten`, `any`, `any_attribute`)",
                            m.role.name()
                        ),
                    ));
                }
                role_set = true;
                m.role = role;
                m.role_span = span;
                Ok(())
            };
            if meta.path.is_ident("attribute") {
                set_role(Role::Attribute, "attribute")?;
            } else if meta.path.is_ident("text") {
                set_role(Role::Text, "text")?;
            } else if meta.path.is_ident("flatten") {
                set_role(Role::Flatten, "flatten")?;
            } else if meta.path.is_ident("any") {
                set_role(Role::Any, "any")?;
                if meta.input.peek(syn::token::Paren) {
                    m.any_filter = Some(parse_any_filter(&meta)?);
                }
            } else if meta.path.is_ident("any_attribute") {
                set_role(Role::AnyAttribute, "any_attribute")?;
            } else if meta.path.is_ident("rename") {
                if m.rename.is_some() {
                    return Err(duplicate(span, "rename"));
                }
                m.rename = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("ns") {
                if m.ns.is_some() {
                    return Err(duplicate(span, "ns"));
                }
                m.ns = Some(parse_ns(&meta)?);
            } else if meta.path.is_ident("nillable") {
                m.nillable = true;
            } else if meta.path.is_ident("secret") {
                m.secret = true;
            } else if meta.path.is_ident("other") {
                m.other = true;
            } else if meta.path.is_ident("default") {
                m.default = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("fixed") {
                m.fixed = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("items") {
                if meta.input.peek(syn::Token![=]) {
                    m.items.push(ItemsLevel {
                        name: meta.value()?.parse()?,
                        ns: None,
                    });
                } else {
                    let (mut name, mut ns) = (None, None);
                    meta.parse_nested_meta(|i| {
                        if i.path.is_ident("name") {
                            name = Some(i.value()?.parse::<LitStr>()?);
                        } else if i.path.is_ident("ns") {
                            ns = Some(parse_ns(&i)?);
                        } else {
                            return Err(i.error("expected `name` or `ns`"));
                        }
                        Ok(())
                    })?;
                    let name = name.ok_or_else(|| {
                        syn::Error::new(span, "`items(...)` needs `name = \"...\"`")
                    })?;
                    m.items.push(ItemsLevel { name, ns });
                }
            } else if meta.path.is_ident("xsi_type") {
                if m.xsi_type.is_some() {
                    return Err(duplicate(span, "xsi_type"));
                }
                let (mut name, mut ns) = (None, None);
                meta.parse_nested_meta(|i| {
                    if i.path.is_ident("name") {
                        name = Some(i.value()?.parse::<LitStr>()?);
                    } else if i.path.is_ident("ns") {
                        ns = Some(parse_ns(&i)?);
                    } else {
                        return Err(i.error("expected `name` or `ns`"));
                    }
                    Ok(())
                })?;
                let name = name.ok_or_else(|| {
                    syn::Error::new(span, "`xsi_type(...)` needs `name = \"...\"`")
                })?;
                m.xsi_type = Some(XsiType {
                    name,
                    ns: ns.unwrap_or_else(Ns::empty),
                });
            } else if meta.path.is_ident("soap_array") {
                let (mut item, mut item_type, mut item_ns) = (None, None, None);
                meta.parse_nested_meta(|i| {
                    if i.path.is_ident("item") {
                        item = Some(i.value()?.parse::<LitStr>()?);
                    } else if i.path.is_ident("item_type") {
                        item_type = Some(i.value()?.parse::<LitStr>()?);
                    } else if i.path.is_ident("item_ns") {
                        item_ns = Some(parse_ns(&i)?);
                    } else {
                        return Err(i.error("expected `item`, `item_type` or `item_ns`"));
                    }
                    Ok(())
                })?;
                m.soap_array = Some(SoapArray {
                    item: item.unwrap_or_else(|| LitStr::new("item", span)),
                    item_type: item_type.ok_or_else(|| {
                        syn::Error::new(span, "`soap_array(...)` needs `item_type = \"...\"`")
                    })?,
                    item_ns: item_ns.unwrap_or_else(Ns::empty),
                });
            } else {
                return Err(meta.error(
                    "unknown field attribute; expected one of `rename`, `ns`, `attribute`, \
                     `text`, `flatten`, `any`, `any_attribute`, `nillable`, `items`, `secret`, \
                     `default`, `fixed`, `soap_array`, `xsi_type`, `other`",
                ));
            }
            Ok(())
        })?;
    }
    Ok(m)
}

/// `any(not_ns = EXPR)` or `any(ns = [EXPR, ...])` (one namespace may be given without
/// brackets).
fn parse_any_filter(meta: &syn::meta::ParseNestedMeta<'_>) -> Result<AnyFilter> {
    let mut filter: Option<AnyFilter> = None;
    meta.parse_nested_meta(|i| {
        let span = i.path.span();
        if filter.is_some() {
            return Err(syn::Error::new(
                span,
                "`any(...)` takes one of `ns = [...]` or `not_ns = ...`",
            ));
        }
        if i.path.is_ident("not_ns") {
            filter = Some(AnyFilter::NotNs(parse_ns(&i)?));
        } else if i.path.is_ident("ns") {
            let input = i.value()?;
            let items: Vec<Expr> = if input.peek(syn::token::Bracket) {
                let content;
                syn::bracketed!(content in input);
                content
                    .parse_terminated(Expr::parse, syn::Token![,])?
                    .into_iter()
                    .collect()
            } else {
                vec![input.parse()?]
            };
            let mut list = Vec::new();
            for item in items {
                match &item {
                    Expr::Lit(_) | Expr::Path(_) => list.push(Ns(item.into_token_stream())),
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            "expected a string literal or the path of a `&str` constant",
                        ))
                    }
                }
            }
            filter = Some(AnyFilter::Ns(list));
        } else {
            return Err(i.error(
                "expected `ns = [...]` (the namespaces taken, \"\" for unqualified) or \
                 `not_ns = ...` (`##other`)",
            ));
        }
        Ok(())
    })?;
    filter.ok_or_else(|| meta.error("`any(...)` needs `ns = [...]` or `not_ns = ...`"))
}

/// The identifier's XML name: `rename`, else the container's rule applied to it.
pub fn xml_name(member: &Member, ident: &Ident, rule: RenameRule) -> LitStr {
    match &member.rename {
        Some(lit) => lit.clone(),
        None => LitStr::new(&rule.apply(&ident.to_string()), ident.span()),
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn rename_rules() {
        assert_eq!(RenameRule::Pascal.apply("table_right"), "TableRight");
        assert_eq!(RenameRule::Pascal.apply("r#type"), "Type");
        assert_eq!(RenameRule::Camel.apply("table_right"), "tableRight");
        assert_eq!(RenameRule::Camel.apply("TableRight"), "tableRight");
        assert_eq!(RenameRule::Snake.apply("TableRight"), "table_right");
        assert_eq!(RenameRule::Kebab.apply("table_right"), "table-right");
        assert_eq!(
            RenameRule::ScreamingSnake.apply("table_right"),
            "TABLE_RIGHT"
        );
        assert_eq!(RenameRule::Verbatim.apply("r#type"), "type");
        assert_eq!(RenameRule::Pascal.apply("so_time_zone_id"), "SoTimeZoneId");
    }
}
