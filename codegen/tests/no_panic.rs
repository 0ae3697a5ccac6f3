//! Bad WSDLs never panic the generator: systematic damage to the project's WSDL (truncation,
//! removed attributes, dangling references, renamed prefixes) gives `Ok` or an `Err` with a
//! position, never a panic.

use std::path::Path;

use wsdl_codegen::ErrorKind;

fn source() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/Services88-User.wsdl"),
    )
    .expect("project WSDL")
}

fn generate(text: String) -> Result<(), wsdl_codegen::Error> {
    wsdl_codegen::configure()
        .generate_source(Path::new("damaged.wsdl"), text)
        .map(|_| ())
}

#[test]
fn truncated_documents_are_errors_with_positions() {
    let text = source();
    let step = (text.len() / 150).max(1);
    let mut errors = 0;
    for end in (0..text.len()).step_by(step) {
        let mut cut = end;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Err(e) = generate(text[..cut].to_owned()) {
            errors += 1;
            assert_eq!(e.kind(), ErrorKind::Xml, "cut at {cut}: {e}");
            assert!(e.line_column().is_some(), "cut at {cut}: {e}");
        }
    }
    assert!(errors > 100, "truncated WSDLs are rejected: {errors}");
}

#[test]
fn removing_any_attribute_never_panics() {
    let text = source();
    let mut damaged = 0;
    for attr in [
        " name=\"",
        " type=\"",
        " element=\"",
        " message=\"",
        " base=\"",
        " binding=\"",
        " part=\"",
        " namespace=\"",
        " targetNamespace=\"",
        " minOccurs=\"",
        " maxOccurs=\"",
        " nillable=\"",
        " soapAction=\"",
        " value=\"",
    ] {
        let mut from = 0;
        while let Some(i) = text[from..].find(attr).map(|i| i + from) {
            let end = text[i + attr.len()..]
                .find('"')
                .map(|j| i + attr.len() + j + 1)
                .unwrap_or(text.len());
            let mut broken = text.clone();
            broken.replace_range(i..end, "");
            if let Err(e) = generate(broken) {
                assert_ne!(e.kind(), ErrorKind::Internal, "{attr}: {e}");
            }
            damaged += 1;
            from = end;
        }
    }
    assert!(damaged > 200, "attributes tried: {damaged}");
}

#[test]
fn dangling_references_and_prefixes_are_reported_with_positions() {
    let text = source();
    for (from, to, kind) in [
        (
            "tns:SoCredentials\"",
            "tns:NoSuchType\"",
            ErrorKind::UnresolvedReference,
        ),
        (
            "type=\"xs:string\"",
            "type=\"xs:nonsense\"",
            ErrorKind::UnresolvedReference,
        ),
        (
            "element=\"tns:SaveExternalTokens\"",
            "element=\"tns:Nope\"",
            ErrorKind::UnresolvedReference,
        ),
        (
            "message=\"tns:SaveExternalTokensRequest\"",
            "message=\"tns:Nope\"",
            ErrorKind::UnresolvedReference,
        ),
        (
            "type=\"tns:User\"",
            "type=\"tns:Nope\"",
            ErrorKind::UnresolvedReference,
        ),
        (
            "base=\"tns:Carrier\"",
            "base=\"zz:Carrier\"",
            ErrorKind::UnresolvedReference,
        ),
        (
            "maxOccurs=\"unbounded\"",
            "maxOccurs=\"lots\"",
            ErrorKind::Wsdl,
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let e = generate(text.replacen(from, to, 1)).expect_err(to);
        assert_eq!(e.kind(), kind, "{to}: {e}");
        assert!(e.line_column().is_some(), "{to}: {e}");
    }
}
