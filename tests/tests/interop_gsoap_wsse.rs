//! Interop: the generated Rust client with a WS-Security UsernameToken against a gSOAP server
//! that verifies the token with gSOAP's wsse plugin (`interop/gsoap-wsse`), over real HTTP on
//! loopback, in SOAP 1.1 (the WSDL's binding). The peer is built by `scripts/test` (or
//! `interop/gsoap-wsse/build.sh`) and found through `$GSOAP_WSSE_SERVER`.
//!
//! The peer's only account is `alice` / `s3cret pass`. It reports how a request
//! authenticated in the `ExtraInfo` response header (`password`: `text` or `digest`,
//! `timestamp`: `yes` or `no`).

use std::sync::Mutex;
use std::time::Duration;

use soap_runtime::wsse::{UsernameToken, WSSE_NS, WSU_NS};
use soap_runtime::{
    ClientError, FaultCode, HttpTransport, Message, QName, Transport, TransportError,
    TransportRequest, TransportResponse,
};
use wsdl_codegen_tests::all::user_client::{UserApi, UserClient};
use wsdl_codegen_tests::all::{
    GetExternalTokens, SaveExternalTokens, SoExtraInfo, SoTimeZone, TokenManagementInfo,
    UserRequestHeaders,
};
use wsdl_codegen_tests::support::{block_on, GsoapPeer};

const USER: &str = "alice";
const PASSWORD: &str = "s3cret pass";

fn start_peer() -> GsoapPeer {
    GsoapPeer::start("GSOAP_WSSE_SERVER", "interop/gsoap-wsse/build.sh")
}

/// One HTTP exchange as it went over the wire.
#[derive(Clone)]
struct Exchange {
    request: String,
    status: u16,
    response: String,
}

/// What the recording transport does besides recording.
#[derive(Clone, Copy, PartialEq)]
enum Tamper {
    /// Nothing.
    No,
    /// Sends every request twice, as an eavesdropper replaying a captured message would; the
    /// client gets the second answer.
    Replay,
    /// Backdates the `wsu:Timestamp`'s `Expires` to 2001 (the digest does not cover it).
    Expire,
}

/// Records the raw envelopes exchanged, after tampering with them as `tamper` says.
struct Recording {
    inner: HttpTransport,
    tamper: Tamper,
    exchanged: Mutex<Vec<Exchange>>,
}

impl Recording {
    async fn send_once(
        &self,
        request: TransportRequest,
    ) -> Result<TransportResponse, TransportError> {
        let sent = request.body.clone();
        let response = self.inner.send(request).await?;
        if let Ok(mut all) = self.exchanged.lock() {
            all.push(Exchange {
                request: sent,
                status: response.status,
                response: String::from_utf8_lossy(&response.body).into_owned(),
            });
        }
        Ok(response)
    }
}

impl Transport for Recording {
    fn effective_endpoint<'a>(&'a self, endpoint: &'a str) -> std::borrow::Cow<'a, str> {
        self.inner.effective_endpoint(endpoint)
    }

    async fn send(
        &self,
        mut request: TransportRequest,
    ) -> Result<TransportResponse, TransportError> {
        match self.tamper {
            Tamper::No => {}
            Tamper::Replay => {
                self.send_once(request.clone()).await?;
            }
            Tamper::Expire => {
                let start = request.body.find("<wsu:Expires>").expect("an Expires") + 13;
                let len = request.body[start..].find('<').expect("Expires end tag");
                request
                    .body
                    .replace_range(start..start + len, "2001-01-01T00:00:00Z");
            }
        }
        self.send_once(request).await
    }
}

fn client(url: &str, token: Option<UsernameToken>, tamper: Tamper) -> UserClient<Recording> {
    let transport = Recording {
        inner: HttpTransport::new().expect("HTTP client"),
        tamper,
        exchanged: Mutex::new(Vec::new()),
    };
    let client = UserClient::with_endpoint(transport, url).with_headers(UserRequestHeaders {
        application_token: Some("rust-app-token".into()),
        credentials: None,
        time_zone: Some(SoTimeZone {
            so_time_zone_id: Some(7),
            so_time_zone_location_code: Some("NO".into()),
        }),
    });
    match token {
        Some(token) => client.with_security(token),
        None => client,
    }
}

fn exchanged(client: &UserClient<Recording>) -> Vec<Exchange> {
    client
        .core()
        .transport()
        .exchanged
        .lock()
        .map(|e| e.clone())
        .unwrap_or_default()
}

fn tokens() -> TokenManagementInfo {
    TokenManagementInfo {
        provider: Some("google".into()),
        access_token: Some("access-ÆØÅ-<1>&".into()),
        refresh_token: Some("refresh-1".into()),
        ..Default::default()
    }
}

fn save(client: &UserClient<Recording>) -> Result<(String, SoExtraInfo), ClientError> {
    let saved = block_on(
        client.save_external_tokens(Message::new(SaveExternalTokens {
            token_management_info: Some(tokens()),
        })),
    )?;
    assert_eq!(saved.headers.succeeded, Some(true));
    let extra = saved.headers.extra_info.clone().expect("ExtraInfo header");
    Ok((saved.body.response.clone().expect("a key"), extra))
}

/// SaveExternalTokens then GetExternalTokens: the tokens come back. Returns how the peer said
/// the first request authenticated.
fn save_and_get(client: &UserClient<Recording>) -> SoExtraInfo {
    let (key, extra) = save(client).expect("SaveExternalTokens over HTTP");
    assert_eq!(extra.get("server"), Some(&Some("gsoap-wsse".to_string())));
    assert_eq!(extra.get("user"), Some(&Some(USER.to_string())));
    let got =
        block_on(client.get_external_tokens(Message::new(GetExternalTokens { key: Some(key) })))
            .expect("GetExternalTokens over HTTP");
    assert_eq!(got.body.response, Some(tokens()));
    assert_eq!(got.headers.succeeded, Some(true));
    let tz = got.headers.time_zone.as_ref().expect("TimeZone header");
    assert_eq!(tz.so_time_zone_id, Some(7));
    extra
}

/// No response (success or fault) carries the password or the Security header back.
fn assert_no_secret_in_responses(exchanged: &[Exchange]) {
    assert!(!exchanged.is_empty());
    for e in exchanged {
        for leak in [
            PASSWORD,
            "s3cret",
            ":Security",
            "UsernameToken",
            "wsse:Password",
        ] {
            assert!(
                !e.response.contains(leak),
                "response contains {leak:?}: {}",
                e.response
            );
        }
    }
}

/// `err` is a fault with the SOAP 1.1 faultcode `wsse:FailedAuthentication`, as gSOAP's
/// plugin sends it (HTTP 500).
fn assert_failed_authentication(err: &ClientError) {
    let ClientError::Fault { fault, status, .. } = err else {
        panic!("expected a SOAP fault, got {err:?}");
    };
    assert_eq!(
        fault.code,
        FaultCode::Other(Box::new(QName::new(WSSE_NS, "FailedAuthentication"))),
        "{fault:?}"
    );
    assert_eq!(fault.subcode, None);
    assert_eq!(
        fault.reason,
        "The security token could not be authenticated or authorized"
    );
    assert_eq!(*status, 500);
}

#[test]
fn password_text_token_saves_and_gets_tokens() {
    let peer = start_peer();
    let client = client(
        &peer.url,
        Some(UsernameToken::text(USER, PASSWORD)),
        Tamper::No,
    );
    let extra = save_and_get(&client);
    assert_eq!(extra.get("password"), Some(&Some("text".to_string())));
    assert_eq!(extra.get("timestamp"), Some(&Some("no".to_string())));

    let exchanged = exchanged(&client);
    assert_eq!(exchanged.len(), 2);
    for e in &exchanged {
        assert_eq!(e.status, 200);
        // The password went out as text (escaping aside, it has none), marked mustUnderstand.
        assert!(
            e.request.contains(&format!(">{PASSWORD}</")),
            "{}",
            e.request
        );
        assert!(e.request.contains(":mustUnderstand=\"1\""), "{}", e.request);
    }
    assert_no_secret_in_responses(&exchanged);
}

#[test]
fn password_digest_token_with_timestamp_saves_and_gets_tokens() {
    let peer = start_peer();
    let token = UsernameToken::digest(USER, PASSWORD).with_timestamp(Duration::from_secs(300));
    let client = client(&peer.url, Some(token), Tamper::No);
    let extra = save_and_get(&client);
    // gSOAP took its digest path (Type is #PasswordDigest) and saw the wsu:Timestamp.
    assert_eq!(extra.get("password"), Some(&Some("digest".to_string())));
    assert_eq!(extra.get("timestamp"), Some(&Some("yes".to_string())));

    let exchanged = exchanged(&client);
    assert_eq!(exchanged.len(), 2);
    for e in &exchanged {
        assert_eq!(e.status, 200);
        assert!(!e.request.contains("s3cret"), "{}", e.request);
        assert!(e.request.contains("Timestamp"), "{}", e.request);
    }
    // Each message has its own nonce: the second was not taken for a replay.
    assert_ne!(nonce(&exchanged[0].request), nonce(&exchanged[1].request));
    assert_no_secret_in_responses(&exchanged);
}

fn nonce(request: &str) -> &str {
    let start = request.find(":Nonce").expect("a Nonce");
    let start = start + request[start..].find('>').expect("Nonce start tag end") + 1;
    let len = request[start..].find('<').expect("Nonce end tag");
    &request[start..start + len]
}

#[test]
fn wrong_password_or_user_is_failed_authentication() {
    let peer = start_peer();
    let tokens = [
        UsernameToken::text(USER, "s3cret pas"),
        UsernameToken::digest(USER, "S3cret pass").with_timestamp(Duration::from_secs(300)),
        UsernameToken::text("mallory", PASSWORD),
        UsernameToken::digest("mallory", PASSWORD),
    ];
    for token in tokens {
        let shown = format!("{token:?}");
        let client = client(&peer.url, Some(token), Tamper::No);
        let err = save(&client).expect_err(&shown);
        assert_failed_authentication(&err);
        assert_eq!(
            err.fault().map(|f| f.detail.as_deref()),
            Some(None),
            "{shown}"
        );
        assert_no_secret_in_responses(&exchanged(&client));
    }
}

#[test]
fn no_token_is_a_fault() {
    let peer = start_peer();
    let client = client(&peer.url, None, Tamper::No);
    let err = save(&client).expect_err("no UsernameToken");
    assert_failed_authentication(&err);
    let detail = err.fault().and_then(|f| f.detail.as_deref());
    assert_eq!(detail, Some("Username authentication required"));
    let exchanged = exchanged(&client);
    assert!(!exchanged[0].request.contains("Security"));
    assert_no_secret_in_responses(&exchanged);
}

/// gSOAP remembers the (digest, nonce) pairs it accepted, in its process, and refuses a
/// digest message sent again; a PasswordText token has no nonce to remember and is
/// accepted again.
#[test]
fn gsoap_refuses_a_replayed_digest_but_not_a_replayed_text_token() {
    let peer = start_peer();
    let client_digest = client(
        &peer.url,
        Some(UsernameToken::digest(USER, PASSWORD).with_timestamp(Duration::from_secs(300))),
        Tamper::Replay,
    );
    let err = save(&client_digest).expect_err("a replayed digest");
    assert_failed_authentication(&err);
    let sent = exchanged(&client_digest);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].request, sent[1].request);
    assert_eq!(sent[0].status, 200, "{}", sent[0].response);
    assert_eq!(sent[1].status, 500, "{}", sent[1].response);
    assert_no_secret_in_responses(&sent);

    let client_text = client(
        &peer.url,
        Some(UsernameToken::text(USER, PASSWORD)),
        Tamper::Replay,
    );
    save(&client_text).expect("a replayed text token is accepted");
    let sent = exchanged(&client_text);
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|e| e.status == 200));
    assert_no_secret_in_responses(&sent);
}

/// gSOAP's soap_wsse_verify_Timestamp refuses an `Expires` more than its clock skew (300 s) in
/// the past, with the faultcode `wsu:MessageExpired`: in the utility namespace, where this
/// runtime's verifier says `wsse:MessageExpired` (WSS 1.1 defines both).
#[test]
fn gsoap_refuses_an_expired_timestamp_as_wsu_message_expired() {
    let peer = start_peer();
    let token = UsernameToken::digest(USER, PASSWORD).with_timestamp(Duration::from_secs(300));
    let client = client(&peer.url, Some(token), Tamper::Expire);
    let err = save(&client).expect_err("an expired timestamp");
    let ClientError::Fault { fault, status, .. } = &err else {
        panic!("expected a SOAP fault, got {err:?}");
    };
    assert_eq!(
        fault.code,
        FaultCode::Other(Box::new(QName::new(WSU_NS, "MessageExpired"))),
        "{fault:?}"
    );
    assert_eq!(fault.reason, "Message has expired");
    assert_eq!(fault.detail.as_deref(), Some("2001-01-01T00:00:00Z"));
    assert_eq!(*status, 500);
    assert_no_secret_in_responses(&exchanged(&client));
}
