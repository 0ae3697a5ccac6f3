//! The published SuperOffice examples for the external-token operations: the generated dispatcher
//! accepts the request examples (SOAP 1.2 envelope, headers directly under `Envelope`, `xsi:type`
//! everywhere) with the values they contain, and the generated client decodes the response examples.

use std::sync::Arc;

use soap_runtime::{Loopback, Message, ServerRequest, SoapService};
use wsdl_codegen_tests::all::user_client::{UserApi, UserClient};
use wsdl_codegen_tests::all::user_server::UserServer;
use wsdl_codegen_tests::all::{
    DecryptAndSaveExternalTokens, GetExternalTokens, SaveExternalTokens,
};
use wsdl_codegen_tests::shared::example;
use wsdl_codegen_tests::support::block_on;
use wsdl_codegen_tests::support::{Call, Canned, Recorder};

const SERVICES88: &str = "http://www.superoffice.net/ws/crm/NetServer/Services88";

/// Text of the first element named `local` in the Services88 namespace, read independently of the
/// generated code (`None` when absent).
fn text_of(xml: &str, local: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).expect("published example is well-formed XML");
    doc.descendants()
        .find(|n| n.has_tag_name((SERVICES88, local)))
        .map(|n| n.text().unwrap_or_default().to_owned())
}

/// Dispatches `xml` as a SOAP 1.2 request without an action (as the examples would arrive from a
/// client that puts no action in the content type) and returns the recorded calls and the response.
fn dispatch(xml: &str) -> (Vec<Call>, soap_runtime::ServerResponse) {
    let recorder = Arc::new(Recorder::default());
    let server = UserServer::from_arc(recorder.clone());
    let response = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(server.handle(ServerRequest {
            body: xml.as_bytes().to_vec(),
            soap_action: None,
            content_type: Some("application/soap+xml; charset=utf-8".into()),
        }));
    (recorder.calls(), response)
}

/// The example with values filled into its empty elements, so decoding is checked on real text.
fn with_values(xml: &str) -> String {
    xml.replace(
        "<User:Provider xsi:type=\"xsd:string\"></User:Provider>",
        "<User:Provider xsi:type=\"xsd:string\">Google &amp; co</User:Provider>",
    )
    .replace(
        "<User:AccessToken xsi:type=\"xsd:string\"></User:AccessToken>",
        "<User:AccessToken xsi:type=\"xsd:string\">ya29.a0Af</User:AccessToken>",
    )
    .replace(
        "<User:RefreshToken xsi:type=\"xsd:string\"></User:RefreshToken>",
        "<User:RefreshToken xsi:type=\"xsd:string\">1//0gRefresh</User:RefreshToken>",
    )
    .replace(
        "<User:Key xsi:type=\"xsd:string\"></User:Key>",
        "<User:Key xsi:type=\"xsd:string\">3f2a-key</User:Key>",
    )
}

fn assert_headers(xml: &str, headers: &wsdl_codegen_tests::all::UserRequestHeaders) {
    assert_eq!(headers.application_token, text_of(xml, "ApplicationToken"));
    let ticket = headers.credentials.as_ref().and_then(|c| c.ticket.clone());
    assert_eq!(ticket, text_of(xml, "Ticket"));
    assert!(
        ticket.is_some_and(|t| !t.is_empty()),
        "the example carries a ticket"
    );
}

fn assert_tokens(xml: &str, info: Option<&wsdl_codegen_tests::all::TokenManagementInfo>) {
    let info = info.expect("TokenManagementInfo decoded");
    assert_eq!(info.provider, text_of(xml, "Provider"));
    assert_eq!(info.access_token, text_of(xml, "AccessToken"));
    assert_eq!(info.refresh_token, text_of(xml, "RefreshToken"));
}

#[test]
fn save_external_tokens_request_example_is_accepted() {
    for xml in [
        example("SaveExternalTokens", "request"),
        with_values(&example("SaveExternalTokens", "request")),
    ] {
        let (calls, response) = dispatch(&xml);
        assert_eq!(response.status, 200, "{}", response.body);
        let [Call::Save(message)] = calls.as_slice() else {
            panic!("expected one SaveExternalTokens call, got {calls:?}");
        };
        assert_headers(&xml, &message.headers);
        assert_tokens(&xml, message.body.token_management_info.as_ref());
        // Answered in the request's SOAP version with the response element.
        assert!(response
            .body
            .contains("http://www.w3.org/2003/05/soap-envelope"));
        assert!(response.body.contains("SaveExternalTokensResponse"));
    }
    let filled = dispatch(&with_values(&example("SaveExternalTokens", "request"))).0;
    let [Call::Save(message)] = filled.as_slice() else {
        panic!("one call")
    };
    let info = message.body.token_management_info.as_ref().expect("tokens");
    assert_eq!(info.provider.as_deref(), Some("Google & co"));
}

#[test]
fn decrypt_and_save_external_tokens_request_example_is_accepted() {
    let xml = with_values(&example("DecryptAndSaveExternalTokens", "request"));
    let (calls, response) = dispatch(&xml);
    assert_eq!(response.status, 200, "{}", response.body);
    let [Call::DecryptAndSave(message)] = calls.as_slice() else {
        panic!("expected one DecryptAndSaveExternalTokens call, got {calls:?}");
    };
    assert_headers(&xml, &message.headers);
    assert_tokens(&xml, message.body.token_management_info.as_ref());
}

#[test]
fn get_external_tokens_request_example_is_accepted() {
    for xml in [
        example("GetExternalTokens", "request"),
        with_values(&example("GetExternalTokens", "request")),
    ] {
        let (calls, response) = dispatch(&xml);
        assert_eq!(response.status, 200, "{}", response.body);
        let [Call::Get(message)] = calls.as_slice() else {
            panic!("expected one GetExternalTokens call, got {calls:?}");
        };
        assert_headers(&xml, &message.headers);
        assert_eq!(message.body.key, text_of(&xml, "Key"));
    }
}

#[test]
fn response_examples_are_decoded_by_the_client() {
    let save = with_values(&example("SaveExternalTokens", "response")).replace(
        "<User:Response xsi:type=\"xsd:string\"></User:Response>",
        "<User:Response xsi:type=\"xsd:string\">k-42</User:Response>",
    );
    let client = UserClient::with_endpoint(Canned::ok(save.clone()), "http://localhost/User.svc");
    let saved = block_on(client.save_external_tokens(Message::new(SaveExternalTokens::default())))
        .expect("SaveExternalTokens response decoded");
    assert_eq!(saved.body.response, text_of(&save, "Response"));
    assert_eq!(saved.body.response.as_deref(), Some("k-42"));

    let decrypt = example("DecryptAndSaveExternalTokens", "response");
    let client =
        UserClient::with_endpoint(Canned::ok(decrypt.clone()), "http://localhost/User.svc");
    let saved =
        block_on(client.decrypt_and_save_external_tokens(Message::new(
            DecryptAndSaveExternalTokens::default(),
        )))
        .expect("DecryptAndSaveExternalTokens response decoded");
    assert_eq!(saved.body.response, text_of(&decrypt, "Response"));

    let get = with_values(&example("GetExternalTokens", "response"));
    let client = UserClient::with_endpoint(Canned::ok(get.clone()), "http://localhost/User.svc");
    let got = block_on(client.get_external_tokens(Message::new(GetExternalTokens::default())))
        .expect("GetExternalTokens response decoded");
    assert_tokens(&get, got.body.response.as_ref());
    assert_eq!(
        got.body.response.and_then(|r| r.access_token).as_deref(),
        Some("ya29.a0Af")
    );
}

#[test]
fn pages_without_an_operation_get_a_no_such_operation_fault() {
    for op in ["GetSupportedChangePasswordTypes", "SendChangePasswordEMail"] {
        let (calls, response) = dispatch(&example(op, "request"));
        assert!(calls.is_empty());
        assert_eq!(
            response.status, 400,
            "SOAP 1.2 Sender fault: {}",
            response.body
        );
        let doc = roxmltree::Document::parse(&response.body).expect("fault is XML");
        let fault = doc
            .descendants()
            .find(|n| n.has_tag_name(("http://www.w3.org/2003/05/soap-envelope", "Fault")))
            .expect("a SOAP 1.2 Fault");
        let text = fault
            .descendants()
            .filter_map(|n| n.text())
            .collect::<String>();
        assert!(text.contains("no such operation"), "{text}");
        assert!(
            text.contains(op),
            "the fault names the body element: {text}"
        );
    }
}

#[test]
fn client_and_server_talk_through_the_dispatcher() {
    let recorder = Arc::new(Recorder::default());
    let client = UserClient::with_endpoint(
        Loopback::new(UserServer::from_arc(recorder.clone())),
        "loopback://user",
    );
    let got = block_on(client.get_external_tokens(Message::new(GetExternalTokens {
        key: Some("k".into()),
    })))
    .expect("loopback call");
    assert_eq!(got.body.response, Some(Default::default()));
    assert!(
        matches!(recorder.calls().as_slice(), [Call::Get(m)] if m.body.key.as_deref() == Some("k"))
    );
}

#[test]
fn undecodable_requests_get_a_fault_in_the_request_version() {
    // SOAP 1.1 (the binding's version): a value that is not an xs:int.
    let soap11 = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
        <SaveExternalTokens xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88">
          <TokenManagementInfo><FieldProperties><FieldPropertyDictionaryKeyValuePair><Key>k</Key>
            <Value><FieldLength>twelve</FieldLength></Value>
          </FieldPropertyDictionaryKeyValuePair></FieldProperties></TokenManagementInfo>
        </SaveExternalTokens></s:Body></s:Envelope>"#;
    let recorder = Arc::new(Recorder::default());
    let server = UserServer::from_arc(recorder.clone());
    let response = block_on(server.handle(ServerRequest {
        body: soap11.as_bytes().to_vec(),
        soap_action: Some(
            "\"http://www.superoffice.net/ws/crm/NetServer/Services88/User/SaveExternalTokens\""
                .into(),
        ),
        content_type: Some("text/xml; charset=utf-8".into()),
    }));
    assert!(recorder.calls().is_empty(), "the service is not called");
    assert_eq!(response.status, 500);
    assert!(response.content_type.starts_with("text/xml"));
    let doc = roxmltree::Document::parse(&response.body).expect("fault is XML");
    let fault = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://schemas.xmlsoap.org/soap/envelope/", "Fault")))
        .expect("a SOAP 1.1 Fault");
    let code = fault
        .children()
        .find(|n| n.has_tag_name("faultcode"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(code.ends_with(":Client"), "{code}");
    let reason = fault
        .children()
        .find(|n| n.has_tag_name("faultstring"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(
        reason.contains("FieldLength"),
        "names the element: {reason}"
    );
    assert!(!reason.contains("twelve"), "never echoes values: {reason}");

    // Not XML at all, announced as SOAP 1.2: a SOAP 1.2 fault.
    let response = block_on(server.handle(ServerRequest {
        body: b"\xff\xfenot xml".to_vec(),
        soap_action: None,
        content_type: Some("application/soap+xml".into()),
    }));
    assert_eq!(response.status, 400);
    assert!(response
        .body
        .contains("http://www.w3.org/2003/05/soap-envelope"));
}

#[test]
fn must_understand_headers_are_checked_against_the_generated_header_set() {
    let request = |header: &str| {
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>{header}</s:Header><s:Body>
            <GetExternalTokens xmlns="{SERVICES88}"><Key>k</Key></GetExternalTokens></s:Body></s:Envelope>"#
        )
    };
    let known = request(&format!(
        r#"<Credentials xmlns="{SERVICES88}" s:mustUnderstand="1"><Ticket>t</Ticket></Credentials>"#
    ));
    let (calls, response) = dispatch_as(&known, "text/xml; charset=utf-8");
    assert_eq!(
        response.status, 200,
        "a header the service knows: {}",
        response.body
    );
    assert!(matches!(calls.as_slice(), [Call::Get(m)] if m.headers.credentials.is_some()));

    let unknown = request(
        r#"<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" s:mustUnderstand="1"/>"#,
    );
    let (calls, response) = dispatch_as(&unknown, "text/xml; charset=utf-8");
    assert!(calls.is_empty(), "the service is not called");
    assert_eq!(response.status, 500);
    assert!(
        response.body.contains("MustUnderstand"),
        "{}",
        response.body
    );
    assert!(response.body.contains("Security"), "{}", response.body);
}

fn dispatch_as(xml: &str, content_type: &str) -> (Vec<Call>, soap_runtime::ServerResponse) {
    let recorder = Arc::new(Recorder::default());
    let server = UserServer::from_arc(recorder.clone());
    let response = block_on(server.handle(ServerRequest {
        body: xml.as_bytes().to_vec(),
        soap_action: None,
        content_type: Some(content_type.into()),
    }));
    (recorder.calls(), response)
}
