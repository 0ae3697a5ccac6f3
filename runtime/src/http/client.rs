//! [`HttpTransport`]: SOAP over HTTP(S) on reqwest with rustls and its ring crypto provider
//! (feature `http-client`).

use std::borrow::Cow;
use std::error::Error as _;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::Url;

use super::body;
use crate::client::{ResponseBody, Transport, TransportError, TransportRequest, TransportResponse};
use crate::envelope::SoapVersion;

/// Default cap on a response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 64 * 1024 * 1024;

const SOAP_ACTION: HeaderName = HeaderName::from_static("soapaction");
const DEFAULT_USER_AGENT: &str = concat!("soap-runtime/", env!("CARGO_PKG_VERSION"));

/// A [`Transport`] sending each request as an HTTP `POST` (HTTP/1.1, HTTPS with rustls).
///
/// - TLS: rustls with the ring crypto provider, TLS 1.2 and 1.3, server certificates checked
///   by the platform verifier (the system's trusted roots); ALPN offers `http/1.1`, preceded
///   by `h2` with the `http2` feature.
/// - `Content-Type` is the request's; SOAP 1.1 requests also carry `SOAPAction: "<action>"`
///   (always quoted, `""` for an empty action); SOAP 1.2 requests carry none (the action is
///   in the content type). Those two override headers of the same name set with
///   [`HttpTransportBuilder::header`].
/// - Redirects are not followed (a SOAP `POST` cannot be replayed safely and custom headers
///   could leak to another host): a 3xx answer becomes [`ClientError::HttpStatus`].
/// - The response body is capped (64 MiB by default; see
///   [`HttpTransportBuilder::max_response_size`]).
/// - Errors: connection refused, DNS and TLS handshake failures and connect timeouts are
///   [`TransportError::Connect`]; a request that got no complete answer within the timeout is
///   [`TransportError::Timeout`]; a failure while reading the response body is
///   [`TransportError::Io`]; an invalid URL or header and an oversized body are
///   [`TransportError::Other`]. Messages never contain the URL's credentials or query, header
///   values or body text.
///
/// Cloning is cheap: clones share the connection pool.
///
/// [`ClientError::HttpStatus`]: crate::ClientError::HttpStatus
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    config: Arc<Config>,
}

/// What a transport adds to the reqwest client.
struct Config {
    endpoint: Option<Url>,
    headers: HeaderMap,
    max_response_size: usize,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be credentials; the reqwest client is not shown (its `Debug`
        // prints default header values).
        let names: Vec<&str> = self.config.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("HttpTransport")
            .field("endpoint", &self.config.endpoint.as_ref().map(redacted_url))
            .field("headers", &names)
            .field("max_response_size", &self.config.max_response_size)
            .finish_non_exhaustive()
    }
}

impl HttpTransport {
    /// A transport with the defaults: request timeout 30 s, connect timeout 10 s, idle pooled
    /// connections kept 90 s.
    pub fn new() -> Result<Self, TransportError> {
        HttpTransport::builder().build()
    }

    /// A builder starting from the defaults of [`new`](Self::new).
    pub fn builder() -> HttpTransportBuilder {
        HttpTransportBuilder::default()
    }

    /// A transport on `client` as it is (its timeouts, TLS settings, default headers and
    /// redirect policy), with no endpoint override and the default response size cap.
    ///
    /// This crate enables reqwest's rustls support without a built-in crypto provider, so a
    /// client whose TLS reqwest sets up itself needs one: install a process-wide default
    /// (`rustls::crypto::ring::default_provider().install_default()`) before building it,
    /// or give it a ready `rustls::ClientConfig` with
    /// `reqwest::ClientBuilder::tls_backend_preconfigured`. Otherwise reqwest panics when
    /// the client is built (unless another crate in the build turns on reqwest's `rustls`
    /// feature, which brings its aws-lc-rs provider).
    pub fn from_client(client: reqwest::Client) -> Self {
        HttpTransport {
            client,
            config: Arc::new(Config {
                endpoint: None,
                headers: HeaderMap::new(),
                max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            }),
        }
    }

    /// Sends `request` and returns the response once its head arrived (a declared length over
    /// the cap is refused here).
    async fn start(&self, request: TransportRequest) -> Result<reqwest::Response, TransportError> {
        let url = match &self.config.endpoint {
            Some(url) => url.clone(),
            None => parse_endpoint(&request.endpoint)?,
        };
        let authority = authority(&url);
        let mut headers = self.config.headers.clone();
        let content_type = HeaderValue::from_str(&request.content_type)
            .map_err(|_| other("the content type is not a valid HTTP header value"))?;
        headers.insert(CONTENT_TYPE, content_type);
        match request.version {
            SoapVersion::Soap11 => {
                let action = HeaderValue::from_str(&format!("\"{}\"", request.soap_action))
                    .map_err(|_| other("the SOAP action is not a valid HTTP header value"))?;
                headers.insert(SOAP_ACTION, action);
            }
            SoapVersion::Soap12 => {
                headers.remove(SOAP_ACTION);
            }
        }
        let response = self
            .client
            .post(url)
            .headers(headers)
            .body(request.body)
            .send()
            .await
            .map_err(|e| send_error(e, &authority))?;
        let max = self.config.max_response_size;
        if response.content_length().unwrap_or(0) > max as u64 {
            return Err(other(format!("response body exceeds {max} bytes")));
        }
        Ok(response)
    }

    async fn post(&self, request: TransportRequest) -> Result<TransportResponse, TransportError> {
        let mut response = self.start(request).await?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = body::collect(&mut response, self.config.max_response_size).await?;
        Ok(TransportResponse {
            status,
            content_type,
            body,
        })
    }
}

impl Transport for HttpTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        self.post(request)
    }

    /// Decodes a successful response while it arrives once it grows past 256 KiB (on a
    /// blocking thread of the tokio runtime, fed through a bounded channel of chunks); smaller
    /// ones and every other status are decoded from memory. The size cap applies either way.
    async fn send_decoding<T, F>(
        &self,
        request: TransportRequest,
        decode: F,
    ) -> Result<T, TransportError>
    where
        T: Send + 'static,
        F: FnOnce(u16, ResponseBody<'_>) -> T + Send + 'static,
    {
        let response = self.start(request).await?;
        body::decode(response, self.config.max_response_size, decode).await
    }

    /// The [`endpoint`](HttpTransportBuilder::endpoint) override when there is one (as
    /// parsed: `http://h` becomes `http://h/`), else `endpoint`.
    fn effective_endpoint<'a>(&'a self, endpoint: &'a str) -> Cow<'a, str> {
        match &self.config.endpoint {
            Some(url) => Cow::Borrowed(url.as_str()),
            None => Cow::Borrowed(endpoint),
        }
    }
}

/// Builds an [`HttpTransport`]; invalid settings are reported by [`build`](Self::build).
pub struct HttpTransportBuilder {
    timeout: Duration,
    connect_timeout: Duration,
    pool_idle_timeout: Duration,
    pool_max_idle_per_host: Option<usize>,
    headers: HeaderMap,
    endpoint: Option<String>,
    user_agent: Option<String>,
    max_response_size: usize,
    tls: TlsSettings,
    proxy: Option<ProxySetting>,
    error: Option<String>,
}

/// TLS additions to the platform defaults.
#[derive(Default)]
struct TlsSettings {
    extra_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
    client_identity: Option<(
        Vec<rustls::pki_types::CertificateDer<'static>>,
        rustls::pki_types::PrivateKeyDer<'static>,
    )>,
}

/// Where requests go through.
enum ProxySetting {
    /// This proxy for every request.
    Url(String),
    /// No proxy, whatever the environment says.
    None,
}

impl Default for HttpTransportBuilder {
    fn default() -> Self {
        HttpTransportBuilder {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            pool_idle_timeout: Duration::from_secs(90),
            pool_max_idle_per_host: None,
            headers: HeaderMap::new(),
            endpoint: None,
            user_agent: None,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            tls: TlsSettings::default(),
            proxy: None,
            error: None,
        }
    }
}

impl fmt::Debug for HttpTransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        let endpoint = self.endpoint.as_deref().map(|e| match Url::parse(e) {
            Ok(url) => redacted_url(&url),
            Err(_) => "<invalid URL>".to_owned(),
        });
        f.debug_struct("HttpTransportBuilder")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("headers", &names)
            .field("endpoint", &endpoint)
            .field("user_agent", &self.user_agent)
            .field("max_response_size", &self.max_response_size)
            .field("extra_roots", &self.tls.extra_roots.len())
            .field("client_certificate", &self.tls.client_identity.is_some())
            .field(
                "proxy",
                &match &self.proxy {
                    None => "from the environment".to_owned(),
                    Some(ProxySetting::None) => "none".to_owned(),
                    Some(ProxySetting::Url(url)) => match Url::parse(url) {
                        Ok(url) => redacted_url(&url),
                        Err(_) => "<invalid URL>".to_owned(),
                    },
                },
            )
            .finish_non_exhaustive()
    }
}

impl HttpTransportBuilder {
    /// HTTP Basic authentication (`Authorization: Basic …`) on every request; treated as a
    /// secret like every [`header`](Self::header).
    pub fn basic_auth(self, username: &str, password: &str) -> Self {
        use base64::Engine as _;
        let credentials =
            base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
        self.header("authorization", &format!("Basic {credentials}"))
    }

    /// A bearer token (`Authorization: Bearer …`, RFC 6750) on every request.
    pub fn bearer_auth(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }

    /// Also trusts the certificates of `pem` (one or more PEM `CERTIFICATE` blocks) as roots,
    /// beside the platform's (a private CA). No certificate in `pem` makes
    /// [`build`](Self::build) fail.
    pub fn add_root_certificates_pem(mut self, pem: &[u8]) -> Self {
        match certificates(pem) {
            Ok(certs) => self.tls.extra_roots.extend(certs),
            Err(e) => {
                self.error.get_or_insert(format!("root certificates: {e}"));
            }
        }
        self
    }

    /// Presents a client certificate (mutual TLS): `chain_pem` holds the certificate and any
    /// intermediates, `key_pem` its private key (PKCS#8, PKCS#1 or SEC1 PEM). Invalid input
    /// makes [`build`](Self::build) fail, without showing the key.
    pub fn client_certificate_pem(mut self, chain_pem: &[u8], key_pem: &[u8]) -> Self {
        use rustls::pki_types::pem::PemObject as _;
        let chain = match certificates(chain_pem) {
            Ok(chain) => chain,
            Err(e) => {
                self.error.get_or_insert(format!("client certificate: {e}"));
                return self;
            }
        };
        match rustls::pki_types::PrivateKeyDer::from_pem_slice(key_pem) {
            Ok(key) => self.tls.client_identity = Some((chain, key)),
            Err(_) => {
                self.error
                    .get_or_insert_with(|| "client certificate: no usable private key".to_owned());
            }
        }
        self
    }

    /// Sends every request through the HTTP proxy at `url` (`http://host:port`, with
    /// credentials in the URL if the proxy needs them; HTTPS endpoints are tunnelled with
    /// `CONNECT`). Without this, the `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` environment
    /// variables apply.
    pub fn proxy(mut self, url: &str) -> Self {
        self.proxy = Some(ProxySetting::Url(url.to_owned()));
        self
    }

    /// Connects directly, ignoring the proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = Some(ProxySetting::None);
        self
    }

    /// Total time for one request, from connecting to the end of the response body
    /// (default 30 s).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Time to establish a connection, TLS handshake included (default 10 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// How long an idle pooled connection is kept (default 90 s).
    pub fn pool_idle_timeout(mut self, d: Duration) -> Self {
        self.pool_idle_timeout = d;
        self
    }

    /// At most `n` idle connections kept per host (default: no limit).
    pub fn pool_max_idle_per_host(mut self, n: usize) -> Self {
        self.pool_max_idle_per_host = Some(n);
        self
    }

    /// A header sent with every request (repeat for several values of one name). Its value
    /// is treated as sensitive: never shown by `Debug` or in errors. An invalid name or value
    /// makes [`build`](Self::build) fail.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            self.error
                .get_or_insert_with(|| "invalid header name".to_owned());
            return self;
        };
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.headers.append(name, value);
            }
            Err(_) => {
                let msg = format!("invalid value for header {name}");
                self.error.get_or_insert(msg);
            }
        }
        self
    }

    /// Sends every request to `url` instead of the request's endpoint (for example to point
    /// a client generated with the WSDL's address at a test server). Must be an `http` or
    /// `https` URL. [`ClientError`]s then name this URL (without credentials, query and
    /// fragment), not the client's endpoint.
    ///
    /// [`ClientError`]: crate::ClientError
    pub fn endpoint(mut self, url: &str) -> Self {
        self.endpoint = Some(url.to_owned());
        self
    }

    /// The `User-Agent` header (default `soap-runtime/<version>`).
    pub fn user_agent(mut self, ua: &str) -> Self {
        self.user_agent = Some(ua.to_owned());
        self
    }

    /// Largest response body accepted (default 64 MiB); a larger one fails the request
    /// with [`TransportError::Other`].
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// The transport, or the first invalid setting.
    pub fn build(self) -> Result<HttpTransport, TransportError> {
        if let Some(error) = self.error {
            return Err(other(error));
        }
        let endpoint = self.endpoint.as_deref().map(parse_endpoint).transpose()?;
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent = HeaderValue::from_str(user_agent)
            .map_err(|_| other("invalid user agent: not a valid HTTP header value"))?;
        let mut builder = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .pool_idle_timeout(self.pool_idle_timeout)
            .user_agent(user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(tls_config(self.tls)?);
        if let Some(n) = self.pool_max_idle_per_host {
            builder = builder.pool_max_idle_per_host(n);
        }
        match &self.proxy {
            None => {}
            Some(ProxySetting::None) => builder = builder.no_proxy(),
            Some(ProxySetting::Url(url)) => {
                let proxy =
                    reqwest::Proxy::all(url.as_str()).map_err(|_| other("invalid proxy URL"))?;
                builder = builder.proxy(proxy);
            }
        }
        let client = builder.build().map_err(|e| {
            other(format!(
                "cannot build the HTTP client: {}",
                error_chain(&e.without_url())
            ))
        })?;
        Ok(HttpTransport {
            client,
            config: Arc::new(Config {
                endpoint,
                headers: self.headers,
                max_response_size: self.max_response_size,
            }),
        })
    }
}

/// The client TLS configuration: rustls with ring, the default protocol versions (TLS 1.2
/// and 1.3), the platform certificate verifier (with any extra roots), a client certificate
/// when one is set, SNI on, and the ALPN list reqwest would offer itself (it uses a
/// preconfigured config as given).
fn tls_config(settings: TlsSettings) -> Result<rustls::ClientConfig, TransportError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(
        settings.extra_roots,
        Arc::clone(&provider),
    )
    .map_err(|e| other(format!("cannot set up TLS: {e}")))?;
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| other(format!("cannot set up TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier));
    let mut config = match settings.client_identity {
        None => builder.with_no_client_auth(),
        Some((chain, key)) => builder
            .with_client_auth_cert(chain, key)
            .map_err(|_| other("client certificate: the key does not fit the certificate"))?,
    };
    config.alpn_protocols = if cfg!(feature = "http2") {
        vec![b"h2".to_vec(), b"http/1.1".to_vec()]
    } else {
        vec![b"http/1.1".to_vec()]
    };
    Ok(config)
}

/// The certificates of PEM text; an error when there is none or one is malformed.
fn certificates(
    pem: &[u8],
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, &'static str> {
    use rustls::pki_types::pem::PemObject as _;
    let certs = rustls::pki_types::CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| "malformed PEM")?;
    if certs.is_empty() {
        return Err("no CERTIFICATE in the PEM text");
    }
    Ok(certs)
}

pub(super) fn other(message: impl Into<String>) -> TransportError {
    TransportError::Other(message.into().into())
}

/// Parses an endpoint; the error names no part of the URL (it may carry credentials).
fn parse_endpoint(endpoint: &str) -> Result<Url, TransportError> {
    let url = Url::parse(endpoint).map_err(|e| other(format!("invalid endpoint URL: {e}")))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        _ => Err(other(
            "invalid endpoint URL: the scheme is not http or https",
        )),
    }
}

/// `host:port` of `url`, for messages.
fn authority(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// `url` without credentials, query and fragment.
fn redacted_url(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_query(None);
    url.set_fragment(None);
    url.to_string()
}

/// The messages of `err`'s sources (not `err` itself, whose message is generic), joined by
/// `": "`; `err`'s own message when it has no source (strip its URL first).
fn error_chain(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = err.source();
    while let Some(e) = source {
        let message = e.to_string();
        // hyper-util's "client error (Connect)" says nothing the next source does not.
        let noise = message.starts_with("client error (");
        if !noise && !message.is_empty() && !parts.iter().any(|p| p.contains(&message)) {
            parts.push(message);
        }
        source = e.source();
    }
    if parts.is_empty() {
        err.to_string()
    } else {
        parts.join(": ")
    }
}

/// Maps a failure to send the request or receive the response head.
fn send_error(err: reqwest::Error, authority: &str) -> TransportError {
    let err = err.without_url();
    if err.is_connect() {
        TransportError::Connect(format!("{authority}: {}", error_chain(&err)))
    } else if err.is_timeout() {
        TransportError::Timeout
    } else if err.is_builder() {
        other(format!("invalid request: {}", error_chain(&err)))
    } else {
        TransportError::Io(error_chain(&err))
    }
}

/// Maps a failure while reading the response body.
pub(super) fn body_error(err: reqwest::Error) -> TransportError {
    if err.is_timeout() {
        TransportError::Timeout
    } else {
        TransportError::Io(format!(
            "reading the response body: {}",
            error_chain(&err.without_url())
        ))
    }
}
