//! What generated clients and servers share: a [`Binding`] (a portType bound to SOAP), the
//! generic [`Client`] and [`Server`], and the aliases their signatures use. Generated code only
//! adds, per portType, a marker type implementing [`Binding`], a client trait whose methods call
//! [`SoapClient::call`], and a server trait with the [`Dispatch`] that routes to it.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::addressing::Addressing;
use crate::client::{ClientCore, ClientError, Transport};
use crate::envelope::{Message, OperationInfo, SoapHeaders, SoapVersion};
use crate::fault::Fault;
use crate::server::{ServerCall, ServerRequest, ServerResponse, SoapService};
use crate::wsse::{
    NonceStore, PasswordLookup, SecurityGuard, TokenPolicy, UsernameToken, UsernameTokenVerifier,
    WSSE_NS,
};
use crate::xml::XmlContent;

/// A portType as one of its SOAP bindings exposes it (implemented by a generated marker type).
pub trait Binding: Send + Sync + 'static {
    /// The SOAP headers requests carry (`()` for none).
    type RequestHeaders: SoapHeaders;
    /// The SOAP headers responses carry (`()` for none).
    type ResponseHeaders: SoapHeaders;
    /// The portType's name (`User`): clients print as `UserClient`, servers as `UserServer`.
    const PORT_TYPE: &'static str;
    /// The endpoint address the WSDL declares (`""` when it declares none).
    const ENDPOINT: &'static str;
    /// The binding's SOAP version.
    const VERSION: SoapVersion;
    /// Every operation, in WSDL order (the dispatcher's routing table).
    const OPERATIONS: &'static [&'static OperationInfo];
    /// The WS-Security UsernameToken the binding's WS-SecurityPolicy requires (`None`: none).
    const USERNAME_TOKEN: Option<TokenPolicy> = None;
    /// How the binding uses WS-Addressing (`None`: it does not).
    const ADDRESSING: Option<&'static Addressing> = None;
}

/// A request of binding `B` with body `Body`.
pub type Request<B, Body> = Message<Body, <B as Binding>::RequestHeaders>;
/// A response of binding `B` with body `Body`.
pub type Response<B, Body> = Message<Body, <B as Binding>::ResponseHeaders>;
/// What a client call of binding `B` gives.
pub type ClientResult<B, Body> = Result<Response<B, Body>, ClientError>;
/// What a server implementation of binding `B` answers.
pub type ServerResult<B, Body> = Result<Response<B, Body>, Fault>;

/// Something that can call the operations of binding `B`: [`Client`], or a test double.
/// Generated client traits (`UserApi`, …) are implemented for every `SoapClient` of their
/// binding.
pub trait SoapClient<B: Binding>: Send + Sync {
    /// Calls `op` with `request` and decodes its response as `Resp`.
    fn call<Req, Resp>(
        &self,
        op: &'static OperationInfo,
        request: Request<B, Req>,
    ) -> impl Future<Output = ClientResult<B, Resp>> + Send
    where
        Req: XmlContent,
        Resp: XmlContent + Send + 'static;
}

/// The client of binding `B` over transport `T`: endpoint, SOAP version and default headers.
/// Its operations come from the generated client trait (`use …::UserApi`).
pub struct Client<B: Binding, T> {
    core: ClientCore<T>,
    headers: B::RequestHeaders,
}

impl<B: Binding, T: Transport> Client<B, T> {
    /// The endpoint address the WSDL declares.
    pub const DEFAULT_ENDPOINT: &'static str = B::ENDPOINT;

    /// A client for the WSDL's address.
    pub fn new(transport: T) -> Self {
        Self::with_endpoint(transport, B::ENDPOINT)
    }

    /// A client sending to `endpoint` through `transport`.
    pub fn with_endpoint(transport: T, endpoint: impl Into<String>) -> Self {
        Client {
            core: ClientCore::new(transport, endpoint, B::VERSION).with_addressing(B::ADDRESSING),
            headers: B::RequestHeaders::default(),
        }
    }

    /// Headers sent with every request; per-call headers that are `Some` take precedence.
    pub fn headers(&self) -> &B::RequestHeaders {
        &self.headers
    }

    /// Mutable access to the default headers.
    pub fn headers_mut(&mut self) -> &mut B::RequestHeaders {
        &mut self.headers
    }

    /// Replaces the default headers.
    pub fn with_headers(mut self, headers: B::RequestHeaders) -> Self {
        self.headers = headers;
        self
    }

    /// Sends a WS-Security UsernameToken with these credentials with every request, in the
    /// form the binding's WS-SecurityPolicy asks for (digest or text password, timestamp); a
    /// text password without timestamp when the WSDL has no such policy.
    pub fn with_credentials(self, username: &str, password: &str) -> Self {
        let policy = B::USERNAME_TOKEN.unwrap_or(TokenPolicy {
            digest: false,
            timestamp: false,
        });
        self.with_security(policy.token(username, password))
    }

    /// Sends `token` in a WS-Security header with every request. For one call with other
    /// credentials, set another token on a clone of the client.
    pub fn with_security(mut self, token: UsernameToken) -> Self {
        self.core.set_security(Some(token));
        self
    }

    /// Transport, endpoint and SOAP version.
    pub fn core(&self) -> &ClientCore<T> {
        &self.core
    }

    /// Mutable transport settings (endpoint, SOAP version).
    pub fn core_mut(&mut self) -> &mut ClientCore<T> {
        &mut self.core
    }
}

impl<B: Binding, T: Transport> SoapClient<B> for Client<B, T> {
    fn call<Req, Resp>(
        &self,
        op: &'static OperationInfo,
        mut request: Request<B, Req>,
    ) -> impl Future<Output = ClientResult<B, Resp>> + Send
    where
        Req: XmlContent,
        Resp: XmlContent + Send + 'static,
    {
        request.headers.merge_defaults(&self.headers);
        self.core.call(op, request)
    }
}

impl<B: Binding, T: Clone> Clone for Client<B, T> {
    fn clone(&self) -> Self {
        Client {
            core: self.core.clone(),
            headers: self.headers.clone(),
        }
    }
}

// Headers print through their own `Debug`, which redacts secrets.
impl<B: Binding, T: fmt::Debug> fmt::Debug for Client<B, T>
where
    B::RequestHeaders: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(&format!("{}Client", B::PORT_TYPE))
            .field("core", &self.core)
            .field("headers", &self.headers)
            .finish()
    }
}

/// How binding `B` routes a parsed request to an implementation `S` of its server trait
/// (generated: one match arm per operation).
pub trait Dispatch<S>: Binding {
    /// Decodes the call, runs the operation on `service` and encodes the answer.
    fn dispatch(service: &S, call: ServerCall<'_>) -> impl Future<Output = ServerResponse> + Send;
}

/// The server of binding `B` around an implementation `S` of its generated server trait: a
/// [`SoapService`] that decodes SOAP 1.1 and 1.2 requests, routes them by `SOAPAction` /
/// `action` or body element, and encodes the response or a fault.
pub struct Server<B, S> {
    service: Arc<S>,
    /// Checks requests before the service sees them (WS-Security).
    security: Option<Arc<dyn SecurityGuard>>,
    binding: PhantomData<fn() -> B>,
}

impl<B, S> Server<B, S> {
    /// Wraps an implementation.
    pub fn new(service: S) -> Self {
        Server::from_arc(Arc::new(service))
    }

    /// Wraps a shared implementation (keep a handle to it while it is mounted).
    pub fn from_arc(service: Arc<S>) -> Self {
        Server {
            service,
            security: None,
            binding: PhantomData,
        }
    }

    /// Checks the WS-Security UsernameToken of every request with `verifier` before the
    /// service runs (a refused request gets the WSS fault); the `wsse:Security` header then
    /// counts as understood.
    ///
    /// What the binding's WS-SecurityPolicy requires ([`Binding::USERNAME_TOKEN`]) is
    /// required on top of the verifier's own settings: a digest policy refuses text passwords,
    /// a timestamp policy requires a timestamp.
    pub fn with_security<L: PasswordLookup, N: NonceStore>(
        mut self,
        verifier: UsernameTokenVerifier<L, N>,
    ) -> Self
    where
        B: Binding,
    {
        let verifier = match B::USERNAME_TOKEN {
            Some(policy) => {
                let verifier = if policy.digest {
                    verifier.accept_text(false)
                } else {
                    verifier
                };
                if policy.timestamp {
                    verifier.require_timestamp(true)
                } else {
                    verifier
                }
            }
            None => verifier,
        };
        self.security = Some(Arc::new(verifier));
        self
    }

    /// The implementation.
    pub fn service(&self) -> &S {
        &self.service
    }

    /// The shared implementation.
    pub fn shared(&self) -> Arc<S> {
        Arc::clone(&self.service)
    }
}

impl<B, S> Clone for Server<B, S> {
    fn clone(&self) -> Self {
        Server {
            service: Arc::clone(&self.service),
            security: self.security.clone(),
            binding: PhantomData,
        }
    }
}

impl<B: Binding, S: fmt::Debug> fmt::Debug for Server<B, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(&format!("{}Server", B::PORT_TYPE))
            .field("service", &self.service)
            .field("ws_security", &self.security.is_some())
            .finish()
    }
}

impl<B: Dispatch<S>, S: Send + Sync + 'static> SoapService for Server<B, S> {
    async fn handle(&self, request: ServerRequest) -> ServerResponse {
        let span = tracing::info_span!(
            "soap.request",
            port_type = B::PORT_TYPE,
            operation = tracing::field::Empty,
            soap_version = tracing::field::Empty,
            request_bytes = request.body.len(),
            http_status = tracing::field::Empty,
            response_bytes = tracing::field::Empty,
            fault_code = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = std::time::Instant::now();
        let response = tracing::Instrument::instrument(self.answer(&request), span.clone()).await;
        span.record("http_status", response.status);
        span.record("response_bytes", response.body.len());
        span.record("duration_ms", started.elapsed().as_secs_f64() * 1e3);
        span.in_scope(|| tracing::debug!(status = response.status, "SOAP request answered"));
        response
    }
}

impl<B: Dispatch<S>, S: Send + Sync + 'static> Server<B, S> {
    /// Parses, checks and dispatches one request (inside its span).
    async fn answer(&self, request: &ServerRequest) -> ServerResponse {
        let mut call = match ServerCall::parse(request, B::OPERATIONS) {
            Ok(call) => call,
            Err(response) => return response,
        };
        let span = tracing::Span::current();
        span.record("soap_version", call.version().label());
        if let Some(op) = call.operation() {
            span.record("operation", op.name);
        }
        if let Some(addressing) = B::ADDRESSING {
            if let Err(response) = call.check_addressing(addressing) {
                return response;
            }
            if let Some(op) = call.operation() {
                span.record("operation", op.name);
            }
        }
        if let Some(guard) = &self.security {
            let version = call.version();
            let blocks = call.header_blocks(WSSE_NS, "Security");
            call.understand(WSSE_NS, "Security");
            if let Err(e) = guard.check(blocks, version).await {
                return call.fault_response(&e.to_fault(version));
            }
        }
        B::dispatch(&self.service, call).await
    }
}
