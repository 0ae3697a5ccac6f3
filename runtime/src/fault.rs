//! SOAP faults (1.1 and 1.2).

use std::fmt;

use crate::envelope::{write_envelope, SoapVersion};
use crate::error::DecodeError;
use crate::types::QName;
use crate::xml::{escape_into, parse_document, XmlChoice, XmlContent, XmlNode, XmlWriter, XML_NS};

/// The fault code, named as in SOAP 1.2 (SOAP 1.1 `Client` = `Sender`, `Server` = `Receiver`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FaultCode {
    /// The envelope namespace was not understood.
    VersionMismatch,
    /// A `mustUnderstand` header was not understood.
    MustUnderstand,
    /// The request was wrong (1.1 `Client`).
    Sender,
    /// The receiver failed (1.1 `Server`).
    Receiver,
    /// SOAP 1.2 only; written as `Client` in SOAP 1.1.
    DataEncodingUnknown,
    /// Any other code. SOAP 1.2 only allows the standard codes in `Code/Value`, so there it
    /// is written as `Receiver` with this QName as the first `Subcode` (see [`Fault`]).
    Other(Box<QName>),
}

impl FaultCode {
    /// The local name of a standard code in `version`; `None` for `Other`.
    fn standard_local(&self, version: SoapVersion) -> Option<&'static str> {
        let v11 = version == SoapVersion::Soap11;
        Some(match self {
            FaultCode::VersionMismatch => "VersionMismatch",
            FaultCode::MustUnderstand => "MustUnderstand",
            FaultCode::Sender | FaultCode::DataEncodingUnknown if v11 => "Client",
            FaultCode::Sender => "Sender",
            FaultCode::Receiver if v11 => "Server",
            FaultCode::Receiver => "Receiver",
            FaultCode::DataEncodingUnknown => "DataEncodingUnknown",
            FaultCode::Other(_) => return None,
        })
    }

    /// The standard code with local name `local` (names of both versions are accepted).
    fn standard(local: &str) -> Option<Self> {
        Some(match local {
            "VersionMismatch" => FaultCode::VersionMismatch,
            "MustUnderstand" => FaultCode::MustUnderstand,
            "Client" | "Sender" => FaultCode::Sender,
            "Server" | "Receiver" => FaultCode::Receiver,
            "DataEncodingUnknown" => FaultCode::DataEncodingUnknown,
            _ => return None,
        })
    }

    /// A SOAP 1.2 `Code/Value`.
    fn from_qname_12(q: QName) -> Self {
        let standard = (q.namespace == SoapVersion::Soap12.envelope_namespace())
            .then(|| FaultCode::standard(&q.local))
            .flatten();
        standard.unwrap_or_else(|| FaultCode::Other(Box::new(q)))
    }

    /// A SOAP 1.1 `faultcode` and, for a dotted refinement of a standard code such as
    /// `Client.Authentication`, the full refined QName as subcode. `unprefixed` codes
    /// (`Client`, as some stacks write) count as envelope-namespace codes when standard.
    fn from_qname_11(q: QName, unprefixed: bool) -> (Self, Option<Box<QName>>) {
        let ns = SoapVersion::Soap11.envelope_namespace();
        if q.namespace == ns || unprefixed {
            let base = q.local.split('.').next().unwrap_or("");
            if let Some(code) = FaultCode::standard(base) {
                let refined = (base.len() < q.local.len())
                    .then(|| Box::new(QName::new(ns, q.local.as_str())));
                return (code, refined);
            }
        }
        (FaultCode::Other(Box::new(q)), None)
    }

    /// Writes the code as text (1.2: the `Code/Value`; `Other` is written as `Receiver`).
    /// In 1.1 a `subcode` that is a dotted refinement of this code in the envelope namespace
    /// (as read by [`Fault::read`]) is written instead of the bare code.
    fn write(&self, w: &mut XmlWriter, version: SoapVersion, subcode: Option<&QName>) {
        let ns = version.envelope_namespace();
        let local = match (self, version) {
            (FaultCode::Other(q), SoapVersion::Soap11) => return q.write_content(w),
            (FaultCode::Other(_), SoapVersion::Soap12) => "Receiver",
            (code, _) => code.standard_local(version).unwrap_or("Receiver"),
        };
        let refined = subcode.filter(|q| {
            version == SoapVersion::Soap11
                && q.namespace == ns
                && q.local
                    .strip_prefix(local)
                    .is_some_and(|r| r.starts_with('.'))
        });
        let prefix = w.prefix_for(ns);
        w.text(&format!("{prefix}:{}", refined.map_or(local, |q| &q.local)));
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultCode::Other(q) => write!(f, "{q}"),
            code => f.write_str(code.standard_local(SoapVersion::Soap12).unwrap_or("")),
        }
    }
}

/// A SOAP fault.
///
/// `subcode` is written in SOAP 1.2 as `Code/Subcode/Value`. SOAP 1.1 has no place for it
/// and drops it, except for a dotted refinement of the code (`{1.1 envelope}Client.Auth`
/// with code `Sender`), which is written as the `faultcode`; reading a 1.1 `faultcode` such
/// as `Client.Auth` gives the standard code plus that refinement as subcode. Unprefixed 1.1
/// codes (`Client`) are read as the standard codes.
///
/// SOAP 1.2 only allows the standard codes in `Code/Value`: [`FaultCode::Other`]`(q)` is
/// written as `Receiver` with `q` as the first `Subcode` and `subcode`, if any, nested
/// beneath it. Reading such a fault back gives `Receiver` with subcode `q` (only the first
/// subcode level is read); a non-standard `Code/Value` from other stacks is still read as
/// `Other`.
///
/// `detail` is raw inner XML of `detail` / `Detail` (see the prefix caveat on
/// [`AnyType`](crate::AnyType)). Typed details: a server adds one with
/// [`with_detail_value`](Fault::with_detail_value), a client decodes it with
/// [`detail_as`](Fault::detail_as) (which also resolves prefixes declared outside the
/// detail, kept in [`detail_scope`](Fault::detail_scope) by [`read`](Fault::read)).
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// The fault code.
    pub code: FaultCode,
    /// SOAP 1.2 subcode (first level).
    pub subcode: Option<Box<QName>>,
    /// 1.1 `faultstring`; 1.2 `Reason/Text`.
    pub reason: String,
    /// 1.1 `faultactor`; 1.2 `Role`.
    pub actor: Option<String>,
    /// Raw inner XML of `detail` / `Detail`.
    pub detail: Option<String>,
    /// The namespace declarations in scope at a received `detail` (empty for a fault built
    /// here); not part of the fault's value.
    pub detail_scope: DetailScope,
}

/// Namespace declarations (prefix, or `None` for the default namespace, and URI) in scope at
/// a received fault's `detail` element, so that [`Fault::detail_as`] resolves the prefixes
/// the detail uses without declaring them (`xsi:type="xsd:string"` with both prefixes
/// declared on the envelope). Not part of the fault's value: any two compare equal.
#[derive(Debug, Clone, Default)]
pub struct DetailScope(pub Vec<(Option<String>, String)>);

impl PartialEq for DetailScope {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl DetailScope {
    fn of(node: &XmlNode<'_, '_>) -> Self {
        DetailScope(
            node.node()
                .namespaces()
                .filter(|ns| ns.uri() != XML_NS)
                .map(|ns| (ns.name().map(str::to_owned), ns.uri().to_owned()))
                .collect(),
        )
    }
}

impl Fault {
    /// A fault with `code` and `reason`.
    pub fn new(code: FaultCode, reason: impl Into<String>) -> Self {
        Fault {
            code,
            subcode: None,
            reason: reason.into(),
            actor: None,
            detail: None,
            detail_scope: DetailScope::default(),
        }
    }

    /// A `Sender` (1.1 `Client`) fault.
    pub fn sender(reason: impl Into<String>) -> Self {
        Fault::new(FaultCode::Sender, reason)
    }

    /// A `Receiver` (1.1 `Server`) fault.
    pub fn receiver(reason: impl Into<String>) -> Self {
        Fault::new(FaultCode::Receiver, reason)
    }

    /// Sets the subcode.
    pub fn with_subcode(mut self, subcode: QName) -> Self {
        self.subcode = Some(Box::new(subcode));
        self
    }

    /// Sets the detail (raw XML).
    pub fn with_detail(mut self, xml: impl Into<String>) -> Self {
        self.detail = Some(xml.into());
        self
    }

    /// Adds a typed detail entry: element `{ns}local` with `value`'s content, after any
    /// detail already set. The element declares every namespace it uses, so it stays
    /// well-formed wherever the detail is written.
    pub fn with_detail_value<T: XmlContent>(self, ns: &str, local: &str, value: &T) -> Self {
        let mut w = XmlWriter::new();
        w.element(ns, local, value);
        self.push_detail(w.into_string())
    }

    /// Decodes the detail entry `{ns}local` (the first child of the detail with that name,
    /// tolerant namespace match as everywhere): `None` when there is no detail or no such
    /// entry, `Some(Err(..))` when it does not decode (or the raw detail is not well-formed).
    pub fn detail_as<T: XmlContent>(
        &self,
        ns: &str,
        local: &str,
    ) -> Option<Result<T, DecodeError>> {
        self.with_detail_root(|root| {
            let entry = root.children().find(|c| c.is(ns, local))?;
            Some(T::read_content(&entry))
        })
    }

    /// Decodes the first detail entry that is one of the alternatives of `T` (a generated
    /// `…Fault` enum of an operation's declared faults): `None` when there is no detail or no
    /// entry is one of them.
    pub fn detail_choice<T: XmlChoice>(&self) -> Option<Result<T, DecodeError>> {
        self.with_detail_root(|root| root.children().find_map(|c| T::read_choice(&c).transpose()))
    }

    /// Adds `value` (one of an operation's declared faults) as a detail entry.
    pub fn with_detail_choice<T: XmlChoice>(self, value: &T) -> Self {
        let mut w = XmlWriter::new();
        value.write_choice(&mut w);
        self.push_detail(w.into_string())
    }

    /// Appends a detail entry after any existing one.
    fn push_detail(mut self, entry: String) -> Self {
        match &mut self.detail {
            Some(detail) => detail.push_str(&entry),
            None => self.detail = Some(entry),
        }
        self
    }

    /// Runs `f` over the raw detail parsed as a `detail` element carrying the envelope's
    /// namespace declarations.
    fn with_detail_root<R>(
        &self,
        f: impl FnOnce(&XmlNode<'_, '_>) -> Option<Result<R, DecodeError>>,
    ) -> Option<Result<R, DecodeError>> {
        let detail = self.detail.as_deref()?;
        let mut xml = String::from("<detail");
        for (prefix, uri) in &self.detail_scope.0 {
            match prefix {
                Some(prefix) => xml.push_str(&format!(" xmlns:{prefix}=\"")),
                None => xml.push_str(" xmlns=\""),
            }
            escape_into(&mut xml, uri, true);
            xml.push('"');
        }
        xml.push('>');
        xml.push_str(detail);
        xml.push_str("</detail>");
        let doc = match parse_document(&xml) {
            Ok(doc) => doc,
            Err(e) => return Some(Err(e)),
        };
        let root = XmlNode::new(doc.root_element());
        f(&root)
    }

    /// Sets the actor / role.
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// A complete envelope whose body is this fault.
    pub fn to_envelope(&self, version: SoapVersion) -> String {
        write_envelope(version, |_| {}, |w| self.write(w, version))
    }

    /// Writes the `Fault` element (the envelope prefix must be in scope, as inside
    /// [`write_envelope`]; otherwise it is declared).
    pub fn write(&self, w: &mut XmlWriter, version: SoapVersion) {
        let ns = version.envelope_namespace();
        match version {
            SoapVersion::Soap11 => {
                w.start_prefixed("s", ns, "Fault");
                w.start("", "faultcode");
                self.code.write(w, version, self.subcode.as_deref());
                w.end();
                w.element("", "faultstring", &self.reason);
                w.optional("", "faultactor", &self.actor);
                if let Some(detail) = &self.detail {
                    w.start("", "detail");
                    w.raw(detail);
                    w.end();
                }
                w.end();
            }
            SoapVersion::Soap12 => {
                w.start_prefixed("s", ns, "Fault");
                w.start_prefixed("s", ns, "Code");
                w.start_prefixed("s", ns, "Value");
                self.code.write(w, version, None);
                w.end();
                let custom = match &self.code {
                    FaultCode::Other(q) => Some(&**q),
                    _ => None,
                };
                let subcodes: Vec<&QName> =
                    custom.into_iter().chain(self.subcode.as_deref()).collect();
                for subcode in &subcodes {
                    w.start_prefixed("s", ns, "Subcode");
                    w.start_prefixed("s", ns, "Value");
                    subcode.write_content(w);
                    w.end();
                }
                for _ in &subcodes {
                    w.end();
                }
                w.end();
                w.start_prefixed("s", ns, "Reason");
                w.start_prefixed("s", ns, "Text");
                w.attr("xml:lang", "en");
                w.text(&self.reason);
                w.end();
                w.end();
                if let Some(actor) = &self.actor {
                    w.start_prefixed("s", ns, "Role");
                    w.text(actor);
                    w.end();
                }
                if let Some(detail) = &self.detail {
                    w.start_prefixed("s", ns, "Detail");
                    w.raw(detail);
                    w.end();
                }
                w.end();
            }
        }
    }

    /// Reads a `Fault` element of `version`.
    pub fn read<'a, 'i>(
        node: &XmlNode<'a, 'i>,
        version: SoapVersion,
    ) -> Result<Fault, DecodeError> {
        let ns = version.envelope_namespace();
        match version {
            SoapVersion::Soap11 => {
                // Children are unqualified; tolerate them qualified with the envelope ns.
                let child = |local: &str| node.children().find(|c| c.is(ns, local));
                let code_node =
                    child("faultcode").ok_or_else(|| crate::xml::missing(node, "", "faultcode"))?;
                let code = QName::read_content(&code_node)?;
                let unprefixed = !code_node.text()?.contains(':');
                let (code, subcode) = FaultCode::from_qname_11(code, unprefixed);
                let reason = match child("faultstring") {
                    Some(n) => n.text()?,
                    None => String::new(),
                };
                Ok(Fault {
                    code,
                    subcode,
                    reason,
                    actor: child("faultactor").map(|n| n.text()).transpose()?,
                    detail: child("detail").map(|n| n.inner_xml().to_owned()),
                    detail_scope: child("detail")
                        .map(|n| DetailScope::of(&n))
                        .unwrap_or_default(),
                })
            }
            SoapVersion::Soap12 => {
                let child = |parent: &XmlNode<'a, 'i>, local: &str| strict_child(parent, ns, local);
                let code_node =
                    child(node, "Code").ok_or_else(|| crate::xml::missing(node, ns, "Code"))?;
                let value = child(&code_node, "Value")
                    .ok_or_else(|| crate::xml::missing(&code_node, ns, "Value"))?;
                let code = QName::read_content(&value)?;
                let subcode = match child(&code_node, "Subcode").and_then(|s| child(&s, "Value")) {
                    Some(v) => Some(Box::new(QName::read_content(&v)?)),
                    None => None,
                };
                let reason = match child(node, "Reason") {
                    Some(r) => {
                        let texts: Vec<_> = r
                            .children()
                            .filter(|c| c.namespace() == ns && c.local_name() == "Text")
                            .collect();
                        let english = texts.iter().find(|t| {
                            t.attribute_ns(crate::xml::XML_NS, "lang")
                                .is_some_and(|l| l.to_ascii_lowercase().starts_with("en"))
                        });
                        match english.or(texts.first()) {
                            Some(t) => t.text()?,
                            None => String::new(),
                        }
                    }
                    None => String::new(),
                };
                Ok(Fault {
                    code: FaultCode::from_qname_12(code),
                    subcode,
                    reason,
                    actor: child(node, "Role").map(|n| n.text()).transpose()?,
                    detail: child(node, "Detail").map(|n| n.inner_xml().to_owned()),
                    detail_scope: child(node, "Detail")
                        .map(|n| DetailScope::of(&n))
                        .unwrap_or_default(),
                })
            }
        }
    }
}

/// The first child of `parent` named exactly `{ns}local`.
fn strict_child<'a, 'i>(
    parent: &XmlNode<'a, 'i>,
    ns: &str,
    local: &str,
) -> Option<XmlNode<'a, 'i>> {
    parent
        .children()
        .find(|c| c.namespace() == ns && c.local_name() == local)
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(subcode) = &self.subcode {
            write!(f, " ({subcode})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for Fault {}
