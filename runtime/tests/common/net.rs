//! Loopback servers and raw HTTP for the HTTP tests.

use std::net::SocketAddr;
use std::time::Duration;

use http::HeaderMap;
use soap_runtime::__private::*;
use soap_runtime::SoapHttpServer;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};

use super::{Text, ECHO};

pub async fn listen() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    (listener, addr)
}

/// Serves `router` with `axum::serve` on loopback; the task ends with the test's runtime.
pub async fn start(router: axum::Router) -> String {
    let (listener, addr) = listen().await;
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}")
}

/// Serves `server` with `soap_runtime::serve` on loopback.
pub async fn start_server<S: SoapService>(server: SoapHttpServer<S>) -> String {
    let (listener, addr) = listen().await;
    tokio::spawn(soap_runtime::serve(listener, server));
    format!("http://{addr}")
}

pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

pub async fn echo<T: Transport>(client: &ClientCore<T>, text: &str) -> Result<String, ClientError> {
    let request = Message::<_, ()>::new(Text { text: text.into() });
    let response: Message<Text, ()> = client.call(&ECHO, request).await?;
    Ok(response.body.text)
}

/// A reqwest client with reqwest's own TLS setup. soap-runtime turns on reqwest's rustls
/// support without a built-in crypto provider (its `HttpTransport` passes a ring-based
/// config), so such a client needs a process-wide default provider: ring's.
pub fn reqwest_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A raw request to `url`.
pub async fn raw(
    method: &str,
    url: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = reqwest_client().request(method, url).body(body);
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    request.send().await.unwrap()
}

/// Everything `stream` sends until it closes or `until` appears, waiting at most `limit`;
/// whether it closed.
pub async fn read_until(
    stream: &mut TcpStream,
    until: Option<&[u8]>,
    limit: Duration,
) -> (String, bool) {
    let mut answer = Vec::new();
    let mut closed = false;
    let read = tokio::time::timeout(limit, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => {
                    closed = true;
                    break;
                }
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
            if until.is_some_and(|u| answer.windows(u.len()).any(|w| w == u)) {
                break;
            }
        }
    });
    let _ = read.await;
    (String::from_utf8_lossy(&answer).into_owned(), closed)
}
