//! What the generated client puts on the wire follows the WSDL binding: SOAP 1.1 envelope, headers
//! inside `Header`, body element in the service namespace, the binding's soapAction, `text/xml`.

use soap_runtime::{Message, SoapVersion};
use wsdl_codegen_tests::all::user_client::{UserApi, UserClient};
use wsdl_codegen_tests::all::{SaveExternalTokens, SoCredentials, TokenManagementInfo};
use wsdl_codegen_tests::shared::example;
use wsdl_codegen_tests::support::Canned;

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SERVICES88: &str = "http://www.superoffice.net/ws/crm/NetServer/Services88";

fn send_save(
    client: &UserClient<Canned>,
    request: Message<SaveExternalTokens, wsdl_codegen_tests::all::UserRequestHeaders>,
) {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(client.save_external_tokens(request))
        .expect("call succeeds");
}

fn client() -> UserClient<Canned> {
    let answer = example("SaveExternalTokens", "response");
    let mut client = UserClient::new(Canned::ok(answer));
    client.headers_mut().application_token = Some("app-token".into());
    client.headers_mut().credentials = Some(SoCredentials {
        ticket: Some("7T:ticket".into()),
    });
    client
}

#[test]
fn soap11_request_follows_the_binding() {
    let client = client();
    send_save(
        &client,
        Message::new(SaveExternalTokens {
            token_management_info: Some(TokenManagementInfo {
                provider: Some("p".into()),
                access_token: Some("a".into()),
                ..Default::default()
            }),
        }),
    );
    let sent = client.core().transport().sent();
    let [request] = sent.as_slice() else {
        panic!("one request")
    };
    assert_eq!(
        request.endpoint,
        "https://sod.superoffice.com/Cust12345/Remote/Services88/User.svc"
    );
    assert_eq!(request.version, SoapVersion::Soap11);
    assert_eq!(
        request.soap_action,
        "http://www.superoffice.net/ws/crm/NetServer/Services88/User/SaveExternalTokens"
    );
    assert!(
        request.content_type.starts_with("text/xml"),
        "{}",
        request.content_type
    );

    let doc = roxmltree::Document::parse(&request.body).expect("request is XML");
    let envelope = doc.root_element();
    assert!(envelope.has_tag_name((SOAP11, "Envelope")));
    let children: Vec<_> = envelope.children().filter(|n| n.is_element()).collect();
    assert_eq!(children.len(), 2, "Header and Body only");
    assert!(children[0].has_tag_name((SOAP11, "Header")));
    assert!(children[1].has_tag_name((SOAP11, "Body")));

    let headers: Vec<_> = children[0].children().filter(|n| n.is_element()).collect();
    assert_eq!(headers.len(), 2, "only the headers that are set");
    assert!(headers[0].has_tag_name((SERVICES88, "ApplicationToken")));
    assert_eq!(headers[0].text(), Some("app-token"));
    assert!(headers[1].has_tag_name((SERVICES88, "Credentials")));
    let ticket = headers[1].first_element_child().expect("Ticket");
    assert!(ticket.has_tag_name((SERVICES88, "Ticket")));
    assert_eq!(ticket.text(), Some("7T:ticket"));

    let body: Vec<_> = children[1].children().filter(|n| n.is_element()).collect();
    assert_eq!(body.len(), 1);
    assert!(body[0].has_tag_name((SERVICES88, "SaveExternalTokens")));
    let info = body[0].first_element_child().expect("TokenManagementInfo");
    assert!(info.has_tag_name((SERVICES88, "TokenManagementInfo")));
    // Schema order: Carrier's fields (absent here) first, then Provider, AccessToken; RefreshToken is None and omitted.
    let names: Vec<_> = info
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(names, ["Provider", "AccessToken"]);
    assert!(info
        .children()
        .filter(|n| n.is_element())
        .all(|n| n.tag_name().namespace() == Some(SERVICES88)));
}

#[test]
fn per_call_headers_override_client_defaults() {
    let client = client();
    let headers = wsdl_codegen_tests::all::UserRequestHeaders {
        credentials: Some(SoCredentials {
            ticket: Some("per-call".into()),
        }),
        ..Default::default()
    };
    send_save(
        &client,
        Message::new(SaveExternalTokens::default()).with_headers(headers),
    );
    let sent = client.core().transport().sent();
    let doc = roxmltree::Document::parse(&sent[0].body).expect("request is XML");
    let ticket = doc
        .descendants()
        .find(|n| n.has_tag_name((SERVICES88, "Ticket")))
        .and_then(|n| n.text());
    assert_eq!(ticket, Some("per-call"));
    let app = doc
        .descendants()
        .find(|n| n.has_tag_name((SERVICES88, "ApplicationToken")))
        .and_then(|n| n.text());
    assert_eq!(
        app,
        Some("app-token"),
        "defaults fill what the call leaves unset"
    );
}

#[test]
fn debug_output_redacts_secrets() {
    let client = client();
    let debug = format!("{:?}", client.headers());
    assert!(!debug.contains("app-token"), "{debug}");
    assert!(!debug.contains("7T:ticket"), "{debug}");
    let info = TokenManagementInfo {
        provider: Some("visible-provider".into()),
        access_token: Some("secret-access".into()),
        refresh_token: Some("secret-refresh".into()),
        ..Default::default()
    };
    let debug = format!("{info:?}");
    assert!(debug.contains("visible-provider"));
    assert!(
        !debug.contains("secret-access") && !debug.contains("secret-refresh"),
        "{debug}"
    );
}

#[test]
fn every_construct_round_trips_through_the_dispatcher() {
    use std::sync::Arc;
    use wsdl_codegen_tests::all::user_server::UserServer;
    use wsdl_codegen_tests::all::{
        EFieldRightFlag, ETableRightFlag, FieldProperty, FieldPropertyDictionary, FieldRight,
        TableRight,
    };
    use wsdl_codegen_tests::support::{Call, Recorder};

    let info = TokenManagementInfo {
        table_right: Some(TableRight {
            mask: Some(
                [ETableRightFlag::Select, ETableRightFlag::RestrictedUpdate]
                    .into_iter()
                    .collect(),
            ),
            reason: Some("a < b & \"c\"".into()),
        }),
        field_properties: Some(FieldPropertyDictionary(
            [
                (
                    "name".to_string(),
                    Some(FieldProperty {
                        field_right: Some(FieldRight {
                            mask: Some(
                                [
                                    EFieldRightFlag::Read,
                                    EFieldRightFlag::UiHintMandatory,
                                    EFieldRightFlag::Unrecognized("Future".into()),
                                ]
                                .into_iter()
                                .collect(),
                            ),
                            reason: None,
                        }),
                        field_type: Some("string".into()),
                        field_length: Some(255),
                    }),
                ),
                ("nil-value".to_string(), None),
            ]
            .into_iter()
            .collect(),
        )),
        provider: Some(String::new()),
        access_token: Some("tok\u{e9}n \u{1F511}".into()),
        refresh_token: None,
    };
    let recorder = Arc::new(Recorder::default());
    let client = UserClient::with_endpoint(
        soap_runtime::Loopback::new(UserServer::from_arc(recorder.clone())),
        "loopback://user",
    );
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(
            client.save_external_tokens(Message::new(SaveExternalTokens {
                token_management_info: Some(info.clone()),
            })),
        )
        .expect("call succeeds");
    let calls = recorder.calls();
    let [Call::Save(message)] = calls.as_slice() else {
        panic!("one call: {calls:?}")
    };
    assert_eq!(message.body.token_management_info.as_ref(), Some(&info));
}

#[test]
fn the_key_returned_for_saved_tokens_is_redacted_too() {
    // SaveExternalTokens is named after secrets, so its response fields are redacted.
    let response = wsdl_codegen_tests::all::SaveExternalTokensResponse {
        response: Some("bearer-key-123".into()),
    };
    let debug = format!("{response:?}");
    assert!(!debug.contains("bearer-key-123"), "{debug}");
    assert!(debug.contains("response"), "{debug}");
}

#[test]
fn the_client_debug_output_redacts_its_headers() {
    let client = client();
    let debug = format!("{client:?}");
    assert!(debug.contains("UserClient"), "{debug}");
    assert!(debug.contains("sod.superoffice.com"), "{debug}");
    assert!(
        !debug.contains("app-token") && !debug.contains("7T:ticket"),
        "{debug}"
    );
}
