//! `#[xml(group)]` structs flattened as `Option<G>` and `Vec<G>`, next to choices.

use soap_runtime::__private::{from_xml_str, to_xml_string};
use soap_runtime::XmlContent;

/// A model group (`<xs:sequence maxOccurs="unbounded">` inside a type).
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(group)]
struct Pair {
    key: String,
    value: Option<i32>,
    #[xml(rename = "tag")]
    tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(choice)]
enum Mark {
    #[xml(rename = "star")]
    Star(()),
    #[xml(rename = "dot")]
    Dot(()),
}

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
struct Holder {
    title: String,
    #[xml(flatten)]
    head: Option<Pair>,
    #[xml(flatten)]
    pairs: Vec<Pair>,
    #[xml(flatten)]
    marks: Vec<Mark>,
}

fn pair(key: &str, value: Option<i32>, tags: &[&str]) -> Pair {
    Pair {
        key: key.into(),
        value,
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

#[test]
fn repeated_group_splits_where_an_element_repeats() {
    let xml = "<h><title>t</title><key>a</key><value>1</value><tag>x</tag><tag>y</tag>\
               <key>b</key><star/><dot/><key>c</key><value>3</value><star/></h>";
    let h: Holder = from_xml_str(xml, "", "h").unwrap();
    assert_eq!(h.head, Some(pair("a", Some(1), &["x", "y"])));
    assert_eq!(h.pairs, [pair("b", None, &[]), pair("c", Some(3), &[])]);
    assert_eq!(h.marks, [Mark::Star(()), Mark::Dot(()), Mark::Star(())]);
    let written = to_xml_string("", "h", &h);
    assert_eq!(
        written,
        "<h><title>t</title><key>a</key><value>1</value><tag>x</tag><tag>y</tag><key>b</key>\
         <key>c</key><value>3</value><star/><dot/><star/></h>"
    );
    assert_eq!(from_xml_str::<Holder>(&written, "", "h").unwrap(), h);

    let none: Holder = from_xml_str("<h><title>t</title></h>", "", "h").unwrap();
    assert_eq!((none.head, none.pairs.len()), (None, 0));
}

#[test]
fn incomplete_occurrence_is_an_error() {
    // The second `value` starts an occurrence without its required `key`.
    let xml = "<h><title>t</title><key>a</key><value>1</value><value>2</value></h>";
    let err = from_xml_str::<Holder>(xml, "", "h").unwrap_err();
    assert!(
        err.to_string().contains("missing required element key"),
        "{err}"
    );
}
