//! The streaming reader every decoder runs on: quick-xml events read straight into the
//! generated types, with namespaces resolved and the [`XmlLimits`] enforced as the events
//! arrive. No tree is built; the reader keeps one frame per open element (its local name,
//! namespace and position), the namespace bindings in scope, the attributes of the element
//! just entered and the text just read, in buffers reused for the whole document.
//!
//! The reader is a cursor. After [`XmlReader::read_root`] or a [`Content::Child`] from
//! [`XmlReader::next_content`] it stands on an element's start tag: its name, attributes,
//! `xsi:nil` and `xsi:type` can be inspected, and exactly one of the consuming calls
//! ([`XmlContent::read_content`](super::XmlContent::read_content), [`XmlReader::read_text`],
//! [`XmlReader::skip`], [`XmlReader::capture_outer`], [`XmlReader::capture_inner`], or a loop
//! of `next_content` up to [`Content::End`]) reads its content through the end tag. After the
//! end tag the element stays the reader's current element for error locations.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

use super::{is_xml_space, XmlLimits, XML_NS, XSI_NS};
use crate::error::{clark_name, DecodeError, DecodeErrorKind};
use crate::types::QName;

/// What [`XmlReader::next_content`] found inside the current element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A child element's start tag: the reader stands on it.
    Child,
    /// Character data (text, CDATA or a reference), in [`XmlReader::text`].
    Text,
    /// The current element's end tag.
    End,
}

/// One attribute of an element being decoded.
#[derive(Clone, Copy)]
pub struct XmlAttribute<'a> {
    /// Namespace URI (`""` for an unprefixed attribute).
    pub namespace: &'a str,
    /// Local name.
    pub local_name: &'a str,
    /// The value, normalized (references resolved, whitespace characters as spaces).
    pub value: &'a str,
}

impl std::fmt::Debug for XmlAttribute<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The value may be a secret: name only.
        write!(
            f,
            "XmlAttribute({})",
            clark_name(self.namespace, self.local_name)
        )
    }
}

impl XmlAttribute<'_> {
    /// Whether the attribute is `{ns}local`. Unprefixed attributes have no namespace, so the
    /// match is exact (unlike elements, an attribute is not "tolerantly" in a namespace).
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local_name == local && self.namespace == ns
    }
}

type Span = (u32, u32);

fn span_of(base: &str, part: &str) -> Span {
    // `part` is a sub-slice of `base` (both from the same buffer).
    let start = (part.as_ptr() as usize).wrapping_sub(base.as_ptr() as usize);
    (to_u32(start), to_u32(start + part.len()))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn get(buf: &str, span: Span) -> &str {
    buf.get(span.0 as usize..span.1 as usize).unwrap_or("")
}

/// The namespace of a name: none, the `xml` namespace, or a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    None,
    Xml,
    Bound(u32),
}

/// `xmlns:prefix="uri"` in scope; the default namespace has an empty prefix.
struct Binding {
    prefix: Span,
    uri: Span,
}

/// Where an element starts: a byte offset in a document held in memory (line and column
/// computed when an error needs them), or the line and column tracked while streaming.
#[derive(Debug, Clone, Copy)]
enum Pos {
    Offset(usize),
    LineColumn(u32, u32),
}

/// An open element.
struct Frame {
    /// Qualified name in `names`.
    qname: Span,
    /// Length of the prefix in `qname` including the colon (0 without prefix).
    prefix_len: u32,
    ns: Ns,
    /// `bindings.len()` and `names.len()` before the element.
    bindings: u32,
    names: u32,
    pos: Pos,
}

/// An attribute of the element just entered.
struct Attr {
    /// Qualified name in `tag`.
    qname: Span,
    prefix_len: u32,
    ns: Ns,
    /// A namespace declaration (`xmlns`, `xmlns:p`): not offered to decoders.
    declaration: bool,
    /// The normalized value: in `tag` when `in_tag`, else in `attr_values`.
    value: Span,
    in_tag: bool,
}

enum Source<'i> {
    Slice {
        reader: quick_xml::Reader<&'i [u8]>,
        input: &'i str,
    },
    Stream {
        reader: quick_xml::Reader<Box<dyn BufRead + Send + 'i>>,
        buf: Vec<u8>,
        /// Line and byte offset of the current line's start, tracked over every event.
        line: u32,
        line_start: u64,
    },
}

/// Everything the reader keeps besides its source.
struct State {
    limits: XmlLimits,
    frames: Vec<Frame>,
    names: String,
    bindings: Vec<Binding>,
    ns_buf: String,
    declarations: usize,
    /// The start tag just read (between `<` and `>`), its attributes and their values.
    tag: String,
    tag_name_len: usize,
    attrs: Vec<Attr>,
    attr_values: String,
    /// Character data read since the consumer last cleared it.
    text: String,
    /// The last element's end tag was read: its frame goes at the next event.
    pending_pop: bool,
    /// The element just entered was empty (`<x/>`): its end comes next, without input.
    pending_end: bool,
    /// A child start tag read ahead by [`XmlReader::peek_child`]: its content and position.
    pushback: Option<(String, usize, Pos)>,
    /// Raw XML of the events read while capturing.
    capture: Option<String>,
    root_done: bool,
}

/// What one event was, after it updated the state.
enum Step {
    Start,
    End,
    Text,
    Other,
    Eof,
}

/// A pull reader over a whole document in memory or over a [`BufRead`] stream (see the module
/// documentation).
pub struct XmlReader<'i> {
    src: Source<'i>,
    st: State,
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Name and depth only: the content may hold secrets.
        write!(
            f,
            "XmlReader({} at depth {})",
            clark_name(self.namespace(), self.local_name()),
            self.st.frames.len()
        )
    }
}

fn configure<R>(reader: &mut quick_xml::Reader<R>) {
    let config = reader.config_mut();
    config.expand_empty_elements = false;
    config.check_end_names = true;
    config.trim_text(false);
}

impl<'i> XmlReader<'i> {
    /// A reader over `xml` with the default [`XmlLimits`] (a leading byte order mark is
    /// skipped).
    pub fn new(xml: &'i str) -> Self {
        XmlReader::with_limits(xml, &XmlLimits::default())
    }

    /// A reader over `xml` with `limits`.
    pub fn with_limits(xml: &'i str, limits: &XmlLimits) -> Self {
        let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
        let mut reader = quick_xml::Reader::from_str(xml);
        configure(&mut reader);
        XmlReader {
            src: Source::Slice { reader, input: xml },
            st: State::new(limits),
        }
    }

    /// A reader decoding `source` as it is read (UTF-8), with `limits`. Errors carry lines and
    /// columns counted in bytes.
    pub fn from_buf_read(source: impl BufRead + Send + 'i, limits: &XmlLimits) -> Self {
        let mut reader =
            quick_xml::Reader::from_reader(Box::new(source) as Box<dyn BufRead + Send + 'i>);
        configure(&mut reader);
        XmlReader {
            src: Source::Stream {
                reader,
                buf: Vec::new(),
                line: 1,
                line_start: 0,
            },
            st: State::new(limits),
        }
    }

    /// Reads the prolog up to the root element's start tag, on which the reader then stands.
    pub fn read_root(&mut self) -> Result<(), DecodeError> {
        self.st.text.clear();
        loop {
            match self.pull()? {
                Step::Start => return Ok(()),
                Step::Text => {
                    if !self.st.text.chars().all(is_xml_space) {
                        return Err(self.malformed("text before the root element"));
                    }
                    self.st.text.clear();
                }
                Step::Other => {}
                Step::End => return Err(self.malformed("end tag before the root element")),
                Step::Eof => return Err(self.malformed("no root element")),
            }
        }
    }

    /// After the root element's end tag: checks that only comments, processing instructions
    /// and whitespace follow.
    pub fn finish_document(&mut self) -> Result<(), DecodeError> {
        self.st.text.clear();
        loop {
            match self.pull()? {
                Step::Eof => return Ok(()),
                Step::Text => {
                    if !self.st.text.chars().all(is_xml_space) {
                        return Err(self.malformed("text after the root element"));
                    }
                    self.st.text.clear();
                }
                Step::Other => {}
                Step::Start => return Err(self.malformed("more than one root element")),
                Step::End => return Err(self.malformed("unexpected end tag")),
            }
        }
    }

    /// The next child element, piece of text, or the end of the current element. Text is
    /// only collected (into [`text`](Self::text), cleared first) when `want_text`; otherwise
    /// character data is passed over.
    #[inline]
    pub fn next_content(&mut self, want_text: bool) -> Result<Content, DecodeError> {
        if want_text {
            self.st.text.clear();
        }
        loop {
            match self.pull()? {
                Step::Start => return Ok(Content::Child),
                Step::End => return Ok(Content::End),
                Step::Text if want_text => return Ok(Content::Text),
                Step::Text => self.st.text.clear(),
                Step::Other => {}
                Step::Eof => return Err(self.malformed("unexpected end of input")),
            }
        }
    }

    /// Reads the name of the next child element of the current element without consuming
    /// it: the next [`next_content`](Self::next_content) returns it as [`Content::Child`].
    /// `None` (after consuming the end tag) when the element has no more children; text
    /// before the child is passed over.
    pub fn peek_child(&mut self) -> Result<Option<QName>, DecodeError> {
        match self.next_content(false)? {
            Content::End => Ok(None),
            Content::Text => Err(DecodeError::new("internal: text while peeking")),
            Content::Child => {
                let name = QName::new(self.namespace(), self.local_name());
                // Undo the frame: the start tag is read again from the pushback.
                let frame = self.st.frames.pop();
                let pos = frame.as_ref().map_or(Pos::Offset(0), |f| f.pos);
                if let Some(frame) = frame {
                    self.st.bindings.truncate(frame.bindings as usize);
                    self.st.names.truncate(frame.names as usize);
                }
                let mut tag = std::mem::take(&mut self.st.tag);
                if std::mem::take(&mut self.st.pending_end) {
                    tag.push('/');
                }
                // The attributes were the child's; the current element's are not kept.
                self.st.attrs.clear();
                self.st.pushback = Some((tag, self.st.tag_name_len, pos));
                Ok(Some(name))
            }
        }
    }

    /// The character data collected by the last [`next_content`](Self::next_content) or
    /// [`read_text`](Self::read_text).
    pub fn text(&self) -> &str {
        &self.st.text
    }

    /// Reads the current element's text content through its end tag (text, CDATA and
    /// references concatenated; comments and processing instructions ignored) into
    /// [`text`](Self::text). A child element is an error.
    pub fn read_text(&mut self) -> Result<(), DecodeError> {
        self.st.text.clear();
        loop {
            match self.pull()? {
                Step::Text | Step::Other => {}
                Step::End => return Ok(()),
                Step::Start => {
                    return Err(
                        DecodeError::new("unexpected child element in simple content")
                            .at_parent(self),
                    )
                }
                Step::Eof => return Err(self.malformed("unexpected end of input")),
            }
        }
    }

    /// Passes over the rest of the current element, through its end tag.
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        let depth = self.depth();
        loop {
            match self.pull()? {
                Step::End if self.depth() < depth => return Ok(()),
                Step::Text => self.st.text.clear(),
                Step::Eof => return Err(self.malformed("unexpected end of input")),
                _ => {}
            }
        }
    }

    /// Reads the rest of the current element and returns it as XML: the start tag with every
    /// namespace binding in scope that the element relies on declared on it (and `xmlns=""`
    /// when no default namespace is in scope), its content as it appears in the input, and the
    /// end tag. The result is well-formed wherever it is written.
    pub fn capture_outer(&mut self) -> Result<String, DecodeError> {
        let mut out = String::with_capacity(self.st.tag.len() + 2);
        out.push('<');
        let name_len = self.st.tag_name_len.min(self.st.tag.len());
        out.push_str(&self.st.tag[..name_len]);
        self.push_scope_declarations(&mut out);
        out.push_str(&self.st.tag[name_len..]);
        if self.st.pending_end {
            // `<x/>`: its end comes without input.
            out.push_str("/>");
            self.pull()?;
            return Ok(out);
        }
        out.push('>');
        let qname = self.qname().to_owned();
        self.capture_content(&mut out)?;
        out.push_str("</");
        out.push_str(&qname);
        out.push('>');
        Ok(out)
    }

    /// Reads the rest of the current element and returns its content (between the start and
    /// end tags) as it appears in the input.
    pub fn capture_inner(&mut self) -> Result<String, DecodeError> {
        let mut out = String::new();
        self.capture_content(&mut out)?;
        Ok(out)
    }

    fn capture_content(&mut self, out: &mut String) -> Result<(), DecodeError> {
        let depth = self.depth();
        self.st.capture = Some(std::mem::take(out));
        let result = loop {
            match self.pull() {
                Err(e) => break Err(e),
                Ok(Step::End) if self.depth() < depth => break Ok(()),
                Ok(Step::Eof) => break Err(self.malformed("unexpected end of input")),
                Ok(Step::Text) => self.st.text.clear(),
                Ok(_) => {}
            }
        };
        let mut captured = self.st.capture.take().unwrap_or_default();
        if result.is_ok() {
            // The end tag of the element itself was captured last: drop it.
            if let Some(end) = captured.rfind("</") {
                captured.truncate(end);
            }
        }
        *out = captured;
        result
    }

    /// Declarations for the bindings in scope at the current element that its own start tag
    /// does not make (innermost binding of each prefix), plus `xmlns=""` without a default
    /// namespace.
    fn push_scope_declarations(&self, out: &mut String) {
        let st = &self.st;
        let own_from = st.frames.last().map_or(0, |f| f.bindings as usize);
        let mut default_seen = false;
        for (i, b) in st.bindings.iter().enumerate().rev() {
            let prefix = get(&st.ns_buf, b.prefix);
            let shadowed = st.bindings[i + 1..]
                .iter()
                .any(|later| get(&st.ns_buf, later.prefix) == prefix);
            if shadowed {
                continue;
            }
            if prefix.is_empty() {
                default_seen = true;
            }
            if i >= own_from {
                continue; // declared on the element itself
            }
            if prefix.is_empty() {
                out.push_str(" xmlns=\"");
            } else {
                out.push_str(" xmlns:");
                out.push_str(prefix);
                out.push_str("=\"");
            }
            super::escape_into(out, get(&st.ns_buf, b.uri), true);
            out.push('"');
        }
        if !default_seen {
            out.push_str(" xmlns=\"\"");
        }
    }

    /// Namespace bindings in scope at the current element: prefix (`None` for the default
    /// namespace) and URI, innermost last.
    pub fn scope(&self) -> Vec<(Option<String>, String)> {
        let st = &self.st;
        let mut out: Vec<(Option<String>, String)> = Vec::new();
        for b in &st.bindings {
            let prefix = get(&st.ns_buf, b.prefix);
            let prefix = (!prefix.is_empty()).then(|| prefix.to_owned());
            out.retain(|(p, _)| *p != prefix);
            out.push((prefix, get(&st.ns_buf, b.uri).to_owned()));
        }
        out
    }

    /// Depth of the current element (the root is 1); after its end tag, the parent's depth.
    pub fn depth(&self) -> usize {
        self.st.frames.len() - usize::from(self.st.pending_pop)
    }

    fn frame(&self) -> Option<&Frame> {
        self.st.frames.last()
    }

    fn qname(&self) -> &str {
        self.frame().map_or("", |f| get(&self.st.names, f.qname))
    }

    /// Local name of the current element.
    pub fn local_name(&self) -> &str {
        match self.frame() {
            Some(f) => {
                let q = get(&self.st.names, f.qname);
                q.get(f.prefix_len as usize..).unwrap_or("")
            }
            None => "",
        }
    }

    /// Namespace URI of the current element, `""` when none.
    pub fn namespace(&self) -> &str {
        self.frame().map_or("", |f| self.st.ns_uri(f.ns))
    }

    /// Tolerant name match: the local name is `local` and the namespace is `ns` or empty.
    #[inline]
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local_name() == local && self.in_ns(ns)
    }

    /// The namespace is `ns` or empty.
    #[inline]
    pub fn in_ns(&self, ns: &str) -> bool {
        let own = self.namespace();
        own == ns || own.is_empty()
    }

    /// Line and column (1-based) of the current element's start tag.
    pub fn position(&self) -> (u32, u32) {
        match self.frame() {
            Some(f) => self.resolve_pos(f.pos),
            None => (1, 1),
        }
    }

    fn parent_position(&self) -> Option<((u32, u32), String)> {
        let n = self.st.frames.len();
        let f = self.st.frames.get(n.checked_sub(2)?)?;
        let q = get(&self.st.names, f.qname);
        let local = q.get(f.prefix_len as usize..).unwrap_or("");
        Some((
            self.resolve_pos(f.pos),
            clark_name(self.st.ns_uri(f.ns), local),
        ))
    }

    fn resolve_pos(&self, pos: Pos) -> (u32, u32) {
        match (pos, &self.src) {
            (Pos::LineColumn(l, c), _) => (l, c),
            (Pos::Offset(offset), Source::Slice { input, .. }) => line_column(input, offset),
            (Pos::Offset(offset), Source::Stream { .. }) => (1, to_u32(offset + 1)),
        }
    }

    /// The current element's attributes (namespace declarations excluded).
    pub fn attributes(&self) -> impl Iterator<Item = XmlAttribute<'_>> {
        self.st
            .attrs
            .iter()
            .filter(|a| !a.declaration)
            .map(|a| self.st.attribute(a))
    }

    /// The value of the current element's attribute `name` without namespace.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attribute_ns("", name)
    }

    /// The value of the current element's attribute `{ns}name`.
    pub fn attribute_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attributes().find(|a| a.is(ns, name)).map(|a| a.value)
    }

    /// `xsi:nil` is `true` or `1`.
    pub fn is_nil(&self) -> bool {
        matches!(
            self.attribute_ns(XSI_NS, "nil")
                .map(|v| v.trim_matches(is_xml_space)),
            Some("true" | "1")
        )
    }

    /// The `xsi:type` attribute resolved in the current element's scope; `None` when absent
    /// or when its prefix is not declared.
    pub fn xsi_type(&self) -> Option<QName> {
        let value = self.attribute_ns(XSI_NS, "type")?;
        self.resolve_qname(value).ok()
    }

    /// The namespace bound to `prefix` (`None`: the default namespace) at the current element.
    pub fn lookup_namespace(&self, prefix: Option<&str>) -> Option<&str> {
        let prefix = prefix.unwrap_or("");
        match self.st.lookup(prefix)? {
            Ns::None => None,
            ns => Some(self.st.ns_uri(ns)),
        }
    }

    /// Resolves a lexical QName (`prefix:local` or `local`) in the current element's scope.
    pub fn resolve_qname(&self, value: &str) -> Result<QName, DecodeError> {
        let value = value.trim_matches(is_xml_space);
        let (prefix, local) = match value.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, value),
        };
        if local.is_empty() || local.contains(':') || prefix == Some("") {
            return Err(DecodeError::new("invalid xs:QName value").at(self));
        }
        let namespace = match self.lookup_namespace(prefix) {
            Some(ns) => ns,
            None if prefix.is_none() => "",
            None => {
                return Err(
                    DecodeError::new("undeclared namespace prefix in xs:QName value").at(self),
                )
            }
        };
        Ok(QName::new(namespace, local))
    }

    fn malformed(&self, what: &str) -> DecodeError {
        let (line, column) = self.here();
        DecodeError::with_kind(DecodeErrorKind::Malformed, format!("malformed XML: {what}"))
            .at_position(line, column)
    }

    /// Line and column of the reader's position in the input.
    fn here(&self) -> (u32, u32) {
        match &self.src {
            Source::Slice { reader, input } => line_column(
                input,
                usize::try_from(reader.buffer_position()).unwrap_or(0),
            ),
            Source::Stream {
                reader,
                line,
                line_start,
                ..
            } => (
                *line,
                to_u32(
                    usize::try_from(reader.buffer_position().saturating_sub(*line_start))
                        .unwrap_or(0)
                        + 1,
                ),
            ),
        }
    }

    /// Reads one event into the state.
    fn pull(&mut self) -> Result<Step, DecodeError> {
        let st = &mut self.st;
        if st.pending_pop {
            st.pop();
        }
        if st.pending_end {
            st.pending_end = false;
            st.pending_pop = true;
            return Ok(Step::End);
        }
        if let Some((tag, name_len, pos)) = st.pushback.take() {
            st.start_from_pushback(&tag, name_len, pos)?;
            return Ok(Step::Start);
        }
        let result = match &mut self.src {
            Source::Slice { reader, input } => {
                let offset = usize::try_from(reader.buffer_position()).unwrap_or(0);
                match reader.read_event() {
                    Ok(event) => st
                        .event(event, Pos::Offset(offset))
                        .map_err(|e| e.resolve_offset(input)),
                    Err(e) => {
                        let at = usize::try_from(reader.error_position()).unwrap_or(0);
                        let (line, column) = line_column(input, at);
                        Err(syntax_error(&e).at_position(line, column))
                    }
                }
            }
            Source::Stream {
                reader,
                buf,
                line,
                line_start,
            } => {
                buf.clear();
                let offset = reader.buffer_position();
                let pos = Pos::LineColumn(
                    *line,
                    to_u32(usize::try_from(offset - *line_start).unwrap_or(0) + 1),
                );
                match reader.read_event_into(buf) {
                    Ok(event) => {
                        let step = st.event(event, pos);
                        // Lines of the event just read (its markup adds no line breaks).
                        let end = reader.buffer_position();
                        let consumed = usize::try_from(end - offset).unwrap_or(0);
                        let raw = &buf[..buf.len().min(consumed)];
                        let breaks = raw.iter().filter(|&&b| b == b'\n').count();
                        if breaks > 0 {
                            *line = line.saturating_add(to_u32(breaks));
                            let last = raw.iter().rposition(|&b| b == b'\n').unwrap_or(0);
                            let delimiter = (consumed - raw.len()).min(2) as u64;
                            *line_start = offset + delimiter + last as u64 + 1;
                        }
                        step
                    }
                    Err(e) => Err(syntax_error(&e).at_position(*line, 1)),
                }
            }
        };
        match result {
            Err(e) if e.position().is_none() => {
                let (line, column) = self.here();
                Err(e.at_position(line, column))
            }
            other => other,
        }
    }
}

impl State {
    fn new(limits: &XmlLimits) -> Self {
        State {
            limits: *limits,
            frames: Vec::new(),
            names: String::new(),
            bindings: Vec::new(),
            ns_buf: String::new(),
            declarations: 0,
            tag: String::new(),
            tag_name_len: 0,
            attrs: Vec::new(),
            attr_values: String::new(),
            text: String::new(),
            pending_pop: false,
            pending_end: false,
            pushback: None,
            capture: None,
            root_done: false,
        }
    }

    fn ns_uri(&self, ns: Ns) -> &str {
        match ns {
            Ns::None => "",
            Ns::Xml => XML_NS,
            Ns::Bound(i) => self
                .bindings
                .get(i as usize)
                .map_or("", |b| get(&self.ns_buf, b.uri)),
        }
    }

    /// The binding of `prefix` (`""`: the default namespace) in scope; `Some(Ns::None)` for
    /// an undeclared default namespace or one undeclared with `xmlns=""`.
    fn lookup(&self, prefix: &str) -> Option<Ns> {
        if prefix == "xml" {
            return Some(Ns::Xml);
        }
        for (i, b) in self.bindings.iter().enumerate().rev() {
            if get(&self.ns_buf, b.prefix) == prefix {
                let uri = get(&self.ns_buf, b.uri);
                return Some(if uri.is_empty() {
                    Ns::None
                } else {
                    Ns::Bound(to_u32(i))
                });
            }
        }
        prefix.is_empty().then_some(Ns::None)
    }

    fn attribute(&self, a: &Attr) -> XmlAttribute<'_> {
        let qname = get(&self.tag, a.qname);
        let value = if a.in_tag {
            get(&self.tag, a.value)
        } else {
            get(&self.attr_values, a.value)
        };
        XmlAttribute {
            namespace: self.ns_uri(a.ns),
            local_name: qname.get(a.prefix_len as usize..).unwrap_or(""),
            value,
        }
    }

    fn pop(&mut self) {
        self.pending_pop = false;
        if let Some(frame) = self.frames.pop() {
            self.bindings.truncate(frame.bindings as usize);
            self.names.truncate(frame.names as usize);
            if self.frames.is_empty() {
                self.root_done = true;
            }
        }
    }

    fn capture_raw(&mut self, parts: &[&str]) {
        if let Some(capture) = &mut self.capture {
            for part in parts {
                capture.push_str(part);
            }
        }
    }

    fn event(&mut self, event: Event<'_>, pos: Pos) -> Result<Step, DecodeError> {
        // Characters XML cannot carry, anywhere (names, values, text, comments).
        let (raw, delimiter): (&str, usize) = match &event {
            Event::Start(e) | Event::Empty(e) => (e, 1),
            Event::Text(e) => (e, 0),
            Event::CData(e) => (e, 9),
            Event::Comment(e) => (e, 4),
            Event::PI(e) => (e, 2),
            _ => ("", 0),
        };
        if let Some(at) = first_non_xml_char(raw) {
            let pos = match pos {
                Pos::Offset(o) => Pos::Offset(o + delimiter + at),
                Pos::LineColumn(l, c) => Pos::LineColumn(l, c + to_u32(delimiter + at)),
            };
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: character not allowed in XML".to_owned(),
            ));
        }
        match event {
            Event::Start(start) => {
                let name_len = start.name().as_ref().len();
                self.start(&start, name_len, pos, false)?;
                Ok(Step::Start)
            }
            Event::Empty(start) => {
                let name_len = start.name().as_ref().len();
                self.start(&start, name_len, pos, true)?;
                self.pending_end = true;
                Ok(Step::Start)
            }
            Event::End(end) => {
                if self.capture.is_some() {
                    let name = end.name();
                    let name: &str = name.as_ref();
                    let name = name.to_owned();
                    self.capture_raw(&["</", &name, ">"]);
                }
                if self.frames.is_empty() {
                    return Err(DecodeError::with_kind(
                        DecodeErrorKind::Malformed,
                        "malformed XML: end tag does not match the start tag",
                    ));
                }
                self.pending_pop = true;
                Ok(Step::End)
            }
            Event::Text(text) => {
                self.capture_raw(&[&text]);
                if !self.frames.is_empty() || !self.root_done {
                    self.text.push_str(&text.xml10_content());
                } else {
                    self.text.push_str(&text);
                }
                Ok(Step::Text)
            }
            Event::CData(data) => {
                if self.frames.is_empty() {
                    return Err(DecodeError::with_kind(
                        DecodeErrorKind::Malformed,
                        "malformed XML: CDATA outside the root element",
                    ));
                }
                self.capture_raw(&["<![CDATA[", &data, "]]>"]);
                self.text.push_str(&data.xml10_content());
                Ok(Step::Text)
            }
            Event::GeneralRef(reference) => {
                self.capture_raw(&["&", &reference, ";"]);
                if self.frames.is_empty() {
                    return Err(DecodeError::with_kind(
                        DecodeErrorKind::Malformed,
                        "malformed XML: reference outside the root element",
                    ));
                }
                let c = resolve_reference(&reference).map_err(|e| match pos {
                    Pos::Offset(o) => e.at_offset(o),
                    Pos::LineColumn(l, c) => e.at_position(l, c),
                })?;
                self.text.push(c);
                Ok(Step::Text)
            }
            Event::Comment(comment) => {
                self.capture_raw(&["<!--", &comment, "-->"]);
                Ok(Step::Other)
            }
            Event::PI(pi) => {
                self.capture_raw(&["<?", &pi, "?>"]);
                Ok(Step::Other)
            }
            Event::Decl(_) => {
                if !self.frames.is_empty() || self.root_done {
                    return Err(DecodeError::with_kind(
                        DecodeErrorKind::Malformed,
                        "malformed XML: misplaced XML declaration",
                    ));
                }
                Ok(Step::Other)
            }
            Event::DocType(_) => Err(DecodeError::with_kind(
                DecodeErrorKind::Malformed,
                "malformed XML: document type declarations (DTDs) are not allowed",
            )),
            Event::Eof => {
                if !self.frames.is_empty() {
                    return Err(DecodeError::with_kind(
                        DecodeErrorKind::Malformed,
                        "malformed XML: unexpected end of input",
                    ));
                }
                Ok(Step::Eof)
            }
        }
    }

    fn start_from_pushback(
        &mut self,
        tag: &str,
        name_len: usize,
        pos: Pos,
    ) -> Result<(), DecodeError> {
        let empty = tag.ends_with('/');
        let content = if empty { &tag[..tag.len() - 1] } else { tag };
        let start = BytesStart::from_content(content, name_len);
        self.start(&start, name_len, pos, empty)?;
        self.pending_end = empty;
        Ok(())
    }

    /// Enters an element: checks the limits, records its attributes and namespace
    /// declarations, resolves its name and pushes its frame.
    fn start(
        &mut self,
        start: &BytesStart<'_>,
        name_len: usize,
        pos: Pos,
        empty: bool,
    ) -> Result<(), DecodeError> {
        if self.frames.is_empty() && self.root_done {
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: more than one root element".to_owned(),
            ));
        }
        if self.frames.len() >= self.limits.max_depth {
            return Err(self.exceeded(pos, "element depth", self.limits.max_depth));
        }
        let content: &str = start;
        self.tag.clear();
        self.tag.push_str(content);
        self.tag_name_len = name_len.min(self.tag.len());
        if self.capture.is_some() {
            let tag = std::mem::take(&mut self.tag);
            self.capture_raw(&["<", &tag, if empty { "/>" } else { ">" }]);
            self.tag = tag;
        }
        self.attrs.clear();
        self.attr_values.clear();
        let bindings_before = to_u32(self.bindings.len());
        let names_before = to_u32(self.names.len());
        let tag = std::mem::take(&mut self.tag);
        let parsed = self.parse_attributes(&tag, pos);
        self.tag = tag;
        parsed?;
        // The element's name, resolved with its own declarations in scope.
        let qname = &self.tag[..self.tag_name_len];
        if qname.is_empty() {
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: invalid name".to_owned(),
            ));
        }
        let (prefix, local) = split_qname(qname);
        if local.is_empty() || local.contains(':') || prefix == Some("") {
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: invalid name".to_owned(),
            ));
        }
        if prefix == Some("xmlns") {
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: the 'xmlns' prefix used on an element".to_owned(),
            ));
        }
        let ns = match self.lookup(prefix.unwrap_or("")) {
            Some(ns) => ns,
            None => {
                return Err(self.located(
                    pos,
                    DecodeErrorKind::Malformed,
                    "malformed XML: undeclared namespace prefix".to_owned(),
                ))
            }
        };
        let prefix_len = prefix.map_or(0, |p| p.len() + 1);
        let begin = self.names.len();
        self.names.push_str(qname);
        self.frames.push(Frame {
            qname: (to_u32(begin), to_u32(self.names.len())),
            prefix_len: to_u32(prefix_len),
            ns,
            bindings: bindings_before,
            names: names_before,
            pos,
        });
        // Attribute namespaces, now that every declaration of the element is known.
        for i in 0..self.attrs.len() {
            let a = &self.attrs[i];
            if a.declaration || a.prefix_len == 0 {
                continue;
            }
            let prefix = get(&self.tag, a.qname)
                .get(..a.prefix_len as usize - 1)
                .unwrap_or("")
                .to_owned();
            match self.lookup(&prefix) {
                Some(ns) if ns != Ns::None => self.attrs[i].ns = ns,
                _ => {
                    return Err(self.located(
                        pos,
                        DecodeErrorKind::Malformed,
                        "malformed XML: undeclared namespace prefix".to_owned(),
                    ))
                }
            }
        }
        Ok(())
    }

    fn parse_attributes(&mut self, tag: &str, pos: Pos) -> Result<(), DecodeError> {
        let start = BytesStart::from_content(tag, self.tag_name_len);
        let mut attributes = start.attributes();
        attributes.with_checks(false);
        for attr in attributes {
            let attr = attr.map_err(|e| {
                use quick_xml::events::attributes::AttrError as A;
                let (at, what) = match e {
                    A::ExpectedEq(at) => (at, "'=' expected after an attribute name"),
                    A::ExpectedValue(at) => (at, "attribute value expected"),
                    A::UnquotedValue(at) => (at, "attribute value not in quotes"),
                    A::ExpectedQuote(at, _) => (at, "unterminated attribute value"),
                    A::Duplicated(at, _) => (at, "attribute defined twice on one element"),
                };
                // `at` counts from the start of the tag's content, after `<`.
                let pos = match pos {
                    Pos::Offset(o) => Pos::Offset(o + 1 + at),
                    Pos::LineColumn(l, c) => Pos::LineColumn(l, c + 1 + to_u32(at)),
                };
                self.located(
                    pos,
                    DecodeErrorKind::Malformed,
                    format!("malformed XML: {what}"),
                )
            })?;
            if self.attrs.len() >= self.limits.max_attributes {
                return Err(self.exceeded(
                    pos,
                    "attributes per element",
                    self.limits.max_attributes,
                ));
            }
            let key: &str = attr.key.as_ref();
            let qname = span_of(tag, key);
            let raw: &str = &attr.value;
            let (prefix, local) = split_qname(key);
            if local.is_empty() || prefix == Some("") || local.contains(':') {
                return Err(self.located(
                    pos,
                    DecodeErrorKind::Malformed,
                    "malformed XML: invalid attribute name".to_owned(),
                ));
            }
            if raw.contains('<') {
                return Err(self.located(
                    pos,
                    DecodeErrorKind::Malformed,
                    "malformed XML: '<' in an attribute value".to_owned(),
                ));
            }
            let needs_normalizing = raw.contains(['&', '\t', '\n', '\r']);
            let (value, in_tag) = if needs_normalizing {
                let normalized = Attribute {
                    key: attr.key,
                    value: Cow::Borrowed(raw),
                }
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|_| {
                    self.located(
                        pos,
                        DecodeErrorKind::Malformed,
                        "malformed XML: unknown entity or malformed reference in an attribute value"
                            .to_owned(),
                    )
                })?;
                let begin = self.attr_values.len();
                self.attr_values.push_str(&normalized);
                ((to_u32(begin), to_u32(self.attr_values.len())), false)
            } else {
                (span_of(tag, raw), true)
            };
            let declaration = key == "xmlns" || prefix == Some("xmlns");
            if declaration {
                self.declarations += 1;
                if self.declarations > self.limits.max_namespace_declarations {
                    return Err(self.exceeded(
                        pos,
                        "namespace declarations",
                        self.limits.max_namespace_declarations,
                    ));
                }
                let uri = if in_tag {
                    Cow::Borrowed(get(tag, value))
                } else {
                    Cow::Owned(get(&self.attr_values, value).to_owned())
                };
                let declared = if key == "xmlns" { "" } else { local };
                self.declare(declared, &uri, pos)?;
            }
            self.attrs.push(Attr {
                qname,
                prefix_len: to_u32(prefix.map_or(0, |p| p.len() + 1)),
                ns: Ns::None,
                declaration,
                value,
                in_tag,
            });
        }
        // Duplicate attribute names (quadratic only for few attributes): the second one.
        let n = self.attrs.len();
        let name = |i: usize| get(tag, self.attrs[i].qname);
        let duplicate = if n <= 16 {
            (1..n).find(|&j| (0..j).any(|i| name(i) == name(j)))
        } else {
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| name(a).cmp(name(b)).then(a.cmp(&b)));
            order
                .windows(2)
                .find(|w| name(w[0]) == name(w[1]))
                .map(|w| w[1])
        };
        if let Some(j) = duplicate {
            let at = self.attrs[j].qname.0 as usize;
            let pos = match pos {
                Pos::Offset(o) => Pos::Offset(o + 1 + at),
                Pos::LineColumn(l, c) => Pos::LineColumn(l, c + 1 + to_u32(at)),
            };
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: attribute defined twice on one element".to_owned(),
            ));
        }
        Ok(())
    }

    fn declare(&mut self, prefix: &str, uri: &str, pos: Pos) -> Result<(), DecodeError> {
        let bad = match prefix {
            "xml" => uri != XML_NS,
            "xmlns" => true,
            _ => {
                uri == XML_NS
                    || uri == "http://www.w3.org/2000/xmlns/"
                    || (!prefix.is_empty() && uri.is_empty())
            }
        };
        if bad {
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: invalid namespace declaration".to_owned(),
            ));
        }
        if prefix == "xml" {
            return Ok(());
        }
        let p0 = self.ns_buf.len();
        self.ns_buf.push_str(prefix);
        let u0 = self.ns_buf.len();
        self.ns_buf.push_str(uri);
        self.bindings.push(Binding {
            prefix: (to_u32(p0), to_u32(u0)),
            uri: (to_u32(u0), to_u32(self.ns_buf.len())),
        });
        Ok(())
    }

    fn located(&self, pos: Pos, kind: DecodeErrorKind, message: String) -> DecodeError {
        let e = DecodeError::with_kind(kind, message);
        match pos {
            Pos::LineColumn(l, c) => e.at_position(l, c),
            // Resolved by the caller, which has the input.
            Pos::Offset(offset) => e.at_offset(offset),
        }
    }

    fn exceeded(&self, pos: Pos, what: &str, limit: usize) -> DecodeError {
        self.located(
            pos,
            DecodeErrorKind::LimitExceeded,
            format!("XML limit exceeded: more than {limit} {what}"),
        )
    }
}

fn split_qname(qname: &str) -> (Option<&str>, &str) {
    match qname.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, qname),
    }
}

/// A predefined entity or a character reference.
fn resolve_reference(name: &str) -> Result<char, DecodeError> {
    let malformed = |what: &str| {
        DecodeError::with_kind(DecodeErrorKind::Malformed, format!("malformed XML: {what}"))
    };
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let number = name
                .strip_prefix('#')
                .ok_or_else(|| malformed("unknown entity reference"))?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => number.parse::<u32>(),
            }
            .map_err(|_| malformed("malformed character reference"))?;
            char::from_u32(code)
                .filter(|&c| is_xml_char(c))
                .ok_or_else(|| malformed("character reference to a character not allowed in XML"))?
        }
    };
    Ok(c)
}

/// Byte index of the first character XML 1.0 cannot carry (C0 controls other than tab, line
/// feed and carriage return; U+FFFE, U+FFFF). One pass over the bytes; surrogates cannot occur
/// in a `str`.
fn first_non_xml_char(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let suspicious = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    if !bytes.iter().any(|&b| suspicious(b)) {
        return None;
    }
    s.char_indices()
        .find(|&(_, c)| !is_xml_char(c))
        .map(|(i, _)| i)
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A message for a quick-xml error without any text taken from the input.
fn syntax_error(e: &quick_xml::Error) -> DecodeError {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::Error as E;
    let what = match e {
        E::Io(_) => {
            return DecodeError::with_kind(DecodeErrorKind::Malformed, "cannot read the XML input")
        }
        E::Syntax(s) => match s {
            SyntaxError::InvalidBangMarkup => "invalid markup after '<!'",
            SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => {
                "unclosed processing instruction"
            }
            SyntaxError::UnclosedComment => "unclosed comment",
            SyntaxError::UnclosedDoctype => "document type declarations (DTDs) are not allowed",
            SyntaxError::UnclosedCData => "unclosed CDATA section",
            SyntaxError::UnclosedTag => "unclosed tag",
            _ => "syntax error",
        },
        E::IllFormed(i) => match i {
            IllFormedError::MissingEndTag(_) => "unexpected end of input",
            IllFormedError::UnmatchedEndTag(_) => "end tag does not match the start tag",
            IllFormedError::MismatchedEndTag { .. } => "end tag does not match the start tag",
            IllFormedError::DoubleHyphenInComment => "'--' in a comment",
            _ => "not well-formed",
        },
        E::InvalidAttr(_) => "invalid attribute",
        E::Encoding(_) => "input is not UTF-8",
        E::Escape(_) => "unknown entity or malformed reference",
        E::Namespace(_) => "invalid namespace",
    };
    DecodeError::with_kind(DecodeErrorKind::Malformed, format!("malformed XML: {what}"))
}

/// 1-based line and column (in characters) of byte `offset`.
pub(crate) fn line_column(xml: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(xml.len());
    while !xml.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &xml[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

impl DecodeError {
    /// Attaches the name and position of the reader's current element, unless a location is
    /// already set (the innermost location wins).
    pub fn at(self, r: &XmlReader<'_>) -> Self {
        if self.has_location() {
            return self;
        }
        let element = clark_name(r.namespace(), r.local_name());
        self.at_element(element, r.position())
    }

    /// Like [`at`](Self::at), with the parent of the reader's current element (the element
    /// whose content is being read when a child is unexpected).
    pub(crate) fn at_parent(self, r: &XmlReader<'_>) -> Self {
        match r.parent_position() {
            Some((position, element)) if !self.has_location() => self.at_element(element, position),
            _ => self.at(r),
        }
    }

    /// Resolves a byte offset recorded without the input (see `at_offset`).
    fn resolve_offset(self, input: &str) -> Self {
        match self.offset() {
            Some(offset) => {
                let (line, column) = line_column(input, offset);
                self.with_position(line, column)
            }
            None => self,
        }
    }
}
