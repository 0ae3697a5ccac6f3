//! Round-trip and schema-validation harness over the WSDL corpus (`../shared/corpus`) and the
//! fixtures (`tests/fixtures/`): `build.rs` generates code for each WSDL and, from the generated
//! source, a harness module; this crate compiles all of them (`#![deny(warnings)]`), and
//! `tests/corpus.rs` runs them.
//!
//! ```text
//! SCHEMA_CHECK_PYTHON=.venv/bin/python cargo test -p wsdl-corpus-tests
//! WSDL_CORPUS_ONLY=tempconvert,fixture-choice cargo test -p wsdl-corpus-tests   # a subset
//! ```
//!
//! The generated code and harnesses are in `$CARGO_TARGET_DIR/debug/build/wsdl-corpus-tests-*/out/`
//! (`<id>.rs`, `<id>_harness.rs`, `modules.rs`).
#![deny(warnings)]

use soap_runtime::__private::{from_xml_str, to_xml_string, XmlContent};

/// `(type, result)` of encoding each type's sample and decoding it back.
pub type RoundTrips = Vec<(String, Result<(), String>)>;

/// One generated WSDL and its harness.
#[derive(Clone, Copy)]
pub struct Module {
    /// `MANIFEST.tsv` id, or `fixture-<name>`.
    pub id: &'static str,
    /// The WSDL generated from (absolute).
    pub wsdl: &'static str,
    /// Its OASIS catalog, if any.
    pub catalog: Option<&'static str>,
    /// `(type, result)` of encoding each type's sample and decoding it back.
    pub roundtrip_all: fn() -> RoundTrips,
    /// `(operation, request, response)`: each a SOAP 1.1 `Body` element holding the message as
    /// its `BodyForm` writes it; an empty string for a `()` message (no body, or an empty one).
    pub operation_bodies: fn() -> Vec<(String, String, String)>,
    /// Types and operations the harness could not sample.
    pub gaps: &'static [&'static str],
}

/// Longest value shown in a round-trip failure.
const SHOWN: usize = 1500;

fn shorten(mut s: String) -> String {
    if s.len() > SHOWN {
        let mut end = SHOWN;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

/// The namespace of the harness's `AnyElement` samples (see build/harness.rs).
const OTHER_NS: &str = "urn:wsdl-corpus-tests:other";

/// Encodes `value` as the element `{ns}sample`, decodes it and compares.
///
/// The decoded value must equal `value`, with one allowance: an `AnyElement` keeps the namespace
/// declarations in scope where it was read (`soap_runtime`'s documented capture), so a value that
/// holds one (the harness's samples are in `OTHER_NS`) may come back with more `xmlns`
/// attributes in its `xml`. Then the decoded value must encode to the same XML infoset (names,
/// attributes, text; prefixes resolved). (Decoding once more is not required to be stable: see
/// the ignored test `any_element_capture_is_idempotent`.)
pub fn roundtrip<T: XmlContent + PartialEq + std::fmt::Debug>(
    ns: &str,
    value: T,
) -> Result<(), String> {
    let xml = to_xml_string(ns, "sample", &value);
    let back = match from_xml_str::<T>(&xml, ns, "sample") {
        Ok(back) if back == value => return Ok(()),
        Ok(back) => back,
        Err(e) => return Err(format!("does not decode: {e}\n  xml: {}", shorten(xml))),
    };
    let differs = || {
        format!(
            "decoded value differs\n  xml:  {}\n  sent: {}\n  back: {}",
            shorten(xml.clone()),
            shorten(format!("{value:?}")),
            shorten(format!("{back:?}"))
        )
    };
    if !xml.contains(OTHER_NS) {
        return Err(differs());
    }
    let again = to_xml_string(ns, "sample", &back);
    if infoset(&again)? != infoset(&xml)? {
        return Err(differs());
    }
    Ok(())
}

/// A namespace-aware rendering of a document: expanded names, attributes sorted (QName-like
/// values with their prefix resolved), text; namespace declarations and prefixes left out.
pub fn infoset(xml: &str) -> Result<String, String> {
    fn resolve(node: roxmltree::Node<'_, '_>, value: &str) -> String {
        match value.split_once(':') {
            Some((prefix, local)) if !local.contains(':') => {
                match node.lookup_namespace_uri(Some(prefix)) {
                    Some(uri) => format!("{{{uri}}}{local}"),
                    None => value.to_owned(),
                }
            }
            _ => value.to_owned(),
        }
    }
    fn walk(node: roxmltree::Node<'_, '_>, out: &mut String) {
        if node.is_text() {
            out.push_str(node.text().unwrap_or_default());
            return;
        }
        if !node.is_element() {
            return;
        }
        let name = node.tag_name();
        out.push_str(&format!(
            "<{{{}}}{}",
            name.namespace().unwrap_or(""),
            name.name()
        ));
        let mut attrs: Vec<String> = node
            .attributes()
            .map(|a| {
                format!(
                    " {{{}}}{}={}",
                    a.namespace().unwrap_or(""),
                    a.name(),
                    resolve(node, a.value())
                )
            })
            .collect();
        attrs.sort();
        out.push_str(&attrs.concat());
        out.push('>');
        for child in node.children() {
            walk(child, out);
        }
        out.push_str("</>");
    }
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("not well-formed: {e}"))?;
    let mut out = String::new();
    walk(doc.root_element(), &mut out);
    Ok(out)
}

include!(concat!(env!("OUT_DIR"), "/modules.rs"));

/// Hand-written code in the shape of generated code, with the whole `#[xml(...)]` vocabulary, and
/// its harness: checks the harness generator on constructs the generator does not emit yet.
pub mod vocabulary {
    /// The hand-written declarations.
    pub mod generated {
        include!("../vocabulary.rs");
    }
    /// Their harness, generated by build.rs.
    #[allow(non_snake_case)]
    pub mod harness {
        include!(concat!(env!("OUT_DIR"), "/vocabulary_harness.rs"));
    }
}
