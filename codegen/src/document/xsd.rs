//! XML Schema declarations inside `wsdl:types`.

use roxmltree::Node;

use super::parse::Reader;
use super::{ParseError, QName, Span, WCF_SER_NS, XSD_NS};

/// `xs:schema`.
#[derive(Debug, Clone)]
pub struct Schema {
    /// `targetNamespace` (empty when absent).
    pub target_ns: String,
    /// `elementFormDefault="qualified"`.
    pub element_form_qualified: bool,
    /// Where it is declared.
    pub span: Span,
    /// `xs:import`s: (namespace, schemaLocation, span).
    pub imports: Vec<(Option<String>, Option<String>, Span)>,
    /// Global elements.
    pub elements: Vec<ElementDecl>,
    /// Named complex types.
    pub complex_types: Vec<ComplexType>,
    /// Named simple types.
    pub simple_types: Vec<SimpleType>,
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

/// The type of an element or attribute: a reference or an anonymous inline definition.
#[derive(Debug, Clone)]
pub enum TypeOrInline<T> {
    /// `type="q:name"`.
    Ref(QName),
    /// Inline anonymous type.
    Inline(Box<T>),
    /// No type given: `xs:anyType`.
    Missing,
}

/// Inline type of an element.
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
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`.
    pub max: MaxOccurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `xs:annotation/xs:documentation`.
    pub doc: Option<String>,
}

/// Content of a complex type.
#[derive(Debug, Clone)]
pub enum ComplexContent {
    /// `xs:sequence` of elements (possibly empty).
    Sequence(Vec<ElementDecl>),
    /// `xs:complexContent/xs:extension`: base fields first, then these.
    Extension {
        /// The base type.
        base: QName,
        /// The extension's own elements.
        elements: Vec<ElementDecl>,
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
    /// WCF `IsDictionary` annotation.
    pub is_dictionary: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// How a simple type is derived.
#[derive(Debug, Clone)]
pub enum SimpleDerivation {
    /// `xs:restriction` with optional enumeration values.
    Restriction {
        /// The base type.
        base: TypeOrInline<SimpleType>,
        /// `xs:enumeration` values in order.
        enumerations: Vec<String>,
    },
    /// `xs:list`.
    List {
        /// The item type.
        item: TypeOrInline<SimpleType>,
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

impl Reader<'_> {
    pub(super) fn schema(&self, node: Node) -> Result<Schema, ParseError> {
        let target_ns = node.attribute("targetNamespace").unwrap_or("").to_owned();
        let mut schema = Schema {
            element_form_qualified: node.attribute("elementFormDefault") == Some("qualified"),
            target_ns,
            span: self.span(node),
            imports: Vec::new(),
            elements: Vec::new(),
            complex_types: Vec::new(),
            simple_types: Vec::new(),
        };
        for child in self.xs_children(node) {
            match child.tag_name().name() {
                "import" => schema.imports.push((
                    child.attribute("namespace").map(str::to_owned),
                    child.attribute("schemaLocation").map(str::to_owned),
                    self.span(child),
                )),
                "element" => {
                    let el = self.element(child, &schema, true)?;
                    schema.elements.push(el);
                }
                "complexType" => {
                    let ct = self.complex_type(child, &schema)?;
                    schema.complex_types.push(ct);
                }
                "simpleType" => {
                    let st = self.simple_type(child)?;
                    schema.simple_types.push(st);
                }
                // Global attributes and attribute groups are only referenced from types the
                // generator rejects anyway (attributes inside complex types), so they are skipped.
                "annotation" | "attribute" | "attributeGroup" | "notation" => {}
                other => {
                    return Err(self.unsupported(
                        child,
                        format!("unsupported schema construct <xs:{other}>: expected xs:element, xs:complexType, xs:simpleType or xs:import"),
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

    fn element(
        &self,
        node: Node,
        schema: &Schema,
        global: bool,
    ) -> Result<ElementDecl, ParseError> {
        let reference = self.qname_attr(node, "ref")?;
        let (name, ns) = match (&reference, node.attribute("name")) {
            (Some(r), _) => (r.local.clone(), r.ns.clone()),
            (None, Some(name)) => {
                let qualified = global
                    || match node.attribute("form") {
                        Some(form) => form == "qualified",
                        None => schema.element_form_qualified,
                    };
                let ns = if qualified {
                    schema.target_ns.clone()
                } else {
                    String::new()
                };
                (name.to_owned(), ns)
            }
            (None, None) => {
                return Err(self.error(node, "expected a `name` or `ref` attribute on <xs:element>"))
            }
        };
        let inline = self
            .xs_children(node)
            .find(|c| matches!(c.tag_name().name(), "complexType" | "simpleType"));
        let ty = match (self.qname_attr(node, "type")?, inline) {
            (Some(_), Some(inline)) => {
                return Err(self.error(
                    inline,
                    "an <xs:element> with a `type` attribute cannot also define an inline type",
                ))
            }
            (Some(q), None) => TypeOrInline::Ref(q),
            (None, Some(inline)) if inline.tag_name().name() == "complexType" => {
                TypeOrInline::Inline(Box::new(InlineType::Complex(
                    self.complex_type(inline, schema)?,
                )))
            }
            (None, Some(inline)) => {
                TypeOrInline::Inline(Box::new(InlineType::Simple(self.simple_type(inline)?)))
            }
            (None, None) => TypeOrInline::Missing,
        };
        Ok(ElementDecl {
            name,
            ns,
            span: self.span(node),
            ty,
            reference,
            min: self.occurs(node, "minOccurs")?.unwrap_or(1),
            max: match node.attribute("maxOccurs") {
                Some("unbounded") => MaxOccurs::Unbounded,
                Some(_) => MaxOccurs::Bounded(self.occurs(node, "maxOccurs")?.unwrap_or(1)),
                None => MaxOccurs::Bounded(1),
            },
            nillable: matches!(node.attribute("nillable"), Some("true" | "1")),
            doc: self.doc_of(node),
        })
    }

    fn occurs(&self, node: Node, attr: &str) -> Result<Option<u32>, ParseError> {
        match node.attribute(attr) {
            None => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                self.error(
                    node,
                    format!("expected a non-negative integer for `{attr}`, found `{v}`"),
                )
            }),
        }
    }

    fn sequence(&self, node: Node, schema: &Schema) -> Result<Vec<ElementDecl>, ParseError> {
        let mut out = Vec::new();
        for child in self.xs_children(node) {
            match child.tag_name().name() {
                "element" => out.push(self.element(child, schema, false)?),
                "annotation" => {}
                other => {
                    return Err(self.unsupported(
                        child,
                        format!(
                        "unsupported particle <xs:{other}> in <xs:sequence>: expected xs:element"
                    ),
                    ))
                }
            }
        }
        Ok(out)
    }

    pub(super) fn complex_type(
        &self,
        node: Node,
        schema: &Schema,
    ) -> Result<ComplexType, ParseError> {
        let mut content = ComplexContent::Sequence(Vec::new());
        for child in self.xs_children(node) {
            match child.tag_name().name() {
                "annotation" => {}
                "sequence" => content = ComplexContent::Sequence(self.sequence(child, schema)?),
                "complexContent" => {
                    let ext = self
                        .xs_children(child)
                        .find(|c| c.tag_name().name() != "annotation")
                        .ok_or_else(|| self.error(child, "expected <xs:extension> in <xs:complexContent>"))?;
                    if ext.tag_name().name() != "extension" {
                        return Err(self.unsupported(
                            ext,
                            format!(
                                "unsupported <xs:{}> in <xs:complexContent>: expected xs:extension",
                                ext.tag_name().name()
                            ),
                        ));
                    }
                    let base = self
                        .qname_attr(ext, "base")?
                        .ok_or_else(|| self.error(ext, "expected a `base` attribute on <xs:extension>"))?;
                    let mut elements = Vec::new();
                    for part in self.xs_children(ext) {
                        match part.tag_name().name() {
                            "sequence" => elements = self.sequence(part, schema)?,
                            "annotation" => {}
                            other => {
                                return Err(self.unsupported(
                                    part,
                                    format!("unsupported <xs:{other}> in <xs:extension>: expected xs:sequence"),
                                ))
                            }
                        }
                    }
                    content = ComplexContent::Extension { base, elements };
                }
                other => {
                    return Err(self.unsupported(
                        child,
                        format!(
                            "unsupported <xs:{other}> in <xs:complexType>: expected xs:sequence or xs:complexContent"
                        ),
                    ))
                }
            }
        }
        Ok(ComplexType {
            name: node.attribute("name").map(str::to_owned),
            span: self.span(node),
            content,
            is_dictionary: self
                .appinfo(node, "IsDictionary")
                .and_then(|n| n.text())
                .is_some_and(|t| t.trim() == "true"),
            doc: self.doc_of(node),
        })
    }

    fn simple_base(&self, node: Node, attr: &str) -> Result<TypeOrInline<SimpleType>, ParseError> {
        if let Some(q) = self.qname_attr(node, attr)? {
            return Ok(TypeOrInline::Ref(q));
        }
        match self
            .xs_children(node)
            .find(|c| c.has_tag_name((XSD_NS, "simpleType")))
        {
            Some(inline) => Ok(TypeOrInline::Inline(Box::new(self.simple_type(inline)?))),
            None => Err(self.error(
                node,
                format!("expected a `{attr}` attribute or an inline <xs:simpleType>"),
            )),
        }
    }

    pub(super) fn simple_type(&self, node: Node) -> Result<SimpleType, ParseError> {
        let body = self
            .xs_children(node)
            .find(|c| c.tag_name().name() != "annotation")
            .ok_or_else(|| {
                self.error(
                    node,
                    "expected <xs:restriction> or <xs:list> in <xs:simpleType>",
                )
            })?;
        let derivation = match body.tag_name().name() {
            "restriction" => SimpleDerivation::Restriction {
                base: self.simple_base(body, "base")?,
                enumerations: self
                    .xs_children(body)
                    .filter(|c| c.tag_name().name() == "enumeration")
                    .map(|c| {
                        c.attribute("value").map(str::to_owned).ok_or_else(|| {
                            self.error(c, "expected a `value` attribute on <xs:enumeration>")
                        })
                    })
                    .collect::<Result<_, _>>()?,
            },
            "list" => SimpleDerivation::List {
                item: self.simple_base(body, "itemType")?,
            },
            other => {
                return Err(self.unsupported(
                    body,
                    format!("unsupported <xs:{other}> in <xs:simpleType>: expected xs:restriction or xs:list"),
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
