//! `HttpTransport` over HTTPS (rustls with ring) against a one-connection rustls server on a
//! thread: what the ClientHello offers, that an untrusted certificate is refused, and a
//! request over a verified connection.
#![cfg(feature = "http-client")]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{Acceptor, ServerConfig};
use soap_runtime::{HttpTransport, SoapVersion, Transport, TransportError, TransportRequest};

const CERT: &str = include_str!("tls/localhost.pem");
const KEY: &str = include_str!("tls/localhost.key");

/// What the server saw on its one connection.
#[derive(Debug, Default)]
struct Seen {
    server_name: Option<String>,
    alpn_offered: Vec<Vec<u8>>,
    negotiated: Option<Vec<u8>>,
    request_head: String,
    /// How the connection failed on the server side, if it did.
    error: Option<String>,
}

/// Accepts one TLS connection (certificate for `localhost`, ALPN `http/1.1` only), records
/// the ClientHello and answers one HTTP/1.1 request with `<ok/>`.
fn serve_once() -> (u16, JoinHandle<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (mut tcp, _) = listener.accept().unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut acceptor = Acceptor::default();
        let accepted = loop {
            assert_ne!(acceptor.read_tls(&mut tcp).unwrap(), 0, "no ClientHello");
            if let Some(accepted) = acceptor.accept().map_err(|(e, _)| e).unwrap() {
                break accepted;
            }
        };
        let hello = accepted.client_hello();
        let mut seen = Seen {
            server_name: hello.server_name().map(str::to_owned),
            alpn_offered: hello
                .alpn()
                .map(|list| list.map(<[u8]>::to_vec).collect())
                .unwrap_or_default(),
            ..Seen::default()
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from_pem_slice(CERT.as_bytes()).unwrap()],
                PrivateKeyDer::from_pem_slice(KEY.as_bytes()).unwrap(),
            )
            .unwrap();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let mut conn = accepted
            .into_connection(Arc::new(config))
            .map_err(|(e, _)| e)
            .unwrap();
        let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        while !complete_request(&received) {
            match tls.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => received.extend_from_slice(&buf[..n]),
                Err(e) => {
                    seen.error = Some(e.to_string());
                    return seen;
                }
            }
        }
        seen.negotiated = tls.conn.alpn_protocol().map(<[u8]>::to_vec);
        let head_end = received.windows(4).position(|w| w == b"\r\n\r\n");
        seen.request_head = String::from_utf8_lossy(&received[..head_end.unwrap_or(0)]).into();
        let body = "<ok/>";
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        tls.write_all(response.as_bytes()).unwrap();
        tls.conn.send_close_notify();
        tls.flush().unwrap();
        seen
    });
    (port, handle)
}

/// Whether `data` holds a request head and the body its `content-length` announces.
fn complete_request(data: &[u8]) -> bool {
    let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    data.len() >= end + 4 + length
}

fn request(port: u16) -> TransportRequest {
    TransportRequest {
        endpoint: format!("https://localhost:{port}/svc"),
        soap_action: "urn:echo/Echo".into(),
        content_type: "text/xml; charset=utf-8".into(),
        version: SoapVersion::Soap11,
        body: "<e/>".into(),
        operation: "Echo",
    }
}

// One test, because the second half points the platform verifier at the test CA through
// `SSL_CERT_FILE` (read when a transport is built), which must not leak into the first.
#[tokio::test]
async fn https_verifies_certificates_and_offers_alpn() {
    // The test CA is not trusted: the handshake fails while connecting.
    let transport = HttpTransport::new().unwrap();
    let (port, server) = serve_once();
    let err = transport.send(request(port)).await.unwrap_err();
    let seen = server.join().unwrap();
    match &err {
        TransportError::Connect(message) => {
            assert!(message.contains("certificate"), "{message}")
        }
        other => panic!("expected a connect error, got {other:?}"),
    }
    assert!(seen.error.is_some(), "{seen:?}");
    assert_eq!(seen.server_name.as_deref(), Some("localhost"));
    let offered: &[&[u8]] = if cfg!(feature = "http2") {
        &[b"h2", b"http/1.1"]
    } else {
        &[b"http/1.1"]
    };
    assert_eq!(seen.alpn_offered, offered);

    // With the test CA as the system's roots, the request goes through.
    let ca = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tls/ca.pem");
    std::env::set_var("SSL_CERT_FILE", ca);
    let transport = HttpTransport::new().unwrap();
    let (port, server) = serve_once();
    let response = transport.send(request(port)).await.unwrap();
    let seen = server.join().unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, b"<ok/>");
    assert_eq!(seen.error, None);
    assert_eq!(seen.negotiated.as_deref(), Some(&b"http/1.1"[..]));
    assert!(
        seen.request_head.starts_with("POST /svc HTTP/1.1\r\n"),
        "{}",
        seen.request_head
    );
}
