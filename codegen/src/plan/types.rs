//! Planning type items: structs, enums, flag sets, dictionaries, aliases.

use std::collections::BTreeSet;

use super::{Names, PlanError};
use crate::naming;
use crate::resolve::{Builtin, Field, Model, TypeId, TypeKind, TypeRef};

/// A Rust type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustTy {
    /// A built-in mapping.
    Builtin(Builtin),
    /// A generated item.
    Named(String),
    /// `Option<T>`.
    Option(Box<RustTy>),
    /// `Vec<T>`.
    Vec(Box<RustTy>),
    /// `Box<T>`.
    Boxed(Box<RustTy>),
    /// The runtime's flag set of an enumeration.
    FlagSet(Box<RustTy>),
}

impl RustTy {
    fn option(self) -> Self {
        RustTy::Option(Box::new(self))
    }
    fn vec(self) -> Self {
        RustTy::Vec(Box::new(self))
    }
}

/// How many times an element occurs and how absence is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// Exactly once: `T`.
    Required,
    /// `minOccurs=0`: `Option<T>`, omitted when `None`.
    Optional,
    /// `minOccurs=1 nillable`: `Option<T>`, `xsi:nil` when `None`.
    Nillable,
    /// `maxOccurs>1`: `Vec<T>`.
    Repeated,
    /// `maxOccurs>1 nillable`: `Vec<Option<T>>`.
    RepeatedNillable,
}

/// How an element's content is written and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Through the value type's `XmlContent` impl.
    Direct,
    /// Through `XmlContent` of the boxed value.
    Boxed,
    /// An `ArrayOfX` wrapper: the content is the repeated item element.
    Array {
        /// Namespace constant of the item element ("" when unqualified).
        item_ns: String,
        /// Item element name.
        item_name: String,
        /// Items may be `xsi:nil`.
        item_nillable: bool,
        /// How each item's content is handled (`Direct`, or `Array` for arrays of arrays).
        item: Box<Content>,
    },
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    /// Rust identifier.
    pub ident: String,
    /// XML element name.
    pub xml_name: String,
    /// Namespace constant ("" when unqualified).
    pub ns: String,
    /// Full Rust type of the field.
    pub ty: RustTy,
    /// Cardinality.
    pub card: Cardinality,
    /// Content handling.
    pub content: Content,
    /// Redacted in `Debug`.
    pub secret: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// A struct item.
#[derive(Debug, Clone)]
pub struct StructPlan {
    /// Rust identifier.
    pub ident: String,
    /// The XML type name, for docs.
    pub xml_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Fields, base type's first.
    pub fields: Vec<FieldPlan>,
    /// Name of the base type when the XML type extends one.
    pub extends: Option<String>,
}

/// An enumeration item.
#[derive(Debug, Clone)]
pub struct EnumPlan {
    /// Rust identifier.
    pub ident: String,
    /// XML type name.
    pub xml_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// (variant identifier, lexical value).
    pub variants: Vec<(String, String)>,
    /// The catch-all variant for values not in the WSDL.
    pub other: String,
    /// WCF `ActualType` (e.g. `xs:short`) of the .NET enum, for documentation.
    pub actual_type: Option<String>,
}

/// A WCF dictionary item.
#[derive(Debug, Clone)]
pub struct DictionaryPlan {
    /// Rust identifier.
    pub ident: String,
    /// XML type name.
    pub xml_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Namespace constant of the pair/key/value elements.
    pub ns: String,
    /// Pair element name.
    pub pair: String,
    /// Key element name.
    pub key: String,
    /// Value element name.
    pub value: String,
    /// Key type.
    pub key_ty: RustTy,
    /// Value type (without the `Option` of nillable values).
    pub value_ty: RustTy,
    /// Values may be nil: the map holds `Option<V>`.
    pub value_nillable: bool,
}

/// A generated type item.
#[derive(Debug, Clone)]
pub enum Item {
    /// `pub struct`.
    Struct(StructPlan),
    /// `pub enum` with a catch-all.
    Enum(EnumPlan),
    /// Newtype over an ordered map.
    Dictionary(DictionaryPlan),
    /// `pub type X = Y;` (flag sets, restrictions without enumeration).
    Alias {
        /// Rust identifier.
        ident: String,
        /// XML type name.
        xml_name: String,
        /// Documentation.
        doc: Option<String>,
        /// The aliased type.
        target: RustTy,
    },
}

/// Types reached from the selected operations (all types when every operation is selected), in
/// arena order.
pub(super) fn reachable(model: &Model, selected: &dyn Fn(&str) -> bool) -> Vec<TypeId> {
    let all_selected = model
        .port_types
        .iter()
        .flat_map(|p| &p.operations)
        .all(|o| selected(&o.name));
    if all_selected {
        return (0..model.types.len()).map(TypeId).collect();
    }
    let mut seen = BTreeSet::new();
    let mut stack: Vec<TypeRef> = Vec::new();
    for op in model
        .port_types
        .iter()
        .flat_map(|p| &p.operations)
        .filter(|o| selected(&o.name))
    {
        for msg in std::iter::once(&op.input).chain(op.output.as_ref()) {
            stack.push(msg.body_ty);
            stack.extend(msg.headers.iter().map(|h| h.ty));
        }
    }
    while let Some(t) = stack.pop() {
        let TypeRef::Def(id) = t else { continue };
        if !seen.insert(id) {
            continue;
        }
        stack.extend(type_refs(model, id));
    }
    seen.into_iter().collect()
}

fn type_refs(model: &Model, id: TypeId) -> Vec<TypeRef> {
    match &model.ty(id).kind {
        TypeKind::Struct { base, fields } => fields
            .iter()
            .map(|f| f.ty)
            .chain(base.map(TypeRef::Def))
            .collect(),
        TypeKind::Enum { .. } => Vec::new(),
        TypeKind::List { item } => vec![*item],
        TypeKind::Alias { base } => vec![*base],
        TypeKind::Dictionary { key, value, .. } => vec![key.ty, value.ty],
    }
}

/// The Rust type of a value of type `t` (one occurrence, no cardinality).
pub(super) fn value_ty(model: &Model, t: TypeRef, names: &Names) -> RustTy {
    match t {
        TypeRef::Builtin(b) => RustTy::Builtin(b),
        TypeRef::Def(id) => match model.array_item(id) {
            Some(item) => {
                let inner = value_ty(model, item.ty, names);
                if item.nillable {
                    inner.option().vec()
                } else {
                    inner.vec()
                }
            }
            None => RustTy::Named(names.type_idents.get(&id).cloned().unwrap_or_default()),
        },
    }
}

fn cardinality(f: &Field) -> Cardinality {
    match (f.many, f.nillable, f.min) {
        (true, true, _) => Cardinality::RepeatedNillable,
        (true, false, _) => Cardinality::Repeated,
        (false, _, 0) => Cardinality::Optional,
        (false, true, _) => Cardinality::Nillable,
        (false, false, _) => Cardinality::Required,
    }
}

/// Content handling of a value of type `t`: arrays (possibly of arrays) or direct.
fn array_content(model: &Model, t: TypeRef, names: &mut Names) -> Content {
    let item = match t {
        TypeRef::Def(id) => model.array_item(id),
        TypeRef::Builtin(_) => None,
    };
    match item {
        Some(item) => Content::Array {
            item_ns: if item.ns.is_empty() {
                String::new()
            } else {
                names.ns(&item.ns)
            },
            item_name: item.name.clone(),
            item_nillable: item.nillable,
            item: Box::new(array_content(model, item.ty, names)),
        },
        None => Content::Direct,
    }
}

/// Whether a field's value must not appear in `Debug` output.
fn is_secret_field(model: &Model, owner: Option<TypeId>, f: &Field, names: &Names) -> bool {
    // A struct's own `Debug` redacts its secret fields, so a struct value is hidden only when the
    // field name itself ends in a secret word.
    let is_struct = match f.ty {
        TypeRef::Def(id) => {
            model.array_item(id).is_none()
                && matches!(
                    model.ty(id).kind,
                    TypeKind::Struct { .. } | TypeKind::Dictionary { .. }
                )
        }
        TypeRef::Builtin(_) => false,
    };
    if is_struct {
        return naming::is_secret(&f.name, naming::SecretRule::LastWord);
    }
    owner.is_some_and(|o| names.secret_bodies.contains(&o))
        || naming::is_secret(&f.name, naming::SecretRule::AnyWord)
}

/// Plans one field of `owner`.
pub(super) fn plan_field(
    model: &Model,
    owner: Option<TypeId>,
    f: &Field,
    ident: String,
    names: &mut Names,
) -> Result<FieldPlan, PlanError> {
    let card = cardinality(f);
    let array = match f.ty {
        TypeRef::Def(id) => model.array_item(id),
        TypeRef::Builtin(_) => None,
    };
    let boxed = !f.many && owner.is_some_and(|o| model.needs_box(o, f.ty));
    let content = match array {
        Some(_) if f.many => {
            return Err(PlanError::new(
                f.span,
                format!(
                    "element `{}` repeats an ArrayOf-style type: repeated arrays are not supported",
                    f.name
                ),
            ))
        }
        Some(_) => array_content(model, f.ty, names),
        None if boxed => Content::Boxed,
        None => Content::Direct,
    };
    let mut ty = value_ty(model, f.ty, names);
    if boxed {
        ty = RustTy::Boxed(Box::new(ty));
    }
    let ty = match card {
        Cardinality::Required => ty,
        Cardinality::Optional | Cardinality::Nillable => ty.option(),
        Cardinality::Repeated => ty.vec(),
        Cardinality::RepeatedNillable => ty.option().vec(),
    };
    Ok(FieldPlan {
        ident,
        xml_name: f.name.clone(),
        ns: if f.ns.is_empty() {
            String::new()
        } else {
            names.ns(&f.ns)
        },
        ty,
        card,
        content,
        secret: is_secret_field(model, owner, f, names),
        doc: f.doc.clone(),
    })
}

/// Plans the item for type `id` (`ArrayOfX` types become aliases of the `Vec` they are inlined as).
pub(super) fn plan_type(
    model: &Model,
    id: TypeId,
    names: &mut Names,
) -> Result<Option<Item>, PlanError> {
    let def = model.ty(id);
    let ident = names.type_idents.get(&id).cloned().unwrap_or_default();
    let xml_name = def.origin.base_name();
    let doc = def.doc.clone();
    if model.array_item(id).is_some() {
        // WCF collections are `Vec`s wherever they are used; the alias keeps the XML name findable.
        return Ok(Some(Item::Alias {
            ident,
            xml_name,
            doc,
            target: value_ty(model, TypeRef::Def(id), names),
        }));
    }
    Ok(Some(match &def.kind {
        TypeKind::Struct { base, .. } => {
            let mut scope = naming::Scope::default();
            let mut fields = Vec::new();
            for f in model.all_fields(id) {
                let ident = scope.claim(naming::field_name(&f.name));
                fields.push(plan_field(model, Some(id), f, ident, names)?);
            }
            Item::Struct(StructPlan {
                ident,
                xml_name,
                doc,
                fields,
                extends: base.map(|b| model.ty(b).origin.base_name()),
            })
        }
        TypeKind::Enum {
            values,
            actual_type,
        } => {
            let mut scope = naming::Scope::with_reserved(&["Unrecognized"]);
            let variants = values
                .iter()
                .enumerate()
                .map(|(i, v)| (scope.claim(naming::variant_name(v, i)), v.clone()))
                .collect();
            Item::Enum(EnumPlan {
                ident,
                xml_name,
                doc,
                variants,
                other: "Unrecognized".to_owned(),
                actual_type: actual_type.as_ref().map(|q| match q.ns.as_str() {
                    crate::document::XSD_NS => format!("xs:{}", q.local),
                    _ => q.to_string(),
                }),
            })
        }
        TypeKind::List { item } => {
            let is_enum = matches!(item, TypeRef::Def(i) if matches!(model.ty(*i).kind, TypeKind::Enum { .. }));
            if !is_enum {
                return Err(PlanError::new(
                    def.span,
                    format!("xs:list type `{xml_name}`: only lists of enumerations (flag sets) are supported"),
                ));
            }
            Item::Alias {
                ident,
                xml_name,
                doc,
                target: RustTy::FlagSet(Box::new(value_ty(model, *item, names))),
            }
        }
        TypeKind::Alias { base } => Item::Alias {
            ident,
            xml_name,
            doc,
            target: value_ty(model, *base, names),
        },
        TypeKind::Dictionary { pair, key, value } => {
            let key_ty = value_ty(model, key.ty, names);
            if !hashable(model, key.ty) || key.many || value.many {
                return Err(PlanError::new(
                    def.span,
                    format!("dictionary `{xml_name}`: its key type cannot be a map key (expected a string, integer, enumeration or guid)"),
                ));
            }
            Item::Dictionary(DictionaryPlan {
                ident,
                xml_name,
                doc,
                ns: if pair.ns.is_empty() {
                    String::new()
                } else {
                    names.ns(&pair.ns)
                },
                pair: pair.name.clone(),
                key: key.name.clone(),
                value: value.name.clone(),
                key_ty,
                value_ty: value_ty(model, value.ty, names),
                value_nillable: value.nillable,
            })
        }
    }))
}

fn hashable(model: &Model, t: TypeRef) -> bool {
    match t {
        TypeRef::Builtin(b) => {
            !b.is_float() && !matches!(b, Builtin::AnyType | Builtin::DateTime | Builtin::Duration)
        }
        TypeRef::Def(id) => match &model.ty(id).kind {
            TypeKind::Enum { .. } => true,
            TypeKind::Alias { base } => hashable(model, *base),
            _ => false,
        },
    }
}
