//! `HttpTransport` and `SoapHttpServer` over loopback TCP: round trips, headers, status codes,
//! limits and the client error kinds.
#![cfg(all(feature = "http-client", feature = "http-server"))]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use http::{HeaderMap, Request, Response, StatusCode};
use soap_runtime::__private::*;
use soap_runtime::{HttpTransport, SoapHttpServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const NS: &str = "urn:echo";

/// A body of one `text` element, hand-written in the shape the generator emits.
#[derive(Debug, Clone, PartialEq, Default)]
struct Text {
    text: String,
}

impl XmlContent for Text {
    fn write_content(&self, w: &mut XmlWriter) {
        w.element(NS, "text", &self.text);
    }

    fn read_content(node: &XmlNode<'_, '_>) -> Result<Self, DecodeError> {
        let text = node
            .children()
            .find(|c| c.is(NS, "text"))
            .ok_or_else(|| missing(node, NS, "text"))?;
        Ok(Text {
            text: read_required(&text)?,
        })
    }
}

static ECHO: OperationInfo = OperationInfo {
    name: "Echo",
    soap_action: "urn:echo/Echo",
    request: (NS, "Echo"),
    response: (NS, "EchoResponse"),
};
static PING: OperationInfo = OperationInfo {
    name: "Ping",
    soap_action: "",
    request: (NS, "Ping"),
    response: (NS, "PingResponse"),
};
static FAIL: OperationInfo = OperationInfo {
    name: "Fail",
    soap_action: "urn:echo/Fail",
    request: (NS, "Fail"),
    response: (NS, "FailResponse"),
};
static OPS: &[&OperationInfo] = &[&ECHO, &PING, &FAIL];

/// Echo, Ping, and Fail (a `Sender` fault).
struct Echo;

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

type Seen = Arc<Mutex<Vec<(String, HeaderMap)>>>;

/// Records the path and headers of each request, then hands it to the SOAP server.
#[derive(Clone)]
struct Recorder {
    inner: SoapHttpServer<Echo>,
    seen: Seen,
}

impl tower::Service<Request<Body>> for Recorder {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = <SoapHttpServer<Echo> as tower::Service<Request<Body>>>::Future;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let entry = (request.uri().path().to_owned(), request.headers().clone());
        self.seen.lock().unwrap().push(entry);
        self.inner.call(request)
    }
}

async fn listen() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    (listener, addr)
}

/// Serves `router` on loopback; the task ends with the test's runtime.
async fn start(router: axum::Router) -> String {
    let (listener, addr) = listen().await;
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}")
}

/// The echo service behind a [`Recorder`].
async fn start_echo() -> (String, Seen) {
    let seen = Seen::default();
    let recorder = Recorder {
        inner: SoapHttpServer::new(Echo),
        seen: seen.clone(),
    };
    let url = start(axum::Router::new().fallback_service(recorder)).await;
    (url, seen)
}

async fn start_server(server: SoapHttpServer<Echo>) -> String {
    let (listener, addr) = listen().await;
    tokio::spawn(soap_runtime::serve(listener, server));
    format!("http://{addr}")
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn echo<T: Transport>(client: &ClientCore<T>, text: &str) -> Result<String, ClientError> {
    let request = Message::<_, ()>::new(Text { text: text.into() });
    let response: Message<Text, ()> = client.call(&ECHO, request).await?;
    Ok(response.body.text)
}

#[tokio::test]
async fn round_trips_both_versions_with_action_headers() {
    let (url, seen) = start_echo().await;
    let transport = HttpTransport::new().unwrap();
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let client = ClientCore::new(transport.clone(), format!("{url}/svc"), version);
        assert_eq!(echo(&client, "héllo <&>").await.unwrap(), "héllo <&>");
        let pong: Message<(), ()> = client
            .call(&PING, Message::<(), ()>::new(()))
            .await
            .unwrap();
        assert_eq!(pong, Message::new(()));
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 4);
    let (path, h) = &seen[0];
    assert_eq!(path, "/svc");
    assert_eq!(header(h, "soapaction"), Some("\"urn:echo/Echo\""));
    assert_eq!(header(h, "content-type"), Some("text/xml; charset=utf-8"));
    assert!(header(h, "user-agent")
        .unwrap()
        .starts_with("soap-runtime/"));
    // An empty action is still sent, as `""`.
    assert_eq!(header(&seen[1].1, "soapaction"), Some("\"\""));
    let h = &seen[2].1;
    assert_eq!(header(h, "soapaction"), None);
    assert_eq!(
        header(h, "content-type"),
        Some(r#"application/soap+xml; charset=utf-8; action="urn:echo/Echo""#)
    );
    assert_eq!(header(&seen[3].1, "soapaction"), None);
}

#[tokio::test]
async fn custom_headers_user_agent_and_endpoint_override() {
    let (url, seen) = start_echo().await;
    let transport = HttpTransport::builder()
        .header("X-Api-Key", "secret-key")
        .header("SOAPAction", "overridden")
        .user_agent("test-agent/1")
        .endpoint(&format!("{url}/real/path"))
        .timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
        .pool_idle_timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(2)
        .build()
        .unwrap();
    let debug = format!("{transport:?}");
    assert!(
        debug.contains("x-api-key") && !debug.contains("secret-key"),
        "{debug}"
    );
    // The generated client's address is never contacted.
    let client = ClientCore::new(
        transport,
        "http://wsdl-address.invalid/svc",
        SoapVersion::Soap11,
    );
    assert_eq!(echo(&client, "x").await.unwrap(), "x");
    let seen = seen.lock().unwrap();
    let (path, h) = &seen[0];
    assert_eq!(path, "/real/path");
    assert_eq!(header(h, "x-api-key"), Some("secret-key"));
    assert_eq!(header(h, "user-agent"), Some("test-agent/1"));
    assert_eq!(header(h, "soapaction"), Some("\"urn:echo/Echo\""));
}

#[tokio::test]
async fn builder_rejects_invalid_settings() {
    let cases = [
        HttpTransport::builder().header("bad name", "v"),
        HttpTransport::builder().header("X-Ok", "line\nbreak-secret"),
        HttpTransport::builder().endpoint("not a url"),
        HttpTransport::builder().endpoint("ftp://user:pw@host/x"),
        HttpTransport::builder().user_agent("a\u{7}"),
    ];
    for builder in cases {
        let err = builder.build().unwrap_err().to_string();
        assert!(!err.contains("secret") && !err.contains("pw"), "{err}");
    }
    let builder = HttpTransport::builder().endpoint("http://u:pw@h/p?key=secret");
    let debug = format!("{builder:?}");
    assert!(
        !debug.contains("pw") && !debug.contains("secret"),
        "{debug}"
    );
    let t = HttpTransport::from_client(reqwest::Client::new());
    assert!(format!("{t:?}").starts_with("HttpTransport"));
}

#[tokio::test]
async fn fault_statuses_over_http() {
    let url = start_server(SoapHttpServer::new(Echo)).await;
    let transport = HttpTransport::new().unwrap();
    for (version, status) in [(SoapVersion::Soap11, 500), (SoapVersion::Soap12, 400)] {
        let client = ClientCore::new(&transport, url.as_str(), version);
        let err = client
            .call::<(), (), (), ()>(&FAIL, Message::new(()))
            .await
            .unwrap_err();
        match &err {
            ClientError::Fault {
                status: s, fault, ..
            } => {
                assert_eq!(*s, status);
                assert_eq!(fault.code, FaultCode::Sender);
                assert_eq!(fault.reason, "bad input");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(err.http_status(), Some(status));
        assert_eq!(
            err.to_string(),
            format!("Fail at {url}: SOAP fault: Sender: bad input")
        );
    }
}

/// A raw request to `url`.
async fn raw(
    method: &str,
    url: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = reqwest::Client::new().request(method, url).body(body);
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn unsupported_media_type_and_method_not_allowed() {
    let url = start_server(SoapHttpServer::new(Echo)).await;
    for ct in [Some("application/json"), Some("text/plain"), None] {
        let response = raw("POST", &url, ct, b"<x/>".to_vec()).await;
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            header(response.headers(), "accept"),
            Some("text/xml, application/soap+xml")
        );
    }
    for method in ["GET", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"] {
        let response = raw(method, &format!("{url}/any?x=1"), None, Vec::new()).await;
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method}"
        );
        assert_eq!(header(response.headers(), "allow"), Some("POST, GET"));
    }
    // Without a WSDL, GET ?wsdl is 404.
    let response = raw("GET", &format!("{url}/svc?wsdl"), None, Vec::new()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

const WSDL: &str = r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/">
  <wsdl:service name="Echo">
    <wsdl:port name="P11"><soap:address location="http://wsdl-address.invalid/Echo.svc"/></wsdl:port>
    <wsdl:port name="P12"><soap12:address location="http://wsdl-address.invalid/Echo.svc"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#;

#[tokio::test]
async fn wsdl_with_rewritten_addresses() {
    let url = start_server(SoapHttpServer::new(Echo).with_wsdl(WSDL)).await;
    for query in ["wsdl", "WSDL", "wsdl=1", "a=b&Wsdl"] {
        let response = raw("GET", &format!("{url}/Echo.svc?{query}"), None, Vec::new()).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(response.headers(), "content-type"),
            Some("text/xml; charset=utf-8")
        );
        let text = response.text().await.unwrap();
        let expected = format!(r#"location="{url}/Echo.svc""#);
        assert_eq!(text.matches(&expected).count(), 2, "{text}");
        assert!(!text.contains("wsdl-address.invalid"));
        assert!(text.starts_with("<?xml") && text.contains("<soap12:address "));
    }
    let response = reqwest::Client::new()
        .get(format!("{url}/a/b?wsdl"))
        .header("x-forwarded-proto", "https")
        .header("host", "public.example:8443")
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let expected = r#"location="https://public.example:8443/a/b""#;
    assert_eq!(text.matches(expected).count(), 2, "{text}");
    // SOAP still works at the same address.
    let transport = HttpTransport::new().unwrap();
    let client = ClientCore::new(transport, format!("{url}/Echo.svc"), SoapVersion::Soap12);
    assert_eq!(echo(&client, "w").await.unwrap(), "w");
}

/// Checks a 413 answer carries a `Sender` fault "request body exceeds `max` bytes".
async fn assert_too_large(response: reqwest::Response, version: SoapVersion, max: usize) {
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let content_type = header(response.headers(), "content-type").map(str::to_owned);
    assert_eq!(content_type, Some(version.content_type("")));
    let text = response.text().await.unwrap();
    let envelope = Envelope::parse(&text).unwrap();
    assert_eq!(envelope.version(), version);
    let fault = envelope.fault().unwrap().unwrap();
    assert_eq!(fault.code, FaultCode::Sender);
    assert_eq!(fault.reason, format!("request body exceeds {max} bytes"));
}

#[tokio::test]
async fn oversized_bodies_get_413_with_fault() {
    let url = start_server(SoapHttpServer::new(Echo)).await;
    let big = vec![b'x'; 5 * 1024 * 1024];
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let ct = version.content_type("");
        let response = raw("POST", &url, Some(&ct), big.clone()).await;
        assert_too_large(response, version, 4 * 1024 * 1024).await;
    }
    // Through the client: a fault with the status.
    let client = ClientCore::new(
        HttpTransport::new().unwrap(),
        url.as_str(),
        SoapVersion::Soap12,
    );
    let err = echo(&client, &"y".repeat(5 * 1024 * 1024))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::Fault { status: 413, .. }),
        "{err:?}"
    );

    let small = start_server(SoapHttpServer::new(Echo).max_body_size(1024)).await;
    let response = raw("POST", &small, Some("text/xml"), vec![b' '; 2048]).await;
    assert_too_large(response, SoapVersion::Soap11, 1024).await;
    let client = ClientCore::new(
        HttpTransport::new().unwrap(),
        small.as_str(),
        SoapVersion::Soap11,
    );
    assert_eq!(echo(&client, "fits").await.unwrap(), "fits");
}

#[tokio::test]
async fn chunked_body_over_limit_is_cut_off() {
    let url = start_server(SoapHttpServer::new(Echo).max_body_size(1000)).await;
    let addr = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = "POST /svc HTTP/1.1\r\nHost: x\r\ncontent-type: application/soap+xml\r\n\
                transfer-encoding: chunked\r\nconnection: close\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("{:x}\r\n{}\r\n", 600, " ".repeat(600));
    for _ in 0..2 {
        stream.write_all(chunk.as_bytes()).await.unwrap();
    }
    // No terminating chunk: the server must answer from what it has.
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
            if answer.windows(11).any(|w| w == b"</s:Envelope") {
                break;
            }
        }
    });
    read.await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("request body exceeds 1000 bytes"),
        "{answer}"
    );
}

#[tokio::test]
async fn refused_connection_is_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let endpoint = format!("http://127.0.0.1:{port}/svc");
    let client = ClientCore::new(
        HttpTransport::new().unwrap(),
        endpoint.as_str(),
        SoapVersion::Soap11,
    );
    let err = echo(&client, "x").await.unwrap_err();
    assert!(err.is_connect() && !err.is_timeout(), "{err:?}");
    assert!(matches!(
        &err,
        ClientError::Connect {
            source: TransportError::Connect(_),
            ..
        }
    ));
    let message = err.to_string();
    let prefix = format!("Echo at {endpoint}: connection failed: 127.0.0.1:{port}: ");
    assert!(message.starts_with(&prefix), "{message}");

    // A TLS handshake with a plain-HTTP server fails while connecting.
    let url = start_server(SoapHttpServer::new(Echo)).await;
    let tls = url.replace("http://", "https://");
    let client = ClientCore::new(HttpTransport::new().unwrap(), tls, SoapVersion::Soap11);
    let err = echo(&client, "x").await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
}

#[tokio::test]
async fn silent_server_is_timeout() {
    let (listener, addr) = listen().await;
    tokio::spawn(async move {
        let mut held = Vec::new();
        for _ in 0..4 {
            let Ok((socket, _)) = listener.accept().await else {
                break;
            };
            held.push(socket);
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
    });
    let transport = HttpTransport::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let client = ClientCore::new(transport, format!("http://{addr}/"), SoapVersion::Soap11);
    let started = Instant::now();
    let err = echo(&client, "x").await.unwrap_err();
    assert!(matches!(err, ClientError::Timeout { .. }), "{err:?}");
    assert!(err.is_timeout() && !err.is_connect());
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        err.to_string(),
        format!("Echo at http://{addr}/: request timed out")
    );
}

/// A server answering every request with `status`, `content_type` and `body`.
async fn start_canned(status: u16, content_type: &'static str, body: String) -> String {
    let router = axum::Router::new().fallback(move || {
        let body = body.clone();
        async move {
            let status = StatusCode::from_u16(status).unwrap();
            (status, [("content-type", content_type)], body)
        }
    });
    start(router).await
}

#[tokio::test]
async fn non_soap_answers_map_to_status_and_decode_errors() {
    let transport = HttpTransport::new().unwrap();
    let url = start_canned(503, "text/plain", "service down; token=secret".into()).await;
    let client = ClientCore::new(&transport, url.as_str(), SoapVersion::Soap11);
    let err = echo(&client, "x").await.unwrap_err();
    assert!(
        matches!(err, ClientError::HttpStatus { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(err.http_status(), Some(503));
    assert_eq!(err.body_snippet(), Some("service down; token=secret"));
    assert_eq!(err.to_string(), format!("Echo at {url}: HTTP status 503"));
    assert!(!format!("{err:?}").contains("secret"));

    let fault = Fault::receiver("upstream").to_envelope(SoapVersion::Soap11);
    let url = start_canned(502, "text/xml", fault).await;
    let client = ClientCore::new(&transport, url.as_str(), SoapVersion::Soap11);
    let err = echo(&client, "x").await.unwrap_err();
    assert!(
        matches!(err, ClientError::Fault { status: 502, .. }),
        "{err:?}"
    );
    assert_eq!(err.fault().map(|f| f.reason.as_str()), Some("upstream"));

    let html = "<html><body>Welcome</body></html>".to_owned();
    let url = start_canned(200, "text/html", html).await;
    let client = ClientCore::new(&transport, url.as_str(), SoapVersion::Soap12);
    let err = echo(&client, "x").await.unwrap_err();
    assert!(matches!(err, ClientError::Decode { .. }), "{err:?}");

    let limited = HttpTransport::builder()
        .max_response_size(1024)
        .build()
        .unwrap();
    let url = start_canned(200, "text/xml", "x".repeat(4096)).await;
    let client = ClientCore::new(&limited, url.as_str(), SoapVersion::Soap11);
    let err = echo(&client, "x").await.unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Transport {
                source: TransportError::Other(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("response body exceeds 1024 bytes"),
        "{err}"
    );
}

#[tokio::test]
async fn tower_service_with_any_body_and_concurrent_calls() {
    use tower::Service;
    let mut server = SoapHttpServer::new(Echo);
    let envelope = write_envelope(
        SoapVersion::Soap11,
        |_| {},
        |w| w.raw("<Ping xmlns='urn:echo'/>"),
    );
    let request = Request::post("/x")
        .header("content-type", "text/xml")
        .body(http_body_util::Full::new(axum::body::Bytes::from(envelope)))
        .unwrap();
    let response = server.call(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let url = start_server(server).await;
    let client = ClientCore::new(
        HttpTransport::new().unwrap(),
        url.as_str(),
        SoapVersion::Soap12,
    );
    let calls = (0..16).map(|i| {
        let client = client.clone();
        tokio::spawn(async move { echo(&client, &format!("m{i}")).await })
    });
    for (i, call) in calls.collect::<Vec<_>>().into_iter().enumerate() {
        assert_eq!(call.await.unwrap().unwrap(), format!("m{i}"));
    }
}
