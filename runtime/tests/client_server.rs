//! ClientCore + Loopback + ServerCall end to end, routing, and client error mapping.

use std::future::Future;
use std::sync::{Arc, Mutex};

use soap_runtime::__private::*;

const NS: &str = "urn:calc";
const HNS: &str = "urn:auth";

/// A hand-written struct in the shape the generator emits.
#[derive(Debug, Clone, PartialEq, Default)]
struct Add {
    a: i32,
    b: Option<i32>,
    note: Option<String>,
    tags: Vec<String>,
}

impl XmlContent for Add {
    fn write_content(&self, w: &mut XmlWriter) {
        w.element(NS, "a", &self.a);
        w.optional(NS, "b", &self.b);
        w.nillable(NS, "note", &self.note);
        w.element_with(NS, "tags", &self.tags, |w, v| w.repeated(NS, "string", v));
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut a = None;
        let mut out = Add::default();
        while r.next_content(false)? == Content::Child {
            if r.is(NS, "a") {
                a = Some(read_required(r)?);
            } else if r.is(NS, "b") {
                out.b = read_optional(r)?;
            } else if r.is(NS, "note") {
                out.note = read_optional(r)?;
            } else if r.is(NS, "tags") {
                out.tags = read_required_with(r, |n| read_items(n, NS, "string"))?;
            } else {
                r.skip()?;
            }
        }
        out.a = a.ok_or_else(|| missing(r, NS, "a"))?;
        Ok(out)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct AddResponse {
    sum: i64,
}

impl XmlContent for AddResponse {
    fn write_content(&self, w: &mut XmlWriter) {
        w.element(NS, "sum", &self.sum);
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut sum = None;
        while r.next_content(false)? == Content::Child {
            if sum.is_none() && r.is(NS, "sum") {
                sum = Some(read_required(r)?);
            } else {
                r.skip()?;
            }
        }
        Ok(AddResponse {
            sum: sum.ok_or_else(|| missing(r, NS, "sum"))?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
struct AuthHeaders {
    token: Option<String>,
}

impl SoapHeaders for AuthHeaders {
    type HeaderSlots = Option<String>;

    const EMPTY_HEADERS: Option<String> = None;

    fn write_headers(&self, w: &mut XmlWriter) {
        w.optional(HNS, "Token", &self.token);
    }

    fn read_block(
        token: &mut Option<String>,
        block: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        if token.is_none() && block.is(HNS, "Token") {
            *token = read_optional(block)?;
            return Ok(true);
        }
        Ok(false)
    }

    fn finish_blocks(token: Option<String>) -> Result<Self, DecodeError> {
        Ok(AuthHeaders { token })
    }

    fn merge_defaults(&mut self, defaults: &Self) {
        if self.token.is_none() {
            self.token.clone_from(&defaults.token);
        }
    }
}

static ADD: OperationInfo = OperationInfo {
    name: "Add",
    soap_action: "urn:calc/Add",
    request: BodyForm::Element(NS, "Add"),
    response: BodyForm::Element(NS, "AddResponse"),
};
static PING: OperationInfo = OperationInfo {
    name: "Ping",
    soap_action: "",
    request: BodyForm::Element(NS, "Ping"),
    response: BodyForm::Element(NS, "PingResponse"),
};
static FAIL: OperationInfo = OperationInfo {
    name: "Fail",
    soap_action: "urn:calc/Fail",
    request: BodyForm::Element(NS, "Fail"),
    response: BodyForm::Element(NS, "FailResponse"),
};
static OPS: &[&OperationInfo] = &[&ADD, &PING, &FAIL];

/// A dispatcher like the generator emits.
struct Calc;

impl SoapService for Calc {
    async fn handle(&self, request: ServerRequest) -> ServerResponse {
        let call = match ServerCall::parse(&request, OPS) {
            Ok(call) => call,
            Err(response) => return response,
        };
        match call.operation_index() {
            0 => {
                call.serve(|m: Message<Add, AuthHeaders>| async move {
                    if m.headers.token.as_deref() != Some("secret-token") {
                        return Err(Fault::sender("unauthorized"));
                    }
                    let sum = i64::from(m.body.a) + i64::from(m.body.b.unwrap_or(0));
                    let sum = sum + m.body.tags.len() as i64;
                    let headers = AuthHeaders {
                        token: Some("renewed".into()),
                    };
                    Ok(Message::new(AddResponse { sum }).with_headers(headers))
                })
                .await
            }
            1 => {
                call.serve(|_: Message<(), ()>| async { Ok(Message::<(), ()>::new(())) })
                    .await
            }
            _ => {
                call.serve(|_: Message<(), ()>| async {
                    Err::<Message<(), ()>, _>(
                        Fault::receiver("it broke").with_detail("<why>because</why>"),
                    )
                })
                .await
            }
        }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

fn assert_send<T: Send>(_: &T) {}

fn add_request() -> Message<Add, AuthHeaders> {
    Message::new(Add {
        a: 40,
        b: Some(1),
        note: None,
        tags: vec!["x".into()],
    })
    .with_headers(AuthHeaders {
        token: Some("secret-token".into()),
    })
}

#[test]
fn round_trip_through_loopback_both_versions() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let client = ClientCore::new(Loopback::new(Calc), "http://localhost/calc", version);
        let response: Message<AddResponse, AuthHeaders> =
            block_on(client.call(&ADD, add_request())).unwrap();
        assert_eq!(response.body, AddResponse { sum: 42 });
        assert_eq!(response.headers.token.as_deref(), Some("renewed"));

        let pong: Message<(), ()> =
            block_on(client.call(&PING, Message::<(), ()>::new(()))).unwrap();
        assert_eq!(pong, Message::new(()));
    }
}

#[test]
fn server_fault_becomes_client_error() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let client = ClientCore::new(Loopback(Calc), "http://e", version);
        let err = block_on(client.call::<(), (), (), ()>(&FAIL, Message::new(()))).unwrap_err();
        let fault = err.fault().expect("fault");
        assert_eq!(fault.code, FaultCode::Receiver);
        assert_eq!(fault.reason, "it broke");
        assert_eq!(fault.detail.as_deref(), Some("<why>because</why>"));
        assert_eq!(
            err.to_string(),
            "Fail at http://e: SOAP fault: Receiver: it broke"
        );

        let mut bad = add_request();
        bad.headers.token = None;
        let err = block_on(client.call::<_, _, AddResponse, AuthHeaders>(&ADD, bad)).unwrap_err();
        assert_eq!(err.fault().map(|f| f.code.clone()), Some(FaultCode::Sender));
    }
}

fn request(version: SoapVersion, action: Option<&str>, body: &str) -> ServerRequest {
    let envelope = write_envelope(version, |_| {}, |w| w.raw(body));
    let (soap_action, content_type) = match version {
        SoapVersion::Soap11 => (action.map(str::to_owned), version.content_type("")),
        SoapVersion::Soap12 => (None, version.content_type(action.unwrap_or(""))),
    };
    ServerRequest {
        body: envelope.into_bytes(),
        soap_action,
        content_type: Some(content_type),
    }
}

#[test]
fn routing_by_action_and_body() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let req = request(version, Some("urn:calc/Fail"), "<Fail xmlns='urn:calc'/>");
        let call = ServerCall::parse(&req, OPS).unwrap();
        assert_eq!(call.operation_index(), 2);
        assert_eq!(call.version(), version);
        // Action wins over the body element.
        let req = request(version, Some("urn:calc/Add"), "<Ping xmlns='urn:calc'/>");
        assert_eq!(ServerCall::parse(&req, OPS).unwrap().operation_index(), 0);
        // No action: body element.
        let req = request(version, None, "<Ping xmlns='urn:calc'/>");
        assert_eq!(ServerCall::parse(&req, OPS).unwrap().operation_index(), 1);
        // Unknown action falls back to the body element; unqualified body matches.
        let req = request(version, Some("urn:other"), "<Fail/>");
        assert_eq!(ServerCall::parse(&req, OPS).unwrap().operation_index(), 2);
    }
    let mut req = request(SoapVersion::Soap11, None, "<x/>");
    req.soap_action = Some("\"urn:calc/Add\"".into());
    assert_eq!(ServerCall::parse(&req, OPS).unwrap().operation_index(), 0);
}

#[test]
fn unknown_operation_is_action_not_supported_fault() {
    for (version, status) in [(SoapVersion::Soap11, 500), (SoapVersion::Soap12, 400)] {
        let req = request(version, Some("urn:nope"), "<Nope xmlns='urn:calc'/>");
        let response = ServerCall::parse(&req, OPS).unwrap_err();
        assert_eq!(response.status, status);
        assert_eq!(response.content_type, version.content_type(""));
        let env = Envelope::parse(&response.body).unwrap();
        assert_eq!(env.version(), version);
        let fault = env.fault().cloned().unwrap();
        assert_eq!(fault.code, FaultCode::Sender);
        assert_eq!(
            fault.reason,
            "no such operation: action 'urn:nope', body element '{urn:calc}Nope'"
        );
        if version == SoapVersion::Soap12 {
            assert_eq!(
                fault.subcode.map(|q| *q),
                Some(QName::new(
                    "http://schemas.microsoft.com/ws/2005/05/addressing/none",
                    "ActionNotSupported"
                ))
            );
        }
    }
}

#[test]
fn garbage_requests_get_fault_in_guessed_version() {
    for (ct, version, status) in [
        (
            "application/soap+xml; charset=utf-8",
            SoapVersion::Soap12,
            400,
        ),
        ("text/xml", SoapVersion::Soap11, 500),
    ] {
        for body in [
            b"<not-closed".to_vec(),
            vec![0xff, 0xfe],
            b"<Root/>".to_vec(),
        ] {
            let req = ServerRequest {
                body,
                soap_action: None,
                content_type: Some(ct.into()),
            };
            let response = ServerCall::parse(&req, OPS).unwrap_err();
            assert_eq!(response.status, status);
            let env = Envelope::parse(&response.body).unwrap();
            assert_eq!(env.version(), version);
            assert_eq!(env.fault().cloned().unwrap().code, FaultCode::Sender);
        }
    }
}

#[test]
fn undecodable_request_is_sender_fault_without_values() {
    let req = request(
        SoapVersion::Soap12,
        Some("urn:calc/Add"),
        "<Add xmlns='urn:calc'><a>topsecret</a></Add>",
    );
    let response = block_on(Calc.handle(req));
    assert_eq!(response.status, 400);
    let fault = Envelope::parse(&response.body)
        .unwrap()
        .fault()
        .cloned()
        .unwrap();
    assert!(
        fault
            .reason
            .starts_with("cannot decode request: invalid xs:int value in element {urn:calc}a"),
        "{}",
        fault.reason
    );
    assert!(!response.body.contains("topsecret"));

    // Routed by action, but the body element is another operation's.
    let req = request(
        SoapVersion::Soap11,
        Some("urn:calc/Add"),
        "<Ping xmlns='urn:calc'/>",
    );
    let response = block_on(Calc.handle(req));
    assert_eq!(response.status, 500);
    assert!(response
        .body
        .contains("unexpected body element {urn:calc}Ping, expected {urn:calc}Add"));
}

/// A transport returning a canned response and recording what it was sent.
#[derive(Clone, Default)]
struct Canned {
    response: Option<(u16, Vec<u8>)>,
    sent: Arc<Mutex<Vec<TransportRequest>>>,
}

impl Transport for Canned {
    fn send(
        &self,
        request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        if let Ok(mut sent) = self.sent.lock() {
            sent.push(request);
        }
        let result = match &self.response {
            Some((status, body)) => Ok(TransportResponse {
                status: *status,
                content_type: Some("text/xml".into()),
                body: body.clone(),
            }),
            None => Err(TransportError::Timeout),
        };
        async move { result }
    }
}

fn call_canned(
    version: SoapVersion,
    response: Option<(u16, &str)>,
) -> (
    Result<Message<AddResponse, ()>, ClientError>,
    Vec<TransportRequest>,
) {
    let transport = Canned {
        response: response.map(|(s, b)| (s, b.as_bytes().to_vec())),
        ..Canned::default()
    };
    let client = ClientCore::new(transport.clone(), "http://svc", version);
    let result = block_on(client.call(&ADD, Message::<_, ()>::new(Add::default())));
    let sent = transport.sent.lock().unwrap().clone();
    (result, sent)
}

#[test]
fn client_sends_action_and_content_type() {
    let ok = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><AddResponse xmlns="urn:calc"><sum>3</sum></AddResponse></s:Body></s:Envelope>"#;
    let (result, sent) = call_canned(SoapVersion::Soap11, Some((200, ok)));
    assert_eq!(result.unwrap().body.sum, 3);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].soap_action, "urn:calc/Add");
    assert_eq!(sent[0].content_type, "text/xml; charset=utf-8");
    assert_eq!(sent[0].endpoint, "http://svc");
    assert_eq!(sent[0].operation, "Add");
    assert!(sent[0]
        .body
        .contains(r#"<s:Body><Add xmlns="urn:calc"><a>0</a>"#));

    let (_, sent) = call_canned(SoapVersion::Soap12, None);
    assert_eq!(
        sent[0].content_type,
        r#"application/soap+xml; charset=utf-8; action="urn:calc/Add""#
    );
}

#[test]
fn client_error_variants() {
    let (err, _) = call_canned(SoapVersion::Soap11, None);
    let err = err.unwrap_err();
    assert!(matches!(err, ClientError::Timeout { .. }), "{err:?}");
    assert!(err.is_timeout() && !err.is_connect());
    assert_eq!(err.to_string(), "Add at http://svc: request timed out");
    assert_eq!((err.endpoint(), err.operation()), ("http://svc", "Add"));
    assert_eq!(
        format!("{err:?}"),
        r#"Timeout { endpoint: "http://svc", operation: "Add" }"#
    );

    let long = "x".repeat(2000);
    let (err, _) = call_canned(SoapVersion::Soap11, Some((503, &long)));
    match err.unwrap_err() {
        ClientError::HttpStatus {
            status,
            body_snippet,
            ..
        } => {
            assert_eq!(status, 503);
            assert_eq!(body_snippet.len(), 512);
        }
        other => panic!("unexpected {other:?}"),
    }

    let fault = Fault::sender("nope").to_envelope(SoapVersion::Soap11);
    for status in [500, 200] {
        let (err, _) = call_canned(SoapVersion::Soap11, Some((status, &fault)));
        let err = err.unwrap_err();
        assert_eq!(err.fault().map(|f| f.reason.as_str()), Some("nope"));
        assert_eq!(err.http_status(), Some(status));
        assert!(matches!(err, ClientError::Fault { status: s, .. } if s == status));
    }

    for body in ["<<<", "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body><Other/></s:Body></s:Envelope>",
        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body><AddResponse xmlns='urn:calc'><sum>x</sum></AddResponse></s:Body></s:Envelope>"] {
        let (err, _) = call_canned(SoapVersion::Soap11, Some((200, body)));
        let err = err.unwrap_err();
        assert!(matches!(err, ClientError::Decode { .. }), "{err:?}");
        assert!(err.to_string().starts_with("Add at http://svc: cannot decode response: "));
    }

    // Non-XML error page with an error status: HttpStatus, not Decode.
    let (err, _) = call_canned(SoapVersion::Soap11, Some((404, "<html>Not found")));
    assert_eq!(
        err.unwrap_err().to_string(),
        "Add at http://svc: HTTP status 404"
    );
}

#[test]
fn futures_are_send() {
    // The request body type is not Send; the call future still is.
    #[derive(Default)]
    struct NotSend(std::marker::PhantomData<std::rc::Rc<()>>);
    impl XmlContent for NotSend {
        fn write_content(&self, _: &mut XmlWriter) {}
        fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
            r.skip()?;
            Ok(NotSend::default())
        }
    }
    let client = ClientCore::new(Loopback(Calc), "e", SoapVersion::Soap11);
    let fut = client.call::<NotSend, (), (), ()>(&PING, Message::new(NotSend::default()));
    assert_send(&fut);
    drop(fut);

    let req = request(SoapVersion::Soap11, None, "<Ping xmlns='urn:calc'/>");
    assert_send(&Calc.handle(req.clone()));
    let call = ServerCall::parse(&req, OPS).unwrap();
    let fut = call.serve(|_: Message<NotSend, ()>| async { Ok(Message::<(), ()>::new(())) });
    assert_send(&fut);
    let response = block_on(fut);
    assert_eq!(response.status, 200);
    assert!(response.body.contains("<PingResponse xmlns=\"urn:calc\"/>"));

    let shared = Arc::new(Loopback(Calc));
    let client = ClientCore::new(shared, "e", SoapVersion::Soap12);
    let pong: Message<(), ()> = block_on(client.call(&PING, Message::<(), ()>::new(()))).unwrap();
    assert_eq!(pong.body, ());
    let by_ref = ClientCore::new(&Loopback(Calc), "e", SoapVersion::Soap12);
    assert!(block_on(by_ref.call::<(), (), (), ()>(&PING, Message::new(()))).is_ok());
}

#[test]
fn client_core_accessors() {
    let mut client = ClientCore::new(Loopback(Calc), "a", SoapVersion::Soap11);
    client.set_endpoint("b");
    client.set_version(SoapVersion::Soap12);
    assert_eq!(client.endpoint(), "b");
    assert_eq!(client.version(), SoapVersion::Soap12);
    let _: &Loopback<Calc> = client.transport();
}

#[test]
fn headers_merge_defaults() {
    let mut h = AuthHeaders::default();
    h.merge_defaults(&AuthHeaders {
        token: Some("d".into()),
    });
    assert_eq!(h.token.as_deref(), Some("d"));
    h.merge_defaults(&AuthHeaders {
        token: Some("e".into()),
    });
    assert_eq!(h.token.as_deref(), Some("d"));
}

#[test]
fn fault_response_statuses() {
    let r = fault_response(SoapVersion::Soap12, &Fault::receiver("x"));
    assert_eq!(r.status, 500);
    assert_eq!(r.content_type, "application/soap+xml; charset=utf-8");
    let r = fault_response(SoapVersion::Soap11, &Fault::sender("x"));
    assert_eq!(r.status, 500);
    assert_eq!(r.content_type, "text/xml; charset=utf-8");
    let r = fault_response(SoapVersion::Soap12, &Fault::sender("x"));
    assert_eq!(r.status, 400);
}

#[test]
fn shared_action_prefers_matching_body() {
    static A: OperationInfo = OperationInfo {
        name: "A",
        soap_action: "same",
        request: BodyForm::Element(NS, "A"),
        response: BodyForm::Element(NS, "AResponse"),
    };
    static B: OperationInfo = OperationInfo {
        name: "B",
        soap_action: "same",
        request: BodyForm::Element(NS, "B"),
        response: BodyForm::Element(NS, "BResponse"),
    };
    static SHARED: &[&OperationInfo] = &[&A, &B];
    let req = request(SoapVersion::Soap11, Some("same"), "<B xmlns='urn:calc'/>");
    assert_eq!(
        ServerCall::parse(&req, SHARED).unwrap().operation_index(),
        1
    );
    let req = request(SoapVersion::Soap11, Some("same"), "<C xmlns='urn:calc'/>");
    assert_eq!(
        ServerCall::parse(&req, SHARED).unwrap().operation_index(),
        0
    );
}
