//! Snapshots of the generated code for the project's WSDL (every operation, and SaveExternalTokens
//! alone). The same code is compiled and run by this crate (see `build.rs` and the other tests).

use std::path::{Path, PathBuf};

fn wsdl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/Services88-User.wsdl")
}

fn generate(ops: &[&str]) -> String {
    wsdl_codegen::configure()
        .operations(ops.iter().copied())
        .generate(wsdl())
        .unwrap_or_else(|e| panic!("{e}"))
        .code
}

#[test]
fn services88_user_all_operations() {
    insta::assert_snapshot!(generate(&[]));
}

#[test]
fn services88_user_save_external_tokens() {
    insta::assert_snapshot!(generate(&["SaveExternalTokens"]));
}

#[test]
fn output_is_byte_identical_across_runs() {
    assert_eq!(generate(&[]), generate(&[]));
    assert_eq!(
        generate(&["SaveExternalTokens"]),
        generate(&["SaveExternalTokens"])
    );
}

#[test]
fn compiled_code_is_the_snapshotted_code() {
    let out = Path::new(env!("OUT_DIR"));
    let compiled =
        std::fs::read_to_string(out.join("all/services88_user.rs")).expect("build.rs output");
    assert_eq!(compiled, generate(&[]));
    let compiled =
        std::fs::read_to_string(out.join("save_only/services88_user.rs")).expect("build.rs output");
    assert_eq!(compiled, generate(&["SaveExternalTokens"]));
}

#[test]
fn filtering_keeps_exactly_the_reached_types() {
    let save = generate(&["SaveExternalTokens"]);
    assert!(save.contains("pub struct SaveExternalTokens "));
    assert!(save.contains("pub struct TokenManagementInfo "));
    assert!(
        save.contains("pub struct SoExceptionInfo "),
        "response headers are reached"
    );
    assert!(!save.contains("pub struct GetExternalTokens "));
    assert!(!save.contains("DecryptAndSave"));
    assert!(
        !save.contains("ArrayOfint"),
        "nothing reaches the Arrays schema"
    );
    let all = generate(&[]);
    assert!(all.contains("pub struct DecryptAndSaveExternalTokens "));
}

/// Generates a fixture of `tests/fixtures` (with its catalog when the fixture has one).
fn fixture(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let (wsdl, catalog) = match name {
        "multifile" => (
            dir.join("multifile/main.wsdl"),
            Some(dir.join("multifile/catalog.xml")),
        ),
        _ => (dir.join(format!("{name}.wsdl")), None),
    };
    let generator = match catalog {
        Some(c) => wsdl_codegen::configure().catalog(c),
        None => wsdl_codegen::configure(),
    };
    generator
        .generate(&wsdl)
        .unwrap_or_else(|e| panic!("{e}"))
        .code
}

/// One snapshot per construct fixture; the corpus crate (`tests/corpus`) compiles the same code
/// and round-trips a sample of every type.
macro_rules! fixture_snapshots {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(concat!("fixture_", stringify!($name)), fixture(stringify!($name)));
        }
    )*};
}

fixture_snapshots!(
    addressing,
    any,
    attributes,
    choice,
    derivation,
    doc_bare,
    forms,
    multifile,
    rpc_encoded,
    rpc_literal,
    simple,
);
