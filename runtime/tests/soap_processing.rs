//! SOAP processing rules: mustUnderstand, VersionMismatch, fault codes of both versions,
//! content-type parameters, client error redaction, QName values without namespace.

use std::future::Future;

use soap_runtime::__private::*;

const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const S12: &str = "http://www.w3.org/2003/05/soap-envelope";
const HNS: &str = "urn:h";

static ECHO: OperationInfo = OperationInfo {
    name: "Echo",
    soap_action: "urn:t/Echo;v=1",
    request: BodyForm::Element("urn:t", "Echo"),
    response: BodyForm::Element("urn:t", "EchoResponse"),
};
static OTHER: OperationInfo = OperationInfo {
    name: "Other",
    soap_action: "urn:t/Echo",
    request: BodyForm::Element("urn:t", "Other"),
    response: BodyForm::Element("urn:t", "OtherResponse"),
};
static OPS: &[&OperationInfo] = &[&OTHER, &ECHO];

/// Headers that understand `{urn:h}Token` only.
#[derive(Debug, Clone, Default, PartialEq)]
struct TokenHeaders {
    token: Option<String>,
}

impl SoapHeaders for TokenHeaders {
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
        Ok(TokenHeaders { token })
    }

    fn merge_defaults(&mut self, _defaults: &Self) {}

    fn understands(ns: &str, local: &str) -> bool {
        (ns, local) == (HNS, "Token")
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

fn envelope(version: SoapVersion, headers: &str, body: &str) -> ServerRequest {
    let ns = version.envelope_namespace();
    let xml = format!(
        "<e:Envelope xmlns:e='{ns}'><e:Header>{headers}</e:Header><e:Body>{body}</e:Body></e:Envelope>"
    );
    ServerRequest {
        body: xml.into_bytes(),
        soap_action: None,
        content_type: Some(version.content_type("")),
    }
}

/// Serves `request` with echo semantics, using `H` as the request header set.
fn serve<H: SoapHeaders>(request: &ServerRequest) -> ServerResponse {
    let call = match ServerCall::parse(request, OPS) {
        Ok(call) => call,
        Err(response) => return response,
    };
    block_on(call.serve(|m: Message<i32, H>| async move {
        Ok::<_, Fault>(Message::<i32, ()>::new(m.body + 1))
    }))
}

const BODY: &str = "<Echo xmlns='urn:t'>1</Echo>";

#[test]
fn must_understand_headers_targeted_here_need_understanding() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let (target_attr, other_target) = match version {
            SoapVersion::Soap11 => ("actor", "http://schemas.xmlsoap.org/soap/actor/next"),
            SoapVersion::Soap12 => (
                "role",
                "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
            ),
        };
        // Understood, not mandatory, or targeted elsewhere: served.
        for headers in [
            "<t:Token xmlns:t='urn:h' e:mustUnderstand='1'>secret</t:Token>".to_owned(),
            "<x:Unknown xmlns:x='urn:x' e:mustUnderstand='0'>v</x:Unknown>".to_owned(),
            "<x:Unknown xmlns:x='urn:x' mustUnderstand='1'>v</x:Unknown>".to_owned(),
            format!(
                "<x:Unknown xmlns:x='urn:x' e:mustUnderstand='1' e:{target_attr}='urn:elsewhere'/>"
            ),
        ] {
            let response = serve::<TokenHeaders>(&envelope(version, &headers, BODY));
            assert_eq!(response.status, 200, "{version:?} {headers}");
            assert!(response.body.contains(">2</EchoResponse>"));
        }
        // Mandatory, targeted here, and not understood: MustUnderstand fault, 500.
        for headers in [
            "<x:Unknown xmlns:x='urn:x' e:mustUnderstand='1'>topsecret</x:Unknown>".to_owned(),
            "<x:Unknown xmlns:x='urn:x' e:mustUnderstand=' true '>topsecret</x:Unknown>"
                .to_owned(),
            format!("<x:Unknown xmlns:x='urn:x' e:mustUnderstand='1' e:{target_attr}='{other_target}'>topsecret</x:Unknown>"),
        ] {
            let response = serve::<TokenHeaders>(&envelope(version, &headers, BODY));
            assert_eq!(response.status, 500, "{version:?} {headers}");
            assert!(!response.body.contains("topsecret"));
            let env = Envelope::parse(&response.body).unwrap();
            let fault = env.fault().cloned().unwrap();
            assert_eq!(fault.code, FaultCode::MustUnderstand);
            assert_eq!(fault.reason, "SOAP header not understood: {urn:x}Unknown");
            let not_understood: Vec<_> = env
                .header_nodes()
                .iter()
                .filter(|n| n.namespace() == S12 && n.local_name() == "NotUnderstood")
                .map(|n| {
                    let r = n.open().unwrap();
                    r.resolve_qname(r.attribute("qname").unwrap()).unwrap()
                })
                .collect();
            let expected = match version {
                SoapVersion::Soap11 => vec![],
                SoapVersion::Soap12 => vec![QName::new("urn:x", "Unknown")],
            };
            assert_eq!(not_understood, expected, "{}", response.body);
        }
        // `()` understands nothing; the check happens before the body is decoded.
        let token = "<t:Token xmlns:t='urn:h' e:mustUnderstand='true'>s</t:Token>";
        let response = serve::<()>(&envelope(version, token, "<Echo xmlns='urn:t'>x</Echo>"));
        let fault = Envelope::parse(&response.body)
            .unwrap()
            .fault()
            .cloned()
            .unwrap();
        assert_eq!(fault.code, FaultCode::MustUnderstand);
        assert_eq!(fault.reason, "SOAP header not understood: {urn:h}Token");
    }
}

#[test]
fn must_understand_applies_to_header_blocks_only() {
    // A stray Envelope child is a tolerated header candidate, not a header block.
    let xml = format!(
        "<e:Envelope xmlns:e='{S12}'><x:Loose xmlns:x='urn:x' e:mustUnderstand='1'/>\
         <e:Body>{BODY}</e:Body></e:Envelope>"
    );
    let request = ServerRequest {
        body: xml.into_bytes(),
        soap_action: None,
        content_type: None,
    };
    assert_eq!(serve::<()>(&request).status, 200);
    // SOAP 1.2 role "none" is never targeted at a node.
    let none = "<x:U xmlns:x='urn:x' e:mustUnderstand='1' \
                e:role='http://www.w3.org/2003/05/soap-envelope/role/none'/>";
    let response = serve::<()>(&envelope(SoapVersion::Soap12, none, BODY));
    assert_eq!(response.status, 200);
    // Several not understood: all named, one NotUnderstood block each.
    let two = "<x:A xmlns:x='urn:x' e:mustUnderstand='1'/><B e:mustUnderstand='1'/>";
    let response = serve::<()>(&envelope(SoapVersion::Soap12, two, BODY));
    let env = Envelope::parse(&response.body).unwrap();
    let fault = env.fault().cloned().unwrap();
    assert_eq!(fault.reason, "SOAP header not understood: {urn:x}A, B");
    assert_eq!(env.header_nodes().len(), 2);
    assert!(response.body.contains(r#"<s:NotUnderstood qname="B"/>"#));
}

#[test]
fn unknown_envelope_namespace_is_version_mismatch() {
    for envelope in [
        "<e:Envelope xmlns:e='urn:soap:3'><e:Body/></e:Envelope>",
        "<Envelope><Body/></Envelope>",
    ] {
        let err = Envelope::parse(envelope).unwrap_err();
        assert!(err.is_version_mismatch());
        assert_eq!(err.kind(), DecodeErrorKind::VersionMismatch);
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let request = ServerRequest {
                body: envelope.as_bytes().to_vec(),
                soap_action: None,
                content_type: Some(version.content_type("")),
            };
            let response = ServerCall::parse(&request, OPS).unwrap_err();
            assert_eq!(response.status, 500);
            let env = Envelope::parse(&response.body).unwrap();
            assert_eq!(env.version(), version);
            let fault = env.fault().cloned().unwrap();
            assert_eq!(fault.code, FaultCode::VersionMismatch);
            assert!(fault.reason.starts_with("version mismatch: "));
            let upgrade = env.header_nodes();
            assert_eq!(upgrade.len(), 1);
            assert_eq!(
                (upgrade[0].namespace(), upgrade[0].local_name()),
                (S12, "Upgrade")
            );
            let mut r = upgrade[0].open().unwrap();
            let mut supported: Vec<QName> = Vec::new();
            while r.next_content(false).unwrap() == Content::Child {
                supported.push(r.resolve_qname(r.attribute("qname").unwrap()).unwrap());
                r.skip().unwrap();
            }
            assert_eq!(
                supported,
                [QName::new(S12, "Envelope"), QName::new(S11, "Envelope")]
            );
        }
    }
    // A non-Envelope root stays a plain Sender fault.
    let err = Envelope::parse(&format!("<e:Root xmlns:e='{S11}'/>")).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::Invalid);
}

#[test]
fn soap12_custom_code_is_written_as_receiver_subcode() {
    let custom = QName::new("urn:app", "Custom");
    let plain = Fault::new(FaultCode::Other(Box::new(custom.clone())), "r");
    let xml = plain.to_envelope(SoapVersion::Soap12);
    assert!(xml.contains(concat!(
        r#"<s:Code><s:Value>s:Receiver</s:Value><s:Subcode>"#,
        r#"<s:Value xmlns:p1="urn:app">p1:Custom</s:Value></s:Subcode></s:Code>"#
    )));
    let back = Envelope::parse(&xml).unwrap().fault().cloned().unwrap();
    assert_eq!(back.code, FaultCode::Receiver);
    assert_eq!(back.subcode.as_deref(), Some(&custom));

    let nested = plain.clone().with_subcode(QName::new("urn:app", "Detail"));
    let xml = nested.to_envelope(SoapVersion::Soap12);
    assert!(xml.contains(concat!(
        r#"<s:Subcode><s:Value xmlns:p1="urn:app">p1:Custom</s:Value>"#,
        r#"<s:Subcode><s:Value xmlns:p2="urn:app">p2:Detail</s:Value></s:Subcode></s:Subcode>"#
    )));
    let back = Envelope::parse(&xml).unwrap().fault().cloned().unwrap();
    assert_eq!(back.subcode.as_deref(), Some(&custom));
    // SOAP 1.1 takes any QName as faultcode.
    let xml = nested.to_envelope(SoapVersion::Soap11);
    assert!(xml.contains(r#"<faultcode xmlns:p1="urn:app">p1:Custom</faultcode>"#));
    // A non-standard Code/Value from another stack is still read as Other.
    let foreign = format!(
        "<e:Envelope xmlns:e='{S12}'><e:Body><e:Fault><e:Code><e:Value xmlns:a='urn:a'>a:X</e:Value>\
         </e:Code><e:Reason><e:Text xml:lang='en'>r</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>"
    );
    let fault = Envelope::parse(&foreign).unwrap().fault().cloned().unwrap();
    assert_eq!(
        fault.code,
        FaultCode::Other(Box::new(QName::new("urn:a", "X")))
    );
}

fn fault_11(code: &str) -> Fault {
    let xml = format!(
        "<s:Envelope xmlns:s='{S11}'><s:Body><s:Fault><faultcode>{code}</faultcode>\
         <faultstring>r</faultstring></s:Fault></s:Body></s:Envelope>"
    );
    Envelope::parse(&xml).unwrap().fault().cloned().unwrap()
}

#[test]
fn soap11_unprefixed_and_dotted_fault_codes() {
    assert_eq!(fault_11("Client").code, FaultCode::Sender);
    assert_eq!(fault_11(" Server ").code, FaultCode::Receiver);
    assert_eq!(fault_11("MustUnderstand").code, FaultCode::MustUnderstand);
    assert_eq!(fault_11("Client").subcode, None);
    for code in ["Client.Authentication", "s:Client.Authentication"] {
        let fault = fault_11(code);
        assert_eq!(fault.code, FaultCode::Sender, "{code}");
        let refined = QName::new(S11, "Client.Authentication");
        assert_eq!(fault.subcode.as_deref(), Some(&refined));
        // Written back as the dotted faultcode.
        let xml = fault.to_envelope(SoapVersion::Soap11);
        assert!(xml.contains("<faultcode>s:Client.Authentication</faultcode>"));
        assert_eq!(
            Envelope::parse(&xml).unwrap().fault().cloned().unwrap(),
            fault
        );
    }
    // Unprefixed, not standard: resolved normally (no default namespace here).
    assert_eq!(
        fault_11("Custom").code,
        FaultCode::Other(Box::new(QName::new("", "Custom")))
    );
    // A refinement that does not match the code is not used as faultcode.
    let odd = Fault::receiver("r").with_subcode(QName::new(S11, "Client.X"));
    assert!(odd
        .to_envelope(SoapVersion::Soap11)
        .contains("<faultcode>s:Server</faultcode>"));
}

#[test]
fn quoted_action_with_semicolon_routes() {
    let request = ServerRequest {
        content_type: Some(SoapVersion::Soap12.content_type("urn:t/Echo;v=1")),
        ..envelope(SoapVersion::Soap12, "", "<Unrelated xmlns='urn:t'/>")
    };
    assert_eq!(
        request.content_type.as_deref(),
        Some(r#"application/soap+xml; charset=utf-8; action="urn:t/Echo;v=1""#)
    );
    let call = ServerCall::parse(&request, OPS).unwrap();
    assert_eq!(call.operation().map(|op| op.name), Some("Echo"));
}

struct Canned(u16, &'static str);

impl Transport for Canned {
    fn send(
        &self,
        _request: TransportRequest,
    ) -> impl Future<Output = Result<TransportResponse, TransportError>> + Send {
        let response = TransportResponse {
            status: self.0,
            content_type: None,
            body: self.1.as_bytes().to_vec(),
        };
        async move { Ok(response) }
    }
}

#[test]
fn client_error_debug_hides_body_snippet() {
    let client = ClientCore::new(
        Canned(502, "<p>password=hunter2</p>"),
        "http://x",
        SoapVersion::Soap11,
    );
    let err = block_on(client.call::<i32, (), i32, ()>(&ECHO, Message::new(1))).unwrap_err();
    let debug = format!("{err:?}");
    assert_eq!(
        debug,
        r#"HttpStatus { endpoint: "http://x", operation: "Echo", status: 502, body_snippet: <23 chars> }"#
    );
    assert!(!err.to_string().contains("hunter2"));
    assert_eq!(err.body_snippet(), Some("<p>password=hunter2</p>"));
    let fault = Fault::sender("no").to_envelope(SoapVersion::Soap11);
    let fault: &'static str = Box::leak(fault.into_boxed_str());
    let client = ClientCore::new(Canned(500, fault), "http://x", SoapVersion::Soap11);
    let err = block_on(client.call::<i32, (), i32, ()>(&ECHO, Message::new(1))).unwrap_err();
    assert_eq!(err.body_snippet(), None);
    assert!(format!("{err:?}").starts_with(
        r#"Fault { endpoint: "http://x", operation: "Echo", status: 500, fault: Fault {"#
    ));
}

#[test]
fn qname_without_namespace_under_default_namespace() {
    let bare = QName::new("", "bare");
    let mut w = XmlWriter::new();
    w.start("urn:outer", "r");
    w.element("urn:outer", "v", &bare);
    w.element("", "n", &bare);
    w.element("urn:other", "o", &bare);
    w.start_prefixed("q", "urn:q", "p");
    w.element("urn:q", "in", &QName::new("urn:outer", "x"));
    w.end();
    w.element("urn:outer", "after", &1);
    w.end();
    let xml = w.into_string();
    assert_eq!(
        xml,
        concat!(
            r#"<r xmlns="urn:outer"><p1:v xmlns:p1="urn:outer" xmlns="">bare</p1:v>"#,
            r#"<n xmlns="">bare</n><p2:o xmlns="" xmlns:p2="urn:other">bare</p2:o>"#,
            r#"<q:p xmlns:q="urn:q"><in xmlns="urn:q" xmlns:p3="urn:outer">p3:x</in></q:p>"#,
            r#"<after>1</after></r>"#
        )
    );
    let mut r = XmlReader::new(&xml);
    r.read_root().unwrap();
    let mut values: Vec<(String, QName)> = Vec::new();
    while values.len() < 3 && r.next_content(false).unwrap() == Content::Child {
        let namespace = r.namespace().to_owned();
        values.push((namespace, QName::read_content(&mut r).unwrap()));
    }
    assert_eq!(
        values,
        [
            ("urn:outer".to_owned(), bare.clone()),
            (String::new(), bare.clone()),
            ("urn:other".to_owned(), bare.clone())
        ]
    );
    // Under a prefixed element the default namespace is simply undeclared.
    let mut w = XmlWriter::new();
    w.start("urn:d", "r");
    w.start_prefixed("x", "urn:x", "v");
    bare.write_content(&mut w);
    w.end();
    w.end();
    assert_eq!(
        w.into_string(),
        r#"<r xmlns="urn:d"><x:v xmlns:x="urn:x" xmlns="">bare</x:v></r>"#
    );
}
