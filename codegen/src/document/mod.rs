//! Stage 1: the WSDL/XSD document model.
//!
//! A faithful, typed picture of what the file says, with the source position of every declaration and
//! every prefix already resolved to a namespace. Nothing is looked up across declarations here; that
//! is the resolver's job. Anything the generator does not understand is reported with its position
//! instead of being skipped silently.

mod load;
mod parse;
mod policy;
mod xsd;

use std::fmt;
use std::path::{Path, PathBuf};

pub use load::load_wsdls;
pub use policy::{AddressingPolicy, BindingPolicy, UsernameTokenPolicy};

/// Namespace of WSDL 1.1.
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// Namespace of the WSDL 1.1 SOAP 1.1 binding.
pub const SOAP11_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// Namespace of the WSDL 1.1 SOAP 1.2 binding.
pub const SOAP12_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// Namespace of XML Schema.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// WS-Addressing WSDL binding namespaces that carry `Action` attributes.
pub const WSAW_NS: &[&str] = &[
    "http://www.w3.org/2006/05/addressing/wsdl",
    "http://www.w3.org/2007/05/addressing/metadata",
];
/// WCF's serialization namespace (`IsDictionary`, `ActualType`, guid, duration, char).
pub const WCF_SER_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// Namespace of the SOAP 1.1 encoding (built in: `soapenc:Array`, `soapenc:string`, …).
pub const SOAPENC11_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// Namespace of the SOAP 1.2 encoding.
pub const SOAPENC12_NS: &str = "http://www.w3.org/2003/05/soap-encoding";
/// The `xml:` namespace (built in: `xml:lang`, `xml:space`, `xml:base`, `xml:id`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A position in a source file (index in [`Definitions::files`], 1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Index of the file in [`Definitions::files`] (0: the WSDL generated from).
    pub file: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A namespace-qualified name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI, empty for no namespace.
    pub ns: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// Builds a QName.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// A file read to produce the definitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its full text, kept for error snippets.
    pub text: String,
}

/// A WSDL with everything it imports, merged: the components of every WSDL and schema file.
#[derive(Debug, Clone)]
pub struct Definitions {
    /// Every file read, the main WSDL first; [`Span::file`] indexes it.
    pub files: Vec<SourceFile>,
    /// `name` attribute of the main `wsdl:definitions`.
    pub name: Option<String>,
    /// `targetNamespace` of the main `wsdl:definitions`.
    pub target_ns: String,
    /// Schemas (inline and imported), in the order they were read.
    pub schemas: Vec<xsd::Schema>,
    /// `wsdl:message`s.
    pub messages: Vec<Message>,
    /// `wsdl:portType`s.
    pub port_types: Vec<PortType>,
    /// `wsdl:binding`s.
    pub bindings: Vec<Binding>,
    /// `wsdl:service`s.
    pub services: Vec<Service>,
    /// Spec violations accepted while reading: (where, rule and what was done).
    pub warnings: Vec<(Span, String)>,
}

impl Definitions {
    /// The main WSDL's path.
    pub fn path(&self) -> &Path {
        &self.files[0].path
    }
}

/// `wsdl:message`.
#[derive(Debug, Clone)]
pub struct Message {
    /// Qualified by the definitions' target namespace.
    pub name: QName,
    /// Where it is declared.
    pub span: Span,
    /// Its parts in order.
    pub parts: Vec<Part>,
}

/// `wsdl:part`.
#[derive(Debug, Clone)]
pub struct Part {
    /// Part name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// `element=` (document style).
    pub element: Option<QName>,
    /// `type=` (rpc style).
    pub type_: Option<QName>,
}

/// `wsdl:portType`.
#[derive(Debug, Clone)]
pub struct PortType {
    /// Qualified by the target namespace.
    pub name: QName,
    /// Where it is declared.
    pub span: Span,
    /// Documentation text.
    pub doc: Option<String>,
    /// Operations in order.
    pub operations: Vec<Operation>,
}

/// `wsdl:operation` of a portType.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Operation name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// `<summary>` text (or the whole documentation text when there is no summary).
    pub doc: Option<String>,
    /// `wsdl:input`.
    pub input: Option<IoMessage>,
    /// `wsdl:output`.
    pub output: Option<IoMessage>,
    /// `wsdl:fault`s.
    pub faults: Vec<IoMessage>,
}

/// `wsdl:input`, `wsdl:output` or `wsdl:fault` of a portType operation.
#[derive(Debug, Clone)]
pub struct IoMessage {
    /// `name` attribute.
    pub name: Option<String>,
    /// The referenced message.
    pub message: QName,
    /// WS-Addressing `Action` attribute.
    pub action: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// SOAP version of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1 (`wsdl/soap/`).
    Soap11,
    /// SOAP 1.2 (`wsdl/soap12/`).
    Soap12,
}

impl fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        })
    }
}

/// `wsdl:binding`.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Qualified by the target namespace.
    pub name: QName,
    /// Where it is declared.
    pub span: Span,
    /// The portType it binds.
    pub port_type: QName,
    /// SOAP version, `None` for a non-SOAP (e.g. HTTP) binding.
    pub soap: Option<SoapVersion>,
    /// `style` of `soap:binding`.
    pub style: Option<String>,
    /// `transport` of `soap:binding`.
    pub transport: Option<String>,
    /// Operations in order.
    pub operations: Vec<BindingOperation>,
    /// What its WS-Policy asks of the runtime (assertions it cannot honour were warned of).
    pub policy: BindingPolicy,
}

/// `wsdl:operation` of a binding.
#[derive(Debug, Clone)]
pub struct BindingOperation {
    /// Operation name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// `soapAction` of `soap:operation`.
    pub soap_action: Option<String>,
    /// `style` of `soap:operation`.
    pub style: Option<String>,
    /// Input binding.
    pub input: Option<BindingIo>,
    /// Output binding.
    pub output: Option<BindingIo>,
    /// Fault bindings.
    pub faults: Vec<BindingFault>,
}

/// `wsdl:fault` of a binding operation.
#[derive(Debug, Clone)]
pub struct BindingFault {
    /// `name`: the portType fault it binds.
    pub name: Option<String>,
    /// `use` of `soap:fault`.
    pub use_: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// `wsdl:input` / `wsdl:output` of a binding operation.
#[derive(Debug, Clone, Default)]
pub struct BindingIo {
    /// `soap:body`.
    pub body: Option<SoapBody>,
    /// `soap:header`s in order.
    pub headers: Vec<SoapHeader>,
}

/// `soap:body`.
#[derive(Debug, Clone)]
pub struct SoapBody {
    /// `use` attribute (`literal` or `encoded`).
    pub use_: Option<String>,
    /// `namespace` attribute (rpc style: the wrapper's namespace).
    pub namespace: Option<String>,
    /// `parts` attribute, when present.
    pub parts: Option<Vec<String>>,
    /// Where it is declared.
    pub span: Span,
}

/// `soap:header`.
#[derive(Debug, Clone)]
pub struct SoapHeader {
    /// The message holding the header part.
    pub message: QName,
    /// The part name.
    pub part: String,
    /// `namespace` attribute (encoded headers).
    pub namespace: Option<String>,
    /// `use` attribute.
    pub use_: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// `wsdl:service`.
#[derive(Debug, Clone)]
pub struct Service {
    /// Service name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// Documentation text.
    pub doc: Option<String>,
    /// Ports in order.
    pub ports: Vec<Port>,
}

/// `wsdl:port`.
#[derive(Debug, Clone)]
pub struct Port {
    /// Port name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// The binding.
    pub binding: QName,
    /// `location` of `soap:address` / `soap12:address`.
    pub address: Option<String>,
}

pub use xsd::{
    AttributeDecl, AttributeGroupDef, AttributeItem, AttributeUse, Attributes, ComplexContent,
    ComplexType, Compositor, ElementDecl, GroupDef, Import, InlineType, ModelGroup, NsConstraint,
    Occurs, Particle, Schema, SimpleDerivation, SimpleType, TypeOrInline,
};

/// A stage-1 error: the file is not a WSDL this generator can read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What was wrong and what was expected.
    pub message: String,
    /// Where.
    pub span: Span,
    /// What kind of problem.
    pub kind: crate::ErrorKind,
    /// The XML parser's error, for a file that is not well-formed.
    #[source]
    pub xml: Option<roxmltree::Error>,
}
