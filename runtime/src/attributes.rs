//! The derives and their `#[xml(...)]` attributes.
//!
//! Generated code is declarations: each type is a doc comment, `#[derive(...)]`, `#[xml(...)]`
//! attributes and fields, and the derives below give it its behaviour, as `#[derive(Message)]`
//! does for prost. The same derives work on hand-written types.
//!
//! | derive | for | gives |
//! |---|---|---|
//! | [`XmlContent`](crate::XmlContent) | structs with named fields, `map` newtypes, `choice` and `polymorphic` enums | [`XmlContent`](crate::xml::XmlContent) (and [`XmlFields`](crate::xml::XmlFields) / [`XmlChoice`](crate::xml::XmlChoice)) |
//! | [`SimpleType`](crate::SimpleType) | enumerations, unions, newtypes over a simple type | [`SimpleType`](crate::xml::SimpleType), hence `XmlContent` |
//! | [`SoapHeaders`](crate::SoapHeaders) | structs that also derive `XmlContent` | [`SoapHeaders`](crate::SoapHeaders) |
//! | [`RedactedDebug`](crate::RedactedDebug) | structs | `Debug` printing `#[xml(secret)]` fields as `"<redacted>"` |
//!
//! The derives recognise `Option<T>`, `Vec<T>` and `Box<T>` by name (as serde recognises
//! `Option`): a type alias of them is not seen through. Reading is tolerant everywhere: children
//! in any order, unknown elements and attributes skipped, an element in no namespace accepted
//! where one in the expected namespace is; writing follows the declaration order.
//!
//! # Container attributes
//!
//! | attribute | meaning |
//! |---|---|
//! | `ns = EXPR` | namespace of the fields' elements (a string literal or a `&str` constant); default: none |
//! | `rename_all = "…"` | how field and variant names become XML names: `"PascalCase"`, `"camelCase"`, `"snake_case"`, `"lowercase"`, `"UPPERCASE"`, `"SCREAMING_SNAKE_CASE"`, `"kebab-case"`, `"verbatim"` (the default) |
//! | `all` | an `xs:all` group: documents the schema; every struct already reads its children in any order |
//! | `group` | a model group (or nested sequence) that occurs optionally or repeatedly: the struct can be a `#[xml(flatten)] Option<G>` / `Vec<G>` field; reading a `Vec<G>` starts a new occurrence when a non-repeated element of the group arrives a second time |
//! | `map(entry = "…", key = "…", value = "…")` | a WCF `IsDictionary` newtype over `IndexMap<K, V>` (`IndexMap<K, Option<V>>` for nillable values); also gives `Deref`/`DerefMut` to the map |
//! | `choice` | an enum of `xs:choice` alternatives or a substitution group's members: one variant per element |
//! | `polymorphic` | an enum of a declared type and the types derived from it, told apart by `xsi:type` |
//! | `polymorphic(abstract_base)` | the same for an abstract declared type: its variants are the derived types only, each written with `xsi:type` (a value without one reads as the first) |
//!
//! # Field attributes
//!
//! | attribute | meaning |
//! |---|---|
//! | `rename = "…"` | the XML name (instead of `rename_all`'s) |
//! | `ns = EXPR` | this element's (or attribute's) namespace |
//! | *(none)* | an element: `T` required, `Option<T>` optional (`minOccurs="0"`, omitted when `None`), `Vec<T>` repeated, `Vec<Option<T>>` repeated with `xsi:nil` items, `Box<T>` for recursion |
//! | `nillable` | on `Option<T>`: required but nillable, `None` written as `xsi:nil="true"` |
//! | `items = "…"` / `items(name = "…", ns = EXPR)` | a wrapped array (WCF `ArrayOfX`): the field's `Vec` is written as one element per item inside the field's element; repeat it per level for arrays of arrays; `Vec<Option<T>>` for nillable items |
//! | `attribute` | an attribute: `T` required, `Option<T>` optional; unqualified unless `ns` is given |
//! | `default = "…"` | an attribute's value when absent |
//! | `fixed = "…"` | an attribute's fixed value: used when absent, any other value read is an error |
//! | `text` | the character data of the element (simple content with attributes, or the text of mixed content) |
//! | `flatten` | a field whose own fields are read and written inline: a base type (`complexContent` extension), a group (`T` once; `Option<T>`, `Vec<T>` when it is a `group`), or a `choice` enum (`T` once, `Option<T>` optional, `Vec<T>` repeated) |
//! | `any` | `Vec<AnyElement>`: every child element no other field takes (`xs:any`), kept as XML |
//! | `any(ns = [EXPR, …])` / `any(not_ns = EXPR)` | an `any` field taking only children in the listed namespaces (`""` for unqualified, `##local`), or only qualified children not in `EXPR` (`##other` of target namespace `EXPR`); the others are skipped as unknown |
//! | `any_attribute` | `Vec<AnyAttribute>`: every attribute no other field takes (`xs:anyAttribute`) |
//! | `secret` | printed as `"<redacted>"` by `RedactedDebug` |
//! | `soap_array(item_type = "…", item_ns = EXPR, item = "…")` | a SOAP-encoded array (`soapenc:Array`): `xsi:type` and `soapenc:arrayType="t:item[N]"` written, items read whatever their names |
//! | `xsi_type(name = "…", ns = EXPR)` | on an element field (`T`, `Option<T>`, `Vec<T>`, `Box<T>`; not with `items` or `soap_array`): each element is written with `xsi:type="p:name"` (SOAP encoding); reading ignores it; `ns` defaults to none |
//!
//! # Variant attributes
//!
//! | attribute | on | meaning |
//! |---|---|---|
//! | `rename = "…"`, `ns = EXPR` | `choice`, `polymorphic` | the element name of an alternative; the XSD type name of a polymorphic variant |
//! | `rename = "…"` | `SimpleType` enums | the lexical value |
//! | `other` | `SimpleType` enums | `Name(String)` keeps every value not listed (without it, such values are an error) |
//!
//! # Examples
//!
//! A sequence with attributes, an optional, a nillable, a repeated element, a wrapped array
//! and a secret:
//!
//! ```
//! use soap_runtime::__private::{from_xml_str, to_xml_string};
//! use soap_runtime::{RedactedDebug, XmlContent};
//!
//! const NS: &str = "urn:example";
//!
//! #[derive(Clone, Default, PartialEq, XmlContent, RedactedDebug)]
//! #[xml(ns = NS, rename_all = "PascalCase")]
//! struct Login {
//!     #[xml(attribute, rename = "version", default = "1")]
//!     version: u32,
//!     user_name: String,
//!     #[xml(secret)]
//!     password: Option<String>,
//!     #[xml(nillable)]
//!     locale: Option<String>,
//!     #[xml(rename = "Role")]
//!     roles: Vec<String>,
//!     #[xml(items(name = "string", ns = "urn:arrays"))]
//!     groups: Option<Vec<String>>,
//! }
//!
//! let login = Login {
//!     version: 2,
//!     user_name: "ada".into(),
//!     password: Some("s3cret".into()),
//!     locale: None,
//!     roles: vec!["admin".into()],
//!     groups: Some(vec!["ops".into()]),
//! };
//! let xml = to_xml_string(NS, "Login", &login);
//! assert!(xml.starts_with(r#"<Login xmlns="urn:example" version="2"><UserName>ada</UserName>"#));
//! assert!(xml.contains(r#"<Groups><string xmlns="urn:arrays">ops</string></Groups>"#));
//! assert_eq!(from_xml_str::<Login>(&xml, NS, "Login").unwrap(), login);
//! assert!(!format!("{login:?}").contains("s3cret"));
//! ```
//!
//! Simple content with an attribute, an enumeration with a catch-all, a flag list and a union:
//!
//! ```
//! use soap_runtime::__private::{from_xml_str, to_xml_string};
//! use soap_runtime::{FlagSet, SimpleType, XmlContent};
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! struct Amount {
//!     #[xml(attribute)]
//!     currency: String,
//!     #[xml(text)]
//!     value: soap_runtime::Decimal,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, Eq, Hash, SimpleType)]
//! enum Right {
//!     Read,
//!     #[xml(rename = "UIHint")]
//!     UiHint,
//!     #[xml(other)]
//!     Unrecognized(String),
//! }
//!
//! #[derive(Debug, Clone, PartialEq, SimpleType)]
//! enum SizeOrName {
//!     Size(u32),
//!     Name(String),
//! }
//!
//! let a: Amount = from_xml_str(r#"<a currency="EUR">12.50</a>"#, "", "a").unwrap();
//! assert_eq!(a.value.to_string(), "12.50");
//! let rights = FlagSet::<Right>::from_lexical("Read UIHint Admin").unwrap();
//! assert!(rights.contains(&Right::Unrecognized("Admin".into())));
//! assert_eq!(SizeOrName::from_lexical("12").unwrap(), SizeOrName::Size(12));
//! assert_eq!(SizeOrName::from_lexical("big").unwrap(), SizeOrName::Name("big".into()));
//! ```
//!
//! A base type, a choice that occurs once and one that repeats, and catch-alls:
//!
//! ```
//! use soap_runtime::__private::from_xml_str;
//! use soap_runtime::{AnyAttribute, AnyElement, XmlContent};
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! struct Party {
//!     name: String,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! #[xml(choice)]
//! enum Contact {
//!     #[xml(rename = "email")]
//!     Email(String),
//!     #[xml(rename = "phone")]
//!     Phone(String),
//! }
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! struct Customer {
//!     #[xml(flatten)]
//!     base: Party,
//!     #[xml(flatten)]
//!     primary: Contact,
//!     #[xml(flatten)]
//!     others: Vec<Contact>,
//!     #[xml(any)]
//!     extensions: Vec<AnyElement>,
//!     #[xml(any_attribute)]
//!     extra: Vec<AnyAttribute>,
//! }
//!
//! let xml = r#"<c xmlns:x="urn:x" x:id="7"><name>Ada</name><phone>1</phone>
//!     <email>a@b</email><phone>2</phone><x:vip level="gold"/></c>"#;
//! let c: Customer = from_xml_str(xml, "", "c").unwrap();
//! assert_eq!(c.base.name, "Ada");
//! assert_eq!(c.primary, Contact::Phone("1".into()));
//! assert_eq!(c.others, [Contact::Email("a@b".into()), Contact::Phone("2".into())]);
//! assert_eq!(c.extensions[0].name.local, "vip");
//! assert_eq!(c.extra[0].value, "7");
//! ```
//!
//! A WCF dictionary, `xsi:type` polymorphism, a SOAP-encoded array, and headers:
//!
//! ```
//! use soap_runtime::__private::{from_xml_str, to_xml_string, IndexMap};
//! use soap_runtime::{SoapHeaders, XmlContent};
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! #[xml(map(entry = "KeyValueOfstringint", key = "Key", value = "Value"))]
//! struct Counts(IndexMap<String, Option<i32>>);
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! struct Shape {
//!     name: String,
//! }
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! struct Circle {
//!     name: String,
//!     radius: f64,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! #[xml(polymorphic, ns = "urn:shapes")]
//! enum AnyShape {
//!     Shape(Shape),
//!     Circle(Circle),
//! }
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! struct Numbers {
//!     #[xml(soap_array(item_type = "int", item_ns = "http://www.w3.org/2001/XMLSchema"))]
//!     values: Vec<i32>,
//! }
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent, SoapHeaders)]
//! #[xml(ns = "urn:auth", rename_all = "PascalCase")]
//! struct AuthHeaders {
//!     ticket: Option<String>,
//! }
//!
//! let mut counts = Counts::default();
//! counts.insert("a".into(), Some(1));
//! let xml = to_xml_string("", "c", &counts);
//! assert_eq!(xml, "<c><KeyValueOfstringint><Key>a</Key><Value>1</Value></KeyValueOfstringint></c>");
//!
//! let circle = AnyShape::Circle(Circle { name: "c".into(), radius: 2.0 });
//! let xml = to_xml_string("", "shape", &circle);
//! assert!(xml.contains(r#"xsi:type="p1:Circle""#), "{xml}");
//! assert_eq!(from_xml_str::<AnyShape>(&xml, "", "shape").unwrap(), circle);
//!
//! let numbers = Numbers { values: vec![1, 2] };
//! let xml = to_xml_string("", "n", &numbers);
//! assert!(xml.contains(r#":arrayType="p2:int[2]""#), "{xml}");
//! assert_eq!(from_xml_str::<Numbers>(&xml, "", "n").unwrap(), numbers);
//! assert!(AuthHeaders::understands("urn:auth", "Ticket"));
//! ```
//!
//! `xs:all`, a field in another namespace, a fixed attribute, arrays of arrays, recursion and
//! mixed content:
//!
//! ```
//! use soap_runtime::__private::{from_xml_str, to_xml_string};
//! use soap_runtime::XmlContent;
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! #[xml(all, ns = "urn:org", rename_all = "camelCase")]
//! struct Unit {
//!     #[xml(attribute, fixed = "2")]
//!     schema: u8,
//!     unit_name: String,
//!     #[xml(ns = "urn:people")]
//!     head: Option<String>,
//!     #[xml(items = "row", items = "cell")]
//!     grid: Vec<Vec<Option<i32>>>,
//!     parent: Option<Box<Unit>>,
//! }
//!
//! #[derive(Debug, Clone, Default, PartialEq, XmlContent)]
//! struct Para {
//!     #[xml(rename = "b")]
//!     bold: Vec<String>,
//!     #[xml(text)]
//!     text: String,
//! }
//!
//! let unit = Unit {
//!     schema: 2,
//!     unit_name: "ops".into(),
//!     head: Some("ada".into()),
//!     grid: vec![vec![Some(1), None]],
//!     parent: Some(Box::new(Unit { schema: 2, unit_name: "it".into(), ..Unit::default() })),
//! };
//! let xml = to_xml_string("urn:org", "unit", &unit);
//! assert!(xml.contains(r#"<head xmlns="urn:people">ada</head>"#), "{xml}");
//! assert_eq!(from_xml_str::<Unit>(&xml, "urn:org", "unit").unwrap(), unit);
//! // Any order (`xs:all`); the fixed attribute is checked.
//! let reordered = r#"<unit xmlns="urn:org"><grid/><unitName>x</unitName></unit>"#;
//! assert_eq!(from_xml_str::<Unit>(reordered, "urn:org", "unit").unwrap().schema, 2);
//! let wrong = r#"<unit xmlns="urn:org" schema="3"><grid/><unitName>x</unitName></unit>"#;
//! assert!(from_xml_str::<Unit>(wrong, "urn:org", "unit").is_err());
//!
//! let p: Para = from_xml_str("<p>Hello <b>big</b> world</p>", "", "p").unwrap();
//! assert_eq!((p.text.as_str(), p.bold.as_slice()), ("Hello  world", &["big".to_string()][..]));
//! ```
//!
//! SOAP encoding (`xsi:type` on the parts of an rpc/encoded message), `xs:any` limited to
//! other namespaces, and an `xs:list` of a simple type ([`List`](crate::List)):
//!
//! ```
//! use soap_runtime::__private::{from_xml_str, to_xml_string, XS_NS};
//! use soap_runtime::{AnyElement, List, XmlContent};
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! struct AddArgs {
//!     #[xml(xsi_type(name = "int", ns = XS_NS))]
//!     a: i32,
//!     #[xml(xsi_type(name = "string", ns = XS_NS))]
//!     note: Option<String>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! #[xml(ns = "urn:doc")]
//! struct Open {
//!     #[xml(attribute)]
//!     sizes: List<u32>,
//!     title: String,
//!     #[xml(any(not_ns = "urn:doc"))]
//!     extensions: Vec<AnyElement>,
//! }
//!
//! let args = AddArgs { a: 1, note: None };
//! let xml = to_xml_string("urn:calc", "Add", &args);
//! assert!(xml.contains(r#"xsi:type="p1:int">1</a>"#), "{xml}");
//! assert_eq!(from_xml_str::<AddArgs>(&xml, "urn:calc", "Add").unwrap(), args);
//!
//! let xml = r#"<o xmlns="urn:doc" sizes="1 2 3"><title>t</title><note>same namespace: skipped</note>
//!     <x:sig xmlns:x="urn:x"/><plain xmlns="">unqualified: skipped</plain></o>"#;
//! let open: Open = from_xml_str(xml, "urn:doc", "o").unwrap();
//! assert_eq!(*open.sizes, [1, 2, 3]);
//! assert_eq!(open.extensions.len(), 1);
//! assert_eq!(open.extensions[0].name.local, "sig");
//! ```
//!
//! A repeated model group:
//!
//! ```
//! use soap_runtime::__private::from_xml_str;
//! use soap_runtime::XmlContent;
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! #[xml(group)]
//! struct Entry {
//!     key: String,
//!     value: Option<String>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, XmlContent)]
//! struct Entries {
//!     #[xml(flatten)]
//!     entries: Vec<Entry>,
//! }
//!
//! let xml = "<e><key>a</key><value>1</value><key>b</key><key>c</key></e>";
//! let e: Entries = from_xml_str(xml, "", "e").unwrap();
//! let keys: Vec<&str> = e.entries.iter().map(|e| e.key.as_str()).collect();
//! assert_eq!(keys, ["a", "b", "c"]);
//! assert_eq!(e.entries[0].value.as_deref(), Some("1"));
//! ```
