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
        use soap_runtime::__private::{from_xml_str, to_xml_string, XmlNode, XmlWriter};
        let (ns, local) = element;
        let body_xml = to_xml_string(ns, local, body);
        let mut w = XmlWriter::new();
        w.start("", "Headers");
        headers.write_headers(&mut w);
        w.end();
        let headers_xml = w.into_string();
        let body_again = from_xml_str::<B>(&body_xml, ns, local);
        let headers_again = roxmltree::Document::parse(&headers_xml)
            .map_err(|e| e.to_string())
            .and_then(|doc| {
                let nodes: Vec<_> = doc
                    .root_element()
                    .children()
                    .filter(|n| n.is_element())
                    .map(XmlNode::new)
                    .collect();
                H::read_headers(&nodes).map_err(|e| e.to_string())
            });
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
