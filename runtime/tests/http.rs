//! `HttpTransport` and `SoapHttpServer` over loopback TCP: round trips, headers, status codes,
//! limits and the client error kinds.
#![cfg(all(feature = "http-client", feature = "http-server"))]

mod common;

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use common::*;
use http::{HeaderMap, Request, Response, StatusCode};
use soap_runtime::__private::*;
use soap_runtime::{HttpTransport, SoapHttpServer};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

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
async fn errors_name_the_overridden_endpoint() {
    let url = start_canned(503, "text/plain", "down".into()).await;
    let transport = HttpTransport::builder()
        .endpoint(&format!("{url}/real?apikey=secret#frag"))
        .build()
        .unwrap();
    // Through `Arc` and `&`, as generated clients may hold it.
    let client = ClientCore::new(
        Arc::new(transport),
        "http://wsdl-address.invalid/svc",
        SoapVersion::Soap11,
    );
    let err = echo(&client, "x").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Echo at {url}/real: HTTP status 503")
    );
    assert_eq!(err.endpoint(), format!("{url}/real?apikey=secret#frag"));
    assert!(!format!("{err:?}").contains("secret"), "{err:?}");

    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let transport = HttpTransport::builder()
        .endpoint(&format!("http://u:pw@127.0.0.1:{port}/svc?key=secret"))
        .build()
        .unwrap();
    let client = ClientCore::new(&transport, "http://wsdl.invalid/", SoapVersion::Soap12);
    let err = echo(&client, "x").await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    let message = err.to_string();
    let prefix = format!("Echo at http://***@127.0.0.1:{port}/svc: connection failed: ");
    assert!(message.starts_with(&prefix), "{message}");
    assert!(!message.contains("secret") && !message.contains("pw"));
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
    let t = HttpTransport::from_client(reqwest_client());
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

/// Checks a 413 answer carries a `Sender` fault "request body exceeds `max` bytes".
async fn assert_too_large(response: reqwest::Response, version: SoapVersion, max: usize) {
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let content_type = header(response.headers(), "content-type").map(str::to_owned);
    assert_eq!(content_type, Some(version.content_type("")));
    let text = response.text().await.unwrap();
    let envelope = Envelope::parse(&text).unwrap();
    assert_eq!(envelope.version(), version);
    let fault = envelope.fault().cloned().unwrap();
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
    let until = Some(&b"</s:Envelope"[..]);
    let (answer, _) = read_until(&mut stream, until, Duration::from_secs(5)).await;
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
