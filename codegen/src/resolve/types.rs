//! Resolving schema declarations into the type arena: registration, lookups, simple types and
//! global elements. Complex content is in [`super::content`].

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Builtin, Field, GlobalElement, Model, Origin, ResolveError, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::document::{
    AttributeDecl, AttributeGroupDef, Definitions, ElementDecl, GroupDef, InlineType, QName,
    Schema, SimpleDerivation, SimpleType, Span, TypeOrInline, SOAPENC11_NS, SOAPENC12_NS, XML_NS,
    XSD_NS,
};

/// A global declaration with the schema it belongs to.
pub(super) struct Decl<'d, T> {
    pub(super) decl: &'d T,
    pub(super) schema: &'d Schema,
}

impl<T> Clone for Decl<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Decl<'_, T> {}

pub(super) struct Resolver<'d> {
    pub(super) types: Vec<TypeDef>,
    pub(super) named: BTreeMap<QName, TypeId>,
    pub(super) elements: BTreeMap<QName, Decl<'d, ElementDecl>>,
    pub(super) groups: BTreeMap<QName, Decl<'d, GroupDef>>,
    pub(super) attribute_groups: BTreeMap<QName, Decl<'d, AttributeGroupDef>>,
    pub(super) attributes: BTreeMap<QName, Decl<'d, AttributeDecl>>,
    /// Namespaces with at least one schema loaded.
    pub(super) namespaces: BTreeSet<String>,
    /// Types of global elements, once resolved (anonymous ones get one arena slot).
    pub(super) element_types: BTreeMap<QName, TypeRef>,
    /// Substitution group members by head element.
    pub(super) substitutes: BTreeMap<QName, Vec<QName>>,
    /// Choice types made for substitution group heads.
    pub(super) substitution_choices: BTreeMap<QName, TypeId>,
    /// Polymorphic enums made for abstract types.
    pub(super) polymorphic: BTreeMap<TypeId, TypeId>,
    /// Named groups and attribute groups being expanded (cycle detection).
    pub(super) expanding: Vec<QName>,
    /// Spec violations accepted.
    pub(super) warnings: Vec<super::Warning>,
    /// Named complex types (known before their content is resolved).
    pub(super) complex_names: BTreeSet<QName>,
    /// Group structs made for named groups used with their own occurrence.
    pub(super) group_structs: BTreeMap<QName, TypeId>,
    /// Named complex types that a named complex type extends: where one is declared, a value of
    /// a derived type may appear (with `xsi:type`).
    pub(super) extended: BTreeSet<QName>,
    /// Anonymous types already given a slot, by declaration (a group used in several places, or
    /// recursively through an element's anonymous type, declares them once).
    pub(super) inline_types: BTreeMap<usize, TypeId>,
}

fn insert_once<'d, T>(
    map: &mut BTreeMap<QName, Decl<'d, T>>,
    q: QName,
    decl: Decl<'d, T>,
    span: Span,
    what: &str,
) -> Result<(), ResolveError> {
    if map.contains_key(&q) {
        return Err(ResolveError::invalid(
            span,
            format!("{what} {q} is declared twice"),
        ));
    }
    map.insert(q, decl);
    Ok(())
}

/// Resolves every schema of `defs` into a [`Model`] without services.
pub(super) fn resolve_types(defs: &Definitions) -> Result<Model, ResolveError> {
    let mut r = Resolver {
        types: Vec::new(),
        named: BTreeMap::new(),
        elements: BTreeMap::new(),
        groups: BTreeMap::new(),
        attribute_groups: BTreeMap::new(),
        attributes: BTreeMap::new(),
        namespaces: BTreeSet::new(),
        element_types: BTreeMap::new(),
        substitutes: BTreeMap::new(),
        substitution_choices: BTreeMap::new(),
        polymorphic: BTreeMap::new(),
        expanding: Vec::new(),
        warnings: Vec::new(),
        complex_names: BTreeSet::new(),
        group_structs: BTreeMap::new(),
        inline_types: BTreeMap::new(),
        extended: BTreeSet::new(),
    };

    r.warnings
        .extend(defs.warnings.iter().map(|(span, message)| super::Warning {
            span: *span,
            message: message.clone(),
        }));

    // Pass 1: give every named type and global component its slot, so references can point
    // forward and across schemas.
    let mut pending_complex = Vec::new();
    let mut pending_simple = Vec::new();
    for schema in &defs.schemas {
        let ns = &schema.target_ns;
        r.namespaces.insert(ns.clone());
        for ct in &schema.complex_types {
            let id = r.register(ns, ct.name.as_deref(), ct.span)?;
            r.complex_names
                .insert(QName::new(ns.clone(), ct.name.clone().unwrap_or_default()));
            if let crate::document::ComplexContent::Extension { base, .. } = &ct.content {
                r.extended.insert(base.clone());
            }
            pending_complex.push((id, ct, schema));
        }
        for st in &schema.simple_types {
            let id = r.register(ns, st.name.as_deref(), st.span)?;
            pending_simple.push((id, st, schema));
        }
        for el in &schema.elements {
            let q = QName::new(ns.clone(), el.name.clone());
            insert_once(
                &mut r.elements,
                q.clone(),
                Decl { decl: el, schema },
                el.span,
                "element",
            )?;
            if let Some(head) = &el.substitution_group {
                r.substitutes.entry(head.clone()).or_default().push(q);
            }
        }
        for g in &schema.groups {
            let q = QName::new(ns.clone(), g.name.clone());
            insert_once(&mut r.groups, q, Decl { decl: g, schema }, g.span, "group")?;
        }
        for g in &schema.attribute_groups {
            let q = QName::new(ns.clone(), g.name.clone());
            insert_once(
                &mut r.attribute_groups,
                q,
                Decl { decl: g, schema },
                g.span,
                "attribute group",
            )?;
        }
        for a in &schema.attributes {
            let q = QName::new(ns.clone(), a.name.clone());
            insert_once(
                &mut r.attributes,
                q,
                Decl { decl: a, schema },
                a.span,
                "attribute",
            )?;
        }
    }
    r.check_substitution_cycles()?;

    // Pass 2: fill in the named types.
    for (id, st, schema) in pending_simple {
        let name = st.name.clone().unwrap_or_default();
        let kind = match Builtin::lookup(&schema.target_ns, &name) {
            Some(b) => TypeKind::Alias {
                base: TypeRef::Builtin(b),
                facets: Vec::new(),
            },
            None => r.simple_kind(st, &name, schema)?,
        };
        r.types[id.0].doc = st.doc.clone();
        r.types[id.0].kind = kind;
    }
    for (id, ct, schema) in pending_complex {
        let name = ct.name.clone().unwrap_or_default();
        r.types[id.0].doc = ct.doc.clone();
        r.types[id.0].kind = r.complex_kind(ct, &name, schema)?;
    }
    r.check_bases()?;
    r.check_simple_cycles()?;

    // Pass 3: global elements, creating types for anonymous ones.
    let names: Vec<QName> = r.elements.keys().cloned().collect();
    let mut elements = BTreeMap::new();
    for q in names {
        let ty = r.element_type(&q, Span::default())?;
        let Decl { decl, .. } = r.elements[&q];
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

    Ok(Model {
        types: r.types,
        named: r.named,
        elements,
        port_types: Vec::new(),
        reach: Vec::new(),
        keep_struct: BTreeSet::new(),
        warnings: r.warnings,
        encoded: BTreeSet::new(),
    })
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
                facets: Vec::new(),
            },
        });
        Ok(id)
    }

    /// The type named `q`: a built-in or a declared type.
    pub(super) fn lookup(&self, q: &QName, span: Span) -> Result<TypeRef, ResolveError> {
        if let Some(b) = Builtin::lookup(&q.ns, &q.local) {
            return Ok(TypeRef::Builtin(b));
        }
        if let Some(id) = self.named.get(q) {
            return Ok(TypeRef::Def(*id));
        }
        if q.ns == SOAPENC11_NS || q.ns == SOAPENC12_NS {
            // soapenc:string etc. are the XSD built-ins with `id`/`href` attributes; soapenc:Array
            // and soapenc:Struct outside a restriction are untyped content.
            return Ok(TypeRef::Builtin(
                Builtin::lookup(XSD_NS, &q.local).unwrap_or(Builtin::AnyType),
            ));
        }
        if q.ns == XSD_NS && q.local == "NOTATION" {
            return Err(ResolveError::unsupported(
                span,
                "xs:NOTATION is not supported: expected a type derived from it with enumerated notations, or xs:string",
            ));
        }
        if q.ns == XSD_NS {
            return Err(ResolveError::unresolved(
                span,
                format!("xs:{} is not an XML Schema built-in type", q.local),
            ));
        }
        Err(self.undefined("type", q, span))
    }

    /// Records a spec violation that was accepted.
    pub(super) fn warn(&mut self, span: Span, message: String) {
        self.warnings.push(super::Warning { span, message });
    }

    /// An error for a reference to a component that is not declared.
    pub(super) fn undefined(&self, what: &str, q: &QName, span: Span) -> ResolveError {
        let hint = if self.namespaces.contains(&q.ns) {
            "expected a declaration in one of the schemas of that namespace".to_owned()
        } else {
            format!(
                "no schema for namespace `{}` was loaded (an xs:import of it needs a schemaLocation, or the schema inline in wsdl:types)",
                q.ns
            )
        };
        ResolveError::unresolved(span, format!("undefined {what} {q}: {hint}"))
    }

    pub(super) fn push(&mut self, def: TypeDef) -> TypeId {
        self.types.push(def);
        TypeId(self.types.len() - 1)
    }

    /// A placeholder slot for an anonymous type, filled in by the caller.
    pub(super) fn reserve(
        &mut self,
        origin: Origin,
        ns: &str,
        doc: Option<String>,
        span: Span,
    ) -> TypeId {
        self.push(TypeDef {
            origin,
            ns: ns.to_owned(),
            doc,
            span,
            kind: TypeKind::Alias {
                base: TypeRef::Builtin(Builtin::AnyType),
                facets: Vec::new(),
            },
        })
    }

    pub(super) fn inline(
        &mut self,
        inline: &'d InlineType,
        origin: Origin,
        schema: &'d Schema,
    ) -> Result<TypeId, ResolveError> {
        let key = inline as *const InlineType as usize;
        if let Some(id) = self.inline_types.get(&key) {
            return Ok(*id);
        }
        let (span, doc) = match inline {
            InlineType::Complex(ct) => (ct.span, ct.doc.clone()),
            InlineType::Simple(st) => (st.span, st.doc.clone()),
        };
        let name = origin.base_name();
        let id = self.reserve(origin, &schema.target_ns, doc, span);
        self.inline_types.insert(key, id);
        self.types[id.0].kind = match inline {
            InlineType::Complex(ct) => self.complex_kind(ct, &name, schema)?,
            InlineType::Simple(st) => self.simple_kind(st, &name, schema)?,
        };
        Ok(id)
    }

    /// The type of the global element `q` (created once for an anonymous type).
    pub(super) fn element_type(&mut self, q: &QName, span: Span) -> Result<TypeRef, ResolveError> {
        if let Some(t) = self.element_types.get(q) {
            return Ok(*t);
        }
        if q.ns == XSD_NS && q.local == "schema" {
            // `<xs:element ref="xs:schema"/>` (.NET DataSets): an inline schema, kept as XML.
            return Ok(TypeRef::Builtin(Builtin::AnyType));
        }
        let Decl { decl, schema } = *self
            .elements
            .get(q)
            .ok_or_else(|| self.undefined("element", q, span))?;
        let ty = match &decl.ty {
            TypeOrInline::Ref(t) => self.lookup(t, decl.span)?,
            TypeOrInline::Missing => match &decl.substitution_group {
                // A member without a type has its head's type.
                Some(head) if head != q => self.element_type(&head.clone(), decl.span)?,
                _ => TypeRef::Builtin(Builtin::AnyType),
            },
            TypeOrInline::Inline(inline) => {
                // Registered before resolving, so a recursive reference finds it.
                let origin = Origin::Element(q.clone());
                let (ispan, doc) = match inline.as_ref() {
                    InlineType::Complex(ct) => (ct.span, ct.doc.clone()),
                    InlineType::Simple(st) => (st.span, st.doc.clone()),
                };
                let name = origin.base_name();
                let id = self.reserve(origin, &schema.target_ns, doc, ispan);
                self.element_types.insert(q.clone(), TypeRef::Def(id));
                self.types[id.0].kind = match inline.as_ref() {
                    InlineType::Complex(ct) => self.complex_kind(ct, &name, schema)?,
                    InlineType::Simple(st) => self.simple_kind(st, &name, schema)?,
                };
                TypeRef::Def(id)
            }
        };
        self.element_types.insert(q.clone(), ty);
        Ok(ty)
    }

    pub(super) fn simple_ref(
        &mut self,
        t: &'d TypeOrInline<SimpleType>,
        parent: &str,
        role: &str,
        schema: &'d Schema,
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
                let id = self.reserve(origin, &schema.target_ns, st.doc.clone(), st.span);
                let name = format!("{parent}{role}");
                self.types[id.0].kind = self.simple_kind(st, &name, schema)?;
                Ok(TypeRef::Def(id))
            }
        }
    }

    pub(super) fn simple_kind(
        &mut self,
        st: &'d SimpleType,
        name: &str,
        schema: &'d Schema,
    ) -> Result<TypeKind, ResolveError> {
        Ok(match &st.derivation {
            SimpleDerivation::Restriction { enumerations, .. } if !enumerations.is_empty() => {
                TypeKind::Enum {
                    values: enumerations.clone(),
                    actual_type: st.actual_type.clone(),
                }
            }
            SimpleDerivation::Restriction { base, facets, .. } => TypeKind::Alias {
                base: self.simple_ref(base, name, "Base", schema, st.span)?,
                facets: facets.clone(),
            },
            SimpleDerivation::List { item } => {
                // A list of an inline enumeration is a flag set: its values are flags.
                let flags = matches!(item, TypeOrInline::Inline(i) if matches!(&i.derivation, SimpleDerivation::Restriction { enumerations, .. } if !enumerations.is_empty()));
                let role = if flags { "Flag" } else { "Item" };
                TypeKind::List {
                    item: self.simple_ref(item, name, role, schema, st.span)?,
                }
            }
            SimpleDerivation::Union { members } => {
                let mut out = Vec::new();
                for (i, m) in members.iter().enumerate() {
                    let role = format!("Member{}", i + 1);
                    out.push(self.simple_ref(m, name, &role, schema, st.span)?);
                }
                TypeKind::Union { members: out }
            }
        })
    }

    /// The element field for a local element declaration (or a reference to a global one).
    pub(super) fn element_field(
        &mut self,
        el: &'d ElementDecl,
        parent: &str,
        schema: &'d Schema,
    ) -> Result<Field, ResolveError> {
        let mut xsd_type = None;
        let (ty, nillable, ns, doc) = match &el.reference {
            Some(r) => {
                let ty = self.element_type(r, el.span)?;
                match self.elements.get(r) {
                    Some(Decl { decl, .. }) => (
                        ty,
                        decl.nillable,
                        r.ns.clone(),
                        el.doc.clone().or(decl.doc.clone()),
                    ),
                    None => (ty, false, r.ns.clone(), el.doc.clone()),
                }
            }
            None => {
                xsd_type = match &el.ty {
                    TypeOrInline::Ref(t) => Some(t.clone()),
                    _ => None,
                };
                let ty = match &el.ty {
                    TypeOrInline::Ref(t) => self.lookup(t, el.span)?,
                    TypeOrInline::Missing => TypeRef::Builtin(Builtin::AnyType),
                    TypeOrInline::Inline(inline) => {
                        let origin = Origin::Nested {
                            parent: parent.to_owned(),
                            role: el.name.clone(),
                        };
                        TypeRef::Def(self.inline(inline, origin, schema)?)
                    }
                };
                (ty, el.nillable, el.ns.clone(), el.doc.clone())
            }
        };
        Ok(Field {
            name: el.name.clone(),
            ns,
            ty,
            min: el.occurs.min,
            many: el.occurs.max.is_many(),
            nillable,
            xsd_type,
            doc,
            span: el.span,
        })
    }

    /// The type of a global attribute referenced by `ref`, or of the `xml:` attributes.
    pub(super) fn global_attribute(
        &mut self,
        q: &QName,
        span: Span,
    ) -> Result<(TypeRef, Option<String>, Option<String>), ResolveError> {
        if q.ns == XML_NS {
            return Ok((TypeRef::Builtin(Builtin::String), None, None));
        }
        let Decl { decl, schema } = *self
            .attributes
            .get(q)
            .ok_or_else(|| self.undefined("attribute", q, span))?;
        let ty = self.simple_ref(&decl.ty, &q.local, "Attribute", schema, decl.span)?;
        Ok((ty, decl.default.clone(), decl.fixed.clone()))
    }

    /// Every extension base must be a struct, and extension chains must end.
    fn check_bases(&self) -> Result<(), ResolveError> {
        for (i, t) in self.types.iter().enumerate() {
            let mut seen = BTreeSet::from([i]);
            let mut cur = t;
            while let TypeKind::Struct { base: Some(b), .. } = &cur.kind {
                let base = &self.types[b.0];
                if !seen.insert(b.0) {
                    return Err(ResolveError::invalid(
                        t.span,
                        format!(
                            "{} is derived from itself through its base types",
                            t.origin.base_name()
                        ),
                    ));
                }
                cur = base;
            }
        }
        Ok(())
    }

    /// Simple types must not restrict, list or unite themselves.
    fn check_simple_cycles(&self) -> Result<(), ResolveError> {
        fn visit(
            types: &[TypeDef],
            id: usize,
            state: &mut [u8],
            span: Span,
        ) -> Result<(), ResolveError> {
            match state[id] {
                2 => return Ok(()),
                1 => {
                    return Err(ResolveError::invalid(
                        span,
                        format!(
                            "simple type {} is defined in terms of itself (restriction, list or union cycle)",
                            types[id].origin.base_name()
                        ),
                    ))
                }
                _ => {}
            }
            state[id] = 1;
            let next: Vec<TypeRef> = match &types[id].kind {
                TypeKind::Alias { base, .. } => vec![*base],
                TypeKind::Union { members } => members.clone(),
                TypeKind::List { item } => vec![*item],
                _ => Vec::new(),
            };
            for t in next {
                if let TypeRef::Def(d) = t {
                    visit(types, d.0, state, types[id].span)?;
                }
            }
            state[id] = 2;
            Ok(())
        }
        let mut state = vec![0u8; self.types.len()];
        for i in 0..self.types.len() {
            visit(&self.types, i, &mut state, self.types[i].span)?;
        }
        Ok(())
    }

    /// A substitution group whose head is (transitively) one of its members is an error.
    fn check_substitution_cycles(&self) -> Result<(), ResolveError> {
        for (q, Decl { decl, .. }) in &self.elements {
            let mut seen = BTreeSet::from([q.clone()]);
            let mut cur = decl.substitution_group.clone();
            while let Some(head) = cur {
                if !seen.insert(head.clone()) {
                    return Err(ResolveError::invalid(
                        decl.span,
                        format!("element {q} is in a substitution group cycle through {head}"),
                    ));
                }
                cur = self
                    .elements
                    .get(&head)
                    .and_then(|d| d.decl.substitution_group.clone());
            }
        }
        Ok(())
    }
}

/// For each type, the set of types it holds directly (not behind a Vec, map or array), transitively.
/// A field of type T in struct S must be boxed when S is in T's set (or T is S).
pub(super) fn direct_reach(model: &Model) -> Vec<BTreeSet<TypeId>> {
    use super::Member;
    let direct: Vec<BTreeSet<TypeId>> = (0..model.types.len())
        .map(|i| {
            let mut out = BTreeSet::new();
            match &model.ty(TypeId(i)).kind {
                TypeKind::Struct { .. } => {
                    if model.array_item(TypeId(i)).is_some() {
                        return out;
                    }
                    for m in model.all_fields(TypeId(i)) {
                        match m {
                            Member::Element(f) if !f.many => {
                                if let TypeRef::Def(t) = f.ty {
                                    out.insert(t);
                                }
                            }
                            Member::Particle {
                                ty, many: false, ..
                            } => {
                                out.insert(*ty);
                            }
                            _ => {}
                        }
                    }
                }
                TypeKind::Choice { variants } => {
                    for f in variants {
                        if let TypeRef::Def(t) = f.ty {
                            out.insert(t);
                        }
                    }
                }
                TypeKind::Polymorphic { variants, .. } => out.extend(variants.iter().copied()),
                _ => {}
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
