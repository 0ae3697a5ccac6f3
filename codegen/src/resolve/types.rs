//! Resolving schema declarations into the type arena.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Builtin, Field, GlobalElement, Model, Origin, ResolveError, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::document::{
    ComplexContent, ComplexType, Definitions, ElementDecl, InlineType, QName, SimpleDerivation,
    SimpleType, Span, TypeOrInline, XSD_NS,
};

struct Resolver<'d> {
    types: Vec<TypeDef>,
    named: BTreeMap<QName, TypeId>,
    global_decls: BTreeMap<QName, (&'d ElementDecl, &'d str)>,
}

/// Resolves every schema of `defs` into a [`Model`] without services.
pub(super) fn resolve_types(defs: &Definitions) -> Result<Model, ResolveError> {
    let mut r = Resolver {
        types: Vec::new(),
        named: BTreeMap::new(),
        global_decls: BTreeMap::new(),
    };

    // Imports must be satisfied by the inline schemas: external schema files are not read.
    for schema in &defs.schemas {
        for (ns, location, span) in &schema.imports {
            let ns = ns.as_deref().unwrap_or("");
            if !defs.schemas.iter().any(|s| s.target_ns == ns) && ns != XSD_NS {
                let what = match location {
                    Some(loc) => format!("external schema `{loc}`"),
                    None => "a schema that is not inline".to_owned(),
                };
                return Err(ResolveError::unsupported(
                    *span,
                    format!("xs:import of namespace `{ns}` needs {what}: expected the imported schema inline in wsdl:types (external schema files are not read)"),
                ));
            }
        }
    }

    // Pass 1: give every named type and global element its slot, so references can point forward.
    let mut pending_complex = Vec::new();
    let mut pending_simple = Vec::new();
    for schema in &defs.schemas {
        for ct in &schema.complex_types {
            let id = r.register(&schema.target_ns, ct.name.as_deref(), ct.span)?;
            pending_complex.push((id, ct, schema.target_ns.as_str()));
        }
        for st in &schema.simple_types {
            let id = r.register(&schema.target_ns, st.name.as_deref(), st.span)?;
            pending_simple.push((id, st, schema.target_ns.as_str()));
        }
        for el in &schema.elements {
            let q = QName::new(schema.target_ns.clone(), el.name.clone());
            if r.global_decls
                .insert(q.clone(), (el, &schema.target_ns))
                .is_some()
            {
                return Err(ResolveError::invalid(
                    el.span,
                    format!("element {q} is declared twice"),
                ));
            }
        }
    }

    // Pass 2: fill in the named types.
    for (id, st, ns) in pending_simple {
        let name = st.name.clone().unwrap_or_default();
        let kind = match Builtin::lookup(ns, &name) {
            Some(b) => TypeKind::Alias {
                base: TypeRef::Builtin(b),
            },
            None => r.simple_kind(st, &name, ns)?,
        };
        r.types[id.0].kind = kind;
    }
    for (id, ct, ns) in pending_complex {
        let name = ct.name.clone().unwrap_or_default();
        r.types[id.0].kind = r.complex_kind(ct, &name, ns)?;
    }

    check_bases(&r.types)?;

    // Pass 3: global elements, creating types for anonymous ones.
    let mut elements = BTreeMap::new();
    let decls: Vec<_> = r
        .global_decls
        .iter()
        .map(|(q, (d, ns))| (q.clone(), *d, *ns))
        .collect();
    for (q, decl, ns) in decls {
        let ty = match &decl.ty {
            TypeOrInline::Ref(t) => r.lookup(t, decl.span)?,
            TypeOrInline::Missing => TypeRef::Builtin(Builtin::AnyType),
            TypeOrInline::Inline(inline) => {
                let origin = Origin::Element(q.clone());
                TypeRef::Def(r.inline(inline, origin, ns)?)
            }
        };
        elements.insert(
            q.clone(),
            GlobalElement {
                name: q,
                ty,
                nillable: decl.nillable,
                span: decl.span,
            },
        );
    }

    let mut model = Model {
        types: r.types,
        named: r.named,
        elements,
        port_types: Vec::new(),
        reach: Vec::new(),
    };
    model.reach = direct_reach(&model);
    Ok(model)
}

impl<'d> Resolver<'d> {
    fn register(
        &mut self,
        ns: &str,
        name: Option<&str>,
        span: Span,
    ) -> Result<TypeId, ResolveError> {
        let name = name.ok_or_else(|| {
            ResolveError::invalid(span, "expected a `name` attribute on a global type")
        })?;
        let q = QName::new(ns, name);
        let id = TypeId(self.types.len());
        if self.named.insert(q.clone(), id).is_some() {
            return Err(ResolveError::invalid(
                span,
                format!("type {q} is declared twice"),
            ));
        }
        self.types.push(TypeDef {
            origin: Origin::Named(q),
            ns: ns.to_owned(),
            doc: None,
            span,
            kind: TypeKind::Alias {
                base: TypeRef::Builtin(Builtin::AnyType),
            },
        });
        Ok(id)
    }

    fn lookup(&self, q: &QName, span: Span) -> Result<TypeRef, ResolveError> {
        if let Some(b) = Builtin::lookup(&q.ns, &q.local) {
            return Ok(TypeRef::Builtin(b));
        }
        if let Some(id) = self.named.get(q) {
            return Ok(TypeRef::Def(*id));
        }
        if q.ns == XSD_NS {
            return Err(ResolveError::unsupported(
                span,
                format!("unsupported XML Schema built-in type xs:{}", q.local),
            ));
        }
        Err(ResolveError::unresolved(
            span,
            format!("undefined type {q}: expected a type declared in one of the WSDL's inline schemas or an XML Schema built-in"),
        ))
    }

    fn push(&mut self, def: TypeDef) -> TypeId {
        self.types.push(def);
        TypeId(self.types.len() - 1)
    }

    fn inline(
        &mut self,
        inline: &InlineType,
        origin: Origin,
        ns: &str,
    ) -> Result<TypeId, ResolveError> {
        let (span, doc) = match inline {
            InlineType::Complex(ct) => (ct.span, ct.doc.clone()),
            InlineType::Simple(st) => (st.span, st.doc.clone()),
        };
        let name = origin.base_name();
        let id = self.push(TypeDef {
            origin,
            ns: ns.to_owned(),
            doc,
            span,
            kind: TypeKind::Alias {
                base: TypeRef::Builtin(Builtin::AnyType),
            },
        });
        self.types[id.0].kind = match inline {
            InlineType::Complex(ct) => self.complex_kind(ct, &name, ns)?,
            InlineType::Simple(st) => self.simple_kind(st, &name, ns)?,
        };
        Ok(id)
    }

    fn simple_ref(
        &mut self,
        t: &TypeOrInline<SimpleType>,
        parent: &str,
        role: &str,
        ns: &str,
        span: Span,
    ) -> Result<TypeRef, ResolveError> {
        match t {
            TypeOrInline::Ref(q) => self.lookup(q, span),
            TypeOrInline::Missing => Ok(TypeRef::Builtin(Builtin::String)),
            TypeOrInline::Inline(st) => {
                let origin = Origin::Nested {
                    parent: parent.to_owned(),
                    role: role.to_owned(),
                };
                let id = self.push(TypeDef {
                    origin,
                    ns: ns.to_owned(),
                    doc: st.doc.clone(),
                    span: st.span,
                    kind: TypeKind::Alias {
                        base: TypeRef::Builtin(Builtin::String),
                    },
                });
                let name = format!("{parent}{role}");
                self.types[id.0].kind = self.simple_kind(st, &name, ns)?;
                Ok(TypeRef::Def(id))
            }
        }
    }

    fn simple_kind(
        &mut self,
        st: &SimpleType,
        name: &str,
        ns: &str,
    ) -> Result<TypeKind, ResolveError> {
        if let Some(i) = self.named_index(ns, name) {
            self.types[i].doc = st.doc.clone();
        }
        Ok(match &st.derivation {
            SimpleDerivation::Restriction { base, enumerations } if !enumerations.is_empty() => {
                let _ = base;
                TypeKind::Enum {
                    values: enumerations.clone(),
                    actual_type: st.actual_type.clone(),
                }
            }
            SimpleDerivation::Restriction { base, .. } => TypeKind::Alias {
                base: self.simple_ref(base, name, "Base", ns, st.span)?,
            },
            SimpleDerivation::List { item } => TypeKind::List {
                item: self.simple_ref(item, name, "Flag", ns, st.span)?,
            },
        })
    }

    fn named_index(&self, ns: &str, name: &str) -> Option<usize> {
        self.named.get(&QName::new(ns, name)).map(|id| id.0)
    }

    fn field(&mut self, el: &ElementDecl, parent: &str, ns: &str) -> Result<Field, ResolveError> {
        let (ty, nillable, el_ns) = match &el.reference {
            Some(r) => {
                let (decl, decl_ns) = *self.global_decls.get(r).ok_or_else(|| {
                    ResolveError::unresolved(el.span, format!("undefined element {r} in `ref`"))
                })?;
                let ty = match &decl.ty {
                    TypeOrInline::Ref(t) => self.lookup(t, decl.span)?,
                    TypeOrInline::Missing => TypeRef::Builtin(Builtin::AnyType),
                    TypeOrInline::Inline(inline) => {
                        TypeRef::Def(self.inline(inline, Origin::Element(r.clone()), decl_ns)?)
                    }
                };
                (ty, decl.nillable, r.ns.clone())
            }
            None => {
                let ty = match &el.ty {
                    TypeOrInline::Ref(t) => self.lookup(t, el.span)?,
                    TypeOrInline::Missing => TypeRef::Builtin(Builtin::AnyType),
                    TypeOrInline::Inline(inline) => {
                        let origin = Origin::Nested {
                            parent: parent.to_owned(),
                            role: el.name.clone(),
                        };
                        TypeRef::Def(self.inline(inline, origin, ns)?)
                    }
                };
                (ty, el.nillable, el.ns.clone())
            }
        };
        Ok(Field {
            name: el.name.clone(),
            ns: el_ns,
            ty,
            min: el.min,
            many: el.max.is_many(),
            nillable,
            doc: el.doc.clone(),
            span: el.span,
        })
    }

    fn complex_kind(
        &mut self,
        ct: &ComplexType,
        name: &str,
        ns: &str,
    ) -> Result<TypeKind, ResolveError> {
        if let Some(i) = self.named_index(ns, name) {
            self.types[i].doc = ct.doc.clone();
        }
        let (base, elements) = match &ct.content {
            ComplexContent::Sequence(els) => (None, els),
            ComplexContent::Extension { base, elements } => match self.lookup(base, ct.span)? {
                TypeRef::Def(id) => (Some(id), elements),
                TypeRef::Builtin(b) => {
                    return Err(ResolveError::unsupported(
                        ct.span,
                        format!("complexContent extension of the built-in {b:?} is not supported: expected a complex base type"),
                    ))
                }
            },
        };
        if ct.is_dictionary {
            if let Some(kind) = self.dictionary(elements, name, ns)? {
                return Ok(kind);
            }
        }
        let fields = elements
            .iter()
            .map(|el| self.field(el, name, ns))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TypeKind::Struct { base, fields })
    }

    /// A WCF dictionary: one repeated pair element whose anonymous type holds a key and a value.
    fn dictionary(
        &mut self,
        elements: &[ElementDecl],
        name: &str,
        ns: &str,
    ) -> Result<Option<TypeKind>, ResolveError> {
        let [pair] = elements else { return Ok(None) };
        let TypeOrInline::Inline(inline) = &pair.ty else {
            return Ok(None);
        };
        let InlineType::Complex(ComplexType {
            content: ComplexContent::Sequence(kv),
            ..
        }) = inline.as_ref()
        else {
            return Ok(None);
        };
        let [key, value] = kv.as_slice() else {
            return Ok(None);
        };
        if !pair.max.is_many() || key.max.is_many() || value.max.is_many() {
            return Ok(None);
        }
        let pair_name = format!("{name}{}", pair.name);
        let pair_field = Field {
            name: pair.name.clone(),
            ns: pair.ns.clone(),
            ty: TypeRef::Builtin(Builtin::AnyType),
            min: pair.min,
            many: true,
            nillable: pair.nillable,
            doc: pair.doc.clone(),
            span: pair.span,
        };
        Ok(Some(TypeKind::Dictionary {
            pair: Box::new(pair_field),
            key: Box::new(self.field(key, &pair_name, ns)?),
            value: Box::new(self.field(value, &pair_name, ns)?),
        }))
    }
}

/// Every extension base must be a struct, and extension chains must end.
fn check_bases(types: &[TypeDef]) -> Result<(), ResolveError> {
    for (i, t) in types.iter().enumerate() {
        let mut seen = BTreeSet::from([i]);
        let mut cur = t;
        while let TypeKind::Struct { base: Some(b), .. } = &cur.kind {
            let base = &types[b.0];
            if !matches!(base.kind, TypeKind::Struct { .. }) {
                return Err(ResolveError::unsupported(
                    t.span,
                    format!("{} extends {}, which is not a complex type with a sequence: expected a complex base type", t.origin.base_name(), base.origin.base_name()),
                ));
            }
            if !seen.insert(b.0) {
                return Err(ResolveError::invalid(
                    t.span,
                    format!(
                        "{} extends itself through its base types",
                        t.origin.base_name()
                    ),
                ));
            }
            cur = base;
        }
    }
    Ok(())
}

/// For each type, the set of types it holds directly (not behind a Vec, map or array), transitively.
/// A field of type T in struct S must be boxed when S is in T's set (or T is S).
fn direct_reach(model: &Model) -> Vec<BTreeSet<TypeId>> {
    let direct: Vec<BTreeSet<TypeId>> = (0..model.types.len())
        .map(|i| {
            let mut out = BTreeSet::new();
            let mut cur = Some(TypeId(i));
            let mut seen = BTreeSet::new();
            while let Some(id) = cur.filter(|id| seen.insert(*id)) {
                cur = None;
                if let TypeKind::Struct { base, fields } = &model.ty(id).kind {
                    if model.array_item(id).is_some() {
                        break;
                    }
                    for f in fields.iter().filter(|f| !f.many) {
                        if let TypeRef::Def(t) = f.ty {
                            out.insert(t);
                        }
                    }
                    cur = *base;
                }
            }
            out
        })
        .collect();
    let mut reach = direct.clone();
    loop {
        let mut changed = false;
        for set in reach.iter_mut() {
            let next: BTreeSet<TypeId> = set
                .iter()
                .flat_map(|t| direct[t.0].iter().copied())
                .collect();
            for t in next {
                changed |= set.insert(t);
            }
        }
        if !changed {
            return reach;
        }
    }
}
