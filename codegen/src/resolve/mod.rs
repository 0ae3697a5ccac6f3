//! Stage 2: the resolved model.
//!
//! Every type reference is looked up (across all inline schemas, imports without `schemaLocation`
//! included) and replaced by an arena index; anonymous types get an arena slot of their own; WCF
//! idioms that change the shape of the data (IsDictionary) are recognised; recursion through direct
//! (non-repeated) fields is found so the plan can box it. Services are resolved to operations with
//! their body and header elements and the binding's SOAP version and actions.

mod builtin;
mod content;
pub(crate) mod services;
mod types;

use std::collections::BTreeMap;

pub use builtin::Builtin;
pub use services::{BodyForm, HeaderPart, PortTypeModel};

use crate::document::{Definitions, NsConstraint, QName, Span};
use crate::ErrorKind;

/// Index of a type in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A reference to a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A built-in.
    Builtin(Builtin),
    /// A type in the arena.
    Def(TypeId),
}

/// Where a type comes from, which decides its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A named `xs:complexType` / `xs:simpleType`.
    Named(QName),
    /// The anonymous type of a global element (operation wrappers).
    Element(QName),
    /// An anonymous type nested in another type: named after the parent and the local element.
    Nested {
        /// The enclosing type's name.
        parent: String,
        /// The element or role (`Item`) name.
        role: String,
    },
}

impl Origin {
    /// The XML name the Rust name is derived from.
    pub fn base_name(&self) -> String {
        match self {
            Origin::Named(q) | Origin::Element(q) => q.local.clone(),
            Origin::Nested { parent, role } => format!("{parent}{role}"),
        }
    }
}

/// One element inside a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Element local name.
    pub name: String,
    /// Element namespace on the wire (empty when unqualified).
    pub ns: String,
    /// Its type.
    pub ty: TypeRef,
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs` > 1.
    pub many: bool,
    /// `nillable`.
    pub nillable: bool,
    /// The declared type's name (`type="…"`), for `xsi:type` in SOAP-encoded messages.
    pub xsd_type: Option<QName>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// An attribute of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrField {
    /// Local name.
    pub name: String,
    /// Namespace (empty when unqualified).
    pub ns: String,
    /// Its (simple) type.
    pub ty: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// `use="prohibited"`: a restriction removes the base's attribute.
    pub prohibited: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A member of a struct's content, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// An element.
    Element(Field),
    /// A choice (or substitution group) enum, or a group struct (a sequence with its own
    /// occurrence), read and written inline.
    Particle {
        /// The choice type (a [`TypeKind::Choice`]) or group struct (a [`TypeKind::Struct`]
        /// with `group`).
        ty: TypeId,
        /// The choice may be absent.
        optional: bool,
        /// The choice repeats.
        many: bool,
        /// Where it is declared.
        span: Span,
    },
    /// `xs:any`: child elements kept as XML.
    Any {
        /// The namespace constraint.
        namespace: NsConstraint,
        /// Where it is declared.
        span: Span,
    },
}

/// The shape of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A complex type: elements, attributes, text, optionally extending a base struct.
    Struct {
        /// Base type (complexContent or simpleContent extension); its members come first.
        base: Option<TypeId>,
        /// The type's own content members.
        fields: Vec<Member>,
        /// The type's own attributes.
        attributes: Vec<AttrField>,
        /// `xs:anyAttribute`.
        any_attribute: Option<NsConstraint>,
        /// Simple content (or the text of mixed content): the text's type.
        text: Option<TypeRef>,
        /// `abstract="true"`.
        abstract_: bool,
        /// A model group (sequence) with its own occurrence, read and written inline by its
        /// container.
        group: bool,
    },
    /// An enum of element alternatives (`xs:choice`, substitution group members).
    Choice {
        /// One element per alternative.
        variants: Vec<Field>,
    },
    /// A type or one of the types derived from it, told apart by `xsi:type`.
    Polymorphic {
        /// The declared type.
        base: TypeId,
        /// The declared type first (unless it is abstract), then the derived ones.
        variants: Vec<TypeId>,
        /// The declared type is abstract: not a variant, every variant writes `xsi:type`.
        abstract_base: bool,
    },
    /// A restriction with enumeration values.
    Enum {
        /// The values in order.
        values: Vec<String>,
        /// WCF `ActualType`: the XSD type backing the .NET enum (the wire carries the names).
        actual_type: Option<QName>,
    },
    /// `xs:list`.
    List {
        /// The item type.
        item: TypeRef,
    },
    /// `xs:union`: the first member type whose lexical space holds the value.
    Union {
        /// Member types in order.
        members: Vec<TypeRef>,
    },
    /// A restriction without enumeration (facets documented, not enforced): an alias of the base.
    Alias {
        /// The base type.
        base: TypeRef,
        /// Facets as (name, value), for documentation.
        facets: Vec<(String, String)>,
    },
    /// A SOAP-encoded array (`soapenc:Array` restriction).
    SoapArray {
        /// The item type.
        item: TypeRef,
        /// The item type's XSD name (for `soapenc:arrayType`).
        item_type: QName,
    },
    /// A WCF IsDictionary collection.
    Dictionary {
        /// The repeated key/value pair element (name and namespace).
        pair: Box<Field>,
        /// The key element.
        key: Box<Field>,
        /// The value element.
        value: Box<Field>,
    },
}

/// A type in the arena.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Where its name comes from.
    pub origin: Origin,
    /// Namespace of the schema that declares it.
    pub ns: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub span: Span,
    /// Its shape.
    pub kind: TypeKind,
}

/// A global element.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalElement {
    /// Its name.
    pub name: QName,
    /// Its type.
    pub ty: TypeRef,
    /// `nillable`.
    pub nillable: bool,
    /// Where it is declared.
    pub span: Span,
}

/// The resolved model of one WSDL file.
#[derive(Debug, Clone)]
pub struct Model {
    /// All types, named and anonymous, in document order of their declaration.
    pub types: Vec<TypeDef>,
    /// Named types by QName.
    pub named: BTreeMap<QName, TypeId>,
    /// Global elements by QName.
    pub elements: BTreeMap<QName, GlobalElement>,
    /// One entry per portType that has a SOAP binding.
    pub port_types: Vec<PortTypeModel>,
    /// Per type: the types it contains directly (not behind a collection), transitively.
    pub reach: Vec<std::collections::BTreeSet<TypeId>>,
    /// Types that stay structs even when `ArrayOfX`-shaped (message bodies and headers).
    pub keep_struct: std::collections::BTreeSet<TypeId>,
    /// What was accepted although the specs forbid it, in the order found.
    pub warnings: Vec<Warning>,
    /// Structs written with SOAP encoding (rpc/encoded wrappers and what they hold): their
    /// elements carry `xsi:type`.
    pub encoded: std::collections::BTreeSet<TypeId>,
}

/// Something the specs forbid that the generator accepted, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where.
    pub span: Span,
    /// The rule broken and what was done.
    pub message: String,
}

impl Model {
    /// The type at `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The item element of an `ArrayOfX`-shaped type: a struct without base, attributes or text
    /// whose only element repeats. Such types map to a `Vec` of the item, except where a message
    /// body or header needs the type itself.
    pub fn array_item(&self, id: TypeId) -> Option<&Field> {
        if self.keep_struct.contains(&id) {
            return None;
        }
        match &self.ty(id).kind {
            TypeKind::Struct {
                base: None,
                fields,
                attributes,
                any_attribute: None,
                text: None,
                ..
            } if attributes.is_empty() => match fields.as_slice() {
                [Member::Element(item)] if item.many => Some(item),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a direct field of type `field_ty` inside `owner` makes `owner` recursive, so the
    /// field must be boxed.
    pub fn needs_box(&self, owner: TypeId, field_ty: TypeRef) -> bool {
        match field_ty {
            TypeRef::Def(t) => t == owner || self.reach[t.0].contains(&owner),
            TypeRef::Builtin(_) => false,
        }
    }

    /// The chain of a struct and its base types, base first.
    pub fn base_chain(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = Vec::new();
        let mut cur = Some(id);
        while let Some(t) = cur {
            if chain.contains(&t) {
                break; // a cyclic extension chain was reported by the resolver
            }
            chain.push(t);
            cur = match &self.ty(t).kind {
                TypeKind::Struct { base, .. } => *base,
                _ => None,
            };
        }
        chain.reverse();
        chain
    }

    /// Completes the model once every type exists: the derived types of each polymorphic enum,
    /// and which types must be boxed.
    pub(crate) fn finish(&mut self) {
        for i in 0..self.types.len() {
            let TypeKind::Polymorphic { base, .. } = self.types[i].kind else {
                continue;
            };
            let mut all = vec![base];
            for (j, t) in self.types.iter().enumerate() {
                let derived = TypeId(j) != base
                    && matches!(t.origin, Origin::Named(_))
                    && matches!(
                        t.kind,
                        TypeKind::Struct {
                            abstract_: false,
                            ..
                        }
                    )
                    && self.base_chain(TypeId(j)).contains(&base);
                if derived {
                    all.push(TypeId(j));
                }
            }
            // An abstract type is never a value itself (unless nothing derives from it).
            let abstract_base = all.len() > 1
                && matches!(
                    self.types[base.0].kind,
                    TypeKind::Struct {
                        abstract_: true,
                        ..
                    }
                );
            if abstract_base {
                all.remove(0);
            }
            self.types[i].kind = TypeKind::Polymorphic {
                base,
                variants: all,
                abstract_base,
            };
        }
        // An `ArrayOfX`-shaped type is a `Vec` only where one element holds it: where it
        // repeats, is a choice alternative or a derived type, it stays a struct.
        let mut keep = Vec::new();
        for (i, t) in self.types.iter().enumerate() {
            match &t.kind {
                // The item of an array type repeats by definition (arrays of arrays).
                TypeKind::Struct { .. } if self.array_item(TypeId(i)).is_some() => {}
                TypeKind::Struct { fields, .. } => {
                    for m in fields {
                        if let Member::Element(f) = m {
                            if let (true, TypeRef::Def(id)) = (f.many, f.ty) {
                                keep.push(id);
                            }
                        }
                    }
                }
                TypeKind::Choice { variants } => {
                    keep.extend(variants.iter().filter_map(|v| match v.ty {
                        TypeRef::Def(id) => Some(id),
                        TypeRef::Builtin(_) => None,
                    }));
                }
                TypeKind::Polymorphic { variants, .. } => keep.extend(variants.iter().copied()),
                TypeKind::SoapArray {
                    item: TypeRef::Def(id),
                    ..
                } => keep.push(*id),
                TypeKind::Dictionary { key, value, .. } => {
                    for f in [key, value] {
                        if let TypeRef::Def(id) = f.ty {
                            keep.push(id);
                        }
                    }
                }
                _ => {}
            }
        }
        for pt in &self.port_types {
            for op in &pt.operations {
                for f in &op.faults {
                    if let TypeRef::Def(id) = f.ty {
                        keep.push(id);
                    }
                }
            }
        }
        let shaped: Vec<TypeId> = keep
            .into_iter()
            .filter(|id| self.array_item(*id).is_some())
            .collect();
        self.keep_struct.extend(shaped);
        // SOAP encoding applies to everything an encoded message holds.
        let mut stack: Vec<TypeId> = self.encoded.iter().copied().collect();
        while let Some(id) = stack.pop() {
            let next: Vec<TypeId> = match &self.types[id.0].kind {
                TypeKind::Struct { fields, base, .. } => fields
                    .iter()
                    .filter_map(|m| match m {
                        Member::Element(f) => match f.ty {
                            TypeRef::Def(t) => Some(t),
                            TypeRef::Builtin(_) => None,
                        },
                        Member::Particle { ty, .. } => Some(*ty),
                        Member::Any { .. } => None,
                    })
                    .chain(*base)
                    .collect(),
                TypeKind::SoapArray {
                    item: TypeRef::Def(t),
                    ..
                } => vec![*t],
                TypeKind::Polymorphic { variants, .. } => variants.clone(),
                TypeKind::Choice { variants } => variants
                    .iter()
                    .filter_map(|v| match v.ty {
                        TypeRef::Def(t) => Some(t),
                        TypeRef::Builtin(_) => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for t in next {
                if self.encoded.insert(t) {
                    stack.push(t);
                }
            }
        }
        self.reach = types::direct_reach(self);
    }

    /// Struct members including those of the base types, base first.
    pub fn all_fields(&self, id: TypeId) -> Vec<&Member> {
        self.base_chain(id)
            .into_iter()
            .flat_map(|t| match &self.ty(t).kind {
                TypeKind::Struct { fields, .. } => fields.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// Struct attributes including those of the base types, base first; a derived type's
    /// declaration of the same attribute replaces the base's.
    pub fn all_attributes(&self, id: TypeId) -> Vec<&AttrField> {
        let mut out: Vec<&AttrField> = Vec::new();
        for t in self.base_chain(id) {
            if let TypeKind::Struct { attributes, .. } = &self.ty(t).kind {
                for a in attributes {
                    content::upsert_attribute(&mut out, a);
                }
            }
        }
        out.retain(|a| !a.prohibited);
        out
    }

    /// The text type of a struct with simple or mixed content, looking through base types.
    pub fn text_of(&self, id: TypeId) -> Option<TypeRef> {
        self.base_chain(id)
            .into_iter()
            .rev()
            .find_map(|t| match &self.ty(t).kind {
                TypeKind::Struct { text, .. } => *text,
                _ => None,
            })
    }

    /// The `xs:anyAttribute` of a struct or one of its bases.
    pub fn any_attribute_of(&self, id: TypeId) -> Option<&NsConstraint> {
        self.base_chain(id)
            .into_iter()
            .rev()
            .find_map(|t| match &self.ty(t).kind {
                TypeKind::Struct { any_attribute, .. } => any_attribute.as_ref(),
                _ => None,
            })
    }
}

/// A stage-2 error: a reference that does not resolve or a construct that cannot be mapped.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ResolveError {
    /// What was wrong and what was expected.
    pub message: String,
    /// Where.
    pub span: Span,
    /// What kind of problem.
    pub kind: ErrorKind,
}

impl ResolveError {
    fn new(kind: ErrorKind, span: Span, message: impl Into<String>) -> Self {
        ResolveError {
            message: message.into(),
            span,
            kind,
        }
    }

    /// A reference that names nothing ([`ErrorKind::UnresolvedReference`]).
    pub(crate) fn unresolved(span: Span, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::UnresolvedReference, span, message)
    }

    /// A construct the generator does not support ([`ErrorKind::Unsupported`]).
    pub(crate) fn unsupported(span: Span, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, span, message)
    }

    /// An invalid schema or WSDL ([`ErrorKind::Wsdl`]).
    pub(crate) fn invalid(span: Span, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Wsdl, span, message)
    }
}

/// Resolves a parsed WSDL.
pub fn resolve(defs: &Definitions) -> Result<Model, ResolveError> {
    let mut model = types::resolve_types(defs)?;
    model.port_types = services::resolve_services(defs, &mut model)?;
    model.finish();
    Ok(model)
}
