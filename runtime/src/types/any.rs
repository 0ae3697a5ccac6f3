//! `xs:anyType` kept as raw XML.

use std::fmt;

use super::QName;
use crate::error::DecodeError;
use crate::xml::{escape_into, XmlContent, XmlNode, XmlWriter, XSI_NS};

/// `xs:anyType` content kept as raw XML.
///
/// `xml` is the element's inner XML exactly as it appeared in the input, and is written
/// back unchanged. Caveat: namespace prefixes used inside `xml` but declared on an
/// ancestor of the original element are not carried along; such content is only
/// well-formed again where the same prefixes are in scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyType {
    /// The `xsi:type` of the element, if any (written back as `xsi:type`).
    pub xsi_type: Option<QName>,
    /// Inner XML.
    pub xml: String,
}

impl AnyType {
    /// Text content (escaped into `xml`).
    pub fn text(s: &str) -> Self {
        let mut xml = String::with_capacity(s.len());
        escape_into(&mut xml, s, false);
        AnyType {
            xsi_type: None,
            xml,
        }
    }

    /// Raw inner XML (not checked).
    pub fn raw(xml: impl Into<String>) -> Self {
        AnyType {
            xsi_type: None,
            xml: xml.into(),
        }
    }

    /// Sets the `xsi:type`.
    pub fn with_xsi_type(mut self, xsi_type: QName) -> Self {
        self.xsi_type = Some(xsi_type);
        self
    }
}

impl fmt::Display for AnyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.xml)
    }
}

impl XmlContent for AnyType {
    fn write_content(&self, w: &mut XmlWriter) {
        if let Some(ty) = &self.xsi_type {
            let value = ty.to_prefixed(w);
            let xsi = w.prefix_for(XSI_NS);
            w.attr(&format!("{xsi}:type"), &value);
        }
        w.raw(&self.xml);
    }

    fn read_content(node: &XmlNode<'_, '_>) -> Result<Self, DecodeError> {
        Ok(AnyType {
            xsi_type: node.xsi_type(),
            xml: node.inner_xml().to_owned(),
        })
    }
}
