//! Compiles the project's WSDL twice, as the snapshot tests see it: every operation, and
//! `SaveExternalTokens` alone (the CLI's main job), so both outputs are proven to build and run.

use std::path::PathBuf;

fn main() -> Result<(), wsdl_codegen::Error> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let wsdl = "../wsdl/Services88-User.wsdl";
    for (dir, ops) in [("all", &[][..]), ("save_only", &["SaveExternalTokens"][..])] {
        let dir = out.join(dir);
        std::fs::create_dir_all(&dir).map_err(|e| wsdl_codegen::Error::from_io(&dir, &e))?;
        wsdl_codegen::configure()
            .operations(ops.iter().copied())
            .out_dir(dir)
            .compile(&[wsdl])?;
    }
    Ok(())
}
