//! Compiles generated code as the tests see it:
//! - `all/`: every operation of the project's WSDL, and `save_only/`: `SaveExternalTokens` alone
//!   (the CLI's main job), both snapshotted by `tests/snapshots.rs`;
//! - `full/`: every operation of the published WSDL in `../shared`, plus a test harness generated
//!   from the same plan (a recording server, a client driver and sample values for every type).
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

fn create(dir: &Path) -> Result<PathBuf, wsdl_codegen::Error> {
    std::fs::create_dir_all(dir).map_err(|e| wsdl_codegen::Error::from_io(dir, e))?;
    Ok(dir.to_path_buf())
}
