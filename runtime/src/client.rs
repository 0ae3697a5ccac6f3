//! Client side: transports and the shared call machinery of generated clients.

use std::future::Future;
use std::sync::Arc;

use crate::envelope::{
    node_name, write_envelope, Envelope, Message, OperationInfo, SoapHeaders, SoapVersion,
};
use crate::error::{clark_name, DecodeError};
use crate::fault::Fault;
use crate::xml::XmlContent;

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

// Bodies carry tickets and tokens: `Debug` shows their size only.
impl std::fmt::Debug for TransportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportRequest")
            .field("endpoint", &self.endpoint)
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
    /// Could not connect.
    #[error("connection failed: {0}")]
    Connect(String),
    /// The request timed out.
    #[error("request timed out")]
    Timeout,
    /// I/O error while sending or receiving.
    #[error("I/O error: {0}")]
    Io(String),
    /// Any other failure.
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// Sends SOAP requests (HTTP, in-process, ...).
pub trait Transport: Send + Sync {
    /// Sends one request and returns the raw response.
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send;
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        (**self).send(request)
    }
}

/// A failed call.
///
/// Neither `Display` nor `Debug` shows response body text (it may echo secrets):
/// `Debug` prints only the length of [`body_snippet`](Self::body_snippet).
#[derive(thiserror::Error)]
pub enum ClientError {
    /// The transport failed.
    #[error("{operation} at {endpoint}: transport error: {source}")]
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
    #[error("{operation} at {endpoint}: HTTP status {status}")]
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
    /// The service answered with a SOAP fault.
    #[error("{operation} at {endpoint}: SOAP fault: {fault}")]
    Fault {
        /// Endpoint URL.
        endpoint: String,
        /// WSDL operation name.
        operation: &'static str,
        /// The fault (boxed: it is large).
        fault: Box<Fault>,
    },
    /// The response could not be decoded.
    #[error("{operation} at {endpoint}: cannot decode response: {source}")]
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

    /// The HTTP status, if this is an HTTP status error.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ClientError::HttpStatus { status, .. } => Some(*status),
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
}

impl std::fmt::Debug for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Transport {
                endpoint,
                operation,
                source,
            } => f
                .debug_struct("Transport")
                .field("endpoint", endpoint)
                .field("operation", operation)
                .field("source", source)
                .finish(),
            ClientError::HttpStatus {
                endpoint,
                operation,
                status,
                body_snippet,
            } => f
                .debug_struct("HttpStatus")
                .field("endpoint", endpoint)
                .field("operation", operation)
                .field("status", status)
                .field(
                    "body_snippet",
                    &format_args!("<{} chars>", body_snippet.chars().count()),
                )
                .finish(),
            ClientError::Fault {
                endpoint,
                operation,
                fault,
            } => f
                .debug_struct("Fault")
                .field("endpoint", endpoint)
                .field("operation", operation)
                .field("fault", fault)
                .finish(),
            ClientError::Decode {
                endpoint,
                operation,
                source,
            } => f
                .debug_struct("Decode")
                .field("endpoint", endpoint)
                .field("operation", operation)
                .field("source", source)
                .finish(),
        }
    }
}

/// Shared client machinery; generated clients hold one.
#[derive(Debug, Clone)]
pub struct ClientCore<T> {
    transport: T,
    endpoint: String,
    version: SoapVersion,
}

impl<T: Transport> ClientCore<T> {
    /// A client sending to `endpoint` with `version` envelopes.
    pub fn new(transport: T, endpoint: impl Into<String>, version: SoapVersion) -> Self {
        ClientCore {
            transport,
            endpoint: endpoint.into(),
            version,
        }
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

    /// Calls `op`: encodes the request (body element `op.request`, headers in `soap:Header`),
    /// sends it, and decodes the response (body element `op.response`).
    ///
    /// A fault body gives [`ClientError::Fault`] whatever the status; another non-2xx status
    /// gives [`ClientError::HttpStatus`]. Encoding happens before the future is created, so
    /// `B` and `H` need not be `Send`.
    pub fn call<B, H, RB, RH>(
        &self,
        op: &'static OperationInfo,
        request: Message<B, H>,
    ) -> impl Future<Output = Result<Message<RB, RH>, ClientError>> + Send + '_
    where
        B: XmlContent,
        H: SoapHeaders,
        RB: XmlContent + Send,
        RH: SoapHeaders,
    {
        let version = self.version;
        let envelope = write_envelope(
            version,
            |w| request.headers.write_headers(w),
            |w| w.element(op.request.0, op.request.1, &request.body),
        );
        let transport_request = TransportRequest {
            endpoint: self.endpoint.clone(),
            soap_action: op.soap_action.to_owned(),
            content_type: version.content_type(op.soap_action),
            version,
            body: envelope,
            operation: op.name,
        };
        async move {
            let response = self
                .transport
                .send(transport_request)
                .await
                .map_err(|source| ClientError::Transport {
                    endpoint: self.endpoint.clone(),
                    operation: op.name,
                    source,
                })?;
            decode_response(op, &self.endpoint, &response)
        }
    }
}

/// Turns a transport response into the typed response or a [`ClientError`].
fn decode_response<RB: XmlContent, RH: SoapHeaders>(
    op: &'static OperationInfo,
    endpoint: &str,
    response: &TransportResponse,
) -> Result<Message<RB, RH>, ClientError> {
    let success = (200..300).contains(&response.status);
    let decode_error = |source: DecodeError| ClientError::Decode {
        endpoint: endpoint.to_owned(),
        operation: op.name,
        source,
    };
    let status_error = || ClientError::HttpStatus {
        endpoint: endpoint.to_owned(),
        operation: op.name,
        status: response.status,
        body_snippet: String::from_utf8_lossy(&response.body)
            .chars()
            .take(512)
            .collect(),
    };
    let text = match std::str::from_utf8(&response.body) {
        Ok(text) => text,
        Err(_) if success => return Err(decode_error(DecodeError::new("response is not UTF-8"))),
        Err(_) => return Err(status_error()),
    };
    let envelope = match Envelope::parse(text) {
        Ok(envelope) => envelope,
        Err(e) if success => return Err(decode_error(e)),
        Err(_) => return Err(status_error()),
    };
    match envelope.fault() {
        Some(Ok(fault)) => {
            return Err(ClientError::Fault {
                endpoint: endpoint.to_owned(),
                operation: op.name,
                fault: Box::new(fault),
            })
        }
        Some(Err(e)) => return Err(decode_error(e)),
        None if !success => return Err(status_error()),
        None => {}
    }
    let (ns, local) = op.response;
    let body = envelope.body_element().ok_or_else(|| {
        decode_error(DecodeError::new(format!(
            "empty SOAP Body, expected {}",
            clark_name(ns, local)
        )))
    })?;
    if !body.is(ns, local) {
        return Err(decode_error(DecodeError::new(format!(
            "unexpected response body element {}, expected {}",
            node_name(&body),
            clark_name(ns, local)
        ))));
    }
    let headers = RH::read_headers(&envelope.header_nodes()).map_err(decode_error)?;
    let body = RB::read_content(&body).map_err(decode_error)?;
    Ok(Message { headers, body })
}
