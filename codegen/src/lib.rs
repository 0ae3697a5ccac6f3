//! Generate Rust SOAP clients, servers and types from WSDL 1.1 files.
//!
//! [`configure`] starts a [`Generator`]; [`Generator::compile`] writes the code for each WSDL into
//! `OUT_DIR` (from a build script), [`Generator::generate`] and [`Generator::generate_source`]
//! return it as a [`Generated`]. Failures are [`Error`]s: an [`ErrorKind`] to match on, the file,
//! the line and column, a message saying what was expected, and the underlying cause as
//! [`source()`](std::error::Error::source).
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
//!
//! Internally the generator works in four stages with their own types: the document (the WSDL/XSD
//! as written, with source positions) → the resolved model (references looked up, recursion found)
//! → the plan (Rust identifiers and types) → emission (tokens, formatted by prettyplease).
//!
//! The `wsdl-codegen` command is behind the `cli` feature, so build scripts do not compile its
//! dependencies.
#![deny(missing_docs)]

// Parts of the catalog API serve only the command (`fetch`).
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
mod catalog;
// The document and the resolved model record everything the WSDL says (names, positions,
// documentation, attributes), more than emission uses today; unread fields are kept on purpose.
#[allow(dead_code)]
mod document;
mod emit;
mod error;
#[cfg(feature = "cli")]
mod fetch;
#[cfg(feature = "cli")]
mod inspect;
mod naming;
// The plan's fields are data for emission and, with `__plan`, for the test-harness generator.
#[cfg_attr(not(feature = "__plan"), allow(dead_code))]
mod plan;
#[allow(dead_code)]
mod resolve;

use std::path::{Path, PathBuf};

use error::StageError;
pub use error::{Error, ErrorKind};

/// Not part of the API: what the `wsdl-codegen` command needs beyond the library (feature `cli`).
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod __cli {
    pub use crate::catalog::{Catalog, CatalogError};
    pub use crate::fetch::{fetch, FetchError, FetchOptions, Fetched};
    pub use crate::inspect::inspect;
}

/// Not part of the API: the generator's plan, for the workspace's test-harness generator (feature
/// `__plan`). It changes whenever the generator does.
#[cfg(feature = "__plan")]
#[doc(hidden)]
pub mod __internal {
    pub use crate::naming::field_name;
    pub use crate::plan::{
        Cardinality, Content, DictionaryPlan, EnumPlan, FieldPlan, HeaderStruct, Item, NsConst,
        OperationPlan, Plan, RustTy, ServicePlan, StructPlan,
    };
    pub use crate::resolve::Builtin;
}

/// Settings for one generation run, built with [`configure`].
#[derive(Debug, Clone)]
pub struct Generator {
    options: plan::Options,
    out_dir: Option<PathBuf>,
    emit_rerun: bool,
    catalogs: Vec<PathBuf>,
}

/// Starts a build-script configuration (client and server on, all operations, output to `OUT_DIR`).
pub fn configure() -> Generator {
    Generator {
        options: plan::Options {
            operations: Vec::new(),
            client: true,
            server: true,
            extern_paths: Vec::new(),
        },
        out_dir: None,
        emit_rerun: true,
        catalogs: Vec::new(),
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
    /// What the WSDL does that the specs forbid and the generator accepted, one line each
    /// (`file:line:column: rule and what was done`); see the README's leniency policy.
    pub warnings: Vec<String>,
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

    /// Maps absolute URLs in imports to local files through the OASIS XML catalog at `path`
    /// (`uri`, `system`, `rewriteURI`, `rewriteSystem`, `nextCatalog`); may be called repeatedly.
    /// URLs are never fetched: an import by a URL no catalog maps is an error.
    pub fn catalog(mut self, path: impl Into<PathBuf>) -> Self {
        self.catalogs.push(path.into());
        self
    }

    /// Generates code for the WSDL text `source`; `path` is used for messages, the module name
    /// and relative imports.
    pub fn generate_source(&self, path: &Path, source: String) -> Result<Generated, Error> {
        on_big_stack(|| self.generate_loaded(path, &self.load(path, Some(source))?))
    }

    /// Generates one module for several WSDLs that share schemas (the ONVIF services all import
    /// one `onvif.xsd`): every type once, and the client and server of every portType. The module
    /// is named after the first WSDL; errors are reported in the file they concern.
    pub fn generate_together(&self, wsdls: &[impl AsRef<Path>]) -> Result<Generated, Error> {
        let Some(first) = wsdls.first() else {
            return Err(Error::new(
                ErrorKind::Config,
                "<none>",
                "generate_together needs at least one WSDL",
            ));
        };
        let first = first.as_ref();
        let mut roots = Vec::new();
        for wsdl in wsdls {
            let path = wsdl.as_ref();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(path, "cannot read file", e))?;
            roots.push((path.to_path_buf(), text));
        }
        on_big_stack(|| self.generate_loaded(first, &self.load_all(roots)?))
    }

    /// Writes [`generate_together`](Self::generate_together)'s module for `wsdls` to
    /// `{out_dir}/{module}.rs` (printing `cargo:rerun-if-changed` for every file read).
    pub fn compile_together(&self, module: &str, wsdls: &[impl AsRef<Path>]) -> Result<(), Error> {
        let out_dir = self.target_dir()?;
        if self.emit_rerun {
            for wsdl in wsdls {
                println!("cargo:rerun-if-changed={}", wsdl.as_ref().display());
            }
        }
        let generated = self.generate_together(wsdls)?;
        self.announce(&generated, wsdls.len());
        write_if_changed(&out_dir.join(format!("{module}.rs")), &generated.code)
    }

    /// Uses existing Rust types for the XML namespace `namespace` instead of generating them, as
    /// prost-build's `extern_path` does: a type `Foo` of that namespace is referred to as
    /// `{rust_path}::Foo`. The types at `rust_path` must have been generated by wsdl-codegen from
    /// the same schema (so they have the same names and derives), e.g. by a shared crate.
    pub fn extern_path(
        mut self,
        namespace: impl Into<String>,
        rust_path: impl Into<String>,
    ) -> Self {
        self.options
            .extern_paths
            .push((namespace.into(), rust_path.into()));
        self
    }

    /// Reads and generates code for the WSDL at `path` and the files it imports.
    pub fn generate(&self, path: impl AsRef<Path>) -> Result<Generated, Error> {
        let path = path.as_ref();
        on_big_stack(|| self.generate_loaded(path, &self.load(path, None)?))
    }

    fn generate_loaded(&self, path: &Path, loaded: &Loaded) -> Result<Generated, Error> {
        let display = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let files = &loaded.definitions.files;
        let plan =
            plan::plan(&loaded.model, &self.options).map_err(|e| e.into_error(files, path))?;
        let code = emit::emit_file(&plan, &display).map_err(|e| e.into_error(files, path))?;
        Ok(Generated {
            module: module_name(path),
            code,
            inputs: loaded.inputs(),
            warnings: loaded.warnings(path),
        })
    }

    /// Prints, for a build script, `cargo:rerun-if-changed` for every input but the first `roots`
    /// (printed before generating, so a failed run is retried when they change) and the warnings.
    fn announce(&self, generated: &Generated, roots: usize) {
        if !self.emit_rerun {
            return;
        }
        for input in generated.inputs.iter().skip(roots) {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        for warning in &generated.warnings {
            println!("cargo:warning={warning}");
        }
    }

    /// The output directory: `out_dir()`, else `OUT_DIR`.
    fn target_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Config,
                        "OUT_DIR",
                        "OUT_DIR is not set: call compile() from a build script or set out_dir()",
                    )
                    .with_source(std::env::VarError::NotPresent)
                }),
        }
    }

    /// Reads (unless `source` is given), parses and resolves the WSDL at `path` and its imports.
    pub(crate) fn load(&self, path: &Path, source: Option<String>) -> Result<Loaded, Error> {
        let source = match source {
            Some(text) => text,
            None => {
                std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read file", e))?
            }
        };
        self.load_all(vec![(path.to_path_buf(), source)])
    }

    /// Parses and resolves the WSDLs `roots` (path, text) and their imports as one set.
    fn load_all(&self, roots: Vec<(PathBuf, String)>) -> Result<Loaded, Error> {
        let mut catalog = catalog::Catalog::new();
        for file in &self.catalogs {
            catalog.add_file(file).map_err(Error::from_catalog)?;
        }
        let path = roots[0].0.clone();
        let path = path.as_path();
        let definitions = document::load_wsdls(roots, &catalog)
            .map_err(|f| f.error.into_error(&f.files, path))?;
        let model =
            resolve::resolve(&definitions).map_err(|e| e.into_error(&definitions.files, path))?;
        let catalogs = catalog.files().into_iter().map(Path::to_path_buf).collect();
        Ok(Loaded {
            definitions,
            model,
            catalogs,
        })
    }

    /// Not part of the API (feature `__plan`): the plan for the WSDL at `path`, what
    /// [`generate`](Self::generate) would emit, as data, for the workspace's test-harness generator.
    #[cfg(feature = "__plan")]
    #[doc(hidden)]
    pub fn plan_file(&self, path: impl AsRef<Path>) -> Result<plan::Plan, Error> {
        let path = path.as_ref();
        let loaded = self.load(path, None)?;
        plan::plan(&loaded.model, &self.options)
            .map_err(|e| e.into_error(&loaded.definitions.files, path))
    }

    /// Generates every WSDL into `{out_dir}/{module}.rs` and prints `cargo:rerun-if-changed` for
    /// each file read. Include the result with `soap_runtime::include_wsdl!("{module}")`.
    pub fn compile(&self, wsdls: &[impl AsRef<Path>]) -> Result<(), Error> {
        let out_dir = self.target_dir()?;
        for wsdl in wsdls {
            let wsdl = wsdl.as_ref();
            if self.emit_rerun {
                // Printed before generating, so a failed run is retried when the file changes.
                println!("cargo:rerun-if-changed={}", wsdl.display());
            }
            let generated = self.generate(wsdl)?;
            self.announce(&generated, 1);
            let target = out_dir.join(format!("{}.rs", generated.module));
            write_if_changed(&target, &generated.code)?;
        }
        Ok(())
    }
}

/// A parsed and resolved WSDL.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// Stage 1: the document as written.
    pub(crate) definitions: document::Definitions,
    /// Stage 2: the resolved model.
    pub(crate) model: resolve::Model,
    /// The catalog files read (`nextCatalog`s included).
    pub(crate) catalogs: Vec<PathBuf>,
}

impl Loaded {
    /// The model's warnings as `file:line:column: message` lines.
    fn warnings(&self, main: &Path) -> Vec<String> {
        self.model
            .warnings
            .iter()
            .map(|w| {
                let path = self
                    .definitions
                    .files
                    .get(w.span.file as usize)
                    .map_or(main, |f| f.path.as_path());
                format!("{}:{}: warning: {}", path.display(), w.span, w.message)
            })
            .collect()
    }

    /// Every file read: the WSDL, the files it imports, the catalogs.
    fn inputs(&self) -> Vec<PathBuf> {
        self.definitions
            .files
            .iter()
            .map(|f| f.path.clone())
            .chain(self.catalogs.iter().cloned())
            .collect()
    }
}

/// Stack for a generation run: the stages recurse per level of nested anonymous types (up to the
/// documented limit), which must not depend on the caller's thread (test threads have 2 MiB).
const GENERATION_STACK: usize = 256 << 20;

/// Runs `f` on a thread with [`GENERATION_STACK`] bytes of stack (reserved, not committed).
fn on_big_stack<T: Send>(f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("wsdl-codegen".into())
            .stack_size(GENERATION_STACK)
            .spawn_scoped(scope, f)
            .map_err(|e| Error::io("<thread>", "cannot start the generator thread", e))?;
        match worker.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Writes `code` to `target` unless it already holds exactly that (keeps mtimes stable, so cargo
/// does not rebuild what includes it). Errors are [`ErrorKind::Io`].
pub fn write_if_changed(target: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read_to_string(target).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(target, code).map_err(|e| Error::io(target, "cannot write file", e))
}

/// The module name for a WSDL path: its file stem in snake case.
fn module_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    naming::field_name(&stem)
        .trim_start_matches("r#")
        .to_owned()
}
