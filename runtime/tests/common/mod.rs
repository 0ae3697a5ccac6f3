//! Shared by the HTTP tests: an echo service in the shape the generator emits, and helpers
//! for loopback servers and raw requests.
#![allow(dead_code)] // Each test crate uses its own subset.

use std::net::SocketAddr;
use std::time::Duration;

use http::HeaderMap;
use soap_runtime::__private::*;
use soap_runtime::SoapHttpServer;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};

pub const NS: &str = "urn:echo";

/// A body of one `text` element, hand-written in the shape the generator emits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub text: String,
}

impl XmlContent for Text {
    fn write_content(&self, w: &mut XmlWriter) {
        w.element(NS, "text", &self.text);
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut text = None;
        while r.next_content(false)? == Content::Child {
            if text.is_none() && r.is(NS, "text") {
                text = Some(read_required(r)?);
            } else {
                r.skip()?;
            }
        }
        Ok(Text {
            text: text.ok_or_else(|| missing(r, NS, "text"))?,
        })
    }
}

pub static ECHO: OperationInfo = OperationInfo {
    name: "Echo",
    soap_action: "urn:echo/Echo",
    request: BodyForm::Element(NS, "Echo"),
    response: BodyForm::Element(NS, "EchoResponse"),
};
pub static PING: OperationInfo = OperationInfo {
    name: "Ping",
    soap_action: "",
    request: BodyForm::Element(NS, "Ping"),
    response: BodyForm::Element(NS, "PingResponse"),
};
pub static FAIL: OperationInfo = OperationInfo {
    name: "Fail",
    soap_action: "urn:echo/Fail",
    request: BodyForm::Element(NS, "Fail"),
    response: BodyForm::Element(NS, "FailResponse"),
};
pub static OPS: &[&OperationInfo] = &[&ECHO, &PING, &FAIL];

/// Echo, Ping, and Fail (a `Sender` fault).
pub struct Echo;

impl SoapService for Echo {
    async fn handle(&self, request: ServerRequest) -> ServerResponse {
        let call = match ServerCall::parse(&request, OPS) {
            Ok(call) => call,
            Err(response) => return response,
        };
        match call.operation_index() {
            0 => {
                call.serve(|m: Message<Text, ()>| async move { Ok(Message::<_, ()>::new(m.body)) })
                    .await
            }
            1 => {
                call.serve(|_: Message<(), ()>| async { Ok(Message::<(), ()>::new(())) })
                    .await
            }
            _ => {
                call.serve(|_: Message<(), ()>| async {
                    Err::<Message<(), ()>, _>(Fault::sender("bad input"))
                })
                .await
            }
        }
    }
}

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

pub const WSDL: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/">
  <wsdl:service name="Echo">
    <wsdl:port name="P11"><soap:address location="http://wsdl-address.invalid/Echo.svc"/></wsdl:port>
    <wsdl:port name="P12"><soap12:address location="http://wsdl-address.invalid/Echo.svc"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;
