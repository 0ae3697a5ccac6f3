//! [`SoapHttpServer`]: a [`SoapService`] over HTTP, as an axum `Router` or a tower `Service`
//! (feature `http-server`).

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::ops::Range;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use http::header::{HeaderValue, ACCEPT, ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::request::Parts;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::envelope::SoapVersion;
use crate::fault::Fault;
use crate::server::{fault_response, ServerRequest, ServerResponse, SoapService};

/// Default cap on a request body: 4 MiB.
pub const DEFAULT_MAX_BODY_SIZE: usize = 4 * 1024 * 1024;

const WSDL_SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const WSDL_SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
const ALLOWED: &str = "POST, GET";
const ACCEPTED: &str = "text/xml, application/soap+xml";

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Serves a [`SoapService`] over HTTP on every path.
///
/// - `POST` with `Content-Type: text/xml` (SOAP 1.1; the action is the `SOAPAction` header,
///   quotes stripped) or `application/soap+xml` (SOAP 1.2; the action is the content type's
///   `action` parameter): the body is handed to [`SoapService::handle`] and its answer sent
///   back (status, content type, body). Another or no content type: 415 with
///   `Accept: text/xml, application/soap+xml`.
/// - A body larger than [`max_body_size`](Self::max_body_size) (4 MiB by default): 413 with a
///   SOAP `Sender` fault in the version of the content type. At most that many bytes are
///   ever read into memory; a larger `Content-Length` is refused before reading.
/// - `GET` with a `wsdl` query parameter (any case, with or without value): the WSDL given to
///   [`with_wsdl`](Self::with_wsdl), `location` of every `soap:address` / `soap12:address`
///   rewritten to the URL the request came to (scheme `http` unless `X-Forwarded-Proto` says
///   `https`, the `Host` header, the request path), as WCF does; 404 when there is none.
/// - Any other method (`HEAD` and `OPTIONS` included): 405 with `Allow: POST, GET`.
///
/// Nothing is logged; request and response bodies are handed only to the service and the
/// client.
pub struct SoapHttpServer<S> {
    service: Arc<S>,
    wsdl: Option<Arc<Wsdl>>,
    max_body_size: usize,
}

impl<S> Clone for SoapHttpServer<S> {
    fn clone(&self) -> Self {
        SoapHttpServer {
            service: Arc::clone(&self.service),
            wsdl: self.wsdl.clone(),
            max_body_size: self.max_body_size,
        }
    }
}

impl<S> fmt::Debug for SoapHttpServer<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapHttpServer")
            .field("wsdl", &self.wsdl.as_ref().map(|w| w.text.len()))
            .field("max_body_size", &self.max_body_size)
            .finish_non_exhaustive()
    }
}

/// A WSDL and the byte ranges of its address `location` values.
struct Wsdl {
    text: Arc<str>,
    locations: Vec<Range<usize>>,
}

impl Wsdl {
    fn new(text: Arc<str>) -> Self {
        let locations = address_locations(&text).unwrap_or_default();
        Wsdl { text, locations }
    }

    /// The WSDL with every address `location` replaced by `url` (unchanged without one).
    fn render(&self, url: Option<&str>) -> String {
        let Some(url) = url else {
            return self.text.to_string();
        };
        let mut escaped = String::new();
        crate::xml::escape_into(&mut escaped, url, true);
        let escaped = escaped.replace('\'', "&apos;");
        let mut out = String::with_capacity(self.text.len() + self.locations.len() * url.len());
        let mut last = 0;
        for range in &self.locations {
            match self.text.get(last..range.start) {
                Some(before) => out.push_str(before),
                None => return self.text.to_string(),
            }
            out.push_str(&escaped);
            last = range.end;
        }
        out.push_str(self.text.get(last..).unwrap_or(""));
        out
    }
}

/// Ranges of the `location` attribute values of WSDL SOAP 1.1 / 1.2 `address` elements, in
/// document order; `None` when `text` is not well-formed XML.
fn address_locations(text: &str) -> Option<Vec<Range<usize>>> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let mut ranges: Vec<Range<usize>> = doc
        .descendants()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == "address"
                && matches!(
                    n.tag_name().namespace(),
                    Some(WSDL_SOAP11_NS | WSDL_SOAP12_NS)
                )
        })
        .filter_map(|n| {
            n.attributes()
                .find(|a| a.name() == "location" && a.namespace().is_none())
                .map(|a| a.range_value())
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    let ordered = ranges.windows(2).all(|w| w[0].end <= w[1].start);
    ordered.then_some(ranges)
}

impl<S: SoapService> SoapHttpServer<S> {
    /// Serves `service`, without a WSDL, with the default body limit.
    pub fn new(service: S) -> Self {
        SoapHttpServer {
            service: Arc::new(service),
            wsdl: None,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
        }
    }

    /// Serves `wsdl` for `GET ?wsdl`. A WSDL that is not well-formed XML is served as it is,
    /// without rewriting addresses.
    pub fn with_wsdl(mut self, wsdl: impl Into<Arc<str>>) -> Self {
        self.wsdl = Some(Arc::new(Wsdl::new(wsdl.into())));
        self
    }

    /// Largest request body accepted (default 4 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// An axum router handing every path and method to this server.
    pub fn into_router(self) -> axum::Router {
        axum::Router::new().fallback_service(self)
    }

    /// Answers one HTTP request.
    async fn respond<B>(self, request: Request<B>) -> Response<Body>
    where
        B: HttpBody<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let (parts, body) = request.into_parts();
        match parts.method {
            Method::POST => self.post(&parts, body).await,
            Method::GET if wants_wsdl(parts.uri.query()) => self.wsdl(&parts),
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
        let media_type = content_type
            .and_then(|ct| ct.split(';').next())
            .map(str::trim)
            .unwrap_or("");
        let version = if media_type.eq_ignore_ascii_case("text/xml") {
            SoapVersion::Soap11
        } else if media_type.eq_ignore_ascii_case("application/soap+xml") {
            SoapVersion::Soap12
        } else {
            let mut response = plain(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported media type: SOAP 1.1 requests are text/xml, \
                 SOAP 1.2 requests application/soap+xml\n",
            );
            let accepted = HeaderValue::from_static(ACCEPTED);
            response.headers_mut().insert(ACCEPT, accepted);
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
        let body = match Limited::new(body, max).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
                return too_large(version, max)
            }
            Err(_) => return plain(StatusCode::BAD_REQUEST, "cannot read the request body\n"),
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

    fn wsdl(&self, parts: &Parts) -> Response<Body> {
        let Some(wsdl) = &self.wsdl else {
            return plain(StatusCode::NOT_FOUND, "no WSDL is published here\n");
        };
        let url = request_url(parts);
        let mut response = Response::new(Body::from(wsdl.render(url.as_deref())));
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

/// Serves `server` on `listener` until an I/O error (`axum::serve`; no graceful shutdown).
pub async fn serve<S: SoapService>(
    listener: tokio::net::TcpListener,
    server: SoapHttpServer<S>,
) -> std::io::Result<()> {
    axum::serve(listener, server.into_router()).await
}

/// Whether the query has a `wsdl` parameter (any case, with or without value).
fn wants_wsdl(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&').any(|p| {
            p.split('=')
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case("wsdl"))
        })
    })
}

/// The URL a request came to: `X-Forwarded-Proto` (`http` or `https`, else `http`), the
/// `Host` header (or the URI's authority, as HTTP/2 sends it) and the path. `None` without a
/// plausible host.
fn request_url(parts: &Parts) -> Option<String> {
    let forwarded = parts
        .headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim);
    let scheme = match forwarded {
        Some(p) if p.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    let host = parts
        .headers
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| parts.uri.authority().map(|a| a.as_str()))
        .map(str::trim)
        .filter(|h| valid_host(h))?;
    Some(format!("{scheme}://{host}{}", parts.uri.path()))
}

/// `host[:port]` as a client may send it: a name, IPv4 or bracketed IPv6 address.
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 300
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-_:[]".contains(&b))
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
    let content_type = HeaderValue::from_str(&response.content_type).ok();
    let mut out = Response::new(Body::from(response.body));
    *out.status_mut() = status;
    if let Some(content_type) = content_type {
        out.headers_mut().insert(CONTENT_TYPE, content_type);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wsdl_query() {
        for q in ["wsdl", "WSDL", "wsdl=", "a=1&Wsdl=x", "x&wsdl"] {
            assert!(wants_wsdl(Some(q)), "{q}");
        }
        for q in ["", "wsdl2", "xsd=wsdl", "singleWsdl"] {
            assert!(!wants_wsdl(Some(q)), "{q}");
        }
        assert!(!wants_wsdl(None));
    }

    #[test]
    fn addresses_rewritten() {
        let wsdl = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s12="http://schemas.xmlsoap.org/wsdl/soap12/"><service><port><soap:address location="http://old/a"/></port><port><s12:address location='http://old/b'/></port><port><address location="http://keep"/></port></service></definitions>"#;
        let w = Wsdl::new(wsdl.into());
        let out = w.render(Some("http://h:1/p?'&\""));
        assert!(out.contains(r#"<soap:address location="http://h:1/p?&apos;&amp;&quot;"/>"#));
        assert!(out.contains(r#"<s12:address location='http://h:1/p?&apos;&amp;&quot;'/>"#));
        assert!(out.contains(r#"<address location="http://keep"/>"#));
        assert_eq!(w.render(None), wsdl);
        let broken = Wsdl::new("<not-xml".into());
        assert_eq!(broken.render(Some("http://x")), "<not-xml");
    }

    #[test]
    fn hosts() {
        assert!(valid_host("example.com:8080"));
        assert!(valid_host("[::1]:80"));
        assert!(!valid_host("evil\"/><x"));
        assert!(!valid_host("a b"));
        assert!(!valid_host(""));
    }
}
