//! Bad WSDLs give an error of the right kind, with the file, line and column and the underlying
//! cause, never a panic. Tests match on kinds and positions, not on message text.

use std::error::Error as _;
use std::path::Path;

use wsdl_codegen::{Error, ErrorKind};

fn generate(source: &str) -> Error {
    match wsdl_codegen::configure().generate_source(Path::new("fixture.wsdl"), source.to_owned()) {
        Ok(_) => panic!("expected an error for:\n{source}"),
        Err(e) => e,
    }
}

/// A minimal document/literal WSDL around `schema` with one operation using `Req`/`Resp`.
fn wsdl(schema: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
{schema}
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Req"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:Resp"/></wsdl:message>
  <wsdl:portType name="P">
    <wsdl:operation name="Op"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Op"><soap:operation soapAction="urn:t/Op"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
"#
    )
}

const OK_RESP: &str =
    r#"      <xs:element name="Resp"><xs:complexType><xs:sequence/></xs:complexType></xs:element>"#;

#[test]
fn the_minimal_fixture_itself_generates() {
    let source = wsdl(&format!(
        "      <xs:element name=\"Req\"><xs:complexType><xs:sequence><xs:element name=\"a\" type=\"xs:int\"/></xs:sequence></xs:complexType></xs:element>\n{OK_RESP}"
    ));
    let generated = wsdl_codegen::configure()
        .generate_source(Path::new("fixture.wsdl"), source)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.code.contains("pub struct Req"));
    assert_eq!(generated.module, "fixture");
}

/// The fixture's schema with an element of the undefined type `tns:Nope` on line 7, column 9.
fn undefined_type() -> Error {
    generate(&wsdl(&format!(
        "      <xs:element name=\"Req\"><xs:complexType><xs:sequence>\n        <xs:element name=\"a\" type=\"tns:Nope\"/>\n      </xs:sequence></xs:complexType></xs:element>\n{OK_RESP}"
    )))
}

#[test]
fn undefined_type_names_the_reference_position() {
    let e = undefined_type();
    assert_eq!(e.kind(), ErrorKind::UnresolvedReference, "{e}");
    assert_eq!(e.line_column(), Some((7, 9)), "{e}");
    assert_eq!(e.path(), Path::new("fixture.wsdl"));
    assert!(e.source().is_none(), "{e}");
}

#[test]
fn reports_show_the_message_file_line_column_and_snippet() {
    let e = undefined_type();
    assert!(!e.message().is_empty());
    let report = format!(
        "error: {}\n  --> fixture.wsdl:7:9\n  |\n7 |         <xs:element name=\"a\" type=\"tns:Nope\"/>\n  |         ^",
        e.message()
    );
    assert_eq!(e.to_string(), report);
    assert_eq!(format!("{e:?}"), report, "build scripts print Debug");
    assert_eq!(e.one_line(), format!("fixture.wsdl:7:9: {}", e.message()));
}

#[test]
fn malformed_xml_is_an_xml_error_with_position_and_the_parser_error_as_source() {
    let e =
        generate("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">\n<a></b>\n");
    assert_eq!(e.kind(), ErrorKind::Xml, "{e}");
    assert_eq!(e.line_column().map(|(line, _)| line), Some(2), "{e}");
    let source = e.source().expect("the XML parser's error");
    assert!(
        source.downcast_ref::<roxmltree::Error>().is_some(),
        "{source:?}"
    );
}

#[test]
fn missing_file_is_an_io_error_with_the_io_error_as_source() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no-such-file.wsdl");
    let e = wsdl_codegen::configure()
        .generate(&path)
        .expect_err("the file does not exist");
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert_eq!(e.path(), path);
    assert_eq!(e.line_column(), None);
    let io = e
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .expect("an io::Error source");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert_eq!(
        e.to_string(),
        format!("error: {}\n  --> {}", e.message(), path.display())
    );
}

#[test]
fn write_failures_are_io_errors_with_the_io_error_as_source() {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no-such-dir/out.rs");
    let e = wsdl_codegen::write_if_changed(&target, "// code\n").expect_err("no such directory");
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert_eq!(e.path(), target);
    assert!(e
        .source()
        .is_some_and(|s| s.downcast_ref::<std::io::Error>().is_some()));

    let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
    let e = Error::from_io("some/dir", io);
    assert_eq!(e.kind(), ErrorKind::Io);
    assert_eq!(e.path(), Path::new("some/dir"));
    assert!(e
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied));
}

#[test]
fn compile_outside_a_build_script_without_out_dir_is_a_config_error() {
    if std::env::var_os("OUT_DIR").is_some() {
        return; // cargo does not set OUT_DIR when running tests; someone did
    }
    let e = wsdl_codegen::configure()
        .emit_rerun_if_changed(false)
        .compile(&["unused.wsdl"])
        .expect_err("no OUT_DIR");
    assert_eq!(e.kind(), ErrorKind::Config, "{e}");
    assert!(e
        .source()
        .is_some_and(|s| s.downcast_ref::<std::env::VarError>().is_some()));
}

#[test]
fn errors_can_cross_threads_and_be_boxed() {
    fn check<E: std::error::Error + Send + Sync + Clone + 'static>() {}
    check::<Error>();
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(undefined_type());
    assert!(boxed.downcast_ref::<Error>().is_some());
}

#[test]
fn wrong_root_element_is_an_invalid_wsdl() {
    let e = generate("<definitions/>");
    assert_eq!(e.kind(), ErrorKind::Wsdl, "{e}");
    assert_eq!(e.line_column(), Some((1, 1)), "{e}");
}

#[test]
fn missing_attribute_is_an_invalid_wsdl_at_the_element() {
    let e = generate(&wsdl(&format!(
        "      <xs:element type=\"xs:int\"/>\n{OK_RESP}"
    )));
    assert_eq!(e.kind(), ErrorKind::Wsdl, "{e}");
    assert_eq!(e.line_column(), Some((6, 7)), "{e}");
}

#[test]
fn undeclared_prefix_is_an_unresolved_reference() {
    let e = generate(&wsdl(&format!(
        "      <xs:element name=\"Req\" type=\"zz:Thing\"/>\n{OK_RESP}"
    )));
    assert_eq!(e.kind(), ErrorKind::UnresolvedReference, "{e}");
    assert_eq!(e.line_column(), Some((6, 7)), "{e}");
}

#[test]
fn unsupported_constructs_are_unsupported() {
    let e = generate(&wsdl(&format!(
        "      <xs:redefine schemaLocation=\"base.xsd\"/>\n      <xs:element name=\"Req\" type=\"xs:int\"/>\n{OK_RESP}"
    )));
    assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
    assert_eq!(e.line_column(), Some((6, 7)), "{e}");
    let e = generate(&wsdl(&format!(
        "      <xs:element name=\"Req\" type=\"xs:NOTATION\"/>\n{OK_RESP}"
    )));
    assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
    assert_eq!(e.line_column(), Some((6, 7)), "{e}");
}

#[test]
fn body_element_that_does_not_exist_is_an_unresolved_reference() {
    let e = generate(&wsdl(OK_RESP));
    assert_eq!(e.kind(), ErrorKind::UnresolvedReference, "{e}");
    assert_eq!(e.line_column().map(|(line, _)| line), Some(9), "{e}");
}

#[test]
fn recursion_through_extension_cycles_is_an_error_not_a_hang() {
    let e = generate(&wsdl(&format!(
        "      <xs:complexType name=\"A\"><xs:complexContent><xs:extension base=\"tns:B\"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>\n      <xs:complexType name=\"B\"><xs:complexContent><xs:extension base=\"tns:A\"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>\n      <xs:element name=\"Req\" type=\"tns:A\"/>\n{OK_RESP}"
    )));
    assert_eq!(e.kind(), ErrorKind::Wsdl, "{e}");
    assert!(e.line_column().is_some(), "{e}");
}

#[test]
fn unknown_operations_are_reported_with_close_matches() {
    let e = wsdl_codegen::configure()
        .operation("saveexternaltokens")
        .generate(Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/Services88-User.wsdl"))
        .expect_err("no such operation");
    assert_eq!(e.kind(), ErrorKind::UnknownOperation, "{e}");
    assert_eq!(e.line_column(), None);
    assert!(
        e.message().contains("SaveExternalTokens"),
        "suggests the operation the name is close to: {e}"
    );
}

#[test]
fn recursive_types_are_boxed() {
    let source = wsdl(&format!(
        "      <xs:complexType name=\"Node\"><xs:sequence><xs:element minOccurs=\"0\" name=\"Next\" nillable=\"true\" type=\"tns:Node\"/><xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"Kids\" type=\"tns:Node\"/></xs:sequence></xs:complexType>\n      <xs:element name=\"Req\" type=\"tns:Node\"/>\n{OK_RESP}"
    ));
    let code = wsdl_codegen::configure()
        .generate_source(Path::new("fixture.wsdl"), source)
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    assert!(
        code.contains("pub next: ::core::option::Option<::std::boxed::Box<Node>>"),
        "{code}"
    );
    assert!(
        code.contains("pub kids: ::std::vec::Vec<Node>"),
        "repeated fields need no box: {code}"
    );
}

#[test]
fn imports_of_missing_schema_files_are_io_errors_at_the_import() {
    let e = generate(&wsdl(&format!(
        "      <xs:import namespace=\"urn:other\" schemaLocation=\"other.xsd\"/>\n      <xs:element name=\"Req\" type=\"xs:int\"/>\n{OK_RESP}"
    )));
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert_eq!(e.line_column(), Some((6, 7)), "{e}");
    assert_eq!(e.path(), Path::new("fixture.wsdl"), "{e}");
}

#[test]
fn operation_methods_never_shadow_client_methods() {
    let source = wsdl(&format!(
        "      <xs:element name=\"Req\" type=\"xs:int\"/>\n{OK_RESP}"
    ))
    .replace("name=\"Op\"", "name=\"Headers\"");
    let code = wsdl_codegen::configure()
        .generate_source(Path::new("fixture.wsdl"), source)
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    assert!(code.contains("fn headers2("), "{code}");
    assert!(!code.contains("fn headers("), "{code}");
}
