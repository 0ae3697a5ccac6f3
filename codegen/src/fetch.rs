//! `wsdl-codegen fetch URL --out DIR`: downloads a WSDL and every file it imports, recursively
//! (`wsdl:import@location`, `xs:import`/`xs:include`/`xs:redefine`/`xs:override@schemaLocation`,
//! in WSDLs and schemas alike), each URL once, and writes an OASIS XML catalog mapping every URL
//! to its local copy, so that generation then works offline.
//!
//! Files are stored byte for byte under `DIR/<host>[_<port>]/<path>`, so relative imports between
//! them still work locally. A URL with a query (`Service.svc?wsdl`, `?xsd=xsd0`, `?singleWsdl`)
//! gets a file name made from the path and the query (`Service.svc_xsd=xsd0.xsd`); imports of such
//! URLs, and imports by absolute URL, are mapped by `DIR/catalog.xml`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::catalog::{uri, CATALOG_NS};

const WSDL11_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const WSDL20_NS: &str = "http://www.w3.org/ns/wsdl";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// Longest file name written, in bytes (file systems allow 255).
const MAX_NAME: usize = 120;

/// Limits for [`fetch`].
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Most files fetched (the WSDL and everything it imports).
    pub max_files: usize,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Time allowed for each request, connection and body included.
    pub timeout: Duration,
    /// Most redirects followed per request.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            max_files: 500,
            max_file_bytes: 32 * 1024 * 1024,
            timeout: Duration::from_secs(60),
            max_redirects: 10,
        }
    }
}

/// What [`fetch`] wrote.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The local copy of the WSDL asked for.
    pub main: PathBuf,
    /// The catalog, `DIR/catalog.xml`.
    pub catalog: PathBuf,
    /// Every URL fetched (after redirects) and its local copy, in the order fetched.
    pub files: Vec<(String, PathBuf)>,
}

/// Why [`fetch`] failed; the message names the URL and, for imports, the importing file and
/// the import's line and column.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct FetchError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl FetchError {
    fn new(message: impl Into<String>) -> Self {
        FetchError {
            message: message.into(),
            source: None,
        }
    }

    fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

/// Where a URL was found: the importing document's URL and the import element's position.
#[derive(Debug, Clone)]
struct Importer {
    url: String,
    line: u32,
    column: u32,
}

/// ` (imported by URL:line:column)`, or nothing for the URL given on the command line.
fn by(importer: Option<&Importer>) -> String {
    match importer {
        Some(i) => format!(" (imported by {}:{}:{})", i.url, i.line, i.column),
        None => String::new(),
    }
}

/// Downloads the WSDL at `url` and everything it imports into `out`, and writes
/// `out/catalog.xml`.
pub fn fetch(url: &str, out: &Path, options: &FetchOptions) -> Result<Fetched, FetchError> {
    let start = without_fragment(url.trim()).to_owned();
    check_scheme(&start, None)?;
    let agent = agent(options);
    let mut queue = VecDeque::from([(start.clone(), None::<Importer>)]);
    let mut seen = HashSet::from([uri::normalize(&start)]);
    // Final URL (after redirects) → local path relative to `out`.
    let mut stored: HashMap<String, PathBuf> = HashMap::new();
    // Catalog entries: every URL asked for or redirected to, and its local path.
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    let mut files = Vec::new();
    let mut layout = Layout::default();
    let mut main = None;
    while let Some((url, importer)) = queue.pop_front() {
        if files.len() >= options.max_files {
            return Err(FetchError::new(format!(
                "more than {} files to fetch: stopped at {url}{}",
                options.max_files,
                by(importer.as_ref())
            )));
        }
        let (final_url, body) = get(&agent, &url, importer.as_ref(), options)?;
        if let Some(existing) = stored.get(&final_url) {
            // Redirected to a file already fetched.
            entries.push((url, existing.clone()));
            continue;
        }
        let text = text_for_scanning(&body);
        let parse_options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&text, parse_options).map_err(|e| {
            let pos = e.pos();
            FetchError::new(format!(
                "{final_url}:{}:{}: not well-formed XML, expected a WSDL or XML Schema document{}: {e}",
                pos.row,
                pos.col,
                by(importer.as_ref())
            ))
            .with_source(e)
        })?;
        let relative = layout.place(&final_url, extension(&doc));
        let local = out.join(&relative);
        write_file(&local, &body)?;
        eprintln!("fetched {final_url} -> {}", local.display());
        main.get_or_insert_with(|| local.clone());
        stored.insert(final_url.clone(), relative.clone());
        entries.push((final_url.clone(), relative.clone()));
        if url != final_url {
            seen.insert(uri::normalize(&final_url));
            entries.push((url, relative));
        }
        files.push((final_url.clone(), local));
        for (location, node) in imports(&doc) {
            let pos = doc.text_pos_at(node.range().start);
            let found = Importer {
                url: final_url.clone(),
                line: pos.row,
                column: pos.col,
            };
            let target = without_fragment(&uri::resolve(&final_url, location)).to_owned();
            check_scheme(&target, Some(&found))?;
            if seen.insert(uri::normalize(&target)) {
                queue.push_back((target, Some(found)));
            }
        }
    }
    let catalog = out.join("catalog.xml");
    write_file(&catalog, catalog_xml(&entries).as_bytes())?;
    let main = main.ok_or_else(|| FetchError::new(format!("nothing fetched from {start}")))?;
    Ok(Fetched {
        main,
        catalog,
        files,
    })
}

/// The URI without its fragment.
fn without_fragment(uri: &str) -> &str {
    uri.split_once('#').map_or(uri, |(before, _)| before)
}

fn check_scheme(url: &str, importer: Option<&Importer>) -> Result<(), FetchError> {
    match uri::parse(url).scheme {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => Ok(()),
        _ => Err(FetchError::new(format!(
            "cannot fetch `{url}`{}: expected an absolute http:// or https:// URL",
            by(importer)
        ))),
    }
}

/// A blocking HTTP client: rustls with ring and the platform's certificate verifier, statuses
/// handled here rather than as errors.
fn agent(options: &FetchOptions) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::Rustls)
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .build();
    ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("wsdl-codegen/", env!("CARGO_PKG_VERSION")))
        .tls_config(tls)
        .build()
        .into()
}

/// GETs `url`: the URL finally answered (after redirects) and the body.
fn get(
    agent: &ureq::Agent,
    url: &str,
    importer: Option<&Importer>,
    options: &FetchOptions,
) -> Result<(String, Vec<u8>), FetchError> {
    use ureq::ResponseExt;
    let request_url = uri::normalize(url);
    let response = agent.get(&request_url).call().map_err(|e| {
        FetchError::new(format!("cannot fetch {url}{}: {e}", by(importer))).with_source(e)
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::new(format!(
            "cannot fetch {url}{}: HTTP status {status}, expected 2xx",
            by(importer)
        )));
    }
    let final_url = response.get_uri().to_string();
    let body = response
        .into_body()
        .with_config()
        .limit(options.max_file_bytes)
        .read_to_vec()
        .map_err(|e| {
            let message = match e {
                ureq::Error::BodyExceedsLimit(_) => format!(
                    "cannot fetch {url}{}: larger than {} bytes",
                    by(importer),
                    options.max_file_bytes
                ),
                ref other => format!("cannot fetch {url}{}: {other}", by(importer)),
            };
            FetchError::new(message).with_source(e)
        })?;
    Ok((final_url, body))
}

/// The document as text for finding its imports (the file itself is kept byte for byte): UTF-8,
/// UTF-16 with a byte order mark, or else one byte per character (import locations are ASCII).
fn text_for_scanning(body: &[u8]) -> String {
    let utf16 = |bytes: &[u8], decode: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| decode([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = body.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = body.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let body = body.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(body);
    match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => body.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Every import location in the document, with its element.
fn imports<'a, 'input>(
    doc: &'a roxmltree::Document<'input>,
) -> Vec<(&'a str, roxmltree::Node<'a, 'input>)> {
    doc.descendants()
        .filter(|n| n.is_element())
        .filter_map(|node| {
            let attribute = match (node.tag_name().namespace()?, node.tag_name().name()) {
                (WSDL11_NS, "import") | (WSDL20_NS, "import" | "include") => "location",
                (XSD_NS, "import" | "include" | "redefine" | "override") => "schemaLocation",
                _ => return None,
            };
            let location = node.attribute(attribute)?.trim();
            (!location.is_empty()).then_some((location, node))
        })
        .collect()
}

/// The extension for a file name made up from a query: `.wsdl`, `.xsd` or `.xml`.
fn extension(doc: &roxmltree::Document<'_>) -> &'static str {
    let root = doc.root_element().tag_name();
    match (root.namespace(), root.name()) {
        (Some(WSDL11_NS), "definitions") | (Some(WSDL20_NS), "description") => ".wsdl",
        (Some(XSD_NS), "schema") => ".xsd",
        _ => ".xml",
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FetchError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            FetchError::new(format!("cannot create {}: {e}", parent.display())).with_source(e)
        })?;
    }
    std::fs::write(path, bytes).map_err(|e| {
        FetchError::new(format!("cannot write {}: {e}", path.display())).with_source(e)
    })
}

/// Local paths for URLs, relative to the output directory, each used once.
#[derive(Debug, Default)]
struct Layout {
    files: HashSet<PathBuf>,
    dirs: HashSet<PathBuf>,
}

impl Layout {
    /// `<host>[_<port>]/<path segments>/<name>`; `extension` is added to names made from a query
    /// or for a path ending in `/`.
    fn place(&mut self, url: &str, extension: &str) -> PathBuf {
        let parts = uri::parse(url);
        let authority = parts.authority.unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let mut dir = PathBuf::from(safe_name(&host.to_ascii_lowercase().replace(':', "_")));
        let mut segments: Vec<&str> = parts.path.split('/').collect();
        let last = segments.pop().unwrap_or_default();
        for segment in segments.into_iter().filter(|s| !s.is_empty()) {
            dir.push(safe_name(&decoded(segment)));
        }
        let (mut stem, mut ext) = if last.is_empty() {
            ("index".to_owned(), extension.to_owned())
        } else {
            (safe_name(&decoded(last)), String::new())
        };
        if let Some(query) = parts.query {
            stem = format!("{stem}_{}", safe_name(&decoded(query)));
            ext = extension.to_owned();
        }
        truncate(&mut stem, MAX_NAME);
        if self.has_file_ancestor(&dir) {
            dir = PathBuf::from(safe_name(&host.replace(':', "_"))).join("_conflicts");
        }
        let name = format!("{stem}{ext}");
        // A number goes before the extension: `a.xsd`, `a_2.xsd`.
        let (base, ext) = match name.rfind('.') {
            Some(i) if i > 0 => name.split_at(i),
            _ => (name.as_str(), ""),
        };
        let mut candidate = dir.join(&name);
        let mut n = 2;
        while self.files.contains(&candidate) || self.dirs.contains(&candidate) {
            candidate = dir.join(format!("{base}_{n}{ext}"));
            n += 1;
        }
        for ancestor in candidate.ancestors().skip(1) {
            if !ancestor.as_os_str().is_empty() {
                self.dirs.insert(ancestor.to_path_buf());
            }
        }
        self.files.insert(candidate.clone());
        candidate
    }

    fn has_file_ancestor(&self, dir: &Path) -> bool {
        dir.ancestors().any(|a| self.files.contains(a))
    }
}

fn decoded(segment: &str) -> String {
    uri::percent_decode(segment).unwrap_or_else(|| segment.to_owned())
}

/// `text` with every character other than ASCII letters, digits and `._-~+,=@` replaced by `_`;
/// never empty, `.` or `..`.
fn safe_name(text: &str) -> String {
    let name: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-~+,=@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    match name.as_str() {
        "" | "." | ".." => "_".to_owned(),
        _ => name,
    }
}

fn truncate(name: &mut String, max: usize) {
    if name.len() > max {
        let mut end = max;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
}

/// The catalog: a `uri` and a `system` entry per URL, targets relative to the catalog.
fn catalog_xml(entries: &[(String, PathBuf)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- Written by `wsdl-codegen fetch`: every URL fetched and its local copy,\n     \
         relative to this file. -->\n\
         <catalog xmlns=\"{CATALOG_NS}\">\n"
    );
    for (url, path) in entries {
        let name = escape(url);
        let target = escape(&relative_reference(path));
        xml.push_str(&format!(
            "  <uri name=\"{name}\" uri=\"{target}\"/>\n  <system systemId=\"{name}\" uri=\"{target}\"/>\n"
        ));
    }
    xml.push_str("</catalog>\n");
    xml
}

/// A relative path as a relative URI reference: `/`-separated, percent-encoded.
fn relative_reference(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .map(|c| {
            let text = c.as_os_str().to_string_lossy();
            let mut out = String::new();
            for &b in text.as_bytes() {
                if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
                    out.push(char::from(b));
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            out
        })
        .collect();
    segments.join("/")
}

/// `text` escaped for an XML attribute value in double quotes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_keeps_paths_and_names_queries() {
        let mut layout = Layout::default();
        assert_eq!(
            layout.place("http://Example.com:8080/a/b/c.wsdl", ".wsdl"),
            Path::new("example.com_8080/a/b/c.wsdl")
        );
        assert_eq!(
            layout.place("http://h/svc/Service.svc?xsd=xsd0", ".xsd"),
            Path::new("h/svc/Service.svc_xsd=xsd0.xsd")
        );
        assert_eq!(
            layout.place("http://h/svc/Service.svc?singleWsdl", ".wsdl"),
            Path::new("h/svc/Service.svc_singleWsdl.wsdl")
        );
        assert_eq!(
            layout.place("http://h/", ".wsdl"),
            Path::new("h/index.wsdl")
        );
        assert_eq!(
            layout.place("http://h/%2E%2E/a%20b.xsd", ".xsd"),
            Path::new("h/_/a_b.xsd")
        );
        // Collisions get a number.
        assert_eq!(
            layout.place("http://h/a_b.xsd", ".xsd"),
            Path::new("h/a_b.xsd")
        );
        assert_eq!(
            layout.place("http://h/a b.xsd", ".xsd"),
            Path::new("h/a_b_2.xsd")
        );
        // A file where a directory is needed, and the other way round.
        assert_eq!(
            layout.place("http://h/x/y.xsd", ".xsd"),
            Path::new("h/x/y.xsd")
        );
        assert_eq!(layout.place("http://h/x", ".xsd"), Path::new("h/x_2"));
        assert_eq!(
            layout.place("http://h/a_b.xsd/z.xsd", ".xsd"),
            Path::new("h/_conflicts/z.xsd")
        );
    }

    #[test]
    fn catalog_targets_are_escaped() {
        let xml = catalog_xml(&[(
            "http://h/s?a=1&b=<2>".to_owned(),
            PathBuf::from("h/s_a=1_b=_2_.xml"),
        )]);
        assert!(
            xml.contains(r#"<uri name="http://h/s?a=1&amp;b=&lt;2&gt;" uri="h/s_a=1_b=_2_.xml"/>"#),
            "{xml}"
        );
    }
}
