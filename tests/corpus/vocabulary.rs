// Hand-written in the shape of generated code, using the whole `#[xml(...)]` vocabulary of
// runtime/src/attributes.rs (attributes, choice, polymorphic, any, text, soap arrays, unions,
// lists, maps, recursion). build.rs runs the harness generator on it like on generated files, so
// the harness is exercised on constructs the generator does not emit yet.

use ::soap_runtime::__private::{SimpleType, SoapHeaders, XmlContent};
/// XML namespace `urn:vocabulary`.
pub const NS_VOCABULARY: &str = "urn:vocabulary";
/// Attributes of every kind, a choice once and repeated, `xs:any` and `xs:anyAttribute`.
#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY, rename_all = "camelCase")]
pub struct Document {
    #[xml(attribute)]
    pub id: i64,
    #[xml(attribute, default = "false")]
    pub draft: bool,
    #[xml(attribute, fixed = "2.1")]
    pub schema_version: ::core::option::Option<::std::string::String>,
    #[xml(attribute, ns = NS_VOCABULARY)]
    pub owner: ::core::option::Option<::std::string::String>,
    #[xml(attribute)]
    pub level: ::core::option::Option<Level>,
    #[xml(any_attribute)]
    pub extra: ::std::vec::Vec<::soap_runtime::__private::AnyAttribute>,
    pub title: ::std::string::String,
    pub summary: ::core::option::Option<::std::string::String>,
    #[xml(flatten)]
    pub contact: Contact,
    #[xml(flatten)]
    pub notes: ::std::vec::Vec<Note>,
    pub shape: AnyShape,
    pub formula: ::core::option::Option<Formula>,
    #[xml(any)]
    pub rest: ::std::vec::Vec<::soap_runtime::__private::AnyElement>,
}
/// A choice of two elements.
#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(choice, ns = NS_VOCABULARY)]
pub enum Contact {
    #[xml(rename = "email")]
    Email(::std::string::String),
    #[xml(rename = "phone")]
    Phone(i32),
}
/// A repeated choice.
#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(choice, ns = NS_VOCABULARY)]
pub enum Note {
    #[xml(rename = "remark")]
    Remark(::std::string::String),
    #[xml(rename = "amount")]
    Amount(Amount),
}
/// Recursion through a choice whose first alternative recurses.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY, rename_all = "camelCase")]
pub struct Formula {
    #[xml(flatten)]
    pub term: Term,
}
/// The first alternative recurses, the second does not.
#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(choice, ns = NS_VOCABULARY)]
pub enum Term {
    #[xml(rename = "negate")]
    Negate(::std::boxed::Box<Formula>),
    #[xml(rename = "literal")]
    Literal(i32),
}
impl ::core::default::Default for Term {
    fn default() -> Self {
        Term::Literal(0)
    }
}
/// Simple content with attributes.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY)]
pub struct Amount {
    #[xml(attribute)]
    pub currency: ::std::string::String,
    #[xml(text)]
    pub value: ::soap_runtime::__private::Decimal,
}
/// Mixed content.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY)]
pub struct Paragraph {
    #[xml(rename = "b")]
    pub bold: ::std::vec::Vec<::std::string::String>,
    #[xml(text)]
    pub text: ::std::string::String,
}
/// A base type.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY)]
pub struct Shape {
    pub label: ::std::string::String,
}
/// A derived type.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY)]
pub struct Circle {
    #[xml(flatten)]
    pub base: Shape,
    pub radius: f64,
}
/// `xsi:type` polymorphism.
#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(polymorphic, ns = NS_VOCABULARY)]
pub enum AnyShape {
    Shape(Shape),
    Circle(Circle),
}
/// Every builtin, a SOAP-encoded array, wrapped and nillable arrays, recursion.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY, rename_all = "PascalCase")]
pub struct Builtins {
    pub when: ::soap_runtime::__private::DateTime,
    pub how_long: ::core::option::Option<::soap_runtime::__private::Duration>,
    pub guid: ::soap_runtime::__private::Guid,
    pub qname: ::soap_runtime::__private::QName,
    pub data: ::soap_runtime::__private::Base64Binary,
    pub anything: ::soap_runtime::__private::AnyType,
    pub small: i8,
    pub large: u64,
    pub ratio: f32,
    pub flag: bool,
    #[xml(soap_array(item_type = "int", item_ns = "http://www.w3.org/2001/XMLSchema"))]
    pub encoded: ::std::vec::Vec<i32>,
    #[xml(items = "row")]
    pub rows: ::core::option::Option<::std::vec::Vec<::std::string::String>>,
    #[xml(nillable)]
    pub maybe: ::core::option::Option<i32>,
    pub holes: ::std::vec::Vec<::core::option::Option<i32>>,
    pub flags: Flags,
    pub size: SizeOrName,
    pub sku: Sku,
    pub counts: Counts,
    pub paragraph: Paragraph,
    pub node: Node,
}
/// A recursive type: optional and repeated self references.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY, rename_all = "camelCase")]
pub struct Node {
    pub value: ::std::string::String,
    pub parent: ::core::option::Option<::std::boxed::Box<Node>>,
    pub child: ::std::vec::Vec<Node>,
}
/// An enumeration with a catch-all.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, SimpleType)]
pub enum Level {
    #[default]
    #[xml(rename = "low")]
    Low,
    #[xml(rename = "high")]
    High,
    #[xml(other)]
    Unrecognized(::std::string::String),
}
/// A flag list.
pub type Flags = ::soap_runtime::__private::FlagSet<Level>;
/// A union.
#[derive(Debug, Clone, PartialEq, SimpleType)]
pub enum SizeOrName {
    Size(u32),
    Name(::std::string::String),
}
impl ::core::default::Default for SizeOrName {
    fn default() -> Self {
        SizeOrName::Size(0)
    }
}
/// A newtype over a simple type.
#[derive(Debug, Clone, Default, PartialEq, SimpleType)]
pub struct Sku(pub ::std::string::String);
/// A WCF dictionary.
#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
#[xml(ns = NS_VOCABULARY, map(entry = "Entry", key = "Key", value = "Value"))]
pub struct Counts(
    pub ::soap_runtime::__private::IndexMap<::std::string::String, ::core::option::Option<i32>>,
);
/// Headers.
#[derive(Debug, Clone, Default, PartialEq, XmlContent, SoapHeaders)]
#[xml(ns = NS_VOCABULARY, rename_all = "PascalCase")]
pub struct Headers {
    pub ticket: ::core::option::Option<::std::string::String>,
}
