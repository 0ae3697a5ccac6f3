//! Complex types: particles flattened into members, attributes collected, choices and
//! substitution groups turned into enums, SOAP-encoded arrays recognised.
//!
//! The mapping of particles with their own occurrence (documented in the README):
//! - an element is a field: `T`, `Option<T>` (`minOccurs="0"`), `Vec<T>` (`maxOccurs>1`);
//! - a sequence or `xs:all` inside the content contributes its elements inline; when the group is
//!   optional its elements become optional, when it repeats they become `Vec`s (the grouping of
//!   a repeated sequence is not kept; the elements are);
//! - a choice whose alternatives are elements (or choices of elements) is an enum, flattened into
//!   the struct once, optionally or repeated; a choice with sequence or wildcard alternatives
//!   contributes every alternative's elements as optional fields;
//! - `xs:any` is one catch-all field of raw XML;
//! - a reference to the head of a substitution group is an enum of the head and its members.

use super::types::{Decl, Resolver};
use super::{AttrField, Builtin, Field, Member, Origin, ResolveError, TypeDef, TypeKind, TypeRef};
use crate::document::{
    AttributeItem, AttributeUse, Attributes, ComplexContent, ComplexType, Compositor, ElementDecl,
    InlineType, ModelGroup, NsConstraint, Occurs, Particle, QName, Schema, Span, TypeOrInline,
    SOAPENC11_NS, SOAPENC12_NS,
};

/// The occurrence context of a particle: whether an enclosing group makes it optional or
/// repeated.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    optional: bool,
    many: bool,
}

impl Context {
    fn within(self, occurs: Occurs) -> Context {
        Context {
            optional: self.optional || occurs.min == 0,
            many: self.many || occurs.max.is_many(),
        }
    }
}

fn is_soapenc(q: &QName) -> bool {
    q.ns == SOAPENC11_NS || q.ns == SOAPENC12_NS
}

impl<'d> Resolver<'d> {
    pub(super) fn complex_kind(
        &mut self,
        ct: &'d ComplexType,
        name: &str,
        schema: &'d Schema,
    ) -> Result<TypeKind, ResolveError> {
        // A group reached again inside a nested type is recursion through an element, which is
        // legal: group cycle detection starts afresh in every type.
        let outer = std::mem::take(&mut self.expanding);
        let result = self.complex_kind_inner(ct, name, schema);
        self.expanding = outer;
        result
    }

    fn complex_kind_inner(
        &mut self,
        ct: &'d ComplexType,
        name: &str,
        schema: &'d Schema,
    ) -> Result<TypeKind, ResolveError> {
        let mut base = None;
        let mut text = None;
        let particle = match &ct.content {
            ComplexContent::Particle(p) => p.as_ref(),
            ComplexContent::Extension { base: b, particle } => {
                match self.lookup(b, ct.span)? {
                    TypeRef::Def(id) => base = Some(id),
                    // Extending anyType adds to nothing; extending a simple built-in is invalid
                    // in complexContent but means simple content to gSOAP and zeep.
                    TypeRef::Builtin(Builtin::AnyType) => {}
                    TypeRef::Builtin(b) => text = Some(TypeRef::Builtin(b)),
                }
                particle.as_ref()
            }
            ComplexContent::Restriction { base: b, particle } => {
                if is_soapenc(b) && b.local == "Array" {
                    if b.ns == SOAPENC12_NS {
                        self.warn(
                            ct.span,
                            "the SOAP 1.2 encoding has no `Array` type (it is `soapenc:Array` of SOAP 1.1): read as the SOAP 1.1 array".to_owned(),
                        );
                    }
                    return self.soap_array(ct, particle.as_ref(), name, schema);
                }
                // A restriction restates the content it keeps; the base's attributes stay unless
                // restated or prohibited.
                if let TypeRef::Def(id) = self.lookup(b, ct.span)? {
                    let inherited = match &self.types[id.0].kind {
                        TypeKind::Struct { attributes, .. } => attributes.clone(),
                        _ => Vec::new(),
                    };
                    let mut kind = self.struct_kind(ct, particle.as_ref(), name, schema)?;
                    if let TypeKind::Struct { attributes, .. } = &mut kind {
                        let prohibited = prohibited(&ct.attributes);
                        for a in inherited.into_iter().rev() {
                            let restated =
                                attributes.iter().any(|o| o.name == a.name && o.ns == a.ns);
                            if !restated && !prohibited.contains(&a.name) {
                                attributes.insert(0, a);
                            }
                        }
                    }
                    return Ok(kind);
                }
                particle.as_ref()
            }
            ComplexContent::Simple { base: b, .. } => {
                match b {
                    TypeOrInline::Ref(q) => match self.lookup(q, ct.span)? {
                        TypeRef::Def(id) if self.complex_names.contains(q) => base = Some(id),
                        t => text = Some(t),
                    },
                    _ => text = Some(self.simple_ref(b, name, "Value", schema, ct.span)?),
                }
                None
            }
        };
        if ct.is_dictionary {
            if let Some(kind) = self.dictionary(particle, name, schema)? {
                return Ok(kind);
            }
        }
        let mut kind = self.struct_kind(ct, particle, name, schema)?;
        if let TypeKind::Struct {
            base: b, text: t, ..
        } = &mut kind
        {
            *b = base;
            if text.is_some() {
                *t = text;
            }
        }
        Ok(kind)
    }

    fn struct_kind(
        &mut self,
        ct: &'d ComplexType,
        particle: Option<&'d Particle>,
        name: &str,
        schema: &'d Schema,
    ) -> Result<TypeKind, ResolveError> {
        let mut fields = Vec::new();
        if let Some(p) = particle {
            self.flatten(p, Context::default(), name, schema, &mut fields)?;
        }
        let fields = merge_members(fields);
        let mut attributes = Vec::new();
        let mut any_attribute = None;
        self.collect_attributes(
            &ct.attributes,
            schema,
            name,
            &mut attributes,
            &mut any_attribute,
        )?;
        Ok(TypeKind::Struct {
            base: None,
            fields,
            attributes,
            any_attribute,
            text: ct.mixed.then_some(TypeRef::Builtin(Builtin::String)),
            abstract_: ct.abstract_,
            group: false,
        })
    }

    fn flatten(
        &mut self,
        particle: &'d Particle,
        ctx: Context,
        parent: &str,
        schema: &'d Schema,
        out: &mut Vec<Member>,
    ) -> Result<(), ResolveError> {
        match particle {
            Particle::Element(el) => {
                if let Some(member) = self.substitution_member(el, ctx, parent)? {
                    out.push(member);
                    return Ok(());
                }
                let mut f = self.element_field(el, parent, schema)?;
                f.ty = self.polymorphic_of(f.ty);
                if ctx.optional {
                    f.min = 0;
                }
                f.many |= ctx.many;
                out.push(Member::Element(f));
            }
            Particle::Any(any) => out.push(Member::Any {
                namespace: any.namespace.clone(),
                span: any.span,
            }),
            Particle::GroupRef {
                reference,
                occurs,
                span,
            } => {
                let Decl { decl, schema } = *self
                    .groups
                    .get(reference)
                    .ok_or_else(|| self.undefined("group", reference, *span))?;
                if self.expanding.contains(reference) {
                    self.warn(
                        *span,
                        format!("group {reference} refers to itself (circular groups are not allowed, XSD 1.0 Part 1 3.8.6 mg-props-correct.2): the inner reference is ignored"),
                    );
                    return Ok(());
                }
                self.expanding.push(reference.clone());
                let result = if is_group_struct(&decl.group, *occurs) {
                    self.group_struct(
                        &decl.group,
                        ctx.within(*occurs),
                        Some(reference),
                        parent,
                        schema,
                        out,
                    )
                } else {
                    self.group(&decl.group, ctx.within(*occurs), parent, schema, out)
                };
                self.expanding.pop();
                result?;
            }
            Particle::Group(g) if is_group_struct(g, Occurs::ONCE) => {
                self.group_struct(g, ctx, None, parent, schema, out)?
            }
            Particle::Group(g) => self.group(g, ctx, parent, schema, out)?,
        }
        Ok(())
    }

    /// A sequence with its own optional or repeated occurrence: a `group` struct, flattened into
    /// its container once, optionally or repeated, so each occurrence keeps its elements
    /// together. A named group's struct is made once and shared.
    fn group_struct(
        &mut self,
        g: &'d ModelGroup,
        ctx: Context,
        named: Option<&QName>,
        parent: &str,
        schema: &'d Schema,
        out: &mut Vec<Member>,
    ) -> Result<(), ResolveError> {
        let ctx = ctx.within(g.occurs);
        let existing = named.and_then(|q| self.group_structs.get(q).copied());
        let id = match existing {
            Some(id) => id,
            None => {
                let origin = Origin::Nested {
                    parent: named.map_or_else(|| parent.to_owned(), |q| q.local.clone()),
                    role: if named.is_some() {
                        String::new()
                    } else {
                        "Group".to_owned()
                    },
                };
                let id = self.reserve(origin, &schema.target_ns, None, g.span);
                if let Some(q) = named {
                    self.group_structs.insert(q.clone(), id);
                }
                let name = self.types[id.0].origin.base_name();
                let mut members = Vec::new();
                for p in &g.particles {
                    self.flatten(p, Context::default(), &name, schema, &mut members)?;
                }
                self.types[id.0].kind = TypeKind::Struct {
                    base: None,
                    fields: merge_members(members),
                    attributes: Vec::new(),
                    any_attribute: None,
                    text: None,
                    abstract_: false,
                    group: true,
                };
                id
            }
        };
        out.push(Member::Particle {
            ty: id,
            optional: ctx.optional,
            many: ctx.many,
            span: g.span,
        });
        Ok(())
    }

    fn group(
        &mut self,
        g: &'d ModelGroup,
        ctx: Context,
        parent: &str,
        schema: &'d Schema,
        out: &mut Vec<Member>,
    ) -> Result<(), ResolveError> {
        let ctx = ctx.within(g.occurs);
        match g.compositor {
            Compositor::Sequence | Compositor::All => {
                for p in &g.particles {
                    self.flatten(p, ctx, parent, schema, out)?;
                }
            }
            Compositor::Choice => {
                let mut alternatives = Vec::new();
                if self.element_alternatives(g, schema, &mut alternatives, &mut Vec::new())? {
                    if let [(el, schema)] = alternatives.as_slice() {
                        // A choice of one element is that element.
                        let (el, schema) = (*el, *schema);
                        let mut f = self.element_field(el, parent, schema)?;
                        if ctx.optional {
                            f.min = 0;
                        }
                        f.many |= ctx.many;
                        out.push(Member::Element(f));
                        return Ok(());
                    }
                    let optional =
                        ctx.optional || alternatives.iter().any(|(e, _)| e.occurs.min == 0);
                    let many = ctx.many || alternatives.iter().any(|(e, _)| e.occurs.max.is_many());
                    let id = self.reserve(
                        Origin::Nested {
                            parent: parent.to_owned(),
                            role: "Choice".to_owned(),
                        },
                        &schema.target_ns,
                        None,
                        g.span,
                    );
                    let choice_name = self.types[id.0].origin.base_name();
                    let mut variants: Vec<Field> = Vec::new();
                    for (el, schema) in alternatives {
                        let mut f = self.element_field(el, &choice_name, schema)?;
                        f.ty = self.polymorphic_of(f.ty);
                        if !variants.iter().any(|v| v.name == f.name && v.ns == f.ns) {
                            variants.push(f);
                        }
                    }
                    self.types[id.0].kind = TypeKind::Choice { variants };
                    out.push(Member::Particle {
                        ty: id,
                        optional,
                        many,
                        span: g.span,
                    });
                } else {
                    // Each alternative may be absent; a sequence alternative keeps its elements
                    // together in an optional group struct.
                    let ctx = Context {
                        optional: true,
                        many: ctx.many,
                    };
                    for p in &g.particles {
                        match p {
                            Particle::Group(seq)
                                if seq.compositor == Compositor::Sequence
                                    && seq.particles.len() > 1 =>
                            {
                                self.group_struct(seq, ctx, None, parent, schema, out)?
                            }
                            _ => self.flatten(p, ctx, parent, schema, out)?,
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Collects the element alternatives of a choice (through nested choices and group
    /// references to choices); `false` when an alternative is a sequence, a wildcard or a
    /// substitution group head.
    fn element_alternatives(
        &self,
        g: &'d ModelGroup,
        schema: &'d Schema,
        out: &mut Vec<(&'d ElementDecl, &'d Schema)>,
        stack: &mut Vec<QName>,
    ) -> Result<bool, ResolveError> {
        for p in &g.particles {
            match p {
                Particle::Element(el) => {
                    let head = el
                        .reference
                        .as_ref()
                        .is_some_and(|r| self.substitutes.contains_key(r));
                    if head {
                        return Ok(false);
                    }
                    out.push((el, schema));
                }
                Particle::Group(inner) if inner.compositor == Compositor::Choice => {
                    if inner.occurs.max.is_many()
                        || !self.element_alternatives(inner, schema, out, stack)?
                    {
                        return Ok(false);
                    }
                }
                Particle::Group(inner)
                    if inner.particles.len() == 1 && !inner.occurs.max.is_many() =>
                {
                    // A sequence of one element is that element.
                    match &inner.particles[0] {
                        Particle::Element(el) if inner.occurs.min == 1 => out.push((el, schema)),
                        _ => return Ok(false),
                    }
                }
                Particle::GroupRef {
                    reference, occurs, ..
                } => {
                    let Some(Decl { decl, schema }) = self.groups.get(reference).copied() else {
                        return Ok(false);
                    };
                    if occurs.max.is_many()
                        || decl.group.compositor != Compositor::Choice
                        || stack.contains(reference)
                    {
                        return Ok(false);
                    }
                    stack.push(reference.clone());
                    let ok = self.element_alternatives(&decl.group, schema, out, stack)?;
                    stack.pop();
                    if !ok {
                        return Ok(false);
                    }
                }
                _ => return Ok(false),
            }
        }
        Ok(!out.is_empty())
    }

    /// A reference to the head of a substitution group: a choice of the head (unless abstract)
    /// and every member, transitively.
    fn substitution_member(
        &mut self,
        el: &'d ElementDecl,
        ctx: Context,
        _parent: &str,
    ) -> Result<Option<Member>, ResolveError> {
        let Some(head) = &el.reference else {
            return Ok(None);
        };
        if !self.substitutes.contains_key(head) {
            return Ok(None);
        }
        let id = match self.substitution_choices.get(head) {
            Some(id) => *id,
            None => {
                let Decl { schema, .. } = *self
                    .elements
                    .get(head)
                    .ok_or_else(|| self.undefined("element", head, el.span))?;
                let id = self.reserve(
                    Origin::Nested {
                        parent: head.local.clone(),
                        role: "Substitution".to_owned(),
                    },
                    &schema.target_ns,
                    None,
                    el.span,
                );
                self.substitution_choices.insert(head.clone(), id);
                let mut members = vec![head.clone()];
                let mut i = 0;
                while i < members.len() {
                    let subs = self
                        .substitutes
                        .get(&members[i])
                        .cloned()
                        .unwrap_or_default();
                    for s in subs {
                        if !members.contains(&s) {
                            members.push(s);
                        }
                    }
                    i += 1;
                }
                let mut variants = Vec::new();
                for q in members {
                    let Decl { decl, .. } = self.elements[&q];
                    if decl.abstract_ {
                        continue;
                    }
                    let ty = self.element_type(&q, el.span)?;
                    variants.push(Field {
                        name: q.local.clone(),
                        ns: q.ns.clone(),
                        ty,
                        min: 1,
                        many: false,
                        nillable: decl.nillable,
                        xsd_type: None,
                        doc: decl.doc.clone(),
                        span: decl.span,
                    });
                }
                if variants.is_empty() {
                    return Err(ResolveError::invalid(
                        el.span,
                        format!("element {head} is abstract and no element can substitute for it"),
                    ));
                }
                self.types[id.0].kind = TypeKind::Choice { variants };
                id
            }
        };
        let ctx = ctx.within(el.occurs);
        Ok(Some(Member::Particle {
            ty: id,
            optional: ctx.optional,
            many: ctx.many,
            span: el.span,
        }))
    }

    /// For a named complex type that is abstract or that other named types extend, the enum of
    /// it and the types derived from it (by extension, transitively) told apart by `xsi:type`;
    /// any other type as is.
    pub(super) fn polymorphic_of(&mut self, t: TypeRef) -> TypeRef {
        let TypeRef::Def(base) = t else { return t };
        let abstract_ = matches!(
            self.types[base.0].kind,
            TypeKind::Struct {
                abstract_: true,
                ..
            }
        );
        let extended = match &self.types[base.0].origin {
            Origin::Named(q) => self.extended.contains(q),
            _ => false,
        };
        if !abstract_ && !extended {
            return t;
        }
        if let Some(id) = self.polymorphic.get(&base) {
            return TypeRef::Def(*id);
        }
        // Derived types are known once every named type is filled in; the variants are
        // collected when the model is finished (see `Model::finish`).
        let def = &self.types[base.0];
        let origin = Origin::Nested {
            parent: String::new(),
            role: format!("Any{}", def.origin.base_name()),
        };
        let (ns, span) = (def.ns.clone(), def.span);
        let id = self.push(TypeDef {
            origin,
            ns,
            doc: None,
            span,
            kind: TypeKind::Polymorphic {
                base,
                variants: vec![base],
                abstract_base: false,
            },
        });
        self.polymorphic.insert(base, id);
        TypeRef::Def(id)
    }

    fn collect_attributes(
        &mut self,
        attrs: &'d Attributes,
        schema: &'d Schema,
        parent: &str,
        out: &mut Vec<AttrField>,
        any: &mut Option<NsConstraint>,
    ) -> Result<(), ResolveError> {
        if let Some(c) = &attrs.any {
            any.get_or_insert_with(|| c.clone());
        }
        for item in &attrs.items {
            match item {
                AttributeItem::Attribute(a) if a.use_ == AttributeUse::Prohibited => {
                    // Recorded so that it removes the base type's attribute.
                    let field = AttrField {
                        name: a.name.clone(),
                        ns: a.ns.clone(),
                        ty: TypeRef::Builtin(Builtin::String),
                        required: false,
                        default: None,
                        fixed: None,
                        prohibited: true,
                        doc: None,
                        span: a.span,
                    };
                    upsert_attribute(out, field);
                }
                AttributeItem::Attribute(a) => {
                    let (ty, default, fixed) = match &a.reference {
                        Some(r) => {
                            let (ty, d, f) = self.global_attribute(r, a.span)?;
                            (ty, a.default.clone().or(d), a.fixed.clone().or(f))
                        }
                        None => (
                            self.simple_ref(
                                &a.ty,
                                parent,
                                &crate::naming::type_name(&a.name),
                                schema,
                                a.span,
                            )?,
                            a.default.clone(),
                            a.fixed.clone(),
                        ),
                    };
                    let field = AttrField {
                        name: a.name.clone(),
                        ns: a.ns.clone(),
                        ty,
                        required: a.use_ == AttributeUse::Required,
                        default,
                        fixed,
                        prohibited: false,
                        doc: a.doc.clone(),
                        span: a.span,
                    };
                    upsert_attribute(out, field);
                }
                AttributeItem::GroupRef(q, span) => {
                    let Decl { decl, schema } = *self
                        .attribute_groups
                        .get(q)
                        .ok_or_else(|| self.undefined("attribute group", q, *span))?;
                    if self.expanding.contains(q) {
                        self.warn(
                            *span,
                            format!("attribute group {q} refers to itself (circular attribute groups are not allowed, src-attribute_group.3): the inner reference is ignored"),
                        );
                        continue;
                    }
                    self.expanding.push(q.clone());
                    let result =
                        self.collect_attributes(&decl.attributes, schema, parent, out, any);
                    self.expanding.pop();
                    result?;
                }
            }
        }
        Ok(())
    }

    /// A `soapenc:Array` restriction: the item type from `wsdl:arrayType` or from the restated
    /// item element.
    fn soap_array(
        &mut self,
        ct: &'d ComplexType,
        particle: Option<&'d Particle>,
        name: &str,
        schema: &'d Schema,
    ) -> Result<TypeKind, ResolveError> {
        let declared = ct.attributes.items.iter().find_map(|i| match i {
            AttributeItem::Attribute(a) => a.array_type.clone(),
            AttributeItem::GroupRef(..) => None,
        });
        let element = match particle {
            Some(Particle::Group(g)) => g.particles.iter().find_map(|p| match p {
                Particle::Element(e) => Some(e),
                _ => None,
            }),
            Some(Particle::Element(e)) => Some(e),
            _ => None,
        };
        let (item, item_type) = match (declared, element) {
            (Some(q), _) => {
                // `tns:Item[]` names the item type; `xsd:string[][]` an array of arrays, kept as
                // arrays of untyped items beyond the first level.
                let ty = self.lookup(&q, ct.span)?;
                (self.polymorphic_of(ty), q)
            }
            (None, Some(e)) => {
                let f = self.element_field(e, name, schema)?;
                let q = match &e.ty {
                    TypeOrInline::Ref(q) => q.clone(),
                    _ => QName::new(crate::document::XSD_NS, "anyType"),
                };
                (f.ty, q)
            }
            (None, None) => (
                TypeRef::Builtin(Builtin::AnyType),
                QName::new(crate::document::XSD_NS, "anyType"),
            ),
        };
        Ok(TypeKind::SoapArray { item, item_type })
    }

    /// A WCF dictionary: one repeated pair element whose anonymous type holds a key and a value.
    fn dictionary(
        &mut self,
        particle: Option<&'d Particle>,
        name: &str,
        schema: &'d Schema,
    ) -> Result<Option<TypeKind>, ResolveError> {
        let Some(Particle::Group(ModelGroup {
            compositor: Compositor::Sequence,
            particles,
            ..
        })) = particle
        else {
            return Ok(None);
        };
        let [Particle::Element(pair)] = particles.as_slice() else {
            return Ok(None);
        };
        let TypeOrInline::Inline(inline) = &pair.ty else {
            return Ok(None);
        };
        let InlineType::Complex(ComplexType {
            content: ComplexContent::Particle(Some(Particle::Group(kv))),
            ..
        }) = inline.as_ref()
        else {
            return Ok(None);
        };
        let [Particle::Element(key), Particle::Element(value)] = kv.particles.as_slice() else {
            return Ok(None);
        };
        if !pair.occurs.max.is_many() || key.occurs.max.is_many() || value.occurs.max.is_many() {
            return Ok(None);
        }
        let pair_name = format!("{name}{}", pair.name);
        let pair_field = Field {
            name: pair.name.clone(),
            ns: pair.ns.clone(),
            ty: TypeRef::Builtin(Builtin::AnyType),
            min: pair.occurs.min,
            many: true,
            nillable: pair.nillable,
            xsd_type: None,
            doc: pair.doc.clone(),
            span: pair.span,
        };
        Ok(Some(TypeKind::Dictionary {
            pair: Box::new(pair_field),
            key: Box::new(self.element_field(key, &pair_name, schema)?),
            value: Box::new(self.element_field(value, &pair_name, schema)?),
        }))
    }
}

/// Whether a sequence (occurring `outer` times through its reference) is optional or repeated as
/// a whole and holds more than one particle: then it becomes a group struct.
fn is_group_struct(g: &ModelGroup, outer: Occurs) -> bool {
    let own = g.occurs.min == 0 || g.occurs.max.is_many() || outer.min == 0 || outer.max.is_many();
    own && g.compositor == Compositor::Sequence && g.particles.len() > 1
}

/// Adds `field` to `out`, replacing an earlier declaration of the same attribute (a derived or
/// restricting type's declaration wins).
pub(super) fn upsert_attribute<A: std::borrow::Borrow<AttrField>>(out: &mut Vec<A>, field: A) {
    let (name, ns) = (&field.borrow().name, &field.borrow().ns);
    match out
        .iter()
        .position(|o| &o.borrow().name == name && &o.borrow().ns == ns)
    {
        Some(i) => out[i] = field,
        None => out.push(field),
    }
}

/// Names of the attributes a restriction prohibits.
fn prohibited(attrs: &Attributes) -> Vec<String> {
    attrs
        .items
        .iter()
        .filter_map(|i| match i {
            AttributeItem::Attribute(a) if a.use_ == AttributeUse::Prohibited => {
                Some(a.name.clone())
            }
            _ => None,
        })
        .collect()
}

/// The same element twice in one content model (`(a, b, a)`, or an element in a relaxed choice
/// and beside it) is one repeated field; several wildcards are one.
fn merge_members(members: Vec<Member>) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::with_capacity(members.len());
    for m in members {
        match m {
            Member::Element(f) => {
                let existing = out.iter_mut().find_map(|o| match o {
                    Member::Element(e) if e.name == f.name && e.ns == f.ns => Some(e),
                    _ => None,
                });
                match existing {
                    Some(e) => {
                        e.many = true;
                        e.min = e.min.min(f.min);
                    }
                    None => out.push(Member::Element(f)),
                }
            }
            Member::Any { .. } if out.iter().any(|o| matches!(o, Member::Any { .. })) => {}
            other => out.push(other),
        }
    }
    out
}

/// Spans of members, for messages.
pub(super) fn member_span(m: &Member) -> Span {
    match m {
        Member::Element(f) => f.span,
        Member::Particle { span, .. } | Member::Any { span, .. } => *span,
    }
}
