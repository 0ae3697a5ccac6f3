//! The lexical pieces the reader checks itself: attributes of a start tag, names, references,
//! characters XML cannot carry, and quick-xml's syntax errors as messages without input text.

use crate::error::{DecodeError, DecodeErrorKind};

/// One attribute of a start tag, as written: name, raw value (between the quotes), and the
/// offset just after the closing quote.
pub(super) struct RawAttribute<'t> {
    pub(super) key: &'t str,
    pub(super) value: &'t str,
    pub(super) end: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The attribute starting at or after byte `from` of a start tag's content (after `<`, name
/// first), `None` after the last one. Errors give the offset and what was expected. Attributes
/// must be separated by white space (XML 1.0 production 40).
pub(super) fn next_attribute(
    tag: &str,
    from: usize,
) -> Result<Option<RawAttribute<'_>>, (usize, &'static str)> {
    let bytes = tag.as_bytes();
    let len = bytes.len();
    let mut i = from;
    let skip_space = |mut i: usize| {
        while i < len && is_space(bytes[i]) {
            i += 1;
        }
        i
    };
    let start = skip_space(i);
    if start == len {
        return Ok(None);
    }
    if start == i && i > 0 {
        return Err((i, "white space expected between attributes"));
    }
    i = start;
    while i < len && !is_space(bytes[i]) && bytes[i] != b'=' {
        i += 1;
    }
    let key_end = i;
    i = skip_space(i);
    if i == len || bytes[i] != b'=' {
        return Err((i, "'=' expected after an attribute name"));
    }
    if key_end == start {
        return Err((start, "invalid attribute name"));
    }
    i = skip_space(i + 1);
    let quote = match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => q,
        Some(_) => return Err((i, "attribute value not in quotes")),
        None => return Err((i, "attribute value expected")),
    };
    let value_start = i + 1;
    let Some(close) = memchr::memchr(quote, &bytes[value_start..]) else {
        return Err((i, "unterminated attribute value"));
    };
    let value_end = value_start + close;
    // Every offset here is at an ASCII byte, so at a character boundary.
    match (tag.get(start..key_end), tag.get(value_start..value_end)) {
        (Some(key), Some(value)) => Ok(Some(RawAttribute {
            key,
            value,
            end: value_end + 1,
        })),
        _ => Err((start, "invalid attribute name")),
    }
}

pub(super) fn split_qname(qname: &str) -> (Option<&str>, &str) {
    match qname.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, qname),
    }
}

/// A predefined entity or a character reference.
pub(super) fn resolve_reference(name: &str) -> Result<char, DecodeError> {
    let malformed = |what: &str| {
        DecodeError::with_kind(DecodeErrorKind::Malformed, format!("malformed XML: {what}"))
    };
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let number = name
                .strip_prefix('#')
                .ok_or_else(|| malformed("unknown entity reference"))?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => number.parse::<u32>(),
            }
            .map_err(|_| malformed("malformed character reference"))?;
            char::from_u32(code)
                .filter(|&c| is_xml_char(c))
                .ok_or_else(|| malformed("character reference to a character not allowed in XML"))?
        }
    };
    Ok(c)
}

/// Byte index of the first character XML 1.0 cannot carry (C0 controls other than tab, line
/// feed and carriage return; U+FFFE, U+FFFF). One pass over the bytes; surrogates cannot occur
/// in a `str`.
pub(super) fn first_non_xml_char(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    // `|` and `&` rather than `||` and `&&`: see `find_byte`.
    let suspicious =
        |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF);
    // A suspicious byte always starts a character.
    let first = super::super::find_byte(bytes, suspicious)?;
    s.get(first..)?
        .char_indices()
        .find(|&(_, c)| !is_xml_char(c))
        .map(|(i, _)| first + i)
}

pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A message for a quick-xml error without any text taken from the input.
pub(super) fn syntax_error(e: &quick_xml::Error) -> DecodeError {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::Error as E;
    let what = match e {
        E::Io(_) => {
            return DecodeError::with_kind(DecodeErrorKind::Malformed, "cannot read the XML input")
        }
        E::Syntax(s) => match s {
            SyntaxError::InvalidBangMarkup => "invalid markup after '<!'",
            SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => {
                "unclosed processing instruction"
            }
            SyntaxError::UnclosedComment => "unclosed comment",
            SyntaxError::UnclosedDoctype => "document type declarations (DTDs) are not allowed",
            SyntaxError::UnclosedCData => "unclosed CDATA section",
            SyntaxError::UnclosedTag => "unclosed tag",
            _ => "syntax error",
        },
        E::IllFormed(i) => match i {
            IllFormedError::MissingEndTag(_) => "unexpected end of input",
            IllFormedError::UnmatchedEndTag(_) => "end tag does not match the start tag",
            IllFormedError::MismatchedEndTag { .. } => "end tag does not match the start tag",
            IllFormedError::DoubleHyphenInComment => "'--' in a comment",
            _ => "not well-formed",
        },
        E::InvalidAttr(_) => "invalid attribute",
        E::Encoding(_) => "input is not UTF-8",
        E::Escape(_) => "unknown entity or malformed reference",
        E::Namespace(_) => "invalid namespace",
    };
    DecodeError::with_kind(DecodeErrorKind::Malformed, format!("malformed XML: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(tag: &str, name_len: usize) -> Result<Vec<(&str, &str)>, (usize, &str)> {
        let mut out = Vec::new();
        let mut from = name_len;
        while let Some(a) = next_attribute(tag, from)? {
            out.push((a.key, a.value));
            from = a.end;
        }
        Ok(out)
    }

    #[test]
    fn attributes_as_written() {
        assert_eq!(attributes("a", 1), Ok(vec![]));
        assert_eq!(attributes("a  \t\r\n", 1), Ok(vec![]));
        assert_eq!(
            attributes("a x='1' p:y = \"a'b\"\n z=''", 1),
            Ok(vec![("x", "1"), ("p:y", "a'b"), ("z", "")])
        );
        // `>` and `/` inside a value belong to it.
        assert_eq!(attributes("a x='/>'", 1), Ok(vec![("x", "/>")]));
        assert_eq!(attributes("a é='ü'", 1), Ok(vec![("é", "ü")]));
    }

    #[test]
    fn attribute_errors_say_where_and_what() {
        let cases = [
            ("a x", (3, "'=' expected after an attribute name")),
            ("a x y='1'", (4, "'=' expected after an attribute name")),
            ("a x=", (4, "attribute value expected")),
            ("a x=1", (4, "attribute value not in quotes")),
            ("a x='1", (4, "unterminated attribute value")),
            ("a x=\"1'", (4, "unterminated attribute value")),
            (
                "a x='1'y='2'",
                (7, "white space expected between attributes"),
            ),
            ("a ='1'", (2, "invalid attribute name")),
        ];
        for (tag, expected) in cases {
            assert_eq!(attributes(tag, 1), Err(expected), "{tag:?}");
        }
    }

    #[test]
    fn non_xml_characters_found_after_plain_runs() {
        assert_eq!(first_non_xml_char("plain text\t\r\n"), None);
        let long = "x".repeat(70);
        assert_eq!(first_non_xml_char(&format!("{long}\u{1}")), Some(70));
        assert_eq!(first_non_xml_char(&format!("{long}\u{fffe}a")), Some(70));
        // U+FEFF starts with the same byte as U+FFFE and is allowed.
        assert_eq!(first_non_xml_char("\u{feff}\u{ffff}"), Some(3));
    }
}
