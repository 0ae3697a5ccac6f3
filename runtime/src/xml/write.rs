//! Streaming XML writer with namespace bookkeeping.

use super::{XmlContent, XML_NS, XSI_NS};

/// One open element.
#[derive(Debug)]
struct Frame {
    /// Length of the qualified name written right after the start tag's `<` (the end tag
    /// copies it from there).
    qname_len: usize,
    /// Default namespace in scope inside this element (an index into `namespaces`).
    default_ns: usize,
    /// Length of the prefix binding stack before this element's declarations.
    bindings_len: usize,
    /// Offset of the start tag's `<` in the output.
    start: usize,
    /// Byte range of the start tag's own ` xmlns="..."` declaration, if it wrote one.
    default_decl: Option<std::ops::Range<usize>>,
}

/// Writes XML into a `String`: no XML declaration, no whitespace between elements.
///
/// Tracks the in-scope default namespace and prefix declarations so that `xmlns`
/// attributes are only written where needed.
///
/// Text and attribute values are escaped; characters XML 1.0 does not allow at all
/// (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are replaced by U+FFFD
/// so the output always parses. Names and [`raw`](Self::raw) XML are written as given.
#[derive(Debug, Default)]
pub struct XmlWriter {
    buf: String,
    stack: Vec<Frame>,
    /// (prefix, namespace) declarations in scope, innermost last.
    bindings: Vec<(String, String)>,
    /// A start tag is open (attributes may still be added).
    open: bool,
    next_prefix: u32,
    /// Every default namespace used so far, each once (frames refer to them by index, so
    /// opening an element allocates nothing).
    namespaces: Vec<String>,
    /// Scratch space for end tags.
    scratch: String,
}

/// Position in the output, for [`XmlWriter::discard_if_empty`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    len: usize,
    depth: usize,
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The XML written so far.
    pub fn into_string(mut self) -> String {
        self.close_start_tag();
        self.buf
    }

    /// The XML written so far (an open start tag is not yet terminated).
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    fn default_ns(&self) -> &str {
        self.stack
            .last()
            .and_then(|f| self.namespaces.get(f.default_ns))
            .map_or("", String::as_str)
    }

    /// The index of `ns` in `namespaces`, adding it when new.
    fn intern(&mut self, ns: &str) -> usize {
        match self.namespaces.iter().position(|known| known == ns) {
            Some(i) => i,
            None => {
                self.namespaces.push(ns.to_owned());
                self.namespaces.len() - 1
            }
        }
    }

    fn default_ns_index(&mut self) -> usize {
        match self.stack.last() {
            Some(f) => f.default_ns,
            None => self.intern(""),
        }
    }

    fn lookup_prefix_binding(&self, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, ns)| ns.as_str())
    }

    fn close_start_tag(&mut self) {
        if self.open {
            self.buf.push('>');
            self.open = false;
        }
    }

    fn push_frame(&mut self, frame: Frame) {
        self.stack.push(frame);
        self.open = true;
    }

    /// Opens `<local`, declaring `xmlns="ns"` when `ns` differs from the default namespace
    /// in scope (`xmlns=""` when `ns` is empty under a default namespace).
    /// The start tag stays open for [`attr`](Self::attr).
    pub fn start(&mut self, ns: &str, local: &str) {
        self.close_start_tag();
        let start = self.buf.len();
        self.buf.push('<');
        self.buf.push_str(local);
        let mut default_decl = None;
        let default_ns = if self.default_ns() != ns {
            let decl_start = self.buf.len();
            self.buf.push_str(" xmlns=\"");
            escape_into(&mut self.buf, ns, true);
            self.buf.push('"');
            default_decl = Some(decl_start..self.buf.len());
            self.intern(ns)
        } else {
            self.default_ns_index()
        };
        self.push_frame(Frame {
            qname_len: local.len(),
            default_ns,
            bindings_len: self.bindings.len(),
            start,
            default_decl,
        });
    }

    /// Opens `<prefix:local`, declaring `xmlns:prefix="ns"` unless that prefix is already
    /// bound to `ns` in scope.
    pub fn start_prefixed(&mut self, prefix: &str, ns: &str, local: &str) {
        self.close_start_tag();
        let bindings_len = self.bindings.len();
        let start = self.buf.len();
        self.buf.push('<');
        self.buf.push_str(prefix);
        self.buf.push(':');
        self.buf.push_str(local);
        if self.lookup_prefix_binding(prefix) != Some(ns) {
            self.declare(prefix, ns);
        }
        let default_ns = self.default_ns_index();
        self.push_frame(Frame {
            qname_len: prefix.len() + 1 + local.len(),
            default_ns,
            bindings_len,
            start,
            default_decl: None,
        });
    }

    /// Binds `prefix` to `ns` on the open start tag unless it is bound so already (for
    /// attribute names and QName values written with that prefix).
    pub fn bind(&mut self, prefix: &str, ns: &str) {
        debug_assert!(self.open, "bind() needs an open start tag");
        if self.lookup_prefix_binding(prefix) != Some(ns) {
            self.declare(prefix, ns);
        }
    }

    /// Writes `xmlns:prefix="ns"` into the open start tag and records the binding.
    fn declare(&mut self, prefix: &str, ns: &str) {
        self.buf.push_str(" xmlns:");
        self.buf.push_str(prefix);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, ns, true);
        self.buf.push('"');
        self.bindings.push((prefix.to_owned(), ns.to_owned()));
    }

    /// Adds an attribute to the open start tag; the value is escaped, and characters XML 1.0
    /// forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are replaced
    /// by U+FFFD.
    pub fn attr(&mut self, name: &str, value: &str) {
        debug_assert!(self.open, "attr() called without an open start tag");
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, value, true);
        self.buf.push('"');
    }

    /// Writes escaped text content (closing an open start tag first). Characters XML 1.0
    /// forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF) are replaced
    /// by U+FFFD.
    pub fn text(&mut self, s: &str) {
        self.close_start_tag();
        escape_into(&mut self.buf, s, false);
    }

    /// Appends `xml` unchanged (closing an open start tag first).
    pub fn raw(&mut self, xml: &str) {
        self.close_start_tag();
        self.buf.push_str(xml);
    }

    /// Closes the innermost open element: `/>` when it has no content, else `</qname>`.
    pub fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            debug_assert!(false, "end() called without an open element");
            return;
        };
        if self.open {
            self.buf.push_str("/>");
            self.open = false;
        } else {
            let name = frame.start + 1..frame.start + 1 + frame.qname_len;
            self.scratch.clear();
            self.scratch.push_str(self.buf.get(name).unwrap_or(""));
            self.buf.push_str("</");
            self.buf.push_str(&self.scratch);
            self.buf.push('>');
        }
        self.bindings.truncate(frame.bindings_len);
    }

    /// Returns a prefix bound to `ns` here, declaring one (`xsi` for the XML Schema instance
    /// namespace, else `p1`, `p2`, ...) on the currently open start tag if needed.
    ///
    /// Call it right after [`start`](Self::start), before any content: a declaration can only
    /// be placed on an open start tag.
    pub fn prefix_for(&mut self, ns: &str) -> String {
        if ns == XML_NS {
            return "xml".to_owned();
        }
        // A prefix bound to ns and not shadowed by an inner declaration.
        if let Some((prefix, _)) =
            self.bindings.iter().rev().find(|(prefix, bound)| {
                bound == ns && self.lookup_prefix_binding(prefix) == Some(ns)
            })
        {
            return prefix.clone();
        }
        debug_assert!(
            self.open,
            "prefix_for() needs an open start tag to declare a prefix"
        );
        let mut prefix = if ns == XSI_NS {
            "xsi".to_owned()
        } else {
            self.fresh_prefix()
        };
        while self.lookup_prefix_binding(&prefix).is_some() {
            prefix = self.fresh_prefix();
        }
        self.declare(&prefix, ns);
        prefix
    }

    /// The default namespace in scope at the current position (`""` for none).
    pub(crate) fn current_default_namespace(&self) -> &str {
        self.default_ns()
    }

    /// Makes the default namespace empty inside the innermost element, whose start tag must
    /// still be open, so that unprefixed QName values in its content mean "no namespace".
    ///
    /// An element that is itself in the default namespace is renamed to use a prefix bound
    /// to its namespace (`<v xmlns="urn:t">` becomes `<p1:v xmlns="" xmlns:p1="urn:t">`).
    /// Returns `false` (and changes nothing) when the start tag is no longer open.
    /// Only suitable for simple content: child elements written later in the default
    /// namespace get their own `xmlns` declaration as usual.
    pub(crate) fn undeclare_default_namespace(&mut self) -> bool {
        if !self.open {
            return false;
        }
        let Some(frame) = self.stack.last() else {
            return false;
        };
        let frame_ns = self
            .namespaces
            .get(frame.default_ns)
            .cloned()
            .unwrap_or_default();
        if frame_ns.is_empty() {
            return true;
        }
        let name = frame.start + 1..frame.start + 1 + frame.qname_len;
        let prefixed = self.buf.get(name).is_some_and(|q| q.contains(':'));
        let element_ns = (!prefixed).then_some(frame_ns);
        let (start, default_decl) = (frame.start, frame.default_decl.clone());
        // Bind a prefix for the element's own namespace (appended to the open tag).
        let prefix = element_ns.as_deref().map(|ns| self.prefix_for(ns));
        match default_decl {
            Some(range) => self.buf.replace_range(range, " xmlns=\"\""),
            None => self.buf.push_str(" xmlns=\"\""),
        }
        if let Some(prefix) = &prefix {
            self.buf.insert_str(start + 1, &format!("{prefix}:"));
        }
        let empty = self.intern("");
        if let Some(frame) = self.stack.last_mut() {
            if let Some(prefix) = prefix {
                frame.qname_len += prefix.len() + 1;
            }
            frame.default_ns = empty;
            frame.default_decl = None;
        }
        true
    }

    fn fresh_prefix(&mut self) -> String {
        self.next_prefix += 1;
        format!("p{}", self.next_prefix)
    }

    /// Writes `<local xsi:nil="true"/>`.
    fn nil_element(&mut self, ns: &str, local: &str) {
        self.start(ns, local);
        let xsi = self.prefix_for(XSI_NS);
        self.attr(&format!("{xsi}:nil"), "true");
        self.end();
    }

    /// A required element.
    pub fn element<T: XmlContent>(&mut self, ns: &str, local: &str, value: &T) {
        self.start(ns, local);
        value.write_content(self);
        self.end();
    }

    /// An optional element: nothing is written for `None`.
    pub fn optional<T: XmlContent>(&mut self, ns: &str, local: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.element(ns, local, value);
        }
    }

    /// A nillable element: `None` is written as `<local xsi:nil="true"/>`.
    pub fn nillable<T: XmlContent>(&mut self, ns: &str, local: &str, value: &Option<T>) {
        match value {
            Some(value) => self.element(ns, local, value),
            None => self.nil_element(ns, local),
        }
    }

    /// One element per value.
    pub fn repeated<T: XmlContent>(&mut self, ns: &str, local: &str, values: &[T]) {
        for value in values {
            self.element(ns, local, value);
        }
    }

    /// One element per value, `None` items written as `xsi:nil`.
    pub fn repeated_nillable<T: XmlContent>(
        &mut self,
        ns: &str,
        local: &str,
        values: &[Option<T>],
    ) {
        for value in values {
            self.nillable(ns, local, value);
        }
    }

    /// A required element whose content is written by `f`.
    pub fn element_with<T: ?Sized>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
        f: impl FnOnce(&mut Self, &T),
    ) {
        self.start(ns, local);
        f(self, value);
        self.end();
    }

    /// An optional element whose content is written by `f`; nothing for `None`.
    pub fn optional_with<T>(
        &mut self,
        ns: &str,
        local: &str,
        value: &Option<T>,
        f: impl FnOnce(&mut Self, &T),
    ) {
        if let Some(value) = value {
            self.element_with(ns, local, value, f);
        }
    }

    /// A nillable element whose content is written by `f`; `xsi:nil` for `None`.
    pub fn nillable_with<T>(
        &mut self,
        ns: &str,
        local: &str,
        value: &Option<T>,
        f: impl FnOnce(&mut Self, &T),
    ) {
        match value {
            Some(value) => self.element_with(ns, local, value, f),
            None => self.nil_element(ns, local),
        }
    }

    /// One element per value, the content of each written by `f` (arrays of arrays).
    pub fn repeated_with<T>(
        &mut self,
        ns: &str,
        local: &str,
        values: &[T],
        f: impl Fn(&mut Self, &T),
    ) {
        for value in values {
            self.element_with(ns, local, value, &f);
        }
    }

    /// Like [`repeated_with`](Self::repeated_with), with `None` items written as `xsi:nil`.
    pub fn repeated_nillable_with<T>(
        &mut self,
        ns: &str,
        local: &str,
        values: &[Option<T>],
        f: impl Fn(&mut Self, &T),
    ) {
        for value in values {
            self.nillable_with(ns, local, value, &f);
        }
    }

    /// Closes any open start tag and returns the current position.
    pub(crate) fn mark(&mut self) -> Mark {
        self.close_start_tag();
        Mark {
            len: self.buf.len(),
            depth: self.stack.len(),
        }
    }

    /// Closes the element opened right after `mark`; if nothing was written inside it,
    /// removes it from the output entirely.
    pub(crate) fn end_or_discard(&mut self, mark: Mark) {
        if self.open && self.stack.len() == mark.depth + 1 {
            if let Some(frame) = self.stack.pop() {
                self.bindings.truncate(frame.bindings_len);
            }
            self.buf.truncate(mark.len);
            self.open = false;
            return;
        }
        self.end();
    }
}

/// Escapes `s` into `out`. Text: `&`, `<`, `>`, CR. Attributes additionally `"`, TAB, LF.
/// Characters XML 1.0 forbids are replaced by U+FFFD.
pub(crate) fn escape_into(out: &mut String, s: &str, attribute: bool) {
    // Runs of bytes that need nothing are copied whole; only the bytes that may start an
    // escape (markup characters, C0 controls, and 0xEF, the first byte of U+FFFE / U+FFFF)
    // are looked at one character at a time.
    let bytes = s.as_bytes();
    // `|` rather than `||`: no branch, so that `find_byte` tests a chunk in vector registers.
    let special = |b: u8| {
        (b < 0x20)
            | (b == b'&')
            | (b == b'<')
            | (b == b'>')
            | (b == 0xEF)
            | (attribute & (b == b'"'))
    };
    let mut start = 0;
    while let Some(offset) = super::find_byte(&bytes[start..], special) {
        let at = start + offset;
        out.push_str(&s[start..at]);
        let c = s[at..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        match c {
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                out.push(char::REPLACEMENT_CHARACTER);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
        start = at + c.len_utf8();
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_byte_finds_the_first_match_in_every_chunk_position() {
        let is_amp = |b: u8| b == b'&';
        for len in [0, 1, 31, 32, 33, 64, 95, 100] {
            assert_eq!(super::super::find_byte(&vec![b'a'; len], is_amp), None);
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'&';
                bytes[len - 1] = b'&';
                let found = super::super::find_byte(&bytes, is_amp);
                assert_eq!(found, Some(at), "len {len}, at {at}");
            }
        }
    }

    #[test]
    fn discard_empty_wrapper_keeps_outer_state() {
        let mut w = XmlWriter::new();
        w.start_prefixed("s", "urn:s", "E");
        let mark = w.mark();
        w.start_prefixed("s", "urn:s", "H");
        w.end_or_discard(mark);
        w.start("urn:b", "B");
        w.end();
        let mark = w.mark();
        w.start_prefixed("s", "urn:s", "H");
        w.element("", "x", &1u8);
        w.end_or_discard(mark);
        w.end();
        assert_eq!(
            w.into_string(),
            r#"<s:E xmlns:s="urn:s"><B xmlns="urn:b"/><s:H><x>1</x></s:H></s:E>"#
        );
    }

    #[test]
    fn escaping() {
        let mut out = String::new();
        escape_into(&mut out, "a\"b\nc", false);
        assert_eq!(out, "a\"b\nc");
        out.clear();
        escape_into(&mut out, "a\"b\nc", true);
        assert_eq!(out, "a&quot;b&#10;c");
    }

    #[test]
    fn forbidden_characters_are_replaced() {
        let mut out = String::new();
        escape_into(
            &mut out,
            "a\u{0}b\u{1f}\u{b}\u{c}\u{fffe}\u{ffff}\t\u{7f}\u{fffd}",
            false,
        );
        assert_eq!(
            out,
            "a\u{fffd}b\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\t\u{7f}\u{fffd}"
        );
    }

    #[test]
    fn namespace_values_are_escaped() {
        let mut w = XmlWriter::new();
        w.start("urn:a&b", "x");
        w.end();
        assert_eq!(w.into_string(), r#"<x xmlns="urn:a&amp;b"/>"#);
    }
}
