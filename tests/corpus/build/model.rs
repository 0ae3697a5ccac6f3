//! What the harness needs from a generated file, read with syn: the declared types (derives,
//! container and field `#[xml(...)]` attributes, field types) and the operations (the
//! `OperationInfo` constants of `*_operations` and the body types of the `*_client` traits).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{
    Attribute, Expr, Fields, FnArg, GenericArgument, Item, Meta, PathArguments, TraitItem, Type,
    TypeParamBound,
};

/// The arguments of the `#[xml(...)]` attributes on one item: bare words and `key = value`s
/// (values as written: `"lit"` quoted, paths bare), and `key(...)` lists as bare words.
#[derive(Clone, Default, Debug)]
pub struct XmlArgs {
    pub flags: BTreeSet<String>,
    pub values: BTreeMap<String, String>,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub ident: String,
    pub ty: Type,
    pub xml: XmlArgs,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub ident: String,
    pub named: bool,
    pub fields: Vec<Field>,
    /// `#[xml(other)]`: the catch-all of an enumeration.
    pub other: bool,
}

#[derive(Clone, Debug)]
pub enum Shape {
    Named(Vec<Field>),
    Tuple(Vec<Field>),
    Enum(Vec<Variant>),
    Alias(Box<Type>),
}

impl Shape {
    /// Every type this declaration mentions directly.
    pub fn types(&self) -> Vec<&Type> {
        match self {
            Shape::Named(f) | Shape::Tuple(f) => f.iter().map(|f| &f.ty).collect(),
            Shape::Enum(v) => v
                .iter()
                .flat_map(|v| v.fields.iter().map(|f| &f.ty))
                .collect(),
            Shape::Alias(t) => vec![t],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Decl {
    pub shape: Shape,
    pub xml: XmlArgs,
    pub derives: BTreeSet<String>,
}

impl Decl {
    /// Whether the type can be written as an element on its own (`XmlContent`).
    pub fn is_content(&self) -> bool {
        match &self.shape {
            Shape::Alias(t) => !matches!(
                last_ident(t).as_deref(),
                Some("Vec" | "Option" | "Box") | None
            ),
            _ => self.derives.contains("XmlContent") || self.derives.contains("SimpleType"),
        }
    }
}

/// One operation as a generated client calls it.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The operation's `name` in its `OperationInfo`.
    pub name: String,
    /// The `*_operations` module and the constant in it.
    pub module: String,
    pub konst: String,
    pub request: Option<Type>,
    pub response: Option<Type>,
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Reads the top-level declarations and the operations of a generated file.
/// Also returns the operations found only as `OperationInfo` constants, as gaps.
pub fn read(items: &[Item]) -> (BTreeMap<String, Decl>, Vec<Operation>, Vec<String>) {
    let mut decls = BTreeMap::new();
    let mut names: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut calls = Vec::new();
    for item in items {
        if is_type_item(item) {
            if let Some((ident, decl)) = read_decl(item) {
                decls.insert(ident, decl);
            }
            continue;
        }
        let Item::Mod(m) = item else { continue };
        let Some((_, content)) = &m.content else {
            continue;
        };
        let module = m.ident.to_string();
        for inner in content {
            match inner {
                Item::Const(c) if last_ident(&c.ty).as_deref() == Some("OperationInfo") => {
                    if let Some(name) = info_name(&c.expr) {
                        names.insert((module.clone(), c.ident.to_string()), name);
                    }
                }
                Item::Trait(t) => {
                    for ti in &t.items {
                        if let TraitItem::Fn(f) = ti {
                            if let Some(call) = client_call(f) {
                                calls.push(call);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut operations = Vec::new();
    for mut op in calls {
        if let Some(name) = names.remove(&(op.module.clone(), op.konst.clone())) {
            op.name = name;
            operations.push(op);
        }
    }
    // An OperationInfo no client method calls: the harness would silently miss its bodies.
    let unmatched = names
        .into_iter()
        .map(|((module, konst), name)| {
            format!("operation {name} ({module}::{konst}): no client method calls it")
        })
        .collect();
    (decls, operations, unmatched)
}

fn read_decl(item: &Item) -> Option<(String, Decl)> {
    let (attrs, ident, shape) = match item {
        Item::Struct(s) => {
            let (named, fields) = fields_of(&s.fields);
            let fields = fields
                .into_iter()
                .enumerate()
                .map(|(i, f)| read_field(f, i))
                .collect();
            (
                &s.attrs,
                &s.ident,
                if named {
                    Shape::Named(fields)
                } else {
                    Shape::Tuple(fields)
                },
            )
        }
        Item::Enum(e) => {
            let variants = e
                .variants
                .iter()
                .map(|v| {
                    let (named, fields) = fields_of(&v.fields);
                    let xml = xml_args(&v.attrs);
                    Variant {
                        ident: v.ident.to_string(),
                        named,
                        fields: fields
                            .into_iter()
                            .enumerate()
                            .map(|(i, f)| read_field(f, i))
                            .collect(),
                        other: xml.flags.contains("other"),
                    }
                })
                .collect();
            (&e.attrs, &e.ident, Shape::Enum(variants))
        }
        Item::Type(t) => (&t.attrs, &t.ident, Shape::Alias(t.ty.clone())),
        _ => return None,
    };
    let derives = derives(attrs);
    let is_alias = matches!(shape, Shape::Alias(_));
    if !is_alias && !derives.contains("XmlContent") && !derives.contains("SimpleType") {
        return None;
    }
    let name = ident.to_string().trim_start_matches("r#").to_owned();
    Some((
        name,
        Decl {
            shape,
            xml: xml_args(attrs),
            derives,
        },
    ))
}

fn read_field(f: &syn::Field, index: usize) -> Field {
    Field {
        ident: f
            .ident
            .as_ref()
            .map(|i| i.to_string())
            .unwrap_or_else(|| index.to_string()),
        ty: f.ty.clone(),
        xml: xml_args(&f.attrs),
    }
}

fn derives(attrs: &[Attribute]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for a in attrs {
        if let Meta::List(l) = &a.meta {
            if l.path.is_ident("derive") {
                for t in l.tokens.clone() {
                    if let TokenTree::Ident(i) = t {
                        out.insert(i.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The `#[xml(...)]` arguments of `attrs`, merged.
pub fn xml_args(attrs: &[Attribute]) -> XmlArgs {
    let mut args = XmlArgs::default();
    for a in attrs {
        let Meta::List(l) = &a.meta else { continue };
        if !l.path.is_ident("xml") {
            continue;
        }
        let mut chunks: Vec<Vec<TokenTree>> = vec![Vec::new()];
        for t in l.tokens.clone() {
            match &t {
                TokenTree::Punct(p) if p.as_char() == ',' => chunks.push(Vec::new()),
                _ => chunks.last_mut().expect("one chunk").push(t),
            }
        }
        for chunk in chunks {
            let Some(TokenTree::Ident(key)) = chunk.first() else {
                continue;
            };
            let key = key.to_string();
            match chunk.get(1) {
                // `any(ns = [...])` / `any(not_ns = ...)`: the parenthesised arguments, as text.
                Some(TokenTree::Group(g))
                    if g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
                {
                    args.flags.insert(key.clone());
                    args.values.insert(key, g.stream().to_string());
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '=' => {
                    let value: TokenStream = chunk[2..].iter().cloned().collect();
                    let text = match syn::parse2::<syn::LitStr>(value.clone()) {
                        Ok(lit) => format!("{:?}", lit.value()),
                        Err(_) => value.to_string().replace(' ', ""),
                    };
                    args.values.insert(key, text);
                }
                _ => {
                    args.flags.insert(key);
                }
            }
        }
    }
    args
}

/// The `name` field of an `OperationInfo { ... }` literal.
fn info_name(expr: &Expr) -> Option<String> {
    let Expr::Struct(s) = expr else { return None };
    s.fields.iter().find_map(|f| match &f.member {
        syn::Member::Named(n) if n == "name" => string_lit(&f.expr),
        _ => None,
    })
}

/// A client method `fn op(&self, request: Request<B, Req>) -> impl Future<Output = ClientResult<B, Resp>>`
/// whose body calls `self.call(&super::M_operations::CONST, request)`.
fn client_call(f: &syn::TraitItemFn) -> Option<Operation> {
    let body = f.default.as_ref()?.to_token_stream().to_string();
    let words: Vec<&str> = body.split_whitespace().collect();
    let at = words.windows(5).position(|w| {
        w[0] == "super" && w[1] == "::" && w[2].ends_with("_operations") && w[3] == "::"
    })?;
    let module = words[at + 2].to_owned();
    let konst = words[at + 4].to_owned();
    let request = f.sig.inputs.iter().find_map(|a| match a {
        FnArg::Typed(t) => find_arg(&t.ty, "Request"),
        FnArg::Receiver(_) => None,
    });
    let response = match &f.sig.output {
        syn::ReturnType::Type(_, ty) => find_arg(ty, "ClientResult"),
        syn::ReturnType::Default => None,
    };
    Some(Operation {
        name: String::new(),
        module,
        konst,
        request,
        response,
    })
}

/// The last type argument of the first `wrapper<…>` inside `ty`, with `super::` paths made
/// relative to the generated module's root.
fn find_arg(ty: &Type, wrapper: &str) -> Option<Type> {
    match ty {
        Type::Path(p) => {
            let last = p.path.segments.last()?;
            let PathArguments::AngleBracketed(a) = &last.arguments else {
                return None;
            };
            if last.ident == wrapper {
                let inner = a.args.iter().rev().find_map(|g| match g {
                    GenericArgument::Type(t) => Some(t.clone()),
                    _ => None,
                })?;
                return Some(strip_super(inner));
            }
            a.args.iter().find_map(|g| match g {
                GenericArgument::Type(t) => find_arg(t, wrapper),
                GenericArgument::AssocType(at) => find_arg(&at.ty, wrapper),
                _ => None,
            })
        }
        Type::ImplTrait(it) => it.bounds.iter().find_map(|b| match b {
            TypeParamBound::Trait(tb) => tb.path.segments.iter().find_map(|s| match &s.arguments {
                PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                    GenericArgument::AssocType(at) => find_arg(&at.ty, wrapper),
                    GenericArgument::Type(t) => find_arg(t, wrapper),
                    _ => None,
                }),
                _ => None,
            }),
            _ => None,
        }),
        _ => None,
    }
}

/// `super::Foo` → `Foo` (the harness names generated types by their last segment).
fn strip_super(ty: Type) -> Type {
    let text = ty.to_token_stream().to_string().replace("super :: ", "");
    syn::parse_str(&text).unwrap_or(ty)
}

/// The value of a string literal expression.
fn string_lit(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether an item is a plain declaration the harness looks at .
fn is_type_item(item: &Item) -> bool {
    matches!(item, Item::Struct(_) | Item::Enum(_) | Item::Type(_))
}

/// The fields of a struct or variant.
fn fields_of(fields: &Fields) -> (bool, Vec<&syn::Field>) {
    match fields {
        Fields::Named(n) => (true, n.named.iter().collect()),
        Fields::Unnamed(u) => (false, u.unnamed.iter().collect()),
        Fields::Unit => (true, Vec::new()),
    }
}
