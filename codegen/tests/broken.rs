//! Broken input, class by class: cycles through every kind of reference, dangling references,
//! impossible occurrence constraints, deep nesting, unmapped and missing imports. Each is an error
//! of the right kind at the right place (or, where gSOAP and zeep accept the file and sensible code
//! exists, a warning naming the place), never a panic or a hang.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use wsdl_codegen::{Error, ErrorKind, Generated};

/// A document/literal WSDL with `schema` in `urn:t` and one operation `Op` (`Req` → `Resp`).
fn wsdl(schema: &str) -> String {
    wsdl_with(schema, "")
}

/// As [`wsdl`], with `extra` inserted before `</wsdl:definitions>`.
fn wsdl_with(schema: &str, extra: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
{schema}
      <xs:element name="Resp" type="xs:int"/>
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
{extra}
</wsdl:definitions>
"#
    )
}

fn generate(source: &str) -> Result<Generated, Error> {
    wsdl_codegen::configure().generate_source(Path::new("broken.wsdl"), source.to_owned())
}

fn error(source: &str) -> Error {
    match generate(source) {
        Ok(_) => panic!("expected an error for:\n{source}"),
        Err(e) => e,
    }
}

/// The 1-based line of the first line of `source` containing `needle`.
fn line_of(source: &str, needle: &str) -> u32 {
    source
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i as u32 + 1)
        .unwrap_or_else(|| panic!("`{needle}` is not in the source"))
}

fn assert_error_at(source: &str, kind: ErrorKind, needle: &str) {
    let e = error(source);
    assert_eq!(e.kind(), kind, "{e}");
    let (line, _) = e
        .line_column()
        .unwrap_or_else(|| panic!("no position: {e}"));
    assert_eq!(line, line_of(source, needle), "{e}");
}

// --- cycles ---------------------------------------------------------------------------------

#[test]
fn simple_type_restriction_cycles_are_errors() {
    let source = wsdl(
        r#"      <xs:simpleType name="A"><xs:restriction base="tns:B"/></xs:simpleType>
      <xs:simpleType name="B"><xs:restriction base="tns:A"/></xs:simpleType>
      <xs:element name="Req" type="tns:A"/>"#,
    );
    let e = error(&source);
    assert_eq!(e.kind(), ErrorKind::Wsdl, "{e}");
    assert!(e.line_column().is_some(), "{e}");
}

#[test]
fn union_and_list_cycles_are_errors() {
    let union = wsdl(
        r#"      <xs:simpleType name="U"><xs:union memberTypes="xs:int tns:V"/></xs:simpleType>
      <xs:simpleType name="V"><xs:list itemType="tns:U"/></xs:simpleType>
      <xs:element name="Req" type="tns:U"/>"#,
    );
    assert_eq!(error(&union).kind(), ErrorKind::Wsdl);
}

#[test]
fn base_type_cycles_are_errors() {
    let source = wsdl(
        r#"      <xs:complexType name="A"><xs:complexContent><xs:extension base="tns:B"/></xs:complexContent></xs:complexType>
      <xs:complexType name="B"><xs:complexContent><xs:extension base="tns:A"/></xs:complexContent></xs:complexType>
      <xs:element name="Req" type="tns:A"/>"#,
    );
    assert_eq!(error(&source).kind(), ErrorKind::Wsdl);
}

#[test]
fn substitution_group_cycles_are_errors() {
    let source = wsdl(
        r#"      <xs:element name="A" type="xs:int" substitutionGroup="tns:B"/>
      <xs:element name="B" type="xs:int" substitutionGroup="tns:A"/>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element ref="tns:A"/></xs:sequence></xs:complexType></xs:element>"#,
    );
    assert_eq!(error(&source).kind(), ErrorKind::Wsdl);
}

#[test]
fn circular_groups_and_attribute_groups_are_warnings_and_the_inner_reference_is_ignored() {
    let source = wsdl(
        r#"      <xs:group name="G"><xs:sequence><xs:element name="a" type="xs:int"/><xs:group ref="tns:G"/></xs:sequence></xs:group>
      <xs:attributeGroup name="AG"><xs:attribute name="x" type="xs:int"/><xs:attributeGroup ref="tns:AG"/></xs:attributeGroup>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:group ref="tns:G"/></xs:sequence><xs:attributeGroup ref="tns:AG"/></xs:complexType></xs:element>"#,
    );
    let generated = generate(&source).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.warnings.len(), 2, "{:?}", generated.warnings);
    let group_line = line_of(&source, "<xs:group name=\"G\">");
    assert!(
        generated.warnings[0].starts_with(&format!("broken.wsdl:{group_line}:")),
        "{:?}",
        generated.warnings
    );
    assert!(generated.code.contains("pub a: i32"), "{}", generated.code);
    assert!(generated
        .code
        .contains("pub x: ::core::option::Option<i32>"));
}

#[test]
fn legal_recursion_through_elements_and_groups_generates() {
    let source = wsdl(
        r#"      <xs:group name="Tree"><xs:sequence><xs:element name="label" type="xs:string"/><xs:element name="child" minOccurs="0"><xs:complexType><xs:sequence><xs:group ref="tns:Tree"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:group>
      <xs:element name="Req"><xs:complexType><xs:sequence><xs:group ref="tns:Tree"/></xs:sequence></xs:complexType></xs:element>"#,
    );
    let generated = generate(&source).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert!(
        generated.code.contains("Box<"),
        "recursion is boxed: {}",
        generated.code
    );
}

// --- dangling references --------------------------------------------------------------------

#[test]
fn dangling_schema_references_are_unresolved_at_the_reference() {
    for (decl, needle) in [
        (
            r#"      <xs:element name="Req" type="tns:Missing"/>"#,
            "tns:Missing",
        ),
        (
            r#"      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element ref="tns:Missing"/></xs:sequence></xs:complexType></xs:element>"#,
            "tns:Missing",
        ),
        (
            r#"      <xs:element name="Req"><xs:complexType><xs:sequence><xs:group ref="tns:Missing"/></xs:sequence></xs:complexType></xs:element>"#,
            "tns:Missing",
        ),
        (
            r#"      <xs:element name="Req"><xs:complexType><xs:attributeGroup ref="tns:Missing"/></xs:complexType></xs:element>"#,
            "tns:Missing",
        ),
        (
            r#"      <xs:element name="Req"><xs:complexType><xs:attribute ref="tns:Missing"/></xs:complexType></xs:element>"#,
            "tns:Missing",
        ),
        (
            r#"      <xs:element name="Req"><xs:complexType><xs:complexContent><xs:extension base="tns:Missing"/></xs:complexContent></xs:complexType></xs:element>"#,
            "tns:Missing",
        ),
        (
            r#"      <xs:simpleType name="S"><xs:restriction base="tns:Missing"/></xs:simpleType><xs:element name="Req" type="tns:S"/>"#,
            "tns:Missing",
        ),
    ] {
        assert_error_at(&wsdl(decl), ErrorKind::UnresolvedReference, needle);
    }
}

#[test]
fn dangling_wsdl_references_are_unresolved_at_the_reference() {
    let ok = r#"      <xs:element name="Req" type="xs:int"/>"#;
    // A part naming an element that does not exist.
    let part = wsdl(ok).replace("element=\"tns:Req\"", "element=\"tns:Nope\"");
    assert_error_at(&part, ErrorKind::UnresolvedReference, "tns:Nope");
    // A part naming a type that does not exist.
    let part_type = wsdl(ok).replace("element=\"tns:Req\"", "type=\"tns:Nope\"");
    assert_error_at(&part_type, ErrorKind::UnresolvedReference, "tns:Nope");
    // An operation naming a message that does not exist.
    let message = wsdl(ok).replace(
        "<wsdl:input message=\"tns:In\"/>",
        "<wsdl:input message=\"tns:Nope\"/>",
    );
    assert_error_at(&message, ErrorKind::UnresolvedReference, "tns:Nope");
    // A binding of a portType that does not exist.
    let binding = wsdl(ok).replace("type=\"tns:P\"", "type=\"tns:Nope\"");
    assert_error_at(&binding, ErrorKind::UnresolvedReference, "<wsdl:binding");
    // A binding operation the portType does not declare.
    let op = wsdl(ok).replace(
        "<wsdl:operation name=\"Op\"><soap:operation",
        "<wsdl:operation name=\"Other\"><soap:operation",
    );
    assert_error_at(&op, ErrorKind::UnresolvedReference, "name=\"Other\"");
}

#[test]
fn a_port_of_an_undefined_binding_is_a_warning_and_is_ignored() {
    let source = wsdl_with(
        r#"      <xs:element name="Req" type="xs:int"/>"#,
        r#"  <wsdl:service name="S"><wsdl:port name="Port" binding="tns:Nope"><soap:address location="http://x/"/></wsdl:port></wsdl:service>"#,
    );
    let generated = generate(&source).unwrap_or_else(|e| panic!("{e}"));
    let line = line_of(&source, "name=\"Port\"");
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert!(generated.warnings[0].starts_with(&format!("broken.wsdl:{line}:")));
}

// --- occurrence, nesting ----------------------------------------------------------------------

#[test]
fn min_occurs_above_max_occurs_is_an_error_at_the_particle() {
    let source = wsdl(
        r#"      <xs:element name="Req"><xs:complexType><xs:sequence><xs:element name="a" type="xs:int" minOccurs="3" maxOccurs="2"/></xs:sequence></xs:complexType></xs:element>"#,
    );
    let e = error(&source);
    assert_eq!(e.kind(), ErrorKind::Wsdl, "{e}");
    let (line, column) = e.line_column().expect("a position");
    assert_eq!(line, line_of(&source, "minOccurs=\"3\""));
    assert!(column > 50, "points at the inner element: {e}");
}

/// `depth` anonymous types nested inside each other.
fn nested(depth: usize) -> String {
    let mut inner = String::from(r#"<xs:element name="leaf" type="xs:int"/>"#);
    for i in 0..depth {
        inner = format!(
            r#"<xs:element name="n{i}"><xs:complexType><xs:sequence>{inner}</xs:sequence></xs:complexType></xs:element>"#
        );
    }
    wsdl(&format!(
        r#"      <xs:element name="Req"><xs:complexType><xs:sequence>{inner}</xs:sequence></xs:complexType></xs:element>"#
    ))
}

#[test]
fn nesting_within_the_limit_generates_in_linear_time() {
    let start = Instant::now();
    let generated = generate(&nested(20)).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.code.contains("pub leaf: i32"));
    // Not a benchmark: a generous bound that only an exponential blow-up would exceed.
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn nesting_beyond_the_documented_limit_is_a_clear_error() {
    let e = error(&nested(200));
    assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
    assert!(e.line_column().is_some(), "{e}");
}

// --- imports ------------------------------------------------------------------------------------

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

#[test]
fn an_absolute_url_without_a_catalog_entry_is_an_error_naming_the_import_and_the_option() {
    let main = fixtures().join("multifile/main.wsdl");
    let e = wsdl_codegen::configure()
        .generate(&main)
        .expect_err("the absolute URL is not mapped");
    assert_eq!(e.kind(), ErrorKind::UnresolvedReference, "{e}");
    assert!(e.line_column().is_some(), "{e}");
    assert!(e.message().contains("--catalog"), "{e}");
    assert!(e.message().contains("http://"), "{e}");
}

#[test]
fn a_multi_file_wsdl_with_an_import_cycle_loads_every_file_once() {
    let dir = fixtures().join("multifile");
    let generated = wsdl_codegen::configure()
        .catalog(dir.join("catalog.xml"))
        .generate(dir.join("main.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut inputs: Vec<PathBuf> = generated
        .inputs
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    let all = inputs.len();
    inputs.sort();
    inputs.dedup();
    // The chameleon include is read once per namespace it is included into; every other file once.
    assert!(all - inputs.len() <= 1, "{:?}", generated.inputs);
    assert!(
        generated.inputs.iter().any(|p| p.ends_with("catalog.xml")),
        "the catalog is an input (rerun-if-changed): {:?}",
        generated.inputs
    );
    assert!(generated.inputs.len() >= 6, "{:?}", generated.inputs);
}

#[test]
fn a_catalog_that_is_not_well_formed_is_an_xml_error_in_the_catalog() {
    let dir = std::env::temp_dir().join(format!("wsdl-broken-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let catalog = dir.join("catalog.xml");
    std::fs::write(
        &catalog,
        "<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n<uri name=\"a\"\n",
    )
    .expect("write");
    let e = wsdl_codegen::configure()
        .catalog(&catalog)
        .generate(fixtures().join("choice.wsdl"))
        .expect_err("a broken catalog");
    assert_eq!(e.kind(), ErrorKind::Xml, "{e}");
    assert_eq!(e.path(), catalog);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn spec_violations_gsoap_and_zeep_accept_are_warnings_at_their_place() {
    let source = wsdl(
        r#"      <xs:element name="Req" type="xs:int"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType></xs:element>"#,
    )
    .replace(
        "<xs:schema targetNamespace=\"urn:t\"",
        "<xs:schema xmlns:o=\"http://{{url}}/o\" targetNamespace=\"urn:t\"",
    )
    .replace(
        "  </wsdl:types>",
        "    <xs:schema targetNamespace=\"http://{{url}}/o\"/>\n  </wsdl:types>",
    );
    let generated = generate(&source).unwrap_or_else(|e| panic!("{e}"));
    let element = line_of(&source, "<xs:element name=\"Req\"");
    let template = line_of(&source, "<xs:schema targetNamespace=\"http://{{url}}/o\"/>");
    let at = |line: u32| format!("broken.wsdl:{line}:");
    assert_eq!(generated.warnings.len(), 2, "{:?}", generated.warnings);
    assert!(
        generated
            .warnings
            .iter()
            .any(|w| w.starts_with(&at(element))),
        "{:?}",
        generated.warnings
    );
    assert!(
        generated
            .warnings
            .iter()
            .any(|w| w.starts_with(&at(template))),
        "{:?}",
        generated.warnings
    );
    // The `type` wins: the body is an `i32`, and no item exists for the inline type.
    assert!(
        !generated.code.contains("pub type Req"),
        "{}",
        generated.code
    );
    assert!(generated.code.contains("i32"), "{}", generated.code);
}
