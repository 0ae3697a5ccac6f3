//! Transports as tower services, so that clients take tower layers (timeouts, retries, rate
//! limits, logging) the way tonic clients do.
//!
//! - [`HttpTransport`] is a `tower::Service<TransportRequest>`.
//! - [`TowerTransport`] makes any such service, layered or not, a [`Transport`] for a generated
//!   client.
//!
//! ```no_run
//! # use soap_runtime::{HttpTransport, TowerTransport};
//! # use std::time::Duration;
//! let service = tower::ServiceBuilder::new()
//!     .concurrency_limit(16)
//!     .service(HttpTransport::new().unwrap());
//! let transport = TowerTransport::new(service);
//! // UserClient::new(transport) ...
//! ```
//!
//! Retries are left to the caller's layer: a SOAP call is not idempotent in general. Through
//! `TowerTransport` a response is received whole before it is decoded (the layers see
//! complete responses); the direct `HttpTransport` decodes large ones as they arrive.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tower::{Service, ServiceExt as _};

use super::HttpTransport;
use crate::client::{Transport, TransportError, TransportRequest, TransportResponse};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl Service<TransportRequest> for HttpTransport {
    type Response = TransportResponse;
    type Error = TransportError;
    type Future = Pin<Box<dyn Future<Output = Result<TransportResponse, TransportError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        // The connection pool queues internally.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: TransportRequest) -> Self::Future {
        let transport = self.clone();
        Box::pin(async move { transport.send(request).await })
    }
}

/// A [`Transport`] over a tower service of transport requests (an [`HttpTransport`] wrapped in
/// layers). Each call clones the service (tower's usual pattern; `Buffer` makes any service
/// cheaply clonable). A layer's own error becomes [`TransportError::Other`], except a
/// [`TransportError`] passed through, which stays what it is.
#[derive(Clone)]
pub struct TowerTransport<S> {
    service: S,
}

impl<S> fmt::Debug for TowerTransport<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TowerTransport").finish_non_exhaustive()
    }
}

impl<S> TowerTransport<S> {
    /// Wraps `service`.
    pub fn new(service: S) -> Self {
        TowerTransport { service }
    }

    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.service
    }
}

impl<S> Transport for TowerTransport<S>
where
    S: Service<TransportRequest, Response = TransportResponse> + Clone + Send + Sync + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send,
{
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        let service = self.service.clone();
        async move {
            let result = service.oneshot(request).await;
            result.map_err(|e| match e.into().downcast::<TransportError>() {
                Ok(transport) => *transport,
                Err(other) => TransportError::Other(other),
            })
        }
    }
}
