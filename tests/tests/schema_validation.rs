//! What the generated code puts on the wire validates against the WSDL's own schemas, checked by
//! an independent implementation (Python `xmlschema`, see `tests/schema/check.py`): the body and
//! headers the client encodes for every operation with every optional field filled (nested arrays,
//! dictionaries, enumerations, flag lists, dateTimes, nil items), and the response bodies and headers
//! the generated server encodes.
//!
//! Needs a Python with `xmlschema`: `$SCHEMA_CHECK_PYTHON`, or `.venv/bin/python` in the workspace
//! (`python3 -m venv .venv && .venv/bin/pip install xmlschema`, as the README and CI do).

use std::process::Command;

use wsdl_codegen_tests::schema::{fresh_dir, python, split_envelope, validate, workspace};
use wsdl_codegen_tests::support::block_on;

#[test]
fn project_wsdl_requests_validate() {
    use soap_runtime::Message;
    use wsdl_codegen_tests::all::user_client::{UserApi, UserClient};
    use wsdl_codegen_tests::all::*;
    use wsdl_codegen_tests::support::Canned;

    let dir = fresh_dir("project");
    let client = UserClient::new(Canned::ok(wsdl_codegen_tests::shared::example(
        "SaveExternalTokens",
        "response",
    )));
    let request = Message::new(SaveExternalTokens {
        token_management_info: Some(TokenManagementInfo {
            table_right: Some(TableRight {
                mask: Some(
                    [ETableRightFlag::Select, ETableRightFlag::Delete]
                        .into_iter()
                        .collect(),
                ),
                reason: Some("r".into()),
            }),
            field_properties: Some(FieldPropertyDictionary(
                [("f".to_string(), None)].into_iter().collect(),
            )),
            provider: Some("p".into()),
            access_token: Some("a".into()),
            refresh_token: Some("r".into()),
        }),
    })
    .with_headers(UserRequestHeaders {
        application_token: Some("app".into()),
        credentials: Some(SoCredentials {
            ticket: Some("t".into()),
        }),
        time_zone: Some(SoTimeZone {
            so_time_zone_id: Some(1),
            so_time_zone_location_code: Some("NO".into()),
        }),
    });
    block_on(client.save_external_tokens(request)).expect("call");
    let sent = client.core().transport().sent();
    assert_eq!(
        split_envelope(&sent[0].body, "SaveExternalTokens.request", &dir),
        4
    );
    validate(&workspace().join("wsdl/Services88-User.wsdl"), &dir);
}

#[cfg(not(shared_missing))]
mod published {
    use std::sync::Arc;

    use soap_runtime::{ServerRequest, SoapService};
    use wsdl_codegen_tests::full::user_client::UserClient;
    use wsdl_codegen_tests::full::user_server::UserServer;
    use wsdl_codegen_tests::full_harness::{call, OPERATIONS};
    use wsdl_codegen_tests::shared;
    use wsdl_codegen_tests::support::{Canned, FullRecorder};

    use super::*;

    #[test]
    fn every_request_the_client_encodes_validates() {
        let dir = fresh_dir("requests");
        for op in OPERATIONS {
            let client = UserClient::with_endpoint(
                Canned::ok(shared::example(op, "response")),
                "http://localhost/",
            );
            let result = block_on(call(&client, op, true)).expect("known operation");
            result.unwrap_or_else(|e| panic!("{op}: {e}"));
            let sent = client.core().transport().sent();
            let written = split_envelope(&sent[0].body, &format!("{op}.request"), &dir);
            assert!(written >= 4, "{op}: body and three headers, got {written}");
        }
        validate(&shared::dir().join("wsdl/Services88-User.wsdl"), &dir);
    }

    #[test]
    fn every_response_the_server_encodes_validates() {
        let dir = fresh_dir("responses");
        for op in OPERATIONS {
            let recorder = Arc::new(FullRecorder {
                samples: true,
                ..Default::default()
            });
            let server = UserServer::from_arc(recorder.clone());
            let response = block_on(server.handle(ServerRequest {
                body: shared::example(op, "request").into_bytes(),
                soap_action: None,
                content_type: Some("application/soap+xml".into()),
            }));
            assert_eq!(response.status, 200, "{op}: {}", response.body);
            let written = split_envelope(&response.body, &format!("{op}.response"), &dir);
            assert!(written >= 5, "{op}: body and four headers, got {written}");
        }
        validate(&shared::dir().join("wsdl/Services88-User.wsdl"), &dir);
    }
}

#[test]
fn the_checker_rejects_what_the_schema_forbids() {
    let dir = fresh_dir("checker");
    // TableRight after Provider breaks the sequence order of TokenManagementInfo.
    std::fs::write(
        dir.join("bad.xml"),
        r#"<SaveExternalTokens xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"><TokenManagementInfo><Provider>x</Provider><TableRight/></TokenManagementInfo></SaveExternalTokens>"#,
    )
    .expect("write");
    let output = Command::new(python())
        .arg(workspace().join("tests/schema/check.py"))
        .arg(workspace().join("wsdl/Services88-User.wsdl"))
        .arg(&dir)
        .output()
        .expect("python runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("INVALID bad.xml"));
}
