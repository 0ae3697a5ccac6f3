//! Client side: transports and the shared call machinery of generated clients.

use std::borrow::Cow;
use std::future::Future;
use std::io::BufRead;
use std::sync::Arc;

use crate::addressing::{Addressing, RequestAddressing};
use crate::envelope::{
    write_envelope, BodyForm, Decoding, EnvelopeReader, Message, OperationInfo, SoapHeaders,
    SoapVersion,
};
use crate::error::DecodeError;
use crate::fault::Fault;
use crate::wsse::UsernameToken;
use crate::xml::{XmlContent, XmlLimits, XmlReader};

/// What a client transport sends.
#[derive(Clone, PartialEq, Eq)]
pub struct TransportRequest {
    /// Endpoint URL.
    pub endpoint: String,
    /// SOAP action (unquoted; SOAP 1.1 transports send it as the `SOAPAction` header,
    /// quoted). For SOAP 1.2 it is already in `content_type`.
    pub soap_action: String,
    /// HTTP `Content-Type`.
    pub content_type: String,
    /// SOAP version of the envelope.
    pub version: SoapVersion,
    /// The envelope.
    pub body: String,
    /// WSDL operation name (for logging / errors).
    pub operation: &'static str,
}

/// What a client transport receives.
#[derive(Clone, PartialEq, Eq)]
pub struct TransportResponse {
    /// HTTP status.
    pub status: u16,
    /// HTTP `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The response body.
    pub body: Vec<u8>,
}

// Bodies carry tickets and tokens: `Debug` shows their size only, and the endpoint without
// credentials, query and fragment.
impl std::fmt::Debug for TransportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportRequest")
            .field("endpoint", &shown_endpoint(&self.endpoint))
            .field("soap_action", &self.soap_action)
            .field("content_type", &self.content_type)
            .field("version", &self.version)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("operation", &self.operation)
            .finish()
    }
}

impl std::fmt::Debug for TransportResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// A transport failure.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// Could not connect (connection refused, DNS failure, TLS handshake failure, connect
    /// timeout): the request was not delivered.
    #[error("connection failed: {0}")]
    Connect(String),
    /// No complete response within the timeout.
    #[error("request timed out")]
    Timeout,
    /// I/O error while sending or receiving.
    #[error("I/O error: {0}")]
    Io(String),
    /// Any other failure.
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// A response body handed to the decoder of [`Transport::send_decoding`].
pub enum ResponseBody<'a> {
    /// The whole body, in memory.
    Complete(&'a [u8]),
    /// The body as it arrives; reading it may block (the decoder runs where blocking is
    /// allowed). Only for a successful (2xx) status.
    Streaming(&'a mut (dyn BufRead + Send)),
}

impl std::fmt::Debug for ResponseBody<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResponseBody::Complete(body) => write!(f, "Complete(<{} bytes>)", body.len()),
            ResponseBody::Streaming(_) => f.write_str("Streaming"),
        }
    }
}

/// Sends SOAP requests (HTTP, in-process, ...).
pub trait Transport: Send + Sync {
    /// Sends one request and returns the raw response.
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send;

    /// Sends one request and runs `decode` on the response: its status and body. Generated
    /// clients call this, so that a transport able to do so can decode a large body while it
    /// arrives instead of holding it whole ([`ResponseBody::Streaming`]; `HttpTransport` does
    /// this for large successful responses). The default buffers the body with
    /// [`send`](Self::send) and hands it over as [`ResponseBody::Complete`].
    fn send_decoding<T, F>(
        &self,
        request: TransportRequest,
        decode: F,
    ) -> impl Future<Output = Result<T, TransportError>> + Send
    where
        T: Send + 'static,
        F: FnOnce(u16, ResponseBody<'_>) -> T + Send + 'static,
    {
        let sent = self.send(request);
        async move {
            let response = sent.await?;
            Ok(decode(
                response.status,
                ResponseBody::Complete(&response.body),
            ))
        }
    }

    /// The URL a request for `endpoint` is actually sent to, as reported by [`ClientError`]:
    /// `endpoint` itself (the default), or the transport's own when it overrides the
    /// request's (as `HttpTransport` built with `HttpTransportBuilder::endpoint` does).
    fn effective_endpoint<'a>(&'a self, endpoint: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(endpoint)
    }
}

/// `Arc<T>` and `&T` send through `T`.
macro_rules! forward_transport {
    ($($pointer:ty),*) => {$(
        impl<T: Transport + ?Sized> Transport for $pointer {
            fn send(
                &self,
                request: TransportRequest,
            ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
                (**self).send(request)
            }

            fn send_decoding<U, F>(
                &self,
                request: TransportRequest,
                decode: F,
            ) -> impl Future<Output = Result<U, TransportError>> + Send
            where
                U: Send + 'static,
                F: FnOnce(u16, ResponseBody<'_>) -> U + Send + 'static,
            {
                (**self).send_decoding(request, decode)
            }

            fn effective_endpoint<'a>(&'a self, endpoint: &'a str) -> Cow<'a, str> {
                (**self).effective_endpoint(endpoint)
            }
        }
    )*};
}

forward_transport!(Arc<T>, &T);

/// A failed call.
///
/// The kinds a caller acts on are distinct variants: [`Connect`](Self::Connect) (the request
/// never reached the service: safe to retry elsewhere or later), [`Timeout`](Self::Timeout)
/// (the outcome is unknown), [`Transport`](Self::Transport) (any other transport failure),
/// [`HttpStatus`](Self::HttpStatus) (an HTTP error without a SOAP fault),
/// [`Fault`](Self::Fault) (the service answered with a SOAP fault) and
/// [`Decode`](Self::Decode) (an answer that is not the expected response). Each `Display`
/// names the operation and the endpoint actually called (the transport's
/// [`effective_endpoint`](Transport::effective_endpoint): with an `HttpTransport` endpoint
/// override, the override, not the client's endpoint).
///
/// Neither `Display` nor `Debug` shows response body text (it may echo secrets):
/// `Debug` prints only the length of [`body_snippet`](Self::body_snippet). Both show the
/// endpoint without the user information of the URL (`http://***@host/...`) and without
/// its query and fragment (they may carry API keys); [`endpoint`](Self::endpoint) returns
/// it whole.
#[derive(thiserror::Error)]
pub enum ClientError {
    /// Could not connect (connection refused, DNS failure, TLS handshake failure, connect
    /// timeout): the request was not delivered.
    #[error("{operation} at {}: {source}", shown_endpoint(.endpoint))]
    Connect {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
        /// The failure (a [`TransportError::Connect`]).
        #[source]
        source: TransportError,
    },
    /// No complete answer within the transport's timeout; the request may have been
    /// processed.
    #[error("{operation} at {}: request timed out", shown_endpoint(.endpoint))]
    Timeout {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
    },
    /// Any other transport failure (I/O error while sending or receiving, invalid URL, ...).
    #[error("{operation} at {}: transport error: {source}", shown_endpoint(.endpoint))]
    Transport {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
        /// The failure.
        #[source]
        source: TransportError,
    },
    /// A non-success HTTP status without a SOAP fault.
    #[error("{operation} at {}: HTTP status {status}", shown_endpoint(.endpoint))]
    HttpStatus {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// The start of the response body (at most 512 characters). May echo request data,
        /// so it is not shown by `Display` or `Debug`; see [`ClientError::body_snippet`].
        body_snippet: String,
    },
    /// The service answered with a SOAP fault (whatever the HTTP status).
    #[error("{operation} at {}: SOAP fault: {fault}", shown_endpoint(.endpoint))]
    Fault {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
        /// The HTTP status the fault came with (usually 500; 400 for a SOAP 1.2 `Sender`
        /// fault).
        status: u16,
        /// The fault (boxed: it is large).
        fault: Box<Fault>,
    },
    /// The response could not be decoded (also a 2xx answer that is not a SOAP envelope).
    #[error("{operation} at {}: cannot decode response: {source}", shown_endpoint(.endpoint))]
    Decode {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
        /// The failure.
        #[source]
        source: DecodeError,
    },
}

impl ClientError {
    /// The SOAP fault, if this is a fault.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            ClientError::Fault { fault, .. } => Some(fault),
            _ => None,
        }
    }

    /// The HTTP status of the answer, if this is an HTTP status error or a SOAP fault.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ClientError::HttpStatus { status, .. } | ClientError::Fault { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// The start of the response body (at most 512 characters), if this is an HTTP status
    /// error. It may contain secrets echoed by the server: log it deliberately, if at all.
    pub fn body_snippet(&self) -> Option<&str> {
        match self {
            ClientError::HttpStatus { body_snippet, .. } => Some(body_snippet),
            _ => None,
        }
    }

    /// Whether this is a [`Timeout`](Self::Timeout).
    pub fn is_timeout(&self) -> bool {
        matches!(self, ClientError::Timeout { .. })
    }

    /// Whether this is a [`Connect`](Self::Connect) failure.
    pub fn is_connect(&self) -> bool {
        matches!(self, ClientError::Connect { .. })
    }

    /// The endpoint URL of the failed call, as the transport called it (see
    /// [`Transport::effective_endpoint`]), unredacted: it may carry credentials.
    pub fn endpoint(&self) -> &str {
        match self {
            ClientError::Connect { endpoint, .. }
            | ClientError::Timeout { endpoint, .. }
            | ClientError::Transport { endpoint, .. }
            | ClientError::HttpStatus { endpoint, .. }
            | ClientError::Fault { endpoint, .. }
            | ClientError::Decode { endpoint, .. } => endpoint,
        }
    }

    /// The WSDL operation name of the failed call.
    pub fn operation(&self) -> &'static str {
        match self {
            ClientError::Connect { operation, .. }
            | ClientError::Timeout { operation, .. }
            | ClientError::Transport { operation, .. }
            | ClientError::HttpStatus { operation, .. }
            | ClientError::Fault { operation, .. }
            | ClientError::Decode { operation, .. } => operation,
        }
    }

    /// The error for a failed [`Transport::send`].
    fn from_transport(endpoint: String, operation: &'static str, source: TransportError) -> Self {
        match source {
            TransportError::Timeout => ClientError::Timeout {
                endpoint,
                operation,
            },
            source @ TransportError::Connect(_) => ClientError::Connect {
                endpoint,
                operation,
                source,
            },
            source => ClientError::Transport {
                endpoint,
                operation,
                source,
            },
        }
    }
}

/// `endpoint` for messages: without the query and fragment (they may carry API keys), and
/// with the user information (`user:password@`) of a URL replaced by `***`.
fn shown_endpoint(endpoint: &str) -> Cow<'_, str> {
    let end = endpoint.find(['?', '#']).unwrap_or(endpoint.len());
    let endpoint = endpoint.get(..end).unwrap_or_default();
    let Some((scheme, rest)) = endpoint.split_once("://") else {
        return endpoint.into();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let user_info = rest.get(..authority_end).and_then(|a| a.rfind('@'));
    match user_info.and_then(|at| rest.get(at + 1..)) {
        Some(after) => format!("{scheme}://***@{after}").into(),
        None => endpoint.into(),
    }
}

impl std::fmt::Debug for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            ClientError::Connect { .. } => "Connect",
            ClientError::Timeout { .. } => "Timeout",
            ClientError::Transport { .. } => "Transport",
            ClientError::HttpStatus { .. } => "HttpStatus",
            ClientError::Fault { .. } => "Fault",
            ClientError::Decode { .. } => "Decode",
        };
        let mut s = f.debug_struct(name);
        s.field("endpoint", &shown_endpoint(self.endpoint()))
            .field("operation", &self.operation());
        match self {
            ClientError::Connect { source, .. } | ClientError::Transport { source, .. } => {
                s.field("source", source);
            }
            ClientError::Timeout { .. } => {}
            ClientError::HttpStatus {
                status,
                body_snippet,
                ..
            } => {
                s.field("status", status).field(
                    "body_snippet",
                    &format_args!("<{} chars>", body_snippet.chars().count()),
                );
            }
            ClientError::Fault { status, fault, .. } => {
                s.field("status", status).field("fault", fault);
            }
            ClientError::Decode { source, .. } => {
                s.field("source", source);
            }
        }
        s.finish()
    }
}

/// Shared client machinery; generated clients hold one.
#[derive(Clone)]
pub struct ClientCore<T> {
    transport: T,
    endpoint: String,
    version: SoapVersion,
    /// WS-Security sent with every request.
    security: Option<Arc<UsernameToken>>,
    /// The binding's WS-Addressing actions (`None`: no addressing headers).
    addressing: Option<&'static Addressing>,
}

// The endpoint may carry credentials or an API key: shown as in errors.
impl<T: std::fmt::Debug> std::fmt::Debug for ClientCore<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCore")
            .field("transport", &self.transport)
            .field("endpoint", &shown_endpoint(&self.endpoint))
            .field("version", &self.version)
            .field("security", &self.security)
            .field("addressing", &self.addressing.is_some())
            .finish()
    }
}

impl<T: Transport> ClientCore<T> {
    /// A client sending to `endpoint` with `version` envelopes.
    pub fn new(transport: T, endpoint: impl Into<String>, version: SoapVersion) -> Self {
        ClientCore {
            transport,
            endpoint: endpoint.into(),
            version,
            security: None,
            addressing: None,
        }
    }

    /// Sends WS-Addressing headers with the actions of `addressing` (`None`: none). Generated
    /// clients of a binding that uses addressing set it from `Binding::ADDRESSING`.
    pub fn with_addressing(mut self, addressing: Option<&'static Addressing>) -> Self {
        self.addressing = addressing;
        self
    }

    /// The binding's WS-Addressing actions the client sends, if any.
    pub fn addressing(&self) -> Option<&'static Addressing> {
        self.addressing
    }

    /// The WS-Security UsernameToken sent with every request (`None`: none).
    pub fn security(&self) -> Option<&UsernameToken> {
        self.security.as_deref()
    }

    /// Sends `token` in a `wsse:Security` header with every request (`None`: none).
    pub fn set_security(&mut self, token: Option<UsernameToken>) {
        self.security = token.map(Arc::new);
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Changes the endpoint URL.
    pub fn set_endpoint(&mut self, endpoint: impl Into<String>) {
        self.endpoint = endpoint.into();
    }

    /// The SOAP version used for requests.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// Changes the SOAP version used for requests.
    pub fn set_version(&mut self, version: SoapVersion) {
        self.version = version;
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Calls `op`: encodes the request (in the body as `op.request` says, headers in
    /// `soap:Header`), sends it, and decodes the response (as `op.response` says).
    ///
    /// For a one-way operation ([`BodyForm::None`] response) any 2xx
    /// answer without a body (`202 Accepted`, as the SOAP HTTP bindings send) gives `RB` and
    /// `RH` decoded from nothing (`()` for `()`); an envelope answer is read as usual.
    ///
    /// A fault body gives [`ClientError::Fault`] whatever the status; another non-2xx status
    /// gives [`ClientError::HttpStatus`]; a 2xx answer that is not the expected response
    /// gives [`ClientError::Decode`]. Transport failures give [`ClientError::Connect`],
    /// [`ClientError::Timeout`] or [`ClientError::Transport`]. Errors carry the transport's
    /// [`effective_endpoint`](Transport::effective_endpoint). Encoding happens before the
    /// future is created, so `B` and `H` need not be `Send`.
    pub fn call<B, H, RB, RH>(
        &self,
        op: &'static OperationInfo,
        request: Message<B, H>,
    ) -> impl Future<Output = Result<Message<RB, RH>, ClientError>> + Send + '_
    where
        B: XmlContent,
        H: SoapHeaders,
        RB: XmlContent + Send + 'static,
        RH: SoapHeaders,
    {
        let version = self.version;
        let endpoint = self
            .transport
            .effective_endpoint(&self.endpoint)
            .into_owned();
        // With addressing, the SOAP action is the request's wsa:Action (SOAP Binding §6.1).
        let addressing = self
            .addressing
            .and_then(|a| a.operation(op.name))
            .map(|actions| RequestAddressing::new(actions.input, &endpoint));
        let soap_action = addressing.as_ref().map_or(op.soap_action, |a| a.action);
        let envelope = encode_request_with(
            version,
            op,
            &request,
            self.security.as_deref(),
            addressing.as_ref(),
        );
        let message_id = addressing.map(|a| a.message_id);
        let transport_request = TransportRequest {
            endpoint: self.endpoint.clone(),
            soap_action: soap_action.to_owned(),
            content_type: version.content_type(soap_action),
            version,
            body: envelope,
            operation: op.name,
        };
        let span = call_span(op, &endpoint, version, transport_request.body.len());
        let started = std::time::Instant::now();
        let call = async move {
            let decode_endpoint = endpoint.clone();
            let decode_span = tracing::Span::current();
            let decoded = self
                .transport
                .send_decoding(transport_request, move |status, body| {
                    decode_span.record("http_status", status);
                    match body {
                        ResponseBody::Complete(bytes) => {
                            decode_span.record("response_bytes", bytes.len());
                            let expected = Expected {
                                op,
                                message_id: message_id.as_deref(),
                            };
                            decode_transport_response(expected, &decode_endpoint, status, bytes)
                        }
                        ResponseBody::Streaming(reader) => {
                            decode_span.record("response_bytes", "streamed");
                            let expected = Expected {
                                op,
                                message_id: message_id.as_deref(),
                            };
                            decode_streamed(expected, &decode_endpoint, status, reader)
                        }
                    }
                })
                .await;
            let result = decoded
                .map_err(|source| ClientError::from_transport(endpoint, op.name, source))
                .and_then(|r| r);
            record_outcome(&tracing::Span::current(), &result, started);
            result
        };
        tracing::Instrument::instrument(call, span)
    }
}

/// The span of one client call: operation, endpoint (without credentials, query and
/// fragment), SOAP version and request size; HTTP status, response size, outcome, fault code
/// and duration are recorded as they become known. Bodies are never recorded.
fn call_span(
    op: &OperationInfo,
    endpoint: &str,
    version: SoapVersion,
    request_bytes: usize,
) -> tracing::Span {
    tracing::info_span!(
        "soap.call",
        operation = op.name,
        endpoint = %shown_endpoint(endpoint),
        soap_version = version.label(),
        request_bytes,
        http_status = tracing::field::Empty,
        response_bytes = tracing::field::Empty,
        outcome = tracing::field::Empty,
        fault_code = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    )
}

/// Records how a call ended on its span, and logs it (a debug event for a success, info for a
/// fault, warn for any other failure).
fn record_outcome<T>(
    span: &tracing::Span,
    result: &Result<T, ClientError>,
    started: std::time::Instant,
) {
    let outcome = match result {
        Ok(_) => "ok",
        Err(ClientError::Fault { fault, .. }) => {
            span.record("fault_code", tracing::field::display(&fault.code));
            "fault"
        }
        Err(ClientError::Connect { .. }) => "connect_error",
        Err(ClientError::Timeout { .. }) => "timeout",
        Err(ClientError::HttpStatus { .. }) => "http_status",
        Err(ClientError::Decode { .. }) => "decode_error",
        Err(ClientError::Transport { .. }) => "transport_error",
    };
    span.record("outcome", outcome);
    span.record("duration_ms", started.elapsed().as_secs_f64() * 1e3);
    match result {
        Ok(_) => tracing::debug!(outcome, "SOAP call finished"),
        Err(ClientError::Fault { .. }) => {
            tracing::info!(outcome, "SOAP call answered with a fault")
        }
        Err(e) => tracing::warn!(outcome, error = %e, "SOAP call failed"),
    }
}

/// The request envelope of `op` exactly as [`ClientCore::call`] sends it (headers in
/// `soap:Header`, the body as `op.request` says).
pub fn encode_request<B: XmlContent, H: SoapHeaders>(
    version: SoapVersion,
    op: &OperationInfo,
    request: &Message<B, H>,
) -> String {
    encode_request_with(version, op, request, None, None)
}

/// [`encode_request`] with WS-Addressing headers before the message's own headers and a
/// WS-Security header after them.
fn encode_request_with<B: XmlContent, H: SoapHeaders>(
    version: SoapVersion,
    op: &OperationInfo,
    request: &Message<B, H>,
    security: Option<&UsernameToken>,
    addressing: Option<&RequestAddressing>,
) -> String {
    write_envelope(
        version,
        |w| {
            if let Some(addressing) = addressing {
                addressing.write(w, version);
            }
            request.headers.write_headers(w);
            if let Some(token) = security {
                token.write(w, version);
            }
        },
        |w| op.request.write(w, version, &request.body),
    )
}

/// Decodes a response envelope of `op` as [`ClientCore::call`] does for an HTTP 200 answer:
/// the typed response, or [`ClientError::Fault`] / [`ClientError::Decode`] (with an empty
/// endpoint).
pub fn decode_response<RB: XmlContent, RH: SoapHeaders>(
    op: &'static OperationInfo,
    body: &[u8],
) -> Result<Message<RB, RH>, ClientError> {
    decode_transport_response(
        Expected {
            op,
            message_id: None,
        },
        "",
        200,
        body,
    )
}

/// What a response answers: the operation, and the `wsa:MessageID` of an addressed request
/// (the reply's `wsa:RelatesTo` must name it).
#[derive(Clone, Copy)]
struct Expected<'a> {
    op: &'static OperationInfo,
    message_id: Option<&'a str>,
}

/// Turns a transport response into the typed response or a [`ClientError`].
fn decode_transport_response<RB: XmlContent, RH: SoapHeaders>(
    expected: Expected<'_>,
    endpoint: &str,
    status: u16,
    body: &[u8],
) -> Result<Message<RB, RH>, ClientError> {
    let op = expected.op;
    let success = (200..300).contains(&status);
    let decode_error = |source: DecodeError| ClientError::Decode {
        endpoint: endpoint.to_owned(),
        operation: op.name,
        source,
    };
    let status_error = || ClientError::HttpStatus {
        endpoint: endpoint.to_owned(),
        operation: op.name,
        status,
        body_snippet: String::from_utf8_lossy(body).chars().take(512).collect(),
    };
    if success && op.response == BodyForm::None && body.iter().all(u8::is_ascii_whitespace) {
        return nothing().map_err(decode_error);
    }
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(_) if success => return Err(decode_error(DecodeError::new("response is not UTF-8"))),
        Err(_) => return Err(status_error()),
    };
    match read_response(
        expected,
        XmlReader::with_limits(text, &XmlLimits::default()),
    ) {
        Ok(Ok(message)) if success => Ok(message),
        Ok(Ok(_)) => Err(status_error()),
        Ok(Err(fault)) => Err(ClientError::Fault {
            endpoint: endpoint.to_owned(),
            operation: op.name,
            status,
            fault: Box::new(fault),
        }),
        Err(e) if success => Err(decode_error(e)),
        Err(_) => Err(status_error()),
    }
}

/// Decodes a successful response body of `op` as it arrives (see
/// [`decode_transport_response`], which this matches for a 2xx status).
fn decode_streamed<RB: XmlContent, RH: SoapHeaders>(
    expected: Expected<'_>,
    endpoint: &str,
    status: u16,
    body: &mut (dyn BufRead + Send),
) -> Result<Message<RB, RH>, ClientError> {
    let op = expected.op;
    if op.response == BodyForm::None {
        // A one-way answer may have no body at all: it is small, read it whole.
        let mut bytes = Vec::new();
        if let Err(e) = body.read_to_end(&mut bytes) {
            return Err(ClientError::Decode {
                endpoint: endpoint.to_owned(),
                operation: op.name,
                source: DecodeError::new(format!("cannot read the response: {e}")),
            });
        }
        return decode_transport_response(expected, endpoint, status, &bytes);
    }
    match read_response(
        expected,
        XmlReader::from_buf_read(body, &XmlLimits::default()),
    ) {
        Ok(Ok(message)) => Ok(message),
        Ok(Err(fault)) => Err(ClientError::Fault {
            endpoint: endpoint.to_owned(),
            operation: op.name,
            status,
            fault: Box::new(fault),
        }),
        Err(source) => Err(ClientError::Decode {
            endpoint: endpoint.to_owned(),
            operation: op.name,
            source,
        }),
    }
}

/// Reads a response envelope of `op` from `r` in one pass: the typed message, or the fault
/// its body holds.
fn read_response<RB: XmlContent, RH: SoapHeaders>(
    expected: Expected<'_>,
    r: XmlReader<'_>,
) -> Result<Result<Message<RB, RH>, Fault>, DecodeError> {
    // The header blocks are decoded as they are read: `RH` is known before the first byte.
    let sink = Decoding::<RH>::new(expected.message_id.is_some());
    let mut envelope = EnvelopeReader::open(r, sink)?;
    let check = |sink: &Decoding<RH>| match expected.message_id {
        Some(id) => sink.reply_headers().map_or(Ok(()), |reply| reply.check(id)),
        None => Ok(()),
    };
    if envelope.is_fault() {
        let fault = envelope.read_fault()?;
        check(&envelope.finish()?)?;
        return Ok(Err(fault));
    }
    let body = envelope.read_body(expected.op.response)?;
    let sink = envelope.finish()?;
    check(&sink)?;
    let headers = sink.finish()?;
    Ok(Ok(Message { headers, body }))
}

/// Decodes a response envelope of `op` from `source` as it is read (a stream: a body arriving
/// over the network, a file), with `limits`: the typed message, `Ok(Err(fault))` for a fault
/// response, or the decoding error. The input is never held whole: memory stays that of the
/// decoded values plus one event.
pub fn decode_response_from<RB: XmlContent, RH: SoapHeaders>(
    op: &'static OperationInfo,
    source: impl std::io::BufRead + Send,
    limits: &XmlLimits,
) -> Result<Result<Message<RB, RH>, Fault>, DecodeError> {
    read_response(
        Expected {
            op,
            message_id: None,
        },
        XmlReader::from_buf_read(source, limits),
    )
}

/// The answer of a one-way operation that came without a body: headers and body decoded from
/// an empty element.
fn nothing<RB: XmlContent, RH: SoapHeaders>() -> Result<Message<RB, RH>, DecodeError> {
    Ok(Message {
        headers: RH::finish_blocks(RH::EMPTY_HEADERS)?,
        body: crate::envelope::read_empty()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_credentials_hidden() {
        let shown = |e| shown_endpoint(e).into_owned();
        assert_eq!(shown("https://u:pw@h:1/p@x?q=1"), "https://***@h:1/p@x");
        assert_eq!(shown("http://h/p?u=a@b"), "http://h/p");
        assert_eq!(shown("http://h/p#key=secret"), "http://h/p");
        assert_eq!(shown("https://u:pw@h?apikey=secret"), "https://***@h");
        assert_eq!(shown("http://h:8080/svc"), "http://h:8080/svc");
        assert_eq!(shown("no scheme@x"), "no scheme@x");
        assert_eq!(shown("no scheme?key=secret"), "no scheme");
        let err = ClientError::from_transport(
            "http://me:secret@h/svc?apikey=secret2#secret3".into(),
            "Op",
            TransportError::Io("reset".into()),
        );
        assert_eq!(
            err.to_string(),
            "Op at http://***@h/svc: transport error: I/O error: reset"
        );
        assert!(!format!("{err:?}").contains("secret"));
        assert_eq!(
            err.endpoint(),
            "http://me:secret@h/svc?apikey=secret2#secret3"
        );
        let core = ClientCore {
            transport: (),
            endpoint: "https://u:pw@h/s?key=secret".into(),
            version: SoapVersion::Soap11,
            security: Some(Arc::new(UsernameToken::text("u", "secret"))),
            addressing: None,
        };
        assert!(!format!("{core:?}").contains("secret"), "{core:?}");
        let request = TransportRequest {
            endpoint: "https://h/s?key=secret".into(),
            soap_action: String::new(),
            content_type: String::new(),
            version: SoapVersion::Soap11,
            body: String::new(),
            operation: "Op",
        };
        assert!(!format!("{request:?}").contains("secret"), "{request:?}");
        assert!(matches!(err, ClientError::Transport { .. }));
        let err =
            ClientError::from_transport("e".into(), "Op", TransportError::Connect("x".into()));
        assert!(err.is_connect() && !err.is_timeout());
        assert_eq!(err.to_string(), "Op at e: connection failed: x");
    }
}
