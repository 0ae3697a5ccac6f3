//! Every operation of the published WSDL against SuperOffice's published examples:
//! - each request example is accepted by the generated dispatcher and reaches its operation;
//! - each response example is decoded by the generated client;
//! - every value the example carries is in the decoded value (no silent drops), checked by
//!   comparing the example's leaf elements with the decoded value encoded again;
//! - encoding and decoding the decoded value once more gives the same value.
//!
//! Failures are collected per operation, so one run names every operation that fails.

use std::sync::Arc;

use soap_runtime::{ServerRequest, SoapService};
use wsdl_codegen_tests::shared;
use wsdl_codegen_tests::support::block_on;

#[test]
fn shared_material_is_present() {
    let dir = shared::dir();
    assert!(dir.join("wsdl/Services88-User.wsdl").is_file());
    assert!(dir.join("examples/Services88-User").is_dir());
}

/// (path of local names, trimmed text) pairs.
type Leaves = Vec<(String, String)>;

/// (path of local names below `root`, trimmed text) of every element without element children
/// whose text is not empty.
fn leaves(root: roxmltree::Node) -> Leaves {
    let mut out = Vec::new();
    fn walk(node: roxmltree::Node, path: &str, out: &mut Vec<(String, String)>) {
        for child in node.children().filter(|c| c.is_element()) {
            let p = if path.is_empty() {
                child.tag_name().name().to_owned()
            } else {
                format!("{path}/{}", child.tag_name().name())
            };
            if child.children().any(|c| c.is_element()) {
                walk(child, &p, out);
            } else {
                let text = child.text().unwrap_or_default().trim().to_owned();
                if !text.is_empty() {
                    out.push((p, text));
                }
            }
        }
    }
    walk(root, "", &mut out);
    out
}

/// The example's values that are missing from `encoded` (a multiset comparison by path).
fn missing(expected: Leaves, encoded: &str) -> Leaves {
    let doc = match roxmltree::Document::parse(encoded) {
        Ok(doc) => doc,
        Err(e) => return vec![("<encoded>".into(), e.to_string())],
    };
    let mut have = leaves(doc.root_element());
    expected
        .into_iter()
        .filter(|leaf| match have.iter().position(|h| h == leaf) {
            Some(i) => {
                have.swap_remove(i);
                false
            }
            None => true,
        })
        .collect()
}

const ENVELOPES: [&str; 2] = [
    "http://schemas.xmlsoap.org/soap/envelope/",
    "http://www.w3.org/2003/05/soap-envelope",
];

fn is_envelope_child(node: &roxmltree::Node, local: &str) -> bool {
    ENVELOPES.iter().any(|ns| node.has_tag_name((*ns, local)))
}

/// Leaves of the body element and of the headers (inside `Header` or directly under `Envelope`).
fn example_parts(xml: &str) -> (Leaves, Leaves) {
    let doc = roxmltree::Document::parse(xml).expect("published example is XML");
    let envelope = doc.root_element();
    let mut body = Vec::new();
    let mut headers = Vec::new();
    for child in envelope.children().filter(|c| c.is_element()) {
        if is_envelope_child(&child, "Body") {
            if let Some(element) = child.children().find(|c| c.is_element()) {
                body = leaves(element);
            }
        } else if is_envelope_child(&child, "Header") {
            headers.extend(leaves(child));
        } else {
            // The published examples put headers directly under Envelope.
            let mut one = leaves(child);
            if one.is_empty() && child.children().all(|c| !c.is_element()) {
                let text = child.text().unwrap_or_default().trim().to_owned();
                if !text.is_empty() {
                    one.push((child.tag_name().name().to_owned(), text));
                }
            } else {
                for leaf in &mut one {
                    leaf.0 = format!("{}/{}", child.tag_name().name(), leaf.0);
                }
            }
            headers.extend(one);
        }
    }
    (body, headers)
}

#[cfg(not(shared_missing))]
mod published {
    use super::*;
    use wsdl_codegen_tests::full::user_client::UserClient;
    use wsdl_codegen_tests::full::user_server::UserServer;
    use wsdl_codegen_tests::full_harness::{call, OPERATIONS};
    use wsdl_codegen_tests::support::{Canned, FullRecorder, Observed};

    /// Compares and returns how many example values were checked.
    fn check_observed(
        op: &str,
        what: &str,
        xml: &str,
        observed: &Observed,
        failures: &mut Vec<String>,
    ) -> usize {
        let (body, headers) = example_parts(xml);
        let checked = body.len() + headers.len();
        if let Err(e) = &observed.roundtrip {
            failures.push(format!("{op} {what}: {e}"));
        }
        let lost = missing(body, &observed.body_xml);
        if !lost.is_empty() {
            failures.push(format!("{op} {what}: body values not decoded: {lost:?}"));
        }
        let lost = missing(headers, &observed.headers_xml);
        if !lost.is_empty() {
            failures.push(format!("{op} {what}: header values not decoded: {lost:?}"));
        }
        checked
    }

    #[test]
    fn the_wsdl_has_the_published_operations() {
        assert_eq!(OPERATIONS.len(), 91);
    }

    #[test]
    fn every_request_example_reaches_its_operation() {
        let mut failures = Vec::new();
        let mut checked = 0;
        for op in OPERATIONS {
            let xml = shared::example(op, "request");
            let recorder = Arc::new(FullRecorder::default());
            let server = UserServer::from_arc(recorder.clone());
            let response = block_on(server.handle(ServerRequest {
                body: xml.clone().into_bytes(),
                soap_action: None,
                content_type: Some("application/soap+xml; charset=utf-8".into()),
            }));
            if response.status != 200 {
                failures.push(format!(
                    "{op} request: HTTP {} {}",
                    response.status, response.body
                ));
                continue;
            }
            match recorder.calls().as_slice() {
                [(called, observed)] if called == op => {
                    checked += check_observed(op, "request", &xml, observed, &mut failures);
                }
                other => failures.push(format!(
                    "{op} request: expected one call of {op}, got {:?}",
                    other.iter().map(|c| c.0).collect::<Vec<_>>()
                )),
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
        eprintln!("request examples: {checked} values compared");
        assert!(
            checked > OPERATIONS.len(),
            "the examples carry values: {checked}"
        );
    }

    #[test]
    fn every_response_example_is_decoded_by_the_client() {
        let mut failures = Vec::new();
        let mut checked = 0;
        for op in OPERATIONS {
            let xml = shared::example(op, "response");
            let client =
                UserClient::with_endpoint(Canned::ok(xml.clone()), "http://localhost/User.svc");
            match block_on(call(&client, op, false)) {
                Some(Ok(observed)) => {
                    checked += check_observed(op, "response", &xml, &observed, &mut failures);
                }
                Some(Err(e)) => failures.push(format!("{op} response: {e}")),
                None => failures.push(format!("{op}: the harness has no such operation")),
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
        eprintln!("response examples: {checked} values compared");
        assert!(
            checked > OPERATIONS.len(),
            "the examples carry values: {checked}"
        );
    }

    #[test]
    fn pages_without_an_operation_get_a_no_such_operation_fault() {
        for op in ["GetSupportedChangePasswordTypes", "SendChangePasswordEMail"] {
            assert!(!OPERATIONS.contains(&op));
            let recorder = Arc::new(FullRecorder::default());
            let server = UserServer::from_arc(recorder.clone());
            let response = block_on(server.handle(ServerRequest {
                body: shared::example(op, "request").into_bytes(),
                soap_action: None,
                content_type: Some("application/soap+xml; charset=utf-8".into()),
            }));
            assert!(recorder.calls().is_empty());
            assert_eq!(response.status, 400, "{}", response.body);
            assert!(
                response.body.contains("no such operation"),
                "{}",
                response.body
            );
            assert!(
                response.body.contains("ActionNotSupported"),
                "{}",
                response.body
            );
        }
    }

    #[test]
    fn the_comparison_notices_a_dropped_value() {
        // The checker itself: a value in the example that the decoded value lacks is reported.
        let xml = shared::example("GetUserInfo", "response");
        let (body, _) = example_parts(&xml);
        assert!(!body.is_empty(), "the example carries values");
        let lost = missing(body.clone(), "<GetUserInfoResponse/>");
        assert_eq!(lost, body);
    }
}

/// The peer-benchmark workload (`tests/benches/`, `../shared/peers/README.md`) gives the right
/// values, so the benchmarks never time a broken encoder or decoder.
#[cfg(not(shared_missing))]
mod peer_workload {
    use super::*;
    use wsdl_codegen_tests::workload;

    #[test]
    fn the_request_envelope_carries_every_value() {
        workload::check_encoded(&workload::encode_save()).expect("encoded request");
    }

    #[test]
    fn the_peers_response_decodes_with_its_headers() {
        let decoded = workload::decode_save(&workload::response_xml()).expect("decodes");
        workload::check_save_response(&decoded).expect("decoded values");
    }

    #[test]
    fn the_fixed_server_answers_with_its_key() {
        let server = workload::save_server();
        let request = workload::save_server_request(workload::encode_save().into_bytes());
        let response = block_on(server.handle(request));
        assert_eq!(response.status, 200, "{}", response.body);
        let decoded = workload::decode_save(response.body.as_bytes()).expect("decodes");
        assert_eq!(decoded.body.response.as_deref(), Some(workload::SAVE_KEY));
    }
}
