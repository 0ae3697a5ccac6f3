//! Compile-fail tests of the derives: each misuse of the `#[xml(...)]` vocabulary is rejected
//! with a message saying what is expected, pointing at the offending attribute, field or
//! variant. Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p soap-runtime --test derive_ui`.

#[test]
fn derive_ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
