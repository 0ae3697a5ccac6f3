//! URI references (RFC 3986): splitting, resolving a reference against a base, `file:` URIs and
//! paths, and the normalisation XML Catalogs apply before comparing URIs.

use std::path::{Path, PathBuf};

/// The five components of a URI reference (RFC 3986, appendix B). Absent components are `None`;
/// the path is always present, possibly empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UriRef<'a> {
    pub(crate) scheme: Option<&'a str>,
    pub(crate) authority: Option<&'a str>,
    pub(crate) path: &'a str,
    pub(crate) query: Option<&'a str>,
    pub(crate) fragment: Option<&'a str>,
}

/// Splits a URI reference into its components.
pub(crate) fn parse(text: &str) -> UriRef<'_> {
    let (rest, fragment) = match text.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (text, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let (scheme, rest) = match rest.split_once(':') {
        Some((scheme, rest)) if is_scheme(scheme) => (Some(scheme), rest),
        _ => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    UriRef {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

impl UriRef<'_> {
    /// Puts the components back together (RFC 3986, section 5.3).
    pub(crate) fn recompose(&self) -> String {
        let mut out = String::new();
        if let Some(scheme) = self.scheme {
            out.push_str(scheme);
            out.push(':');
        }
        if let Some(authority) = self.authority {
            out.push_str("//");
            out.push_str(authority);
        }
        out.push_str(self.path);
        if let Some(query) = self.query {
            out.push('?');
            out.push_str(query);
        }
        if let Some(fragment) = self.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }
}

/// Whether `text` is an absolute URI (has a scheme). For the generator's import resolution.
#[allow(dead_code)]
pub(crate) fn is_absolute(text: &str) -> bool {
    parse(text).scheme.is_some()
}

/// Resolves `reference` against the absolute URI `base` (RFC 3986, section 5.2.2, strict).
pub(crate) fn resolve(base: &str, reference: &str) -> String {
    let r = parse(reference);
    let b = parse(base);
    let path;
    let (scheme, authority, query);
    if r.scheme.is_some() {
        scheme = r.scheme;
        authority = r.authority;
        path = remove_dot_segments(r.path);
        query = r.query;
    } else {
        scheme = b.scheme;
        if r.authority.is_some() {
            authority = r.authority;
            path = remove_dot_segments(r.path);
            query = r.query;
        } else {
            authority = b.authority;
            if r.path.is_empty() {
                path = b.path.to_owned();
                query = r.query.or(b.query);
            } else {
                path = if r.path.starts_with('/') {
                    remove_dot_segments(r.path)
                } else {
                    remove_dot_segments(&merge(&b, r.path))
                };
                query = r.query;
            }
        }
    }
    UriRef {
        scheme,
        authority,
        path: &path,
        query,
        fragment: r.fragment,
    }
    .recompose()
}

fn merge(base: &UriRef<'_>, path: &str) -> String {
    if base.authority.is_some() && base.path.is_empty() {
        return format!("/{path}");
    }
    match base.path.rfind('/') {
        Some(i) => format!("{}{path}", &base.path[..=i]),
        None => path.to_owned(),
    }
}

/// Removes `.` and `..` segments (RFC 3986, section 5.2.4).
pub(crate) fn remove_dot_segments(path: &str) -> String {
    fn pop_segment(out: &mut String) {
        match out.rfind('/') {
            Some(i) => out.truncate(i),
            None => out.clear(),
        }
    }
    let mut input: &str = path;
    let mut out = String::with_capacity(path.len());
    while !input.is_empty() {
        if let Some(rest) = input.strip_prefix("../") {
            input = rest;
        } else if let Some(rest) = input.strip_prefix("./") {
            input = rest;
        } else if input.starts_with("/./") {
            input = &input[2..];
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") {
            input = &input[3..];
            pop_segment(&mut out);
        } else if input == "/.." {
            input = "/";
            pop_segment(&mut out);
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |i| i + start);
            out.push_str(&input[..end]);
            input = &input[end..];
        }
    }
    out
}

/// The local path of a `file:` URI (`file:///a/b%20c`, `file://localhost/a`, `file:/a`), or `None`
/// for other schemes, remote hosts, queries, or escapes that are not UTF-8.
pub(crate) fn file_uri_to_path(uri: &str) -> Option<PathBuf> {
    let parts = parse(uri);
    if !parts.scheme?.eq_ignore_ascii_case("file") || parts.query.is_some() {
        return None;
    }
    match parts.authority {
        None | Some("") => {}
        Some(host) if host.eq_ignore_ascii_case("localhost") => {}
        Some(_) => return None,
    }
    let decoded = percent_decode(parts.path)?;
    if cfg!(windows) {
        // `/C:/dir` → `C:/dir`
        let bytes = decoded.as_bytes();
        if bytes.len() >= 3
            && bytes[0] == b'/'
            && bytes[1].is_ascii_alphabetic()
            && bytes[2] == b':'
        {
            return Some(PathBuf::from(&decoded[1..]));
        }
    }
    Some(PathBuf::from(decoded))
}

/// Decodes `%HH` escapes; `None` if an escape is malformed or the result is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of an absolute `path` (made absolute against the current directory if it is
/// not), with every byte outside the unreserved set, `/` and `:` percent-encoded.
pub(crate) fn path_to_file_uri(path: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The normalisation of XML Catalogs 1.1 (section 6.3) applied to a URI before it is compared:
/// control characters, space, non-ASCII bytes and `"<>\^`{|}` are percent-encoded (as UTF-8), and
/// existing escapes get upper-case hex digits, so `a b`, `a%20b` and `a%2b` compare as intended.
pub(crate) fn normalize(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = String::with_capacity(uri.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escape = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        match (b, escape) {
            (b'%', Some(hex)) => {
                out.push('%');
                out.extend(hex.iter().map(|h| char::from(h.to_ascii_uppercase())));
                i += 3;
                continue;
            }
            (b'%', None) => out.push_str("%25"),
            (
                0..=0x20
                | 0x7f..=0xff
                | b'"'
                | b'<'
                | b'>'
                | b'\\'
                | b'^'
                | b'`'
                | b'{'
                | b'|'
                | b'}',
                _,
            ) => {
                out.push_str(&format!("%{b:02X}"));
            }
            _ => out.push(char::from(b)),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_the_rfc_3986_examples() {
        let base = "http://a/b/c/d;p?q";
        for (reference, expected) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/../y", "http://a/b/c/y"),
        ] {
            assert_eq!(
                resolve(base, reference),
                expected,
                "reference {reference:?}"
            );
        }
    }

    #[test]
    fn resolves_wcf_query_references() {
        let base = "http://h/svc/Service.svc?wsdl";
        assert_eq!(
            resolve(base, "?xsd=xsd0"),
            "http://h/svc/Service.svc?xsd=xsd0"
        );
        assert_eq!(
            resolve(base, "Service.svc?xsd=xsd1"),
            "http://h/svc/Service.svc?xsd=xsd1"
        );
    }

    #[test]
    fn file_uris_and_paths() {
        assert_eq!(
            file_uri_to_path("file:///a/b%20c.xsd"),
            Some(PathBuf::from("/a/b c.xsd"))
        );
        assert_eq!(
            file_uri_to_path("file://localhost/a"),
            Some(PathBuf::from("/a"))
        );
        assert_eq!(file_uri_to_path("file:/a"), Some(PathBuf::from("/a")));
        assert_eq!(file_uri_to_path("file://server/a"), None);
        assert_eq!(file_uri_to_path("http://h/a"), None);
        assert_eq!(file_uri_to_path("file:///a/%zz"), None);
        let uri = path_to_file_uri(Path::new("/tmp/a b/c#d.xml"));
        assert_eq!(uri, "file:///tmp/a%20b/c%23d.xml");
        assert_eq!(
            file_uri_to_path(&uri),
            Some(PathBuf::from("/tmp/a b/c#d.xml"))
        );
    }

    #[test]
    fn normalises_like_xml_catalogs() {
        assert_eq!(normalize("http://h/a b"), "http://h/a%20b");
        assert_eq!(normalize("http://h/a%2fb"), "http://h/a%2Fb");
        assert_eq!(normalize("http://h/é"), "http://h/%C3%A9");
        assert_eq!(normalize("http://h/100%"), "http://h/100%25");
        assert_eq!(normalize(&normalize("a{b}|%7c")), "a%7Bb%7D%7C%7C");
    }
}
