//! Round-trip and schema-validation harness over the WSDL corpus (`../shared/corpus`) and the
//! fixtures (`tests/fixtures/`): `build.rs` generates code for each WSDL and, from the generated
//! source, a harness module; this crate compiles all of them (`#![deny(warnings)]`), and
//! `tests/corpus.rs` runs them.
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
    /// `(operation, request body, response body)`; an empty body is one the operation has not.
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

/// Encodes `value` as the element `{ns}sample`, decodes it and compares.
pub fn roundtrip<T: XmlContent + PartialEq + std::fmt::Debug>(
    ns: &str,
    value: T,
) -> Result<(), String> {
    let xml = to_xml_string(ns, "sample", &value);
    match from_xml_str::<T>(&xml, ns, "sample") {
        Ok(back) if back == value => Ok(()),
        Ok(back) => Err(format!(
            "decoded value differs\n  xml:  {}\n  sent: {}\n  back: {}",
            shorten(xml),
            shorten(format!("{value:?}")),
            shorten(format!("{back:?}"))
        )),
        Err(e) => Err(format!("does not decode: {e}\n  xml: {}", shorten(xml))),
    }
}

include!(concat!(env!("OUT_DIR"), "/modules.rs"));
