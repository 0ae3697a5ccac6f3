//! Writer, reader and per-field helper tests.

use soap_runtime::__private::*;

const NS: &str = "urn:test";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

#[test]
fn start_declares_default_namespace_only_when_it_changes() {
    let mut w = XmlWriter::new();
    w.start(NS, "a");
    w.start(NS, "b");
    w.end();
    w.start("urn:other", "c");
    w.start("urn:other", "d");
    w.end();
    w.end();
    w.start("", "e");
    w.end();
    w.end();
    assert_eq!(
        w.into_string(),
        r#"<a xmlns="urn:test"><b/><c xmlns="urn:other"><d/></c><e xmlns=""/></a>"#
    );
}

#[test]
fn unqualified_root_has_no_xmlns() {
    let mut w = XmlWriter::new();
    w.start("", "a");
    w.start("", "b");
    w.text("x");
    w.end();
    w.end();
    assert_eq!(w.as_str(), "<a><b>x</b></a>");
}

#[test]
fn text_and_attribute_escaping() {
    let mut w = XmlWriter::new();
    w.start("", "a");
    w.attr("v", "<&>\"\t\n\r'");
    w.text("<&>\"\r\n\t'");
    w.end();
    assert_eq!(
        w.into_string(),
        "<a v=\"&lt;&amp;&gt;&quot;&#9;&#10;&#13;'\">&lt;&amp;&gt;\"&#13;\n\t'</a>"
    );
}

#[test]
fn escaped_text_round_trips_through_reader() {
    let original = "a < b && c > d\r\n \"q\" 'x' \t end";
    let xml = to_xml_string(NS, "v", &original.to_owned());
    let back: String = from_xml_str(&xml, NS, "v").unwrap();
    assert_eq!(back, original);
}

#[test]
fn raw_is_appended_unchanged() {
    let mut w = XmlWriter::new();
    w.start("", "a");
    w.raw("<x y='1'>&amp;</x>");
    w.end();
    assert_eq!(w.into_string(), "<a><x y='1'>&amp;</x></a>");
}

#[test]
fn start_prefixed_declares_once() {
    let mut w = XmlWriter::new();
    w.start_prefixed("s", "urn:s", "Envelope");
    w.start_prefixed("s", "urn:s", "Body");
    w.start_prefixed("s", "urn:other", "X");
    w.end();
    w.start_prefixed("s", "urn:s", "Y");
    w.end();
    w.end();
    w.end();
    assert_eq!(
        w.into_string(),
        r#"<s:Envelope xmlns:s="urn:s"><s:Body><s:X xmlns:s="urn:other"/><s:Y/></s:Body></s:Envelope>"#
    );
}

#[test]
fn prefix_for_reuses_and_declares() {
    let mut w = XmlWriter::new();
    w.start("", "a");
    let p1 = w.prefix_for("urn:x");
    assert_eq!(p1, "p1");
    assert_eq!(w.prefix_for("urn:x"), "p1");
    assert_eq!(w.prefix_for(XSI), "xsi");
    w.start("", "b");
    assert_eq!(w.prefix_for("urn:x"), "p1");
    assert_eq!(w.prefix_for("http://www.w3.org/XML/1998/namespace"), "xml");
    w.end();
    w.end();
    // Out of scope again: a new declaration is needed.
    w.start("", "c");
    assert_eq!(w.prefix_for("urn:x"), "p2");
    w.end();
    assert_eq!(
        w.into_string(),
        r#"<a xmlns:p1="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><b/></a><c xmlns:p2="urn:x"/>"#
    );
}

#[test]
fn prefix_for_avoids_shadowed_prefix() {
    let mut w = XmlWriter::new();
    w.start_prefixed("xsi", "urn:not-xsi", "a");
    assert_eq!(w.prefix_for(XSI), "p1");
    w.end();
    assert_eq!(
        w.into_string(),
        r#"<xsi:a xmlns:xsi="urn:not-xsi" xmlns:p1="http://www.w3.org/2001/XMLSchema-instance"/>"#
    );
}

#[test]
fn field_helpers() {
    let mut w = XmlWriter::new();
    w.start(NS, "r");
    w.element(NS, "req", &5i32);
    w.optional::<i32>(NS, "none", &None);
    w.optional(NS, "some", &Some(true));
    w.nillable::<String>(NS, "nil", &None);
    w.nillable(NS, "val", &Some("x".to_owned()));
    w.repeated(NS, "item", &[1u8, 2]);
    w.repeated_nillable(NS, "opt", &[Some(1u8), None]);
    w.element_with(NS, "list", &vec![3i64, 4][..], |w, v| {
        w.repeated(NS, "long", v)
    });
    w.optional_with::<Vec<i64>>(NS, "skip", &None, |w, v| w.repeated(NS, "long", v));
    w.nillable_with::<Vec<i64>>(NS, "nlist", &None, |w, v| w.repeated(NS, "long", v));
    w.end();
    assert_eq!(
        w.into_string(),
        concat!(
            r#"<r xmlns="urn:test"><req>5</req><some>true</some>"#,
            r#"<nil xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#,
            r#"<val>x</val><item>1</item><item>2</item><opt>1</opt>"#,
            r#"<opt xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#,
            r#"<list><long>3</long><long>4</long></list>"#,
            r#"<nlist xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></r>"#
        )
    );
}

#[test]
fn nil_uses_xsi_declared_on_ancestor() {
    let mut w = XmlWriter::new();
    w.start("", "a");
    let _ = w.prefix_for(XSI);
    w.nillable::<i32>("", "b", &None);
    w.end();
    assert_eq!(
        w.into_string(),
        r#"<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><b xsi:nil="true"/></a>"#
    );
}

/// A reader standing on the root of `xml`.
fn root(xml: &str) -> XmlReader<'_> {
    let mut r = XmlReader::new(xml);
    r.read_root().unwrap();
    r
}

/// Runs `f` on each child element of the root (then skips what `f` left unread).
fn each_child(xml: &str, mut f: impl FnMut(usize, &mut XmlReader<'_>)) -> usize {
    let mut r = root(xml);
    let mut n = 0;
    while r.next_content(false).unwrap() == Content::Child {
        let depth = r.depth();
        f(n, &mut r);
        if r.depth() == depth {
            r.skip().unwrap();
        }
        n += 1;
    }
    r.finish_document().unwrap();
    n
}

#[test]
fn node_matching_is_tolerant() {
    let xml = r#"<a xmlns:t="urn:test"><t:x/><y/><z xmlns="urn:other"/></a>"#;
    let n = each_child(xml, |i, c| match i {
        0 => {
            assert_eq!(c.namespace(), NS);
            assert_eq!(c.local_name(), "x");
            assert!(c.is(NS, "x"));
            assert!(!c.is("urn:other", "x"));
            assert!(!c.is(NS, "X"));
        }
        1 => {
            assert!(c.is(NS, "y"), "no namespace matches any");
            assert!(c.in_ns("urn:whatever"));
        }
        _ => {
            assert!(!c.is(NS, "z"));
            assert!(c.in_ns("urn:other"));
            assert_eq!(c.position(), (1, 33));
        }
    });
    assert_eq!(n, 3);
}

#[test]
fn nil_and_xsi_type() {
    let xml = r#"<a xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:q">
        <b i:nil="true"/><c i:nil=" 1 "/><d i:nil="false"/><e i:type="q:T"/><f i:type="u:T"/><g/></a>"#;
    let mut seen = Vec::new();
    each_child(xml, |_, c| seen.push((c.is_nil(), c.xsi_type())));
    assert_eq!(
        seen,
        [
            (true, None),
            (true, None),
            (false, None),
            (false, Some(QName::new("urn:q", "T"))),
            (false, None), // undeclared prefix
            (false, None),
        ]
    );
}

#[test]
fn text_concatenates_and_rejects_children() {
    let mut r = root("<a>x<!-- c --><![CDATA[<y>]]>&amp;z<?pi?>\r\n&#x41;</a>");
    r.read_text().unwrap();
    assert_eq!(r.text(), "x<y>&z\nA");
    let mut r = root("<a>x<b>secret</b></a>");
    let err = r.read_text().unwrap_err();
    assert!(!err.to_string().contains("secret"));
    assert_eq!(err.element(), Some("a"));
}

#[test]
fn captures_keep_the_input() {
    let xml = r#"<r xmlns:o="urn:o"><a x="1>2" y='/>'>text <b:c xmlns:b="urn:b">&amp;</b:c><!--c--></a><e/><f></f><g ><h/></g ><o:i/></r>"#;
    let mut inner = Vec::new();
    each_child(xml, |i, c| {
        if i == 4 {
            inner.push(c.capture_outer().unwrap());
        } else {
            inner.push(c.capture_inner().unwrap());
        }
    });
    assert_eq!(
        inner,
        [
            r#"text <b:c xmlns:b="urn:b">&amp;</b:c><!--c-->"#,
            "",
            "",
            "<h/>",
            r#"<o:i xmlns:o="urn:o" xmlns=""/>"#,
        ]
    );
}

#[test]
fn lookup_namespace() {
    each_child(r#"<a xmlns="urn:d" xmlns:p="urn:p"><b/></a>"#, |_, b| {
        assert_eq!(b.lookup_namespace(Some("p")), Some("urn:p"));
        assert_eq!(b.lookup_namespace(None), Some("urn:d"));
        assert_eq!(b.lookup_namespace(Some("zz")), None);
    });
}

#[test]
fn parse_document_rejects_malformed_and_dtd() {
    let limits = XmlLimits::default();
    assert!(check_document("<a><b></a>", &limits).is_err());
    let err = check_document(r#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#, &limits).unwrap_err();
    assert!(err.to_string().starts_with("malformed XML"));
}

#[test]
fn from_xml_str_checks_root_name() {
    assert_eq!(
        from_xml_str::<i32>("<v xmlns='urn:test'>7</v>", NS, "v").unwrap(),
        7
    );
    assert_eq!(from_xml_str::<i32>("<v> 7 </v>", NS, "v").unwrap(), 7);
    // Whitespace after the root is fine, whatever text the root held.
    assert_eq!(from_xml_str::<i32>("<v>7</v>\r\n \n", NS, "v").unwrap(), 7);
    assert!(from_xml_str::<i32>("<v>7</v>x", NS, "v").is_err());
    let err = from_xml_str::<i32>("<w>7</w>", NS, "v").unwrap_err();
    assert!(
        err.to_string()
            .contains("expected root element {urn:test}v"),
        "{err}"
    );
    assert!(from_xml_str::<i32>("<v xmlns='urn:x'>7</v>", NS, "v").is_err());
}

#[test]
fn decode_error_has_location_but_no_value() {
    let xml = "<r xmlns='urn:test'>\n  <Id>hunter2</Id></r>";
    let mut r = root(xml);
    assert_eq!(r.next_content(false).unwrap(), Content::Child);
    let err = read_required::<i32>(&mut r).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid xs:int value in element {urn:test}Id at 2:3"
    );
    assert_eq!(err.position(), Some((2, 3)));
    assert!(!format!("{err:?}").contains("hunter2"));
}

#[test]
fn read_required_optional() {
    let xml = format!(r#"<r xmlns:i="{XSI}"><a i:nil="true"/><b>5</b></r>"#);
    let mut r = root(&xml);
    assert_eq!(r.next_content(false).unwrap(), Content::Child);
    let err = read_required::<i32>(&mut r).unwrap_err();
    assert!(err.to_string().contains("nil but not nillable"), "{err}");
    assert_eq!(read_optional::<i32>(&mut r).unwrap(), None);
    assert_eq!(r.next_content(false).unwrap(), Content::Child);
    assert_eq!(read_optional::<i32>(&mut r).unwrap(), Some(5));
    let text = |n: &mut XmlReader<'_>| n.read_text().map(|()| n.text().to_owned());
    let mut r = root(&xml);
    r.next_content(false).unwrap();
    assert_eq!(read_optional_with(&mut r, text).unwrap(), None);
    r.next_content(false).unwrap();
    assert_eq!(read_required_with(&mut r, text).unwrap(), "5");
    let mut r = root(&xml);
    r.next_content(false).unwrap();
    assert!(read_required_with(&mut r, text).is_err());
}

#[test]
fn read_items_filters_and_keeps_order() {
    let xml = format!(
        r#"<l xmlns="urn:test" xmlns:i="{XSI}"><s>a</s><other/><s>b</s><s i:nil="true"/></l>"#
    );
    assert_eq!(
        read_items_nillable::<String>(&mut root(&xml), NS, "s").unwrap(),
        vec![Some("a".to_owned()), Some("b".to_owned()), None]
    );
    assert!(read_items::<String>(&mut root(&xml), NS, "s").is_err());
    assert!(read_items::<String>(&mut root(&xml), NS, "none")
        .unwrap()
        .is_empty());
    assert!(read_items::<String>(&mut root(&xml), "urn:x", "s")
        .unwrap()
        .is_empty());
}

#[test]
fn missing_names_parent_and_child() {
    let err = missing(&root("<p xmlns='urn:test'/>"), NS, "Name");
    assert_eq!(
        err.to_string(),
        "missing required element {urn:test}Name in element {urn:test}p at 1:1"
    );
}

#[test]
fn map_round_trip() {
    let mut map: IndexMap<String, i32> = IndexMap::new();
    map.insert("b".into(), 2);
    map.insert("a".into(), 1);
    let mut w = XmlWriter::new();
    w.element_with(NS, "m", &map, |w, m| {
        write_map(w, NS, "KeyValueOfstringint", "Key", "Value", m)
    });
    let xml = w.into_string();
    assert_eq!(
        xml,
        concat!(
            r#"<m xmlns="urn:test"><KeyValueOfstringint><Key>b</Key><Value>2</Value></KeyValueOfstringint>"#,
            r#"<KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint></m>"#
        )
    );
    let back: IndexMap<String, i32> =
        read_map(&mut root(&xml), NS, "KeyValueOfstringint", "Key", "Value").unwrap();
    assert_eq!(back, map);
    assert_eq!(back.keys().collect::<Vec<_>>(), ["b", "a"]);
}

#[test]
fn map_nillable_round_trip_and_errors() {
    let mut map: IndexMap<i32, Option<String>> = IndexMap::new();
    map.insert(1, None);
    map.insert(2, Some("x".into()));
    let mut w = XmlWriter::new();
    w.element_with(NS, "m", &map, |w, m| {
        write_map_nillable(w, NS, "P", "K", "V", m)
    });
    let xml = w.into_string();
    assert!(xml
        .contains(r#"<V xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#));
    let back: IndexMap<i32, Option<String>> =
        read_map_nillable(&mut root(&xml), NS, "P", "K", "V").unwrap();
    assert_eq!(back, map);
    assert!(read_map::<i32, String>(&mut root(&xml), NS, "P", "K", "V").is_err());

    let dup = "<m><P><K>1</K><V>a</V></P><P><K>1</K><V>b</V></P></m>";
    let err = read_map::<i32, String>(&mut root(dup), NS, "P", "K", "V").unwrap_err();
    assert!(err.to_string().contains("duplicate"));
    let no_value = "<m><P><K>1</K></P></m>";
    let err = read_map::<i32, String>(&mut root(no_value), NS, "P", "K", "V").unwrap_err();
    assert!(err
        .to_string()
        .contains("missing required element {urn:test}V"));
}

#[test]
fn redacted_never_prints_secret() {
    #[allow(dead_code)]
    struct Login {
        user: String,
        password: String,
        pin: Option<String>,
        token: Option<String>,
    }
    impl std::fmt::Debug for Login {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Login")
                .field("user", &self.user)
                .field("password", &Redacted(&self.password))
                .field("pin", &Redacted(&self.pin))
                .field("token", &Redacted(&self.token))
                .finish()
        }
    }
    let login = Login {
        user: "bob".into(),
        password: "hunter2".into(),
        pin: None,
        token: Some("tok-123".into()),
    };
    let dbg = format!("{login:?}");
    assert_eq!(
        dbg,
        r#"Login { user: "bob", password: "<redacted>", pin: None, token: "<redacted>" }"#
    );
    assert_eq!(format!("{:?}", Redacted("s3cret")), "\"<redacted>\"");
    assert_eq!(format!("{:?}", Redacted(&vec![1u8])), "\"<redacted>\"");
}

#[test]
fn unit_content() {
    assert_eq!(
        to_xml_string(NS, "Empty", &()),
        r#"<Empty xmlns="urn:test"/>"#
    );
    from_xml_str::<()>("<Empty><x/></Empty>", NS, "Empty").unwrap();
}

#[test]
fn xml_node_debug_shows_name_only() {
    let dbg = format!("{:?}", root("<a>secret</a>"));
    assert_eq!(dbg, "XmlReader(a at depth 1)");
}

#[test]
fn malformed_entity_error_hides_text() {
    let err = check_document("<a>p&hunter2;</a>", &XmlLimits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed XML: unknown entity reference at 1:5"
    );
}
