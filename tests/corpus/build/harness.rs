//! Reads a generated Rust file with syn and writes a harness for it: `sample_<Type>(depth)` for
//! every declared type (every field populated), `roundtrip_all()` and `operation_bodies()`.
//!
//! Only the generated source is read (derives, `#[xml(...)]` attributes, field types, the
//! `*_operations` constants and the `*_client` traits), never the generator's internal plan, so
//! the harness checks what is actually emitted. What it cannot sample is listed in `GAPS`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use quote::ToTokens;
use syn::{GenericArgument, PathArguments, Type};

use super::model::{Decl, Operation, Shape, XmlArgs};

const RT: &str = "::soap_runtime::__private";
const G: &str = "super::generated";
/// Nesting depth from which edges closing a cycle (recursive types) are cut.
const LIMIT: u32 = 2;
/// The namespace of `AnyElement` / `AnyAttribute` samples, other than any type's.
const OTHER_NS: &str = "urn:wsdl-corpus-tests:other";

/// The harness source for the generated file `code`.
pub fn generate(code: &str) -> String {
    let file = match syn::parse_file(code) {
        Ok(file) => file,
        Err(e) => {
            return format!(
                "pub static GAPS: &[&str] = &[{:?}];\n{}",
                format!("generated code does not parse: {e}"),
                empty_fns()
            )
        }
    };
    let (decls, operations, unmatched) = super::model::read(&file.items);
    let mut harness = Harness::new(decls);
    harness.gaps.extend(unmatched);
    harness.emit(&operations)
}

fn empty_fns() -> &'static str {
    "pub fn roundtrip_all() -> ::std::vec::Vec<(::std::string::String, ::core::result::Result<(), ::std::string::String>)> { ::std::vec::Vec::new() }\n\
     pub fn operation_bodies() -> ::std::vec::Vec<(::std::string::String, ::std::string::String, ::std::string::String)> { ::std::vec::Vec::new() }\n"
}

struct Harness {
    decls: BTreeMap<String, Decl>,
    /// Declared types reachable from each declared type (through fields, variants, aliases).
    reach: BTreeMap<String, BTreeSet<String>>,
    gaps: Vec<String>,
    counter: usize,
}

/// The last path segment of `ty` with its type arguments.
fn segment(ty: &Type) -> Option<(String, Vec<&Type>)> {
    segment_local(ty).map(|(n, a, _)| (n, a))
}

/// [`segment`], and whether the path names a generated item (`Name` or `super::Name`, where
/// library types are written as absolute paths).
fn segment_local(ty: &Type) -> Option<(String, Vec<&Type>, bool)> {
    let Type::Path(p) = ty else { return None };
    let local = p.qself.is_none()
        && p.path.leading_colon.is_none()
        && p.path
            .segments
            .iter()
            .rev()
            .skip(1)
            .all(|s| s.ident == "super");
    let last = p.path.segments.last()?;
    let args = match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some((
        last.ident.to_string().trim_start_matches("r#").to_owned(),
        args,
        local,
    ))
}

/// Declared type names mentioned in `ty`.
fn mentioned(ty: &Type, decls: &BTreeMap<String, Decl>, out: &mut BTreeSet<String>) {
    if let Some((name, args, local)) = segment_local(ty) {
        if local && decls.contains_key(&name) && args.is_empty() {
            out.insert(name);
        }
        for a in args {
            mentioned(a, decls, out);
        }
    }
}

fn fn_name(ident: &str) -> String {
    format!("sample_{ident}")
}

impl Harness {
    fn new(decls: BTreeMap<String, Decl>) -> Self {
        let edges: BTreeMap<String, BTreeSet<String>> = decls
            .iter()
            .map(|(name, d)| {
                let mut out = BTreeSet::new();
                for ty in d.shape.types() {
                    mentioned(ty, &decls, &mut out);
                }
                (name.clone(), out)
            })
            .collect();
        let reach = edges
            .keys()
            .map(|start| {
                let mut seen = BTreeSet::new();
                let mut stack: Vec<&String> = edges[start].iter().collect();
                while let Some(n) = stack.pop() {
                    if seen.insert(n.clone()) {
                        stack.extend(edges[n].iter());
                    }
                }
                (start.clone(), seen)
            })
            .collect();
        Harness {
            decls,
            reach,
            gaps: Vec::new(),
            counter: 0,
        }
    }

    /// Whether `ty` (a field or variant type of `owner`) leads back to `owner`.
    fn closes_cycle(&self, owner: &str, ty: &Type) -> bool {
        let mut names = BTreeSet::new();
        mentioned(ty, &self.decls, &mut names);
        names
            .iter()
            .any(|n| n == owner || self.reach.get(n).is_some_and(|r| r.contains(owner)))
    }

    fn emit(mut self, operations: &[Operation]) -> String {
        let mut out = String::from(
            "// Harness generated by tests/corpus/build/harness.rs from the generated source. Do not edit.\n\n",
        );
        let names: Vec<String> = self.decls.keys().cloned().collect();
        let mut fns = BTreeMap::new();
        for name in &names {
            match self.sample_fn(name) {
                Ok(f) => {
                    fns.insert(name.clone(), f);
                }
                Err(why) => self.gaps.push(format!("{name}: {why}")),
            }
        }
        // A type whose sample needs a type without one has none either (it would not compile).
        loop {
            let missing: Vec<String> = fns
                .keys()
                .filter(|n| self.reach[*n].iter().any(|r| !fns.contains_key(r)))
                .cloned()
                .collect();
            if missing.is_empty() {
                break;
            }
            for n in missing {
                fns.remove(&n);
                self.gaps
                    .push(format!("{n}: needs a type without a sample"));
            }
        }
        let sampled: BTreeSet<String> = fns.keys().cloned().collect();
        for f in fns.values() {
            out.push_str(f);
        }
        self.emit_roundtrips(&mut out, &sampled);
        self.emit_operations(&mut out, operations, &sampled);
        let _ = writeln!(
            out,
            "/// What the harness could not sample.\npub static GAPS: &[&str] = &{:?};",
            self.gaps
        );
        out
    }

    fn sample_fn(&mut self, name: &str) -> Result<String, String> {
        let decl = self.decls[name].clone();
        let body = match &decl.shape {
            Shape::Named(fields) => {
                let mut inits = Vec::new();
                for f in fields {
                    inits.push(format!(
                        "{}: {}",
                        f.ident,
                        self.field_expr(name, &f.ty, &f.xml)?
                    ));
                }
                format!("{G}::{name} {{ {} }}", inits.join(", "))
            }
            Shape::Tuple(fields) => {
                let mut inits = Vec::new();
                for f in fields {
                    inits.push(self.field_expr(name, &f.ty, &f.xml)?);
                }
                format!("{G}::{name}({})", inits.join(", "))
            }
            Shape::Alias(target) => self.expr(name, target, false)?,
            Shape::Enum(variants) => {
                let usable: Vec<_> = variants.iter().filter(|v| !v.other).collect();
                let Some(first) = usable.first() else {
                    let other = variants.first().ok_or("an enum without variants")?;
                    return Ok(self.wrap(
                        name,
                        &format!("{G}::{name}::{}(\"x1\".into())", other.ident),
                    ));
                };
                let safe = usable
                    .iter()
                    .find(|v| v.fields.iter().all(|f| !self.closes_cycle(name, &f.ty)))
                    .unwrap_or(first);
                let first_expr = self.variant_expr(name, first)?;
                if std::ptr::eq(*safe, *first) {
                    first_expr
                } else {
                    let safe_expr = self.variant_expr(name, safe)?;
                    format!("if depth < {LIMIT} {{ {first_expr} }} else {{ {safe_expr} }}")
                }
            }
        };
        Ok(self.wrap(name, &body))
    }

    fn wrap(&self, name: &str, body: &str) -> String {
        format!(
            "/// A `{name}` with every field populated.\npub fn {f}(depth: u32) -> {G}::{name} {{\nlet _ = depth;\n{body}\n}}\n\n",
            f = fn_name(name)
        )
    }

    fn variant_expr(&mut self, owner: &str, v: &super::model::Variant) -> Result<String, String> {
        let path = format!("{G}::{owner}::{}", v.ident);
        if v.fields.is_empty() {
            return Ok(path);
        }
        let mut parts = Vec::new();
        for f in &v.fields {
            let e = self.field_expr(owner, &f.ty, &f.xml)?;
            parts.push(if v.named {
                format!("{}: {e}", f.ident)
            } else {
                e
            });
        }
        Ok(if v.named {
            format!("{path} {{ {} }}", parts.join(", "))
        } else {
            format!("{path}({})", parts.join(", "))
        })
    }

    fn field_expr(&mut self, owner: &str, ty: &Type, xml: &XmlArgs) -> Result<String, String> {
        if let Some(args) = xml.values.get("any") {
            // A wildcard limited to some namespaces: the sample element is in the first one
            // allowed (`not_ns`: any other namespace, as the default sample is).
            if let Some(list) = args.trim().strip_prefix("ns") {
                let first = list
                    .trim_start_matches([' ', '=', '['])
                    .split([',', ']'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                let ns = if first.starts_with('"') {
                    first
                } else {
                    format!("{G}::{first}")
                };
                self.counter += 1;
                let n = self.counter;
                return Ok(format!(
                    "::std::vec![{RT}::AnyElement {{ name: {RT}::QName::new({ns}, \"extra\"), xml: ::std::format!(\"<extra xmlns=\\\"{{}}\\\">e{n}</extra>\", {ns}) }}]"
                ));
            }
        }
        if let Some(fixed) = xml.values.get("fixed") {
            let value = format!(
                "{RT}::SimpleType::from_lexical({fixed}).expect(\"the fixed value parses\")"
            );
            return Ok(match segment(ty) {
                Some((n, _)) if n == "Option" => format!("::core::option::Option::Some({value})"),
                _ => value,
            });
        }
        self.expr(owner, ty, xml.flags.contains("soap_array"))
    }

    /// An expression of type `ty`, a field type of `owner`, with `depth` in scope.
    fn expr(&mut self, owner: &str, ty: &Type, two: bool) -> Result<String, String> {
        if let Type::Tuple(t) = ty {
            if t.elems.is_empty() {
                return Ok("()".into());
            }
        }
        let Some((name, args, local)) = segment_local(ty) else {
            return Err(format!("unsupported type `{}`", ty.to_token_stream()));
        };
        if local && args.is_empty() && self.decls.contains_key(&name) {
            return Ok(format!("{}(depth + 1)", fn_name(&name)));
        }
        let cut = |h: &Self, inner: &Type| h.closes_cycle(owner, inner);
        let arg = |i: usize| {
            args.get(i)
                .copied()
                .ok_or_else(|| format!("`{name}` without type argument"))
        };
        self.counter += 1;
        let n = self.counter;
        Ok(match name.as_str() {
            "Option" => {
                let inner = arg(0)?;
                let e = self.expr(owner, inner, two)?;
                let some = format!("::core::option::Option::Some({e})");
                if cut(self, inner) {
                    format!("if depth < {LIMIT} {{ {some} }} else {{ ::core::option::Option::None }}")
                } else {
                    some
                }
            }
            "Vec" => {
                let inner = arg(0)?;
                let items = match segment(inner) {
                    Some((o, a)) if o == "Option" && a.len() == 1 => {
                        let e = self.expr(owner, a[0], false)?;
                        format!("::core::option::Option::Some({e}), ::core::option::Option::None")
                    }
                    _ => {
                        let e = self.expr(owner, inner, false)?;
                        if two {
                            let e2 = self.expr(owner, inner, false)?;
                            format!("{e}, {e2}")
                        } else {
                            e
                        }
                    }
                };
                let full = format!("::std::vec![{items}]");
                if cut(self, inner) {
                    format!("if depth < {LIMIT} {{ {full} }} else {{ ::std::vec::Vec::new() }}")
                } else {
                    full
                }
            }
            "Box" => format!("::std::boxed::Box::new({})", self.expr(owner, arg(0)?, two)?),
            "FlagSet" | "List" => {
                format!("[{}].into_iter().collect()", self.expr(owner, arg(0)?, false)?)
            }
            "IndexMap" => format!(
                "[({}, {})].into_iter().collect()",
                self.expr(owner, arg(0)?, false)?,
                self.expr(owner, arg(1)?, false)?
            ),
            "String" => format!("::std::string::String::from(\"s{n}\")"),
            "bool" => "true".into(),
            "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" => {
                format!("{}", 1 + n % 100)
            }
            "f32" | "f64" => "1.5".into(),
            // An integral value: `Decimal` also stands for `xs:integer` and its relatives.
            "Decimal" => lexical("12"),
            "DateTime" => lexical("2024-02-29T23:59:59Z"),
            "Duration" => lexical("P1DT2H3M4S"),
            "Guid" => lexical("0f8fad5b-d9cb-469f-a165-70867728950e"),
            "QName" => format!("{RT}::QName::new({RT}::XS_NS, \"string\")"),
            "Base64Binary" => format!("{RT}::Base64Binary(::std::vec![1, 2, 3])"),
            "AnyType" => format!("{RT}::AnyType::text(\"any{n}\")"),
            "AnyElement" => format!(
                "{RT}::AnyElement {{ name: {RT}::QName::new({OTHER_NS:?}, \"extra\"), xml: ::std::string::String::from({:?}) }}",
                format!("<extra xmlns=\"{OTHER_NS}\">e{n}</extra>")
            ),
            "AnyAttribute" => format!(
                "{RT}::AnyAttribute {{ name: {RT}::QName::new({OTHER_NS:?}, \"extra{n}\"), value: ::std::string::String::from(\"a{n}\") }}"
            ),
            _ => return Err(format!("no sample for type `{}`", ty.to_token_stream())),
        })
    }

    fn emit_roundtrips(&self, out: &mut String, sampled: &BTreeSet<String>) {
        out.push_str(
            "/// Encodes every type's sample as an element, decodes it and compares.\n\
             pub fn roundtrip_all() -> ::std::vec::Vec<(::std::string::String, ::core::result::Result<(), ::std::string::String>)> {\n\
             ::std::vec![\n",
        );
        for (name, decl) in &self.decls {
            if !sampled.contains(name) || !decl.is_content() {
                continue;
            }
            let ns = match decl.xml.values.get("ns") {
                Some(ns) if ns.starts_with('"') => ns.clone(),
                Some(ns) => format!("{G}::{ns}"),
                None => "\"\"".into(),
            };
            let _ = writeln!(
                out,
                "({name:?}.into(), crate::roundtrip({ns}, {}(0))),",
                fn_name(name)
            );
        }
        out.push_str("]\n}\n\n");
    }

    fn emit_operations(
        &mut self,
        out: &mut String,
        operations: &[Operation],
        sampled: &BTreeSet<String>,
    ) {
        out.push_str(
            "/// The request and response of every operation, each written in its `BodyForm` inside a SOAP 1.1\n\
             /// `Body` element (empty for a `()` message: no body, or an empty one).\n\
             pub fn operation_bodies() -> ::std::vec::Vec<(::std::string::String, ::std::string::String, ::std::string::String)> {\n\
             let depth = 0u32;\n\
             let _ = depth;\n\
             ::std::vec![\n",
        );
        for op in operations {
            let mut bodies = Vec::new();
            for (ty, which) in [(&op.request, "request"), (&op.response, "response")] {
                let ty = match ty {
                    Some(Type::Tuple(t)) if t.elems.is_empty() => None,
                    other => other.as_ref(),
                };
                let Some(ty) = ty else {
                    // No body (a one-way operation's response, an empty message).
                    bodies.push("::std::string::String::new()".to_owned());
                    continue;
                };
                let mut names = BTreeSet::new();
                mentioned(ty, &self.decls, &mut names);
                let sample = if names.iter().all(|n| sampled.contains(n)) {
                    self.expr("", ty, false)
                } else {
                    Err("a body type without a sample".into())
                };
                match sample {
                    Ok(e) => bodies.push(format!(
                        "{RT}::body_to_xml_string::<{t}>({G}::{m}::{c}.{which}, &{e})",
                        t = from_harness(ty, &self.decls).to_token_stream(),
                        m = op.module,
                        c = op.konst
                    )),
                    Err(why) => {
                        self.gaps
                            .push(format!("operation {} {which}: {why}", op.name));
                        bodies.push("::std::string::String::new()".to_owned());
                    }
                }
            }
            let _ = writeln!(out, "({:?}.into(), {}, {}),", op.name, bodies[0], bodies[1]);
        }
        out.push_str("]\n}\n\n");
    }
}

/// `ty` (a body type as the model reads it: generated types by their bare name, see
/// `model::find_arg`) named from the harness module: `Name` → `super::generated::Name`.
fn from_harness(ty: &Type, decls: &BTreeMap<String, Decl>) -> Type {
    let mut ty = ty.clone();
    rebase(&mut ty, decls);
    ty
}

fn rebase(ty: &mut Type, decls: &BTreeMap<String, Decl>) {
    match ty {
        Type::Path(p) if p.qself.is_none() => {
            let generated = p.path.leading_colon.is_none()
                && p.path.segments.len() == 1
                && decls.contains_key(&p.path.segments[0].ident.to_string());
            if generated {
                let root: syn::Path = syn::parse_quote!(super::generated);
                let own = std::mem::take(&mut p.path.segments);
                p.path.segments = root.segments;
                p.path.segments.extend(own);
            }
            for segment in p.path.segments.iter_mut() {
                if let PathArguments::AngleBracketed(a) = &mut segment.arguments {
                    for arg in a.args.iter_mut() {
                        if let GenericArgument::Type(t) = arg {
                            rebase(t, decls);
                        }
                    }
                }
            }
        }
        Type::Tuple(t) => t.elems.iter_mut().for_each(|t| rebase(t, decls)),
        Type::Paren(t) => rebase(&mut t.elem, decls),
        Type::Array(t) => rebase(&mut t.elem, decls),
        Type::Slice(t) => rebase(&mut t.elem, decls),
        _ => {}
    }
}

fn lexical(value: &str) -> String {
    format!("{RT}::SimpleType::from_lexical({value:?}).expect(\"a valid sample\")")
}
