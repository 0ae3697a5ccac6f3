//! WS-Addressing 1.0 with the code generated from `tests/fixtures/addressing.wsdl` (a SOAP 1.2
//! binding whose policy requires addressing): what the client sends, what the server answers,
//! and the WS-Addressing faults for requests it must refuse.

use std::sync::Arc;

use soap_runtime::addressing::{ANONYMOUS, FAULT_ACTION, SOAP_FAULT_ACTION, WSA_NS};
use soap_runtime::{
    ClientError, Loopback, Message, ServerRequest, ServerResponse, SoapService, SoapVersion,
};
use wsdl_codegen_tests::addressing::calculator_client::{CalculatorApi, CalculatorClient};
use wsdl_codegen_tests::addressing::calculator_server::CalculatorServer;
use wsdl_codegen_tests::addressing::{Divide, DivideFault, Echo, Notify};
use wsdl_codegen_tests::calculator::Calculator;
use wsdl_codegen_tests::support::Canned;

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const TNS: &str = "http://example.com/fixtures/addressing";
const ECHO_ACTION: &str = "http://example.com/fixtures/addressing/Calculator/Echo";
const DIVIDE_ACTION: &str = "http://example.com/fixtures/addressing/Calculator/DivideRequest";

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(f)
}

/// A transport that hands requests to the server and keeps both sides' bytes.
struct Recording {
    server: Loopback<CalculatorServer<Calculator>>,
    exchanges: std::sync::Mutex<Vec<(String, String)>>,
}

impl soap_runtime::Transport for Recording {
    async fn send(
        &self,
        request: soap_runtime::TransportRequest,
    ) -> Result<soap_runtime::TransportResponse, soap_runtime::TransportError> {
        let sent = request.body.clone();
        let response = self.server.send(request).await?;
        let received = String::from_utf8_lossy(&response.body).into_owned();
        if let Ok(mut exchanges) = self.exchanges.lock() {
            exchanges.push((sent, received));
        }
        Ok(response)
    }
}

fn recording_client() -> (
    CalculatorClient<Arc<Recording>>,
    Arc<Recording>,
    Arc<Calculator>,
) {
    let calculator = Arc::new(Calculator::default());
    let recording = Arc::new(Recording {
        server: Loopback::new(CalculatorServer::from_arc(calculator.clone())),
        exchanges: Default::default(),
    });
    (
        CalculatorClient::with_endpoint(recording.clone(), "http://user:pw@localhost:1/calc"),
        recording,
        calculator,
    )
}

/// The text of the header block `{WSA_NS}local` of an envelope, if there is one.
fn header(xml: &str, local: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed envelope");
    let block = doc.descendants().find(|n| {
        n.has_tag_name((WSA_NS, local))
            && n.parent_element().is_some_and(|p| p.has_tag_name("Header"))
    })?;
    Some(block.text().unwrap_or("").trim().to_owned())
}

fn must_understand(xml: &str, local: &str, env: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed envelope");
    let value = doc
        .descendants()
        .find(|n| n.has_tag_name((WSA_NS, local)))?
        .attribute((env, "mustUnderstand"))?
        .to_owned();
    Some(value)
}

#[test]
fn client_addresses_requests_and_server_relates_replies() {
    let (client, recording, _) = recording_client();
    let response = block_on(client.echo(Message::new(Echo {
        text: "hello".into(),
    })))
    .expect("echo answers");
    assert_eq!(response.body.text, "hello");
    let exchanges = recording.exchanges.lock().unwrap().clone();
    let (request, reply) = &exchanges[0];
    assert_eq!(header(request, "Action").as_deref(), Some(ECHO_ACTION));
    assert_eq!(
        must_understand(request, "Action", SOAP12).as_deref(),
        Some("true")
    );
    assert_eq!(
        must_understand(request, "To", SOAP12).as_deref(),
        Some("true")
    );
    // The endpoint without its credentials.
    assert_eq!(
        header(request, "To").as_deref(),
        Some("http://localhost:1/calc")
    );
    let message_id = header(request, "MessageID").expect("a MessageID");
    assert!(message_id.starts_with("urn:uuid:"), "{message_id}");
    let doc = roxmltree::Document::parse(request).unwrap();
    let reply_to = doc
        .descendants()
        .find(|n| n.has_tag_name((WSA_NS, "ReplyTo")))
        .expect("ReplyTo");
    let address = reply_to
        .children()
        .find(|n| n.has_tag_name((WSA_NS, "Address")));
    assert_eq!(address.and_then(|a| a.text()), Some(ANONYMOUS));
    assert!(
        !request.contains("pw@"),
        "credentials in a header: {request}"
    );

    assert_eq!(
        header(reply, "Action").as_deref(),
        Some("http://example.com/fixtures/addressing/Calculator/EchoResponse")
    );
    assert_eq!(header(reply, "RelatesTo"), Some(message_id));

    // A second call gets a new message ID.
    block_on(client.echo(Message::new(Echo {
        text: "again".into(),
    })))
    .expect("echo");
    let exchanges = recording.exchanges.lock().unwrap().clone();
    assert_ne!(
        header(&exchanges[0].0, "MessageID"),
        header(&exchanges[1].0, "MessageID")
    );
}

#[test]
fn default_action_pattern_and_declared_fault_action() {
    let (client, recording, _) = recording_client();
    let ok = block_on(client.divide(Message::new(Divide {
        dividend: 7,
        divisor: 2,
    })))
    .expect("divide answers");
    assert_eq!(ok.body.quotient, 3);
    let err = block_on(client.divide(Message::new(Divide {
        dividend: 7,
        divisor: 0,
    })))
    .expect_err("a fault");
    let ClientError::Fault { fault, .. } = &err else {
        panic!("expected a fault, got {err:?}");
    };
    assert!(matches!(
        fault.detail_choice::<DivideFault>(),
        Some(Ok(DivideFault::DivideByZeroFault(_)))
    ));
    let exchanges = recording.exchanges.lock().unwrap().clone();
    assert_eq!(
        header(&exchanges[0].0, "Action").as_deref(),
        Some(DIVIDE_ACTION)
    );
    assert_eq!(
        header(&exchanges[0].1, "Action").as_deref(),
        Some("http://example.com/fixtures/addressing/Calculator/DivideResponse")
    );
    assert_eq!(
        header(&exchanges[1].1, "Action").as_deref(),
        Some("http://example.com/fixtures/addressing/Calculator/Divide/Fault/DivideByZeroFault")
    );
    assert_eq!(
        header(&exchanges[1].1, "RelatesTo"),
        header(&exchanges[1].0, "MessageID")
    );
}

#[test]
fn undeclared_faults_and_one_way_operations() {
    let (client, recording, calculator) = recording_client();
    let err = block_on(client.echo(Message::new(Echo {
        text: "fail".into(),
    })))
    .expect_err("a fault");
    assert!(matches!(err, ClientError::Fault { .. }), "{err:?}");
    block_on(client.notify(Message::new(Notify {
        event: "started".into(),
    })))
    .expect("one-way call");
    assert_eq!(*calculator.events.lock().unwrap(), ["started"]);
    let exchanges = recording.exchanges.lock().unwrap().clone();
    assert_eq!(
        header(&exchanges[0].1, "Action").as_deref(),
        Some(SOAP_FAULT_ACTION)
    );
    assert_eq!(
        header(&exchanges[1].0, "Action").as_deref(),
        Some("urn:example:calculator:Notify")
    );
    assert_eq!(
        exchanges[1].1, "",
        "a one-way operation is answered with 202 and no body"
    );
}

#[test]
fn soap11_clients_are_addressed_too() {
    let (mut client, recording, _) = recording_client();
    client.core_mut().set_version(SoapVersion::Soap11);
    block_on(client.echo(Message::new(Echo { text: "hi".into() }))).expect("echo");
    let exchanges = recording.exchanges.lock().unwrap().clone();
    assert_eq!(
        must_understand(&exchanges[0].0, "Action", SOAP11).as_deref(),
        Some("1")
    );
    assert_eq!(
        header(&exchanges[0].1, "RelatesTo"),
        header(&exchanges[0].0, "MessageID")
    );
}

#[test]
fn a_reply_to_another_message_is_refused() {
    let answer = format!(
        r#"<s:Envelope xmlns:s="{SOAP12}" xmlns:a="{WSA_NS}"><s:Header>
<a:Action s:mustUnderstand="1">http://example.com/fixtures/addressing/Calculator/EchoResponse</a:Action>
<a:RelatesTo>urn:uuid:00000000-0000-4000-8000-000000000000</a:RelatesTo></s:Header>
<s:Body><EchoResponse xmlns="{TNS}"><text>x</text></EchoResponse></s:Body></s:Envelope>"#
    );
    let client = CalculatorClient::new(Canned::ok(answer));
    let err = block_on(client.echo(Message::new(Echo { text: "x".into() })))
        .expect_err("RelatesTo names another message");
    assert!(matches!(err, ClientError::Decode { .. }), "{err:?}");
    assert!(err.to_string().contains("RelatesTo"), "{err}");
}

/// An envelope for the calculator with `headers` and an `Echo` body.
fn echo_envelope(env: &str, headers: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="{env}" xmlns:a="{WSA_NS}"><s:Header>{headers}</s:Header><s:Body><Echo xmlns="{TNS}"><text>hi</text></Echo></s:Body></s:Envelope>"#
    )
}

fn send(version: SoapVersion, soap_action: &str, body: String) -> ServerResponse {
    let server = CalculatorServer::new(Calculator::default());
    let (content_type, soap_action) = match version {
        SoapVersion::Soap11 => (
            "text/xml; charset=utf-8".to_owned(),
            Some(soap_action.to_owned()),
        ),
        SoapVersion::Soap12 => (
            format!("application/soap+xml; charset=utf-8; action=\"{soap_action}\""),
            None,
        ),
    };
    block_on(server.handle(ServerRequest {
        body: body.into_bytes(),
        soap_action,
        content_type: Some(content_type),
    }))
}

/// A QName value resolved at `node` as `{ns}local` (unchanged when its prefix is not bound).
fn resolved(node: roxmltree::Node, value: &str) -> String {
    let value = value.trim();
    match value.split_once(':') {
        Some((prefix, local)) => match node.lookup_namespace_uri(Some(prefix)) {
            Some(ns) => format!("{{{ns}}}{local}"),
            None => value.to_owned(),
        },
        None => value.to_owned(),
    }
}

/// `(Code/Value, Subcode values...)` of a SOAP 1.2 fault as `{ns}local`, and the detail's text
/// (a QName resolved).
fn fault12(xml: &str) -> (Vec<String>, String) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed fault");
    let codes = doc
        .descendants()
        .filter(|n| n.has_tag_name((SOAP12, "Value")))
        .map(|n| resolved(n, n.text().unwrap_or("")))
        .collect();
    let detail = doc
        .descendants()
        .find(|n| n.has_tag_name((SOAP12, "Detail")))
        .and_then(|d| d.descendants().find(|n| n.is_text()))
        .map(|t| resolved(t.parent().unwrap_or(t), t.text().unwrap_or("")))
        .unwrap_or_default();
    (codes, detail)
}

fn wsa(local: &str) -> String {
    format!("{{{WSA_NS}}}{local}")
}

fn sender() -> String {
    format!("{{{SOAP12}}}Sender")
}

const ID: &str = "<a:MessageID>urn:uuid:11111111-1111-4111-8111-111111111111</a:MessageID>";

/// Sends an `Echo` envelope with `headers` (SOAP 1.2, `soap_action` in the content type) and
/// checks that it is refused with `Sender` and `subcodes` (WS-Addressing local names), the
/// problem `detail` in `Detail`, and the fault action. Returns the fault envelope.
fn refused(soap_action: &str, headers: &str, subcodes: &[&str], detail: &str) -> String {
    let response = send(
        SoapVersion::Soap12,
        soap_action,
        echo_envelope(SOAP12, headers),
    );
    assert_eq!(response.status, 400, "{}", response.body);
    let (codes, found) = fault12(&response.body);
    let expected: Vec<String> = std::iter::once(sender())
        .chain(subcodes.iter().map(|c| wsa(c)))
        .collect();
    assert_eq!(codes, expected, "{}", response.body);
    assert_eq!(found, detail, "{}", response.body);
    assert_eq!(
        header(&response.body, "Action").as_deref(),
        Some(FAULT_ACTION)
    );
    response.body
}

#[test]
fn a_request_without_addressing_headers_is_refused() {
    let body = refused(
        ECHO_ACTION,
        "",
        &["MessageAddressingHeaderRequired"],
        &wsa("Action"),
    );
    assert_eq!(header(&body, "RelatesTo"), None);
}

#[test]
fn a_request_that_expects_a_reply_needs_a_message_id() {
    let headers = format!("<a:Action>{ECHO_ACTION}</a:Action>");
    let subcodes = ["MessageAddressingHeaderRequired"];
    refused(ECHO_ACTION, &headers, &subcodes, &wsa("MessageID"));
}

#[test]
fn an_unknown_action_is_not_supported() {
    let headers = format!("<a:Action>urn:nothing</a:Action>{ID}");
    let body = refused("", &headers, &["ActionNotSupported"], "urn:nothing");
    assert_eq!(
        header(&body, "RelatesTo").as_deref(),
        Some("urn:uuid:11111111-1111-4111-8111-111111111111")
    );
}

#[test]
fn a_repeated_header_is_invalid_cardinality() {
    let headers = format!("<a:Action>{ECHO_ACTION}</a:Action>{ID}{ID}");
    let subcodes = ["InvalidAddressingHeader", "InvalidCardinality"];
    refused(ECHO_ACTION, &headers, &subcodes, &wsa("MessageID"));
}

#[test]
fn a_soap_action_other_than_wsa_action_is_a_mismatch() {
    let headers = format!("<a:Action>{ECHO_ACTION}</a:Action>{ID}");
    let subcodes = ["InvalidAddressingHeader", "ActionMismatch"];
    refused(DIVIDE_ACTION, &headers, &subcodes, &wsa("Action"));
}

#[test]
fn replies_go_only_to_the_anonymous_address_soap11() {
    let headers = format!(
        "<a:Action>{ECHO_ACTION}</a:Action>{ID}<a:ReplyTo><a:Address>http://elsewhere/</a:Address></a:ReplyTo>"
    );
    let response = send(
        SoapVersion::Soap11,
        ECHO_ACTION,
        echo_envelope(SOAP11, &headers),
    );
    assert_eq!(response.status, 500);
    let doc = roxmltree::Document::parse(&response.body).unwrap();
    let code = doc
        .descendants()
        .find(|n| n.has_tag_name("faultcode"))
        .and_then(|n| n.text())
        .unwrap_or("");
    // SOAP 1.1: the most specific code is the faultcode, the detail is a FaultDetail header.
    let code_node = doc
        .descendants()
        .find(|n| n.has_tag_name("faultcode"))
        .expect("a faultcode");
    assert_eq!(
        resolved(code_node, code),
        wsa("OnlyAnonymousAddressSupported"),
        "{}",
        response.body
    );
    let fault_detail = doc
        .descendants()
        .find(|n| n.has_tag_name((WSA_NS, "FaultDetail")))
        .expect("a FaultDetail header");
    let problem = fault_detail
        .descendants()
        .find(|n| n.has_tag_name((WSA_NS, "ProblemHeaderQName")))
        .expect("ProblemHeaderQName");
    assert_eq!(
        resolved(problem, problem.text().unwrap_or("")),
        wsa("ReplyTo")
    );
}

#[test]
fn the_action_routes_and_reference_parameters_come_back() {
    // Without a SOAP action, the wsa:Action selects the operation; ReplyTo's reference
    // parameters are echoed as header blocks marked IsReferenceParameter.
    let headers = format!(
        "<a:Action>{ECHO_ACTION}</a:Action>{ID}<a:ReplyTo><a:Address>{ANONYMOUS}</a:Address>\
         <a:ReferenceParameters><c:Session xmlns:c=\"urn:c\">42</c:Session></a:ReferenceParameters></a:ReplyTo>"
    );
    let response = send(SoapVersion::Soap12, "", echo_envelope(SOAP12, &headers));
    assert_eq!(response.status, 200, "{}", response.body);
    let doc = roxmltree::Document::parse(&response.body).unwrap();
    let session = doc
        .descendants()
        .find(|n| n.has_tag_name(("urn:c", "Session")))
        .expect("the reference parameter is echoed");
    assert_eq!(session.text(), Some("42"));
    assert_eq!(
        session.attribute((WSA_NS, "IsReferenceParameter")),
        Some("true")
    );
    assert_eq!(
        session.parent_element().map(|p| p.tag_name().name()),
        Some("Header")
    );

    // The body is Echo's but the wsa:Action names Divide's request: the action decides, and
    // the body does not decode as Divide.
    let headers = format!("<a:Action>{DIVIDE_ACTION}</a:Action>{ID}");
    let response = send(SoapVersion::Soap12, "", echo_envelope(SOAP12, &headers));
    let (codes, _) = fault12(&response.body);
    assert_eq!(codes[0], sender(), "{}", response.body);
    assert!(
        response.body.contains("cannot decode request"),
        "{}",
        response.body
    );
}

#[test]
fn a_one_way_request_needs_no_message_id() {
    let body = format!(
        r#"<s:Envelope xmlns:s="{SOAP12}" xmlns:a="{WSA_NS}"><s:Header><a:Action>urn:example:calculator:Notify</a:Action></s:Header><s:Body><Notify xmlns="{TNS}"><event>e</event></Notify></s:Body></s:Envelope>"#
    );
    let response = send(SoapVersion::Soap12, "urn:example:calculator:Notify", body);
    assert_eq!(response.status, 202, "{}", response.body);
}
