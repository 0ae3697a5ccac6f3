//! WS-Addressing 1.0 (W3C Core, SOAP Binding and Metadata recommendations) for bindings whose
//! WSDL says they use it (`wsaw:UsingAddressing`, `wsam:Addressing`): the generator emits the
//! binding's [`Addressing`] table (`Binding::ADDRESSING`) with every operation's actions.
//!
//! - Clients send `wsa:Action` (the request's action, also sent as the SOAP action),
//!   `wsa:MessageID` (a fresh `urn:uuid:`), `wsa:To` (the endpoint) and `wsa:ReplyTo`
//!   (anonymous: the reply comes back on the HTTP response), `Action` and `To` marked
//!   `mustUnderstand`. A reply whose `wsa:RelatesTo` names another message is refused.
//! - Servers check the headers before the service runs: the action must be one of the
//!   binding's (it also selects the operation), replies can only go to the anonymous address,
//!   no header may repeat, a request that expects a reply needs a `MessageID`, and a binding
//!   that requires addressing requires the headers. Failures get the WS-Addressing faults
//!   (`wsa:MessageAddressingHeaderRequired`, `wsa:ActionNotSupported`,
//!   `wsa:InvalidAddressingHeader` with `wsa:InvalidCardinality`,
//!   `wsa:OnlyAnonymousAddressSupported`, `wsa:ActionMismatch`, `wsa:InvalidAddress`) with
//!   action [`FAULT_ACTION`]. Answers carry the response's (or fault's) action, `RelatesTo`
//!   the request's `MessageID`, and the `ReplyTo` reference parameters.
//!
//! Only the 1.0 namespace ([`WSA_NS`]) is spoken; the 2004/08 member submission is not.

mod inbound;

use crate::envelope::SoapVersion;
use crate::xml::XmlWriter;

pub(crate) use inbound::{check_request, Reply};

/// The WS-Addressing 1.0 namespace.
pub const WSA_NS: &str = "http://www.w3.org/2005/08/addressing";
/// The anonymous address: the reply goes back on the connection the request came on.
pub const ANONYMOUS: &str = "http://www.w3.org/2005/08/addressing/anonymous";
/// The none address: no reply is wanted.
pub const NONE_ADDRESS: &str = "http://www.w3.org/2005/08/addressing/none";
/// The action of the faults WS-Addressing itself defines.
pub const FAULT_ACTION: &str = "http://www.w3.org/2005/08/addressing/fault";
/// The action of SOAP faults a WSDL does not declare (SOAP Binding §6).
pub const SOAP_FAULT_ACTION: &str = "http://www.w3.org/2005/08/addressing/soap/fault";
/// `RelatesTo/@RelationshipType` of a reply (also its default).
pub const REPLY_RELATIONSHIP: &str = "http://www.w3.org/2005/08/addressing/reply";

/// How a binding uses WS-Addressing (generated from the WSDL as `Binding::ADDRESSING`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addressing {
    /// Requests must carry the addressing headers (else they are optional: a request without
    /// them is answered without them).
    pub required: bool,
    /// The actions of every operation, in WSDL order.
    pub operations: &'static [OperationActions],
}

impl Addressing {
    /// The actions of operation `name`.
    pub fn operation(&self, name: &str) -> Option<&'static OperationActions> {
        self.operations.iter().find(|op| op.operation == name)
    }

    /// The operation whose request has `action`.
    pub fn by_input_action(&self, action: &str) -> Option<&'static OperationActions> {
        self.operations.iter().find(|op| op.input == action)
    }
}

/// The actions of one operation: explicit in the WSDL (`wsam:Action`), else the request's
/// `soapAction`, else WS-Addressing's default action pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationActions {
    /// WSDL operation name.
    pub operation: &'static str,
    /// The request's action.
    pub input: &'static str,
    /// The response's action (`""` for a one-way operation).
    pub output: &'static str,
    /// The declared faults' actions.
    pub faults: &'static [FaultAction],
}

impl OperationActions {
    /// The action of a fault answer: the declared fault whose detail element `detail` names,
    /// else [`SOAP_FAULT_ACTION`].
    pub fn fault_action(&self, detail: Option<(&str, &str)>) -> &'static str {
        detail
            .and_then(|(ns, local)| {
                self.faults
                    .iter()
                    .find(|f| f.element == local && (f.namespace == ns || f.namespace.is_empty()))
            })
            .map_or(SOAP_FAULT_ACTION, |f| f.action)
    }
}

/// The action of a declared fault, by its detail element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultAction {
    /// Namespace of the detail element.
    pub namespace: &'static str,
    /// Local name of the detail element.
    pub element: &'static str,
    /// The fault's action.
    pub action: &'static str,
}

/// A fresh message identifier: `urn:uuid:` and a random (version 4) UUID.
pub fn new_message_id() -> String {
    let mut bytes = [0u8; 16];
    // Without an operating system random source, a time-and-counter based value still keeps
    // identifiers of this process distinct.
    if getrandom::fill(&mut bytes).is_err() {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        bytes[..8].copy_from_slice(&nanos.to_be_bytes());
        bytes[8..].copy_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The addressing headers of one request, as a client sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestAddressing {
    /// `wsa:Action`.
    pub action: &'static str,
    /// `wsa:MessageID`.
    pub message_id: String,
    /// `wsa:To`: the endpoint, without its user information.
    pub to: String,
}

impl RequestAddressing {
    /// Headers for a request with `action` to `endpoint`, with a fresh message ID.
    pub fn new(action: &'static str, endpoint: &str) -> Self {
        RequestAddressing {
            action,
            message_id: new_message_id(),
            to: without_userinfo(endpoint),
        }
    }

    /// Writes the header blocks (inside `soap:Header`).
    pub fn write(&self, w: &mut XmlWriter, version: SoapVersion) {
        let must_understand = must_understand_attr(w, version);
        w.start_prefixed("wsa", WSA_NS, "Action");
        w.attr(&must_understand.0, must_understand.1);
        w.text(self.action);
        w.end();
        text_block(w, "MessageID", &self.message_id);
        w.start_prefixed("wsa", WSA_NS, "ReplyTo");
        text_block(w, "Address", ANONYMOUS);
        w.end();
        w.start_prefixed("wsa", WSA_NS, "To");
        w.attr(&must_understand.0, must_understand.1);
        w.text(&self.to);
        w.end();
    }
}

/// `(prefix:mustUnderstand, value)` for `version`, the envelope prefix being in scope.
fn must_understand_attr(w: &mut XmlWriter, version: SoapVersion) -> (String, &'static str) {
    let env = w.prefix_for(version.envelope_namespace());
    let yes = match version {
        SoapVersion::Soap11 => "1",
        SoapVersion::Soap12 => "true",
    };
    (format!("{env}:mustUnderstand"), yes)
}

/// `<wsa:{local}>text</wsa:{local}>`.
fn text_block(w: &mut XmlWriter, local: &str, text: &str) {
    w.start_prefixed("wsa", WSA_NS, local);
    w.text(text);
    w.end();
}

/// `url` without `user:password@` (credentials never go into a message header).
fn without_userinfo(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => url.to_owned(),
            }
        }
        None => url.to_owned(),
    }
}

/// What a client checks in a reply: the `RelatesTo` of the reply relationship.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ReplyHeaders {
    /// `(RelationshipType or the reply default, value)` of each `wsa:RelatesTo`.
    pub(crate) relates_to: Vec<(String, String)>,
}

impl ReplyHeaders {
    /// An error when the reply relates to another message than `message_id` (a reply without
    /// `RelatesTo` is accepted: not every service sends one).
    pub(crate) fn check(&self, message_id: &str) -> Result<(), crate::error::DecodeError> {
        match self
            .relates_to
            .iter()
            .find(|(kind, _)| kind == REPLY_RELATIONSHIP)
        {
            Some((_, id)) if id.trim() != message_id => {
                Err(crate::error::DecodeError::new(format!(
                    "the reply's wsa:RelatesTo '{}' is not the request's wsa:MessageID '{message_id}'",
                    id.trim()
                )))
            }
            _ => Ok(()),
        }
    }

    /// Reads a `wsa:RelatesTo` block the reader stands on.
    pub(crate) fn read_relates_to(
        &mut self,
        r: &mut crate::xml::XmlReader<'_>,
    ) -> Result<(), crate::error::DecodeError> {
        let kind = r
            .attribute("RelationshipType")
            .map_or(REPLY_RELATIONSHIP, |k| k.trim())
            .to_owned();
        r.read_text()?;
        self.relates_to.push((kind, r.text().to_owned()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_uuid_urns() {
        let (a, b) = (new_message_id(), new_message_id());
        assert_ne!(a, b);
        let uuid = a.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&uuid[14..15], "4", "version 4: {uuid}");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
    }

    #[test]
    fn to_has_no_credentials() {
        assert_eq!(without_userinfo("http://u:p@h:1/s?q"), "http://h:1/s?q");
        assert_eq!(without_userinfo("http://h/s@x"), "http://h/s@x");
        assert_eq!(without_userinfo("urn:x"), "urn:x");
    }

    #[test]
    fn fault_actions_by_detail_element() {
        static OP: OperationActions = OperationActions {
            operation: "Op",
            input: "in",
            output: "out",
            faults: &[FaultAction {
                namespace: "urn:t",
                element: "Oops",
                action: "urn:t:Oops",
            }],
        };
        assert_eq!(OP.fault_action(Some(("urn:t", "Oops"))), "urn:t:Oops");
        assert_eq!(OP.fault_action(Some(("urn:o", "Oops"))), SOAP_FAULT_ACTION);
        assert_eq!(OP.fault_action(None), SOAP_FAULT_ACTION);
    }

    #[test]
    fn relates_to_must_name_the_request() {
        let mut reply = ReplyHeaders::default();
        assert!(reply.check("urn:uuid:1").is_ok());
        reply
            .relates_to
            .push(("urn:other".into(), "urn:uuid:2".into()));
        assert!(reply.check("urn:uuid:1").is_ok());
        reply
            .relates_to
            .push((REPLY_RELATIONSHIP.into(), " urn:uuid:1 ".into()));
        assert!(reply.check("urn:uuid:1").is_ok());
        assert!(reply.check("urn:uuid:3").is_err());
    }
}
