//! The fuzz targets' logic, shared by the cargo-fuzz crate in `fuzz/` (one `fuzz_target!` per
//! function) and by `tests/fuzz_regressions.rs`, which replays the saved inputs under
//! `fuzz/regressions/<target>/` without libFuzzer. Every function takes arbitrary bytes and
//! panics only when an invariant is broken.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The separator line between the files of a [`wsdl_front_end`] input.
pub const ARCHIVE_SEPARATOR: &[u8] = b"\n%%\n";

/// The files of a [`wsdl_front_end`] input, in the order they appear, split by
/// [`ARCHIVE_SEPARATOR`]: the WSDL generated from, a schema and a WSDL it may import by these
/// relative names, and an OASIS XML catalog passed to [`wsdl_codegen::Generator::catalog`].
pub const ARCHIVE_FILES: [&str; 4] = ["main.wsdl", "a.xsd", "b.wsdl", "catalog.xml"];

/// Splits a [`wsdl_front_end`] input into up to four files (see [`ARCHIVE_FILES`]); the last
/// one takes the rest, separators included.
pub fn split_archive(data: &[u8]) -> Vec<&[u8]> {
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() + 1 < ARCHIVE_FILES.len() {
        match rest
            .windows(ARCHIVE_SEPARATOR.len())
            .position(|w| w == ARCHIVE_SEPARATOR)
        {
            Some(at) => {
                files.push(&rest[..at]);
                rest = &rest[at + ARCHIVE_SEPARATOR.len()..];
            }
            None => break,
        }
    }
    files.push(rest);
    files
}

/// The per-process directory [`wsdl_front_end`] writes its files into, reused by every call
/// (at most four small files at a time, so fuzzing does not fill the disk).
pub fn front_end_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("wsdl-codegen-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzzing directory");
        dir
    })
}

/// The WSDL front end on a small archive of files (see [`split_archive`]): writes them into
/// [`front_end_dir`] (removing those this input lacks), then generates code for `main.wsdl`
/// with `catalog.xml` as catalog when present. Errors are fine; panics are not, and generated
/// code must parse as a Rust file.
pub fn wsdl_front_end(data: &[u8]) {
    let dir = front_end_dir();
    let files = split_archive(data);
    for (i, name) in ARCHIVE_FILES.iter().enumerate() {
        let path = dir.join(name);
        match files.get(i) {
            Some(content) => std::fs::write(&path, content).expect("write a fuzzing input file"),
            None => match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => panic!("cannot remove {}: {e}", path.display()),
            },
        }
    }
    let mut generator = wsdl_codegen::configure().emit_rerun_if_changed(false);
    if files.len() == ARCHIVE_FILES.len() {
        generator = generator.catalog(dir.join(ARCHIVE_FILES[3]));
    }
    match generator.generate(dir.join(ARCHIVE_FILES[0])) {
        Ok(generated) => {
            if let Err(e) = syn::parse_file(&generated.code) {
                panic!("generated code does not parse: {e}\n{}", generated.code);
            }
            for warning in &generated.warnings {
                std::hint::black_box(warning);
            }
        }
        Err(e) => {
            // Messages point at lines and columns of arbitrary text: formatting them must not panic.
            std::hint::black_box((e.to_string(), format!("{e:?}"), e.kind()));
        }
    }
}

#[cfg(not(shared_missing))]
pub use generated::{client_decode, dispatch, CLIENT_DECODE_OPERATIONS};

#[cfg(not(shared_missing))]
mod generated {
    use soap_runtime::{
        Binding, ClientError, FaultCode, Message, ServerRequest, ServerResponse, SoapService,
        SoapVersion,
    };

    use crate::full::user_server::UserServer;
    use crate::full::{self, user_operations, BasicHttpBindingUser, UserResponseHeaders};
    use crate::support::{observe, FullRecorder};

    const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";

    /// The operations of the Services88 User binding (in WSDL order).
    fn operations() -> &'static [&'static soap_runtime::OperationInfo] {
        <BasicHttpBindingUser as Binding>::OPERATIONS
    }

    /// The `Content-Type` for choice `choice % 8` (some carry `action` as a parameter).
    fn content_type(choice: u8, action: &str) -> Option<String> {
        match choice % 8 {
            0 => None,
            1 => Some("text/xml; charset=utf-8".into()),
            2 => Some("application/soap+xml; charset=utf-8".into()),
            3 => Some(format!(
                "application/soap+xml; charset=utf-8; action=\"{action}\""
            )),
            4 => Some("text/xml".into()),
            5 => Some(format!("application/soap+xml;action={action}")),
            6 => Some("text/plain".into()),
            _ => Some("multipart/related; type=\"application/xop+xml\"".into()),
        }
    }

    /// The `SOAPAction` header for choice `choice % 8`.
    fn soap_action(choice: u8, action: &str) -> Option<String> {
        match choice % 8 {
            0 | 7 => None,
            1 => Some(action.into()),
            2 => Some(format!("\"{action}\"")),
            3 => Some(String::new()),
            4 => Some(format!("  \"{action}\"  ")),
            5 => Some("urn:fuzz:unknown-action".into()),
            _ => Some(format!("{action}x")),
        }
    }

    /// Request dispatch of the generated Services88 User server. `data[0]`: bits 0–2 choose the
    /// content type, bits 3–5 the `SOAPAction` header; `data[1]`: the operation whose action
    /// they carry; the rest is the body. Checks that the response is a 200 with a SOAP envelope
    /// whose body is an operation's response element, a 202 without body, or a 400/500 with a
    /// fault envelope that the runtime's own client decodes as a fault; and every request the
    /// server accepted re-encodes and decodes to the same value.
    pub fn dispatch(data: &[u8]) {
        let [flags, op, body @ ..] = data else {
            return;
        };
        let ops = operations();
        let action = ops[usize::from(*op) % ops.len()].soap_action;
        let request = ServerRequest {
            body: body.to_vec(),
            soap_action: soap_action(flags >> 3, action),
            content_type: content_type(*flags, action),
        };
        let server = UserServer::new(FullRecorder::default());
        let response = block_on(server.handle(request));
        check_response(&response);
        // What the server accepted re-encodes and decodes to the same value.
        for (operation, observed) in server.service().calls() {
            if let Err(e) = observed.roundtrip {
                panic!("{operation}: the decoded request does not round-trip: {e}");
            }
        }
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        thread_local! {
            static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("tokio runtime");
        }
        RUNTIME.with(|rt| rt.block_on(f))
    }

    /// The invariants of a dispatcher's response (see [`dispatch`]).
    fn check_response(response: &ServerResponse) {
        let status = response.status;
        if status == 202 {
            assert!(
                response.body.is_empty() && response.content_type.is_empty(),
                "202 with a body or content type: {response:?}"
            );
            return;
        }
        assert!(
            matches!(status, 200 | 400 | 500),
            "unexpected status {status}: {}",
            response.body
        );
        let doc = roxmltree::Document::parse(&response.body).unwrap_or_else(|e| {
            panic!("response is not well-formed XML ({e}):\n{}", response.body)
        });
        let envelope = doc.root_element();
        let version = match envelope.tag_name().namespace() {
            Some(SOAP11) => SoapVersion::Soap11,
            Some(SOAP12) => SoapVersion::Soap12,
            other => panic!("response root in namespace {other:?}:\n{}", response.body),
        };
        assert_eq!(
            envelope.tag_name().name(),
            "Envelope",
            "response root:\n{}",
            response.body
        );
        assert_eq!(
            response.content_type,
            version.content_type(""),
            "content type of a {version:?} response"
        );
        let ns = version.envelope_namespace();
        let body = envelope
            .children()
            .find(|c| c.is_element() && c.has_tag_name((ns, "Body")))
            .unwrap_or_else(|| panic!("response has no Body:\n{}", response.body));
        let first = body.children().find(|c| c.is_element());
        let is_fault = first.is_some_and(|f| f.has_tag_name((ns, "Fault")));
        if status == 200 {
            assert!(!is_fault, "200 with a fault:\n{}", response.body);
            let name = first.map(|f| (f.tag_name().namespace().unwrap_or(""), f.tag_name().name()));
            assert!(
                operations()
                    .iter()
                    .any(|op| op.response.first_element() == name),
                "200 whose body element {name:?} is no operation's response:\n{}",
                response.body
            );
            return;
        }
        assert!(
            is_fault,
            "status {status} without a fault:\n{}",
            response.body
        );
        let decoded =
            soap_runtime::decode_response::<full::SaveExternalTokensResponse, UserResponseHeaders>(
                &user_operations::SAVE_EXTERNAL_TOKENS,
                response.body.as_bytes(),
            );
        match decoded {
            Err(ClientError::Fault { fault, .. }) => {
                if status == 400 {
                    assert!(
                        version == SoapVersion::Soap12 && fault.code == FaultCode::Sender,
                        "400 for a {version:?} {:?} fault",
                        fault.code
                    );
                }
            }
            other => panic!(
                "the client does not decode the server's fault ({other:?}):\n{}",
                response.body
            ),
        }
    }

    /// The operations [`client_decode`] chooses from: `data[0] % len` picks one.
    pub const CLIENT_DECODE_OPERATIONS: &[&str] = &[
        "SaveExternalTokens",
        "GetUserInfoList",
        "GetUser",
        "GetDataRights",
        "GetFunctionalRights",
        "IsPasswordValidWithReason",
        "GetExternalTokens",
        "CanChangePassword",
        "GetRoleEntity",
        "GetServiceAuth",
    ];

    /// Decodes `body` as the response of operation `op` with body type `RB`; a decoded value and
    /// an error must both format, and a decoded value must re-encode and decode to itself.
    fn decode<RB>(op: &'static soap_runtime::OperationInfo, body: &[u8])
    where
        RB: soap_runtime::XmlContent + PartialEq + std::fmt::Debug,
    {
        match soap_runtime::decode_response::<RB, UserResponseHeaders>(op, body) {
            Ok(Message { headers, body }) => {
                std::hint::black_box(format!("{headers:?}{body:?}"));
                let element = op.response.first_element().expect("a response element");
                if let Err(e) = observe(element, &body, &headers).roundtrip {
                    panic!("{}: the decoded response does not round-trip: {e}", op.name);
                }
            }
            Err(e) => {
                std::hint::black_box((e.to_string(), format!("{e:?}")));
            }
        }
    }

    /// Response decoding of the generated client: `data[0]` picks one of
    /// [`CLIENT_DECODE_OPERATIONS`], the rest is the response body. A decoded response must
    /// re-encode and decode to the same value (the types have no floating-point fields, so
    /// `PartialEq` is exact).
    pub fn client_decode(data: &[u8]) {
        let [op, body @ ..] = data else {
            return;
        };
        use user_operations as ops;
        match usize::from(*op) % CLIENT_DECODE_OPERATIONS.len() {
            0 => decode::<full::SaveExternalTokensResponse>(&ops::SAVE_EXTERNAL_TOKENS, body),
            1 => decode::<full::GetUserInfoListResponse>(&ops::GET_USER_INFO_LIST, body),
            2 => decode::<full::GetUserResponse>(&ops::GET_USER, body),
            3 => decode::<full::GetDataRightsResponse>(&ops::GET_DATA_RIGHTS, body),
            4 => decode::<full::GetFunctionalRightsResponse>(&ops::GET_FUNCTIONAL_RIGHTS, body),
            5 => decode::<full::IsPasswordValidWithReasonResponse>(
                &ops::IS_PASSWORD_VALID_WITH_REASON,
                body,
            ),
            6 => decode::<full::GetExternalTokensResponse>(&ops::GET_EXTERNAL_TOKENS, body),
            7 => decode::<full::CanChangePasswordResponse>(&ops::CAN_CHANGE_PASSWORD, body),
            8 => decode::<full::GetRoleEntityResponse>(&ops::GET_ROLE_ENTITY, body),
            _ => decode::<full::GetServiceAuthResponse>(&ops::GET_SERVICE_AUTH, body),
        }
    }
}
