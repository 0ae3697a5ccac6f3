//! The reader's state: open elements, namespace bindings, the start tag just read, and the
//! conversion of each quick-xml event into it (limits, namespaces, well-formedness).

use std::borrow::Cow;
use std::cell::RefCell;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

use super::super::{XmlLimits, XML_NS};
use super::lex::{first_non_xml_char, next_attribute, resolve_reference, split_qname};
use super::XmlAttribute;
use crate::error::{DecodeError, DecodeErrorKind};

pub(super) type Span = (u32, u32);

pub(super) fn span_of(base: &str, part: &str) -> Span {
    // `part` is a sub-slice of `base` (both from the same buffer).
    let start = (part.as_ptr() as usize).wrapping_sub(base.as_ptr() as usize);
    (to_u32(start), to_u32(start + part.len()))
}

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn get(buf: &str, span: Span) -> &str {
    buf.get(span.0 as usize..span.1 as usize).unwrap_or("")
}

/// The namespace of a name: none, the `xml` namespace, or a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    None,
    Xml,
    Bound(u32),
}

/// `xmlns:prefix="uri"` in scope; the default namespace has an empty prefix.
pub(super) struct Binding {
    pub(super) prefix: Span,
    pub(super) uri: Span,
}

/// Where an element starts: a byte offset in a document held in memory (line and column
/// computed when an error needs them), or the line and column tracked while streaming.
#[derive(Debug, Clone, Copy)]
pub(super) enum Pos {
    Offset(usize),
    LineColumn(u32, u32),
}

impl Pos {
    /// The position `bytes` further on the same line (within one tag or text).
    pub(super) fn shifted(self, bytes: usize) -> Pos {
        match self {
            Pos::Offset(o) => Pos::Offset(o + bytes),
            Pos::LineColumn(l, c) => Pos::LineColumn(l, c.saturating_add(to_u32(bytes))),
        }
    }
}

/// An open element.
pub(super) struct Frame {
    /// Qualified name in `names`.
    pub(super) qname: Span,
    /// Length of the prefix in `qname` including the colon (0 without prefix).
    pub(super) prefix_len: u32,
    pub(super) ns: Ns,
    /// `bindings.len()` and `names.len()` before the element.
    pub(super) bindings: u32,
    pub(super) names: u32,
    pub(super) pos: Pos,
}

/// An attribute of the element just entered.
pub(super) struct Attr {
    /// Qualified name in `tag`.
    pub(super) qname: Span,
    pub(super) prefix_len: u32,
    pub(super) ns: Ns,
    /// A namespace declaration (`xmlns`, `xmlns:p`): not offered to decoders.
    pub(super) declaration: bool,
    /// The normalized value: in `tag` when `in_tag`, else in `attr_values`.
    pub(super) value: Span,
    pub(super) in_tag: bool,
}

pub(super) struct State {
    pub(super) limits: XmlLimits,
    pub(super) frames: Vec<Frame>,
    pub(super) names: String,
    pub(super) bindings: Vec<Binding>,
    pub(super) ns_buf: String,
    pub(super) declarations: usize,
    /// The start tag just read (between `<` and `>`), its attributes and their values.
    pub(super) tag: String,
    pub(super) tag_name_len: usize,
    pub(super) attrs: Vec<Attr>,
    pub(super) attr_values: String,
    /// Character data read since the consumer last cleared it (only collected when
    /// `want_text`).
    pub(super) text: String,
    pub(super) want_text: bool,
    /// The last element's end tag was read: its frame goes at the next event.
    pub(super) pending_pop: bool,
    /// The element just entered was empty (`<x/>`): its end comes next, without input.
    pub(super) pending_end: bool,
    /// A child start tag read ahead by [`XmlReader::peek_child`]: its content and position.
    pub(super) pushback: Option<(String, usize, Pos)>,
    /// Raw XML of the events read while capturing.
    pub(super) capture: Option<String>,
    pub(super) root_done: bool,
}

/// What one event was, after it updated the state.
pub(super) enum Step {
    Start,
    End,
    Text,
    Other,
    Eof,
}

thread_local! {
    /// States of readers dropped on this thread, buffers kept: a reader created for the next
    /// message allocates nothing once the buffers have grown.
    static SPARE: RefCell<Vec<State>> = const { RefCell::new(Vec::new()) };
}

/// Readers kept per thread (a reader may be created while another is open: headers, nested
/// documents).
const MAX_SPARE: usize = 4;
/// A state whose buffers grew past this (a large text value) is freed, not kept.
const MAX_SPARE_BYTES: usize = 64 * 1024;

impl State {
    /// A state for a new document: a spare one of this thread, or a new one.
    pub(super) fn new(limits: &XmlLimits) -> Self {
        let spare = SPARE.try_with(|s| s.borrow_mut().pop()).ok().flatten();
        match spare {
            Some(mut st) => {
                st.limits = *limits;
                st
            }
            None => State::empty(limits),
        }
    }

    /// Gives the state back for the next reader of this thread (cleared), unless its buffers
    /// grew large.
    pub(super) fn recycle(mut self) {
        let bytes = self.names.capacity()
            + self.ns_buf.capacity()
            + self.tag.capacity()
            + self.attr_values.capacity()
            + self.text.capacity()
            + self.frames.capacity() * std::mem::size_of::<Frame>()
            + self.bindings.capacity() * std::mem::size_of::<Binding>()
            + self.attrs.capacity() * std::mem::size_of::<Attr>();
        if bytes > MAX_SPARE_BYTES {
            return;
        }
        self.clear();
        // During thread teardown the spare list may be gone: the state is then just dropped.
        let _ = SPARE.try_with(|s| {
            if let Ok(mut spare) = s.try_borrow_mut() {
                if spare.len() < MAX_SPARE {
                    spare.push(self);
                }
            }
        });
    }

    /// A state without any buffer allocated.
    pub(super) fn empty(limits: &XmlLimits) -> Self {
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
            want_text: true,
            pending_pop: false,
            pending_end: false,
            pushback: None,
            capture: None,
            root_done: false,
        }
    }

    /// Back to the state before a document, buffers kept.
    pub(super) fn clear(&mut self) {
        self.frames.clear();
        self.names.clear();
        self.bindings.clear();
        self.ns_buf.clear();
        self.declarations = 0;
        self.tag.clear();
        self.tag_name_len = 0;
        self.attrs.clear();
        self.attr_values.clear();
        self.text.clear();
        self.want_text = true;
        self.pending_pop = false;
        self.pending_end = false;
        self.pushback = None;
        self.capture = None;
        self.root_done = false;
    }

    pub(super) fn ns_uri(&self, ns: Ns) -> &str {
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
    pub(super) fn lookup(&self, prefix: &str) -> Option<Ns> {
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

    pub(super) fn attribute(&self, a: &Attr) -> XmlAttribute<'_> {
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

    pub(super) fn pop(&mut self) {
        self.pending_pop = false;
        if let Some(frame) = self.frames.pop() {
            self.bindings.truncate(frame.bindings as usize);
            self.names.truncate(frame.names as usize);
            if self.frames.is_empty() {
                self.root_done = true;
            }
        }
    }

    pub(super) fn capture_raw(&mut self, parts: &[&str]) {
        if let Some(capture) = &mut self.capture {
            for part in parts {
                capture.push_str(part);
            }
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>, pos: Pos) -> Result<Step, DecodeError> {
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
            let pos = pos.shifted(delimiter + at);
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
                if self.want_text {
                    self.text.push_str(&text.xml10_content());
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
                if self.want_text {
                    self.text.push_str(&data.xml10_content());
                }
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
                if self.want_text {
                    self.text.push(c);
                }
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

    pub(super) fn start_from_pushback(
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
    pub(super) fn start(
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
        // Most elements of a message have no attributes: nothing to parse after the name.
        let attributes = self.tag.as_bytes()[self.tag_name_len..]
            .iter()
            .any(|b| !b.is_ascii_whitespace());
        if attributes {
            let tag = std::mem::take(&mut self.tag);
            let parsed = self.parse_attributes(&tag, pos);
            self.tag = tag;
            parsed?;
        }
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
                .unwrap_or("");
            match self.lookup(prefix) {
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

    pub(super) fn parse_attributes(&mut self, tag: &str, pos: Pos) -> Result<(), DecodeError> {
        let mut rest = self.tag_name_len;
        loop {
            let attr = match next_attribute(tag, rest) {
                Ok(Some(attr)) => attr,
                Ok(None) => break,
                Err((at, what)) => {
                    // `at` counts from the start of the tag's content, after `<`.
                    return Err(self.located(
                        pos.shifted(1 + at),
                        DecodeErrorKind::Malformed,
                        format!("malformed XML: {what}"),
                    ));
                }
            };
            rest = attr.end;
            if self.attrs.len() >= self.limits.max_attributes {
                return Err(self.exceeded(
                    pos,
                    "attributes per element",
                    self.limits.max_attributes,
                ));
            }
            let key = attr.key;
            let qname = span_of(tag, key);
            let raw = attr.value;
            let (prefix, local) = split_qname(key);
            if local.is_empty() || prefix == Some("") || local.contains(':') {
                return Err(self.located(
                    pos,
                    DecodeErrorKind::Malformed,
                    "malformed XML: invalid attribute name".to_owned(),
                ));
            }
            // '<' (an error) is looked for only in the rare values normalizing changes.
            let bytes = raw.as_bytes();
            let needs_normalizing = memchr::memchr3(b'<', b'&', b'\t', bytes).is_some()
                || memchr::memchr2(b'\n', b'\r', bytes).is_some();
            if needs_normalizing && raw.contains('<') {
                return Err(self.located(
                    pos,
                    DecodeErrorKind::Malformed,
                    "malformed XML: '<' in an attribute value".to_owned(),
                ));
            }
            let (value, in_tag) = if needs_normalizing {
                let normalized = Attribute {
                    key: quick_xml::name::QName(key),
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
            let pos = pos.shifted(1 + at);
            return Err(self.located(
                pos,
                DecodeErrorKind::Malformed,
                "malformed XML: attribute defined twice on one element".to_owned(),
            ));
        }
        Ok(())
    }

    pub(super) fn declare(&mut self, prefix: &str, uri: &str, pos: Pos) -> Result<(), DecodeError> {
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

    pub(super) fn located(&self, pos: Pos, kind: DecodeErrorKind, message: String) -> DecodeError {
        let e = DecodeError::with_kind(kind, message);
        match pos {
            Pos::LineColumn(l, c) => e.at_position(l, c),
            // Resolved by the caller, which has the input.
            Pos::Offset(offset) => e.at_offset(offset),
        }
    }

    pub(super) fn exceeded(&self, pos: Pos, what: &str, limit: usize) -> DecodeError {
        self.located(
            pos,
            DecodeErrorKind::LimitExceeded,
            format!("XML limit exceeded: more than {limit} {what}"),
        )
    }
}
