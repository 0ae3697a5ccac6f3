//! The derives on hand-written types: every attribute of the vocabulary, encoded and decoded.

use soap_runtime::__private::{from_xml_str, to_xml_string, IndexMap};
use soap_runtime::{
    AnyAttribute, AnyElement, FlagSet, RedactedDebug, SimpleType, SoapHeaders, XmlContent,
};

const NS: &str = "urn:test";

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS, rename_all = "PascalCase")]
struct Carrier {
    table_right: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS, rename_all = "PascalCase")]
struct Token {
    #[xml(flatten)]
    base: Carrier,
    #[xml(attribute, rename = "id")]
    id: u32,
    #[xml(attribute, rename = "lang", default = "en")]
    lang: String,
    #[xml(attribute, rename = "version", fixed = "2")]
    version: u8,
    #[xml(attribute, rename = "note")]
    note: Option<String>,
    provider: String,
    #[xml(nillable)]
    access_token: Option<String>,
    refresh: Option<Box<Token>>,
    #[xml(rename = "Tag")]
    tags: Vec<String>,
    #[xml(items(name = "string", ns = "urn:arrays"))]
    names: Option<Vec<String>>,
    #[xml(items = "ArrayOfInt", items = "int")]
    grid: Option<Vec<Option<Vec<Option<i32>>>>>,
    #[xml(any)]
    extra: Vec<AnyElement>,
    #[xml(any_attribute)]
    extra_attrs: Vec<AnyAttribute>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
struct Amount {
    #[xml(attribute)]
    currency: String,
    #[xml(text)]
    value: f64,
}

#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(ns = NS, choice)]
enum ContactRef {
    #[xml(rename = "ContactId")]
    Id(i32),
    Email(String),
    Nobody,
}

#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(ns = NS)]
struct Person {
    name: String,
    #[xml(flatten)]
    contact: ContactRef,
    #[xml(flatten)]
    more: Vec<ContactRef>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS, map(entry = "Pair", key = "Key", value = "Value"))]
struct Dict(IndexMap<String, Option<i32>>);

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, SimpleType)]
enum Right {
    #[default]
    Read,
    #[xml(rename = "UIHint")]
    UiHint,
    #[xml(other)]
    Unrecognized(String),
}

#[derive(Debug, Clone, PartialEq, SimpleType)]
enum IntOrName {
    Int(i64),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(polymorphic, ns = NS)]
enum AnyCarrier {
    Carrier(Carrier),
    Token(Box<Token>),
}

#[derive(Clone, Default, PartialEq, XmlContent, SoapHeaders, RedactedDebug)]
#[xml(ns = NS, rename_all = "PascalCase")]
struct Headers {
    #[xml(secret)]
    ticket: Option<String>,
    time_zone: Option<String>,
}

fn round_trip<T: XmlContent + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let xml = to_xml_string(NS, "Root", value);
    let back: T = from_xml_str(&xml, NS, "Root").expect("decodes");
    assert_eq!(&back, value, "{xml}");
    xml
}

#[test]
fn struct_with_everything_round_trips() {
    let token = Token {
        base: Carrier {
            table_right: Some("r".into()),
        },
        id: 7,
        lang: "de".into(),
        version: 2,
        note: None,
        provider: "p".into(),
        access_token: None,
        refresh: Some(Box::new(Token {
            provider: "inner".into(),
            version: 2,
            lang: "en".into(),
            ..Token::default()
        })),
        tags: vec!["a".into(), "b".into()],
        names: Some(vec!["x".into()]),
        grid: Some(vec![Some(vec![Some(1), None]), None]),
        extra: vec![],
        extra_attrs: vec![],
    };
    let xml = round_trip(&token);
    assert!(
        xml.contains(r#"<Root xmlns="urn:test" id="7" lang="de" version="2">"#),
        "{xml}"
    );
    assert!(
        xml.contains("<TableRight>r</TableRight><Provider>p</Provider>"),
        "{xml}"
    );
    assert!(
        xml.contains(
            r#"<AccessToken xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#
        ),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<Names><string xmlns="urn:arrays">x</string></Names>"#),
        "{xml}"
    );
    assert!(
        xml.contains("<Grid><ArrayOfInt><int>1</int><int xmlns:xsi"),
        "{xml}"
    );
}

#[test]
fn attributes_defaults_fixed_and_missing() {
    let xml = r#"<Root xmlns="urn:test" id="1"><Provider>p</Provider><AccessToken/></Root>"#;
    let t: Token = from_xml_str(xml, NS, "Root").expect("decodes");
    assert_eq!((t.lang.as_str(), t.version), ("en", 2));
    let bad =
        r#"<Root xmlns="urn:test" id="1" version="3"><Provider>p</Provider><AccessToken/></Root>"#;
    let e = from_xml_str::<Token>(bad, NS, "Root").expect_err("fixed value");
    assert!(e.to_string().contains("fixed"), "{e}");
    let missing = r#"<Root xmlns="urn:test"><Provider>p</Provider><AccessToken/></Root>"#;
    let e = from_xml_str::<Token>(missing, NS, "Root").expect_err("required attribute");
    assert!(
        e.to_string().contains("missing required attribute id"),
        "{e}"
    );
    let no_provider = r#"<Root xmlns="urn:test" id="1"><AccessToken/></Root>"#;
    let e = from_xml_str::<Token>(no_provider, NS, "Root").expect_err("required element");
    assert!(e.to_string().contains("Provider"), "{e}");
}

#[test]
fn catch_alls_keep_unknown_elements_and_attributes() {
    let xml = r#"<r:Root xmlns:r="urn:test" xmlns:o="urn:other" id="1" o:flag="yes"><r:Provider>p</r:Provider><r:AccessToken>t</r:AccessToken><o:Extra a="1"><o:Inner/></o:Extra></r:Root>"#;
    let t: Token = from_xml_str(xml, NS, "Root").expect("decodes");
    assert_eq!(t.extra.len(), 1);
    assert_eq!(t.extra[0].name.local, "Extra");
    assert_eq!(t.extra_attrs.len(), 1);
    assert_eq!(t.extra_attrs[0].value, "yes");
    // Written back and read again: the same element and attribute (the captured element now
    // also declares the namespaces that were in scope where it was read).
    let again = to_xml_string(NS, "Root", &t);
    let back: Token = from_xml_str(&again, NS, "Root").expect("decodes again");
    assert_eq!(back.extra[0].name, t.extra[0].name);
    assert!(back.extra[0].xml.contains(r#"<o:Inner/>"#), "{again}");
    assert_eq!(back.extra_attrs, t.extra_attrs);
    let inner: roxmltree::Document =
        roxmltree::Document::parse(&back.extra[0].xml).expect("well-formed alone");
    assert_eq!(
        inner.root_element().tag_name().namespace(),
        Some("urn:other")
    );
}

#[test]
fn simple_content_with_attributes() {
    let a = Amount {
        currency: "EUR".into(),
        value: 1.5,
    };
    assert_eq!(
        round_trip(&a),
        r#"<Root xmlns="urn:test" currency="EUR">1.5</Root>"#
    );
}

#[test]
fn choices_once_and_repeated() {
    let p = Person {
        name: "n".into(),
        contact: ContactRef::Email("e@x".into()),
        more: vec![ContactRef::Id(3), ContactRef::Nobody],
    };
    let xml = round_trip(&p);
    assert!(xml.contains("<Email>e@x</Email>"), "{xml}");
    let e = from_xml_str::<Person>(
        r#"<Root xmlns="urn:test"><name>n</name></Root>"#,
        NS,
        "Root",
    )
    .expect_err("a required choice");
    assert!(e.to_string().contains("ContactId, Email, Nobody"), "{e}");
}

#[test]
fn dictionaries_enumerations_unions_and_flags() {
    let mut d = Dict::default();
    d.insert("a".into(), Some(1));
    d.insert("b".into(), None);
    round_trip(&d);
    assert_eq!(Right::from_lexical(" UIHint ").unwrap(), Right::UiHint);
    assert_eq!(Right::UiHint.to_lexical(), "UIHint");
    assert_eq!(
        Right::from_lexical("New").unwrap(),
        Right::Unrecognized("New".into())
    );
    assert_eq!(IntOrName::from_lexical("12").unwrap(), IntOrName::Int(12));
    assert_eq!(
        IntOrName::from_lexical("x").unwrap(),
        IntOrName::Name("x".into())
    );
    let flags: FlagSet<Right> = FlagSet::from_lexical("Read UIHint").unwrap();
    assert_eq!(flags.to_lexical(), "Read UIHint");
}

#[test]
fn polymorphism_by_xsi_type() {
    let base = AnyCarrier::Carrier(Carrier::default());
    round_trip(&base);
    let derived = AnyCarrier::Token(Box::new(Token {
        id: 1,
        provider: "p".into(),
        version: 2,
        lang: "en".into(),
        ..Token::default()
    }));
    let xml = round_trip(&derived);
    assert!(
        xml.contains(r#"xsi:type="Token""#) || xml.contains(":Token\""),
        "{xml}"
    );
}

#[test]
fn headers_and_redacted_debug() {
    use soap_runtime::SoapHeaders as _;
    let h = Headers {
        ticket: Some("s3cret".into()),
        time_zone: None,
    };
    let shown = format!("{h:?}");
    assert!(
        !shown.contains("s3cret") && shown.contains("<redacted>"),
        "{shown}"
    );
    assert!(Headers::understands(NS, "Ticket"));
    assert!(!Headers::understands(NS, "Other"));
    let mut partial = Headers::default();
    partial.merge_defaults(&h);
    assert_eq!(partial.ticket.as_deref(), Some("s3cret"));
}

mod abstract_polymorphism {
    use soap_runtime::__private::{from_xml_str, to_xml_string};
    use soap_runtime::XmlContent;

    #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
    struct Circle {
        radius: u32,
    }

    #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
    struct Square {
        side: u32,
    }

    /// The declared type is abstract: only derived types are values, each says its type.
    #[derive(Debug, Clone, PartialEq, XmlContent)]
    #[xml(polymorphic(abstract_base), ns = "urn:shapes")]
    enum AnyShape {
        Circle(Circle),
        Square(Square),
    }

    #[test]
    fn every_variant_of_an_abstract_base_writes_xsi_type() {
        for shape in [
            AnyShape::Circle(Circle { radius: 1 }),
            AnyShape::Square(Square { side: 2 }),
        ] {
            let xml = to_xml_string("", "shape", &shape);
            assert!(xml.contains("xsi:type=\""), "{xml}");
            assert_eq!(from_xml_str::<AnyShape>(&xml, "", "shape").unwrap(), shape);
        }
        // Without `xsi:type` (a lenient peer): the first variant.
        let bare: AnyShape =
            from_xml_str("<shape><radius>3</radius></shape>", "", "shape").unwrap();
        assert_eq!(bare, AnyShape::Circle(Circle { radius: 3 }));
    }
}
