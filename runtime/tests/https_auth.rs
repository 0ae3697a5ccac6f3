//! `HttpTransport` settings beyond the defaults: a private root CA, a client certificate
//! (mutual TLS), HTTP Basic and Bearer authentication, and an HTTP proxy. The servers are
//! one-connection rustls / plain TCP servers on threads. Separate from `https.rs`, which sets
//! `SSL_CERT_FILE` for its process.
#![cfg(feature = "http-client")]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ServerConfig, WebPkiClientVerifier};
use rustls::RootCertStore;
use soap_runtime::{HttpTransport, SoapVersion, Transport, TransportError, TransportRequest};

const CA: &str = include_str!("tls/ca.pem");
const CERT: &str = include_str!("tls/localhost.pem");
const KEY: &str = include_str!("tls/localhost.key");
const CLIENT_CA: &str = include_str!("tls/client-ca.pem");
const CLIENT_CERT: &str = include_str!("tls/client.pem");
const CLIENT_KEY: &str = include_str!("tls/client.key");

/// Reads one HTTP/1.1 request (head and `content-length` body) from `stream`.
fn read_request(stream: &mut impl Read) -> Result<String, String> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end]).into_owned();
            let length = head
                .to_ascii_lowercase()
                .lines()
                .find_map(|l| {
                    l.strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if received.len() >= end + 4 + length {
                return Ok(head);
            }
        }
        match stream.read(&mut buf) {
            Ok(0) => return Err("connection closed".into()),
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(e) => return Err(e.to_string()),
        }
    }
}

fn answer(stream: &mut impl Write) {
    let body = "<ok/>";
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// One TLS connection for `localhost` (issued by `ca.pem`); with `client_ca`, a client
/// certificate issued by it is required. Returns the request head or the server's error.
fn serve_tls_once(client_ca: Option<&str>) -> (u16, JoinHandle<Result<String, String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = match client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            roots
                .add(CertificateDer::from_pem_slice(ca.as_bytes()).unwrap())
                .unwrap();
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .unwrap();
            builder.with_client_cert_verifier(verifier)
        }
    };
    let mut config = builder
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(CERT.as_bytes()).unwrap()],
            PrivateKeyDer::from_pem_slice(KEY.as_bytes()).unwrap(),
        )
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let config = Arc::new(config);
    let handle = std::thread::spawn(move || {
        let (mut tcp, _) = listener.accept().map_err(|e| e.to_string())?;
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut conn = rustls::ServerConnection::new(config).map_err(|e| e.to_string())?;
        let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
        let head = read_request(&mut tls)?;
        let client_cert = tls.conn.peer_certificates().is_some_and(|c| !c.is_empty());
        answer(&mut tls);
        tls.conn.send_close_notify();
        let _ = tls.flush();
        Ok(format!(
            "{head}\r\nx-test-client-certificate: {client_cert}"
        ))
    });
    (port, handle)
}

fn request(url: String) -> TransportRequest {
    TransportRequest {
        endpoint: url,
        soap_action: "urn:echo/Echo".into(),
        content_type: "text/xml; charset=utf-8".into(),
        version: SoapVersion::Soap11,
        body: "<e/>".into(),
        operation: "Echo",
    }
}

#[tokio::test]
async fn a_private_root_ca_is_trusted_when_added() {
    // Not among the platform's roots: refused.
    let (port, server) = serve_tls_once(None);
    let plain = HttpTransport::builder().no_proxy().build().unwrap();
    let err = plain
        .send(request(format!("https://localhost:{port}/svc")))
        .await
        .unwrap_err();
    assert!(matches!(err, TransportError::Connect(_)), "{err:?}");
    let _ = server.join();
    // Added: accepted.
    let (port, server) = serve_tls_once(None);
    let transport = HttpTransport::builder()
        .no_proxy()
        .add_root_certificates_pem(CA.as_bytes())
        .build()
        .unwrap();
    let response = transport
        .send(request(format!("https://localhost:{port}/svc")))
        .await
        .unwrap();
    assert_eq!(response.body, b"<ok/>");
    let head = server.join().unwrap().unwrap();
    assert!(head.contains("x-test-client-certificate: false"), "{head}");
    // Bad PEM input is a build error.
    let err = HttpTransport::builder()
        .add_root_certificates_pem(b"not a certificate")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no CERTIFICATE"), "{err}");
}

#[tokio::test]
async fn mutual_tls_presents_the_client_certificate() {
    // Required but not presented: the handshake fails.
    let (port, server) = serve_tls_once(Some(CLIENT_CA));
    let without = HttpTransport::builder()
        .no_proxy()
        .add_root_certificates_pem(CA.as_bytes())
        .build()
        .unwrap();
    assert!(without
        .send(request(format!("https://localhost:{port}/svc")))
        .await
        .is_err());
    assert!(server.join().unwrap().is_err());
    // Presented: accepted, and the server saw it.
    let (port, server) = serve_tls_once(Some(CLIENT_CA));
    let with = HttpTransport::builder()
        .no_proxy()
        .add_root_certificates_pem(CA.as_bytes())
        .client_certificate_pem(CLIENT_CERT.as_bytes(), CLIENT_KEY.as_bytes())
        .build()
        .unwrap();
    let response = with
        .send(request(format!("https://localhost:{port}/svc")))
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    let head = server.join().unwrap().unwrap();
    assert!(head.contains("x-test-client-certificate: true"), "{head}");
    // A key that is not a key: a build error that does not show it.
    let err = HttpTransport::builder()
        .client_certificate_pem(
            CLIENT_CERT.as_bytes(),
            b"-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n",
        )
        .build()
        .unwrap_err();
    assert!(!err.to_string().contains("c2VjcmV0"), "{err}");
}

/// One plain-TCP connection answered with `<ok/>`; returns the request head.
fn serve_plain_once() -> (u16, JoinHandle<Result<String, String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (mut tcp, _) = listener.accept().map_err(|e| e.to_string())?;
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head = read_request(&mut tcp)?;
        answer(&mut tcp);
        Ok(head)
    });
    (port, handle)
}

#[tokio::test]
async fn basic_and_bearer_authorization_headers() {
    let (port, server) = serve_plain_once();
    let basic = HttpTransport::builder()
        .no_proxy()
        .basic_auth("alice", "s3cret pass")
        .build()
        .unwrap();
    assert!(!format!("{basic:?}").contains("s3cret"));
    basic
        .send(request(format!("http://127.0.0.1:{port}/svc")))
        .await
        .unwrap();
    let head = server.join().unwrap().unwrap();
    // base64("alice:s3cret pass")
    assert!(
        head.lines()
            .any(|l| l.eq_ignore_ascii_case("authorization: Basic YWxpY2U6czNjcmV0IHBhc3M=")),
        "{head}"
    );
    let (port, server) = serve_plain_once();
    let bearer = HttpTransport::builder()
        .no_proxy()
        .bearer_auth("tok-123")
        .build()
        .unwrap();
    bearer
        .send(request(format!("http://127.0.0.1:{port}/svc")))
        .await
        .unwrap();
    let head = server.join().unwrap().unwrap();
    assert!(
        head.lines()
            .any(|l| l.eq_ignore_ascii_case("authorization: Bearer tok-123")),
        "{head}"
    );
}

#[tokio::test]
async fn requests_go_through_the_configured_proxy() {
    // The "proxy" answers itself and records what it was asked: an absolute-form request
    // line for the endpoint, with the proxy's credentials.
    let (proxy_port, proxy) = serve_plain_once();
    let transport = HttpTransport::builder()
        .proxy(&format!("http://pu:pp@127.0.0.1:{proxy_port}"))
        .build()
        .unwrap();
    assert!(!format!("{transport:?}").contains("pp@"));
    let response = transport
        .send(request("http://service.invalid:8080/svc".into()))
        .await
        .unwrap();
    assert_eq!(response.body, b"<ok/>");
    let head = proxy.join().unwrap().unwrap();
    assert!(
        head.starts_with("POST http://service.invalid:8080/svc HTTP/1.1\r\n"),
        "{head}"
    );
    // base64("pu:pp")
    assert!(
        head.lines()
            .any(|l| l.eq_ignore_ascii_case("proxy-authorization: Basic cHU6cHA=")),
        "{head}"
    );
    assert!(HttpTransport::builder().proxy("::bad").build().is_err());
}
