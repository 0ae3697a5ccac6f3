//! Fuzz target `wsdl_front_end`: see `wsdl_codegen_tests::fuzzing::wsdl_front_end` (shared with the regression test).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wsdl_codegen_tests::fuzzing::wsdl_front_end(data);
});
