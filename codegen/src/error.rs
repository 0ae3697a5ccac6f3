//! The generator's error type: what went wrong ([`ErrorKind`]), the file, the source position and
//! the underlying cause, rendered with a snippet of the WSDL by `Display` (and by `Debug`, so
//! `fn main() -> Result<…>` in a build script prints the same readable report).

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::{ParseError, SourceFile, Span};
use crate::emit::EmitError;
use crate::plan::PlanError;
use crate::resolve::ResolveError;

/// What went wrong, as far as a caller can act on it; see [`Error::kind`].
///
/// Match on this rather than on message text: messages may be reworded, kinds are stable. More
/// kinds may be added, so a `match` needs a `_` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written. [`source()`](std::error::Error::source) is the
    /// [`std::io::Error`].
    Io,
    /// The output directory is unknown: [`compile`](crate::Generator::compile) ran outside a build
    /// script (no `OUT_DIR`) and no [`out_dir`](crate::Generator::out_dir) was set.
    /// [`source()`](std::error::Error::source) is the [`std::env::VarError`].
    Config,
    /// The file is not well-formed XML (or declares a DTD). [`source()`](std::error::Error::source)
    /// is the XML parser's error.
    Xml,
    /// Well-formed XML, but not a valid WSDL 1.1 / XML Schema document: a wrong root element, a
    /// required attribute or child missing, a malformed attribute value, a declaration given twice,
    /// a type that extends itself.
    Wsdl,
    /// A reference names nothing: an undefined type, element, message, part or portType, or an
    /// undeclared namespace prefix in a qualified name.
    UnresolvedReference,
    /// An operation asked for with [`operation`](crate::Generator::operation) is not in the WSDL
    /// (the message suggests close matches).
    UnknownOperation,
    /// A valid construct the generator does not support: rpc style, SOAP encoding, WSDL or schema
    /// files outside the WSDL, particles other than `xs:sequence` of elements, one-way or
    /// notification operations, messages with several body parts, and the like.
    Unsupported,
    /// A bug in the generator: the code it produced does not parse.
    /// [`source()`](std::error::Error::source) is the parser's error.
    Internal,
}

/// A generation error: its [kind](Self::kind), the file it concerns, where in the file, a message
/// saying what was expected, and the underlying [cause](std::error::Error::source) if any.
///
/// `Display` (and `Debug`) render a report with the message, `file:line:column` and the offending
/// line of the WSDL; [`one_line`](Self::one_line) gives `file:line:column: message`.
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    path: PathBuf,
    message: String,
    position: Option<Span>,
    /// The source line at `position` (at most 200 characters), for the snippet.
    line: Option<String>,
    source: Option<Arc<dyn StdError + Send + Sync + 'static>>,
}

/// Longest source line shown in a report, in characters.
const MAX_SNIPPET: usize = 200;

impl Error {
    pub(crate) fn new(
        kind: ErrorKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            kind,
            path: path.into(),
            message: message.into(),
            position: None,
            line: None,
            source: None,
        }
    }

    /// An I/O error on `path`: `{what}: {err}`, with `err` as the source.
    pub(crate) fn io(path: impl Into<PathBuf>, what: &str, err: io::Error) -> Self {
        Error::new(ErrorKind::Io, path, format!("{what}: {err}")).with_source(err)
    }

    pub(crate) fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// Places the error at `span` of `text` (the file's contents); a span with line 0 is "no
    /// position".
    fn at(mut self, span: Span, text: &str) -> Self {
        if span.line > 0 {
            self.position = Some(span);
            self.line = text
                .lines()
                .nth(span.line as usize - 1)
                .map(|l| l.chars().take(MAX_SNIPPET).collect());
        }
        self
    }

    /// A catalog that cannot be read: [`ErrorKind::Io`] when the file cannot be read, else
    /// [`ErrorKind::Xml`] (not well-formed, or not an OASIS catalog), at its position.
    pub(crate) fn from_catalog(e: crate::catalog::CatalogError) -> Self {
        let io = StdError::source(&e).is_some_and(|s| s.is::<io::Error>());
        let kind = if io { ErrorKind::Io } else { ErrorKind::Xml };
        let mut error = Error::new(kind, e.path().to_path_buf(), e.message().to_owned());
        if let Some((line, column)) = e.line_column() {
            error.position = Some(Span {
                file: 0,
                line,
                column,
            });
            error.line = std::fs::read_to_string(e.path()).ok().and_then(|t| {
                t.lines()
                    .nth((line as usize).saturating_sub(1))
                    .map(|l| l.chars().take(MAX_SNIPPET).collect())
            });
        }
        error.with_source(e)
    }

    /// An I/O error concerning `path`, for build scripts that prepare files or directories
    /// around [`compile`](crate::Generator::compile). Its kind is [`ErrorKind::Io`] and its
    /// source is `err`.
    pub fn from_io(path: impl Into<PathBuf>, err: io::Error) -> Self {
        Error::new(ErrorKind::Io, path, err.to_string()).with_source(err)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error concerns (for [`ErrorKind::Config`], `OUT_DIR`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and column (in characters) in [`path`](Self::path), when the error has a
    /// position.
    pub fn line_column(&self) -> Option<(u32, u32)> {
        self.position.map(|s| (s.line, s.column))
    }

    /// What was wrong and what was expected, without the file and position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error as one line: `path:line:column: message`.
    pub fn one_line(&self) -> String {
        match self.position {
            Some(span) => format!("{}:{}: {}", self.path.display(), span, self.message),
            None => format!("{}: {}", self.path.display(), self.message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let Some(span) = self.position else {
            return write!(f, "  --> {}", self.path.display());
        };
        write!(f, "  --> {}:{}", self.path.display(), span)?;
        let Some(shown) = self.line.as_deref() else {
            return Ok(());
        };
        let number = span.line.to_string();
        let pad = " ".repeat(number.len());
        let caret_at = (span.column as usize)
            .saturating_sub(1)
            .min(shown.chars().count());
        let prefix: String = shown
            .chars()
            .take(caret_at)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "\n{pad} |\n{number} | {shown}\n{pad} | {prefix}^")
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// The file a span points into: its path and text (the main path and no text when the span's file
/// was never read).
fn file_of<'a>(files: &'a [SourceFile], main: &'a Path, span: Span) -> (&'a Path, &'a str) {
    match files.get(span.file as usize) {
        Some(f) => (&f.path, &f.text),
        None => (main, ""),
    }
}

/// A stage's error, placed in the file it concerns (`files` are the files read, `main` the WSDL
/// generated from).
pub(crate) trait StageError {
    fn into_error(self, files: &[SourceFile], main: &Path) -> Error;
}

impl StageError for ParseError {
    fn into_error(self, files: &[SourceFile], main: &Path) -> Error {
        let (path, text) = file_of(files, main, self.span);
        let error = Error::new(self.kind, path, self.message).at(self.span, text);
        match self.xml {
            Some(xml) => error.with_source(xml),
            None => error,
        }
    }
}

impl StageError for ResolveError {
    fn into_error(self, files: &[SourceFile], main: &Path) -> Error {
        let (path, text) = file_of(files, main, self.span);
        Error::new(self.kind, path, self.message).at(self.span, text)
    }
}

impl StageError for PlanError {
    fn into_error(self, files: &[SourceFile], main: &Path) -> Error {
        let (path, text) = file_of(files, main, self.span);
        Error::new(self.kind, path, self.message).at(self.span, text)
    }
}

impl StageError for EmitError {
    fn into_error(self, _files: &[SourceFile], main: &Path) -> Error {
        Error::new(ErrorKind::Internal, main, self.to_string()).with_source(self.0)
    }
}
