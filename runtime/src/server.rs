//! Server side: request dispatch helpers and the in-process [`Loopback`] transport.

use std::future::Future;

use crate::client::{Transport, TransportError, TransportRequest, TransportResponse};
use crate::envelope::{
    content_type_action, node_name, write_envelope, Envelope, Message, OperationInfo, SoapHeaders,
    SoapVersion,
};
use crate::error::{clark_name, DecodeError};
use crate::fault::{Fault, FaultCode};
use crate::types::QName;
use crate::xml::XmlContent;

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
    let status = match (version, &fault.code) {
        (SoapVersion::Soap12, FaultCode::Sender) => 400,
        _ => 500,
    };
    ServerResponse {
        status,
        content_type: version.content_type(""),
        body: fault.to_envelope(version),
    }
}

/// One parsed request being dispatched.
pub struct ServerCall<'r> {
    envelope: Envelope<'r>,
    ops: &'static [&'static OperationInfo],
    index: usize,
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
    /// the `action` content-type parameter) matched against `soap_action`, else by the body
    /// element name (tolerant namespace match).
    ///
    /// Errors are ready-to-send fault responses (in the envelope's version, or the version
    /// guessed from the content type when the envelope cannot be parsed).
    pub fn parse(
        request: &'r ServerRequest,
        ops: &'static [&'static OperationInfo],
    ) -> Result<Self, ServerResponse> {
        let guessed = SoapVersion::from_content_type(request.content_type.as_deref());
        let text = std::str::from_utf8(&request.body).map_err(|_| {
            fault_response(
                guessed,
                &Fault::sender("malformed request: body is not UTF-8"),
            )
        })?;
        let envelope = Envelope::parse(text).map_err(|e| {
            fault_response(guessed, &Fault::sender(format!("malformed request: {e}")))
        })?;
        let version = envelope.version();
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
        let body = envelope.body_element();
        let body_matches =
            |op: &OperationInfo| body.is_some_and(|b| b.is(op.request.0, op.request.1));
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
            }),
            None => {
                let body_name = body.map_or_else(|| "(none)".to_owned(), |b| node_name(&b));
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

    /// The parsed envelope.
    pub fn envelope(&self) -> &Envelope<'r> {
        &self.envelope
    }

    /// Decodes the request, calls `f` and encodes its result: a 200 response with body
    /// element `response` of the operation, or a fault response (`Sender` fault
    /// "cannot decode request: ..." when decoding fails; the fault `f` returned otherwise).
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
        let state = match (self.operation(), self.decode::<B, H>()) {
            (Some(op), Ok(message)) => Ok((op, f(message))),
            (None, _) => Err(fault_response(
                version,
                &Fault::receiver("operation index out of range"),
            )),
            (_, Err(e)) => Err(fault_response(
                version,
                &Fault::sender(format!("cannot decode request: {e}")),
            )),
        };
        async move {
            let (op, fut) = match state {
                Ok(pending) => pending,
                Err(response) => return response,
            };
            match fut.await {
                Ok(message) => ServerResponse {
                    status: 200,
                    content_type: version.content_type(""),
                    body: write_envelope(
                        version,
                        |w| message.headers.write_headers(w),
                        |w| w.element(op.response.0, op.response.1, &message.body),
                    ),
                },
                Err(fault) => fault_response(version, &fault),
            }
        }
    }

    fn decode<B: XmlContent, H: SoapHeaders>(&self) -> Result<Message<B, H>, DecodeError> {
        let op = self
            .operation()
            .ok_or_else(|| DecodeError::new("operation index out of range"))?;
        let (ns, local) = op.request;
        let body = self.envelope.body_element().ok_or_else(|| {
            DecodeError::new(format!(
                "empty SOAP Body, expected {}",
                clark_name(ns, local)
            ))
        })?;
        if !body.is(ns, local) {
            return Err(DecodeError::new(format!(
                "unexpected body element, expected {}",
                clark_name(ns, local)
            ))
            .at(&body));
        }
        let headers = H::read_headers(&self.envelope.header_nodes())?;
        let body = B::read_content(&body)?;
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
