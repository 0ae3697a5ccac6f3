//! OASIS XML Catalogs 1.1: maps the absolute URIs a WSDL imports (`http://…/ws-addr.xsd`,
//! `http://host/Service.svc?xsd=xsd0`) to local files.
//!
//! Supported entries, in the namespace `urn:oasis:names:tc:entity:xmlns:xml:catalog`: `uri`,
//! `system`, `rewriteURI`, `rewriteSystem`, `uriSuffix`, `systemSuffix`, `group` and
//! `nextCatalog`, with `xml:base` on any of them. Relative targets are resolved against the
//! catalog file's location (or the nearest `xml:base`). `public`, `rewritePublic`, `delegate*`
//! and elements of other namespaces are ignored, as the specification allows.
//!
//! Lookup ([`Catalog::resolve_uri`]) follows section 7.2.2 of the specification, with `system`
//! entries consulted alongside `uri` entries (a schema location is both): in each catalog file, an
//! exact `uri` match, then an exact `system` match, then the `rewriteURI`/`rewriteSystem` entry with
//! the longest matching start string, then the longest matching `uriSuffix`/`systemSuffix`, then
//! the file's `nextCatalog`s in document order; the files given to [`Catalog::add_file`] are
//! consulted in the order they were added. Both sides are normalised (section 6.3) first.
//!
//! Unlike the specification, which says an unreadable catalog counts as empty, a catalog file or
//! `nextCatalog` that cannot be read or parsed is an error: a typo in a build configuration should
//! not silently send the generator to the network.

#[cfg(test)]
mod tests;
pub(crate) mod uri;

use std::path::{Path, PathBuf};

/// The XML Catalogs namespace.
pub const CATALOG_NS: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A set of OASIS XML catalog files, consulted in the order they were added.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    files: Vec<CatalogFile>,
}

/// One catalog file: its entries in document order (groups flattened) and its `nextCatalog`s.
#[derive(Debug, Clone)]
struct CatalogFile {
    path: PathBuf,
    entries: Vec<Entry>,
    next: Vec<CatalogFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Uri,
    System,
    RewriteUri,
    RewriteSystem,
    UriSuffix,
    SystemSuffix,
}

#[derive(Debug, Clone)]
struct Entry {
    kind: Kind,
    /// The normalised name, start string or suffix.
    key: String,
    /// The normalised absolute target URI (or rewrite prefix).
    target: String,
}

/// A catalog file that cannot be used: unreadable, not well-formed XML, not a catalog, or an
/// entry without a required attribute. `Display` gives `file:line:column: message`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", location(.path, *.position))]
pub struct CatalogError {
    path: PathBuf,
    position: Option<(u32, u32)>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

fn location(path: &Path, position: Option<(u32, u32)>) -> String {
    match position {
        Some((line, column)) => format!("{}:{line}:{column}", path.display()),
        None => path.display().to_string(),
    }
}

impl CatalogError {
    fn new(path: &Path, position: Option<(u32, u32)>, message: impl Into<String>) -> Self {
        CatalogError {
            path: path.to_path_buf(),
            position,
            message: message.into(),
            source: None,
        }
    }

    fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The catalog file the error concerns.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and column in [`path`](Self::path), when the error has a position.
    pub fn line_column(&self) -> Option<(u32, u32)> {
        self.position
    }

    /// What was wrong and what was expected, without the file and position.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Catalog {
    /// An empty catalog: resolves nothing.
    pub fn new() -> Self {
        Catalog::default()
    }

    /// Reads the catalog file at `path` and every `nextCatalog` it names.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, CatalogError> {
        let mut catalog = Catalog::new();
        catalog.add_file(path)?;
        Ok(catalog)
    }

    /// Adds the catalog file at `path` (and its `nextCatalog`s), consulted after those added
    /// before.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> Result<(), CatalogError> {
        let file = load_file(path.as_ref(), &mut Vec::new(), None)?;
        self.files.push(file);
        Ok(())
    }

    /// Whether no catalog file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every catalog file read, `nextCatalog`s included (for `cargo:rerun-if-changed`).
    pub fn files(&self) -> Vec<&Path> {
        fn collect<'a>(file: &'a CatalogFile, out: &mut Vec<&'a Path>) {
            out.push(&file.path);
            for next in &file.next {
                collect(next, out);
            }
        }
        let mut out = Vec::new();
        for file in &self.files {
            collect(file, &mut out);
        }
        out
    }

    /// The URI the catalog maps the absolute URI `uri` to, if any (normalised; usually a `file:`
    /// URI, but a catalog may also map to another remote URI).
    pub fn resolve_uri(&self, uri: &str) -> Option<String> {
        let key = uri::normalize(uri);
        self.files.iter().find_map(|file| file.lookup(&key))
    }

    /// The local file the catalog maps the absolute URI `uri` to, if it maps it to a `file:` URI.
    pub fn resolve(&self, uri: &str) -> Option<PathBuf> {
        self.resolve_uri(uri)
            .and_then(|target| uri::file_uri_to_path(&target))
    }

    /// The reverse of [`resolve`](Self::resolve) for exact entries: the first URI a `uri` or
    /// `system` entry maps to the file `path`. A document fetched from that URI resolves its
    /// relative imports against it (`?xsd=xsd1` next to `Service.svc?xsd=xsd0`), not against
    /// its local file name.
    pub fn uri_of(&self, path: &Path) -> Option<&str> {
        let wanted = comparable(path);
        self.all_files().into_iter().find_map(|file| {
            file.entries
                .iter()
                .filter(|e| matches!(e.kind, Kind::Uri | Kind::System))
                .find(|e| {
                    uri::file_uri_to_path(&e.target).is_some_and(|p| comparable(&p) == wanted)
                })
                .map(|e| e.key.as_str())
        })
    }

    /// The absolute URI an import `location` (a `location` or `schemaLocation` attribute) written
    /// in `importing_file` refers to: `location` resolved against the URI the importing file was
    /// fetched from ([`uri_of`](Self::uri_of)), or else against the file's own `file:` URI.
    pub fn import_uri(&self, importing_file: &Path, location: &str) -> String {
        let base = match self.uri_of(importing_file) {
            Some(original) => original.to_owned(),
            None => uri::path_to_file_uri(importing_file),
        };
        let target = uri::resolve(&base, location.trim());
        match target.split_once('#') {
            Some((before, _)) => before.to_owned(),
            None => target,
        }
    }

    /// The local file an import `location` written in `importing_file` refers to: its
    /// [`import_uri`](Self::import_uri) mapped by the catalog, or that URI itself if it is a
    /// `file:` URI the catalog does not map. `None` for a remote URI the catalog does not map.
    ///
    /// With an empty catalog this is plain relative-path resolution, so generation without
    /// `--catalog` can use it too.
    pub fn locate(&self, importing_file: &Path, location: &str) -> Option<PathBuf> {
        let target = self.import_uri(importing_file, location);
        self.resolve(&target)
            .or_else(|| uri::file_uri_to_path(&target))
    }

    fn all_files(&self) -> Vec<&CatalogFile> {
        fn collect<'a>(file: &'a CatalogFile, out: &mut Vec<&'a CatalogFile>) {
            out.push(file);
            for next in &file.next {
                collect(next, out);
            }
        }
        let mut out = Vec::new();
        for file in &self.files {
            collect(file, &mut out);
        }
        out
    }
}

/// A path made comparable: canonical if it exists, else absolute.
fn comparable(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

impl CatalogFile {
    fn lookup(&self, key: &str) -> Option<String> {
        for kind in [Kind::Uri, Kind::System] {
            if let Some(entry) = self.entries.iter().find(|e| e.kind == kind && e.key == key) {
                return Some(entry.target.clone());
            }
        }
        // Longest start string wins; among equally long ones, the first in document order
        // (`max_by_key` keeps the last maximum, hence `rev`).
        let rewrite = self
            .entries
            .iter()
            .rev()
            .filter(|e| matches!(e.kind, Kind::RewriteUri | Kind::RewriteSystem))
            .filter(|e| key.starts_with(&e.key))
            .max_by_key(|e| e.key.len());
        if let Some(entry) = rewrite {
            return Some(format!("{}{}", entry.target, &key[entry.key.len()..]));
        }
        let suffix = self
            .entries
            .iter()
            .rev()
            .filter(|e| matches!(e.kind, Kind::UriSuffix | Kind::SystemSuffix))
            .filter(|e| key.ends_with(&e.key))
            .max_by_key(|e| e.key.len());
        if let Some(entry) = suffix {
            return Some(entry.target.clone());
        }
        self.next.iter().find_map(|next| next.lookup(key))
    }
}

/// Reads one catalog file. `loading` holds the files being read (for `nextCatalog` cycles);
/// `named_by` says where a `nextCatalog` named this file.
fn load_file(
    path: &Path,
    loading: &mut Vec<PathBuf>,
    named_by: Option<&str>,
) -> Result<CatalogFile, CatalogError> {
    let named = named_by
        .map(|at| format!(" (named by the nextCatalog at {at})"))
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).map_err(|e| {
        CatalogError::new(path, None, format!("cannot read XML catalog{named}: {e}")).with_source(e)
    })?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&text, options).map_err(|e| {
        let pos = e.pos();
        CatalogError::new(
            path,
            Some((pos.row, pos.col)),
            format!("not a well-formed XML catalog{named}: {e}"),
        )
        .with_source(e)
    })?;
    let root = doc.root_element();
    let position = |node: roxmltree::Node<'_, '_>| {
        let pos = doc.text_pos_at(node.range().start);
        Some((pos.row, pos.col))
    };
    if root.tag_name().name() != "catalog" || root.tag_name().namespace() != Some(CATALOG_NS) {
        return Err(CatalogError::new(
            path,
            position(root),
            format!(
                "expected the root element `catalog` in namespace {CATALOG_NS}, found `{}`{}{named}",
                root.tag_name().name(),
                root.tag_name()
                    .namespace()
                    .map(|ns| format!(" in namespace {ns}"))
                    .unwrap_or_else(|| " in no namespace".to_owned()),
            ),
        ));
    }
    let identity = comparable(path);
    loading.push(identity);
    let mut file = CatalogFile {
        path: path.to_path_buf(),
        entries: Vec::new(),
        next: Vec::new(),
    };
    let base = uri::path_to_file_uri(&absolute(path));
    let walked = walk(root, &base, path, &position, loading, &mut file);
    loading.pop();
    walked.map(|()| file)
}

/// Reads the entries of `element` (the catalog or a group) into `file`.
fn walk(
    element: roxmltree::Node<'_, '_>,
    base: &str,
    path: &Path,
    position: &dyn Fn(roxmltree::Node<'_, '_>) -> Option<(u32, u32)>,
    loading: &mut Vec<PathBuf>,
    file: &mut CatalogFile,
) -> Result<(), CatalogError> {
    let base = with_xml_base(element, base);
    for child in element.children().filter(|n| n.is_element()) {
        if child.tag_name().namespace() != Some(CATALOG_NS) {
            continue;
        }
        let name = child.tag_name().name();
        let required = |attribute: &str| {
            child.attribute(attribute).ok_or_else(|| {
                CatalogError::new(
                    path,
                    position(child),
                    format!("expected a `{attribute}` attribute on this `{name}` entry"),
                )
            })
        };
        let entry_base = with_xml_base(child, &base);
        let (kind, key_attribute, target_attribute) = match name {
            "group" => {
                walk(child, &base, path, position, loading, file)?;
                continue;
            }
            "nextCatalog" => {
                let target = uri::resolve(&entry_base, required("catalog")?);
                let at = location(path, position(child));
                let Some(next_path) = uri::file_uri_to_path(&target) else {
                    return Err(CatalogError::new(
                        path,
                        position(child),
                        format!("nextCatalog `{target}` is not a local file: only file: catalogs can be read"),
                    ));
                };
                if loading.contains(&comparable(&next_path)) {
                    continue; // a cycle: the catalog is already being consulted
                }
                let next = load_file(&next_path, loading, Some(&at))?;
                file.next.push(next);
                continue;
            }
            "uri" => (Kind::Uri, "name", "uri"),
            "system" => (Kind::System, "systemId", "uri"),
            "rewriteURI" => (Kind::RewriteUri, "uriStartString", "rewritePrefix"),
            "rewriteSystem" => (Kind::RewriteSystem, "systemIdStartString", "rewritePrefix"),
            "uriSuffix" => (Kind::UriSuffix, "uriSuffix", "uri"),
            "systemSuffix" => (Kind::SystemSuffix, "systemIdSuffix", "uri"),
            _ => continue, // public, rewritePublic, delegate*, dtddecl, …
        };
        let key = uri::normalize(required(key_attribute)?);
        let target = uri::normalize(&uri::resolve(&entry_base, required(target_attribute)?));
        file.entries.push(Entry { kind, key, target });
    }
    Ok(())
}

/// `base` changed by the `xml:base` attribute of `element`, if it has one.
fn with_xml_base(element: roxmltree::Node<'_, '_>, base: &str) -> String {
    match element.attribute((XML_NS, "base")) {
        Some(xml_base) => uri::resolve(base, xml_base),
        None => base.to_owned(),
    }
}
