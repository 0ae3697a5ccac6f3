//! Response bodies of [`HttpTransport`](super::HttpTransport): collected whole, or handed to a
//! decoder on a blocking thread while they arrive, within the size cap either way.

use std::io::{self, BufRead, Read};

use bytes::Bytes;
use tokio::sync::mpsc;

use super::client::{body_error, other};
use crate::client::{ResponseBody, TransportError};

/// A successful body that grows past this is decoded as it arrives; smaller ones (and every
/// other status) are decoded from memory, which costs no thread hand-over.
pub(super) const STREAM_AFTER: usize = 256 * 1024;

/// Chunks in flight between the connection and the decoder: memory stays bounded when the
/// network is faster than decoding.
const CHUNKS_IN_FLIGHT: usize = 8;

/// Reads the whole body, failing once it exceeds `max` bytes.
pub(super) async fn collect(
    response: &mut reqwest::Response,
    max: usize,
) -> Result<Vec<u8>, TransportError> {
    let mut body = Vec::with_capacity(initial_capacity(response));
    while let Some(chunk) = response.chunk().await.map_err(body_error)? {
        push_within(&mut body, &chunk, max)?;
    }
    Ok(body)
}

/// Runs `decode` on the body: from memory when it ends (or the status is not 2xx) before
/// [`STREAM_AFTER`] bytes, else on a blocking thread fed chunk by chunk. A failure to receive
/// the body, or a body over `max` bytes, is the result even when the decoder finished.
pub(super) async fn decode<T, F>(
    mut response: reqwest::Response,
    max: usize,
    decode: F,
) -> Result<T, TransportError>
where
    T: Send + 'static,
    F: FnOnce(u16, ResponseBody<'_>) -> T + Send + 'static,
{
    let status = response.status().as_u16();
    let may_stream = (200..300).contains(&status);
    let mut head = Vec::with_capacity(initial_capacity(&response));
    loop {
        if may_stream && head.len() >= STREAM_AFTER {
            break;
        }
        match response.chunk().await.map_err(body_error)? {
            Some(chunk) => push_within(&mut head, &chunk, max)?,
            None => return Ok(decode(status, ResponseBody::Complete(&head))),
        }
    }
    let mut received = head.len();
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(CHUNKS_IN_FLIGHT);
    let decoder = tokio::task::spawn_blocking(move || {
        let mut reader = ChannelReader {
            current: Bytes::from(head),
            chunks: rx,
        };
        decode(status, ResponseBody::Streaming(&mut reader))
    });
    let mut failed = None;
    loop {
        let chunk = tokio::select! {
            chunk = response.chunk() => chunk,
            // The decoder is done (it may stop early, on an error): stop receiving.
            () = tx.closed() => break,
        };
        let cut = |why: &str| Err(io::Error::other(why.to_owned()));
        match chunk {
            Ok(Some(chunk)) if chunk.len() > max - received => {
                failed = Some(too_large(max));
                let _ = tx.send(cut("response body too large")).await;
                break;
            }
            Ok(Some(chunk)) => {
                received += chunk.len();
                if tx.send(Ok(chunk)).await.is_err() {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                failed = Some(body_error(e));
                let _ = tx.send(cut("response body cut off")).await;
                break;
            }
        }
    }
    // The end of the body for the decoder.
    drop(tx);
    let decoded = decoder.await;
    // A failure to receive the body explains whatever the decoder made of it.
    if let Some(e) = failed {
        return Err(e);
    }
    decoded.map_err(|_| other("the response decoder stopped unexpectedly"))
}

fn too_large(max: usize) -> TransportError {
    other(format!("response body exceeds {max} bytes"))
}

/// The declared length, trusted only up to 1 MiB for the first allocation.
fn initial_capacity(response: &reqwest::Response) -> usize {
    response.content_length().unwrap_or(0).min(1 << 20) as usize
}

fn push_within(body: &mut Vec<u8>, chunk: &[u8], max: usize) -> Result<(), TransportError> {
    if chunk.len() > max - body.len() {
        return Err(too_large(max));
    }
    body.extend_from_slice(chunk);
    Ok(())
}

/// The body as a blocking [`BufRead`] over the chunks the connection task sends.
struct ChannelReader {
    current: Bytes,
    chunks: mpsc::Receiver<io::Result<Bytes>>,
}

impl BufRead for ChannelReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.current.is_empty() {
            match self.chunks.blocking_recv() {
                Some(chunk) => self.current = chunk?,
                None => break,
            }
        }
        Ok(&self.current)
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.current.len());
        self.current = self.current.slice(n..);
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}
