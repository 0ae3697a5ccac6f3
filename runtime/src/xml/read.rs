//! Whole documents: decoding a root element, encoding one, checking well-formedness.

use super::limits::XmlLimits;
use super::reader::XmlReader;
use super::{XmlContent, XmlWriter};
use crate::error::{clark_name, DecodeError};

/// Reads all of `xml` (well-formedness, namespaces, limits) without decoding anything.
pub fn check_document(xml: &str, limits: &XmlLimits) -> Result<(), DecodeError> {
    let mut r = XmlReader::with_limits(xml, limits);
    r.read_root()?;
    r.skip()?;
    r.finish_document()
}

/// Decodes the root element of `xml` as `T` after checking its name (tolerant: the root's
/// namespace may be empty), with the default [`XmlLimits`].
pub fn from_xml_str<T: XmlContent>(xml: &str, ns: &str, local: &str) -> Result<T, DecodeError> {
    from_xml_str_with_limits(xml, ns, local, &XmlLimits::default())
}

/// [`from_xml_str`] with explicit limits.
pub fn from_xml_str_with_limits<T: XmlContent>(
    xml: &str,
    ns: &str,
    local: &str,
    limits: &XmlLimits,
) -> Result<T, DecodeError> {
    let mut r = XmlReader::with_limits(xml, limits);
    r.read_root()?;
    if !r.is(ns, local) {
        return Err(
            DecodeError::new(format!("expected root element {}", clark_name(ns, local))).at(&r),
        );
    }
    let value = T::read_content(&mut r)?;
    r.finish_document()?;
    Ok(value)
}

/// Encodes `value` as a standalone element `{ns}local` (declaring its default namespace).
pub fn to_xml_string<T: XmlContent>(ns: &str, local: &str, value: &T) -> String {
    let mut w = XmlWriter::new();
    w.element(ns, local, value);
    w.into_string()
}
