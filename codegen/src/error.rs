//! The generator's error type: one variant per stage, each with the source position, rendered with a
//! snippet of the WSDL by `Display` (and by `Debug`, so `fn main() -> Result<…>` in a build script
//! prints the same readable report).

use std::fmt;
use std::path::PathBuf;

use crate::document::{ParseError, Span};
use crate::emit::EmitError;
use crate::plan::PlanError;
use crate::resolve::ResolveError;

/// What went wrong, by stage.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ErrorKind {
    /// The file could not be read or written.
    #[error("{0}")]
    Io(String),
    /// Stage 1: not a WSDL the generator can read.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// Stage 2: a reference does not resolve.
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    /// Stage 3: a construct cannot be mapped to Rust (or an unknown operation was asked for).
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// Stage 4: a bug in the generator.
    #[error(transparent)]
    Emit(#[from] EmitError),
}

/// An error with the file it concerns.
#[derive(Clone)]
pub struct Error {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: ErrorKind,
    source_text: Option<String>,
}

impl Error {
    pub(crate) fn new(
        path: impl Into<PathBuf>,
        kind: impl Into<ErrorKind>,
        source_text: Option<&str>,
    ) -> Self {
        Error {
            path: path.into(),
            kind: kind.into(),
            source_text: source_text.map(str::to_owned),
        }
    }

    /// An I/O error concerning `path` (for build scripts that prepare directories).
    pub fn from_io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::new(path, ErrorKind::Io(err.to_string()), None)
    }

    /// The position in the file, when the error has one.
    pub fn span(&self) -> Option<Span> {
        let span = match &self.kind {
            ErrorKind::Parse(e) => e.span,
            ErrorKind::Resolve(e) => e.span,
            ErrorKind::Plan(e) => e.span,
            ErrorKind::Io(_) | ErrorKind::Emit(_) => return None,
        };
        (span.line > 0).then_some(span)
    }

    /// The error as one line: `path:line:column: message`.
    pub fn one_line(&self) -> String {
        match self.span() {
            Some(span) => format!("{}:{}: {}", self.path.display(), span, self.kind),
            None => format!("{}: {}", self.path.display(), self.kind),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.kind)?;
        let Some(span) = self.span() else {
            return write!(f, "  --> {}", self.path.display());
        };
        write!(f, "  --> {}:{}", self.path.display(), span)?;
        let Some(line) = self
            .source_text
            .as_deref()
            .and_then(|s| s.lines().nth(span.line as usize - 1))
        else {
            return Ok(());
        };
        let number = span.line.to_string();
        let pad = " ".repeat(number.len());
        let shown: String = line.chars().take(200).collect();
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}
