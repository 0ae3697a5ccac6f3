//! Reading a WSDL 1.1 file into the document model.

use roxmltree::{Document, Node, ParsingOptions};

use crate::ErrorKind;

use super::{
    Binding, BindingFault, BindingIo, BindingOperation, Import, IoMessage, Message, Operation,
    ParseError, Part, Port, PortType, QName, Schema, Service, SoapBody, SoapHeader, SoapVersion,
    Span, SOAP11_BINDING_NS, SOAP12_BINDING_NS, WSAW_NS, WSDL_NS, XSD_NS,
};

/// Shared helpers for reading nodes with positions.
pub(super) struct Reader<'d> {
    pub(super) doc: &'d Document<'d>,
    /// Index of the file in the source list.
    pub(super) file: u32,
    /// The includer's target namespace when reading a chameleon include (a schema without
    /// `targetNamespace`): unqualified references then name components of that namespace.
    pub(super) chameleon: Option<String>,
    /// Spec violations accepted while reading: (where, rule and what was done).
    pub(super) warnings: std::cell::RefCell<Vec<(Span, String)>>,
}

impl Reader<'_> {
    pub(super) fn span(&self, node: Node) -> Span {
        let pos = self.doc.text_pos_at(node.range().start);
        Span {
            file: self.file,
            line: pos.row,
            column: pos.col,
        }
    }

    /// Records a spec violation that was accepted.
    pub(super) fn warn(&self, node: Node, message: String) {
        let warning = (self.span(node), message);
        let mut warnings = self.warnings.borrow_mut();
        // The same place reached twice (a policy two bindings reference): said once.
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    /// An invalid document ([`ErrorKind::Wsdl`]) at `node`.
    pub(super) fn error(&self, node: Node, message: impl Into<String>) -> ParseError {
        self.error_of(ErrorKind::Wsdl, node, message)
    }

    /// A construct the generator does not support ([`ErrorKind::Unsupported`]) at `node`.
    pub(super) fn unsupported(&self, node: Node, message: impl Into<String>) -> ParseError {
        self.error_of(ErrorKind::Unsupported, node, message)
    }

    fn error_of(&self, kind: ErrorKind, node: Node, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            span: self.span(node),
            kind,
            xml: None,
        }
    }

    fn required<'a>(&self, node: Node<'a, '_>, attr: &str) -> Result<&'a str, ParseError> {
        node.attribute(attr).ok_or_else(|| {
            self.error(
                node,
                format!(
                    "expected a `{attr}` attribute on <{}>",
                    node.tag_name().name()
                ),
            )
        })
    }

    /// Resolves a QName-valued attribute (`tns:Foo`) against the namespaces in scope at `node`.
    pub(super) fn qname_attr(&self, node: Node, attr: &str) -> Result<Option<QName>, ParseError> {
        match node.attribute(attr) {
            Some(value) => self.resolve_qname(node, attr, value).map(Some),
            None => Ok(None),
        }
    }

    /// Resolves a QName written in an attribute value that is not a plain QName attribute
    /// (`memberTypes` items, `wsdl:arrayType`).
    pub(super) fn resolve_prefixed(&self, node: Node, value: &str) -> Result<QName, ParseError> {
        // `wsdl:arrayType="tns:Item[]"`: the dimensions are not part of the name.
        let value = value.split('[').next().unwrap_or(value);
        self.resolve_qname(node, "QName", value)
    }

    fn resolve_qname(&self, node: Node, attr: &str, value: &str) -> Result<QName, ParseError> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        if local.is_empty() || local.contains(':') {
            return Err(self.error(
                node,
                format!("expected a qualified name in `{attr}`, found `{value}`"),
            ));
        }
        let ns = match node.lookup_namespace_uri(prefix) {
            Some("") | None if prefix.is_none() => self.chameleon.clone().unwrap_or_default(),
            // The `xml` prefix is bound by definition, declared or not.
            None if prefix == Some("xml") => super::XML_NS.to_owned(),
            Some(ns) => ns.to_owned(),
            None => {
                return Err(self.error_of(
                    ErrorKind::UnresolvedReference,
                    node,
                    format!(
                        "undeclared namespace prefix `{}` in `{attr}=\"{value}\"`",
                        prefix.unwrap_or_default()
                    ),
                ))
            }
        };
        Ok(QName::new(ns, local))
    }

    fn required_qname(&self, node: Node, attr: &str) -> Result<QName, ParseError> {
        self.qname_attr(node, attr)?.ok_or_else(|| {
            self.error(
                node,
                format!(
                    "expected a `{attr}` attribute on <{}>",
                    node.tag_name().name()
                ),
            )
        })
    }

    fn wsdl_children<'a, 'i>(
        &self,
        node: Node<'a, 'i>,
        local: &'static str,
    ) -> impl Iterator<Item = Node<'a, 'i>> {
        node.children()
            .filter(move |c| c.is_element() && c.has_tag_name((WSDL_NS, local)))
    }

    fn wsdl_child<'a, 'i>(&self, node: Node<'a, 'i>, local: &'static str) -> Option<Node<'a, 'i>> {
        self.wsdl_children(node, local).next()
    }

    fn soap_child<'a, 'i>(
        &self,
        node: Node<'a, 'i>,
        local: &str,
    ) -> Option<(SoapVersion, Node<'a, 'i>)> {
        node.children().filter(|c| c.is_element()).find_map(|c| {
            if c.has_tag_name((SOAP11_BINDING_NS, local)) {
                Some((SoapVersion::Soap11, c))
            } else if c.has_tag_name((SOAP12_BINDING_NS, local)) {
                Some((SoapVersion::Soap12, c))
            } else {
                None
            }
        })
    }

    fn documentation(&self, node: Node) -> Option<String> {
        let doc = self.wsdl_child(node, "documentation")?;
        match doc
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == "summary")
        {
            Some(summary) => normalize_doc(summary),
            None => normalize_doc(doc),
        }
    }
}

/// Documentation text with whitespace runs inside lines collapsed and blank edges trimmed.
pub(super) fn normalize_doc(node: Node) -> Option<String> {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let joined = lines.join("\n").trim().to_owned();
    (!joined.is_empty()).then_some(joined)
}

/// Parses `text` as XML (DTDs refused); errors are placed in file `file`.
pub(super) fn parse_xml(text: &str, file: u32) -> Result<Document<'_>, ParseError> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        ParseError {
            message: format!("not well-formed XML: {e}"),
            span: Span {
                file,
                line: pos.row,
                column: pos.col,
            },
            kind: ErrorKind::Xml,
            xml: Some(e),
        }
    })
}

/// What one WSDL file declares.
pub(super) struct WsdlFile {
    pub(super) target_ns: String,
    pub(super) name: Option<String>,
    pub(super) schemas: Vec<Schema>,
    pub(super) messages: Vec<Message>,
    pub(super) port_types: Vec<PortType>,
    pub(super) bindings: Vec<Binding>,
    pub(super) services: Vec<Service>,
    /// `wsdl:import`s (namespace, location, where).
    pub(super) imports: Vec<Import>,
}

/// Reads the `wsdl:definitions` element `root`.
pub(super) fn read_wsdl(reader: &Reader, root: Node) -> Result<WsdlFile, ParseError> {
    let target_ns = root.attribute("targetNamespace").unwrap_or("").to_owned();
    let tq = |local: &str| QName::new(target_ns.clone(), local);

    let mut defs = WsdlFile {
        name: root.attribute("name").map(str::to_owned),
        target_ns: target_ns.clone(),
        schemas: Vec::new(),
        messages: Vec::new(),
        port_types: Vec::new(),
        bindings: Vec::new(),
        services: Vec::new(),
        imports: Vec::new(),
    };

    for child in root.children().filter(|c| c.is_element()) {
        if child.tag_name().namespace() != Some(WSDL_NS) {
            continue; // extensibility elements (policies) are not needed for code
        }
        match child.tag_name().name() {
            "types" => {
                for schema in child.children().filter(|c| c.is_element()) {
                    if schema.has_tag_name((XSD_NS, "schema")) {
                        defs.schemas.push(reader.schema(schema, None)?);
                    } else if schema.tag_name().namespace() == Some(WSDL_NS) {
                        return Err(reader.error(schema, "expected <xs:schema> in <wsdl:types>"));
                    }
                    // Other extensibility elements (e.g. policies) carry no types.
                }
            }
            "message" => {
                let mut parts = Vec::new();
                for part in reader.wsdl_children(child, "part") {
                    parts.push(Part {
                        name: reader.required(part, "name")?.to_owned(),
                        span: reader.span(part),
                        element: reader.qname_attr(part, "element")?,
                        type_: reader.qname_attr(part, "type")?,
                    });
                }
                defs.messages.push(Message {
                    name: tq(reader.required(child, "name")?),
                    span: reader.span(child),
                    parts,
                });
            }
            "portType" => {
                let mut operations = Vec::new();
                for op in reader.wsdl_children(child, "operation") {
                    operations.push(port_operation(reader, op)?);
                }
                defs.port_types.push(PortType {
                    name: tq(reader.required(child, "name")?),
                    span: reader.span(child),
                    doc: reader.documentation(child),
                    operations,
                });
            }
            "binding" => defs.bindings.push(binding(reader, child, &tq)?),
            "service" => {
                let mut ports = Vec::new();
                for port in reader.wsdl_children(child, "port") {
                    ports.push(Port {
                        name: reader.required(port, "name")?.to_owned(),
                        span: reader.span(port),
                        binding: reader.required_qname(port, "binding")?,
                        address: reader
                            .soap_child(port, "address")
                            .and_then(|(_, a)| a.attribute("location"))
                            .map(str::to_owned),
                    });
                }
                defs.services.push(Service {
                    name: reader.required(child, "name")?.to_owned(),
                    span: reader.span(child),
                    doc: reader.documentation(child),
                    ports,
                });
            }
            "import" => defs.imports.push(Import {
                namespace: child.attribute("namespace").map(str::to_owned),
                location: child.attribute("location").map(str::to_owned),
                span: reader.span(child),
            }),
            _ => {}
        }
    }
    Ok(defs)
}

fn io_message(reader: &Reader, node: Node) -> Result<IoMessage, ParseError> {
    let action = WSAW_NS
        .iter()
        .find_map(|ns| node.attribute((*ns, "Action")))
        .map(str::to_owned);
    Ok(IoMessage {
        name: node.attribute("name").map(str::to_owned),
        message: reader.required_qname(node, "message")?,
        action,
        span: reader.span(node),
    })
}

fn port_operation(reader: &Reader, op: Node) -> Result<Operation, ParseError> {
    let mut faults = Vec::new();
    for fault in reader.wsdl_children(op, "fault") {
        faults.push(io_message(reader, fault)?);
    }
    Ok(Operation {
        name: reader.required(op, "name")?.to_owned(),
        span: reader.span(op),
        doc: reader.documentation(op),
        input: reader
            .wsdl_child(op, "input")
            .map(|n| io_message(reader, n))
            .transpose()?,
        output: reader
            .wsdl_child(op, "output")
            .map(|n| io_message(reader, n))
            .transpose()?,
        faults,
    })
}

fn binding_io(reader: &Reader, node: Node) -> Result<BindingIo, ParseError> {
    let mut io = BindingIo::default();
    for child in node.children().filter(|c| c.is_element()) {
        let ns = child.tag_name().namespace();
        if ns != Some(SOAP11_BINDING_NS) && ns != Some(SOAP12_BINDING_NS) {
            continue;
        }
        match child.tag_name().name() {
            "body" => {
                io.body = Some(SoapBody {
                    use_: child.attribute("use").map(str::to_owned),
                    namespace: child.attribute("namespace").map(str::to_owned),
                    parts: child
                        .attribute("parts")
                        .map(|p| p.split_whitespace().map(str::to_owned).collect()),
                    span: reader.span(child),
                })
            }
            "header" => io.headers.push(SoapHeader {
                namespace: child.attribute("namespace").map(str::to_owned),
                message: reader.required_qname(child, "message")?,
                part: reader.required(child, "part")?.to_owned(),
                use_: child.attribute("use").map(str::to_owned),
                span: reader.span(child),
            }),
            _ => {}
        }
    }
    Ok(io)
}

fn binding(reader: &Reader, node: Node, tq: &dyn Fn(&str) -> QName) -> Result<Binding, ParseError> {
    let soap = reader.soap_child(node, "binding");
    let mut operations = Vec::new();
    for op in reader.wsdl_children(node, "operation") {
        let soap_op = reader.soap_child(op, "operation").map(|(_, n)| n);
        operations.push(BindingOperation {
            name: reader.required(op, "name")?.to_owned(),
            span: reader.span(op),
            soap_action: soap_op
                .and_then(|n| n.attribute("soapAction"))
                .map(str::to_owned),
            style: soap_op
                .and_then(|n| n.attribute("style"))
                .map(str::to_owned),
            input: reader
                .wsdl_child(op, "input")
                .map(|n| binding_io(reader, n))
                .transpose()?,
            output: reader
                .wsdl_child(op, "output")
                .map(|n| binding_io(reader, n))
                .transpose()?,
            faults: reader
                .wsdl_children(op, "fault")
                .map(|f| BindingFault {
                    name: f.attribute("name").map(str::to_owned),
                    use_: reader
                        .soap_child(f, "fault")
                        .and_then(|(_, n)| n.attribute("use"))
                        .map(str::to_owned),
                    span: reader.span(f),
                })
                .collect(),
        });
    }
    Ok(Binding {
        name: tq(reader.required(node, "name")?),
        span: reader.span(node),
        port_type: reader.required_qname(node, "type")?,
        soap: soap.map(|(v, _)| v),
        style: soap
            .and_then(|(_, n)| n.attribute("style"))
            .map(str::to_owned),
        transport: soap
            .and_then(|(_, n)| n.attribute("transport"))
            .map(str::to_owned),
        operations,
        policy: super::policy::binding_policy(reader, node),
    })
}
