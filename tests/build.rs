//! Compiles generated code as the tests see it:
//! - `all/`: every operation of the project's WSDL, and `save_only/`: `SaveExternalTokens` alone
//!   (the CLI's main job), both snapshotted by `tests/snapshots.rs`;
//! - `full/`: every operation of the published WSDL in `../shared`, plus a test harness generated
//!   from the same plan (a recording server, a client driver and sample values for every type);
//! - `addressing/`: the WS-Addressing fixture `fixtures/addressing.wsdl`;
//! - `corpus/<id>.rs`: clients for three WSDLs of the real-world corpus in `../shared/corpus`
//!   (document/literal, rpc/literal, rpc/encoded), run against gSOAP servers by
//!   `tests/interop_corpus.rs`; only the operations those servers implement.
//!
//! When `../shared` is missing the build still succeeds (cfg `shared_missing`), and the tests that
//! need it fail with a clear message instead.

#[path = "build_harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn main() -> Result<(), wsdl_codegen::Error> {
    println!("cargo::rustc-check-cfg=cfg(shared_missing)");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let project = "../wsdl/Services88-User.wsdl";
    for (dir, ops) in [("all", &[][..]), ("save_only", &["SaveExternalTokens"][..])] {
        let dir = create(&out.join(dir))?;
        wsdl_codegen::configure()
            .operations(ops.iter().copied())
            .out_dir(dir)
            .compile(&[project])?;
    }

    corpus(&out)?;

    // The WS-Addressing fixture, run by `tests/addressing.rs` and the zeep interop check.
    let fixture = "fixtures/addressing.wsdl";
    println!("cargo:rerun-if-changed={fixture}");
    wsdl_codegen::configure()
        .out_dir(create(&out.join("addressing"))?)
        .compile(&[fixture])?;

    let published = Path::new("../../shared/wsdl/Services88-User.wsdl");
    println!("cargo:rerun-if-changed={}", published.display());
    let full = create(&out.join("full"))?;
    if !published.is_file() {
        println!("cargo:rustc-cfg=shared_missing");
        return Ok(());
    }
    wsdl_codegen::configure()
        .out_dir(&full)
        .compile(&[published])?;
    let code = harness::generate(published)?;
    wsdl_codegen::write_if_changed(&full.join("harness.rs"), &code)
}

/// `(id, main WSDL relative to ../shared/corpus, operations)`, as in `interop/gsoap-corpus/`.
const CORPUS: &[(&str, &str, &[&str])] = &[
    (
        "docdata_payments",
        "WsdlToPhp__PackageGenerator/tests/resources/docdatapayments/1_3.wsdl",
        &["create"],
    ),
    (
        "cxf_rpc_lit",
        "apache__cxf/testutils/src/main/resources/wsdl/hello_world_rpc_lit.wsdl",
        &["greetUs", "sendReceiveData"],
    ),
    (
        "mantisconnect",
        "mantisbt__mantisbt/api/soap/mantisconnect.wsdl",
        &["mc_issue_add", "mc_issue_get", "mc_filter_search_issue_ids"],
    ),
];

fn corpus(out: &Path) -> Result<(), wsdl_codegen::Error> {
    let root = Path::new("../../shared/corpus");
    let dir = create(&out.join("corpus"))?;
    if !root.is_dir() {
        println!("cargo:rerun-if-changed={}", root.display());
        println!("cargo:rustc-cfg=shared_missing");
        return Ok(());
    }
    for (id, wsdl, ops) in CORPUS {
        let wsdl = root.join(wsdl);
        println!("cargo:rerun-if-changed={}", wsdl.display());
        let generated = wsdl_codegen::configure()
            .operations(ops.iter().copied())
            .generate(&wsdl)?;
        for input in &generated.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        wsdl_codegen::write_if_changed(&dir.join(format!("{id}.rs")), &generated.code)?;
    }
    Ok(())
}

fn create(dir: &Path) -> Result<PathBuf, wsdl_codegen::Error> {
    std::fs::create_dir_all(dir).map_err(|e| wsdl_codegen::Error::from_io(dir, e))?;
    Ok(dir.to_path_buf())
}
