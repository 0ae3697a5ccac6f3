//! Error types shared by the reader and the value types.

use std::borrow::Cow;
use std::fmt;

/// A lexical (text) value that could not be parsed as its XSD simple type.
///
/// The message names the type and a short reason, never the offending value
/// (element values may be secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexicalError {
    message: Cow<'static, str>,
}

impl LexicalError {
    /// An error with the given message, e.g. `"invalid xs:int value"`.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        LexicalError {
            message: message.into(),
        }
    }

    /// `invalid {type_name} value`.
    pub fn invalid(type_name: &str) -> Self {
        LexicalError::new(format!("invalid {type_name} value"))
    }

    /// `invalid {type_name} value: {reason}`.
    pub fn invalid_because(type_name: &str, reason: &str) -> Self {
        LexicalError::new(format!("invalid {type_name} value: {reason}"))
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LexicalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LexicalError {}

/// What kind of failure a [`DecodeError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Well-formed XML whose content does not match what was expected (the default).
    Invalid,
    /// The input is not well-formed XML (or contains a DTD).
    Malformed,
    /// The input exceeds one of the [`XmlLimits`](crate::xml::XmlLimits).
    LimitExceeded,
    /// The root is an `Envelope` element in a namespace that is neither SOAP 1.1 nor 1.2
    /// (answered with a `VersionMismatch` fault).
    VersionMismatch,
}

/// Failure to decode XML into a value.
///
/// Carries a message, a [`DecodeErrorKind`], and where known the element (`{ns}local`) and
/// its line/column in the input. Never contains element text values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    kind: DecodeErrorKind,
    element: Option<String>,
    position: Option<(u32, u32)>,
    /// A byte offset waiting to become `position` (recorded where the input is not at hand).
    offset: Option<usize>,
}

impl DecodeError {
    /// An error with a message and no location, of kind [`DecodeErrorKind::Invalid`].
    pub fn new(message: impl Into<String>) -> Self {
        DecodeError::with_kind(DecodeErrorKind::Invalid, message)
    }

    /// An error of the given kind with a message and no location.
    pub fn with_kind(kind: DecodeErrorKind, message: impl Into<String>) -> Self {
        DecodeError {
            message: message.into(),
            kind,
            element: None,
            position: None,
            offset: None,
        }
    }

    /// Sets the line and column (1-based) in the input, unless a location is already set.
    pub(crate) fn at_position(mut self, line: u32, column: u32) -> Self {
        if !self.has_location() {
            self.position = Some((line, column));
        }
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The root is an `Envelope` of an unsupported SOAP version.
    pub fn is_version_mismatch(&self) -> bool {
        self.kind == DecodeErrorKind::VersionMismatch
    }

    pub(crate) fn has_location(&self) -> bool {
        self.element.is_some() || self.position.is_some() || self.offset.is_some()
    }

    pub(crate) fn at_element(mut self, element: String, position: (u32, u32)) -> Self {
        if !self.has_location() {
            self.element = Some(element);
            self.position = Some(position);
        }
        self
    }

    /// Records a byte offset to be turned into a line and column by the reader.
    pub(crate) fn at_offset(mut self, offset: usize) -> Self {
        if !self.has_location() {
            self.offset = Some(offset);
        }
        self
    }

    pub(crate) fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// Replaces a recorded offset with its line and column.
    pub(crate) fn with_position(mut self, line: u32, column: u32) -> Self {
        self.offset = None;
        if self.position.is_none() {
            self.position = Some((line, column));
        }
        self
    }

    /// The message without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The element (`{ns}local`, or `local` without namespace) the error refers to.
    pub fn element(&self) -> Option<&str> {
        self.element.as_deref()
    }

    /// Line and column (1-based) of the element in the input.
    pub fn position(&self) -> Option<(u32, u32)> {
        self.position
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(element) = &self.element {
            write!(f, " in element {element}")?;
        }
        if let Some((line, column)) = self.position {
            write!(f, " at {line}:{column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

impl From<LexicalError> for DecodeError {
    fn from(e: LexicalError) -> Self {
        DecodeError::new(e.message.into_owned())
    }
}

/// `{ns}local`, or `local` when `ns` is empty.
pub(crate) fn clark_name(ns: &str, local: &str) -> String {
    if ns.is_empty() {
        local.to_owned()
    } else {
        format!("{{{ns}}}{local}")
    }
}
