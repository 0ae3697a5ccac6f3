//! [`SoapHttpServer`]: a [`SoapService`] over HTTP, as an axum `Router` or a tower `Service`
//! (feature `http-server`), and [`serve`] to run one on a TCP listener.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use http::header::{
    HeaderName, HeaderValue, ALLOW, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER,
};
use http::request::Parts;
use http::{Method, Request, Response, StatusCode, Version};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::sync::Semaphore;

use super::wsdl::{request_url, wants_wsdl, Wsdl};
use crate::envelope::SoapVersion;
use crate::fault::Fault;
use crate::server::{fault_response, ServerRequest, ServerResponse, SoapService};

/// Default cap on a request body: 4 MiB.
pub const DEFAULT_MAX_BODY_SIZE: usize = 4 * 1024 * 1024;
/// Default [`read_timeout`](SoapHttpServer::read_timeout): 30 s.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Default [`max_concurrent_requests`](SoapHttpServer::max_concurrent_requests): 256.
pub const DEFAULT_MAX_CONCURRENT_REQUESTS: usize = 256;

const ALLOWED: &str = "POST, GET, HEAD";
const ACCEPTED: &str = "text/xml, application/soap+xml";
/// `Accept-Post` (W3C LDP, IANA-registered): the media types a `POST` may carry, the
/// response-header counterpart of `Accept` for a 415 answer to a `POST`.
const ACCEPT_POST: HeaderName = HeaderName::from_static("accept-post");

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Serves a [`SoapService`] over HTTP on every path.
///
/// - `POST` with `Content-Type: text/xml` (SOAP 1.1; the action is the `SOAPAction` header,
///   quotes stripped) or `application/soap+xml` (SOAP 1.2; the action is the content type's
///   `action` parameter): the body is handed to [`SoapService::handle`] and its answer sent
///   back (status, content type, body). Another or no content type: 415 with
///   `Accept-Post: text/xml, application/soap+xml`. (Dispatchers built on
///   [`ServerCall`](crate::__private::ServerCall) answer an envelope whose version does not
///   match the media type with a `VersionMismatch` fault.)
/// - A body larger than [`max_body_size`](Self::max_body_size) (4 MiB by default): 413 with a
///   SOAP `Sender` fault in the version of the content type. At most that many bytes are
///   ever read into memory; a larger `Content-Length` is refused before reading.
/// - A body not received completely within [`read_timeout`](Self::read_timeout) (30 s by
///   default): 408 with a SOAP `Sender` fault in the version of the content type (and
///   `Connection: close` over HTTP/1).
/// - `GET` or `HEAD` with a `wsdl` query parameter (any case, with or without value): the
///   WSDL given to [`with_wsdl`](Self::with_wsdl) (`HEAD`: its headers only), `location` of
///   every `soap:address` / `soap12:address` rewritten to [`public_url`](Self::public_url)
///   or, without one, to the URL the request came to (see [`public_url`](Self::public_url));
///   404 when there is none. `GET` or `HEAD` without `?wsdl`: 404 with a short text.
/// - Any other method (`OPTIONS` included): 405 with `Allow: POST, GET, HEAD`.
/// - At most [`max_concurrent_requests`](Self::max_concurrent_requests) requests (256 by
///   default) are processed at once, by this server and all its clones together; a request
///   beyond that waits up to [`read_timeout`](Self::read_timeout) for a slot, then gets 503
///   with `Retry-After: 1`. A slot is held from before the body is read until the response
///   is handed to HTTP, so at most that many bodies of up to `max_body_size` are in memory.
///
/// The body timeout and the concurrency limit need tokio's time driver (on with
/// `#[tokio::main]`). The request-head timeout is [`serve`]'s: mounted in another server,
/// configure that server's.
///
/// Nothing is logged; request and response bodies are handed only to the service and the
/// client.
pub struct SoapHttpServer<S> {
    service: Arc<S>,
    wsdl: Option<Arc<Wsdl>>,
    public_url: Option<Arc<str>>,
    trust_forwarded: bool,
    max_body_size: usize,
    read_timeout: Duration,
    max_concurrent: usize,
    slots: Arc<Semaphore>,
}

impl<S> Clone for SoapHttpServer<S> {
    fn clone(&self) -> Self {
        SoapHttpServer {
            service: Arc::clone(&self.service),
            wsdl: self.wsdl.clone(),
            public_url: self.public_url.clone(),
            trust_forwarded: self.trust_forwarded,
            max_body_size: self.max_body_size,
            read_timeout: self.read_timeout,
            max_concurrent: self.max_concurrent,
            slots: Arc::clone(&self.slots),
        }
    }
}

impl<S> fmt::Debug for SoapHttpServer<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapHttpServer")
            .field("wsdl", &self.wsdl.as_ref().map(|w| w.text.len()))
            .field("public_url", &self.public_url)
            .field("trust_forwarded_headers", &self.trust_forwarded)
            .field("max_body_size", &self.max_body_size)
            .field("read_timeout", &self.read_timeout)
            .field("max_concurrent_requests", &self.max_concurrent)
            .finish_non_exhaustive()
    }
}

impl<S: SoapService> SoapHttpServer<S> {
    /// Serves `service`, without a WSDL, with the default limits.
    pub fn new(service: S) -> Self {
        SoapHttpServer {
            service: Arc::new(service),
            wsdl: None,
            public_url: None,
            trust_forwarded: false,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            read_timeout: DEFAULT_READ_TIMEOUT,
            max_concurrent: DEFAULT_MAX_CONCURRENT_REQUESTS,
            slots: Arc::new(Semaphore::new(DEFAULT_MAX_CONCURRENT_REQUESTS)),
        }
    }

    /// Serves `wsdl` for `GET ?wsdl`. A WSDL that is not well-formed XML is served as it is,
    /// without rewriting addresses.
    pub fn with_wsdl(mut self, wsdl: impl Into<Arc<str>>) -> Self {
        self.wsdl = Some(Arc::new(Wsdl::new(wsdl.into())));
        self
    }

    /// The URL written into every `soap:address` / `soap12:address` of the published WSDL,
    /// exactly as given (for a service behind a proxy or load balancer).
    ///
    /// Without one, the address is the URL the request came to: the scheme is `https` when
    /// [`trust_forwarded_headers`](Self::trust_forwarded_headers) is on and
    /// `X-Forwarded-Proto` says so, else the request URI's scheme when it has one, else
    /// `http`; the host is the request URI's authority in absolute form (and HTTP/2's
    /// `:authority`), else the `Host` header; then the request path. Both come from the
    /// client: set this when clients must not be able to choose the address they are shown.
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into().into());
        self
    }

    /// Whether to believe `X-Forwarded-Proto` for the WSDL address (default `false`): turn
    /// on only behind a proxy that sets it. Ignored with a [`public_url`](Self::public_url).
    pub fn trust_forwarded_headers(mut self, trust: bool) -> Self {
        self.trust_forwarded = trust;
        self
    }

    /// Largest request body accepted (default 4 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// Time allowed for receiving a request (default 30 s), counted separately for:
    ///
    /// - the request head, by [`serve`] over HTTP/1 (also the wait for the next request on
    ///   an idle kept-alive connection, and for the first bytes of a connection): the
    ///   connection is closed without an answer;
    /// - the whole body (every server): 408 Request Timeout;
    /// - the wait for a processing slot (see
    ///   [`max_concurrent_requests`](Self::max_concurrent_requests)): 503.
    ///
    /// A body of [`max_body_size`](Self::max_body_size) must therefore arrive at
    /// `max_body_size / read_timeout` bytes per second at least (140 KB/s by default).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Most requests processed at once by this server and its clones (default 256; 0 counts
    /// as 1). Requests beyond that wait up to [`read_timeout`](Self::read_timeout) for a
    /// slot, then get 503 Service Unavailable with `Retry-After: 1`.
    pub fn max_concurrent_requests(mut self, n: usize) -> Self {
        let n = n.clamp(1, Semaphore::MAX_PERMITS);
        self.max_concurrent = n;
        self.slots = Arc::new(Semaphore::new(n));
        self
    }

    /// An axum router handing every path and method to this server.
    pub fn into_router(self) -> axum::Router {
        axum::Router::new().fallback_service(self)
    }

    pub(super) fn configured_read_timeout(&self) -> Duration {
        self.read_timeout
    }

    /// Answers one HTTP request, once a processing slot is free.
    async fn respond<B>(self, request: Request<B>) -> Response<Body>
    where
        B: HttpBody<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let slot = tokio::time::timeout(self.read_timeout, Arc::clone(&self.slots).acquire_owned());
        let Ok(Ok(_slot)) = slot.await else {
            let mut response = plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "server busy: too many requests in progress\n",
            );
            let retry = HeaderValue::from_static("1");
            response.headers_mut().insert(RETRY_AFTER, retry);
            return response;
        };
        let (parts, body) = request.into_parts();
        match parts.method {
            Method::POST => self.post(&parts, body).await,
            Method::GET => self.get(&parts),
            Method::HEAD => head_only(self.get(&parts)),
            _ => {
                let mut response = plain(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "method not allowed: POST a SOAP request or GET ?wsdl\n",
                );
                let allowed = HeaderValue::from_static(ALLOWED);
                response.headers_mut().insert(ALLOW, allowed);
                response
            }
        }
    }

    async fn post<B>(&self, parts: &Parts, body: B) -> Response<Body>
    where
        B: HttpBody<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let content_type = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        let Some(version) = content_type.and_then(SoapVersion::declared_by) else {
            let mut response = plain(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported media type: SOAP 1.1 requests are text/xml, \
                 SOAP 1.2 requests application/soap+xml\n",
            );
            let accepted = HeaderValue::from_static(ACCEPTED);
            response.headers_mut().insert(ACCEPT_POST, accepted);
            return response;
        };
        let max = self.max_body_size;
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > max as u64) {
            return too_large(version, max);
        }
        let collect = Limited::new(body, max).collect();
        let body = match tokio::time::timeout(self.read_timeout, collect).await {
            Ok(Ok(collected)) => collected.to_bytes(),
            Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
                return too_large(version, max)
            }
            Ok(Err(_)) => return plain(StatusCode::BAD_REQUEST, "cannot read the request body\n"),
            Err(_elapsed) => return timed_out(version, parts.version),
        };
        let soap_action = match version {
            SoapVersion::Soap11 => parts
                .headers
                .get("soapaction")
                .and_then(|v| v.to_str().ok())
                .map(|a| a.trim().trim_matches('"').to_owned()),
            SoapVersion::Soap12 => None,
        };
        let request = ServerRequest {
            body: Vec::from(body),
            soap_action,
            content_type: content_type.map(str::to_owned),
        };
        soap_response(self.service.handle(request).await)
    }

    /// The answer to `GET`: the WSDL for `?wsdl`, else 404.
    fn get(&self, parts: &Parts) -> Response<Body> {
        if !wants_wsdl(parts.uri.query()) {
            return plain(
                StatusCode::NOT_FOUND,
                "not found: POST SOAP requests here, or GET ?wsdl for the WSDL\n",
            );
        }
        let Some(wsdl) = &self.wsdl else {
            return plain(StatusCode::NOT_FOUND, "no WSDL is published here\n");
        };
        let computed;
        let url = match self.public_url.as_deref() {
            Some(url) => Some(url),
            None => {
                computed = request_url(parts, self.trust_forwarded);
                computed.as_deref()
            }
        };
        let mut response = Response::new(Body::from(wsdl.render(url)));
        let xml = HeaderValue::from_static("text/xml; charset=utf-8");
        response.headers_mut().insert(CONTENT_TYPE, xml);
        response
    }
}

impl<S, B> tower::Service<Request<B>> for SoapHttpServer<S>
where
    S: SoapService,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let server = self.clone();
        Box::pin(async move { Ok(server.respond(request).await) })
    }
}

/// Serves `server` on `listener` (HTTP/1.1, and h2c with prior knowledge with feature
/// `http2`), each connection on its own tokio task, until the future is dropped (no graceful
/// shutdown).
///
/// Unlike `axum::serve`, connections are run by hyper-util with a timer: a request head
/// (HTTP/1) must arrive within the server's [`read_timeout`](SoapHttpServer::read_timeout),
/// else the connection is closed (so are idle kept-alive connections after that time).
/// HTTP/2 connections have no head timeout (each body still has one). Failed accepts are
/// retried, after a second for errors other than a connection reset before it was accepted
/// (as when out of file descriptors); the future does not return in practice.
pub async fn serve<S: SoapService>(
    listener: tokio::net::TcpListener,
    server: SoapHttpServer<S>,
) -> std::io::Result<()> {
    let timeout = server.configured_read_timeout();
    super::conn::accept_loop(listener, server, timeout).await
}

/// [`serve`] with `server` wrapped in a tower `layer` (a `ServiceBuilder` stack, or
/// tower-http's `TraceLayer` for request logging, `CorsLayer`, `CompressionLayer`, ...): each
/// HTTP request goes through the layers before it reaches the SOAP server. The server's read
/// timeout still bounds the wait for a request head.
///
/// ```no_run
/// # async fn run<S: soap_runtime::SoapService>(server: soap_runtime::SoapHttpServer<S>) -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8088").await?;
/// let layers = tower::ServiceBuilder::new().concurrency_limit(64);
/// soap_runtime::serve_layered(listener, server, layers).await
/// # }
/// ```
pub async fn serve_layered<S, L, B>(
    listener: tokio::net::TcpListener,
    server: SoapHttpServer<S>,
    layer: L,
) -> std::io::Result<()>
where
    S: SoapService,
    L: tower::Layer<SoapHttpServer<S>>,
    L::Service: tower::Service<
            Request<hyper::body::Incoming>,
            Response = Response<B>,
            Error: Into<BoxError>,
            Future: Send + 'static,
        > + Clone
        + Send
        + 'static,
    B: HttpBody + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    let timeout = server.configured_read_timeout();
    super::conn::accept_loop(listener, layer.layer(server), timeout).await
}

/// `response` for a `HEAD` request: its headers, with the length of the body it replaces.
fn head_only(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    if let Some(length) = body.size_hint().exact() {
        parts
            .headers
            .insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    Response::from_parts(parts, Body::empty())
}

/// 408 with a `Sender` fault; HTTP/1 connections are closed (the rest of the body may still
/// be on its way).
fn timed_out(version: SoapVersion, http: Version) -> Response<Body> {
    let fault = Fault::sender("request body not received within the read timeout");
    let mut response = soap_response(fault_response(version, &fault));
    *response.status_mut() = StatusCode::REQUEST_TIMEOUT;
    if http < Version::HTTP_2 {
        let close = HeaderValue::from_static("close");
        response.headers_mut().insert(CONNECTION, close);
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    let content_type = HeaderValue::from_static("text/plain; charset=utf-8");
    response.headers_mut().insert(CONTENT_TYPE, content_type);
    response
}

fn too_large(version: SoapVersion, max: usize) -> Response<Body> {
    let fault = Fault::sender(format!("request body exceeds {max} bytes"));
    let mut response = soap_response(fault_response(version, &fault));
    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    response
}

fn soap_response(response: ServerResponse) -> Response<Body> {
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // A one-way operation's `202 Accepted` has no body and no content type.
    let content_type = (!response.content_type.is_empty())
        .then(|| HeaderValue::from_str(&response.content_type).ok())
        .flatten();
    let mut out = Response::new(Body::from(response.body));
    *out.status_mut() = status;
    if let Some(content_type) = content_type {
        out.headers_mut().insert(CONTENT_TYPE, content_type);
    }
    out
}
