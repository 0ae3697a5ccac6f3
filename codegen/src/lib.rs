//! Generate Rust SOAP clients, servers and types from WSDL 1.1 files.
//!
//! The pipeline has four stages with their own types: [`document`] (the WSDL/XSD as written, with
//! source positions) → [`resolve`] (references looked up, recursion found) → [`plan`] (Rust
//! identifiers and types) → [`emit`] (tokens, formatted by prettyplease). The build-script API
//! ([`configure`]), the `wsdl-codegen` command and the snapshot tests are thin layers over
//! [`Generator::generate`].
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), wsdl_codegen::Error> {
//!     wsdl_codegen::configure()
//!         .operation("SaveExternalTokens")
//!         .compile(&["../wsdl/Services88-User.wsdl"])
//! }
//! ```
//! and in the crate: `soap_runtime::include_wsdl!("services88_user");`.
#![deny(missing_docs)]

pub mod document;
pub mod emit;
mod error;
pub mod naming;
pub mod plan;
pub mod resolve;

use std::path::{Path, PathBuf};

pub use error::{Error, ErrorKind};

/// Settings for one generation run, built with [`configure`].
#[derive(Debug, Clone)]
pub struct Generator {
    options: plan::Options,
    out_dir: Option<PathBuf>,
    emit_rerun: bool,
}

/// Starts a build-script configuration (client and server on, all operations, output to `OUT_DIR`).
pub fn configure() -> Generator {
    Generator {
        options: plan::Options {
            operations: Vec::new(),
            client: true,
            server: true,
        },
        out_dir: None,
        emit_rerun: true,
    }
}

/// The result of generating code for one WSDL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The module name the file is written under (`Services88-User.wsdl` → `services88_user`).
    pub module: String,
    /// The formatted Rust source.
    pub code: String,
    /// Every file read to produce it.
    pub inputs: Vec<PathBuf>,
}

impl Generator {
    /// Generates only this operation (and the types it reaches); may be called repeatedly.
    pub fn operation(mut self, name: impl Into<String>) -> Self {
        self.options.operations.push(name.into());
        self
    }

    /// Generates only these operations.
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options
            .operations
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Whether to generate client traits and types (default true).
    pub fn build_client(mut self, enable: bool) -> Self {
        self.options.client = enable;
        self
    }

    /// Whether to generate server traits and dispatchers (default true).
    pub fn build_server(mut self, enable: bool) -> Self {
        self.options.server = enable;
        self
    }

    /// Where [`compile`](Self::compile) writes (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether [`compile`](Self::compile) prints `cargo:rerun-if-changed` lines (default true).
    pub fn emit_rerun_if_changed(mut self, enable: bool) -> Self {
        self.emit_rerun = enable;
        self
    }

    /// Generates code for the WSDL text `source`; `path` is used for messages and the module name.
    pub fn generate_source(&self, path: &Path, source: String) -> Result<Generated, Error> {
        let display = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let loaded = load_source(path, source)?;
        let fail = |kind: ErrorKind| Error::new(path, kind, Some(&loaded.definitions.source));
        let plan = plan::plan(&loaded.model, &self.options).map_err(|e| fail(e.into()))?;
        let code = emit::emit_file(&plan, &display).map_err(|e| fail(e.into()))?;
        Ok(Generated {
            module: module_name(path),
            code,
            inputs: vec![path.to_path_buf()],
        })
    }

    /// The Rust plan for the WSDL at `path`: what [`generate`](Self::generate) would emit, as data,
    /// for tools that emit something else from the same plan (test harnesses, documentation).
    pub fn plan_file(&self, path: impl AsRef<Path>) -> Result<plan::Plan, Error> {
        let path = path.as_ref();
        let loaded = load(path)?;
        plan::plan(&loaded.model, &self.options)
            .map_err(|e| Error::new(path, e, Some(&loaded.definitions.source)))
    }

    /// Reads and generates code for the WSDL at `path`.
    pub fn generate(&self, path: impl AsRef<Path>) -> Result<Generated, Error> {
        let path = path.as_ref();
        let source = std::fs::read_to_string(path)
            .map_err(|e| Error::new(path, ErrorKind::Io(format!("cannot read file: {e}")), None))?;
        self.generate_source(path, source)
    }

    /// Generates every WSDL into `{out_dir}/{module}.rs` and prints `cargo:rerun-if-changed` for
    /// each file read. Include the result with `soap_runtime::include_wsdl!("{module}")`.
    pub fn compile(&self, wsdls: &[impl AsRef<Path>]) -> Result<(), Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::new(
                    "OUT_DIR",
                    ErrorKind::Io("OUT_DIR is not set: call compile() from a build script or set out_dir()".into()),
                    None,
                )
            })?,
        };
        for wsdl in wsdls {
            let wsdl = wsdl.as_ref();
            if self.emit_rerun {
                println!("cargo:rerun-if-changed={}", wsdl.display());
            }
            let generated = self.generate(wsdl)?;
            let target = out_dir.join(format!("{}.rs", generated.module));
            write_if_changed(&target, &generated.code)?;
        }
        Ok(())
    }
}

/// A parsed and resolved WSDL.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Stage 1: the document as written.
    pub definitions: document::Definitions,
    /// Stage 2: the resolved model.
    pub model: resolve::Model,
}

/// Parses and resolves the WSDL text `source` read from `path`.
pub fn load_source(path: &Path, source: String) -> Result<Loaded, Error> {
    let definitions = match document::parse_wsdl(path, source.clone()) {
        Ok(defs) => defs,
        Err(e) => return Err(Error::new(path, e, Some(&source))),
    };
    let model = resolve::resolve(&definitions)
        .map_err(|e| Error::new(path, e, Some(&definitions.source)))?;
    Ok(Loaded { definitions, model })
}

/// Reads, parses and resolves the WSDL at `path`.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let source = std::fs::read_to_string(path)
        .map_err(|e| Error::new(path, ErrorKind::Io(format!("cannot read file: {e}")), None))?;
    load_source(path, source)
}

/// Writes `code` to `target` unless it already holds exactly that (keeps mtimes stable).
pub fn write_if_changed(target: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read_to_string(target).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(target, code).map_err(|e| {
        Error::new(
            target,
            ErrorKind::Io(format!("cannot write file: {e}")),
            None,
        )
    })
}

/// The module name for a WSDL path: its file stem in snake case.
pub fn module_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    naming::field_name(&stem)
        .trim_start_matches("r#")
        .to_owned()
}
