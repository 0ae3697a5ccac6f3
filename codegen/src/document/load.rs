//! Loading a WSDL and every file it imports into one [`Definitions`].
//!
//! `wsdl:import`, `xs:import` and `xs:include` are followed relative to the importing file;
//! absolute URLs are never fetched but mapped to local files through the catalog. Every file is
//! read once (a schema reached twice, or through an import cycle, is loaded once; a chameleon
//! include is loaded once per namespace it is included into), in breadth-first order, so the
//! result does not depend on anything but the files.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use super::parse::{parse_xml, read_wsdl, Reader};
use super::{
    Definitions, Import, ParseError, SourceFile, Span, SOAPENC11_NS, SOAPENC12_NS, WSDL_NS, XML_NS,
    XSD_NS,
};
use crate::ErrorKind;

/// Namespaces the generator knows without a file: an import of them is not followed.
const BUILT_IN: &[&str] = &[XSD_NS, SOAPENC11_NS, SOAPENC12_NS, XML_NS, WSDL_NS];

/// Files read before no more are accepted (a generated import chain would otherwise never end).
const MAX_FILES: usize = 2_000;

/// A failed load: the error and the files read so far (for the error's snippet).
#[derive(Debug)]
pub struct LoadFailure {
    /// What went wrong, placed in one of `files`.
    pub error: ParseError,
    /// Every file read before the error.
    pub files: Vec<SourceFile>,
}

use crate::catalog::Catalog;

struct Job {
    path: PathBuf,
    /// The includer's namespace, for a chameleon `xs:include`.
    chameleon: Option<String>,
    /// The import that asked for the file.
    origin: Option<Span>,
    /// A `wsdl:import` (may be a WSDL or a schema) rather than a schema import.
    wsdl_import: bool,
}

struct Loader<'c> {
    catalog: &'c Catalog,
    files: Vec<SourceFile>,
    /// (file, effective target namespace) of every schema or WSDL loaded.
    seen: BTreeSet<(PathBuf, String)>,
    defs: Definitions,
    queue: VecDeque<Job>,
}

/// Loads the WSDLs `roots` (path and text; the first is the main one, whose name and target
/// namespace the definitions take) and everything they import, each file once, into one set of
/// definitions: WSDLs that share schemas share their types.
pub fn load_wsdls(
    roots: Vec<(PathBuf, String)>,
    catalog: &Catalog,
) -> Result<Definitions, LoadFailure> {
    let mut loader = Loader {
        catalog,
        files: Vec::new(),
        seen: BTreeSet::new(),
        defs: Definitions {
            files: Vec::new(),
            name: None,
            target_ns: String::new(),
            schemas: Vec::new(),
            messages: Vec::new(),
            port_types: Vec::new(),
            bindings: Vec::new(),
            services: Vec::new(),
            warnings: Vec::new(),
        },
        queue: VecDeque::new(),
    };
    match loader.run(roots) {
        Ok(()) => {
            let mut defs = loader.defs;
            defs.files = loader.files;
            Ok(defs)
        }
        Err(error) => Err(LoadFailure {
            error,
            files: loader.files,
        }),
    }
}

fn error(kind: ErrorKind, span: Span, message: String) -> ParseError {
    ParseError {
        message,
        span,
        kind,
        xml: None,
    }
}

impl Loader<'_> {
    fn run(&mut self, roots: Vec<(PathBuf, String)>) -> Result<(), ParseError> {
        for (path, text) in roots {
            self.load_file(
                Job {
                    path,
                    chameleon: None,
                    origin: None,
                    wsdl_import: true,
                },
                text,
            )?;
            self.drain()?;
        }
        Ok(())
    }

    /// Loads every queued import, breadth first.
    fn drain(&mut self) -> Result<(), ParseError> {
        while let Some(job) = self.queue.pop_front() {
            if self.files.len() >= MAX_FILES {
                return Err(error(
                    ErrorKind::Unsupported,
                    job.origin.unwrap_or_default(),
                    format!("more than {MAX_FILES} files imported: expected a finite set of WSDL and schema files"),
                ));
            }
            let text = std::fs::read_to_string(&job.path).map_err(|e| {
                error(
                    ErrorKind::Io,
                    job.origin.unwrap_or_default(),
                    format!("cannot read imported file `{}`: {e}", job.path.display()),
                )
            })?;
            self.load_file(job, text)?;
        }
        Ok(())
    }

    fn key(path: &Path, ns: &str) -> (PathBuf, String) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        (canonical, ns.to_owned())
    }

    fn load_file(&mut self, job: Job, text: String) -> Result<(), ParseError> {
        let file = self.files.len() as u32;
        self.files.push(SourceFile {
            path: job.path.clone(),
            text,
        });
        // The text is moved out and back so the document can borrow it while `self` changes.
        let text = std::mem::take(&mut self.files[file as usize].text);
        let result = self.read_document(&job, &text, file);
        self.files[file as usize].text = text;
        match result {
            Ok(true) => Ok(()),
            Ok(false) => {
                // Already loaded under the same namespace: forget the duplicate read.
                self.files.pop();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Reads one document; `false` when it had been loaded already.
    fn read_document(&mut self, job: &Job, text: &str, file: u32) -> Result<bool, ParseError> {
        let doc = parse_xml(text, file)?;
        let reader = Reader {
            doc: &doc,
            file,
            chameleon: job.chameleon.clone(),
            warnings: Default::default(),
        };
        let result = self.read_root(job, &reader);
        self.defs.warnings.extend(reader.warnings.into_inner());
        result
    }

    fn read_root(&mut self, job: &Job, reader: &Reader) -> Result<bool, ParseError> {
        let doc = reader.doc;
        let root = doc.root_element();
        let base = job.path.clone();
        if root.has_tag_name((WSDL_NS, "definitions")) {
            let ns = root.attribute("targetNamespace").unwrap_or("");
            if !self.seen.insert(Self::key(&job.path, ns)) {
                return Ok(false);
            }
            let wsdl = read_wsdl(reader, root)?;
            if reader.file == 0 {
                self.defs.name = wsdl.name.clone();
                self.defs.target_ns = wsdl.target_ns.clone();
            }
            for import in &wsdl.imports {
                self.follow(&base, import, None, true)?;
            }
            for schema in &wsdl.schemas {
                self.follow_schema(&base, schema)?;
            }
            self.defs.schemas.extend(wsdl.schemas);
            self.defs.messages.extend(wsdl.messages);
            self.defs.port_types.extend(wsdl.port_types);
            self.defs.bindings.extend(wsdl.bindings);
            self.defs.services.extend(wsdl.services);
            Ok(true)
        } else if root.has_tag_name((XSD_NS, "schema")) {
            let schema = reader.schema(root, job.chameleon.as_deref())?;
            if !self.seen.insert(Self::key(&job.path, &schema.target_ns)) {
                return Ok(false);
            }
            self.follow_schema(&base, &schema)?;
            self.defs.schemas.push(schema);
            Ok(true)
        } else if job.origin.is_none() {
            Err(reader.error(
                root,
                format!(
                    "expected a WSDL 1.1 <wsdl:definitions> root element in namespace {WSDL_NS}, found <{}>{}",
                    root.tag_name().name(),
                    root.tag_name()
                        .namespace()
                        .map(|ns| format!(" in namespace {ns}"))
                        .unwrap_or_default()
                ),
            ))
        } else {
            let what = if job.wsdl_import {
                "<wsdl:definitions> or <xs:schema>"
            } else {
                "<xs:schema>"
            };
            Err(reader.error(
                root,
                format!(
                    "expected {what} as the root element of an imported file, found <{}>",
                    root.tag_name().name()
                ),
            ))
        }
    }

    fn follow_schema(&mut self, base: &Path, schema: &super::Schema) -> Result<(), ParseError> {
        for import in &schema.imports {
            self.follow(base, import, None, false)?;
        }
        for include in &schema.includes {
            self.follow(base, include, Some(schema.target_ns.clone()), false)?;
        }
        Ok(())
    }

    fn follow(
        &mut self,
        base: &Path,
        import: &Import,
        chameleon: Option<String>,
        wsdl_import: bool,
    ) -> Result<(), ParseError> {
        if import
            .namespace
            .as_deref()
            .is_some_and(|ns| BUILT_IN.contains(&ns))
        {
            return Ok(());
        }
        let Some(location) = import.location.as_deref().map(str::trim) else {
            return Ok(()); // resolved by namespace among the schemas loaded
        };
        if location.is_empty() {
            return Ok(());
        }
        let path = self.locate(base, location, import.span)?;
        self.queue.push_back(Job {
            path,
            chameleon,
            origin: Some(import.span),
            wsdl_import,
        });
        Ok(())
    }

    fn locate(&self, base: &Path, location: &str, span: Span) -> Result<PathBuf, ParseError> {
        // The catalog maps absolute URLs, and relative ones written in a file that was fetched
        // from a URL (`?xsd=xsd0`); with no entry it resolves relative paths as paths.
        if let Some(path) = self.catalog.locate(base, location) {
            return Ok(path);
        }
        // Only a remote URL the catalog does not map is left: relative paths resolved as paths.
        let uri = self.catalog.import_uri(base, location);
        Err(error(
            ErrorKind::UnresolvedReference,
            span,
            format!(
                "import of `{uri}` by URL: URLs are never fetched; map it to a local file with an OASIS XML catalog (`--catalog FILE` on the command line, `.catalog(path)` in build.rs), or download it with `wsdl-codegen fetch`"
            ),
        ))
    }
}
