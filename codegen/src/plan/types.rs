//! Planning type items: structs, enums, flag sets, dictionaries, aliases.

use std::collections::BTreeSet;

use super::{Names, PlanError};
use crate::document::NsConstraint;
use crate::naming;
use crate::resolve::{Builtin, Field, Member, Model, Origin, TypeId, TypeKind, TypeRef};

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
    /// The runtime's list of simple values (`xs:list` of a non-enumeration).
    List(Box<RustTy>),
    /// `()`: an empty message.
    Unit,
    /// The runtime's raw element (`xs:any`).
    AnyElement,
    /// The runtime's raw attribute (`xs:anyAttribute`).
    AnyAttribute,
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

/// What a struct field stands for in the XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A child element.
    Element,
    /// An attribute.
    Attribute {
        /// `default`.
        default: Option<String>,
        /// `fixed`.
        fixed: Option<String>,
    },
    /// The element's text (simple content, or the text of mixed content).
    Text,
    /// A choice enum read and written inline.
    Flatten,
    /// `xs:any`: unclaimed child elements.
    Any {
        /// Only children in these namespace constants (`""`: unqualified), when `Some`.
        only: Option<Vec<String>>,
        /// Only qualified children not in this namespace constant (`##other`), when `Some`.
        not: Option<String>,
    },
    /// `xs:anyAttribute`: unclaimed attributes.
    AnyAttribute,
    /// A SOAP-encoded array element.
    SoapArray {
        /// XSD local name of the item type.
        item_type: String,
        /// Namespace constant of the item type.
        item_ns: String,
    },
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    /// What it stands for.
    pub role: Role,
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
    /// `xsi:type` written on the element (SOAP encoding): (type name, namespace constant).
    pub xsi_type: Option<(String, String)>,
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
    /// Every field's type has a `Default` (no required choice or union).
    pub default: bool,
    /// A model group read and written inline by its container (`#[xml(group)]`).
    pub group: bool,
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

/// An alternative of a choice enum.
#[derive(Debug, Clone)]
pub struct VariantPlan {
    /// Variant identifier.
    pub ident: String,
    /// Element name (choices) or XSD type name (polymorphic enums).
    pub xml_name: String,
    /// Namespace constant ("" when unqualified).
    pub ns: String,
    /// The payload type.
    pub ty: RustTy,
    /// Documentation.
    pub doc: Option<String>,
}

/// An enum of element alternatives or of derived types.
#[derive(Debug, Clone)]
pub struct ChoicePlan {
    /// Rust identifier.
    pub ident: String,
    /// XML name (for docs).
    pub xml_name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// `xsi:type` polymorphism rather than element alternatives.
    pub polymorphic: bool,
    /// The polymorphic base is abstract: every variant writes `xsi:type`.
    pub abstract_base: bool,
    /// The alternatives.
    pub variants: Vec<VariantPlan>,
}

/// A generated type item.
#[derive(Debug, Clone)]
pub enum Item {
    /// `#[xml(choice)]` or `#[xml(polymorphic)]` enum.
    Choice(ChoicePlan),
    /// A union: a `SimpleType` enum with one-value variants, tried in order.
    Union {
        /// Rust identifier.
        ident: String,
        /// XML type name.
        xml_name: String,
        /// Documentation.
        doc: Option<String>,
        /// (variant identifier, member type).
        variants: Vec<(String, RustTy)>,
    },
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
        stack.extend(op.faults.iter().map(|f| f.ty));
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
        TypeKind::Struct {
            base,
            fields,
            attributes,
            text,
            ..
        } => fields
            .iter()
            .filter_map(|m| match m {
                Member::Element(f) => Some(f.ty),
                Member::Particle { ty, .. } => Some(TypeRef::Def(*ty)),
                Member::Any { .. } => None,
            })
            .chain(attributes.iter().map(|a| a.ty))
            .chain(*text)
            .chain(base.map(TypeRef::Def))
            .collect(),
        TypeKind::Choice { variants } => variants.iter().map(|v| v.ty).collect(),
        TypeKind::Polymorphic { variants, .. } => {
            variants.iter().map(|v| TypeRef::Def(*v)).collect()
        }
        TypeKind::Enum { .. } => Vec::new(),
        TypeKind::List { item } => vec![*item],
        TypeKind::Union { members } => members.clone(),
        TypeKind::Alias { base, .. } => vec![*base],
        TypeKind::SoapArray { item, .. } => vec![*item],
        TypeKind::Dictionary { key, value, .. } => vec![key.ty, value.ty],
    }
}

/// The Rust type of a simple value (attribute, text, list item, union member): as
/// [`value_ty`], except that a `QName` or `anyType` there is kept as its lexical form (a
/// `QName`'s prefix needs the element's namespace context, which attributes do not carry here).
pub(super) fn simple_value_ty(model: &Model, t: TypeRef, names: &Names) -> RustTy {
    match t {
        TypeRef::Builtin(Builtin::QName | Builtin::AnyType) => RustTy::Builtin(Builtin::String),
        _ => value_ty(model, t, names),
    }
}

/// The Rust type of a value of type `t` (one occurrence, no cardinality).
pub(super) fn value_ty(model: &Model, t: TypeRef, names: &Names) -> RustTy {
    match t {
        TypeRef::Builtin(b) => RustTy::Builtin(b),
        TypeRef::Def(id) => match (model.array_item(id), &model.ty(id).kind) {
            (Some(item), _) => {
                let inner = value_ty(model, item.ty, names);
                if item.nillable {
                    inner.option().vec()
                } else {
                    inner.vec()
                }
            }
            (None, TypeKind::SoapArray { item, .. }) => {
                let nested = matches!(item, TypeRef::Def(i) if matches!(model.ty(*i).kind, TypeKind::SoapArray { .. }));
                if nested {
                    // Arrays of SOAP arrays keep their inner arrays as XML.
                    RustTy::Builtin(Builtin::AnyType).vec()
                } else {
                    value_ty(model, *item, names).vec()
                }
            }
            (None, _) => RustTy::Named(names.type_idents.get(&id).cloned().unwrap_or_default()),
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
                    TypeKind::Struct { .. }
                        | TypeKind::Dictionary { .. }
                        | TypeKind::Choice { .. }
                        | TypeKind::Polymorphic { .. }
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

fn ns_const(names: &mut Names, ns: &str) -> String {
    if ns.is_empty() {
        String::new()
    } else {
        names.ns(ns)
    }
}

/// Plans one element field of `owner`.
pub(super) fn plan_field(
    model: &Model,
    owner: Option<TypeId>,
    f: &Field,
    ident: String,
    names: &mut Names,
) -> Result<FieldPlan, PlanError> {
    let mut card = cardinality(f);
    let array = match f.ty {
        TypeRef::Def(id) => model.array_item(id),
        TypeRef::Builtin(_) => None,
    };
    let soap_array = match f.ty {
        TypeRef::Def(id) => match &model.ty(id).kind {
            TypeKind::SoapArray { item_type, .. } => Some(item_type.clone()),
            _ => None,
        },
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
    let mut role = Role::Element;
    if let Some(item_type) = soap_array {
        if f.many {
            return Err(PlanError::new(
                f.span,
                format!(
                    "element `{}` repeats a SOAP-encoded array: repeated arrays are not supported",
                    f.name
                ),
            ));
        }
        role = Role::SoapArray {
            item_ns: ns_const(names, &item_type.ns),
            item_type: item_type.local,
        };
        // An optional array may be absent (gSOAP leaves out arrays it has no value for):
        // `Option<Vec<T>>`; a required one is a `Vec<T>`.
        card = match card {
            Cardinality::Optional | Cardinality::Nillable => card,
            _ => Cardinality::Required,
        };
    }
    // SOAP-encoded values say their type, except where the value writes it itself
    // (polymorphic enums, SOAP arrays).
    let self_typed = match f.ty {
        TypeRef::Def(id) => matches!(
            model.ty(id).kind,
            TypeKind::Polymorphic { .. } | TypeKind::SoapArray { .. }
        ),
        TypeRef::Builtin(_) => false,
    };
    let xsi_type = match (&f.xsd_type, owner) {
        (Some(q), Some(o)) if model.encoded.contains(&o) && !self_typed && array.is_none() => {
            Some((q.local.clone(), ns_const(names, &q.ns)))
        }
        _ => None,
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
        role,
        ident,
        xml_name: f.name.clone(),
        ns: ns_const(names, &f.ns),
        ty,
        card,
        content,
        secret: is_secret_field(model, owner, f, names),
        xsi_type,
        doc: f.doc.clone(),
    })
}

/// A field that is not an element: attribute, text, inline choice, wildcard.
fn other_field(
    role: Role,
    ident: String,
    xml_name: &str,
    ns: String,
    ty: RustTy,
    doc: Option<String>,
) -> FieldPlan {
    let secret = naming::is_secret(xml_name, naming::SecretRule::AnyWord)
        && matches!(role, Role::Attribute { .. } | Role::Text);
    FieldPlan {
        role,
        ident,
        xml_name: xml_name.to_owned(),
        ns,
        ty,
        card: Cardinality::Required,
        content: Content::Direct,
        secret,
        xsi_type: None,
        doc,
    }
}

/// Plans the fields of struct `id`: attributes, text, then content members in order.
fn plan_struct_fields(
    model: &Model,
    id: TypeId,
    names: &mut Names,
) -> Result<Vec<FieldPlan>, PlanError> {
    let mut scope = naming::Scope::default();
    let mut fields = Vec::new();
    for a in model.all_attributes(id) {
        let ident = scope.claim(naming::field_name(&a.name));
        let value = simple_value_ty(model, a.ty, names);
        let ty = if a.required || a.default.is_some() || a.fixed.is_some() {
            value
        } else {
            value.option()
        };
        let ns = ns_const(names, &a.ns);
        let role = Role::Attribute {
            default: a.default.clone(),
            fixed: a.fixed.clone(),
        };
        fields.push(other_field(role, ident, &a.name, ns, ty, a.doc.clone()));
    }
    if let Some(text) = model.text_of(id) {
        let ident = scope.claim("value".to_owned());
        let ty = simple_value_ty(model, text, names);
        fields.push(other_field(
            Role::Text,
            ident,
            "value",
            String::new(),
            ty,
            None,
        ));
    }
    for m in model.all_fields(id) {
        match m {
            Member::Element(f) => {
                let ident = scope.claim(naming::field_name(&f.name));
                fields.push(plan_field(model, Some(id), f, ident, names)?);
            }
            Member::Particle {
                ty, optional, many, ..
            } => {
                let name = match (&model.ty(*ty).origin, &model.ty(*ty).kind) {
                    (Origin::Nested { parent, role }, _) if role == "Substitution" => {
                        parent.clone()
                    }
                    (Origin::Nested { parent, role }, TypeKind::Struct { .. })
                        if role.is_empty() =>
                    {
                        parent.clone()
                    }
                    (_, TypeKind::Struct { .. }) => "group".to_owned(),
                    _ => "choice".to_owned(),
                };
                let ident = scope.claim(naming::field_name(&name));
                let mut value = value_ty(model, TypeRef::Def(*ty), names);
                if !many && model.needs_box(id, TypeRef::Def(*ty)) {
                    value = RustTy::Boxed(Box::new(value));
                }
                let rust = if *many {
                    value.vec()
                } else if *optional {
                    value.option()
                } else {
                    value
                };
                fields.push(other_field(
                    Role::Flatten,
                    ident,
                    &name,
                    String::new(),
                    rust,
                    None,
                ));
            }
            Member::Any { namespace, .. } => {
                let ident = scope.claim("any".to_owned());
                let ty = RustTy::AnyElement.vec();
                let role = match namespace {
                    NsConstraint::Any => Role::Any {
                        only: None,
                        not: None,
                    },
                    NsConstraint::Other(tns) => Role::Any {
                        only: None,
                        // `##other` of a schema without target namespace: any qualified child.
                        not: Some(ns_const(names, tns)),
                    },
                    NsConstraint::List(list) => Role::Any {
                        only: Some(list.iter().map(|ns| ns_const(names, ns)).collect()),
                        not: None,
                    },
                };
                fields.push(other_field(role, ident, "any", String::new(), ty, None));
            }
        }
    }
    if model.any_attribute_of(id).is_some() {
        let ident = scope.claim("any_attribute".to_owned());
        let ty = RustTy::AnyAttribute.vec();
        fields.push(other_field(
            Role::AnyAttribute,
            ident,
            "anyAttribute",
            String::new(),
            ty,
            None,
        ));
    }
    Ok(fields)
}

/// Whether a value of type `t` has a `Default` (choices and unions have none; a struct has one
/// when all its required fields do).
pub(super) fn has_default(model: &Model, t: TypeRef, seen: &mut BTreeSet<TypeId>) -> bool {
    let TypeRef::Def(id) = t else { return true };
    if model.array_item(id).is_some() || !seen.insert(id) {
        return true;
    }
    match &model.ty(id).kind {
        TypeKind::Choice { .. } | TypeKind::Polymorphic { .. } | TypeKind::Union { .. } => false,
        TypeKind::Alias { base, .. } => has_default(model, *base, seen),
        TypeKind::Struct { .. } => {
            let attrs = model
                .all_attributes(id)
                .into_iter()
                .filter(|a| a.required || a.default.is_some() || a.fixed.is_some())
                .all(|a| has_default(model, a.ty, seen));
            let text = model
                .text_of(id)
                .is_none_or(|t| has_default(model, t, seen));
            let members = model.all_fields(id).into_iter().all(|m| match m {
                Member::Element(f) => {
                    f.many || f.min == 0 || f.nillable || has_default(model, f.ty, seen)
                }
                Member::Particle {
                    ty, optional, many, ..
                } => *optional || *many || has_default(model, TypeRef::Def(*ty), seen),
                Member::Any { .. } => true,
            });
            attrs && text && members
        }
        _ => true,
    }
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
        TypeKind::Struct { base, group, .. } => Item::Struct(StructPlan {
            group: *group,
            fields: plan_struct_fields(model, id, names)?,
            ident,
            xml_name,
            doc,
            extends: base.map(|b| model.ty(b).origin.base_name()),
            default: has_default(model, TypeRef::Def(id), &mut BTreeSet::new()),
        }),
        TypeKind::Choice { variants } => {
            let mut scope = naming::Scope::default();
            let mut planned = Vec::new();
            for v in variants {
                let mut ty = value_ty(model, v.ty, names);
                if model.needs_box(id, v.ty) {
                    ty = RustTy::Boxed(Box::new(ty));
                }
                planned.push(VariantPlan {
                    ident: scope.claim(naming::type_name(&v.name)),
                    xml_name: v.name.clone(),
                    ns: ns_const(names, &v.ns),
                    ty,
                    doc: v.doc.clone(),
                });
            }
            Item::Choice(ChoicePlan {
                ident,
                xml_name,
                doc,
                polymorphic: false,
                abstract_base: false,
                variants: planned,
            })
        }
        TypeKind::Polymorphic {
            base,
            variants,
            abstract_base,
        } => {
            let mut scope = naming::Scope::default();
            let mut planned = Vec::new();
            for v in variants {
                let q = match &model.ty(*v).origin {
                    Origin::Named(q) => q.clone(),
                    _ => continue,
                };
                let mut ty = value_ty(model, TypeRef::Def(*v), names);
                if model.needs_box(id, TypeRef::Def(*v)) {
                    ty = RustTy::Boxed(Box::new(ty));
                }
                planned.push(VariantPlan {
                    ident: scope.claim(naming::type_name(&q.local)),
                    xml_name: q.local.clone(),
                    ns: ns_const(names, &q.ns),
                    ty,
                    doc: None,
                });
            }
            Item::Choice(ChoicePlan {
                ident,
                xml_name: model.ty(*base).origin.base_name(),
                doc,
                polymorphic: true,
                abstract_base: *abstract_base,
                variants: planned,
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
            let value = Box::new(simple_value_ty(model, *item, names));
            Item::Alias {
                ident,
                xml_name,
                doc,
                target: if is_enum {
                    RustTy::FlagSet(value)
                } else {
                    RustTy::List(value)
                },
            }
        }
        TypeKind::Union { members } => {
            let mut scope = naming::Scope::default();
            let variants = members
                .iter()
                .map(|m| {
                    let ty = simple_value_ty(model, *m, names);
                    let name = match m {
                        TypeRef::Builtin(b) => format!("{b:?}"),
                        TypeRef::Def(d) => names.type_idents.get(d).cloned().unwrap_or_default(),
                    };
                    (scope.claim(naming::type_name(&name)), ty)
                })
                .collect();
            Item::Union {
                ident,
                xml_name,
                doc,
                variants,
            }
        }
        TypeKind::Alias { base, facets } => Item::Alias {
            ident,
            xml_name,
            doc: facet_doc(doc, facets),
            target: simple_value_ty(model, *base, names),
        },
        TypeKind::SoapArray { .. } => Item::Alias {
            ident,
            xml_name,
            doc,
            target: value_ty(model, TypeRef::Def(id), names),
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
                ns: ns_const(names, &pair.ns),
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

/// The documentation of a restriction, with its facets (not enforced) listed.
fn facet_doc(doc: Option<String>, facets: &[(String, String)]) -> Option<String> {
    if facets.is_empty() {
        return doc;
    }
    let list = facets
        .iter()
        .map(|(k, v)| format!("`{k}` = `{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let line = format!("Facets (documented, not enforced): {list}.");
    Some(match doc {
        Some(d) => format!("{d}\n\n{line}"),
        None => line,
    })
}

fn hashable(model: &Model, t: TypeRef) -> bool {
    match t {
        TypeRef::Builtin(b) => {
            !b.is_float() && !matches!(b, Builtin::AnyType | Builtin::DateTime | Builtin::Duration)
        }
        TypeRef::Def(id) => match &model.ty(id).kind {
            TypeKind::Enum { .. } => true,
            TypeKind::Alias { base, .. } => hashable(model, *base),
            _ => false,
        },
    }
}
