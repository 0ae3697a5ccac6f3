//! Lexical forms of the primitive and runtime value types.

use std::str::FromStr;

use soap_runtime::__private::*;

fn rt<T: SimpleType>(s: &str) -> String {
    match T::from_lexical(s) {
        Ok(v) => v.to_lexical().into_owned(),
        Err(e) => panic!("{s:?} rejected: {e}"),
    }
}

fn rejects<T: SimpleType>(s: &str) {
    assert!(T::from_lexical(s).is_err(), "{s:?} should be rejected");
}

#[test]
fn strings_are_not_trimmed() {
    assert_eq!(String::from_lexical("  a b \n").unwrap(), "  a b \n");
    assert_eq!(to_xml_string("", "s", &" x ".to_owned()), "<s> x </s>");
}

#[test]
fn booleans() {
    for (s, v) in [
        ("true", true),
        ("1", true),
        (" false\n", false),
        ("0", false),
    ] {
        assert_eq!(bool::from_lexical(s).unwrap(), v);
    }
    for s in ["TRUE", "yes", "", "2"] {
        rejects::<bool>(s);
    }
    assert_eq!(true.to_lexical(), "true");
    assert_eq!(false.to_lexical(), "false");
}

#[test]
fn integers() {
    assert_eq!(i32::from_lexical(" +42 ").unwrap(), 42);
    assert_eq!(i32::from_lexical("-2147483648").unwrap(), i32::MIN);
    assert_eq!(u64::from_lexical("18446744073709551615").unwrap(), u64::MAX);
    assert_eq!(u8::from_lexical("-0").unwrap(), 0);
    assert_eq!(i64::from_lexical("007").unwrap(), 7);
    for s in ["", "+", "1.0", "1e3", "0x10", "1 2", "--1", "+-1"] {
        rejects::<i32>(s);
    }
    rejects::<i8>("128");
    rejects::<u16>("-1");
    let err = i8::from_lexical("300").unwrap_err();
    assert_eq!(err.to_string(), "invalid xs:byte value: out of range");
    assert!(!u32::from_lexical("secret")
        .unwrap_err()
        .to_string()
        .contains("secret"));
    assert_eq!((-5i16).to_lexical(), "-5");
}

#[test]
fn floats() {
    assert_eq!(f64::from_lexical("INF").unwrap(), f64::INFINITY);
    assert_eq!(f64::from_lexical("-INF").unwrap(), f64::NEG_INFINITY);
    assert!(f64::from_lexical("NaN").unwrap().is_nan());
    assert_eq!(f64::from_lexical(" 1.5E3 ").unwrap(), 1500.0);
    assert_eq!(f32::from_lexical(".5").unwrap(), 0.5);
    assert_eq!(f64::from_lexical("-1.").unwrap(), -1.0);
    for s in [
        "inf", "Infinity", "nan", "", "1e", "e1", "1.2.3", "0x1", "1_0",
    ] {
        rejects::<f64>(s);
    }
    assert_eq!(f64::INFINITY.to_lexical(), "INF");
    assert_eq!(f32::NEG_INFINITY.to_lexical(), "-INF");
    assert_eq!(f64::NAN.to_lexical(), "NaN");
    for v in [
        0.1f64,
        1e300,
        -2.5e-10,
        123456.789,
        f64::MAX,
        f64::MIN_POSITIVE,
    ] {
        assert_eq!(f64::from_lexical(&v.to_lexical()).unwrap(), v);
    }
    for v in [0.1f32, 3.4e38, -1.17e-38] {
        assert_eq!(f32::from_lexical(&v.to_lexical()).unwrap(), v);
    }
}

#[test]
fn decimal() {
    for s in [
        "0",
        "-1.50",
        "+3",
        ".5",
        "5.",
        "123456789012345678901234567890.000001",
    ] {
        assert_eq!(rt::<Decimal>(s), s);
    }
    assert_eq!(Decimal::new(" 1.0\n").unwrap().as_str(), "1.0");
    for s in ["", ".", "-", "1e3", "1,5", "NaN", "1.2.3", "+-1"] {
        rejects::<Decimal>(s);
    }
    assert_eq!(Decimal::from(-7i64).as_str(), "-7");
    assert_eq!(Decimal::from(u64::MAX).to_string(), "18446744073709551615");
    assert_eq!(Decimal::from_str("2.5").unwrap().to_string(), "2.5");
    assert!(Decimal::new("3.000").unwrap().is_integer());
    assert!(!Decimal::new("3.01").unwrap().is_integer());
    assert_eq!(Decimal::default().as_str(), "0");
}

#[test]
fn datetime_round_trips() {
    for s in [
        "2024-01-31T12:34:56",
        "2024-01-31T12:34:56.1234567+01:00",
        "0001-01-01T00:00:00",
        "2024-01-31T12:34:56Z",
        "2024-01-31T12:34:56+00:00",
        "2024-01-31T12:34:56.5-05:30",
        "2024-01-31T12:34:56.0000000Z",
        "2024-02-29T23:59:59.999999999",
        "2000-02-29T00:00:00",
        "9999-12-31T23:59:59.9999999",
        "-0044-03-15T12:00:00",
        "12345-01-01T00:00:00",
        "2024-01-31T24:00:00",
        "2024-01-31T00:00:00+14:00",
        "2024-01-31T00:00:00-14:00",
    ] {
        assert_eq!(rt::<DateTime>(s), s);
    }
    assert_eq!(
        rt::<DateTime>(" 2024-01-31T12:34:56Z\n"),
        "2024-01-31T12:34:56Z"
    );
    assert_eq!(
        rt::<DateTime>("2024-01-31T12:34:56.1234567891234Z"),
        "2024-01-31T12:34:56.123456789Z"
    );
}

#[test]
fn datetime_rejects_invalid() {
    for s in [
        "",
        "2024-01-31",
        "2024-01-31T12:34",
        "2024-1-31T12:34:56",
        "24-01-31T12:34:56",
        "02024-01-31T12:34:56",
        "2024-13-01T00:00:00",
        "2024-00-01T00:00:00",
        "2023-02-29T00:00:00",
        "1900-02-29T00:00:00",
        "2024-04-31T00:00:00",
        "2024-01-00T00:00:00",
        "2024-01-31T25:00:00",
        "2024-01-31T24:00:01",
        "2024-01-31T24:00:00.5",
        "2024-01-31T12:60:00",
        "2024-01-31T12:00:60",
        "2024-01-31T12:00:00.",
        "2024-01-31T12:00:00+1:00",
        "2024-01-31T12:00:00+15:00",
        "2024-01-31T12:00:00+14:30",
        "2024-01-31T12:00:00+01:60",
        "2024-01-31T12:00:00z",
        "2024-01-31T12:00:00 Z",
        "2024-01-31 12:00:00",
        "2024-01-31T12:00:00Zjunk",
        "2024-01-31T1é:00:00",
    ] {
        rejects::<DateTime>(s);
    }
}

#[test]
fn datetime_accessors_and_builders() {
    let dt = DateTime::from_str("2024-01-31T12:34:56.25+01:30").unwrap();
    assert_eq!(
        (
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        ),
        (2024, 1, 31, 12, 34, 56)
    );
    assert_eq!(dt.nanosecond(), 250_000_000);
    assert_eq!(dt.tz(), Tz::Offset(90));
    assert_eq!(dt.offset(), Some(90));
    assert_eq!(
        DateTime::from_str("2024-01-31T00:00:00Z").unwrap().offset(),
        Some(0)
    );
    assert_eq!(
        DateTime::from_str("2024-01-31T00:00:00").unwrap().offset(),
        None
    );

    let built = DateTime::new(2024, 2, 29, 8, 0, 1)
        .unwrap()
        .with_nanosecond(120_000_000)
        .unwrap()
        .with_tz(Tz::Utc)
        .unwrap();
    assert_eq!(built.to_string(), "2024-02-29T08:00:01.12Z");
    assert!(DateTime::new(2023, 2, 29, 0, 0, 0).is_err());
    assert!(DateTime::new(2024, 1, 1, 24, 0, 0).is_ok());
    assert!(DateTime::new(2024, 1, 1, 24, 0, 0)
        .unwrap()
        .with_nanosecond(1)
        .is_err());
    assert!(built.with_nanosecond(1_000_000_000).is_err());
    assert!(built.with_tz(Tz::Offset(15 * 60)).is_err());
    assert_eq!(
        built.with_tz(Tz::Offset(-330)).unwrap().to_string(),
        "2024-02-29T08:00:01.12-05:30"
    );
    assert_eq!(DateTime::default().to_string(), "0001-01-01T00:00:00");
}

#[test]
fn duration_round_trips() {
    for s in [
        "P1DT2H3M4.5S",
        "-PT5M",
        "PT0S",
        "P1Y2M3DT4H5M6S",
        "P0D",
        "PT1.0000001S",
        "P10675199DT2H48M5.4775807S",
        "-P1Y",
        "PT36H",
    ] {
        assert_eq!(rt::<Duration>(s), s);
    }
    for s in [
        "", "P", "PT", "-P", "P1DT", "1D", "P-1D", "PT1.S", "PT.5S", "P1H", "PT1D", "P1M1Y",
        "PT1S2M", "P1D1D", "P1.5D", "PT1H ", "P 1D", "p1d", "P1DT1",
    ] {
        if s == "PT1H " {
            // Surrounding whitespace is collapsed.
            assert_eq!(rt::<Duration>(s), "PT1H");
            continue;
        }
        rejects::<Duration>(s);
    }
}

#[test]
fn duration_conversions() {
    let d = Duration::from_str("P1DT2H3M4.5S").unwrap();
    assert_eq!(d.total_seconds_f64(), 93784.5);
    assert_eq!(
        d.to_std(),
        Some(std::time::Duration::from_millis(93_784_500))
    );
    assert_eq!(
        (d.days(), d.hours(), d.minutes(), d.seconds()),
        (1, 2, 3, 4)
    );
    assert_eq!(d.nanoseconds(), 500_000_000);
    let neg = Duration::from_str("-PT5M").unwrap();
    assert!(neg.is_negative());
    assert_eq!(neg.total_seconds_f64(), -300.0);
    assert_eq!(neg.to_std(), None);
    assert_eq!(
        Duration::from_str("P1Y1M").unwrap().total_seconds_f64(),
        395.0 * 86400.0
    );
    assert_eq!(Duration::from_str("P99999999999999999999D").ok(), None);
    assert_eq!(
        Duration::from_str("P9999999999999999999Y")
            .unwrap()
            .to_std(),
        None
    );

    let std = std::time::Duration::new(93_784, 500_000_000);
    assert_eq!(Duration::from_std(std).to_string(), "P1DT2H3M4.5S");
    assert_eq!(Duration::from_std(std).to_std(), Some(std));
    assert_eq!(
        Duration::from_std(std::time::Duration::ZERO).to_string(),
        "PT0S"
    );
    assert_eq!(
        Duration::from_std(std::time::Duration::from_secs(3600)).to_string(),
        "PT1H"
    );
    assert_eq!(
        Duration::from_std(std::time::Duration::from_secs(86400)).to_string(),
        "P1D"
    );
    assert_eq!(
        Duration::from_std(std::time::Duration::from_nanos(1)).to_string(),
        "PT0.000000001S"
    );
    assert_eq!(Duration::default().to_string(), "PT0S");
}

#[test]
fn guid() {
    let s = "00112233-4455-6677-8899-aabbccddeeff";
    let g = Guid::from_str(s).unwrap();
    assert_eq!(g.as_bytes()[0], 0x00);
    assert_eq!(g.as_bytes()[15], 0xff);
    assert_eq!(g.to_string(), s);
    assert_eq!(rt::<Guid>(" 00112233-4455-6677-8899-AABBCCDDEEFF "), s);
    assert_eq!(Guid::from_bytes(*g.as_bytes()), g);
    assert_eq!(
        Guid::nil().to_string(),
        "00000000-0000-0000-0000-000000000000"
    );
    assert!(Guid::default().is_nil());
    for bad in [
        "",
        "00112233445566778899aabbccddeeff",
        "{00112233-4455-6677-8899-aabbccddeeff}",
        "00112233-4455-6677-8899-aabbccddeefg",
        "0011223-34455-6677-8899-aabbccddeeff",
        "00112233-4455-6677-8899-aabbccddeef",
        "00112233-4455-6677-8899-aabbccddeeffé",
        "00112233-4455-6677-8899+aabbccddeeff",
    ] {
        rejects::<Guid>(bad);
    }
}

#[test]
fn base64() {
    let b = Base64Binary(b"hello world".to_vec());
    assert_eq!(b.to_lexical(), "aGVsbG8gd29ybGQ=");
    assert_eq!(
        Base64Binary::from_lexical(" aGVs\r\n bG8g\td29y bGQ= ").unwrap(),
        b
    );
    assert_eq!(Base64Binary::from_lexical("").unwrap().0, Vec::<u8>::new());
    for bad in ["aGVsbG8", "a", "aGVs!G8=", "aGVsbG8gd29ybGQ==="] {
        rejects::<Base64Binary>(bad);
    }
    let dbg = format!("{b:?}");
    assert_eq!(dbg, "Base64Binary(<11 bytes>)");
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Perm {
    Read,
    Write,
    Exec,
}

impl SimpleType for Perm {
    fn to_lexical(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Perm::Read => "Read",
            Perm::Write => "Write",
            Perm::Exec => "Exec",
        }
        .into()
    }
    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        match s.trim() {
            "Read" => Ok(Perm::Read),
            "Write" => Ok(Perm::Write),
            "Exec" => Ok(Perm::Exec),
            _ => Err(LexicalError::invalid("Perm")),
        }
    }
}

#[test]
fn flag_set() {
    let mut set = FlagSet::new();
    assert!(set.is_empty());
    assert!(set.insert(Perm::Write));
    assert!(set.insert(Perm::Read));
    assert!(!set.insert(Perm::Write));
    assert_eq!(set.len(), 2);
    assert!(set.contains(&Perm::Read));
    assert!(!set.contains(&Perm::Exec));
    assert_eq!(set.to_lexical(), "Write Read");
    assert_eq!(set.to_string(), "Write Read");
    let parsed = FlagSet::<Perm>::from_lexical("\n Read\t Write  Read ").unwrap();
    assert_eq!(
        parsed.iter().copied().collect::<Vec<_>>(),
        [Perm::Read, Perm::Write]
    );
    assert_eq!(parsed, set, "equality ignores order");
    assert!(FlagSet::<Perm>::from_lexical("Read Bogus").is_err());
    assert!(FlagSet::<Perm>::from_lexical("  ").unwrap().is_empty());
    assert!(set.remove(&Perm::Write));
    assert!(!set.remove(&Perm::Write));
    let collected: FlagSet<Perm> = [Perm::Exec, Perm::Exec, Perm::Read].into_iter().collect();
    assert_eq!((&collected).into_iter().count(), 2);
    assert_eq!(to_xml_string("", "p", &collected), "<p>Exec Read</p>");
    assert_eq!(FlagSet::<Perm>::default().to_lexical(), "");
}

#[test]
fn qname_content() {
    let q = QName::new("urn:q", "Thing");
    let mut w = XmlWriter::new();
    w.element("urn:t", "v", &q);
    w.element("", "w", &QName::new("", "bare"));
    let xml = w.into_string();
    assert_eq!(
        xml,
        r#"<v xmlns="urn:t" xmlns:p1="urn:q">p1:Thing</v><w>bare</w>"#
    );
    let back: QName = from_xml_str(
        r#"<v xmlns="urn:t" xmlns:p1="urn:q">p1:Thing</v>"#,
        "urn:t",
        "v",
    )
    .unwrap();
    assert_eq!(back, q);
    let defaulted: QName = from_xml_str(r#"<v xmlns="urn:t"> Thing </v>"#, "urn:t", "v").unwrap();
    assert_eq!(defaulted, QName::new("urn:t", "Thing"));
    assert!(from_xml_str::<QName>("<v>u:Thing</v>", "", "v").is_err());
    assert!(from_xml_str::<QName>("<v>a:b:c</v>", "", "v").is_err());
    assert!(from_xml_str::<QName>("<v></v>", "", "v").is_err());
    assert_eq!(q.to_string(), "{urn:q}Thing");
    assert_eq!(QName::new("", "x").to_string(), "x");
}

#[test]
fn any_type_keeps_inner_xml() {
    let xml = r#"<v xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:q" i:type="q:T"><a x="1">t &amp; <b/></a>tail</v>"#;
    let any: AnyType = from_xml_str(xml, "", "v").unwrap();
    assert_eq!(any.xsi_type, Some(QName::new("urn:q", "T")));
    assert_eq!(any.xml, r#"<a x="1">t &amp; <b/></a>tail"#);
    let written = to_xml_string("", "v", &any);
    assert_eq!(
        written,
        r#"<v xmlns:p1="urn:q" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="p1:T"><a x="1">t &amp; <b/></a>tail</v>"#
    );
    let again: AnyType = from_xml_str(&written, "", "v").unwrap();
    assert_eq!(again, any);

    let text = AnyType::text("a<b");
    assert_eq!(text.xml, "a&lt;b");
    assert_eq!(to_xml_string("", "v", &text), "<v>a&lt;b</v>");
    let empty: AnyType = from_xml_str("<v/>", "", "v").unwrap();
    assert_eq!(empty, AnyType::default());
}

#[test]
fn simple_type_decode_error_in_element() {
    let err = from_xml_str::<DateTime>("<when>yesterday</when>", "", "when").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid xs:dateTime value in element when at 1:1"
    );
    let err = from_xml_str::<Guid>("<g><x/></g>", "", "g").unwrap_err();
    assert!(err.to_string().contains("unexpected child element"));
}
