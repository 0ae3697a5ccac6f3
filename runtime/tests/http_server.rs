//! `SoapHttpServer` and `serve` over loopback TCP: methods and media types, the published
//! WSDL's address, read timeouts, the concurrency limit, envelope / media type agreement.
#![cfg(all(feature = "http-client", feature = "http-server"))]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use common::*;
use http::{Request, StatusCode};
use http_body_util::Full;
use soap_runtime::__private::*;
use soap_runtime::{HttpTransport, SoapHttpServer};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const SHORT: Duration = Duration::from_millis(300);

async fn connect(url: &str) -> TcpStream {
    TcpStream::connect(url.trim_start_matches("http://"))
        .await
        .unwrap()
}

#[tokio::test]
async fn methods_and_media_types() {
    let url = start_server(SoapHttpServer::new(Echo).with_wsdl(WSDL)).await;
    for ct in [Some("application/json"), Some("text/plain"), None] {
        let response = raw("POST", &url, ct, b"<x/>".to_vec()).await;
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let expected = Some("text/xml, application/soap+xml");
        assert_eq!(header(response.headers(), "accept-post"), expected);
        assert_eq!(header(response.headers(), "accept"), None);
    }
    for method in ["PUT", "DELETE", "OPTIONS", "PATCH"] {
        let response = raw(method, &format!("{url}/any?wsdl"), None, Vec::new()).await;
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method}"
        );
        let allow = header(response.headers(), "allow");
        assert_eq!(allow, Some("POST, GET, HEAD"));
    }
    // GET is allowed: without `?wsdl` there is just nothing there.
    let response = raw("GET", &format!("{url}/svc?x=1"), None, Vec::new()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().starts_with("not found"));
    let response = raw("HEAD", &format!("{url}/svc"), None, Vec::new()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // HEAD ?wsdl: GET's status and headers, no body.
    let get = raw("GET", &format!("{url}/svc?wsdl"), None, Vec::new()).await;
    let get_type = header(get.headers(), "content-type").map(str::to_owned);
    let get_length = get.text().await.unwrap().len().to_string();
    let head = raw("HEAD", &format!("{url}/svc?wsdl"), None, Vec::new()).await;
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(header(head.headers(), "content-type"), get_type.as_deref());
    let head_length = header(head.headers(), "content-length").map(str::to_owned);
    assert_eq!(head_length.as_deref(), Some(get_length.as_str()));
    assert!(head.bytes().await.unwrap().is_empty());

    // Without a WSDL, GET ?wsdl is 404.
    let url = start_server(SoapHttpServer::new(Echo)).await;
    let response = raw("GET", &format!("{url}/svc?wsdl"), None, Vec::new()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The `location` every address of the WSDL served at `url` (one request line away) has.
async fn address(url: &str, headers: &[(&str, &str)]) -> String {
    let mut request = reqwest_client().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let text = request.send().await.unwrap().text().await.unwrap();
    let locations: Vec<&str> = text
        .split("location=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(locations.len(), 2, "{text}");
    assert_eq!(locations[0], locations[1]);
    locations[0].to_owned()
}

#[tokio::test]
async fn wsdl_addresses() {
    let url = start_server(SoapHttpServer::new(Echo).with_wsdl(WSDL)).await;
    for query in ["wsdl", "WSDL", "wsdl=1", "a=b&Wsdl"] {
        let response = raw("GET", &format!("{url}/Echo.svc?{query}"), None, Vec::new()).await;
        assert_eq!(response.status(), StatusCode::OK);
        let content_type = header(response.headers(), "content-type");
        assert_eq!(content_type, Some("text/xml; charset=utf-8"));
        let text = response.text().await.unwrap();
        let expected = format!(r#"location="{url}/Echo.svc""#);
        assert_eq!(text.matches(&expected).count(), 2, "{text}");
        assert!(!text.contains("wsdl-address.invalid"));
        assert!(text.starts_with("<?xml") && text.contains("<soap12:address "));
    }
    // `X-Forwarded-Proto` only counts when trusted; `Host` does.
    let forwarded = [
        ("x-forwarded-proto", "https"),
        ("host", "public.example:8443"),
    ];
    let shown = address(&format!("{url}/a/b?wsdl"), &forwarded).await;
    assert_eq!(shown, "http://public.example:8443/a/b");
    let trusting = SoapHttpServer::new(Echo)
        .with_wsdl(WSDL)
        .trust_forwarded_headers(true);
    let trusting = start_server(trusting).await;
    let shown = address(&format!("{trusting}/a/b?wsdl"), &forwarded).await;
    assert_eq!(shown, "https://public.example:8443/a/b");

    // A public URL is used as it is, whatever the request says.
    let public = SoapHttpServer::new(Echo)
        .with_wsdl(WSDL)
        .trust_forwarded_headers(true)
        .public_url("https://api.example/soap/Echo.svc");
    let public = start_server(public).await;
    let shown = address(&format!("{public}/other?wsdl"), &forwarded).await;
    assert_eq!(shown, "https://api.example/soap/Echo.svc");

    // Absolute form: the request target's authority, not `Host` (RFC 9112 §3.2.2).
    let mut stream = connect(&url).await;
    let request = "GET http://abs.example:81/x?wsdl HTTP/1.1\r\nHost: other.example\r\n\
                   Connection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    let (answer, _) = read_until(&mut stream, None, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let expected = r#"location="http://abs.example:81/x""#;
    assert_eq!(answer.matches(expected).count(), 2, "{answer}");

    // SOAP still works at the same address.
    let transport = HttpTransport::new().unwrap();
    let client = ClientCore::new(transport, format!("{url}/Echo.svc"), SoapVersion::Soap12);
    assert_eq!(echo(&client, "w").await.unwrap(), "w");
}

#[tokio::test]
async fn stalled_request_head_is_disconnected() {
    let url = start_server(SoapHttpServer::new(Echo).read_timeout(SHORT)).await;
    // Half a header block, then nothing; and a connection that never says anything.
    for sent in ["POST /svc HTTP/1.1\r\nHost: x\r\nContent-Type: te", ""] {
        let mut stream = connect(&url).await;
        stream.write_all(sent.as_bytes()).await.unwrap();
        let started = Instant::now();
        let (answer, closed) = read_until(&mut stream, None, Duration::from_secs(5)).await;
        let elapsed = started.elapsed();
        assert!(closed, "still open after {elapsed:?}: {sent:?}");
        assert!(answer.is_empty(), "{answer}");
        assert!(elapsed >= SHORT / 2, "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }
    // A complete request is answered; the idle kept-alive connection is closed afterwards.
    let mut stream = connect(&url).await;
    let request = "GET /svc HTTP/1.1\r\nHost: x\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    let (answer, closed) = read_until(&mut stream, None, Duration::from_secs(5)).await;
    assert!(closed && answer.starts_with("HTTP/1.1 404"), "{answer}");
}

#[tokio::test]
async fn stalled_body_gets_408() {
    let server = SoapHttpServer::new(Echo).read_timeout(SHORT);
    // Through `serve`, and as a tower service mounted with `axum::serve` (no head timeout).
    for url in [
        start_server(server.clone()).await,
        start(server.into_router()).await,
    ] {
        let mut stream = connect(&url).await;
        let head = "POST /svc HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\n\
                    Content-Length: 1000\r\n\r\n<s:Envelope";
        stream.write_all(head.as_bytes()).await.unwrap();
        let started = Instant::now();
        let (answer, closed) = read_until(&mut stream, None, Duration::from_secs(5)).await;
        let elapsed = started.elapsed();
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(closed, "{answer}");
        assert!(answer.to_ascii_lowercase().contains("connection: close"));
        assert!(answer.contains("http://www.w3.org/2003/05/soap-envelope"));
        assert!(answer.contains("read timeout"), "{answer}");
        assert!(elapsed >= SHORT / 2, "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }
}

/// Answers every request after `delay`, counting the requests in progress.
#[derive(Default)]
struct Slow {
    delay: Duration,
    active: AtomicUsize,
    most: AtomicUsize,
}

/// A [`Slow`] shared with the test.
struct Shared(Arc<Slow>);

impl SoapService for Shared {
    async fn handle(&self, _: ServerRequest) -> ServerResponse {
        let slow = &self.0;
        let now = slow.active.fetch_add(1, Ordering::SeqCst) + 1;
        slow.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(slow.delay).await;
        slow.active.fetch_sub(1, Ordering::SeqCst);
        ServerResponse {
            status: 200,
            content_type: "text/xml".into(),
            body: String::new(),
        }
    }
}

fn post() -> Request<Full<Bytes>> {
    Request::post("/")
        .header("content-type", "text/xml")
        .body(Full::new(Bytes::from_static(b"<x/>")))
        .unwrap()
}

#[tokio::test]
async fn concurrent_requests_are_limited() {
    use tower::Service;
    let slow = Arc::new(Slow {
        delay: Duration::from_millis(50),
        ..Slow::default()
    });
    let server = SoapHttpServer::new(Shared(slow.clone())).max_concurrent_requests(2);
    let calls: Vec<_> = (0..6)
        .map(|_| {
            let mut server = server.clone();
            tokio::spawn(async move { server.call(post()).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().status(), StatusCode::OK);
    }
    assert_eq!(slow.most.load(Ordering::SeqCst), 2);

    // A request that cannot get a slot within the read timeout: 503.
    let slow = Arc::new(Slow {
        delay: Duration::from_secs(2),
        ..Slow::default()
    });
    let mut server = SoapHttpServer::new(Shared(slow.clone()))
        .max_concurrent_requests(1)
        .read_timeout(SHORT);
    let mut busy = server.clone();
    let held = tokio::spawn(async move { busy.call(post()).await });
    while slow.active.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let started = Instant::now();
    let response = server.call(post()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(header(response.headers(), "retry-after"), Some("1"));
    assert!(started.elapsed() < Duration::from_secs(1));
    held.abort();
}

fn envelope(version: SoapVersion) -> Vec<u8> {
    write_envelope(version, |_| {}, |w| w.raw("<Ping xmlns='urn:echo'/>")).into_bytes()
}

#[tokio::test]
async fn envelope_version_must_match_the_media_type() {
    let url = start_server(SoapHttpServer::new(Echo)).await;
    let (v11, v12) = (SoapVersion::Soap11, SoapVersion::Soap12);
    for (sent, declared) in [(v11, v12), (v12, v11)] {
        let ct = declared.content_type("");
        let response = raw("POST", &url, Some(&ct), envelope(sent)).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let content_type = header(response.headers(), "content-type").map(str::to_owned);
        assert_eq!(content_type, Some(ct));
        let text = response.text().await.unwrap();
        let envelope = Envelope::parse(&text).unwrap();
        assert_eq!(envelope.version(), declared);
        let fault = envelope.fault().cloned().unwrap();
        assert_eq!(fault.code, FaultCode::VersionMismatch);
        assert!(
            fault.reason.starts_with("version mismatch: a SOAP"),
            "{text}"
        );
    }
    for version in [v11, v12] {
        let ct = version.content_type("");
        let response = raw("POST", &url, Some(&ct), envelope(version)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    // Without a content type (or with another one) the envelope decides.
    for content_type in [None, Some("application/xml".to_owned())] {
        let request = ServerRequest {
            body: envelope(v12),
            soap_action: None,
            content_type,
        };
        let call = ServerCall::parse(&request, OPS).unwrap();
        assert_eq!((call.operation_index(), call.version()), (1, v12));
    }
}

/// `serve_layered`: tower layers see every HTTP request before the SOAP server, can change the
/// response, and the server's read timeout still holds.
#[tokio::test]
async fn layers_wrap_the_server() {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let layers = tower::ServiceBuilder::new()
        .map_request(move |request: Request<hyper::body::Incoming>| {
            counter.fetch_add(1, Ordering::SeqCst);
            request
        })
        .map_response(|mut response: http::Response<axum::body::Body>| {
            response
                .headers_mut()
                .insert("x-layer", http::HeaderValue::from_static("yes"));
            response
        });
    let (listener, addr) = listen().await;
    let server = SoapHttpServer::new(Echo).read_timeout(SHORT);
    tokio::spawn(soap_runtime::serve_layered(listener, server, layers));
    let url = format!("http://{addr}");

    let client = ClientCore::new(
        HttpTransport::new().unwrap(),
        format!("{url}/svc"),
        SoapVersion::Soap11,
    );
    assert_eq!(
        echo(&client, "through layers").await.unwrap(),
        "through layers"
    );
    let response = raw("GET", &format!("{url}/svc"), None, Vec::new()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(response.headers(), "x-layer"), Some("yes"));
    assert_eq!(seen.load(Ordering::SeqCst), 2);

    // A connection that never sends a request head is still closed after the read timeout.
    let mut stream = connect(&url).await;
    let (_, closed) = read_until(&mut stream, None, Duration::from_secs(5)).await;
    assert!(closed);
}
