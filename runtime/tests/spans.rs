//! `tracing` spans of client calls (`soap.call`) and dispatched requests (`soap.request`):
//! their fields, and that credentials and secrets never reach the log.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{EchoBinding, EchoImpl, Text, ECHO};
use soap_runtime::__private::*;
use soap_runtime::wsse::{PasswordLookup, UsernameToken, UsernameTokenVerifier};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

struct Users;

impl PasswordLookup for Users {
    async fn password(&self, username: &str) -> Option<String> {
        (username == "alice").then(|| "s3cret".to_owned())
    }
}

/// Runs one call with `password` and returns the log lines.
fn logged_call(password: &str) -> (bool, String) {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .finish();
    let ok = tracing::subscriber::with_default(subscriber, || {
        let server = Server::<EchoBinding, _>::new(EchoImpl)
            .with_security(UsernameTokenVerifier::new(Users));
        let mut core = ClientCore::new(
            Loopback(server),
            "http://user:pw@echo.invalid/svc?key=k1",
            SoapVersion::Soap11,
        );
        core.set_security(Some(
            UsernameToken::digest("alice", password).with_timestamp(Duration::from_secs(60)),
        ));
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(async {
                let request = Message::<_, ()>::new(Text {
                    text: "hello secret-body".into(),
                });
                core.call::<_, (), Text, ()>(&ECHO, request).await.is_ok()
            })
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    (ok, log)
}

#[test]
fn calls_and_requests_are_traced_without_secrets() {
    let (ok, log) = logged_call("s3cret");
    assert!(ok, "{log}");
    let call = log
        .lines()
        .find(|l| l.contains("soap_runtime::client: close"))
        .expect(&log);
    for field in [
        "operation=\"Echo\"",
        "endpoint=http://***@echo.invalid/svc",
        "soap_version=\"1.1\"",
        "http_status=200",
        "outcome=\"ok\"",
        "request_bytes=",
        "response_bytes=",
        "duration_ms=",
    ] {
        assert!(call.contains(field), "{field} missing in {call}");
    }
    let request = log
        .lines()
        .find(|l| l.contains("soap_runtime::service: close"))
        .expect(&log);
    for field in [
        "port_type=\"Echo\"",
        "operation=\"Echo\"",
        "http_status=200",
    ] {
        assert!(request.contains(field), "{field} missing in {request}");
    }
    for secret in ["s3cret", "pw@", "k1", "secret-body"] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }

    let (ok, log) = logged_call("wrong");
    assert!(!ok);
    let call = log
        .lines()
        .find(|l| l.contains("soap_runtime::client: close"))
        .expect(&log);
    assert!(call.contains("outcome=\"fault\""), "{call}");
    assert!(call.contains("http_status=500"), "{call}");
    assert!(call.contains("FailedAuthentication"), "{call}");
    assert!(!log.contains("wrong"), "{log}");
}
