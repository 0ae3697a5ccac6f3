//! Throughput of the generator and of generated code, on the published WSDL and examples.
//!
//! Run: `cargo bench -p wsdl-codegen-tests --bench throughput` (release build; prints one line per
//! measurement). Not a test: nothing here asserts timings.

use std::path::Path;
use std::time::{Duration, Instant};

use soap_runtime::{ServerRequest, SoapService};
use wsdl_codegen_tests::full::user_client::UserClient;
use wsdl_codegen_tests::full::user_server::UserServer;
use wsdl_codegen_tests::full_harness::{call, OPERATIONS};
use wsdl_codegen_tests::shared;
use wsdl_codegen_tests::support::{Canned, FullRecorder};

/// Runs `f` repeatedly for about `budget` and returns (iterations, mean time per iteration).
fn measure(budget: Duration, mut f: impl FnMut()) -> (u32, Duration) {
    f(); // warm up
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < budget {
        f();
        n += 1;
    }
    (n, start.elapsed() / n.max(1))
}

fn main() {
    let wsdl = shared::dir().join("wsdl/Services88-User.wsdl");
    let source = std::fs::read_to_string(&wsdl).expect("published WSDL");
    let (n, each) = measure(Duration::from_secs(3), || {
        let generated = wsdl_codegen::configure()
            .generate_source(Path::new("Services88-User.wsdl"), source.clone())
            .expect("generates");
        std::hint::black_box(generated);
    });
    println!(
        "generate published WSDL (91 operations, {} KB): {each:?} per run ({n} runs)",
        source.len() / 1024
    );

    let requests: Vec<(&str, Vec<u8>)> = OPERATIONS
        .iter()
        .map(|op| (*op, shared::example(op, "request").into_bytes()))
        .collect();
    let bytes: usize = requests.iter().map(|(_, b)| b.len()).sum();
    let server = UserServer::new(FullRecorder::default());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let (n, each) = measure(Duration::from_secs(3), || {
        for (_, body) in &requests {
            let response = runtime.block_on(server.handle(ServerRequest {
                body: body.clone(),
                soap_action: None,
                content_type: Some("application/soap+xml".into()),
            }));
            std::hint::black_box(response);
        }
    });
    let per_request = each / requests.len() as u32;
    println!(
        "dispatch all 91 request examples ({} KB): {each:?} per round, {per_request:?} per request ({n} rounds)",
        bytes / 1024
    );

    let responses: Vec<(&str, String)> = OPERATIONS
        .iter()
        .map(|op| (*op, shared::example(op, "response")))
        .collect();
    let clients: Vec<_> = responses
        .iter()
        .map(|(op, xml)| {
            (
                *op,
                UserClient::with_endpoint(Canned::ok(xml.clone()), "http://localhost/"),
            )
        })
        .collect();
    let (n, each) = measure(Duration::from_secs(3), || {
        for (op, client) in &clients {
            let decoded = runtime.block_on(call(client, op, false));
            std::hint::black_box(decoded);
        }
    });
    println!(
        "client: encode 91 requests + decode the 91 response examples (through a recording in-memory transport): {each:?} per round, {:?} per call ({n} rounds)",
        each / clients.len() as u32
    );
}
