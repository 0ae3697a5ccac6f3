//! The WSDL a [`SoapHttpServer`](super::SoapHttpServer) publishes for `GET ?wsdl`, and the
//! address its `soap:address` elements are rewritten to.

use std::ops::Range;
use std::sync::Arc;

use http::header::HOST;
use http::request::Parts;

const WSDL_SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const WSDL_SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";

/// A WSDL and the byte ranges of its address `location` values.
pub(super) struct Wsdl {
    pub(super) text: Arc<str>,
    locations: Vec<Range<usize>>,
}

impl Wsdl {
    pub(super) fn new(text: Arc<str>) -> Self {
        let locations = address_locations(&text).unwrap_or_default();
        Wsdl { text, locations }
    }

    /// The WSDL with every address `location` replaced by `url` (unchanged without one).
    pub(super) fn render(&self, url: Option<&str>) -> String {
        let Some(url) = url else {
            return self.text.to_string();
        };
        let mut escaped = String::new();
        crate::xml::escape_into(&mut escaped, url, true);
        let escaped = escaped.replace('\'', "&apos;");
        let mut out = String::with_capacity(self.text.len() + self.locations.len() * url.len());
        let mut last = 0;
        for range in &self.locations {
            match self.text.get(last..range.start) {
                Some(before) => out.push_str(before),
                None => return self.text.to_string(),
            }
            out.push_str(&escaped);
            last = range.end;
        }
        out.push_str(self.text.get(last..).unwrap_or(""));
        out
    }
}

/// Ranges of the `location` attribute values of WSDL SOAP 1.1 / 1.2 `address` elements, in
/// document order; `None` when `text` is not well-formed XML.
fn address_locations(text: &str) -> Option<Vec<Range<usize>>> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let mut ranges: Vec<Range<usize>> = doc
        .descendants()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == "address"
                && matches!(
                    n.tag_name().namespace(),
                    Some(WSDL_SOAP11_NS | WSDL_SOAP12_NS)
                )
        })
        .filter_map(|n| {
            n.attributes()
                .find(|a| a.name() == "location" && a.namespace().is_none())
                .map(|a| a.range_value())
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    let ordered = ranges.windows(2).all(|w| w[0].end <= w[1].start);
    ordered.then_some(ranges)
}

/// Whether the query has a `wsdl` parameter (any case, with or without value).
pub(super) fn wants_wsdl(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&').any(|p| {
            p.split('=')
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case("wsdl"))
        })
    })
}

/// The URL a request came to, for `soap:address`; `None` without a plausible host.
///
/// - Scheme: the first `X-Forwarded-Proto` value (`http` or `https`) when `trust_forwarded`;
///   else the request URI's scheme when it has one (absolute form, HTTP/2); else `http`.
/// - Host: the request URI's authority when it has one (absolute form, RFC 9112 §3.2.2, or
///   the HTTP/2 `:authority`), user information dropped; else the `Host` header.
/// - Path: the request path (no query).
pub(super) fn request_url(parts: &Parts, trust_forwarded: bool) -> Option<String> {
    let forwarded = trust_forwarded
        .then(|| {
            parts
                .headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
        })
        .flatten();
    let scheme = match forwarded.or_else(|| parts.uri.scheme_str()) {
        Some(p) if p.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    let host = match parts.uri.authority() {
        Some(authority) => authority.as_str().rsplit('@').next(),
        None => parts.headers.get(HOST).and_then(|v| v.to_str().ok()),
    };
    let host = host.map(str::trim).filter(|h| valid_host(h))?;
    Some(format!("{scheme}://{host}{}", parts.uri.path()))
}

/// `host[:port]` as a client may send it: a name, IPv4 or bracketed IPv6 address.
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 300
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-_:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wsdl_query() {
        for q in ["wsdl", "WSDL", "wsdl=", "a=1&Wsdl=x", "x&wsdl"] {
            assert!(wants_wsdl(Some(q)), "{q}");
        }
        for q in ["", "wsdl2", "xsd=wsdl", "singleWsdl"] {
            assert!(!wants_wsdl(Some(q)), "{q}");
        }
        assert!(!wants_wsdl(None));
    }

    #[test]
    fn addresses_rewritten() {
        let wsdl = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s12="http://schemas.xmlsoap.org/wsdl/soap12/"><service><port><soap:address location="http://old/a"/></port><port><s12:address location='http://old/b'/></port><port><address location="http://keep"/></port></service></definitions>"#;
        let w = Wsdl::new(wsdl.into());
        let out = w.render(Some("http://h:1/p?'&\""));
        assert!(out.contains(r#"<soap:address location="http://h:1/p?&apos;&amp;&quot;"/>"#));
        assert!(out.contains(r#"<s12:address location='http://h:1/p?&apos;&amp;&quot;'/>"#));
        assert!(out.contains(r#"<address location="http://keep"/>"#));
        assert_eq!(w.render(None), wsdl);
        let broken = Wsdl::new("<not-xml".into());
        assert_eq!(broken.render(Some("http://x")), "<not-xml");
    }

    #[test]
    fn hosts() {
        assert!(valid_host("example.com:8080"));
        assert!(valid_host("[::1]:80"));
        assert!(!valid_host("evil\"/><x"));
        assert!(!valid_host("a b"));
        assert!(!valid_host(""));
    }

    fn parts(uri: &str, headers: &[(&str, &str)]) -> Parts {
        let mut request = http::Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        match request.body(()) {
            Ok(request) => request.into_parts().0,
            Err(e) => panic!("test request {uri}: {e}"),
        }
    }

    #[test]
    fn request_urls() {
        let origin = parts(
            "/svc?wsdl",
            &[("host", "h.example:81"), ("x-forwarded-proto", "https")],
        );
        assert_eq!(
            request_url(&origin, false).as_deref(),
            Some("http://h.example:81/svc")
        );
        assert_eq!(
            request_url(&origin, true).as_deref(),
            Some("https://h.example:81/svc")
        );
        // Absolute form: the target's authority and scheme win over `Host`.
        let absolute = parts(
            "https://u:pw@abs.example:82/a?wsdl",
            &[("host", "other.example")],
        );
        assert_eq!(
            request_url(&absolute, false).as_deref(),
            Some("https://abs.example:82/a")
        );
        let forwarded = parts(
            "http://abs.example/a",
            &[("x-forwarded-proto", "https, http")],
        );
        assert_eq!(
            request_url(&forwarded, true).as_deref(),
            Some("https://abs.example/a")
        );
        assert_eq!(request_url(&parts("/a", &[]), false), None);
        let evil = parts("/a", &[("host", "evil\"x")]);
        assert_eq!(request_url(&evil, false), None);
    }
}
