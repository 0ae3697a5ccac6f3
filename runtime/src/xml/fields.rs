//! What `#[derive(XmlContent)]` expands to: the [`XmlFields`] protocol (a decoding state fed
//! attribute by attribute and child by child, then finished), the choice protocol, and the
//! helpers the expansion calls for attributes, text and catch-alls.
//!
//! The driver [`read_fields`] feeds the `read_attribute` / `read_child` / `read_text` calls
//! in document order straight from the [`XmlReader`]'s events.

use super::{Content, SimpleType, XmlAttribute, XmlContent, XmlReader, XmlWriter, XSI_NS};
use crate::error::{clark_name, DecodeError};
use crate::types::QName;

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

    /// Offers the child element the reader stands on; `Ok(true)` when a field took it (and read
    /// it through its end tag), `Ok(false)` when none did (nothing was read: the caller skips
    /// the child).
    fn read_child(slots: &mut Self::Slots, child: &mut XmlReader<'_>) -> Result<bool, DecodeError>;

    /// Offers character data (text and CDATA between children).
    fn read_text(slots: &mut Self::Slots, text: &str) -> Result<bool, DecodeError> {
        let _ = (slots, text);
        Ok(false)
    }

    /// Builds the value once everything was offered; `parent` stands on the element (for
    /// errors; `None` for header sets, which have no element of their own).
    fn finish(slots: Self::Slots, parent: Option<&XmlReader<'_>>) -> Result<Self, DecodeError>;

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
    /// Decodes the child the reader stands on when it is one of the alternatives (reading it
    /// through its end tag), `Ok(None)` (reading nothing) when it is not.
    fn read_choice(child: &mut XmlReader<'_>) -> Result<Option<Self>, DecodeError>;
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
    child: &mut XmlReader<'_>,
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
pub fn missing_choice<T: XmlChoice>(parent: Option<&XmlReader<'_>>) -> DecodeError {
    at(
        DecodeError::new(format!("missing one of {}", T::expected())),
        parent,
    )
}

fn at(e: DecodeError, node: Option<&XmlReader<'_>>) -> DecodeError {
    match node {
        Some(node) => e.at(node),
        None => e,
    }
}

/// The error for a required child element `{ns}local` that is absent.
pub fn missing_element(parent: Option<&XmlReader<'_>>, ns: &str, local: &str) -> DecodeError {
    at(
        DecodeError::new(format!(
            "missing required element {}",
            clark_name(ns, local)
        )),
        parent,
    )
}

/// Decodes the element the reader stands on through `T`'s [`XmlFields`]: every attribute
/// (except namespace declarations and `xsi:` attributes), every child element and (when `T`
/// takes text) every piece of text is offered in document order, children no field takes are
/// skipped, then the value is finished.
// `inline(always)`: merged into each type's `read_content` even in debug builds, so a derived
// type costs one function here, not two.
#[inline(always)]
pub fn read_fields<T: XmlFields>(r: &mut XmlReader<'_>) -> Result<T, DecodeError> {
    let mut slots = T::EMPTY_SLOTS;
    if T::ATTRIBUTES {
        for attr in r.attributes() {
            if attr.namespace == XSI_NS {
                continue;
            }
            T::read_attribute(&mut slots, &attr)?;
        }
    }
    loop {
        match r.next_content(T::TEXT)? {
            Content::Child => {
                if !T::read_child(&mut slots, r)? {
                    r.skip()?;
                }
            }
            Content::Text => {
                T::read_text(&mut slots, r.text())?;
            }
            Content::End => break,
        }
    }
    T::finish(slots, Some(r))
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
    parent: Option<&XmlReader<'_>>,
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
pub fn missing_attribute(parent: Option<&XmlReader<'_>>, ns: &str, local: &str) -> DecodeError {
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
    parent: Option<&XmlReader<'_>>,
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
    /// Reads the element the reader stands on (through its end tag) with the namespace
    /// declarations it relies on.
    pub fn capture(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let name = QName::new(r.namespace(), r.local_name());
        let xml = r.capture_outer()?;
        Ok(AnyElement { name, xml })
    }

    /// Writes the element back.
    pub fn write(&self, w: &mut XmlWriter) {
        w.raw(&self.xml);
    }
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
pub fn xsi_type_index(node: &XmlReader<'_>, candidates: &[(&str, &str)]) -> Option<usize> {
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
pub fn read_soap_array<T: XmlContent>(r: &mut XmlReader<'_>) -> Result<Vec<T>, DecodeError> {
    let mut items = Vec::new();
    loop {
        match r.next_content(false)? {
            Content::Child => items.push(super::read_required(r)?),
            Content::Text => {}
            Content::End => return Ok(items),
        }
    }
}
