//! `xs:anyType` kept as raw XML.

use std::fmt;

use super::QName;
use crate::error::DecodeError;
use crate::xml::{escape_into, XmlContent, XmlReader, XmlWriter, XSI_NS};

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

    /// A typed value as `anyType` content, announced by `xsi_type` (the value's XSD type, e.g.
    /// `{http://www.w3.org/2001/XMLSchema}int` or a generated complex type's QName).
    pub fn from_value<T: XmlContent>(xsi_type: QName, value: &T) -> Self {
        let mut w = XmlWriter::new();
        value.write_content(&mut w);
        AnyType {
            xsi_type: Some(xsi_type),
            xml: w.into_string(),
        }
    }

    /// Decodes the content as `T`, typically after checking [`xsi_type`](Self::xsi_type) names
    /// `T`'s XSD type. Prefixes the content relies on from outside the original element are not
    /// known here (see the type's caveat).
    pub fn decode<T: XmlContent>(&self) -> Result<T, DecodeError> {
        let wrapped = format!("<anyType>{}</anyType>", self.xml);
        let mut r = XmlReader::new(&wrapped);
        r.read_root()?;
        let value = T::read_content(&mut r)?;
        r.finish_document()?;
        Ok(value)
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

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let xsi_type = r.xsi_type();
        Ok(AnyType {
            xsi_type,
            xml: r.capture_inner()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{from_xml_str, to_xml_string, XS_NS};

    #[test]
    fn typed_values_decode_from_any_type_content() {
        let any: AnyType = from_xml_str(
            r#"<v xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:int"> 42 </v>"#,
            "",
            "v",
        )
        .expect("decodes");
        assert_eq!(any.xsi_type, Some(QName::new(XS_NS, "int")));
        assert_eq!(any.decode::<i32>().expect("an int"), 42);
        assert!(any.decode::<bool>().is_err());
    }

    #[test]
    fn from_value_writes_the_type_and_round_trips() {
        let any = AnyType::from_value(QName::new(XS_NS, "string"), &"a<b".to_string());
        let xml = to_xml_string("urn:t", "v", &any);
        let back: AnyType = from_xml_str(&xml, "urn:t", "v").expect("decodes");
        assert_eq!(back.xsi_type, Some(QName::new(XS_NS, "string")));
        assert_eq!(back.decode::<String>().expect("text"), "a<b");
    }
}
