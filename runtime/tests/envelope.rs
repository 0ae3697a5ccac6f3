//! SOAP envelopes and faults.

use soap_runtime::__private::*;

const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const S12: &str = "http://www.w3.org/2003/05/soap-envelope";

#[test]
fn version_namespaces_and_content_types() {
    assert_eq!(SoapVersion::Soap11.envelope_namespace(), S11);
    assert_eq!(SoapVersion::Soap12.envelope_namespace(), S12);
    assert_eq!(
        SoapVersion::from_envelope_namespace(S11),
        Some(SoapVersion::Soap11)
    );
    assert_eq!(
        SoapVersion::from_envelope_namespace(S12),
        Some(SoapVersion::Soap12)
    );
    assert_eq!(SoapVersion::from_envelope_namespace("urn:x"), None);
    assert_eq!(
        SoapVersion::Soap11.content_type("urn:a"),
        "text/xml; charset=utf-8"
    );
    assert_eq!(
        SoapVersion::Soap12.content_type("http://t/I/Op"),
        r#"application/soap+xml; charset=utf-8; action="http://t/I/Op""#
    );
    assert_eq!(
        SoapVersion::Soap12.content_type(""),
        "application/soap+xml; charset=utf-8"
    );
}

#[test]
fn write_envelope_omits_empty_header() {
    let xml = write_envelope(
        SoapVersion::Soap11,
        |_| {},
        |w| w.element("urn:t", "Ping", &1i32),
    );
    assert_eq!(
        xml,
        concat!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>"#,
            r#"<Ping xmlns="urn:t">1</Ping></s:Body></s:Envelope>"#
        )
    );
}

#[test]
fn write_envelope_with_header_and_nil() {
    let xml = write_envelope(
        SoapVersion::Soap12,
        |w| w.element("urn:h", "Token", &"abc".to_owned()),
        |w| w.nillable::<i32>("urn:t", "Value", &None),
    );
    assert_eq!(
        xml,
        concat!(
            r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Header>"#,
            r#"<Token xmlns="urn:h">abc</Token></s:Header><s:Body>"#,
            r#"<Value xmlns="urn:t" xsi:nil="true"/></s:Body></s:Envelope>"#
        )
    );
    let env = Envelope::parse(&xml).unwrap();
    assert_eq!(env.version(), SoapVersion::Soap12);
    let headers = env.header_nodes();
    assert_eq!(headers.len(), 1);
    assert!(headers[0].is("urn:h", "Token"));
    let body = env.body_element().unwrap();
    assert_eq!(body, &QName::new("urn:t", "Value"));
    assert!(env.fault().is_none());
}

#[test]
fn empty_body_is_self_closed() {
    let xml = write_envelope(SoapVersion::Soap11, |_| {}, |_| {});
    assert!(xml.ends_with("<s:Body/></s:Envelope>"), "{xml}");
    let env = Envelope::parse(&xml).unwrap();
    assert!(env.body_element().is_none());
}

#[test]
fn parse_finds_headers_in_header_and_under_envelope() {
    let xml = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
        <soapenv:Envelope xmlns:soapenv="{S11}" xmlns:h="urn:h">
          <h:Loose>1</h:Loose>
          <soapenv:Header><h:A>a</h:A><h:B>b</h:B></soapenv:Header>
          <soapenv:Body><Op xmlns="urn:t"/></soapenv:Body>
        </soapenv:Envelope>"#
    );
    let env = Envelope::parse(&xml).unwrap();
    assert_eq!(env.version(), SoapVersion::Soap11);
    let names: Vec<_> = env.header_nodes().iter().map(|n| n.local_name()).collect();
    assert_eq!(names, ["A", "B", "Loose"]);
    assert_eq!(env.body_element(), Some(&QName::new("urn:t", "Op")));
}

#[test]
fn parse_accepts_bom_and_rejects_non_envelopes() {
    let ok = format!("\u{feff}<e:Envelope xmlns:e='{S12}'><e:Body/></e:Envelope>");
    assert_eq!(Envelope::parse(&ok).unwrap().version(), SoapVersion::Soap12);
    for bad in [
        "not xml".to_owned(),
        "<Envelope><Body/></Envelope>".to_owned(),
        "<e:Envelope xmlns:e='urn:wrong'><e:Body/></e:Envelope>".to_owned(),
        format!("<e:Root xmlns:e='{S11}'><e:Body/></e:Root>"),
        format!("<e:Envelope xmlns:e='{S11}'><e:Header/></e:Envelope>"),
        // Body in the other version's namespace does not count.
        format!("<e:Envelope xmlns:e='{S11}' xmlns:f='{S12}'><f:Body/></e:Envelope>"),
    ] {
        assert!(Envelope::parse(&bad).is_err(), "{bad}");
    }
}

#[test]
fn fault_11_exact_form() {
    let fault = Fault::sender("bad <input>")
        .with_detail(r#"<E xmlns="urn:e"><Code>7</Code></E>"#)
        .with_subcode(QName::new("urn:sub", "Dropped"));
    let xml = fault.to_envelope(SoapVersion::Soap11);
    assert_eq!(
        xml,
        concat!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body><s:Fault>"#,
            r#"<faultcode>s:Client</faultcode><faultstring>bad &lt;input&gt;</faultstring>"#,
            r#"<detail><E xmlns="urn:e"><Code>7</Code></E></detail>"#,
            r#"</s:Fault></s:Body></s:Envelope>"#
        )
    );
    let env = Envelope::parse(&xml).unwrap();
    let back = env.fault().cloned().unwrap();
    // The subcode has no SOAP 1.1 representation.
    assert_eq!(
        back,
        Fault {
            subcode: None,
            ..fault
        }
    );
}

#[test]
fn fault_12_exact_form() {
    let fault = Fault::receiver("boom")
        .with_subcode(QName::new("urn:sub", "Busy"))
        .with_actor("urn:role")
        .with_detail("<d>1</d>");
    let xml = fault.to_envelope(SoapVersion::Soap12);
    assert_eq!(
        xml,
        concat!(
            r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body><s:Fault>"#,
            r#"<s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value xmlns:p1="urn:sub">p1:Busy</s:Value></s:Subcode></s:Code>"#,
            r#"<s:Reason><s:Text xml:lang="en">boom</s:Text></s:Reason>"#,
            r#"<s:Role>urn:role</s:Role><s:Detail><d>1</d></s:Detail>"#,
            r#"</s:Fault></s:Body></s:Envelope>"#
        )
    );
    let back = Envelope::parse(&xml).unwrap().fault().cloned().unwrap();
    assert_eq!(back, fault);
}

#[test]
fn fault_codes_round_trip_both_versions() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        for code in [
            FaultCode::VersionMismatch,
            FaultCode::MustUnderstand,
            FaultCode::Sender,
            FaultCode::Receiver,
            FaultCode::Other(Box::new(QName::new("urn:app", "Custom"))),
        ] {
            let fault = Fault::new(code.clone(), "r").with_actor("a");
            let xml = fault.to_envelope(version);
            let back = Envelope::parse(&xml).unwrap().fault().cloned().unwrap();
            let expected = match (version, &code) {
                // SOAP 1.2 Code/Value only takes standard codes: Receiver + Subcode.
                (SoapVersion::Soap12, FaultCode::Other(q)) => Fault {
                    code: FaultCode::Receiver,
                    subcode: Some(q.clone()),
                    ..fault
                },
                _ => fault,
            };
            assert_eq!(back, expected, "{version:?} {code:?}");
        }
    }
    let xml = Fault::new(FaultCode::DataEncodingUnknown, "x").to_envelope(SoapVersion::Soap11);
    assert!(xml.contains("<faultcode>s:Client</faultcode>"));
    let xml = Fault::new(FaultCode::DataEncodingUnknown, "x").to_envelope(SoapVersion::Soap12);
    assert!(xml.contains("<s:Value>s:DataEncodingUnknown</s:Value>"));
}

#[test]
fn fault_11_from_other_stacks() {
    let xml = format!(
        r#"<soap:Envelope xmlns:soap="{S11}"><soap:Body><soap:Fault>
        <faultcode>soap:Server.Database</faultcode>
        <faultstring xml:lang="en">db down</faultstring>
        <detail><x:Info xmlns:x="urn:x">42</x:Info></detail>
        </soap:Fault></soap:Body></soap:Envelope>"#
    );
    let fault = Envelope::parse(&xml).unwrap().fault().cloned().unwrap();
    assert_eq!(fault.code, FaultCode::Receiver);
    assert_eq!(fault.reason, "db down");
    assert_eq!(fault.actor, None);
    assert_eq!(
        fault.detail.as_deref(),
        Some(r#"<x:Info xmlns:x="urn:x">42</x:Info>"#)
    );
    // The dotted refinement is kept as subcode.
    assert_eq!(
        fault.subcode.as_deref(),
        Some(&QName::new(S11, "Server.Database"))
    );
    assert_eq!(
        fault.to_string(),
        format!("Receiver ({{{S11}}}Server.Database): db down")
    );
}

#[test]
fn fault_12_picks_english_text() {
    let xml = format!(
        r#"<e:Envelope xmlns:e="{S12}" xmlns:a="urn:a"><e:Body><e:Fault>
        <e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>a:Bad</e:Value></e:Subcode></e:Code>
        <e:Reason><e:Text xml:lang="de">kaputt</e:Text><e:Text xml:lang="en-US">broken</e:Text></e:Reason>
        </e:Fault></e:Body></e:Envelope>"#
    );
    let fault = Envelope::parse(&xml).unwrap().fault().cloned().unwrap();
    assert_eq!(fault.code, FaultCode::Sender);
    assert_eq!(fault.subcode.as_deref(), Some(&QName::new("urn:a", "Bad")));
    assert_eq!(fault.reason, "broken");
    assert_eq!(fault.to_string(), "Sender ({urn:a}Bad): broken");
}

#[test]
fn malformed_fault_is_decode_error() {
    let xml = format!(r#"<e:Envelope xmlns:e="{S12}"><e:Body><e:Fault/></e:Body></e:Envelope>"#);
    let result = Envelope::parse(&xml);
    assert!(result
        .unwrap_err()
        .to_string()
        .contains("missing required element"));
    // A 1.2-named Fault inside a 1.1 envelope is not a fault of that version.
    let xml = format!(
        r#"<e:Envelope xmlns:e="{S11}"><e:Body><f:Fault xmlns:f="{S12}"/></e:Body></e:Envelope>"#
    );
    assert!(Envelope::parse(&xml).unwrap().fault().is_none());
}

#[test]
fn message_helpers() {
    let m: Message<i32, ()> = Message::new(5);
    assert_eq!(m.body, 5);
    let m = Message::<i32, String>::new(1).with_headers("h".into());
    assert_eq!(m.into_parts(), ("h".to_owned(), 1));
    let mut unit = ();
    SoapHeaders::merge_defaults(&mut unit, &());
}
