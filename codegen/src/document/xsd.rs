//! XML Schema declarations: inline in `wsdl:types` or in schema files.
//!
//! The model keeps the particle tree (sequence, choice, all, group references, wildcards) and the
//! attribute uses as written; flattening them into Rust fields is the resolver's job.

use roxmltree::Node;

use super::parse::Reader;
use super::{ParseError, QName, Span, WCF_SER_NS, XSD_NS};

/// `xs:schema`.
#[derive(Debug, Clone)]
pub struct Schema {
    /// `targetNamespace` (empty when absent; a chameleon include has its includer's).
    pub target_ns: String,
    /// `elementFormDefault="qualified"`.
    pub element_form_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attribute_form_qualified: bool,
    /// Where it is declared.
    pub span: Span,
    /// `xs:import`s.
    pub imports: Vec<Import>,
    /// `xs:include`s (their schema locations).
    pub includes: Vec<Import>,
    /// Global elements.
    pub elements: Vec<ElementDecl>,
    /// Named complex types.
    pub complex_types: Vec<ComplexType>,
    /// Named simple types.
    pub simple_types: Vec<SimpleType>,
    /// Named model groups (`xs:group name=`).
    pub groups: Vec<GroupDef>,
    /// Named attribute groups.
    pub attribute_groups: Vec<AttributeGroupDef>,
    /// Global attributes.
    pub attributes: Vec<AttributeDecl>,
}

/// `xs:import` / `xs:include`.
#[derive(Debug, Clone)]
pub struct Import {
    /// `namespace` (imports only).
    pub namespace: Option<String>,
    /// `schemaLocation`.
    pub location: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A number.
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

impl MaxOccurs {
    /// More than one occurrence allowed.
    pub fn is_many(self) -> bool {
        !matches!(self, MaxOccurs::Bounded(0 | 1))
    }
}

/// `minOccurs` / `maxOccurs` of a particle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs {
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`.
    pub max: MaxOccurs,
}

impl Occurs {
    /// Exactly once.
    pub const ONCE: Occurs = Occurs {
        min: 1,
        max: MaxOccurs::Bounded(1),
    };
}

/// The type of an element or attribute: a reference or an anonymous inline definition.
#[derive(Debug, Clone)]
pub enum TypeOrInline<T> {
    /// `type="q:name"`.
    Ref(QName),
    /// Inline anonymous type.
    Inline(Box<T>),
    /// No type given: `xs:anyType` (elements) or `xs:anySimpleType` (attributes).
    Missing,
}

/// Inline type of an element.
// Built once per declaration and never moved around in bulk: boxing buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum InlineType {
    /// `xs:complexType`.
    Complex(ComplexType),
    /// `xs:simpleType`.
    Simple(SimpleType),
}

/// `xs:element` (global or local).
#[derive(Debug, Clone)]
pub struct ElementDecl {
    /// Name (for `ref=` elements, the referenced local name).
    pub name: String,
    /// Namespace of the element on the wire.
    pub ns: String,
    /// Where it is declared.
    pub span: Span,
    /// Its type.
    pub ty: TypeOrInline<InlineType>,
    /// `ref=`: the element is the referenced global element.
    pub reference: Option<QName>,
    /// Occurrence.
    pub occurs: Occurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `abstract="true"` (global elements).
    pub abstract_: bool,
    /// `substitutionGroup` (global elements).
    pub substitution_group: Option<QName>,
    /// `xs:annotation/xs:documentation`.
    pub doc: Option<String>,
}

/// A wildcard's namespace constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NsConstraint {
    /// `##any`.
    Any,
    /// `##other`: any namespace but the target namespace (and not unqualified).
    Other(String),
    /// A list (`""` stands for `##local`).
    List(Vec<String>),
}

/// `xs:any`.
#[derive(Debug, Clone)]
pub struct AnyDecl {
    /// Namespace constraint.
    pub namespace: NsConstraint,
    /// Occurrence.
    pub occurs: Occurs,
    /// Where it is declared.
    pub span: Span,
}

/// A particle of a content model.
#[derive(Debug, Clone)]
pub enum Particle {
    /// `xs:element`.
    Element(ElementDecl),
    /// `xs:sequence`, `xs:choice` or `xs:all`.
    Group(ModelGroup),
    /// `xs:group ref=`.
    GroupRef {
        /// The referenced group.
        reference: QName,
        /// Occurrence of the reference.
        occurs: Occurs,
        /// Where it is declared.
        span: Span,
    },
    /// `xs:any`.
    Any(AnyDecl),
}

/// The compositor of a model group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositor {
    /// `xs:sequence`.
    Sequence,
    /// `xs:choice`.
    Choice,
    /// `xs:all`.
    All,
}

/// `xs:sequence`, `xs:choice` or `xs:all` with its particles.
#[derive(Debug, Clone)]
pub struct ModelGroup {
    /// Which compositor.
    pub compositor: Compositor,
    /// Occurrence.
    pub occurs: Occurs,
    /// Particles in order.
    pub particles: Vec<Particle>,
    /// Where it is declared.
    pub span: Span,
}

/// `xs:group name=`.
#[derive(Debug, Clone)]
pub struct GroupDef {
    /// Name.
    pub name: String,
    /// Its model group.
    pub group: ModelGroup,
    /// Where it is declared.
    pub span: Span,
}

/// `use` of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUse {
    /// `optional` (the default).
    Optional,
    /// `required`.
    Required,
    /// `prohibited` (restrictions remove it).
    Prohibited,
}

/// `xs:attribute` (global or local).
#[derive(Debug, Clone)]
pub struct AttributeDecl {
    /// Name (for `ref=`, the referenced local name).
    pub name: String,
    /// Namespace on the wire (empty when unqualified).
    pub ns: String,
    /// `ref=`.
    pub reference: Option<QName>,
    /// Its type.
    pub ty: TypeOrInline<SimpleType>,
    /// `use`.
    pub use_: AttributeUse,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// `wsdl:arrayType` (SOAP-encoded array restrictions).
    pub array_type: Option<QName>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// An attribute use, an attribute group reference, or a wildcard.
#[allow(clippy::large_enum_variant)] // as `InlineType`
#[derive(Debug, Clone)]
pub enum AttributeItem {
    /// `xs:attribute`.
    Attribute(AttributeDecl),
    /// `xs:attributeGroup ref=`.
    GroupRef(QName, Span),
}

/// Attributes of a complex type (or attribute group).
#[derive(Debug, Clone, Default)]
pub struct Attributes {
    /// Attribute uses and group references in order.
    pub items: Vec<AttributeItem>,
    /// `xs:anyAttribute`.
    pub any: Option<NsConstraint>,
}

/// `xs:attributeGroup name=`.
#[derive(Debug, Clone)]
pub struct AttributeGroupDef {
    /// Name.
    pub name: String,
    /// Its attributes.
    pub attributes: Attributes,
    /// Where it is declared.
    pub span: Span,
}

/// Content of a complex type.
#[derive(Debug, Clone)]
pub enum ComplexContent {
    /// A model group (or nothing: empty content).
    Particle(Option<Particle>),
    /// `xs:complexContent/xs:extension`: the base's content, then this particle.
    Extension {
        /// The base type.
        base: QName,
        /// The extension's own particle.
        particle: Option<Particle>,
    },
    /// `xs:complexContent/xs:restriction`: the restricted content, restated.
    Restriction {
        /// The base type.
        base: QName,
        /// The restriction's particle.
        particle: Option<Particle>,
    },
    /// `xs:simpleContent/xs:extension` or `xs:restriction`: text of a simple type, plus attributes.
    Simple {
        /// The base (a simple type, or a complex type with simple content).
        base: TypeOrInline<SimpleType>,
        /// `xs:restriction` rather than `xs:extension`.
        restriction: bool,
    },
}

/// `xs:complexType`.
#[derive(Debug, Clone)]
pub struct ComplexType {
    /// Name for named types.
    pub name: Option<String>,
    /// Where it is declared.
    pub span: Span,
    /// Content model.
    pub content: ComplexContent,
    /// Attributes (of the type or of its extension/restriction).
    pub attributes: Attributes,
    /// `mixed="true"` (on the type or on `xs:complexContent`).
    pub mixed: bool,
    /// `abstract="true"`.
    pub abstract_: bool,
    /// WCF `IsDictionary` annotation.
    pub is_dictionary: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// How a simple type is derived.
#[derive(Debug, Clone)]
pub enum SimpleDerivation {
    /// `xs:restriction` with optional enumeration values and other facets.
    Restriction {
        /// The base type.
        base: TypeOrInline<SimpleType>,
        /// `xs:enumeration` values in order.
        enumerations: Vec<String>,
        /// Other facets (`pattern`, `maxLength`, …) as (name, value), for documentation.
        facets: Vec<(String, String)>,
    },
    /// `xs:list`.
    List {
        /// The item type.
        item: TypeOrInline<SimpleType>,
    },
    /// `xs:union`.
    Union {
        /// `memberTypes`, then the inline member types.
        members: Vec<TypeOrInline<SimpleType>>,
    },
}

/// `xs:simpleType`.
#[derive(Debug, Clone)]
pub struct SimpleType {
    /// Name for named types.
    pub name: Option<String>,
    /// Where it is declared.
    pub span: Span,
    /// Derivation.
    pub derivation: SimpleDerivation,
    /// WCF `ActualType` annotation (e.g. `xs:short` for a short-backed enumeration).
    pub actual_type: Option<QName>,
    /// Documentation.
    pub doc: Option<String>,
}

/// Schema components nested deeper than this are refused (about 128 levels of anonymous types;
/// the parser and the resolver recurse per level).
const MAX_DEPTH: usize = 256;

impl Reader<'_> {
    pub(super) fn schema(&self, node: Node, chameleon: Option<&str>) -> Result<Schema, ParseError> {
        let target_ns = match node.attribute("targetNamespace") {
            Some(ns) => ns.to_owned(),
            None => chameleon.unwrap_or("").to_owned(),
        };
        if target_ns.contains(['{', '}', ' ']) {
            self.warn(
                node,
                format!("targetNamespace `{target_ns}` is not a URI (a template placeholder?): used as written"),
            );
        }
        let mut schema = Schema {
            element_form_qualified: node.attribute("elementFormDefault") == Some("qualified"),
            attribute_form_qualified: node.attribute("attributeFormDefault") == Some("qualified"),
            target_ns,
            span: self.span(node),
            imports: Vec::new(),
            includes: Vec::new(),
            elements: Vec::new(),
            complex_types: Vec::new(),
            simple_types: Vec::new(),
            groups: Vec::new(),
            attribute_groups: Vec::new(),
            attributes: Vec::new(),
        };
        for child in self.xs_children(node) {
            match child.tag_name().name() {
                "import" | "include" => {
                    let import = Import {
                        namespace: child.attribute("namespace").map(str::to_owned),
                        location: child.attribute("schemaLocation").map(str::to_owned),
                        span: self.span(child),
                    };
                    if child.tag_name().name() == "import" {
                        schema.imports.push(import);
                    } else {
                        schema.includes.push(import);
                    }
                }
                "element" => {
                    let el = self.element(child, &schema, true, 0)?;
                    schema.elements.push(el);
                }
                "complexType" => {
                    let ct = self.complex_type(child, &schema, 0)?;
                    schema.complex_types.push(ct);
                }
                "simpleType" => {
                    let st = self.simple_type(child, 0)?;
                    schema.simple_types.push(st);
                }
                "group" => {
                    let name = self.required_attr(child, "name")?.to_owned();
                    let group = self
                        .xs_children(child)
                        .find(|c| matches!(c.tag_name().name(), "sequence" | "choice" | "all"))
                        .ok_or_else(|| {
                            self.error(child, "expected <xs:sequence>, <xs:choice> or <xs:all> in <xs:group>")
                        })?;
                    let group = self.model_group(group, &schema, 0)?;
                    schema.groups.push(GroupDef {
                        name,
                        group,
                        span: self.span(child),
                    });
                }
                "attributeGroup" => {
                    let name = self.required_attr(child, "name")?.to_owned();
                    let attributes = self.attributes(child, &schema, 0)?;
                    schema.attribute_groups.push(AttributeGroupDef {
                        name,
                        attributes,
                        span: self.span(child),
                    });
                }
                "attribute" => {
                    let a = self.attribute(child, &schema, true, 0)?;
                    schema.attributes.push(a);
                }
                "redefine" | "override" => {
                    return Err(self.unsupported(
                        child,
                        format!(
                            "<xs:{}> is not supported: expected xs:import or xs:include (copy the redefined components into a schema of your own)",
                            child.tag_name().name()
                        ),
                    ))
                }
                "annotation" | "notation" => {}
                other => {
                    return Err(self.error(
                        child,
                        format!("unexpected <xs:{other}> in <xs:schema>: expected a top-level schema component"),
                    ))
                }
            }
        }
        Ok(schema)
    }

    fn xs_children<'a, 'i>(&self, node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
        node.children()
            .filter(|c| c.is_element() && c.tag_name().namespace() == Some(XSD_NS))
    }

    fn required_attr<'a>(&self, node: Node<'a, '_>, attr: &str) -> Result<&'a str, ParseError> {
        node.attribute(attr).ok_or_else(|| {
            self.error(
                node,
                format!(
                    "expected a `{attr}` attribute on <xs:{}>",
                    node.tag_name().name()
                ),
            )
        })
    }

    fn depth_check(&self, node: Node, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.unsupported(
                node,
                format!("schema components nested more than {MAX_DEPTH} levels deep: expected named types for deep structures"),
            ));
        }
        Ok(())
    }

    fn doc_of(&self, node: Node) -> Option<String> {
        let ann = self
            .xs_children(node)
            .find(|c| c.has_tag_name((XSD_NS, "annotation")))?;
        let doc = self
            .xs_children(ann)
            .find(|c| c.has_tag_name((XSD_NS, "documentation")))?;
        super::parse::normalize_doc(doc)
    }

    fn appinfo<'a, 'i>(&self, node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
        let ann = self
            .xs_children(node)
            .find(|c| c.has_tag_name((XSD_NS, "annotation")))?;
        let info = self
            .xs_children(ann)
            .find(|c| c.has_tag_name((XSD_NS, "appinfo")))?;
        info.children()
            .find(|c| c.has_tag_name((WCF_SER_NS, local)))
    }

    fn flag(&self, node: Node, attr: &str) -> bool {
        matches!(node.attribute(attr).map(str::trim), Some("true" | "1"))
    }

    fn occurs(&self, node: Node) -> Result<Occurs, ParseError> {
        let number = |attr: &str, v: &str| {
            v.trim().parse::<u32>().map_err(|_| {
                self.error(
                    node,
                    format!("expected a non-negative integer for `{attr}`, found `{v}`"),
                )
            })
        };
        let min = match node.attribute("minOccurs") {
            Some(v) => number("minOccurs", v)?,
            None => 1,
        };
        let max = match node.attribute("maxOccurs").map(str::trim) {
            Some("unbounded") => MaxOccurs::Unbounded,
            Some(v) => MaxOccurs::Bounded(number("maxOccurs", v)?),
            None => MaxOccurs::Bounded(1),
        };
        if let MaxOccurs::Bounded(max) = max {
            if min > max {
                return Err(self.error(
                    node,
                    format!("minOccurs ({min}) is greater than maxOccurs ({max}): expected minOccurs <= maxOccurs"),
                ));
            }
        }
        Ok(Occurs { min, max })
    }

    fn element(
        &self,
        node: Node,
        schema: &Schema,
        global: bool,
        depth: usize,
    ) -> Result<ElementDecl, ParseError> {
        self.depth_check(node, depth)?;
        let reference = self.qname_attr(node, "ref")?;
        let (name, ns) = self.declared_name(
            node,
            &reference,
            schema,
            global,
            schema.element_form_qualified,
        )?;
        let inline = self
            .xs_children(node)
            .find(|c| matches!(c.tag_name().name(), "complexType" | "simpleType"));
        let ty = match (self.qname_attr(node, "type")?, inline) {
            (Some(q), Some(_)) => {
                // Both a type and an inline definition: the schema is invalid; the `type` wins, as
                // it does for gSOAP and zeep.
                self.warn(
                    node,
                    "an <xs:element> with a `type` attribute also defines an inline type (src-element.3): the inline type is ignored".to_owned(),
                );
                TypeOrInline::Ref(q)
            }
            (Some(q), None) => TypeOrInline::Ref(q),
            (None, Some(inline)) if inline.tag_name().name() == "complexType" => {
                TypeOrInline::Inline(Box::new(InlineType::Complex(self.complex_type(
                    inline,
                    schema,
                    depth + 1,
                )?)))
            }
            (None, Some(inline)) => TypeOrInline::Inline(Box::new(InlineType::Simple(
                self.simple_type(inline, depth + 1)?,
            ))),
            (None, None) => TypeOrInline::Missing,
        };
        Ok(ElementDecl {
            name,
            ns,
            span: self.span(node),
            ty,
            reference,
            occurs: if global {
                Occurs::ONCE
            } else {
                self.occurs(node)?
            },
            nillable: self.flag(node, "nillable"),
            abstract_: self.flag(node, "abstract"),
            // XSD 1.1 allows a list of heads, which does not parse as one QName: none is used.
            substitution_group: self
                .qname_attr(node, "substitutionGroup")
                .unwrap_or_default(),
            doc: self.doc_of(node),
        })
    }

    /// The local name and wire namespace of an element or attribute declaration: the referenced
    /// component's for `ref=`, else `name` in the target namespace when global or qualified
    /// (`form`, else the schema's default `form_default`), in no namespace otherwise.
    fn declared_name(
        &self,
        node: Node,
        reference: &Option<QName>,
        schema: &Schema,
        global: bool,
        form_default: bool,
    ) -> Result<(String, String), ParseError> {
        match (reference, node.attribute("name")) {
            (Some(r), _) => Ok((r.local.clone(), r.ns.clone())),
            (None, Some(name)) => {
                let qualified = global
                    || match node.attribute("form") {
                        Some(form) => form == "qualified",
                        None => form_default,
                    };
                let ns = if qualified {
                    schema.target_ns.clone()
                } else {
                    String::new()
                };
                Ok((name.to_owned(), ns))
            }
            (None, None) => Err(self.error(
                node,
                format!(
                    "expected a `name` or `ref` attribute on <xs:{}>",
                    node.tag_name().name()
                ),
            )),
        }
    }

    fn namespace_constraint(&self, node: Node, schema: &Schema) -> NsConstraint {
        match node.attribute("namespace").map(str::trim) {
            None | Some("##any") => NsConstraint::Any,
            Some("##other") => NsConstraint::Other(schema.target_ns.clone()),
            Some(list) => NsConstraint::List(
                list.split_whitespace()
                    .map(|t| match t {
                        "##local" => String::new(),
                        "##targetNamespace" => schema.target_ns.clone(),
                        other => other.to_owned(),
                    })
                    .collect(),
            ),
        }
    }

    fn particle(
        &self,
        node: Node,
        schema: &Schema,
        depth: usize,
    ) -> Result<Option<Particle>, ParseError> {
        Ok(Some(match node.tag_name().name() {
            "element" => Particle::Element(self.element(node, schema, false, depth)?),
            "sequence" | "choice" | "all" => {
                Particle::Group(self.model_group(node, schema, depth)?)
            }
            "group" => Particle::GroupRef {
                reference: self.qname_attr(node, "ref")?.ok_or_else(|| {
                    self.error(node, "expected a `ref` attribute on a local <xs:group>")
                })?,
                occurs: self.occurs(node)?,
                span: self.span(node),
            },
            "any" => Particle::Any(AnyDecl {
                namespace: self.namespace_constraint(node, schema),
                occurs: self.occurs(node)?,
                span: self.span(node),
            }),
            "annotation" => return Ok(None),
            other => {
                return Err(self.error(
                    node,
                    format!("unexpected <xs:{other}> in a model group: expected xs:element, xs:sequence, xs:choice, xs:group or xs:any"),
                ))
            }
        }))
    }

    fn model_group(
        &self,
        node: Node,
        schema: &Schema,
        depth: usize,
    ) -> Result<ModelGroup, ParseError> {
        self.depth_check(node, depth)?;
        let compositor = match node.tag_name().name() {
            "choice" => Compositor::Choice,
            "all" => Compositor::All,
            _ => Compositor::Sequence,
        };
        let mut particles = Vec::new();
        for child in self.xs_children(node) {
            if let Some(p) = self.particle(child, schema, depth + 1)? {
                particles.push(p);
            }
        }
        Ok(ModelGroup {
            compositor,
            occurs: self.occurs(node)?,
            particles,
            span: self.span(node),
        })
    }

    fn attribute(
        &self,
        node: Node,
        schema: &Schema,
        global: bool,
        depth: usize,
    ) -> Result<AttributeDecl, ParseError> {
        let reference = self.qname_attr(node, "ref")?;
        let (name, ns) = self.declared_name(
            node,
            &reference,
            schema,
            global,
            schema.attribute_form_qualified,
        )?;
        let ty = match self.qname_attr(node, "type")? {
            Some(q) => TypeOrInline::Ref(q),
            None => match self
                .xs_children(node)
                .find(|c| c.tag_name().name() == "simpleType")
            {
                Some(st) => TypeOrInline::Inline(Box::new(self.simple_type(st, depth + 1)?)),
                None => TypeOrInline::Missing,
            },
        };
        let array_type = node
            .attributes()
            .find(|a| a.namespace() == Some(super::WSDL_NS) && a.name() == "arrayType")
            .map(|a| self.resolve_prefixed(node, a.value()))
            .transpose()?;
        Ok(AttributeDecl {
            name,
            ns,
            reference,
            ty,
            use_: match node.attribute("use").map(str::trim) {
                Some("required") => AttributeUse::Required,
                Some("prohibited") => AttributeUse::Prohibited,
                _ => AttributeUse::Optional,
            },
            default: node.attribute("default").map(str::to_owned),
            fixed: node.attribute("fixed").map(str::to_owned),
            array_type,
            doc: self.doc_of(node),
            span: self.span(node),
        })
    }

    fn attributes(
        &self,
        node: Node,
        schema: &Schema,
        depth: usize,
    ) -> Result<Attributes, ParseError> {
        let mut out = Attributes::default();
        for child in self.xs_children(node) {
            match child.tag_name().name() {
                "attribute" => out.items.push(AttributeItem::Attribute(
                    self.attribute(child, schema, false, depth)?,
                )),
                "attributeGroup" => {
                    let r = self.qname_attr(child, "ref")?.ok_or_else(|| {
                        self.error(
                            child,
                            "expected a `ref` attribute on a local <xs:attributeGroup>",
                        )
                    })?;
                    out.items.push(AttributeItem::GroupRef(r, self.span(child)));
                }
                "anyAttribute" => out.any = Some(self.namespace_constraint(child, schema)),
                _ => {}
            }
        }
        Ok(out)
    }

    /// The particle among `node`'s children (sequence, choice, all or group).
    fn content_particle(
        &self,
        node: Node,
        schema: &Schema,
        depth: usize,
    ) -> Result<Option<Particle>, ParseError> {
        for child in self.xs_children(node) {
            if matches!(
                child.tag_name().name(),
                "sequence" | "choice" | "all" | "group"
            ) {
                return self.particle(child, schema, depth);
            }
        }
        Ok(None)
    }

    pub(super) fn complex_type(
        &self,
        node: Node,
        schema: &Schema,
        depth: usize,
    ) -> Result<ComplexType, ParseError> {
        self.depth_check(node, depth)?;
        let mut mixed = self.flag(node, "mixed");
        let derivation = self
            .xs_children(node)
            .find(|c| matches!(c.tag_name().name(), "complexContent" | "simpleContent"));
        let (content, attributes) = match derivation {
            None => (
                ComplexContent::Particle(self.content_particle(node, schema, depth + 1)?),
                self.attributes(node, schema, depth + 1)?,
            ),
            Some(d) => {
                mixed |= self.flag(d, "mixed");
                let body = self
                    .xs_children(d)
                    .find(|c| matches!(c.tag_name().name(), "extension" | "restriction"))
                    .ok_or_else(|| {
                        self.error(
                            d,
                            format!(
                                "expected <xs:extension> or <xs:restriction> in <xs:{}>",
                                d.tag_name().name()
                            ),
                        )
                    })?;
                let restriction = body.tag_name().name() == "restriction";
                let base = self.qname_attr(body, "base")?;
                let attributes = self.attributes(body, schema, depth + 1)?;
                let content = if d.tag_name().name() == "simpleContent" {
                    let base = match base {
                        Some(q) => TypeOrInline::Ref(q),
                        None => match self
                            .xs_children(body)
                            .find(|c| c.tag_name().name() == "simpleType")
                        {
                            Some(st) => {
                                TypeOrInline::Inline(Box::new(self.simple_type(st, depth + 1)?))
                            }
                            None => {
                                return Err(self.error(
                                    body,
                                    "expected a `base` attribute or an inline <xs:simpleType>",
                                ))
                            }
                        },
                    };
                    ComplexContent::Simple { base, restriction }
                } else {
                    let base = base.ok_or_else(|| {
                        self.error(
                            body,
                            format!(
                                "expected a `base` attribute on <xs:{}>",
                                body.tag_name().name()
                            ),
                        )
                    })?;
                    let particle = self.content_particle(body, schema, depth + 1)?;
                    if restriction {
                        ComplexContent::Restriction { base, particle }
                    } else {
                        ComplexContent::Extension { base, particle }
                    }
                };
                (content, attributes)
            }
        };
        Ok(ComplexType {
            name: node.attribute("name").map(str::to_owned),
            span: self.span(node),
            content,
            attributes,
            mixed,
            abstract_: self.flag(node, "abstract"),
            is_dictionary: self
                .appinfo(node, "IsDictionary")
                .and_then(|n| n.text())
                .is_some_and(|t| t.trim() == "true"),
            doc: self.doc_of(node),
        })
    }

    fn simple_base(
        &self,
        node: Node,
        attr: &str,
        depth: usize,
    ) -> Result<TypeOrInline<SimpleType>, ParseError> {
        if let Some(q) = self.qname_attr(node, attr)? {
            return Ok(TypeOrInline::Ref(q));
        }
        match self
            .xs_children(node)
            .find(|c| c.has_tag_name((XSD_NS, "simpleType")))
        {
            Some(inline) => Ok(TypeOrInline::Inline(Box::new(
                self.simple_type(inline, depth + 1)?,
            ))),
            None => Err(self.error(
                node,
                format!("expected a `{attr}` attribute or an inline <xs:simpleType>"),
            )),
        }
    }

    pub(super) fn simple_type(&self, node: Node, depth: usize) -> Result<SimpleType, ParseError> {
        self.depth_check(node, depth)?;
        let body = self
            .xs_children(node)
            .find(|c| c.tag_name().name() != "annotation")
            .ok_or_else(|| {
                self.error(
                    node,
                    "expected <xs:restriction>, <xs:list> or <xs:union> in <xs:simpleType>",
                )
            })?;
        let derivation = match body.tag_name().name() {
            "restriction" => {
                let mut enumerations = Vec::new();
                let mut facets = Vec::new();
                for c in self.xs_children(body) {
                    match c.tag_name().name() {
                        "enumeration" => enumerations.push(
                            c.attribute("value").map(str::to_owned).ok_or_else(|| {
                                self.error(c, "expected a `value` attribute on <xs:enumeration>")
                            })?,
                        ),
                        "annotation" | "simpleType" => {}
                        facet => facets.push((
                            facet.to_owned(),
                            c.attribute("value").unwrap_or_default().to_owned(),
                        )),
                    }
                }
                SimpleDerivation::Restriction {
                    base: self.simple_base(body, "base", depth)?,
                    enumerations,
                    facets,
                }
            }
            "list" => SimpleDerivation::List {
                item: self.simple_base(body, "itemType", depth)?,
            },
            "union" => {
                let mut members = Vec::new();
                if let Some(list) = body.attribute("memberTypes") {
                    for m in list.split_whitespace() {
                        members.push(TypeOrInline::Ref(self.resolve_prefixed(body, m)?));
                    }
                }
                for st in self
                    .xs_children(body)
                    .filter(|c| c.tag_name().name() == "simpleType")
                {
                    members.push(TypeOrInline::Inline(Box::new(
                        self.simple_type(st, depth + 1)?,
                    )));
                }
                if members.is_empty() {
                    return Err(self.error(
                        body,
                        "expected `memberTypes` or inline <xs:simpleType>s in <xs:union>",
                    ));
                }
                SimpleDerivation::Union { members }
            }
            other => {
                return Err(self.error(
                    body,
                    format!("unexpected <xs:{other}> in <xs:simpleType>: expected xs:restriction, xs:list or xs:union"),
                ))
            }
        };
        let actual_type = match self.appinfo(node, "ActualType") {
            Some(n) => match (n.attribute("Name"), n.attribute("Namespace")) {
                (Some(name), Some(ns)) => Some(QName::new(ns, name)),
                _ => None,
            },
            None => None,
        };
        Ok(SimpleType {
            name: node.attribute("name").map(str::to_owned),
            span: self.span(node),
            derivation,
            actual_type,
            doc: self.doc_of(node),
        })
    }
}
