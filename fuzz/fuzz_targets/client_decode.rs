//! Fuzz target `client_decode`: see `wsdl_codegen_tests::fuzzing::client_decode` (shared with the regression test).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wsdl_codegen_tests::fuzzing::client_decode(data);
});
