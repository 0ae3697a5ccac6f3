//! The server side: checking a request's addressing headers, and the headers of the answer.

use super::{
    must_understand_attr, text_block, Addressing, OperationActions, ANONYMOUS, FAULT_ACTION,
    NONE_ADDRESS, WSA_NS,
};
use crate::envelope::{write_envelope, HeaderBlock, SoapVersion};
use crate::error::DecodeError;
use crate::fault::{Fault, FaultCode};
use crate::server::{fault_response_with_headers, ServerResponse};
use crate::types::QName;
use crate::xml::{AnyElement, Content, XmlContent as _, XmlReader, XmlWriter};

/// The addressing headers of the answer to a checked request.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    actions: &'static OperationActions,
    /// The request's `MessageID`.
    relates_to: Option<String>,
    /// Reference parameters of `ReplyTo`, echoed in a reply.
    reply_parameters: Vec<AnyElement>,
    /// Reference parameters of `FaultTo` (else `ReplyTo`), echoed in a fault.
    fault_parameters: Vec<AnyElement>,
}

impl Reply {
    /// The operation the request's action names.
    pub(crate) fn operation(&self) -> &'static str {
        self.actions.operation
    }

    /// Header blocks of a reply.
    pub(crate) fn write_response(&self, w: &mut XmlWriter, version: SoapVersion) {
        write_reply_headers(
            w,
            version,
            self.actions.output,
            self.relates_to.as_deref(),
            &self.reply_parameters,
        );
    }

    /// Header blocks of a fault answer: the declared fault's action (by its detail element)
    /// or the SOAP fault action.
    pub(crate) fn write_fault(&self, w: &mut XmlWriter, version: SoapVersion, fault: &Fault) {
        let detail = first_detail_element(fault);
        let action = self.actions.fault_action(
            detail
                .as_ref()
                .map(|q| (q.namespace.as_str(), q.local.as_str())),
        );
        write_reply_headers(
            w,
            version,
            action,
            self.relates_to.as_deref(),
            &self.fault_parameters,
        );
    }
}

fn write_reply_headers(
    w: &mut XmlWriter,
    version: SoapVersion,
    action: &str,
    relates_to: Option<&str>,
    parameters: &[AnyElement],
) {
    let must_understand = must_understand_attr(w, version);
    w.start_prefixed("wsa", WSA_NS, "Action");
    w.attr(&must_understand.0, must_understand.1);
    w.text(action);
    w.end();
    if let Some(id) = relates_to {
        text_block(w, "RelatesTo", id);
    }
    for parameter in parameters {
        w.raw(&marked_reference_parameter(&parameter.xml));
    }
}

/// A reference parameter as a header block: its XML with
/// `wsa:IsReferenceParameter="true"` added to the start tag (under a prefix it does not use).
fn marked_reference_parameter(xml: &str) -> String {
    let name_end = xml
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map_or(xml.len(), |(i, _)| i);
    let start_tag = &xml[..xml.find('>').unwrap_or(xml.len())];
    let prefix = (0..)
        .map(|n| {
            if n == 0 {
                "wsa".to_owned()
            } else {
                format!("wsa{n}")
            }
        })
        .find(|p| {
            !start_tag.contains(&format!("xmlns:{p}=")) && !start_tag.contains(&format!("{p}:"))
        })
        .unwrap_or_else(|| "wsa".to_owned());
    format!(
        "{} xmlns:{prefix}=\"{WSA_NS}\" {prefix}:IsReferenceParameter=\"true\"{}",
        &xml[..name_end],
        &xml[name_end..]
    )
}

/// The name of the first element of a fault's detail, when it parses.
fn first_detail_element(fault: &Fault) -> Option<QName> {
    let detail = fault.detail.as_deref()?;
    let wrapped = format!("<d>{detail}</d>");
    let mut r = XmlReader::new(&wrapped);
    r.read_root().ok()?;
    loop {
        match r.next_content(false).ok()? {
            Content::Child => return Some(QName::new(r.namespace(), r.local_name())),
            Content::Text => {}
            Content::End => return None,
        }
    }
}

/// A WS-Addressing fault (SOAP Binding §6.4): subcode, optional subsubcode, reason, detail.
#[derive(Debug)]
pub(crate) struct AddressingFault {
    subcode: &'static str,
    subsubcode: Option<&'static str>,
    reason: String,
    /// `ProblemHeaderQName` (a `wsa:` header name) or `ProblemAction`.
    problem: Problem,
    /// The request's `MessageID`, if it could be read.
    relates_to: Option<String>,
}

#[derive(Debug)]
enum Problem {
    Header(&'static str),
    Action(String),
}

impl AddressingFault {
    fn header(
        subcode: &'static str,
        subsubcode: Option<&'static str>,
        header: &'static str,
        reason: String,
    ) -> Self {
        AddressingFault {
            subcode,
            subsubcode,
            reason,
            problem: Problem::Header(header),
            relates_to: None,
        }
    }

    /// The fault response: in SOAP 1.2 `Sender` with the subcodes and the problem in
    /// `Detail`; in SOAP 1.1 the most specific code as `faultcode` and the problem in a
    /// `wsa:FaultDetail` header block. The answer carries the fault action and `RelatesTo`.
    pub(crate) fn to_response(&self, version: SoapVersion) -> ServerResponse {
        let wsa = |local: &str| QName::new(WSA_NS, local);
        let mut detail = XmlWriter::new();
        match &self.problem {
            Problem::Header(local) => {
                detail.start_prefixed("wsa", WSA_NS, "ProblemHeaderQName");
                detail.text(&format!("wsa:{local}"));
                detail.end();
            }
            Problem::Action(action) => {
                detail.start_prefixed("wsa", WSA_NS, "ProblemAction");
                text_block(&mut detail, "Action", action);
                detail.end();
            }
        }
        let detail = detail.into_string();
        let headers = |w: &mut XmlWriter| {
            write_reply_headers(w, version, FAULT_ACTION, self.relates_to.as_deref(), &[]);
            if version == SoapVersion::Soap11 {
                w.start_prefixed("wsa", WSA_NS, "FaultDetail");
                w.raw(&detail);
                w.end();
            }
        };
        match version {
            SoapVersion::Soap11 => {
                let code = wsa(self.subsubcode.unwrap_or(self.subcode));
                let fault = Fault::new(FaultCode::Other(Box::new(code)), &self.reason);
                fault_response_with_headers(version, &fault, headers)
            }
            // `Fault` keeps one subcode level; these faults have two.
            SoapVersion::Soap12 => {
                tracing::Span::current()
                    .record("fault_code", tracing::field::display(wsa(self.subcode)));
                let subcodes: Vec<QName> = std::iter::once(self.subcode)
                    .chain(self.subsubcode)
                    .map(wsa)
                    .collect();
                ServerResponse {
                    status: 400,
                    content_type: version.content_type(""),
                    body: write_envelope(version, headers, |w| {
                        write_fault_12(w, &subcodes, &self.reason, &detail)
                    }),
                }
            }
        }
    }
}

/// A SOAP 1.2 `Sender` fault with nested `subcodes`, `reason` and raw `detail`.
fn write_fault_12(w: &mut XmlWriter, subcodes: &[QName], reason: &str, detail: &str) {
    let ns = SoapVersion::Soap12.envelope_namespace();
    w.start_prefixed("s", ns, "Fault");
    w.start_prefixed("s", ns, "Code");
    w.start_prefixed("s", ns, "Value");
    let prefix = w.prefix_for(ns);
    w.text(&format!("{prefix}:Sender"));
    w.end();
    for subcode in subcodes {
        w.start_prefixed("s", ns, "Subcode");
        w.start_prefixed("s", ns, "Value");
        subcode.write_content(w);
        w.end();
    }
    for _ in subcodes {
        w.end();
    }
    w.end();
    w.start_prefixed("s", ns, "Reason");
    w.start_prefixed("s", ns, "Text");
    w.attr("xml:lang", "en");
    w.text(reason);
    w.end();
    w.end();
    w.start_prefixed("s", ns, "Detail");
    w.raw(detail);
    w.end();
    w.end();
}

/// The `wsa:` header blocks of a request (children of `Header` in the 1.0 namespace).
struct Headers<'b> {
    blocks: Vec<&'b HeaderBlock>,
}

impl<'b> Headers<'b> {
    /// The block named `local`; a repeated one is an `InvalidCardinality` fault.
    fn one(&self, local: &'static str) -> Result<Option<&'b HeaderBlock>, AddressingFault> {
        let mut found = self.blocks.iter().filter(|b| b.local_name() == local);
        let first = found.next().copied();
        if found.next().is_some() {
            return Err(AddressingFault::header(
                "InvalidAddressingHeader",
                Some("InvalidCardinality"),
                local,
                format!("the wsa:{local} header appears more than once"),
            ));
        }
        Ok(first)
    }
}

/// The text of a simple header block (`Action`, `MessageID`), trimmed.
fn text(block: &HeaderBlock) -> Result<String, DecodeError> {
    let mut r = block.open()?;
    r.read_text()?;
    Ok(r.text().trim().to_owned())
}

/// An endpoint reference (`ReplyTo`, `FaultTo`): its address and reference parameters.
fn endpoint_reference(
    block: &HeaderBlock,
) -> Result<(Option<String>, Vec<AnyElement>), DecodeError> {
    let mut r = block.open()?;
    let (mut address, mut parameters) = (None, Vec::new());
    loop {
        match r.next_content(false)? {
            Content::Child if r.is(WSA_NS, "Address") && address.is_none() => {
                r.read_text()?;
                address = Some(r.text().trim().to_owned());
            }
            Content::Child if r.is(WSA_NS, "ReferenceParameters") => loop {
                match r.next_content(false)? {
                    Content::Child => parameters.push(AnyElement::capture(&mut r)?),
                    Content::Text => {}
                    Content::End => break,
                }
            },
            Content::Child => r.skip()?,
            Content::Text => {}
            Content::End => return Ok((address, parameters)),
        }
    }
}

/// Checks the addressing headers of a request (see the [module documentation](super)).
/// `headers` are the children of `Header`; `transport_action` is the `SOAPAction` header or
/// the content type's `action` (`""` when none). `Ok(None)`: the request uses no addressing
/// and the binding does not require it.
pub(crate) fn check_request(
    headers: &[HeaderBlock],
    addressing: &Addressing,
    transport_action: &str,
) -> Result<Option<Reply>, AddressingFault> {
    let headers = Headers {
        blocks: headers
            .iter()
            .filter(|b| b.in_header && b.namespace() == WSA_NS)
            .collect(),
    };
    if headers.blocks.is_empty() && !addressing.required {
        return Ok(None);
    }
    let invalid = |local: &'static str, e: DecodeError| {
        AddressingFault::header(
            "InvalidAddressingHeader",
            None,
            local,
            format!("the wsa:{local} header is not valid: {e}"),
        )
    };
    let message_id = headers
        .one("MessageID")?
        .map(|b| text(b).map_err(|e| invalid("MessageID", e)))
        .transpose()?;
    let with_id = |mut fault: AddressingFault| {
        fault.relates_to.clone_from(&message_id);
        fault
    };
    let action = headers
        .one("Action")
        .map_err(with_id)?
        .map(|b| text(b).map_err(|e| with_id(invalid("Action", e))))
        .transpose()?;
    let Some(action) = action.filter(|a| !a.is_empty()) else {
        return Err(with_id(AddressingFault::header(
            "MessageAddressingHeaderRequired",
            None,
            "Action",
            "the wsa:Action header is required".to_owned(),
        )));
    };
    let Some(actions) = addressing.by_input_action(&action) else {
        return Err(with_id(AddressingFault {
            subcode: "ActionNotSupported",
            subsubcode: None,
            reason: format!("the action '{action}' is not supported by this endpoint"),
            problem: Problem::Action(action),
            relates_to: None,
        }));
    };
    if !transport_action.is_empty() && transport_action != action {
        return Err(with_id(AddressingFault::header(
            "InvalidAddressingHeader",
            Some("ActionMismatch"),
            "Action",
            format!("the SOAP action '{transport_action}' differs from wsa:Action '{action}'"),
        )));
    }
    headers.one("To").map_err(with_id)?;
    let reference = |local: &'static str| -> Result<Option<Vec<AnyElement>>, AddressingFault> {
        let Some(block) = headers.one(local).map_err(with_id)? else {
            return Ok(None);
        };
        let (address, parameters) =
            endpoint_reference(block).map_err(|e| with_id(invalid(local, e)))?;
        match address.as_deref() {
            None => Err(with_id(AddressingFault::header(
                "InvalidAddressingHeader",
                Some("MissingAddressInEPR"),
                local,
                format!("wsa:{local} has no wsa:Address"),
            ))),
            Some(ANONYMOUS | NONE_ADDRESS) => Ok(Some(parameters)),
            Some(other) => Err(with_id(AddressingFault::header(
                "InvalidAddressingHeader",
                Some("OnlyAnonymousAddressSupported"),
                local,
                format!(
                    "wsa:{local} is '{other}': this endpoint only replies on the HTTP response \
                     (the anonymous address)"
                ),
            ))),
        }
    };
    let reply_parameters = reference("ReplyTo")?.unwrap_or_default();
    let fault_parameters = reference("FaultTo")?.unwrap_or_else(|| reply_parameters.clone());
    if message_id.is_none() && !actions.output.is_empty() {
        return Err(AddressingFault::header(
            "MessageAddressingHeaderRequired",
            None,
            "MessageID",
            "a request that expects a reply needs a wsa:MessageID header".to_owned(),
        ));
    }
    Ok(Some(Reply {
        actions,
        relates_to: message_id,
        reply_parameters,
        fault_parameters,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_parameters_are_marked() {
        assert_eq!(
            marked_reference_parameter(r#"<p:Key xmlns:p="urn:p">1</p:Key>"#),
            format!(
                r#"<p:Key xmlns:wsa="{WSA_NS}" wsa:IsReferenceParameter="true" xmlns:p="urn:p">1</p:Key>"#
            )
        );
        assert_eq!(
            marked_reference_parameter(r#"<wsa:Key xmlns:wsa="urn:p"/>"#),
            format!(
                r#"<wsa:Key xmlns:wsa1="{WSA_NS}" wsa1:IsReferenceParameter="true" xmlns:wsa="urn:p"/>"#
            )
        );
        assert_eq!(
            marked_reference_parameter("<Key/>"),
            format!(r#"<Key xmlns:wsa="{WSA_NS}" wsa:IsReferenceParameter="true"/>"#)
        );
    }

    #[test]
    fn detail_element_of_a_fault() {
        let fault = Fault::sender("x").with_detail(r#" <t:Oops xmlns:t="urn:t"><a/></t:Oops>"#);
        assert_eq!(
            first_detail_element(&fault),
            Some(QName::new("urn:t", "Oops"))
        );
        assert_eq!(first_detail_element(&Fault::sender("x")), None);
        assert_eq!(
            first_detail_element(&Fault::sender("x").with_detail("<u:x>")),
            None
        );
    }
}
