//! WSDLs that share schemas, generated in one run (every shared type once), and namespaces
//! mapped to types that exist elsewhere (`extern_path`).

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/shared")
        .join(name)
}

fn count(code: &str, needle: &str) -> usize {
    code.matches(needle).count()
}

#[test]
fn shared_types_are_generated_once_with_every_service() {
    let generated = wsdl_codegen::configure()
        .generate_together(&[fixture("alpha.wsdl"), fixture("beta.wsdl")])
        .unwrap_or_else(|e| panic!("{e}"));
    let code = &generated.code;
    assert_eq!(count(code, "pub struct Address {"), 1, "{code}");
    assert_eq!(count(code, "pub enum AddressKind {"), 1, "{code}");
    for item in [
        "pub mod alpha_client",
        "pub mod beta_client",
        "pub mod alpha_server",
        "pub mod beta_server",
    ] {
        assert_eq!(count(code, item), 1, "{item}: {code}");
    }
    assert_eq!(generated.module, "alpha");
    // Every file once: both WSDLs and the schema they share.
    let mut inputs: Vec<_> = generated
        .inputs
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    assert_eq!(inputs.len(), 3, "{:?}", generated.inputs);
    inputs.dedup();
    assert_eq!(inputs.len(), 3);
}

#[test]
fn generating_together_is_deterministic() {
    let ab = wsdl_codegen::configure()
        .generate_together(&[fixture("alpha.wsdl"), fixture("beta.wsdl")])
        .unwrap_or_else(|e| panic!("{e}"));
    let again = wsdl_codegen::configure()
        .generate_together(&[fixture("alpha.wsdl"), fixture("beta.wsdl")])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ab.code, again.code);
}

#[test]
fn an_extern_namespace_is_referred_to_by_path_and_not_generated() {
    let generated = wsdl_codegen::configure()
        .extern_path("urn:fixtures:shared:common", "crate::common")
        .generate(fixture("alpha.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    let code = &generated.code;
    assert!(!code.contains("pub struct Address"), "{code}");
    assert!(!code.contains("pub enum AddressKind"), "{code}");
    assert!(
        code.contains("pub address: crate::common::Address,"),
        "{code}"
    );
    assert!(
        !code.contains("urn:fixtures:shared:common"),
        "no constant for the extern namespace: {code}"
    );
}

#[test]
fn generate_together_needs_a_wsdl() {
    let none: [&Path; 0] = [];
    let e = wsdl_codegen::configure()
        .generate_together(&none)
        .expect_err("no WSDL");
    assert_eq!(e.kind(), wsdl_codegen::ErrorKind::Config);
}
