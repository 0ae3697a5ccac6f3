//! `xsi_type` on element fields, `any` namespace constraints, `List<T>` and typed fault
//! details.

use soap_runtime::__private::{from_xml_str, to_xml_string, Envelope, XS_NS};
use soap_runtime::{AnyElement, Fault, List, SimpleType, SoapVersion, XmlContent};

const NS: &str = "urn:test";
const OTHER: &str = "urn:other";

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
struct Inner {
    v: i32,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
struct Encoded {
    #[xml(xsi_type(name = "string", ns = XS_NS))]
    name: String,
    #[xml(xsi_type(name = "int", ns = XS_NS))]
    count: Option<i32>,
    #[xml(xsi_type(name = "int", ns = XS_NS), nillable)]
    maybe: Option<i32>,
    #[xml(xsi_type(name = "Inner", ns = NS))]
    inner: Vec<Inner>,
    #[xml(xsi_type(name = "Inner", ns = NS))]
    boxed: Option<Box<Inner>>,
    #[xml(xsi_type(name = "untyped"))]
    local: u8,
}

#[test]
fn xsi_type_written_on_each_element_and_ignored_when_read() {
    let value = Encoded {
        name: "n".into(),
        count: Some(3),
        maybe: None,
        inner: vec![Inner { v: 1 }, Inner { v: 2 }],
        boxed: Some(Box::new(Inner { v: 9 })),
        local: 7,
    };
    let xml = to_xml_string("", "e", &value);
    let xsd = format!(r#"<name xmlns:p1="{XS_NS}" xmlns:xsi="#);
    assert!(xml.contains(&xsd), "{xml}");
    assert!(xml.contains(r#"xsi:type="p1:string">n</name>"#), "{xml}");
    assert!(xml.contains(r#"xsi:type="p2:int">3</count>"#), "{xml}");
    // A nil element has no type.
    assert!(xml.contains(r#"xsi:nil="true"/>"#), "{xml}");
    assert!(!xml.contains(r#"xsi:type="p2:int" xsi:nil"#), "{xml}");
    assert_eq!(xml.matches(r#":Inner"><v>"#).count(), 3, "{xml}");
    assert!(xml.contains(r#"xsi:type="untyped">7</local>"#), "{xml}");
    assert_eq!(from_xml_str::<Encoded>(&xml, "", "e").unwrap(), value);
    // Reading ignores xsi:type, whatever it says.
    let other = r#"<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <name xsi:type="x:whatever" xmlns:x="urn:x">a</name><maybe xsi:nil="1"/>
        <local xsi:type="q">1</local></e>"#;
    let read: Encoded = from_xml_str(other, "", "e").unwrap();
    assert_eq!((read.name.as_str(), read.local), ("a", 1));
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS)]
struct NotTarget {
    known: Option<String>,
    #[xml(any(not_ns = NS))]
    rest: Vec<AnyElement>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS)]
struct Listed {
    #[xml(any(ns = [OTHER, ""]))]
    rest: Vec<AnyElement>,
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS)]
struct OneNs {
    #[xml(any(ns = "urn:only"))]
    rest: Vec<AnyElement>,
}

const MIXED: &str = r#"<r xmlns="urn:test" xmlns:o="urn:other" xmlns:y="urn:only">
    <known>k</known><extra>same ns</extra><o:a/><local xmlns=""/><y:b/></r>"#;

fn names(rest: &[AnyElement]) -> Vec<&str> {
    rest.iter().map(|e| e.name.local.as_str()).collect()
}

#[test]
fn any_namespace_constraints() {
    // ##other: neither the target namespace nor unqualified.
    let r: NotTarget = from_xml_str(MIXED, NS, "r").unwrap();
    assert_eq!(r.known.as_deref(), Some("k"));
    assert_eq!(names(&r.rest), ["a", "b"]);
    // A list, "" for unqualified (##local).
    let r: Listed = from_xml_str(MIXED, NS, "r").unwrap();
    assert_eq!(names(&r.rest), ["a", "local"]);
    let r: OneNs = from_xml_str(MIXED, NS, "r").unwrap();
    assert_eq!(names(&r.rest), ["b"]);
    // What is taken is written back.
    let xml = to_xml_string(NS, "r", &r);
    assert_eq!(from_xml_str::<OneNs>(&xml, NS, "r").unwrap(), r);
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
struct Lists {
    #[xml(attribute)]
    sizes: List<u32>,
    #[xml(attribute)]
    empty: Option<List<i32>>,
    names: List<String>,
    #[xml(text)]
    text: List<f64>,
}

#[test]
fn lists_of_simple_types() {
    let value = Lists {
        sizes: vec![1, 2, 30].into(),
        empty: Some(List::new()),
        names: List(vec!["a".into(), "b".into(), "a".into()]),
        text: [0.5, -2.0].into_iter().collect(),
    };
    let xml = to_xml_string("", "l", &value);
    assert_eq!(
        xml,
        r#"<l sizes="1 2 30" empty=""><names>a b a</names>0.5 -2</l>"#
    );
    assert_eq!(from_xml_str::<Lists>(&xml, "", "l").unwrap(), value);
    // XSD whitespace between items, order and duplicates kept.
    let read = List::<i32>::from_lexical("\n 3\t1  3 ").unwrap();
    assert_eq!(*read, [3, 1, 3]);
    assert_eq!(read.to_string(), "3 1 3");
    assert!(List::<i32>::from_lexical("1 x 3").is_err());
    let bad = r#"<l sizes="1 -2"><names/></l>"#;
    assert!(from_xml_str::<Lists>(bad, "", "l").is_err());
    let mut list: List<u8> = Vec::new().into();
    list.push(4);
    assert_eq!(Vec::from(list), [4]);
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = "urn:errors", rename_all = "PascalCase")]
struct QuotaExceeded {
    limit: u32,
    #[xml(attribute, rename = "kind")]
    kind: Option<String>,
    #[xml(xsi_type(name = "string", ns = XS_NS))]
    hint: Option<String>,
}

#[test]
fn typed_fault_details_both_versions() {
    let detail = QuotaExceeded {
        limit: 5,
        kind: Some("daily".into()),
        hint: Some("wait".into()),
    };
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let fault = Fault::sender("over quota")
            .with_detail("<trace>t</trace>")
            .with_detail_value("urn:errors", "QuotaExceeded", &detail);
        let xml = fault.to_envelope(version);
        let env = Envelope::parse(&xml).unwrap();
        let back = env.fault().cloned().unwrap();
        assert_eq!(back, fault);
        let typed = back.detail_as::<QuotaExceeded>("urn:errors", "QuotaExceeded");
        assert_eq!(typed.unwrap().unwrap(), detail, "{version:?}");
        assert!(back.detail_as::<String>("", "trace").is_some());
        assert!(back.detail_as::<String>("urn:errors", "Nothing").is_none());
        // An entry of the right name that does not decode is an error, not a panic.
        let wrong = back.detail_as::<u32>("urn:errors", "QuotaExceeded");
        assert!(wrong.unwrap().is_err());
    }
    assert!(Fault::sender("x").detail_as::<u32>("", "a").is_none());
    let malformed = Fault::sender("x").with_detail("<a>");
    assert!(malformed.detail_as::<String>("", "a").unwrap().is_err());
}

#[test]
fn fault_detail_uses_prefixes_declared_on_the_envelope() {
    let xml = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:q="urn:errors">
        <e:Body><e:Fault><faultcode>e:Server</faultcode><faultstring>no</faultstring>
        <detail><q:QuotaExceeded kind="k"><q:Limit xsi:type="xsd:int">9</q:Limit>
        </q:QuotaExceeded></detail></e:Fault></e:Body></e:Envelope>"#;
    let env = Envelope::parse(xml).unwrap();
    let fault = env.fault().cloned().unwrap();
    let detail: QuotaExceeded = fault
        .detail_as("urn:errors", "QuotaExceeded")
        .unwrap()
        .unwrap();
    assert_eq!((detail.limit, detail.kind.as_deref()), (9, Some("k")));
}

/// An operation's declared faults, as the generator emits them (`{Operation}Fault`).
#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(ns = "urn:errors", choice)]
enum ReserveFault {
    QuotaExceeded(QuotaExceeded),
    NotFound(String),
}

#[test]
fn declared_faults_round_trip_as_a_choice_of_detail_entries() {
    let declared = ReserveFault::QuotaExceeded(QuotaExceeded {
        limit: 2,
        kind: None,
        hint: None,
    });
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let fault = Fault::receiver("no")
            .with_detail("<trace>t</trace>")
            .with_detail_choice(&declared);
        let xml = fault.to_envelope(version);
        let env = Envelope::parse(&xml).unwrap();
        let back = env.fault().cloned().unwrap();
        // The first entry that is one of the declared faults, skipping others.
        assert_eq!(
            back.detail_choice::<ReserveFault>().unwrap().unwrap(),
            declared
        );
    }
    let other = Fault::receiver("no").with_detail("<trace>t</trace>");
    assert!(other.detail_choice::<ReserveFault>().is_none());
    assert!(Fault::receiver("no")
        .detail_choice::<ReserveFault>()
        .is_none());
    let broken = Fault::receiver("no")
        .with_detail(r#"<QuotaExceeded xmlns="urn:errors"><Limit>many</Limit></QuotaExceeded>"#);
    assert!(broken.detail_choice::<ReserveFault>().unwrap().is_err());
}
