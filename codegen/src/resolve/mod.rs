//! Stage 2: the resolved model.
//!
//! Every type reference is looked up (across all inline schemas, imports without `schemaLocation`
//! included) and replaced by an arena index; anonymous types get an arena slot of their own; WCF
//! idioms that change the shape of the data (IsDictionary) are recognised; recursion through direct
//! (non-repeated) fields is found so the plan can box it. Services are resolved to operations with
//! their body and header elements and the binding's SOAP version and actions.

mod builtin;
mod services;
mod types;

use std::collections::BTreeMap;

pub use builtin::Builtin;
pub use services::{HeaderPart, PortTypeModel};

use crate::document::{Definitions, QName, Span};
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
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// The shape of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A sequence of elements, optionally extending a base struct.
    Struct {
        /// Base type (complexContent extension); its fields come first.
        base: Option<TypeId>,
        /// The type's own elements.
        fields: Vec<Field>,
    },
    /// A restriction with enumeration values.
    Enum {
        /// The values in order.
        values: Vec<String>,
        /// WCF `ActualType`: the XSD type backing the .NET enum (the wire carries the names).
        actual_type: Option<QName>,
    },
    /// `xs:list` (of an enumeration: a flag set).
    List {
        /// The item type.
        item: TypeRef,
    },
    /// A restriction without enumeration (facets are not enforced): an alias of the base.
    Alias {
        /// The base type.
        base: TypeRef,
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
}

impl Model {
    /// The type at `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The item element of an `ArrayOfX`-shaped type: a struct without base whose only element
    /// repeats. Such types map to a `Vec` of the item.
    pub fn array_item(&self, id: TypeId) -> Option<&Field> {
        match &self.ty(id).kind {
            TypeKind::Struct { base: None, fields } => match fields.as_slice() {
                [item] if item.many => Some(item),
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

    /// Struct fields including those of the base types, base first.
    pub fn all_fields(&self, id: TypeId) -> Vec<&Field> {
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
        chain
            .iter()
            .rev()
            .flat_map(|t| match &self.ty(*t).kind {
                TypeKind::Struct { fields, .. } => fields.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect()
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
    model.port_types = services::resolve_services(defs, &model)?;
    Ok(model)
}
