//! How a request or response sits in `soap:Body`: one element (document/literal wrapped,
//! rpc/literal), one rpc/encoded wrapper, the parts themselves (document/literal "bare"), or
//! nothing at all (the response of a one-way operation).

use crate::envelope::SoapVersion;
use crate::types::QName;
use crate::xml::{XmlContent, XmlWriter, XSI_NS, XS_NS};

/// The SOAP 1.1 encoding style (`soapenv:encodingStyle` of rpc/encoded wrappers).
pub const SOAP11_ENCODING: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// The SOAP 1.2 encoding style.
pub const SOAP12_ENCODING: &str = "http://www.w3.org/2003/05/soap-encoding";

/// The shape of one message in `soap:Body` (see [`OperationInfo`](crate::OperationInfo)).
///
/// | WSDL binding | form | Rust body type |
/// |---|---|---|
/// | document/literal wrapped, or bare with one part | `Element(ns, "Elem")` | the element's type |
/// | rpc/literal | `Element(ns, "OpName")` (`"OpNameResponse"`) | a struct whose fields are the parts |
/// | rpc/encoded | `Encoded(ns, "OpName")` | the same, written with `encodingStyle` |
/// | document/literal bare, several parts | `Parts(Some((ns, "FirstPartElem")))` | a struct whose fields are the part elements |
/// | document/literal, no part | `Parts(None)` | `()` |
/// | no output message (one-way) | `None` (response only) | `()` |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyForm {
    /// One body element `{ns}local` whose content is the message type's.
    Element(&'static str, &'static str),
    /// One rpc/encoded wrapper `{ns}local`, written with `soapenv:encodingStyle` (the SOAP
    /// 1.1 or 1.2 encoding, after the envelope's version); read as [`Element`](Self::Element).
    Encoded(&'static str, &'static str),
    /// The parts are the children of `Body`, read and written through the message type's
    /// fields (`XmlContent` over the `Body` element). The name is the first part's element,
    /// used to route requests; `None` for a message without parts (an empty `Body`).
    Parts(Option<(&'static str, &'static str)>),
    /// No message: the response of a one-way operation. The server answers `202 Accepted`
    /// with no body; the client accepts any 2xx answer, empty or an envelope.
    None,
}

impl BodyForm {
    /// The element the body starts with (`None` for an empty body).
    pub fn first_element(self) -> Option<(&'static str, &'static str)> {
        match self {
            BodyForm::Element(ns, local) | BodyForm::Encoded(ns, local) => Some((ns, local)),
            BodyForm::Parts(first) => first,
            BodyForm::None => None,
        }
    }

    /// Whether a body whose first child element is `first` has this form (tolerant namespace
    /// match, as everywhere).
    pub(crate) fn matches(self, first: Option<&QName>) -> bool {
        match (self.first_element(), first) {
            (Some((ns, local)), Some(name)) => {
                name.local == local && (name.namespace == ns || name.namespace.is_empty())
            }
            (None, None) => true,
            _ => false,
        }
    }

    /// Writes `value` into the open `Body` element.
    pub(crate) fn write<T: XmlContent>(self, w: &mut XmlWriter, version: SoapVersion, value: &T) {
        match self {
            BodyForm::Element(ns, local) => w.element(ns, local, value),
            BodyForm::Encoded(ns, local) => {
                w.start(ns, local);
                let env = w.prefix_for(version.envelope_namespace());
                let style = match version {
                    SoapVersion::Soap11 => SOAP11_ENCODING,
                    SoapVersion::Soap12 => SOAP12_ENCODING,
                };
                w.attr(&format!("{env}:encodingStyle"), style);
                // Encoded parts carry `xsi:type="xsd:…"`: one declaration for all of them.
                let _ = w.prefix_for(XS_NS);
                value.write_content(w);
                w.end();
            }
            BodyForm::Parts(_) | BodyForm::None => value.write_content(w),
        }
    }
}

/// `value` written in `form` inside a SOAP 1.1 `Body` element (`s:Body`, declaring `xsi` as the
/// envelope does), without the envelope: the body of a message as a client or server writes it.
/// For tests and tools (the corpus harness validates each child of `Body` against the schemas).
pub fn body_to_xml_string<T: XmlContent>(form: BodyForm, value: &T) -> String {
    let version = SoapVersion::Soap11;
    let mut w = XmlWriter::new();
    w.start_prefixed("s", version.envelope_namespace(), "Body");
    let _ = w.prefix_for(XSI_NS);
    form.write(&mut w, version, value);
    w.end();
    w.into_string()
}
