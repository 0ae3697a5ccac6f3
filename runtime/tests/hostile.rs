//! Hostile and awkward input: resource limits checked before parsing, characters XML
//! cannot carry, parse errors that must not echo input.

use std::time::{Duration, Instant};

use soap_runtime::__private::*;
use soap_runtime::xml::check_document;

fn parse_document(xml: &str) -> Result<(), DecodeError> {
    check_document(xml, &XmlLimits::default())
}

const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

static ECHO: OperationInfo = OperationInfo {
    name: "Echo",
    soap_action: "urn:t/Echo",
    request: BodyForm::Element("urn:t", "Echo"),
    response: BodyForm::Element("urn:t", "EchoResponse"),
};
static OPS: &[&OperationInfo] = &[&ECHO];

/// `<Envelope><Body>` + `inner` + `</Body></Envelope>` in SOAP 1.1.
fn envelope_around(inner: &str) -> String {
    format!("<s:Envelope xmlns:s='{S11}'><s:Body>{inner}</s:Body></s:Envelope>")
}

fn nested(depth: usize, open: impl Fn(usize) -> String) -> String {
    let mut xml = String::new();
    for i in 0..depth {
        xml.push_str(&open(i));
    }
    for _ in 0..depth {
        xml.push_str("</e>");
    }
    xml
}

/// Runs `f` on a thread with a 2 MiB stack (a typical non-main thread), so that
/// recursion in the parser would overflow it and abort the test process.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// Parses and serves `request` (echoing the body), as a generated dispatcher does: the
/// fault for a request whose body is rejected while it is read.
fn serve_echo(request: &ServerRequest) -> ServerResponse {
    let call = match ServerCall::parse(request, OPS) {
        Ok(call) => call,
        Err(response) => return response,
    };
    // `()` reads the whole body (skipping it), so every limit and syntax rule applies.
    let future =
        call.serve(|_: Message<(), ()>| async move { Ok::<_, Fault>(Message::<(), ()>::new(())) });
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

fn limit_error(result: Result<impl Sized, DecodeError>) -> DecodeError {
    match result {
        Ok(_) => panic!("expected a limit error"),
        Err(e) => {
            assert_eq!(e.kind(), DecodeErrorKind::LimitExceeded, "{e}");
            e
        }
    }
}

#[test]
fn deep_nesting_is_rejected_without_overflowing_the_stack() {
    let started = Instant::now();
    let (doc_err, env_err, response) = on_small_stack(|| {
        let deep = nested(4000, |_| "<e>".to_owned());
        let envelope = envelope_around(&format!("<Echo xmlns='urn:t'>{deep}</Echo>"));
        assert!(envelope.len() < 30_000);
        let doc_err = limit_error(parse_document(&deep));
        let env_err = limit_error(Envelope::parse(&envelope));
        let request = ServerRequest {
            body: envelope.into_bytes(),
            soap_action: Some("urn:t/Echo".into()),
            content_type: Some("text/xml".into()),
        };
        let response = serve_echo(&request);
        (doc_err, env_err, response)
    });
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        doc_err.to_string(),
        "XML limit exceeded: more than 64 element depth at 1:193"
    );
    assert!(env_err.message().contains("more than 64 element depth"));
    assert_eq!(response.status, 500);
    let fault = Envelope::parse(&response.body)
        .unwrap()
        .fault()
        .cloned()
        .unwrap();
    assert_eq!(fault.code, FaultCode::Sender);
    assert!(fault
        .reason
        .starts_with("malformed request: XML limit exceeded: more than 64 element depth"));
}

#[test]
fn depth_limit_is_exact_and_configurable() {
    // Envelope, Body and 62 more levels: depth 64 is allowed.
    let ok = envelope_around(&nested(62, |_| "<e>".to_owned()));
    assert!(Envelope::parse(&ok).is_ok());
    let too_deep = envelope_around(&nested(63, |_| "<e>".to_owned()));
    limit_error(Envelope::parse(&too_deep));
    let strict = XmlLimits {
        max_depth: 3,
        ..XmlLimits::default()
    };
    let shallow = envelope_around("<a/>");
    assert!(Envelope::parse_with_limits(&shallow, &strict).is_ok());
    let err = limit_error(Envelope::parse_with_limits(
        &envelope_around("<a><b/></a>"),
        &strict,
    ));
    assert!(err.message().contains("more than 3 element depth"));
    let request = ServerRequest {
        body: envelope_around("<a><b/></a>").into_bytes(),
        soap_action: None,
        content_type: None,
    };
    assert!(ServerCall::parse_with_limits(&request, OPS, &strict).is_err());
    assert_eq!(
        XmlLimits::default(),
        XmlLimits {
            max_depth: 64,
            max_attributes: 256,
            max_namespace_declarations: 1024
        }
    );
}

#[test]
fn attribute_flood_is_rejected_quickly() {
    let mut xml = String::from("<e");
    for i in 0..100_000 {
        xml.push_str(&format!(" a{i}='{i}'"));
    }
    xml.push_str("/>");
    let started = Instant::now();
    let err = limit_error(parse_document(&xml));
    let envelope = envelope_around(&xml);
    limit_error(Envelope::parse(&envelope));
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(
        err.to_string(),
        "XML limit exceeded: more than 256 attributes per element at 1:1"
    );

    let at_limit = format!(
        "<e {}/>",
        (0..256)
            .map(|i| format!("a{i}='>'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert!(parse_document(&at_limit).is_ok());
}

#[test]
fn namespace_declaration_flood_is_rejected_quickly() {
    let deep = nested(5000, |i| format!("<e xmlns:p{i}='urn:p{i}'>"));
    let started = Instant::now();
    // The default depth limit trips first...
    let err = limit_error(parse_document(&deep));
    assert!(err.message().contains("element depth"), "{err}");
    // ...and without it, the namespace declaration limit.
    let no_depth = XmlLimits {
        max_depth: usize::MAX,
        ..XmlLimits::default()
    };
    let err = limit_error(check_document(&deep, &no_depth));
    assert!(
        err.message()
            .ends_with("more than 1024 namespace declarations"),
        "{err}"
    );
    // Flat: many siblings, each declaring a default namespace.
    let mut flat = String::from("<r>");
    for i in 0..2000 {
        flat.push_str(&format!("<e xmlns='urn:{i}'/>"));
    }
    flat.push_str("</r>");
    let err = limit_error(parse_document(&flat));
    assert!(err.message().contains("namespace declarations"));
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn scanner_is_not_fooled_by_markup_in_comments_cdata_values_and_pis() {
    let fake_depth = "<e>".repeat(100);
    let xml = format!(
        "<?xml version='1.0'?><!-- {fake_depth} --><?pi {fake_depth}?>\
         <r a='>{close}' b=\">'\"><![CDATA[{fake_depth}]]><!-- x -->text &gt; {close}</r>",
        close = "&lt;/e&gt;"
    );
    let mut r = XmlReader::new(&xml);
    r.read_root().unwrap();
    assert_eq!(r.attribute("a"), Some("></e>"));
    r.read_text().unwrap();
    assert_eq!(
        r.text(),
        "<e><e>text > </e>".replacen("<e><e>", &fake_depth, 1)
    );
    r.finish_document().unwrap();
    // A comment hiding a real opening tag must not hide what follows it.
    let hidden = format!("<r><!-- <x> -->{}</r>", nested(100, |_| "<e>".to_owned()));
    limit_error(parse_document(&hidden));
}

#[test]
fn dtd_is_rejected() {
    let err = parse_document("<!DOCTYPE r><r/>").unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::Malformed);
    assert!(err.to_string().starts_with("malformed XML"));
}

#[test]
fn parse_errors_do_not_echo_input() {
    for (xml, expected) in [
        (
            "<a>top\u{1}secret</a>",
            "malformed XML: character not allowed in XML at 1:7",
        ),
        (
            "<a>\u{fffe}</a>",
            "malformed XML: character not allowed in XML at 1:4",
        ),
        (
            "<a b=Q/>",
            "malformed XML: attribute value not in quotes at 1:6",
        ),
        (
            "<a><secret></a>",
            "malformed XML: end tag does not match the start tag at 1:12",
        ),
        (
            "<a hunter2='1' hunter2='2'/>",
            "malformed XML: attribute defined twice on one element at 1:16",
        ),
    ] {
        let err = parse_document(xml).unwrap_err();
        assert_eq!(err.to_string(), expected, "{xml:?}");
        assert_eq!(err.kind(), DecodeErrorKind::Malformed);
    }
    // Through the server: the fault text does not carry the character either.
    let request = ServerRequest {
        body: envelope_around("<Echo xmlns='urn:t'>\u{1}</Echo>").into_bytes(),
        soap_action: None,
        content_type: None,
    };
    let response = serve_echo(&request);
    assert_eq!(response.status, 500);
    assert!(!response.body.contains('\u{1}'));
    assert!(response.body.contains("character not allowed in XML"));
}

#[test]
fn writer_replaces_characters_xml_cannot_carry() {
    let nasty = "a\u{0}b\u{8}c\u{b}\u{c}d\u{1f}e\u{fffe}\u{ffff}f\t\n\r\u{7f}\u{fffd}\u{10000}";
    let mut w = XmlWriter::new();
    w.start("", "r");
    w.attr("v", nasty);
    w.element("", "t", &nasty.to_owned());
    w.end();
    let xml = w.into_string();
    let mut r = XmlReader::new(&xml);
    r.read_root().unwrap();
    let cleaned = "a\u{fffd}b\u{fffd}c\u{fffd}\u{fffd}d\u{fffd}e\u{fffd}\u{fffd}f";
    assert_eq!(
        r.attribute("v"),
        Some(format!("{cleaned}\t\n\r\u{7f}\u{fffd}\u{10000}").as_str())
    );
    assert_eq!(r.next_content(false).unwrap(), Content::Child);
    r.read_text().unwrap();
    assert_eq!(r.text(), format!("{cleaned}\t\n\r\u{7f}\u{fffd}\u{10000}"));
    // A whole envelope with such a value still parses.
    let env = write_envelope(
        SoapVersion::Soap12,
        |_| {},
        |w| w.element("urn:t", "Echo", &"\u{0}".to_owned()),
    );
    assert!(Envelope::parse(&env).is_ok());
    let fault = Fault::sender("bad \u{1b}[31m input").to_envelope(SoapVersion::Soap11);
    let back = Envelope::parse(&fault).unwrap().fault().cloned().unwrap();
    assert_eq!(back.reason, "bad \u{fffd}[31m input");
}
