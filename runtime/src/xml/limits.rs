//! Resource limits for untrusted XML, enforced by the [`XmlReader`](super::XmlReader) as it
//! reads each start tag (nothing is built before they are checked).

/// Limits applied to every document the runtime parses.
///
/// The defaults are generous for SOAP messages (WCF's default `MaxDepth` is 32) and keep
/// parsing time linear in the input size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct XmlLimits {
    /// Maximum element nesting depth; the root element has depth 1. Default 64.
    pub max_depth: usize,
    /// Maximum number of attributes on one element, `xmlns` declarations included.
    /// Default 256.
    pub max_attributes: usize,
    /// Maximum number of namespace declarations (`xmlns` and `xmlns:p` attributes) in the
    /// whole document. Default 1024.
    pub max_namespace_declarations: usize,
}

impl XmlLimits {
    /// The default limits: depth 64, 256 attributes per element, 1024 namespace declarations.
    pub const DEFAULT: XmlLimits = XmlLimits {
        max_depth: 64,
        max_attributes: 256,
        max_namespace_declarations: 1024,
    };
}

impl Default for XmlLimits {
    fn default() -> Self {
        XmlLimits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DecodeError, DecodeErrorKind};
    use crate::xml::check_document;

    fn check_limits(xml: &str, limits: &XmlLimits) -> Result<(), DecodeError> {
        check_document(xml, limits)
    }

    fn small() -> XmlLimits {
        XmlLimits {
            max_depth: 2,
            max_attributes: 2,
            max_namespace_declarations: 2,
        }
    }

    #[test]
    fn counts_depth_not_siblings() {
        let limits = small();
        assert!(check_limits("<a><b/><b></b><b><!-- <c><d><e> --></b></a>", &limits).is_ok());
        let err = check_limits("<a>\n <b><c/></b></a>", &limits).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::LimitExceeded);
        assert_eq!(
            err.to_string(),
            "XML limit exceeded: more than 2 element depth at 2:5"
        );
    }

    #[test]
    fn skips_markup_lookalikes() {
        let limits = small();
        let xml = concat!(
            "<?xml version='1.0'?><?pi <x><x><x> ?><a x='>' y=\"]]> --&gt;\">",
            "<![CDATA[<b><b><b>]]>text &gt; more<!-- <b><b> -->",
            "<b q=\"'>\"/></a>"
        );
        assert!(check_limits(xml, &limits).is_ok(), "{xml}");
    }

    #[test]
    fn counts_attributes_and_namespaces() {
        let limits = small();
        assert!(check_limits("<a x = '1' y=\"2\"/>", &limits).is_ok());
        let err = check_limits("<a x='1' y='2' z='3'/>", &limits).unwrap_err();
        assert!(err
            .to_string()
            .contains("more than 2 attributes per element"));
        let err = check_limits(
            "<a xmlns='u:a'><b xmlns:p='u:p'/><c xmlns:q = 'u:q'/></a>",
            &limits,
        )
        .unwrap_err();
        assert!(err
            .to_string()
            .contains("more than 2 namespace declarations"));
        assert!(err.to_string().ends_with("at 1:34"), "{err}");
        // `xmlnsfoo` is an ordinary attribute.
        assert!(check_limits("<a xmlnsx='1' xmlnsy='2'><b xmlnsz='3'/></a>", &limits).is_ok());
    }

    #[test]
    fn rejects_dtd_and_lt_in_values() {
        let err = check_limits("<!DOCTYPE a><a/>", &XmlLimits::default()).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::Malformed);
        let err = check_limits("<a x='<b>'/>", &XmlLimits::default()).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::Malformed);
    }

    #[test]
    fn unterminated_constructs_are_malformed() {
        for xml in [
            "<a><!-- x",
            "<a><![CDATA[",
            "<?x",
            "<a x='1",
            "<a",
            "<a></a",
            "<a>",
            "",
            "<a/><b/>",
            "<a/>text",
            "<a>&unknown;</a>",
            "<p:a/>",
        ] {
            let err = check_limits(xml, &XmlLimits::default()).unwrap_err();
            assert_eq!(err.kind(), DecodeErrorKind::Malformed, "{xml}: {err}");
        }
    }
}
