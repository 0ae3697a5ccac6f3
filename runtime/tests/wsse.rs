//! WS-Security UsernameToken: what the verifier accepts and refuses (with the WSS fault codes),
//! and a client and server using it end to end, in SOAP 1.1 and 1.2.

mod common;

use std::future::Future;
use std::time::{Duration, SystemTime};

use common::{EchoBinding, EchoImpl, Text, ECHO};
use soap_runtime::__private::*;
use soap_runtime::wsse::{
    password_digest, MemoryNonceStore, PasswordLookup, PasswordType, SecurityError, TokenPolicy,
    UsernameToken, UsernameTokenVerifier, WsseFaultCode, PASSWORD_DIGEST, WSSE_NS,
};

struct Users;

impl PasswordLookup for Users {
    async fn password(&self, username: &str) -> Option<String> {
        (username == "alice").then(|| "s3cret".to_owned())
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

/// The header blocks of a request carrying `security` (raw XML placed in `soap:Header`).
fn blocks(version: SoapVersion, security: &str) -> Vec<HeaderBlock> {
    let ns = version.envelope_namespace();
    let xml =
        format!("<s:Envelope xmlns:s='{ns}'><s:Header>{security}</s:Header><s:Body/></s:Envelope>");
    Envelope::parse(&xml).unwrap().header_nodes().to_vec()
}

/// The `Security` header `token` writes (through a real request envelope).
fn written(token: &UsernameToken, version: SoapVersion) -> Vec<HeaderBlock> {
    let mut w = XmlWriter::new();
    token.write(&mut w, version);
    blocks(version, &w.into_string())
}

fn verify(
    verifier: &UsernameTokenVerifier<Users>,
    blocks: &[HeaderBlock],
    at: SystemTime,
) -> Result<Option<String>, SecurityError> {
    block_on(verifier.verify(blocks, SoapVersion::Soap11, at))
}

fn code(result: Result<Option<String>, SecurityError>) -> WsseFaultCode {
    result.expect_err("refused").code
}

#[test]
fn text_and_digest_tokens_are_accepted_once() {
    let verifier = UsernameTokenVerifier::new(Users);
    let now = SystemTime::now();
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let text = written(&UsernameToken::text("alice", "s3cret"), version);
        assert_eq!(
            verify(&verifier, &text, now).unwrap().as_deref(),
            Some("alice")
        );
        let token =
            UsernameToken::digest("alice", "s3cret").with_timestamp(Duration::from_secs(60));
        let digest = written(&token, version);
        assert_eq!(
            verify(&verifier, &digest, now).unwrap().as_deref(),
            Some("alice")
        );
        // The same message again: its nonce is remembered.
        assert_eq!(
            code(verify(&verifier, &digest, now)),
            WsseFaultCode::FailedAuthentication
        );
    }
}

#[test]
fn wrong_credentials_fail_alike() {
    let verifier = UsernameTokenVerifier::new(Users);
    let now = SystemTime::now();
    let wrong = verify(
        &verifier,
        &written(
            &UsernameToken::digest("alice", "guess"),
            SoapVersion::Soap11,
        ),
        now,
    )
    .unwrap_err();
    let unknown = verify(
        &verifier,
        &written(
            &UsernameToken::text("mallory", "s3cret"),
            SoapVersion::Soap11,
        ),
        now,
    )
    .unwrap_err();
    assert_eq!(wrong, unknown, "the reason does not tell which");
    assert_eq!(wrong.code, WsseFaultCode::FailedAuthentication);
    assert!(!wrong.to_string().contains("guess"));
}

#[test]
fn times_outside_the_window_expire() {
    let verifier = UsernameTokenVerifier::new(Users)
        .clock_skew(Duration::from_secs(10))
        .freshness(Duration::from_secs(60));
    let token = UsernameToken::digest("alice", "s3cret").with_timestamp(Duration::from_secs(30));
    let sent = SystemTime::now();
    // Within skew + freshness of its Created: fine; later: expired (the timestamp's Expires
    // passes first).
    let fresh = written(&token, SoapVersion::Soap11);
    assert!(verify(&verifier, &fresh, sent + Duration::from_secs(35)).is_ok());
    let late = written(&token, SoapVersion::Soap11);
    assert_eq!(
        code(verify(&verifier, &late, sent + Duration::from_secs(41))),
        WsseFaultCode::MessageExpired
    );
    // Without a timestamp, Created alone decides.
    let token = UsernameToken::digest("alice", "s3cret");
    let old = written(&token, SoapVersion::Soap11);
    assert_eq!(
        code(verify(&verifier, &old, sent + Duration::from_secs(75))),
        WsseFaultCode::MessageExpired
    );
    let future = written(&token, SoapVersion::Soap11);
    assert_eq!(
        code(verify(&verifier, &future, sent - Duration::from_secs(20))),
        WsseFaultCode::MessageExpired
    );
}

#[test]
fn what_the_verifier_requires() {
    let now = SystemTime::now();
    let verifier = UsernameTokenVerifier::new(Users);
    // No Security header at all, or one for another actor.
    assert_eq!(
        code(verify(&verifier, &[], now)),
        WsseFaultCode::InvalidSecurity
    );
    let other_actor = format!(
        "<wsse:Security xmlns:wsse='{WSSE_NS}' xmlns:s='http://schemas.xmlsoap.org/soap/envelope/' \
         s:actor='urn:gateway'><wsse:UsernameToken><wsse:Username>alice</wsse:Username>\
         <wsse:Password>s3cret</wsse:Password></wsse:UsernameToken></wsse:Security>"
    );
    assert_eq!(
        code(verify(
            &verifier,
            &blocks(SoapVersion::Soap11, &other_actor),
            now
        )),
        WsseFaultCode::InvalidSecurity
    );
    // Without `Type` the password is text (the profile's default).
    let plain = other_actor.replace(" s:actor='urn:gateway'", "");
    assert!(verify(&verifier, &blocks(SoapVersion::Soap11, &plain), now).is_ok());
    // Not required: let through.
    let optional = UsernameTokenVerifier::new(Users).require_token(false);
    assert_eq!(verify(&optional, &[], now), Ok(None));
    // Text refused when only digests are accepted.
    let digests_only = UsernameTokenVerifier::new(Users).accept_text(false);
    let text = written(&UsernameToken::text("alice", "s3cret"), SoapVersion::Soap11);
    assert_eq!(
        code(verify(&digests_only, &text, now)),
        WsseFaultCode::UnsupportedSecurityToken
    );
    // A timestamp when one is required.
    let strict = UsernameTokenVerifier::new(Users).require_timestamp(true);
    let bare = written(
        &UsernameToken::digest("alice", "s3cret"),
        SoapVersion::Soap11,
    );
    assert_eq!(
        code(verify(&strict, &bare, now)),
        WsseFaultCode::InvalidSecurity
    );
    // A digest without nonce and Created cannot be checked for replay.
    let created = "2030-01-01T00:00:00Z";
    let no_nonce = format!(
        "<wsse:Security xmlns:wsse='{WSSE_NS}'><wsse:UsernameToken>\
         <wsse:Username>alice</wsse:Username>\
         <wsse:Password Type='{PASSWORD_DIGEST}'>{}</wsse:Password>\
         </wsse:UsernameToken></wsse:Security>",
        password_digest(b"", created, "s3cret")
    );
    assert_eq!(
        code(verify(
            &verifier,
            &blocks(SoapVersion::Soap11, &no_nonce),
            now
        )),
        WsseFaultCode::InvalidSecurity
    );
    // A `Type` written as a QName, as some stacks send it; a malformed header.
    let qname_type = plain.replace(
        "<wsse:Password>",
        "<wsse:Password Type='wsse:PasswordText'>",
    );
    assert!(verify(&verifier, &blocks(SoapVersion::Soap11, &qname_type), now).is_ok());
    let hex = written(
        &UsernameToken::digest("alice", "s3cret"),
        SoapVersion::Soap11,
    );
    let hex_xml = hex[0].element.xml.replace("#Base64Binary", "#HexBinary");
    assert_eq!(
        code(verify(
            &verifier,
            &blocks(SoapVersion::Soap11, &hex_xml),
            now
        )),
        WsseFaultCode::UnsupportedSecurityToken
    );
    let no_user = plain.replace("<wsse:Username>alice</wsse:Username>", "");
    assert_eq!(
        code(verify(
            &verifier,
            &blocks(SoapVersion::Soap11, &no_user),
            now
        )),
        WsseFaultCode::InvalidSecurity
    );
}

#[test]
fn faults_carry_the_wss_codes() {
    let error = SecurityError {
        code: WsseFaultCode::FailedAuthentication,
        reason: "authentication failed".into(),
    };
    let code = QName::new(WSSE_NS, "FailedAuthentication");
    let v11 = error.to_fault(SoapVersion::Soap11);
    assert_eq!(v11.code, FaultCode::Other(Box::new(code.clone())));
    let v12 = error.to_fault(SoapVersion::Soap12);
    assert_eq!(
        (v12.code, v12.subcode.as_deref()),
        (FaultCode::Sender, Some(&code))
    );
    // Written and read back as the client sees them.
    let xml = v11.to_envelope(SoapVersion::Soap11);
    assert!(xml.contains(":FailedAuthentication</faultcode>"), "{xml}");
}

// --- end to end: a client with a token and a server with a verifier -------------------------

fn server(verifier: Option<UsernameTokenVerifier<Users>>) -> Server<EchoBinding, EchoImpl> {
    let server = Server::new(EchoImpl);
    match verifier {
        Some(v) => server.with_security(v),
        None => server,
    }
}

async fn call(
    server: Server<EchoBinding, EchoImpl>,
    version: SoapVersion,
    token: Option<UsernameToken>,
) -> Result<String, ClientError> {
    let mut core = ClientCore::new(Loopback(server), "http://echo.invalid/", version);
    core.set_security(token);
    let request = Message::<_, ()>::new(Text {
        text: "hello".into(),
    });
    let response: Message<Text, ()> = core.call(&ECHO, request).await?;
    Ok(response.body.text)
}

#[test]
fn client_and_server_end_to_end() {
    block_on(async {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let secured = server(Some(UsernameTokenVerifier::with_nonce_store(
                Users,
                MemoryNonceStore::new(),
            )));
            let digest =
                UsernameToken::digest("alice", "s3cret").with_timestamp(Duration::from_secs(60));
            assert_eq!(
                call(secured.clone(), version, Some(digest.clone()))
                    .await
                    .unwrap(),
                "hello"
            );
            // A fresh nonce per message: calling again works.
            assert_eq!(
                call(secured.clone(), version, Some(digest)).await.unwrap(),
                "hello"
            );
            // Refused: the WSS code reaches the client.
            let err = call(
                secured.clone(),
                version,
                Some(UsernameToken::text("alice", "nope")),
            )
            .await
            .unwrap_err();
            let ClientError::Fault { fault, .. } = &err else {
                panic!("expected a fault, got {err:?}");
            };
            let expected = QName::new(WSSE_NS, "FailedAuthentication");
            match version {
                SoapVersion::Soap11 => assert_eq!(fault.code, FaultCode::Other(Box::new(expected))),
                SoapVersion::Soap12 => assert_eq!(fault.subcode.as_deref(), Some(&expected)),
            }
            let err = call(secured, version, None).await.unwrap_err();
            assert!(err.to_string().contains("no wsse:Security header"), "{err}");
            // Without a verifier, a Security header marked mustUnderstand is a MustUnderstand
            // fault; unmarked, it is ignored.
            let token = UsernameToken::text("alice", "s3cret");
            let err = call(server(None), version, Some(token.clone()))
                .await
                .unwrap_err();
            let ClientError::Fault { fault, .. } = &err else {
                panic!("expected a fault, got {err:?}");
            };
            assert_eq!(fault.code, FaultCode::MustUnderstand);
            let unmarked = token.must_understand(false);
            assert_eq!(
                call(server(None), version, Some(unmarked)).await.unwrap(),
                "hello"
            );
        }
    });
}

/// The echo binding with a WS-SecurityPolicy asking for a digest and a timestamp, as the
/// generator emits it for `sp:UsernameToken` with `sp:HashPassword` and `sp:IncludeTimestamp`.
struct PolicyBinding;

impl Binding for PolicyBinding {
    type RequestHeaders = ();
    type ResponseHeaders = ();
    const PORT_TYPE: &'static str = "Echo";
    const ENDPOINT: &'static str = "http://echo.invalid/";
    const VERSION: SoapVersion = SoapVersion::Soap11;
    const OPERATIONS: &'static [&'static OperationInfo] = &[&ECHO];
    const USERNAME_TOKEN: Option<TokenPolicy> = Some(TokenPolicy {
        digest: true,
        timestamp: true,
    });
}

impl Dispatch<EchoImpl> for PolicyBinding {
    async fn dispatch(service: &EchoImpl, call: ServerCall<'_>) -> ServerResponse {
        <EchoBinding as Dispatch<EchoImpl>>::dispatch(service, call).await
    }
}

#[test]
fn credentials_follow_the_binding_policy() {
    // A server that accepts only digests with a timestamp: what the policy asks for.
    let strict = || {
        Server::<PolicyBinding, _>::new(EchoImpl).with_security(
            UsernameTokenVerifier::new(Users)
                .accept_text(false)
                .require_timestamp(true),
        )
    };
    let client =
        Client::<PolicyBinding, _>::with_endpoint(Loopback(strict()), "http://echo.invalid/")
            .with_credentials("alice", "s3cret");
    let token = client.core().security().expect("a token");
    assert_eq!(token.password_type(), PasswordType::Digest);
    let request = Message::<_, ()>::new(Text { text: "hi".into() });
    let response: Result<Message<Text, ()>, _> = block_on(client.call(&ECHO, request.clone()));
    assert_eq!(response.unwrap().body.text, "hi");
    // The echo binding has no policy: the same credentials go as text without a timestamp,
    // which this server refuses.
    let plain = Client::<EchoBinding, _>::with_endpoint(Loopback(strict()), "http://echo.invalid/")
        .with_credentials("alice", "s3cret");
    assert_eq!(
        plain.core().security().unwrap().password_type(),
        PasswordType::Text
    );
    let core = plain.core();
    let err = block_on(core.call::<_, (), Text, ()>(&ECHO, request)).unwrap_err();
    let ClientError::Fault { fault, .. } = &err else {
        panic!("expected a fault, got {err:?}");
    };
    assert!(fault.to_string().contains(WSSE_NS), "{fault}");
}

struct EmptyPasswords;

impl PasswordLookup for EmptyPasswords {
    async fn password(&self, _username: &str) -> Option<String> {
        Some(String::new())
    }
}

struct BrokenStore;

impl soap_runtime::wsse::NonceStore for BrokenStore {
    async fn remember(&self, _nonce: &[u8], _until: SystemTime) -> Result<bool, String> {
        Err("database is locked".into())
    }
}

#[test]
fn headers_the_verifier_must_not_accept() {
    let now = SystemTime::now();
    let verifier = UsernameTokenVerifier::new(Users);
    let token = |extra: &str, password: &str| {
        format!(
            "<wsse:Security xmlns:wsse='{WSSE_NS}' \
             xmlns:wsu='http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd'>\
             {extra}<wsse:UsernameToken><wsse:Username>alice</wsse:Username>\
             <wsse:Password>{password}</wsse:Password></wsse:UsernameToken></wsse:Security>"
        )
    };
    let check = |xml: String| verify(&verifier, &blocks(SoapVersion::Soap11, &xml), now);
    assert!(check(token("", "s3cret")).is_ok());
    // A signature the verifier cannot check: refused rather than claimed as understood.
    let signed = token(
        "<ds:Signature xmlns:ds='http://www.w3.org/2000/09/xmldsig#'/>",
        "s3cret",
    );
    assert_eq!(code(check(signed)), WsseFaultCode::UnsupportedSecurityToken);
    // A timestamp expiring before it was created, or with two Expires.
    let backwards = "<wsu:Timestamp><wsu:Created>2030-01-01T00:00:10Z</wsu:Created>\
                     <wsu:Expires>2030-01-01T00:00:00Z</wsu:Expires></wsu:Timestamp>";
    assert_eq!(
        code(check(token(backwards, "s3cret"))),
        WsseFaultCode::InvalidSecurity
    );
    let twice = "<wsu:Timestamp><wsu:Expires>2099-01-01T00:00:00Z</wsu:Expires>\
                 <wsu:Expires>2000-01-01T00:00:00Z</wsu:Expires></wsu:Timestamp>";
    assert_eq!(
        code(check(token(twice, "s3cret"))),
        WsseFaultCode::InvalidSecurity
    );
    // An empty password never authenticates, even when the lookup stores one.
    let empty = UsernameTokenVerifier::new(EmptyPasswords);
    let xml = token("", "");
    assert_eq!(
        code(block_on(empty.verify(
            &blocks(SoapVersion::Soap11, &xml),
            SoapVersion::Soap11,
            now
        ))),
        WsseFaultCode::FailedAuthentication
    );
    // A SOAP 1.2 role URI in a SOAP 1.1 actor is another node's header.
    let other = token("", "s3cret").replace(
        "<wsse:Security ",
        "<wsse:Security xmlns:s='http://schemas.xmlsoap.org/soap/envelope/' \
         s:actor='http://www.w3.org/2003/05/soap-envelope/role/next' ",
    );
    assert_eq!(code(check(other)), WsseFaultCode::InvalidSecurity);
    // A nonce store that fails: the server's problem (a Receiver fault), not the client's.
    let broken = UsernameTokenVerifier::with_nonce_store(Users, BrokenStore);
    let digest = written(
        &UsernameToken::digest("alice", "s3cret"),
        SoapVersion::Soap12,
    );
    let err = block_on(broken.verify(&digest, SoapVersion::Soap12, now)).unwrap_err();
    assert_eq!(err.code, WsseFaultCode::Unavailable);
    assert_eq!(err.to_fault(SoapVersion::Soap12).code, FaultCode::Receiver);
    assert!(!err.to_string().contains("locked"));
}

#[test]
fn a_server_requires_what_its_binding_policy_says() {
    // The verifier's defaults accept text passwords without timestamps; the binding's policy
    // (digest, timestamp) is added on top.
    let server =
        Server::<PolicyBinding, _>::new(EchoImpl).with_security(UsernameTokenVerifier::new(Users));
    let text = block_on(call_with(
        server.clone(),
        UsernameToken::text("alice", "s3cret"),
    ));
    assert!(matches!(text, Err(ClientError::Fault { .. })), "{text:?}");
    let token = UsernameToken::digest("alice", "s3cret").with_timestamp(Duration::from_secs(60));
    assert_eq!(block_on(call_with(server, token)).unwrap(), "hi");
}

async fn call_with(
    server: Server<PolicyBinding, EchoImpl>,
    token: UsernameToken,
) -> Result<String, ClientError> {
    let mut core = ClientCore::new(
        Loopback(server),
        "http://echo.invalid/",
        SoapVersion::Soap11,
    );
    core.set_security(Some(token));
    let request = Message::<_, ()>::new(Text { text: "hi".into() });
    let response: Message<Text, ()> = core.call(&ECHO, request).await?;
    Ok(response.body.text)
}
