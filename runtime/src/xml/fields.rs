//! What `#[derive(XmlContent)]` expands to: the [`XmlFields`] protocol (a decoding state fed
//! attribute by attribute and child by child, then finished), the choice protocol, and the
//! helpers the expansion calls for attributes, text and catch-alls.
//!
//! The protocol does not depend on how the document is read: the driver
//! [`read_fields`] walks a parsed element today, and a streaming reader feeds the same
//! `read_attribute` / `read_child` / `read_text` calls in document order.

use super::{SimpleType, XmlContent, XmlNode, XmlWriter, XML_NS, XSI_NS};
use crate::error::{clark_name, DecodeError};
use crate::types::QName;

/// One attribute of an element being decoded.
#[derive(Clone, Copy)]
pub struct XmlAttribute<'a> {
    /// Namespace URI (`""` for an unprefixed attribute).
    pub namespace: &'a str,
    /// Local name.
    pub local_name: &'a str,
    /// The value, with entity and character references resolved.
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

/// A struct (or a group inside one) decoded field by field, in whatever order the children
/// arrive. Implemented by `#[derive(XmlContent)]`; [`Option`] and [`Vec`] of an
/// [`XmlParticle`](super::XmlParticle) (a choice or a `group`) implement it too, so they can
/// be `#[xml(flatten)]` fields.
pub trait XmlFields: Sized {
    /// The decoding state: one slot per field.
    type Slots;

    /// The state before anything was read (a constant, so no function is generated for it).
    const EMPTY_SLOTS: Self::Slots;

    /// Whether [`read_attribute`](Self::read_attribute) takes anything (when `false`, the
    /// attributes are not offered and no code is generated for offering them).
    const ATTRIBUTES: bool = false;

    /// Whether [`read_text`](Self::read_text) takes anything.
    const TEXT: bool = false;

    /// Offers an attribute; `Ok(true)` when a field took it.
    fn read_attribute(
        slots: &mut Self::Slots,
        attr: &XmlAttribute<'_>,
    ) -> Result<bool, DecodeError> {
        let _ = (slots, attr);
        Ok(false)
    }

    /// Offers a child element; `Ok(true)` when a field took it. Children no field takes are
    /// skipped.
    fn read_child(slots: &mut Self::Slots, child: &XmlNode<'_, '_>) -> Result<bool, DecodeError>;

    /// Offers character data (text and CDATA between children).
    fn read_text(slots: &mut Self::Slots, text: &str) -> Result<bool, DecodeError> {
        let _ = (slots, text);
        Ok(false)
    }

    /// Builds the value once everything was offered; `parent` is the element (for errors;
    /// `None` for header sets, which have no element of their own).
    fn finish(slots: Self::Slots, parent: Option<&XmlNode<'_, '_>>) -> Result<Self, DecodeError>;

    /// Writes the attributes into the open start tag.
    fn write_attributes(&self, w: &mut XmlWriter) {
        let _ = w;
    }

    /// Writes the content (child elements, text).
    fn write_children(&self, w: &mut XmlWriter);
}

/// An `xs:choice` (or a substitution group): an enum with one variant per alternative
/// element. Implemented by `#[derive(XmlContent)]` with `#[xml(choice)]`.
pub trait XmlChoice: Sized {
    /// Decodes `child` when it is one of the alternatives, `Ok(None)` when it is not.
    fn read_choice(child: &XmlNode<'_, '_>) -> Result<Option<Self>, DecodeError>;
    /// Writes the chosen alternative's element.
    fn write_choice(&self, w: &mut XmlWriter);
    /// The alternatives' names, for the "missing" error.
    fn expected() -> &'static str;
}

/// A choice that occurs once, decoded from the children of an element: the first alternative
/// found. Once filled it takes no more children, so a later field (another occurrence of the
/// same group) can.
pub fn choice_read_child<T: XmlChoice>(
    slot: &mut Option<T>,
    child: &XmlNode<'_, '_>,
) -> Result<bool, DecodeError> {
    if slot.is_some() {
        return Ok(false);
    }
    match T::read_choice(child)? {
        Some(value) => {
            *slot = Some(value);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The error for a required choice none of whose alternatives was found.
pub fn missing_choice<T: XmlChoice>(parent: Option<&XmlNode<'_, '_>>) -> DecodeError {
    at(
        DecodeError::new(format!("missing one of {}", T::expected())),
        parent,
    )
}

fn at(e: DecodeError, node: Option<&XmlNode<'_, '_>>) -> DecodeError {
    match node {
        Some(node) => e.at(node),
        None => e,
    }
}

/// The error for a required child element `{ns}local` that is absent.
pub fn missing_element(parent: Option<&XmlNode<'_, '_>>, ns: &str, local: &str) -> DecodeError {
    at(
        DecodeError::new(format!(
            "missing required element {}",
            clark_name(ns, local)
        )),
        parent,
    )
}

/// Decodes `node` through `T`'s [`XmlFields`]: every attribute (except namespace
/// declarations and `xsi:` attributes), every child element and every piece of text is
/// offered in document order, then the value is finished.
// `inline(always)`: merged into each type's `read_content` even in debug builds, so a derived
// type costs one function here, not two.
#[inline(always)]
pub fn read_fields<T: XmlFields>(node: &XmlNode<'_, '_>) -> Result<T, DecodeError> {
    let mut slots = T::EMPTY_SLOTS;
    if T::ATTRIBUTES {
        for attr in node.node().attributes() {
            let namespace = attr.namespace().unwrap_or("");
            if namespace == XSI_NS {
                continue;
            }
            let attr = XmlAttribute {
                namespace,
                local_name: attr.name(),
                value: attr.value(),
            };
            T::read_attribute(&mut slots, &attr)?;
        }
    }
    for child in node.node().children() {
        if child.is_element() {
            T::read_child(&mut slots, &XmlNode::new(child))?;
        } else if T::TEXT && child.is_text() {
            if let Some(text) = child.text() {
                T::read_text(&mut slots, text)?;
            }
        }
    }
    T::finish(slots, Some(node))
}

/// Decodes a header set from the header candidates of an envelope (see
/// [`SoapHeaders::read_headers`](crate::SoapHeaders::read_headers)).
pub fn read_header_fields<T: XmlFields>(nodes: &[XmlNode<'_, '_>]) -> Result<T, DecodeError> {
    let mut slots = T::EMPTY_SLOTS;
    for node in nodes {
        T::read_child(&mut slots, node)?;
    }
    T::finish(slots, None)
}

/// Decodes an attribute value as `T` (errors name the attribute, never its value).
pub fn read_attribute_value<T: SimpleType>(attr: &XmlAttribute<'_>) -> Result<T, DecodeError> {
    T::from_lexical(attr.value).map_err(|e| {
        DecodeError::new(format!(
            "attribute {}: {e}",
            clark_name(attr.namespace, attr.local_name)
        ))
    })
}

/// The value of an absent attribute with a `default` or `fixed` value.
pub fn attribute_default<T: SimpleType>(
    lexical: &str,
    parent: Option<&XmlNode<'_, '_>>,
    local: &str,
) -> Result<T, DecodeError> {
    T::from_lexical(lexical).map_err(|e| {
        at(
            DecodeError::new(format!("default value of attribute {local}: {e}")),
            parent,
        )
    })
}

/// Checks a `fixed` attribute: the value read must equal the fixed one (compared after XSD
/// whitespace collapsing).
pub fn check_fixed(attr: &XmlAttribute<'_>, fixed: &str) -> Result<(), DecodeError> {
    if collapse(attr.value) == collapse(fixed) {
        Ok(())
    } else {
        Err(DecodeError::new(format!(
            "attribute {} must have its fixed value",
            clark_name(attr.namespace, attr.local_name)
        )))
    }
}

fn collapse(s: &str) -> String {
    s.split(super::is_xml_space)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The error for a required attribute that is absent.
pub fn missing_attribute(parent: Option<&XmlNode<'_, '_>>, ns: &str, local: &str) -> DecodeError {
    at(
        DecodeError::new(format!(
            "missing required attribute {}",
            clark_name(ns, local)
        )),
        parent,
    )
}

/// Decodes the accumulated character data of a text field.
pub fn read_text_value<T: SimpleType>(
    text: String,
    parent: Option<&XmlNode<'_, '_>>,
) -> Result<T, DecodeError> {
    T::from_lexical(&text).map_err(|e| at(DecodeError::from(e), parent))
}

/// `Debug` stand-in for a secret: `"<redacted>"`, or `None` for an absent optional value.
pub fn redacted(absent: bool) -> impl std::fmt::Debug {
    struct Secret(bool);
    impl std::fmt::Debug for Secret {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(if self.0 { "None" } else { "\"<redacted>\"" })
        }
    }
    Secret(absent)
}

/// Writes an attribute `{ns}local` with `value`'s lexical form into the open start tag
/// (declaring a prefix for `ns` when it is not empty).
pub fn write_attribute<T: SimpleType>(w: &mut XmlWriter, ns: &str, local: &str, value: &T) {
    let lexical = value.to_lexical();
    if ns.is_empty() {
        w.attr(local, &lexical);
    } else {
        let prefix = w.prefix_for(ns);
        w.attr(&format!("{prefix}:{local}"), &lexical);
    }
}

/// An element no field of its parent names, kept as XML (`xs:any`, `#[xml(any)]`).
///
/// `xml` is the element itself (outer XML) with every namespace in scope at the original
/// position declared on it, so it stays well-formed wherever it is written back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyElement {
    /// The element's name.
    pub name: QName,
    /// The element as XML.
    pub xml: String,
}

impl AnyElement {
    /// Captures `node` with the namespace declarations it relies on.
    pub fn capture(node: &XmlNode<'_, '_>) -> Self {
        let raw = node.outer_xml();
        let own = start_tag_declarations(raw);
        let mut decls = String::new();
        for ns in node.node().namespaces() {
            if own.contains(&ns.name()) || ns.uri() == XML_NS {
                continue;
            }
            match ns.name() {
                Some(prefix) => decls.push_str(&format!(" xmlns:{prefix}=\"")),
                None => decls.push_str(" xmlns=\""),
            }
            super::escape_into(&mut decls, ns.uri(), true);
            decls.push('"');
        }
        if node.node().lookup_namespace_uri(None).is_none() {
            decls.push_str(" xmlns=\"\"");
        }
        let name_end = raw
            .find(|c: char| super::is_xml_space(c) || c == '>' || c == '/')
            .unwrap_or(raw.len());
        let mut xml = String::with_capacity(raw.len() + decls.len());
        xml.push_str(&raw[..name_end]);
        xml.push_str(&decls);
        xml.push_str(&raw[name_end..]);
        AnyElement {
            name: QName::new(node.namespace(), node.local_name()),
            xml,
        }
    }

    /// Writes the element back.
    pub fn write(&self, w: &mut XmlWriter) {
        w.raw(&self.xml);
    }
}

/// The prefixes (`None` for the default namespace) the start tag at the beginning of `raw`
/// declares itself (`xmlns="…"`, `xmlns:p="…"`), whatever the enclosing elements declare.
fn start_tag_declarations(raw: &str) -> Vec<Option<&str>> {
    let mut out = Vec::new();
    let mut quote = None;
    let mut token: Option<usize> = None;
    let mut after_space = false;
    for (i, c) in raw.char_indices().skip(1) {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => {
                quote = Some(c);
                token = None;
            }
            '>' => break,
            '=' => {
                let name = token.take().and_then(|s| raw.get(s..i)).map(str::trim);
                match name {
                    Some("xmlns") => out.push(None),
                    Some(name) => {
                        if let Some(prefix) = name.strip_prefix("xmlns:") {
                            out.push(Some(prefix));
                        }
                    }
                    None => {}
                }
            }
            c if super::is_xml_space(c) || c == '/' => after_space = true,
            _ => {
                if token.is_none() || after_space {
                    token = Some(i);
                }
                after_space = false;
            }
        }
    }
    out
}

/// An attribute no field names, kept as received (`xs:anyAttribute`, `#[xml(any_attribute)]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyAttribute {
    /// The attribute's name.
    pub name: QName,
    /// Its value.
    pub value: String,
}

impl AnyAttribute {
    /// Copies `attr`.
    pub fn capture(attr: &XmlAttribute<'_>) -> Self {
        AnyAttribute {
            name: QName::new(attr.namespace, attr.local_name),
            value: attr.value.to_owned(),
        }
    }

    /// Writes the attribute into the open start tag.
    pub fn write(&self, w: &mut XmlWriter) {
        write_attribute(w, &self.name.namespace, &self.name.local, &self.value);
    }
}

/// The `xsi:type` of `node` when it names one of `candidates` (an index into it).
pub fn xsi_type_index(node: &XmlNode<'_, '_>, candidates: &[(&str, &str)]) -> Option<usize> {
    let ty = node.xsi_type()?;
    candidates
        .iter()
        .position(|(ns, local)| ty.namespace == *ns && ty.local == *local)
}

/// Writes `xsi:type="prefix:local"` into the open start tag.
pub fn write_xsi_type(w: &mut XmlWriter, ns: &str, local: &str) {
    let value = QName::new(ns, local).to_prefixed(w);
    let xsi = w.prefix_for(XSI_NS);
    w.attr(&format!("{xsi}:type"), &value);
}

/// The SOAP 1.1 encoding namespace (`soapenc:Array`, `soapenc:arrayType`).
pub const SOAP_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// Writes a SOAP-encoded array: `xsi:type="soapenc:Array"`, `soapenc:arrayType="t:item[N]"`
/// and one `item_name` element per value.
pub fn write_soap_array<T: XmlContent>(
    w: &mut XmlWriter,
    item_ns: &str,
    item_type: &str,
    item_name: &str,
    values: &[T],
) {
    write_xsi_type(w, SOAP_ENC_NS, "Array");
    let item = QName::new(item_ns, item_type).to_prefixed(w);
    let enc = w.prefix_for(SOAP_ENC_NS);
    w.attr(
        &format!("{enc}:arrayType"),
        &format!("{item}[{}]", values.len()),
    );
    for value in values {
        w.element("", item_name, value);
    }
}

/// Reads a SOAP-encoded array: every child element is an item, whatever its name (SOAP 1.1
/// section 5.4.2 leaves item names free).
pub fn read_soap_array<T: XmlContent>(node: &XmlNode<'_, '_>) -> Result<Vec<T>, DecodeError> {
    node.children().map(|c| super::read_required(&c)).collect()
}
