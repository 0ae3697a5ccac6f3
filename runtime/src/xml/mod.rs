//! XML reading and writing: the value traits, the writer, the reader and the helper
//! functions generated code calls for each field.

mod fields;
mod helpers;
mod limits;
mod particle;
mod read;
mod reader;
mod simple;
mod write;

pub use fields::{
    attribute_default, check_fixed, choice_read_child, missing_attribute, missing_choice,
    missing_element, read_attribute_value, read_fields, read_soap_array, read_text_value, redacted,
    write_attribute, write_soap_array, write_xsi_type, xsi_type_index, AnyAttribute, AnyElement,
    XmlChoice, XmlFields, SOAP_ENC_NS,
};
pub use helpers::{
    missing, read_items, read_items_nillable, read_items_nillable_with, read_items_with, read_map,
    read_map_nillable, read_optional, read_optional_with, read_required, read_required_with,
    write_map, write_map_nillable, Redact, Redacted,
};
pub use limits::XmlLimits;
pub use particle::{group_offer, Offer, XmlGroup, XmlParticle};
pub use read::{check_document, from_xml_str, from_xml_str_with_limits, to_xml_string};
pub use reader::{Content, XmlAttribute, XmlReader};
pub use write::XmlWriter;

pub(crate) use simple::is_decimal_lexical;
pub(crate) use write::escape_into;

use crate::error::{DecodeError, LexicalError};

/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The XML Schema namespace (`xs:string`, ...).
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The namespace bound to the reserved `xml` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Index of the first byte of `bytes` for which `special` holds (which must not hold for a
/// space). Chunks of 32 bytes are tested without a branch per byte, which the compiler turns
/// into vector instructions; the last, shorter chunk is tested the same way in a copy padded
/// with spaces. Only a chunk holding a match is searched byte by byte. Reading and writing
/// scan every name and value with it. Not inlined: optimized on its own, each predicate's copy
/// keeps its vector form.
#[inline(never)]
pub(crate) fn find_byte(bytes: &[u8], special: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    const CHUNK: usize = 32;
    let any = |chunk: &[u8; CHUNK]| chunk.iter().fold(false, |any, &b| any | special(b));
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut base = 0;
    for chunk in &mut chunks {
        if chunk.try_into().is_ok_and(any) {
            return chunk.iter().position(|&b| special(b)).map(|i| base + i);
        }
        base += CHUNK;
    }
    let rest = chunks.remainder();
    let mut padded = [b' '; CHUNK];
    padded[..rest.len()].copy_from_slice(rest);
    if any(&padded) {
        rest.iter().position(|&b| special(b)).map(|i| base + i)
    } else {
        None
    }
}

/// The content of one XML element (the element's own start and end tags are written by
/// the caller).
pub trait XmlContent: Sized {
    /// Writes attributes (right after the start tag was opened) and content.
    fn write_content(&self, w: &mut XmlWriter);
    /// Reads the value from the element the reader stands on (its start tag was read), through
    /// the element's end tag.
    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
}

/// A type with a lexical (text) form: the XSD simple types.
pub trait SimpleType: Sized {
    /// The lexical form.
    fn to_lexical(&self) -> std::borrow::Cow<'_, str>;
    /// Parses the element text as written (not trimmed); implementations trim XSD
    /// whitespace where the XSD type collapses it (everything except string).
    fn from_lexical(s: &str) -> Result<Self, LexicalError>;
}

impl<T: SimpleType> XmlContent for T {
    fn write_content(&self, w: &mut XmlWriter) {
        w.text(&self.to_lexical());
    }

    #[inline]
    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.read_text()?;
        T::from_lexical(r.text()).map_err(|e| DecodeError::from(e).at(r))
    }
}

/// Empty content: writes nothing, ignores whatever the element contains.
impl XmlContent for () {
    fn write_content(&self, _w: &mut XmlWriter) {}

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.skip()
    }
}

/// XSD whitespace: space, tab, CR, LF.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Trims XSD whitespace from both ends.
pub(crate) fn trim_xml(s: &str) -> &str {
    s.trim_matches(is_xml_space)
}
