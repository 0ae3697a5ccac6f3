//! Generated code under test, compiled with warnings denied.
#![deny(warnings)]

/// Every operation of `wsdl/Services88-User.wsdl`.
pub mod all {
    include!(concat!(env!("OUT_DIR"), "/all/services88_user.rs"));
}

/// `SaveExternalTokens` alone and the types it reaches.
pub mod save_only {
    include!(concat!(env!("OUT_DIR"), "/save_only/services88_user.rs"));
}

/// `tests/fixtures/addressing.wsdl`: a SOAP 1.2 binding that requires WS-Addressing.
pub mod addressing {
    include!(concat!(env!("OUT_DIR"), "/addressing/addressing.rs"));
}

/// Every operation of the published WSDL in `../shared` (91 operations).
#[cfg(not(shared_missing))]
pub mod full {
    include!(concat!(env!("OUT_DIR"), "/full/services88_user.rs"));
}

/// The harness generated for [`full`] by `build_harness.rs`: [`support::FullRecorder`] implements
/// its server trait, `call` drives its client, `sample_*` build populated values.
#[cfg(not(shared_missing))]
pub mod full_harness {
    include!(concat!(env!("OUT_DIR"), "/full/harness.rs"));
}

pub mod calculator;
pub mod fuzzing;

/// Paths of the shared material, with a clear failure when it is missing.
pub mod shared {
    use std::path::PathBuf;

    /// `../shared` seen from the workspace root.
    pub fn dir() -> PathBuf {
        if cfg!(shared_missing) {
            panic!("the shared material was missing when this crate was built: expected ../shared/wsdl/Services88-User.wsdl beside the project checkout");
        }
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
        assert!(
            dir.join("README.md").is_file(),
            "the shared material is missing: expected it at {} (a checkout of the project with `shared/` beside it)",
            dir.display()
        );
        dir
    }

    /// Text of a published example, e.g. `example("SaveExternalTokens", "request")`.
    pub fn example(operation: &str, kind: &str) -> String {
        let path = dir().join(format!("examples/Services88-User/{operation}.{kind}.xml"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read published example {}: {e}", path.display()))
    }
}

/// Test doubles: a server that records what it was called with, and a transport that records what
/// a client sends and answers with canned bytes.
pub mod support {
    use std::any::Any;
    use std::collections::HashMap;
    use std::sync::Mutex;

    use soap_runtime::{
        Fault, Message, Transport, TransportError, TransportRequest, TransportResponse,
    };

    use crate::all::user_server::UserService;
    use crate::all::{
        DecryptAndSaveExternalTokens, DecryptAndSaveExternalTokensResponse, GetExternalTokens,
        GetExternalTokensResponse, SaveExternalTokens, SaveExternalTokensResponse,
        TokenManagementInfo, UserRequestHeaders, UserResponseHeaders,
    };

    /// One call the recorder received.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Call {
        /// SaveExternalTokens.
        Save(Message<SaveExternalTokens, UserRequestHeaders>),
        /// DecryptAndSaveExternalTokens.
        DecryptAndSave(Message<DecryptAndSaveExternalTokens, UserRequestHeaders>),
        /// GetExternalTokens.
        Get(Message<GetExternalTokens, UserRequestHeaders>),
    }

    /// A `UserService` that records every call and answers with fixed values.
    #[derive(Debug, Default)]
    pub struct Recorder {
        /// Calls in order.
        pub calls: Mutex<Vec<Call>>,
    }

    impl Recorder {
        /// The calls so far.
        pub fn calls(&self) -> Vec<Call> {
            self.calls.lock().map(|c| c.clone()).unwrap_or_default()
        }
        fn push(&self, call: Call) {
            if let Ok(mut calls) = self.calls.lock() {
                calls.push(call);
            }
        }
    }

    impl UserService for Recorder {
        async fn save_external_tokens(
            &self,
            request: Message<SaveExternalTokens, UserRequestHeaders>,
        ) -> Result<Message<SaveExternalTokensResponse, UserResponseHeaders>, Fault> {
            self.push(Call::Save(request));
            Ok(Message::new(SaveExternalTokensResponse {
                response: Some("key-1".into()),
            }))
        }
        async fn decrypt_and_save_external_tokens(
            &self,
            request: Message<DecryptAndSaveExternalTokens, UserRequestHeaders>,
        ) -> Result<Message<DecryptAndSaveExternalTokensResponse, UserResponseHeaders>, Fault>
        {
            self.push(Call::DecryptAndSave(request));
            Ok(Message::new(DecryptAndSaveExternalTokensResponse {
                response: Some("key-2".into()),
            }))
        }
        async fn get_external_tokens(
            &self,
            request: Message<GetExternalTokens, UserRequestHeaders>,
        ) -> Result<Message<GetExternalTokensResponse, UserResponseHeaders>, Fault> {
            self.push(Call::Get(request));
            Ok(Message::new(GetExternalTokensResponse {
                response: Some(TokenManagementInfo::default()),
            }))
        }
    }

    /// What a decoded message looked like: its body and headers encoded again, and whether
    /// encoding and decoding once more gives the same value.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Observed {
        /// The body element, re-encoded.
        pub body_xml: String,
        /// The headers, re-encoded inside a `Headers` wrapper element.
        pub headers_xml: String,
        /// `Err` with both values when a second round trip changed the value.
        pub roundtrip: Result<(), String>,
    }

    /// Re-encodes `body` (as element `element`) and `headers`, and checks that decoding the
    /// encoding gives the same value again.
    pub fn observe<B, H>(element: (&str, &str), body: &B, headers: &H) -> Observed
    where
        B: soap_runtime::__private::XmlContent + PartialEq + std::fmt::Debug,
        H: soap_runtime::__private::SoapHeaders + PartialEq + std::fmt::Debug,
    {
        use soap_runtime::__private::{
            from_xml_str, to_xml_string, AnyElement, Content, HeaderBlock, XmlReader, XmlWriter,
        };
        let (ns, local) = element;
        let body_xml = to_xml_string(ns, local, body);
        let mut w = XmlWriter::new();
        w.start("", "Headers");
        headers.write_headers(&mut w);
        w.end();
        let headers_xml = w.into_string();
        let body_again = from_xml_str::<B>(&body_xml, ns, local);
        let read_blocks = || -> Result<Vec<HeaderBlock>, soap_runtime::DecodeError> {
            let mut r = XmlReader::new(&headers_xml);
            r.read_root()?;
            let mut blocks = Vec::new();
            while r.next_content(false)? == Content::Child {
                blocks.push(HeaderBlock {
                    element: AnyElement::capture(&mut r)?,
                    in_header: true,
                    must_understand: false,
                });
            }
            Ok(blocks)
        };
        let headers_again = read_blocks()
            .and_then(|blocks| H::read_headers(&blocks))
            .map_err(|e| e.to_string());
        let roundtrip = match (body_again, headers_again) {
            (Ok(b), Ok(h)) if &b == body && &h == headers => Ok(()),
            (Ok(b), Ok(h)) => Err(format!(
                "changed in a round trip:\n{body:?}\n{b:?}\n{headers:?}\n{h:?}"
            )),
            (Err(e), _) => Err(format!("re-encoded body does not decode: {e}")),
            (_, Err(e)) => Err(format!("re-encoded headers do not decode: {e}")),
        };
        Observed {
            body_xml,
            headers_xml,
            roundtrip,
        }
    }

    /// A server for [`crate::full`] (its trait impl is generated): records every call.
    #[derive(Debug, Default)]
    pub struct FullRecorder {
        /// Answer with populated sample values instead of defaults.
        pub samples: bool,
        /// (operation, what it received) in order.
        pub calls: Mutex<Vec<(&'static str, Observed)>>,
    }

    impl FullRecorder {
        /// Records `observed` for `operation`.
        pub fn push(&self, operation: &'static str, observed: Observed) {
            if let Ok(mut calls) = self.calls.lock() {
                calls.push((operation, observed));
            }
        }
        /// The calls so far.
        pub fn calls(&self) -> Vec<(&'static str, Observed)> {
            self.calls.lock().map(|c| c.clone()).unwrap_or_default()
        }
    }

    /// A server for [`crate::full`] (its trait impl is generated) that answers each operation
    /// with a stored response and does nothing else: no recording, no checks. For benchmarks of
    /// the generated dispatcher. Operations without a stored response answer with a fault.
    #[derive(Default)]
    pub struct Answering {
        answers: HashMap<&'static str, Box<dyn Any + Send + Sync>>,
    }

    impl Answering {
        /// Answers `operation` (its WSDL name) with `response`, a `Message` of the operation's
        /// response body and headers.
        pub fn with<M: Clone + Send + Sync + 'static>(
            mut self,
            operation: &'static str,
            response: M,
        ) -> Self {
            self.answers.insert(operation, Box::new(response));
            self
        }

        /// The stored response of `operation`, cloned, or a fault when none of type `M` is stored.
        pub fn answer<M: Clone + 'static>(&self, operation: &str) -> Result<M, Fault> {
            self.answers
                .get(operation)
                .and_then(|a| a.downcast_ref::<M>())
                .cloned()
                .ok_or_else(|| Fault::receiver(format!("no answer stored for {operation}")))
        }
    }

    impl std::fmt::Debug for Answering {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Answering")
                .field("operations", &self.answers.keys().collect::<Vec<_>>())
                .finish()
        }
    }

    /// Runs a future to completion on a fresh current-thread runtime (with I/O and timers).
    pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime")
            .block_on(f)
    }

    /// A transport that records requests and answers every one with `status` and `body`.
    #[derive(Debug)]
    pub struct Canned {
        /// HTTP status to answer.
        pub status: u16,
        /// Body to answer.
        pub body: String,
        /// Requests sent.
        pub sent: Mutex<Vec<TransportRequest>>,
    }

    impl Canned {
        /// Answers 200 with `body`.
        pub fn ok(body: impl Into<String>) -> Self {
            Canned {
                status: 200,
                body: body.into(),
                sent: Mutex::new(Vec::new()),
            }
        }
        /// The requests sent so far.
        pub fn sent(&self) -> Vec<TransportRequest> {
            self.sent.lock().map(|s| s.clone()).unwrap_or_default()
        }
    }

    impl Transport for Canned {
        async fn send(
            &self,
            request: TransportRequest,
        ) -> Result<TransportResponse, TransportError> {
            if let Ok(mut sent) = self.sent.lock() {
                sent.push(request);
            }
            Ok(TransportResponse {
                status: self.status,
                content_type: Some("text/xml; charset=utf-8".into()),
                body: self.body.clone().into_bytes(),
            })
        }
    }

    /// A gSOAP interop peer (`interop/gsoap*`) running on a free loopback port; killed when
    /// dropped.
    pub struct GsoapPeer {
        child: std::process::Child,
        /// `http://127.0.0.1:PORT/`.
        pub url: String,
    }

    impl Drop for GsoapPeer {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    impl GsoapPeer {
        /// Starts the peer binary named by the environment variable `var`, which
        /// `scripts/test` sets after building it with `build_script`. Panics with what to do
        /// when the variable is unset or the peer does not start.
        pub fn start(var: &str, build_script: &str) -> GsoapPeer {
            use std::io::{BufRead, BufReader, Read};
            use std::process::{Command, Stdio};
            let binary = std::env::var_os(var).unwrap_or_else(|| {
                panic!("{var} is not set: run `scripts/test`, or build the peer with `bash {build_script}` and set {var} to the binary it prints")
            });
            let mut child = Command::new(&binary)
                .arg("0")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.to_string_lossy()));
            let mut line = String::new();
            let stdout = child.stdout.take().expect("stdout");
            BufReader::new(stdout)
                .read_line(&mut line)
                .expect("peer prints its port");
            let Some(port) = line.trim().strip_prefix("listening on ").map(str::to_owned) else {
                let _ = child.kill();
                let mut stderr = String::new();
                if let Some(mut err) = child.stderr.take() {
                    let _ = err.read_to_string(&mut stderr);
                }
                panic!(
                    "the gSOAP peer {} did not start: first line {line:?}, stderr: {stderr}",
                    binary.to_string_lossy()
                );
            };
            // The peer logs every fault on stderr: drain it so the pipe never fills.
            if let Some(mut err) = child.stderr.take() {
                std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
            }
            GsoapPeer {
                child,
                url: format!("http://127.0.0.1:{port}/"),
            }
        }
    }
}

/// Validation against the WSDL's schemas with Python `xmlschema` (`tests/schema/check.py`).
pub mod schema {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// The workspace root.
    pub fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    pub fn python() -> PathBuf {
        if let Some(p) = std::env::var_os("SCHEMA_CHECK_PYTHON") {
            return PathBuf::from(p);
        }
        let venv = workspace().join(".venv/bin/python");
        assert!(
            venv.is_file(),
            "schema validation needs Python with xmlschema: set SCHEMA_CHECK_PYTHON, or run \
             `python3 -m venv .venv && .venv/bin/pip install xmlschema` in {}",
            workspace().display()
        );
        venv
    }

    /// Each element child of `Header` and `Body` of `envelope` as a standalone document
    /// (`{prefix}.header.{Name}.xml`, `{prefix}.body.xml`) in `dir`.
    pub fn split_envelope(envelope: &str, prefix: &str, dir: &Path) -> usize {
        let doc = roxmltree::Document::parse(envelope).expect("envelope is XML");
        let mut written = 0;
        for part in doc.root_element().children().filter(|c| c.is_element()) {
            let kind = part.tag_name().name().to_lowercase();
            for element in part.children().filter(|c| c.is_element()) {
                let mut xml = envelope[element.range()].to_owned();
                // Declarations the fragment inherits from the envelope (xsi, gSOAP's prefixes) go onto
                // its root so it stands alone.
                let start_end = xml.find('>').unwrap_or(xml.len());
                let mut inherited = String::new();
                for ns in element.namespaces() {
                    let attr = match ns.name() {
                        Some(prefix) => format!("xmlns:{prefix}="),
                        None => "xmlns=".to_owned(),
                    };
                    if !xml[..start_end].contains(&attr) {
                        inherited.push_str(&format!(" {attr}\"{}\"", ns.uri()));
                    }
                }
                let at = xml.find([' ', '>', '/']).unwrap_or(xml.len());
                xml.insert_str(at, &inherited);
                let name = match kind.as_str() {
                    "body" => format!("{prefix}.body.xml"),
                    _ => format!("{prefix}.header.{}.xml", element.tag_name().name()),
                };
                std::fs::write(dir.join(name), xml).expect("write document");
                written += 1;
            }
        }
        written
    }

    pub fn validate(wsdl: &Path, dir: &Path) {
        let output = Command::new(python())
            .arg(workspace().join("tests/schema/check.py"))
            .arg(wsdl)
            .arg(dir)
            .output()
            .expect("python runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let invalid: Vec<&str> = stdout
            .lines()
            .filter(|l| !l.starts_with("valid "))
            .collect();
        assert!(
            output.status.success(),
            "schema validation failed:\n{}\n{stderr}",
            invalid.join("\n")
        );
        eprintln!("{}", stdout.lines().last().unwrap_or_default());
    }

    pub fn fresh_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wsdl-codegen-schema-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }
}

/// The peer-comparison workload of `../shared/peers/README.md` in this project's generated code
/// ([`full`]), as gSOAP and zeep run it there: `SaveExternalTokens` built and encoded as a
/// SOAP 1.1 envelope with its three request headers, its response decoded with its headers, and
/// a large `GetUserInfoList` response. Shared by the benchmarks in `tests/benches/`.
#[cfg(not(shared_missing))]
pub mod workload {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    use soap_runtime::{
        decode_response, encode_request, ClientError, Message, ServerRequest, SoapVersion,
    };

    use crate::full::user_operations::{GET_USER_INFO_LIST, SAVE_EXTERNAL_TOKENS};
    use crate::full::user_server::UserServer;
    use crate::full::{
        GetUserInfoListResponse, SaveExternalTokens, SaveExternalTokensResponse, SoCredentials,
        SoTimeZone, TokenManagementInfo, UserRequestHeaders, UserResponseHeaders,
    };
    use crate::support::Answering;

    /// Header `ApplicationToken` of the request.
    pub const APPLICATION_TOKEN: &str = "1234567-1234-9876";
    /// Header `Credentials/Ticket` of the request.
    pub const TICKET: &str = "7T:1234abcxyzExample==";
    /// The key [`save_server`] answers with.
    pub const SAVE_KEY: &str = "7d3c5a1e-9b2f-4e8a-b6d4-0f1e2a3b4c5d";
    /// Items in the large response (`gen_big_response.py 40000`, about 21.6 MB).
    pub const LARGE_ITEMS: usize = 40_000;

    /// `SaveExternalTokens` request with its headers.
    pub type SaveRequest = Message<SaveExternalTokens, UserRequestHeaders>;
    /// `SaveExternalTokens` response with its headers.
    pub type SaveResponse = Message<SaveExternalTokensResponse, UserResponseHeaders>;
    /// `GetUserInfoList` response with its headers.
    pub type ListResponse = Message<GetUserInfoListResponse, UserResponseHeaders>;

    /// The request objects: ApplicationToken, Credentials/Ticket and TimeZone (0, `UTC`) headers;
    /// TokenManagementInfo with Provider `google`, AccessToken 1024 × `a`, RefreshToken 256 × `b`.
    pub fn save_request() -> SaveRequest {
        Message::new(SaveExternalTokens {
            token_management_info: Some(TokenManagementInfo {
                provider: Some("google".into()),
                access_token: Some("a".repeat(1024)),
                refresh_token: Some("b".repeat(256)),
                ..Default::default()
            }),
        })
        .with_headers(UserRequestHeaders {
            application_token: Some(APPLICATION_TOKEN.into()),
            credentials: Some(SoCredentials {
                ticket: Some(TICKET.into()),
            }),
            time_zone: Some(SoTimeZone {
                so_time_zone_id: Some(0),
                so_time_zone_location_code: Some("UTC".into()),
            }),
        })
    }

    /// The `encode` workload: builds [`save_request`] and encodes its SOAP 1.1 envelope.
    pub fn encode_save() -> String {
        encode_request(SoapVersion::Soap11, &SAVE_EXTERNAL_TOKENS, &save_request())
    }

    /// The `decode` workload: a `SaveExternalTokens` response envelope into the generated types.
    pub fn decode_save(xml: &[u8]) -> Result<SaveResponse, ClientError> {
        decode_response(&SAVE_EXTERNAL_TOKENS, xml)
    }

    /// The `large decode` workload: a `GetUserInfoList` response envelope.
    pub fn decode_list(xml: &[u8]) -> Result<ListResponse, ClientError> {
        decode_response(&GET_USER_INFO_LIST, xml)
    }

    /// Items in a decoded `GetUserInfoList` response.
    pub fn list_items(response: &ListResponse) -> usize {
        response.body.response.as_ref().map_or(0, Vec::len)
    }

    /// Checks an encoded request envelope with an independent XML parser: SOAP 1.1, the three
    /// headers and the body's values.
    pub fn check_encoded(xml: &str) -> Result<(), String> {
        let doc = roxmltree::Document::parse(xml).map_err(|e| format!("not XML: {e}"))?;
        let root = doc.root_element();
        if root.tag_name().namespace() != Some(SoapVersion::Soap11.envelope_namespace()) {
            return Err(format!("not a SOAP 1.1 envelope: {:?}", root.tag_name()));
        }
        let text = |name: &str| {
            doc.descendants()
                .find(|n| n.is_element() && n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_owned()
        };
        let expected = [
            ("ApplicationToken", APPLICATION_TOKEN.to_owned()),
            ("Ticket", TICKET.to_owned()),
            ("SoTimeZoneId", "0".to_owned()),
            ("SoTimeZoneLocationCode", "UTC".to_owned()),
            ("Provider", "google".to_owned()),
            ("AccessToken", "a".repeat(1024)),
            ("RefreshToken", "b".repeat(256)),
        ];
        for (name, value) in expected {
            if text(name) != value {
                return Err(format!("{name} is {:?}, expected {value:?}", text(name)));
            }
        }
        Ok(())
    }

    /// Checks a decoded `response.xml` against what the peers' README says it holds: a
    /// 36-character key, ExceptionInfo nil, ExtraInfo with 2 pairs, Succeeded true, TimeZone
    /// 0/`UTC`.
    pub fn check_save_response(r: &SaveResponse) -> Result<(), String> {
        let key = r.body.response.as_deref().unwrap_or_default();
        let h = &r.headers;
        let time_zone = h.time_zone.as_ref();
        let checks = [
            (key.chars().count() == 36, "Response is a 36-character key"),
            (h.exception_info.is_none(), "ExceptionInfo is nil"),
            (
                h.extra_info.as_ref().map(|e| e.0.len()) == Some(2),
                "ExtraInfo has 2 pairs",
            ),
            (h.succeeded == Some(true), "Succeeded is true"),
            (
                time_zone.and_then(|t| t.so_time_zone_id) == Some(0),
                "TimeZone/SoTimeZoneId is 0",
            ),
            (
                time_zone.and_then(|t| t.so_time_zone_location_code.as_deref()) == Some("UTC"),
                "TimeZone/SoTimeZoneLocationCode is UTC",
            ),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            Some((_, what)) => Err(format!("decoded response is wrong: expected {what}")),
            None => Ok(()),
        }
    }

    /// The peers' `response.xml`.
    pub fn response_xml() -> Vec<u8> {
        let path = crate::shared::dir().join("peers/response.xml");
        std::fs::read(&path)
            .unwrap_or_else(|e| panic!("cannot read the peers' {}: {e}", path.display()))
    }

    /// The large response with `items` items, written by `../shared/peers/gen_big_response.py`
    /// (run with `python3`) into `dir/big-<items>.xml` unless that file is already there.
    pub fn big_response(items: usize, dir: &Path) -> PathBuf {
        let path = dir.join(format!("big-{items}.xml"));
        if path.is_file() {
            return path;
        }
        let script = crate::shared::dir().join("peers/gen_big_response.py");
        assert!(script.is_file(), "missing {}", script.display());
        std::fs::create_dir_all(dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let partial = dir.join(format!("big-{items}.xml.{}", std::process::id()));
        let out = std::fs::File::create(&partial)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", partial.display()));
        let status = Command::new("python3")
            .arg(&script)
            .arg(items.to_string())
            .stdout(Stdio::from(out))
            .status()
            .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
        assert!(status.success(), "{} failed: {status}", script.display());
        std::fs::rename(&partial, &path)
            .unwrap_or_else(|e| panic!("cannot rename to {}: {e}", path.display()));
        path
    }

    /// The generated server around a service that answers `SaveExternalTokens` with
    /// [`SAVE_KEY`] (and every other operation with a fault).
    pub fn save_server() -> UserServer<Answering> {
        let answer: SaveResponse = Message::new(SaveExternalTokensResponse {
            response: Some(SAVE_KEY.into()),
        });
        UserServer::new(Answering::default().with("SaveExternalTokens", answer))
    }

    /// `body` as a SOAP 1.1 `SaveExternalTokens` request reaching a server.
    pub fn save_server_request(body: Vec<u8>) -> ServerRequest {
        ServerRequest {
            body,
            soap_action: Some(SAVE_EXTERNAL_TOKENS.soap_action.to_owned()),
            content_type: Some(SoapVersion::Soap11.content_type(SAVE_EXTERNAL_TOKENS.soap_action)),
        }
    }
}
