//! Resource limits for untrusted XML, enforced by a linear pre-scan before `roxmltree`
//! parses the input.
//!
//! `roxmltree` builds its tree recursively (deep nesting overflows the stack) and its
//! attribute / namespace bookkeeping is quadratic in the number of attributes of one element
//! and of namespace declarations in scope. [`check_limits`] rejects such input in one pass
//! over the bytes, without building anything.

use crate::error::{DecodeError, DecodeErrorKind};

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

/// Checks `xml` against `limits` in a single linear pass.
///
/// Comments, CDATA sections, processing instructions (and the XML declaration) are skipped;
/// quoted attribute values may contain `>`; a DTD is rejected (SOAP forbids them and the
/// parser rejects them anyway). Other syntax errors are left to the parser, which stops at
/// the first one, so everything it builds has been checked here. Errors name the exceeded
/// limit and carry the line and column of the offending tag, never input text.
pub fn check_limits(xml: &str, limits: &XmlLimits) -> Result<(), DecodeError> {
    let bytes = xml.as_bytes();
    let mut depth = 0usize;
    let mut namespaces = 0usize;
    let mut pos = 0usize;
    while let Some(offset) = find_byte(&bytes[pos..], b'<') {
        let start = pos + offset;
        let rest = &bytes[start..];
        pos = if rest.starts_with(b"<!--") {
            match find(bytes, start + 4, b"-->") {
                Some(end) => end + 3,
                None => return Ok(()), // unterminated: the parser reports it
            }
        } else if rest.starts_with(b"<![CDATA[") {
            match find(bytes, start + 9, b"]]>") {
                Some(end) => end + 3,
                None => return Ok(()),
            }
        } else if rest.starts_with(b"<?") {
            match find(bytes, start + 2, b"?>") {
                Some(end) => end + 2,
                None => return Ok(()),
            }
        } else if rest.starts_with(b"<!") {
            return Err(malformed(
                xml,
                start,
                "document type declarations (DTDs) are not allowed",
            ));
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            match find_byte(&bytes[start..], b'>') {
                Some(end) => start + end + 1,
                None => return Ok(()),
            }
        } else {
            let tag = scan_start_tag(bytes, start).map_err(|e| malformed(xml, start, e))?;
            if depth + 1 > limits.max_depth {
                return Err(exceeded(xml, start, "element depth", limits.max_depth));
            }
            if tag.attributes > limits.max_attributes {
                return Err(exceeded(
                    xml,
                    start,
                    "attributes per element",
                    limits.max_attributes,
                ));
            }
            namespaces += tag.namespace_declarations;
            if namespaces > limits.max_namespace_declarations {
                return Err(exceeded(
                    xml,
                    start,
                    "namespace declarations",
                    limits.max_namespace_declarations,
                ));
            }
            if !tag.empty {
                depth += 1;
            }
            match tag.end {
                Some(end) => end,
                None => return Ok(()),
            }
        };
    }
    Ok(())
}

/// What [`scan_start_tag`] found.
struct StartTag {
    attributes: usize,
    namespace_declarations: usize,
    /// `<x/>`.
    empty: bool,
    /// Offset just past the closing `>`; `None` when the input ends inside the tag.
    end: Option<usize>,
}

/// Scans the start tag beginning at `bytes[start] == b'<'`: counts `=` outside quoted values
/// (one per attribute) and the attribute names that declare namespaces.
fn scan_start_tag(bytes: &[u8], start: usize) -> Result<StartTag, &'static str> {
    let mut tag = StartTag {
        attributes: 0,
        namespace_declarations: 0,
        empty: false,
        end: None,
    };
    // The name before the next `=`: start of the current word, and the last complete word.
    let mut word_start: Option<usize> = None;
    let mut last_word = (start, start);
    let mut i = start + 1;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' | b'\'' => {
                let Some(close) = find_byte(&bytes[i + 1..], b) else {
                    return Ok(tag);
                };
                let value = &bytes[i + 1..i + 1 + close];
                if value.contains(&b'<') {
                    return Err("'<' in an attribute value");
                }
                word_start = None;
                i += close + 2;
                continue;
            }
            b'>' => {
                tag.empty = i > start + 1 && bytes[i - 1] == b'/';
                tag.end = Some(i + 1);
                return Ok(tag);
            }
            b'<' => return Err("'<' inside a tag"),
            b'=' => {
                if let Some(ws) = word_start.take() {
                    last_word = (ws, i);
                }
                tag.attributes += 1;
                let name = &bytes[last_word.0..last_word.1];
                if name == b"xmlns" || name.starts_with(b"xmlns:") {
                    tag.namespace_declarations += 1;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'/' => {
                if let Some(ws) = word_start.take() {
                    last_word = (ws, i);
                }
            }
            _ => {
                word_start.get_or_insert(i);
            }
        }
        i += 1;
    }
    Ok(tag)
}

fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// Position of `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

fn exceeded(xml: &str, offset: usize, what: &str, limit: usize) -> DecodeError {
    let (line, column) = line_column(xml, offset);
    DecodeError::with_kind(
        DecodeErrorKind::LimitExceeded,
        format!("XML limit exceeded: more than {limit} {what}"),
    )
    .at_position(line, column)
}

fn malformed(xml: &str, offset: usize, what: &str) -> DecodeError {
    let (line, column) = line_column(xml, offset);
    DecodeError::with_kind(DecodeErrorKind::Malformed, format!("malformed XML: {what}"))
        .at_position(line, column)
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_column(xml: &str, offset: usize) -> (u32, u32) {
    let before = xml.get(..offset).unwrap_or(xml);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (clamp(line), clamp(column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(xml: &str) -> Result<(), DecodeError> {
        check_limits(xml, &XmlLimits::default())
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
            "<?xml version='1.0'?><?pi <x><x><x> ?><a x='>' y=\"]]> -->\">",
            "<![CDATA[<b><b><b>]]>text > more<!-- <b><b> -->",
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
        let err = check("<!DOCTYPE a><a/>").unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::Malformed);
        let err = check("<a x='<b>'/>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "malformed XML: '<' in an attribute value at 1:1"
        );
    }

    #[test]
    fn unterminated_constructs_are_left_to_the_parser() {
        for xml in [
            "<a><!-- x",
            "<a><![CDATA[",
            "<?x",
            "<a x='1",
            "<a",
            "<a></a",
        ] {
            assert!(check(xml).is_ok(), "{xml}");
        }
    }
}
