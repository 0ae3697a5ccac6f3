//! The accept loop of [`serve`](super::serve): hyper-util with a timer, so that slow clients
//! cannot hold connections open forever.

use std::io;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};

use axum::body::HttpBody as Body;
use http::{Request, Response};
use hyper::body::Incoming;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Longest timeout handed to hyper (which adds it to an `Instant`: `Duration::MAX` would
/// overflow).
const MAX_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// Accepts connections on `listener` forever, serving each on its own task with `service`
/// (a [`SoapHttpServer`](super::server::SoapHttpServer), or one wrapped in tower layers);
/// `timeout` bounds the wait for a request head.
pub(super) async fn accept_loop<T, B>(
    listener: TcpListener,
    service: T,
    timeout: Duration,
) -> io::Result<()>
where
    T: HttpService<B>,
    B: ResponseBody,
{
    let timeout = timeout.min(MAX_TIMEOUT);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _peer)) => stream,
            Err(e) if is_connection_error(&e) => continue,
            // Out of file descriptors and the like: wait for connections to close rather
            // than spin (as `axum::serve` and hyper 0.14 do).
            Err(_) => {
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        tokio::spawn(serve_connection(stream, service.clone(), timeout));
    }
}

/// The body of a response a connection sends.
pub(super) trait ResponseBody:
    Body<Data: Send, Error: Into<BoxError>> + Send + 'static
{
}

impl<B> ResponseBody for B where B: Body<Data: Send, Error: Into<BoxError>> + Send + 'static {}

/// What a connection is served with: a cloneable tower service of HTTP requests whose futures
/// can move between threads.
pub(super) trait HttpService<B>:
    tower::Service<
        Request<Incoming>,
        Response = Response<B>,
        Error: Into<BoxError>,
        Future: Send + 'static,
    > + Clone
    + Send
    + 'static
{
}

impl<T, B> HttpService<B> for T where
    T: tower::Service<
            Request<Incoming>,
            Response = Response<B>,
            Error: Into<BoxError>,
            Future: Send + 'static,
        > + Clone
        + Send
        + 'static
{
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// A builder for HTTP/1 connections: the whole request head (and, on a kept-alive
/// connection, the next one) must arrive within `timeout`.
fn builder(timeout: Duration) -> Builder<TokioExecutor> {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(timeout);
    #[cfg(feature = "http2")]
    builder.http2().timer(TokioTimer::new());
    builder
}

/// Serves one connection until it closes or fails (errors are dropped: nothing is logged).
#[cfg(not(feature = "http2"))]
async fn serve_connection<T, B>(stream: TcpStream, service: T, timeout: Duration)
where
    T: HttpService<B>,
    B: ResponseBody,
{
    let _ = stream.set_nodelay(true);
    let service = TowerToHyperService::new(service);
    let builder = builder(timeout).http1_only();
    let _ = builder
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Serves one connection until it closes or fails (errors are dropped: nothing is logged).
///
/// HTTP/1.1 or, when the client opens with the HTTP/2 connection preface, HTTP/2 (h2c with
/// prior knowledge). The bytes that decide it must arrive within `timeout` (hyper-util's own
/// detection has no deadline).
#[cfg(feature = "http2")]
async fn serve_connection<T, B>(stream: TcpStream, service: T, timeout: Duration)
where
    T: HttpService<B>,
    B: ResponseBody,
{
    let _ = stream.set_nodelay(true);
    let mut stream = stream;
    let Ok(Ok((h2, prefix))) = tokio::time::timeout(timeout, sniff(&mut stream)).await else {
        return;
    };
    let io = TokioIo::new(prefixed::Prefixed::new(prefix, stream));
    let service = TowerToHyperService::new(service);
    let builder = if h2 {
        builder(timeout).http2_only()
    } else {
        builder(timeout).http1_only()
    };
    let _ = builder.serve_connection(io, service).await;
}

/// The HTTP/2 client connection preface (RFC 9113 §3.4).
#[cfg(feature = "http2")]
const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// Reads until the bytes received so far are or cannot be the start of the HTTP/2 preface:
/// whether they are, and the bytes read. An empty connection is an error.
#[cfg(feature = "http2")]
async fn sniff(stream: &mut TcpStream) -> io::Result<(bool, Vec<u8>)> {
    use tokio::io::AsyncReadExt;

    let mut buf = vec![0u8; H2_PREFACE.len()];
    let mut filled = 0;
    while filled < buf.len() {
        let Some(unfilled) = buf.get_mut(filled..) else {
            break;
        };
        let n = stream.read(unfilled).await?;
        if n == 0 {
            if filled == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            break;
        }
        filled += n;
        if buf.get(..filled) != H2_PREFACE.get(..filled) {
            break;
        }
    }
    buf.truncate(filled);
    Ok((buf == H2_PREFACE, buf))
}

#[cfg(feature = "http2")]
mod prefixed {
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
    use tokio::net::TcpStream;

    /// A stream whose first bytes, already read, are handed out again before the rest.
    pub(super) struct Prefixed {
        prefix: Vec<u8>,
        position: usize,
        inner: TcpStream,
    }

    impl Prefixed {
        pub(super) fn new(prefix: Vec<u8>, inner: TcpStream) -> Self {
            Prefixed {
                prefix,
                position: 0,
                inner,
            }
        }
    }

    impl AsyncRead for Prefixed {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let this = self.get_mut();
            if let Some(rest) = this.prefix.get(this.position..).filter(|r| !r.is_empty()) {
                let n = rest.len().min(buf.remaining());
                buf.put_slice(rest.get(..n).unwrap_or_default());
                this.position += n;
                return Poll::Ready(Ok(()));
            }
            Pin::new(&mut this.inner).poll_read(cx, buf)
        }
    }

    impl AsyncWrite for Prefixed {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
        }

        fn poll_write_vectored(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            bufs: &[io::IoSlice<'_>],
        ) -> Poll<io::Result<usize>> {
            Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
        }

        fn is_write_vectored(&self) -> bool {
            self.inner.is_write_vectored()
        }

        fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.get_mut().inner).poll_flush(cx)
        }

        fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
        }
    }
}
