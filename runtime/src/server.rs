//! Server side: request dispatch helpers and the in-process [`Loopback`] transport.

use std::future::Future;

use crate::addressing::{check_request, Addressing, Reply, WSA_NS};
use crate::client::{Transport, TransportError, TransportRequest, TransportResponse};
use crate::envelope::{
    content_type_action, write_envelope, BodyForm, Captured, EnvelopeReader, HeaderBlock, Message,
    OperationInfo, SoapHeaders, SoapVersion, SOAP11_NS, SOAP12_NS,
};
use crate::error::{clark_name, DecodeError, DecodeErrorKind};
use crate::fault::{Fault, FaultCode};
use crate::types::QName;
use crate::xml::{XmlContent, XmlLimits, XmlReader, XmlWriter};

/// Namespace of the WCF `ActionNotSupported` subcode.
pub const ADDRESSING_NONE_NS: &str = "http://schemas.microsoft.com/ws/2005/05/addressing/none";

/// An incoming SOAP request.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerRequest {
    /// The raw body.
    pub body: Vec<u8>,
    /// The `SOAPAction` HTTP header, quotes stripped.
    pub soap_action: Option<String>,
    /// The HTTP `Content-Type`.
    pub content_type: Option<String>,
}

/// A response to send back.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerResponse {
    /// HTTP status.
    pub status: u16,
    /// HTTP `Content-Type`.
    pub content_type: String,
    /// The envelope.
    pub body: String,
}

/// Anything that answers SOAP requests (a generated dispatcher). Transports mount it.
pub trait SoapService: Send + Sync + 'static {
    /// Answers one request.
    fn handle(&self, request: ServerRequest) -> impl Future<Output = ServerResponse> + Send;
}

/// A fault response: status 500, except 400 for a SOAP 1.2 `Sender` fault.
pub fn fault_response(version: SoapVersion, fault: &Fault) -> ServerResponse {
    fault_response_with_headers(version, fault, |_| {})
}

/// [`fault_response`] with header blocks written by `headers`.
pub(crate) fn fault_response_with_headers(
    version: SoapVersion,
    fault: &Fault,
    headers: impl FnOnce(&mut XmlWriter),
) -> ServerResponse {
    // Inside a request's span (see `Server`), the code goes on it; the reason may echo input,
    // so only the code is recorded.
    tracing::Span::current().record("fault_code", tracing::field::display(&fault.code));
    let status = match (version, &fault.code) {
        (SoapVersion::Soap12, FaultCode::Sender) => 400,
        _ => 500,
    };
    ServerResponse {
        status,
        content_type: version.content_type(""),
        body: write_envelope(version, headers, |w| fault.write(w, version)),
    }
}

/// The `VersionMismatch` fault for an envelope of an unknown version, with the SOAP 1.2
/// `Upgrade` header block listing the supported envelopes (SOAP 1.2 part 1 §5.4.7 and
/// appendix A; used in SOAP 1.1 fault envelopes too).
fn version_mismatch_response(version: SoapVersion, error: &DecodeError) -> ServerResponse {
    let fault = Fault::new(
        FaultCode::VersionMismatch,
        format!("version mismatch: {error}"),
    );
    fault_response_with_headers(version, &fault, |w| {
        w.start_prefixed("upg", SOAP12_NS, "Upgrade");
        for ns in [SOAP12_NS, SOAP11_NS] {
            w.start_prefixed("upg", SOAP12_NS, "SupportedEnvelope");
            let qname = QName::new(ns, "Envelope").to_prefixed(w);
            w.attr("qname", &qname);
            w.end();
        }
        w.end();
    })
}

/// The `VersionMismatch` fault for an envelope of version `envelope` sent with the media
/// type of version `declared` (the SOAP 1.2 HTTP binding sends `application/soap+xml`, the
/// WS-I Basic Profile's SOAP 1.1 `text/xml`: the media type follows the envelope version). The fault is in the version of the media type, which is
/// also the response's content type; no `Upgrade` header: both envelopes are supported.
fn media_type_mismatch_response(declared: SoapVersion, envelope: SoapVersion) -> ServerResponse {
    let envelope = match envelope {
        SoapVersion::Soap11 => "1.1",
        SoapVersion::Soap12 => "1.2",
    };
    let media_type = match declared {
        SoapVersion::Soap11 => "text/xml",
        SoapVersion::Soap12 => "application/soap+xml",
    };
    let fault = Fault::new(
        FaultCode::VersionMismatch,
        format!("version mismatch: a SOAP {envelope} envelope sent as {media_type}"),
    );
    fault_response(declared, &fault)
}

/// The `MustUnderstand` fault for `blocks` (not empty), with one SOAP 1.2 `NotUnderstood`
/// header block each (SOAP 1.2 part 1 §5.4.8; SOAP 1.1 has none).
fn must_understand_response(version: SoapVersion, blocks: &[QName]) -> ServerResponse {
    let names: Vec<String> = blocks.iter().map(QName::to_string).collect();
    let fault = Fault::new(
        FaultCode::MustUnderstand,
        format!("SOAP header not understood: {}", names.join(", ")),
    );
    fault_response_with_headers(version, &fault, |w| {
        if version == SoapVersion::Soap12 {
            for block in blocks {
                w.start_prefixed("s", SOAP12_NS, "NotUnderstood");
                let qname = block.to_prefixed(w);
                w.attr("qname", &qname);
                w.end();
            }
        }
    })
}

/// One parsed request being dispatched.
pub struct ServerCall<'r> {
    envelope: EnvelopeReader<'r, Captured>,
    ops: &'static [&'static OperationInfo],
    index: usize,
    /// Header blocks processed before the operation's header type sees them.
    understood: Vec<(&'static str, &'static str)>,
    /// The `SOAPAction` header or the content type's `action` (`""`: none).
    transport_action: String,
    /// WS-Addressing headers of the answer (a binding using addressing).
    reply: Option<Reply>,
}

// Bodies carry tickets and tokens: `Debug` shows their size only.
impl std::fmt::Debug for ServerRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerRequest")
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("soap_action", &self.soap_action)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl std::fmt::Debug for ServerResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl std::fmt::Debug for ServerCall<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerCall")
            .field("operation", &self.operation().map(|op| op.name))
            .field("version", &self.version())
            .finish()
    }
}

impl<'r> ServerCall<'r> {
    /// Parses the envelope and selects the operation: by action (`SOAPAction` header or
    /// the `action` content-type parameter) matched against `soap_action` (among several
    /// operations sharing it, the one whose request form matches the body), else by the body:
    /// its first element against each operation's [`BodyForm::first_element`] (tolerant
    /// namespace match), an empty body selecting the first operation whose request has no
    /// parts.
    ///
    /// Errors are ready-to-send fault responses (in the envelope's version, or the version
    /// guessed from the content type when the envelope cannot be parsed). The body is checked
    /// against the default [`XmlLimits`] before parsing; an `Envelope` of an unknown SOAP
    /// version gets a `VersionMismatch` fault with an `Upgrade` header. A SOAP 1.2 envelope
    /// with content type `text/xml`, or a SOAP 1.1 envelope with `application/soap+xml`, gets
    /// a `VersionMismatch` fault in the version of the content type; without a content type,
    /// or with another one, the envelope's version is taken as it is.
    pub fn parse(
        request: &'r ServerRequest,
        ops: &'static [&'static OperationInfo],
    ) -> Result<Self, ServerResponse> {
        ServerCall::parse_with_limits(request, ops, &XmlLimits::default())
    }

    /// [`parse`](Self::parse) with explicit limits for the request body.
    pub fn parse_with_limits(
        request: &'r ServerRequest,
        ops: &'static [&'static OperationInfo],
        limits: &XmlLimits,
    ) -> Result<Self, ServerResponse> {
        let guessed = SoapVersion::from_content_type(request.content_type.as_deref());
        let text = std::str::from_utf8(&request.body).map_err(|_| {
            fault_response(
                guessed,
                &Fault::sender("malformed request: body is not UTF-8"),
            )
        })?;
        let envelope =
            EnvelopeReader::open(XmlReader::with_limits(text, limits), Captured::default())
                .map_err(|e| {
                    if e.is_version_mismatch() {
                        version_mismatch_response(guessed, &e)
                    } else {
                        fault_response(guessed, &Fault::sender(format!("malformed request: {e}")))
                    }
                })?;
        let version = envelope.version();
        if let Some(declared) = request
            .content_type
            .as_deref()
            .and_then(SoapVersion::declared_by)
            .filter(|&declared| declared != version)
        {
            return Err(media_type_mismatch_response(declared, version));
        }
        let action = request
            .soap_action
            .as_deref()
            .map(|a| a.trim().trim_matches('"').to_owned())
            .filter(|a| !a.is_empty())
            .or_else(|| {
                request
                    .content_type
                    .as_deref()
                    .and_then(content_type_action)
                    .filter(|a| !a.is_empty())
            })
            .unwrap_or_default();
        let body = envelope.first_body_element();
        let body_matches = |op: &OperationInfo| op.request.matches(body);
        // Several operations may share an action: prefer the one whose body element matches.
        let by_action = || {
            if action.is_empty() {
                return None;
            }
            let mut candidates = (0..ops.len()).filter(|&i| ops[i].soap_action == action);
            let first = candidates.next()?;
            Some(
                std::iter::once(first)
                    .chain(candidates)
                    .find(|&i| body_matches(ops[i]))
                    .unwrap_or(first),
            )
        };
        let by_body = || ops.iter().position(|op| body_matches(op));
        match by_action().or_else(by_body) {
            Some(index) => Ok(ServerCall {
                envelope,
                ops,
                index,
                understood: Vec::new(),
                transport_action: action,
                reply: None,
            }),
            None => {
                let body_name = body.map_or_else(
                    || "(none)".to_owned(),
                    |b| clark_name(&b.namespace, &b.local),
                );
                let fault = Fault::sender(format!(
                    "no such operation: action '{action}', body element '{body_name}'"
                ))
                .with_subcode(QName::new(ADDRESSING_NONE_NS, "ActionNotSupported"));
                Err(fault_response(version, &fault))
            }
        }
    }

    /// Index of the selected operation in `ops`.
    pub fn operation_index(&self) -> usize {
        self.index
    }

    /// The fault response for an operation index the dispatcher does not handle (a routing table
    /// and dispatcher that disagree); generated dispatchers use it as their fallback match arm.
    pub fn no_such_operation(&self) -> ServerResponse {
        let name = self.operation().map_or("(unknown)", |op| op.name);
        let fault = Fault::receiver(format!(
            "operation {name} is not implemented by this dispatcher"
        ))
        .with_subcode(QName::new(ADDRESSING_NONE_NS, "ActionNotSupported"));
        fault_response(self.version(), &fault)
    }

    /// The selected operation.
    pub fn operation(&self) -> Option<&'static OperationInfo> {
        self.ops.get(self.index).copied()
    }

    /// SOAP version of the request (responses use the same).
    pub fn version(&self) -> SoapVersion {
        self.envelope.version()
    }

    /// The fault response to this request (with the WS-Addressing headers of the answer when
    /// the request was addressed).
    pub fn fault_response(&self, fault: &Fault) -> ServerResponse {
        let version = self.version();
        match &self.reply {
            Some(reply) => fault_response_with_headers(version, fault, |w| {
                reply.write_fault(w, version, fault)
            }),
            None => fault_response(version, fault),
        }
    }

    /// Checks the request's WS-Addressing headers against the binding's `addressing`: an
    /// addressed request is answered with the reply headers and goes to the operation its
    /// `wsa:Action` names; the `wsa:` headers count as understood. `Err`: the WS-Addressing
    /// fault to send.
    pub(crate) fn check_addressing(
        &mut self,
        addressing: &Addressing,
    ) -> Result<(), ServerResponse> {
        let version = self.version();
        let reply = check_request(
            self.envelope.sink().header_children(),
            addressing,
            &self.transport_action,
        )
        .map_err(|fault| fault.to_response(version))?;
        for local in [
            "Action",
            "MessageID",
            "To",
            "ReplyTo",
            "FaultTo",
            "From",
            "RelatesTo",
        ] {
            self.understand(WSA_NS, local);
        }
        if let Some(reply) = reply {
            if let Some(index) = self.ops.iter().position(|op| op.name == reply.operation()) {
                self.index = index;
            }
            self.reply = Some(reply);
        }
        Ok(())
    }

    /// Decodes the request, calls `f` and encodes its result: a 200 response with the
    /// operation's `response` body (a `202 Accepted` without body or content type for a
    /// one-way operation, [`BodyForm::None`]), or a fault response: `MustUnderstand` (status
    /// 500) when a child of `Header` marked `mustUnderstand="1"`/`"true"` and targeted at
    /// this node is not one `H` [understands](SoapHeaders::understands); `Sender` fault
    /// "cannot decode request: ..." when decoding fails; the fault `f` returned otherwise.
    ///
    /// Decoding and the call to `f` happen before the returned future is created; the
    /// future holds only `f`'s future, so it is `Send` whenever that is.
    pub fn serve<B, H, RB, RH, F, Fut>(self, f: F) -> impl Future<Output = ServerResponse>
    where
        B: XmlContent,
        H: SoapHeaders,
        RB: XmlContent,
        RH: SoapHeaders,
        F: FnOnce(Message<B, H>) -> Fut,
        Fut: Future<Output = Result<Message<RB, RH>, Fault>>,
    {
        let version = self.version();
        let not_understood = self.not_understood::<H>();
        let reply = self.reply.clone();
        let fault_answer = move |fault: &Fault| match &reply {
            Some(reply) => fault_response_with_headers(version, fault, |w| {
                reply.write_fault(w, version, fault)
            }),
            None => fault_response(version, fault),
        };
        let reply = self.reply.clone();
        let state = match self.operation() {
            None => Err(fault_answer(&Fault::receiver(
                "operation index out of range",
            ))),
            Some(_) if !not_understood.is_empty() => {
                Err(must_understand_response(version, &not_understood))
            }
            Some(op) => match self.decode::<B, H>(op) {
                Ok(message) => Ok((op, f(message))),
                Err(e) => {
                    // Not XML, or over a limit (found while streaming the body): as when
                    // the envelope's start is.
                    let what = match e.kind() {
                        DecodeErrorKind::Malformed | DecodeErrorKind::LimitExceeded => {
                            "malformed request"
                        }
                        _ => "cannot decode request",
                    };
                    Err(fault_answer(&Fault::sender(format!("{what}: {e}"))))
                }
            },
        };
        async move {
            let (op, fut) = match state {
                Ok(pending) => pending,
                Err(response) => return response,
            };
            match fut.await {
                Ok(_) if op.response == BodyForm::None => ServerResponse {
                    status: 202,
                    content_type: String::new(),
                    body: String::new(),
                },
                Ok(message) => ServerResponse {
                    status: 200,
                    content_type: version.content_type(""),
                    body: write_envelope(
                        version,
                        |w| {
                            if let Some(reply) = &reply {
                                reply.write_response(w, version);
                            }
                            message.headers.write_headers(w);
                        },
                        |w| op.response.write(w, version, &message.body),
                    ),
                },
                Err(fault) => fault_answer(&fault),
            }
        }
    }

    /// Copies of the children of `Header` named `{ns}local` read before the body.
    pub fn header_blocks(&self, ns: &str, local: &str) -> Vec<HeaderBlock> {
        self.envelope
            .sink()
            .header_children()
            .iter()
            .filter(|b| b.is(ns, local))
            .cloned()
            .collect()
    }

    /// Marks header blocks named `{ns}local` as processed by this node (by a layer in front
    /// of the service, such as WS-Security): `mustUnderstand` on them no longer faults.
    pub fn understand(&mut self, ns: &'static str, local: &'static str) {
        self.understood.push((ns, local));
    }

    /// The header blocks (children of `Header` only) that must be understood by this node
    /// but that `H` does not understand.
    fn not_understood<H: SoapHeaders>(&self) -> Vec<QName> {
        let understood = |b: &HeaderBlock| {
            H::understands(b.namespace(), b.local_name())
                || self.understood.iter().any(|&(ns, local)| b.is(ns, local))
        };
        self.envelope
            .sink()
            .header_children()
            .iter()
            .filter(|b| b.must_understand && !understood(b))
            .map(|b| b.element.name.clone())
            .collect()
    }

    /// Reads the body and the rest of the envelope, then decodes the headers.
    fn decode<B: XmlContent, H: SoapHeaders>(
        self,
        op: &OperationInfo,
    ) -> Result<Message<B, H>, DecodeError> {
        let mut envelope = self.envelope;
        let body = envelope.read_body(op.request)?;
        let headers = H::read_headers(&envelope.finish()?.into_blocks())?;
        Ok(Message { headers, body })
    }
}

/// In-process transport handing requests straight to a [`SoapService`].
#[derive(Debug, Clone, Default)]
pub struct Loopback<S>(pub S);

impl<S> Loopback<S> {
    /// Wraps `service`.
    pub fn new(service: S) -> Self {
        Loopback(service)
    }
}

impl<S: SoapService> Transport for Loopback<S> {
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        let soap_action = match request.version {
            SoapVersion::Soap11 => Some(request.soap_action),
            SoapVersion::Soap12 => None,
        };
        let server_request = ServerRequest {
            body: request.body.into_bytes(),
            soap_action,
            content_type: Some(request.content_type),
        };
        async move {
            let response = self.0.handle(server_request).await;
            Ok(TransportResponse {
                status: response.status,
                content_type: Some(response.content_type),
                body: response.body.into_bytes(),
            })
        }
    }
}
