//! Bad WSDLs give an error naming file:line:column and what was expected, never a panic.

use std::path::Path;

fn generate(source: &str) -> wsdl_codegen::Error {
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

#[test]
fn undefined_type_names_the_reference_position() {
    let e = generate(&wsdl(&format!(
        "      <xs:element name=\"Req\"><xs:complexType><xs:sequence>\n        <xs:element name=\"a\" type=\"tns:Nope\"/>\n      </xs:sequence></xs:complexType></xs:element>\n{OK_RESP}"
    )));
    let span = e.span().expect("has a position");
    assert_eq!((span.line, span.column), (7, 9));
    let text = e.to_string();
    assert!(text.contains("undefined type {urn:t}Nope"), "{text}");
    assert!(text.contains("fixture.wsdl:7:9"), "{text}");
    assert!(text.contains("tns:Nope"), "shows the source line: {text}");
}

#[test]
fn malformed_xml_is_a_parse_error_with_position() {
    let e =
        generate("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">\n<a></b>\n");
    assert!(matches!(e.kind, wsdl_codegen::ErrorKind::Parse(_)));
    assert_eq!(e.span().map(|s| s.line), Some(2));
}

#[test]
fn wrong_root_element_says_what_was_expected() {
    let e = generate("<definitions/>");
    assert!(
        e.to_string()
            .contains("expected a WSDL 1.1 <wsdl:definitions> root element"),
        "{e}"
    );
}

#[test]
fn missing_attribute_says_which() {
    let e = generate(&wsdl(&format!(
        "      <xs:element type=\"xs:int\"/>\n{OK_RESP}"
    )));
    assert!(
        e.to_string()
            .contains("expected a `name` or `ref` attribute on <xs:element>"),
        "{e}"
    );
    assert_eq!(e.span().map(|s| s.line), Some(6));
}

#[test]
fn undeclared_prefix_is_reported() {
    let e = generate(&wsdl(&format!(
        "      <xs:element name=\"Req\" type=\"zz:Thing\"/>\n{OK_RESP}"
    )));
    assert!(
        e.to_string().contains("undeclared namespace prefix `zz`"),
        "{e}"
    );
}

#[test]
fn unsupported_constructs_are_named() {
    let e = generate(&wsdl(&format!(
        "      <xs:element name=\"Req\"><xs:complexType><xs:choice/></xs:complexType></xs:element>\n{OK_RESP}"
    )));
    assert!(
        e.to_string()
            .contains("unsupported <xs:choice> in <xs:complexType>"),
        "{e}"
    );
    let e = generate(&wsdl(&format!(
        "      <xs:element name=\"Req\" type=\"xs:NOTATION\"/>\n{OK_RESP}"
    )));
    assert!(
        e.to_string()
            .contains("unsupported XML Schema built-in type xs:NOTATION"),
        "{e}"
    );
}

#[test]
fn body_element_that_does_not_exist_is_reported() {
    let e = generate(&wsdl(OK_RESP));
    assert!(
        e.to_string().contains("undefined element {urn:t}Req"),
        "{e}"
    );
}

#[test]
fn recursion_through_extension_cycles_is_an_error_not_a_hang() {
    let e = generate(&wsdl(&format!(
        "      <xs:complexType name=\"A\"><xs:complexContent><xs:extension base=\"tns:B\"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>\n      <xs:complexType name=\"B\"><xs:complexContent><xs:extension base=\"tns:A\"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>\n      <xs:element name=\"Req\" type=\"tns:A\"/>\n{OK_RESP}"
    )));
    assert!(e.to_string().contains("extends itself"), "{e}");
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
fn imports_of_schemas_that_are_not_inline_are_reported() {
    let e = generate(&wsdl(&format!(
        "      <xs:import namespace=\"urn:other\" schemaLocation=\"other.xsd\"/>\n      <xs:element name=\"Req\" type=\"xs:int\"/>\n{OK_RESP}"
    )));
    assert!(e.to_string().contains("external schema `other.xsd`"), "{e}");
    assert_eq!(e.span().map(|s| s.line), Some(6));
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
