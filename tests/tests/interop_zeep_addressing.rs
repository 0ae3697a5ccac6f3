//! Interop: zeep (Python) as a WS-Addressing client of a Rust server for
//! `tests/fixtures/addressing.wsdl`, over HTTP on loopback. The checks are in
//! `interop/zeep/test_addressing.py`; zeep comes from the `.venv` `scripts/test` prepares
//! (`$SCHEMA_CHECK_PYTHON`, else `.venv/bin/python` at the workspace root).

use std::path::PathBuf;
use std::process::Command;

use soap_runtime::{serve, SoapHttpServer};
use wsdl_codegen_tests::addressing::calculator_server::CalculatorServer;
use wsdl_codegen_tests::calculator::Calculator;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn python() -> PathBuf {
    let python = std::env::var_os("SCHEMA_CHECK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join(".venv/bin/python"));
    assert!(
        python.exists(),
        "no Python with zeep at {}: run scripts/test (it creates .venv from interop/requirements.txt) \
         or set SCHEMA_CHECK_PYTHON",
        python.display()
    );
    python
}

#[test]
fn zeep_calls_an_addressed_service() {
    let python = python();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("local address");
    let server = SoapHttpServer::new(CalculatorServer::new(Calculator::default()));
    runtime.spawn(serve(listener, server));

    let output = Command::new(&python)
        .arg(workspace().join("interop/zeep/test_addressing.py"))
        .arg(format!("http://{address}/calculator"))
        .arg(workspace().join("tests/fixtures/addressing.wsdl"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .expect("run the zeep addressing check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success() && stdout.contains("zeep addressing: 4 passed, 0 failed"),
        "zeep addressing checks failed:\n{stdout}\n{stderr}"
    );
}
