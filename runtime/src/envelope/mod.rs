//! SOAP 1.1 / 1.2 envelopes, messages and typed headers.

pub use crate::body::BodyForm;
use crate::error::DecodeError;
use crate::fault::Fault;
use crate::types::QName;
use crate::xml::{AnyElement, XmlLimits, XmlReader, XmlWriter, XSI_NS};

mod read;

pub(crate) use read::{read_empty, Captured, Decoding, EnvelopeReader};

/// SOAP 1.1 envelope namespace.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2 envelope namespace.
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// The SOAP version of a binding / envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1 (`text/xml`, `SOAPAction` HTTP header).
    Soap11,
    /// SOAP 1.2 (`application/soap+xml`, `action` content-type parameter).
    Soap12,
}

impl SoapVersion {
    /// `"1.1"` or `"1.2"` (for logs).
    pub fn label(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "1.1",
            SoapVersion::Soap12 => "1.2",
        }
    }

    /// The envelope namespace URI.
    pub fn envelope_namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_NS,
            SoapVersion::Soap12 => SOAP12_NS,
        }
    }

    /// The version whose envelope namespace is `ns`.
    pub fn from_envelope_namespace(ns: &str) -> Option<Self> {
        match ns {
            SOAP11_NS => Some(SoapVersion::Soap11),
            SOAP12_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// The HTTP `Content-Type` for a message: `text/xml; charset=utf-8` (1.1) or
    /// `application/soap+xml; charset=utf-8; action="..."` (1.2, no action parameter when
    /// `action` is empty).
    pub fn content_type(self, action: &str) -> String {
        match self {
            SoapVersion::Soap11 => "text/xml; charset=utf-8".to_owned(),
            SoapVersion::Soap12 if action.is_empty() => {
                "application/soap+xml; charset=utf-8".to_owned()
            }
            SoapVersion::Soap12 => {
                let escaped = action.replace('\\', "\\\\").replace('"', "\\\"");
                format!("application/soap+xml; charset=utf-8; action=\"{escaped}\"")
            }
        }
    }

    /// Guesses the version from an HTTP content type: `application/soap+xml` is 1.2,
    /// anything else 1.1.
    pub fn from_content_type(content_type: Option<&str>) -> Self {
        match content_type {
            Some(ct) if media_type(ct).eq_ignore_ascii_case("application/soap+xml") => {
                SoapVersion::Soap12
            }
            _ => SoapVersion::Soap11,
        }
    }

    /// The version an HTTP content type declares: `text/xml` is 1.1, `application/soap+xml`
    /// 1.2 (media type compared case-insensitively, parameters ignored), anything else none.
    pub(crate) fn declared_by(content_type: &str) -> Option<Self> {
        let media_type = media_type(content_type);
        if media_type.eq_ignore_ascii_case("text/xml") {
            Some(SoapVersion::Soap11)
        } else if media_type.eq_ignore_ascii_case("application/soap+xml") {
            Some(SoapVersion::Soap12)
        } else {
            None
        }
    }
}

fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The `action` parameter of a content type, unquoted (`None` if absent).
///
/// Parameters are parsed as in RFC 9110 §5.6.6: names are case-insensitive, values are
/// tokens or quoted strings, and quoted strings may contain `;` and backslash escapes
/// (`action="urn:a;b"` gives `urn:a;b`).
pub fn content_type_action(content_type: &str) -> Option<String> {
    content_type_parameter(content_type, "action")
}

/// The value of parameter `name` (case-insensitive) of a content type, unquoted.
fn content_type_parameter(content_type: &str, name: &str) -> Option<String> {
    const OWS: [char; 2] = [' ', '\t'];
    let (_, mut rest) = content_type.split_once(';')?;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        if rest.is_empty() {
            return None;
        }
        let name_end = rest.find(['=', ';']).unwrap_or(rest.len());
        let param = rest[..name_end].trim_matches(OWS);
        let Some(value_start) = rest[name_end..].strip_prefix('=') else {
            rest = &rest[name_end..];
            continue; // a parameter without value
        };
        let value_start = value_start.trim_start_matches(OWS);
        let (value, remaining) = match value_start.strip_prefix('"') {
            Some(quoted) => {
                let (value, after) = unquote(quoted);
                // Anything between the closing quote and the next `;` is ignored.
                (value, after.find(';').map_or("", |i| &after[i..]))
            }
            None => {
                let end = value_start.find(';').unwrap_or(value_start.len());
                let token = value_start[..end].trim_end_matches(OWS);
                (token.to_owned(), &value_start[end..])
            }
        };
        if param.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = remaining;
    }
}

/// Decodes the quoted string whose opening quote was just consumed: returns the value
/// (backslash escapes resolved) and the input after the closing quote (`""` if unterminated).
fn unquote(quoted: &str) -> (String, &str) {
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, &quoted[i + 1..]),
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            }
            c => value.push(c),
        }
    }
    (value, "")
}

/// Static description of one operation (emitted by the generator as `const`s).
///
/// `request` and `response` say how each message sits in `soap:Body` (see [`BodyForm`]).
/// The generator emits, per operation:
///
/// ```
/// # use soap_runtime::__private as rt;
/// # const NS: &str = "urn:example";
/// // document/literal wrapped, bare with one part, rpc/literal (the wrapper element):
/// pub const GET_USER: rt::OperationInfo = rt::OperationInfo {
///     name: "GetUser",
///     soap_action: "urn:example/GetUser",
///     request: rt::BodyForm::Element(NS, "GetUser"),
///     response: rt::BodyForm::Element(NS, "GetUserResponse"),
/// };
/// // rpc/encoded: the wrappers carry `soapenv:encodingStyle`.
/// pub const ADD: rt::OperationInfo = rt::OperationInfo {
///     name: "Add",
///     soap_action: "urn:example#Add",
///     request: rt::BodyForm::Encoded(NS, "Add"),
///     response: rt::BodyForm::Encoded(NS, "AddResponse"),
/// };
/// // document/literal bare with several parts (the first part's element routes the request),
/// // and an output message without parts:
/// pub const STORE: rt::OperationInfo = rt::OperationInfo {
///     name: "Store",
///     soap_action: "urn:example/Store",
///     request: rt::BodyForm::Parts(Some((NS, "Key"))),
///     response: rt::BodyForm::Parts(None),
/// };
/// // One-way (no output message): the server answers 202 without a body.
/// pub const NOTIFY: rt::OperationInfo = rt::OperationInfo {
///     name: "Notify",
///     soap_action: "urn:example/Notify",
///     request: rt::BodyForm::Element(NS, "Notify"),
///     response: rt::BodyForm::None,
/// };
/// ```
///
/// The message types are `XmlContent` in every form: an element's type, a struct of the
/// parts (`Parts`, rpc wrappers; read from and written into the `Body` or wrapper element
/// through its fields), or `()` for an empty body and for the response of a one-way
/// operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// WSDL operation name.
    pub name: &'static str,
    /// Binding `soapAction` (`""` if none).
    pub soap_action: &'static str,
    /// How the request sits in the body.
    pub request: BodyForm,
    /// How the response sits in the body ([`BodyForm::None`] for a one-way operation).
    pub response: BodyForm,
}

/// A request or response: body plus typed SOAP headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message<B, H> {
    /// Typed SOAP headers (`()` for none).
    pub headers: H,
    /// The body element's value.
    pub body: B,
}

impl<B, H: Default> Message<B, H> {
    /// A message with default (empty) headers.
    pub fn new(body: B) -> Self {
        Message {
            headers: H::default(),
            body,
        }
    }
}

impl<B, H> Message<B, H> {
    /// Replaces the headers.
    pub fn with_headers(self, headers: H) -> Self {
        Message {
            headers,
            body: self.body,
        }
    }

    /// Splits into `(headers, body)`.
    pub fn into_parts(self) -> (H, B) {
        (self.headers, self.body)
    }
}

/// Typed SOAP headers of a message (generated per header set); `()` means none.
///
/// Header blocks are decoded one at a time, as they are read: a client knows its response
/// header set before the first byte arrives, so its blocks go straight into the slots; a
/// server keeps them as [`HeaderBlock`]s until the operation (and so the header set) is
/// known, then calls [`read_headers`](Self::read_headers).
pub trait SoapHeaders: Default + Clone + Send + Sync + 'static {
    /// The decoding state: one slot per header.
    type HeaderSlots;

    /// The state before any block was read.
    const EMPTY_HEADERS: Self::HeaderSlots;

    /// Writes each present header as a child of `soap:Header`.
    fn write_headers(&self, w: &mut XmlWriter);

    /// Offers the header block the reader stands on: a child of `soap:Header` or, for
    /// tolerance, a child of `Envelope` that is neither `Header` nor `Body`. `Ok(true)` when a
    /// header took it (read through its end tag), `Ok(false)` when none did (nothing was read:
    /// the caller skips the block).
    fn read_block(
        slots: &mut Self::HeaderSlots,
        block: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError>;

    /// Builds the header set once every block was offered.
    fn finish_blocks(slots: Self::HeaderSlots) -> Result<Self, DecodeError>;

    /// Reads headers from blocks kept as XML ([`read_block`](Self::read_block) for each, in
    /// order, then [`finish_blocks`](Self::finish_blocks)). Unknown ones are skipped.
    fn read_headers(headers: &[HeaderBlock]) -> Result<Self, DecodeError> {
        let mut slots = Self::EMPTY_HEADERS;
        let mut r = XmlReader::new("");
        for header in headers {
            r.reset(&header.element.xml);
            r.read_root()?;
            Self::read_block(&mut slots, &mut r)?;
        }
        Self::finish_blocks(slots)
    }

    /// Fills every header that is absent in `self` from `defaults`.
    fn merge_defaults(&mut self, defaults: &Self);

    /// Whether this header set processes the header block `{ns}local`. A server faults
    /// (`MustUnderstand`) on a block marked `mustUnderstand` and targeted at it for which
    /// this returns `false`. The default understands nothing.
    fn understands(ns: &str, local: &str) -> bool {
        let _ = (ns, local);
        false
    }
}

impl SoapHeaders for () {
    type HeaderSlots = ();

    const EMPTY_HEADERS: () = ();

    fn write_headers(&self, _w: &mut XmlWriter) {}

    fn read_block(_slots: &mut (), _block: &mut XmlReader<'_>) -> Result<bool, DecodeError> {
        Ok(false)
    }

    fn finish_blocks(_slots: ()) -> Result<Self, DecodeError> {
        Ok(())
    }

    fn merge_defaults(&mut self, _defaults: &Self) {}
}

/// A header block as received: a child of `soap:Header` or, tolerated, a child of `Envelope`
/// that is neither `Header` nor `Body` (as some published examples place them). Kept as XML
/// with the namespace declarations it relies on, and decoded once the message's header type is
/// known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderBlock {
    /// The block's element.
    pub element: AnyElement,
    /// A child of `Header` (a header block the SOAP processing model applies to), not a
    /// stray child of `Envelope`.
    pub in_header: bool,
    /// Marked `mustUnderstand` and targeted at the ultimate receiver.
    pub must_understand: bool,
}

impl HeaderBlock {
    /// Local name of the block's element.
    pub fn local_name(&self) -> &str {
        &self.element.name.local
    }

    /// Namespace of the block's element.
    pub fn namespace(&self) -> &str {
        &self.element.name.namespace
    }

    /// Tolerant name match (the namespace is `ns` or empty).
    pub fn is(&self, ns: &str, local: &str) -> bool {
        let own = self.namespace();
        self.local_name() == local && (own == ns || own.is_empty())
    }

    /// A reader standing on the block's element (to inspect it or decode it).
    pub fn open(&self) -> Result<XmlReader<'_>, DecodeError> {
        let mut r = XmlReader::new(&self.element.xml);
        r.read_root()?;
        Ok(r)
    }
}

/// A whole SOAP envelope, read: its version, header blocks, the body's first element and,
/// when the body is a fault, the fault (the body is not kept otherwise).
#[derive(Debug)]
pub struct Envelope {
    version: SoapVersion,
    headers: Vec<HeaderBlock>,
    body_element: Option<QName>,
    fault: Option<Fault>,
}

impl Envelope {
    /// Reads `xml` with the default [`XmlLimits`]: the root must be `Envelope` in the
    /// SOAP 1.1 or 1.2 namespace and contain a `Body`.
    ///
    /// An `Envelope` root in another namespace (or none) gives an error whose
    /// [`kind`](DecodeError::kind) is [`DecodeErrorKind::VersionMismatch`](crate::DecodeErrorKind::VersionMismatch).
    pub fn parse(xml: &str) -> Result<Self, DecodeError> {
        Envelope::parse_with_limits(xml, &XmlLimits::default())
    }

    /// [`parse`](Self::parse) with explicit limits for the untrusted input.
    pub fn parse_with_limits(xml: &str, limits: &XmlLimits) -> Result<Self, DecodeError> {
        let mut env =
            EnvelopeReader::open(XmlReader::with_limits(xml, limits), Captured::default())?;
        let body_element = env.first_body_element().cloned();
        let fault = if env.is_fault() {
            Some(env.read_fault()?)
        } else {
            None
        };
        let version = env.version();
        let headers = env.finish()?.into_blocks();
        Ok(Envelope {
            version,
            headers,
            body_element,
            fault,
        })
    }

    /// The SOAP version (from the envelope namespace).
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// Header candidates: children of `Header`, then children of `Envelope` that are
    /// neither `Header` nor `Body`, in document order.
    pub fn header_nodes(&self) -> &[HeaderBlock] {
        &self.headers
    }

    /// The name of the first element in `Body`.
    pub fn body_element(&self) -> Option<&QName> {
        self.body_element.as_ref()
    }

    /// The fault, when the body element is a `Fault` of this envelope's version.
    pub fn fault(&self) -> Option<&Fault> {
        self.fault.as_ref()
    }
}

/// Writes a complete envelope: `<s:Envelope xmlns:s=".." xmlns:xsi="..">`, a `s:Header`
/// with whatever `headers` writes (omitted when it writes nothing), and `s:Body` with
/// whatever `body` writes.
pub fn write_envelope(
    version: SoapVersion,
    headers: impl FnOnce(&mut XmlWriter),
    body: impl FnOnce(&mut XmlWriter),
) -> String {
    let ns = version.envelope_namespace();
    let mut w = XmlWriter::new();
    w.start_prefixed("s", ns, "Envelope");
    let _ = w.prefix_for(XSI_NS);
    let mark = w.mark();
    w.start_prefixed("s", ns, "Header");
    headers(&mut w);
    w.end_or_discard(mark);
    w.start_prefixed("s", ns, "Body");
    body(&mut w);
    w.end();
    w.end();
    w.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_parameter() {
        let ct = r#"application/soap+xml; charset=utf-8; action="urn:a/b""#;
        assert_eq!(content_type_action(ct).as_deref(), Some("urn:a/b"));
        assert_eq!(
            content_type_action("application/soap+xml;Action=urn:x").as_deref(),
            Some("urn:x")
        );
        assert_eq!(
            content_type_action("application/soap+xml; charset=utf-8"),
            None
        );
        // RFC 9110 quoted strings: `;` inside, escapes, case-insensitive names.
        let quoted = r#"application/soap+xml;charset=utf-8;ACTION="urn:a;b\c";x=y"#;
        assert_eq!(content_type_action(quoted).as_deref(), Some("urn:a;bc"));
        let later = r#"application/soap+xml; foo="a;action=evil"; action = "urn:ok" ; q"#;
        assert_eq!(content_type_action(later).as_deref(), Some("urn:ok"));
        let bare = "application/soap+xml; flag; Action=urn:t ;x=1";
        assert_eq!(content_type_action(bare).as_deref(), Some("urn:t"));
        assert_eq!(
            content_type_action(r#"a/b; action="unterminated;x"#).as_deref(),
            Some("unterminated;x")
        );
        assert_eq!(content_type_action("application/soap+xml"), None);
        let tricky = SoapVersion::Soap12.content_type(r#"urn:"q"\x"#);
        assert_eq!(
            content_type_action(&tricky).as_deref(),
            Some(r#"urn:"q"\x"#)
        );
    }

    #[test]
    fn version_from_content_type() {
        let v = |ct| SoapVersion::from_content_type(ct);
        assert_eq!(
            v(Some("Application/SOAP+xml;charset=utf-8")),
            SoapVersion::Soap12
        );
        assert_eq!(v(Some("text/xml; charset=utf-8")), SoapVersion::Soap11);
        assert_eq!(v(None), SoapVersion::Soap11);
    }
}
