//! Generates the client and server for the external-token operations, like tonic-build does for
//! protos: the code lands in OUT_DIR and `src/lib.rs` includes it.

fn main() -> Result<(), wsdl_codegen::Error> {
    wsdl_codegen::configure()
        .operation("SaveExternalTokens")
        .operation("GetExternalTokens")
        .operation("DecryptAndSaveExternalTokens")
        .compile(&["../wsdl/Services88-User.wsdl"])
}
