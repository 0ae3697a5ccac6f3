//! Fuzz target `dispatch`: see `wsdl_codegen_tests::fuzzing::dispatch` (shared with the regression test).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wsdl_codegen_tests::fuzzing::dispatch(data);
});
