//! `HttpTransport` decoding large successful responses while they arrive: the same values as
//! from memory, an error found before the body ends returned at once, and the size cap and
//! broken connections still reported as transport errors.
#![cfg(all(feature = "http-client", feature = "http-server"))]

mod common;

use std::time::Duration;

use common::*;
use soap_runtime::__private::*;
use soap_runtime::{HttpTransport, SoapHttpServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Past the transport's 256 KiB threshold for decoding while receiving.
const LARGE: usize = 600 * 1024;

const ENVELOPE_START: &str = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'>\
                              <s:Body><e:EchoResponse xmlns:e='urn:echo'><e:text>";
const ENVELOPE_END: &str = "</e:text></e:EchoResponse></s:Body></s:Envelope>";

/// Answers one connection with `head` (status line and headers, without the blank line), then
/// the `parts` with `pause` before each, then holds the connection open for `hold`.
async fn serve_raw(
    listener: TcpListener,
    head: String,
    parts: Vec<Vec<u8>>,
    pause: Duration,
    hold: Duration,
) {
    let Ok((mut socket, _)) = listener.accept().await else {
        return;
    };
    // The request is small: its head and body arrive in the first reads.
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    if socket
        .write_all(format!("{head}\r\n\r\n").as_bytes())
        .await
        .is_err()
    {
        return;
    }
    for part in parts {
        tokio::time::sleep(pause).await;
        if socket.write_all(&part).await.is_err() {
            return;
        }
    }
    tokio::time::sleep(hold).await;
}

/// One HTTP/1.1 chunk.
fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

fn client(url: String, max_response: usize, timeout: Duration) -> ClientCore<HttpTransport> {
    let transport = HttpTransport::builder()
        .timeout(timeout)
        .max_response_size(max_response)
        .build()
        .unwrap();
    ClientCore::new(transport, url, SoapVersion::Soap11)
}

#[tokio::test]
async fn large_responses_round_trip() {
    let server = SoapHttpServer::new(Echo).max_body_size(4 * LARGE);
    let url = start_server(server).await;
    let client = client(url, 4 * LARGE, Duration::from_secs(30));
    // Escaped characters and multi-byte ones across chunk boundaries.
    let text: String = (0..LARGE / 16)
        .map(|i| format!("{i:06} <&> é€ 𝄞"))
        .collect();
    assert!(text.len() > LARGE);
    assert_eq!(echo(&client, &text).await.unwrap(), text);
    // Small answers of the same client still decode from memory.
    assert_eq!(echo(&client, "small").await.unwrap(), "small");
}

#[tokio::test]
async fn an_error_early_in_a_large_body_is_returned_before_it_ends() {
    let (listener, addr) = listen().await;
    // A chunked body: a large valid start, then a mismatched end tag, then nothing more for
    // longer than the client's timeout. Decoding from memory would wait for the end and time
    // out; decoding while receiving fails at the end tag.
    let mut start = ENVELOPE_START.as_bytes().to_vec();
    start.extend(std::iter::repeat_n(b'x', LARGE));
    let parts = vec![chunk(&start), chunk(b"</wrong>")];
    let head = "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ntransfer-encoding: chunked".to_owned();
    tokio::spawn(serve_raw(
        listener,
        head,
        parts,
        Duration::ZERO,
        Duration::from_secs(60),
    ));
    let client = client(
        format!("http://{addr}/"),
        4 * LARGE,
        Duration::from_secs(20),
    );
    let err = echo(&client, "x").await.unwrap_err();
    match &err {
        ClientError::Decode { source, .. } => {
            assert_eq!(source.kind(), DecodeErrorKind::Malformed, "{source}");
            assert!(source.position().is_some(), "{source}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_size_cap_holds_while_streaming() {
    let (listener, addr) = listen().await;
    // No declared length: the cap is found while the body is being decoded.
    let mut body = ENVELOPE_START.as_bytes().to_vec();
    body.extend(std::iter::repeat_n(b'y', 2 * LARGE));
    body.extend_from_slice(ENVELOPE_END.as_bytes());
    let parts = body
        .chunks(64 * 1024)
        .map(chunk)
        .chain([chunk(b"")])
        .collect();
    let head = "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ntransfer-encoding: chunked".to_owned();
    tokio::spawn(serve_raw(
        listener,
        head,
        parts,
        Duration::ZERO,
        Duration::ZERO,
    ));
    let client = client(format!("http://{addr}/"), LARGE, Duration::from_secs(20));
    let err = echo(&client, "x").await.unwrap_err();
    assert!(matches!(err, ClientError::Transport { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains(&format!("response body exceeds {LARGE} bytes")),
        "{err}"
    );
}

#[tokio::test]
async fn a_connection_lost_while_streaming_is_a_transport_error() {
    let (listener, addr) = listen().await;
    // A declared length the server never delivers: it closes after part of the body, slowly
    // enough that the decoder is waiting for more.
    let mut start = ENVELOPE_START.as_bytes().to_vec();
    start.extend(std::iter::repeat_n(b'z', LARGE));
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: {}",
        4 * LARGE
    );
    let parts = start.chunks(100 * 1024).map(<[u8]>::to_vec).collect();
    tokio::spawn(serve_raw(
        listener,
        head,
        parts,
        Duration::from_millis(20),
        Duration::ZERO,
    ));
    let client = client(
        format!("http://{addr}/"),
        8 * LARGE,
        Duration::from_secs(20),
    );
    let err = echo(&client, "x").await.unwrap_err();
    match &err {
        ClientError::Transport {
            source: TransportError::Io(message),
            ..
        } => assert!(message.contains("reading the response body"), "{message}"),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}
