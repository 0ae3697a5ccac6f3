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

use std::io::BufRead;

use super::{is_xml_space, XmlLimits, XSI_NS};
use crate::error::{clark_name, DecodeError, DecodeErrorKind};
use crate::types::QName;

mod lex;
mod state;

use lex::syntax_error;
use state::{get, to_u32, Frame, Ns, Pos, State, Step};

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

impl Drop for XmlReader<'_> {
    fn drop(&mut self) {
        let st = std::mem::replace(&mut self.st, State::empty(&XmlLimits::default()));
        st.recycle();
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

    /// Starts reading another document held in memory, keeping the buffers (and limits) of
    /// this reader: no allocation for a small document once the buffers have grown.
    pub fn reset(&mut self, xml: &'i str) {
        let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
        let mut reader = quick_xml::Reader::from_str(xml);
        configure(&mut reader);
        self.src = Source::Slice { reader, input: xml };
        self.st.clear();
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
        self.st.want_text = true;
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
        self.st.want_text = true;
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
        self.st.want_text = want_text;
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
        self.st.want_text = true;
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
        self.st.want_text = false;
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
        self.st.want_text = false;
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
                    Err(e) => {
                        // The column on the line the event started on (an event spanning a
                        // line break is rare in a syntax error: the column is then past it).
                        let at = reader.error_position().saturating_sub(*line_start);
                        let column = to_u32(usize::try_from(at).unwrap_or(0) + 1);
                        Err(syntax_error(&e).at_position(*line, column))
                    }
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
