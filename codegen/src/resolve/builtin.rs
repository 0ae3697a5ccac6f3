//! XSD built-in types and the WCF serialization primitives the generator maps to Rust types.

use crate::document::{WCF_SER_NS, XSD_NS};

/// An XSD built-in (or WCF primitive) type, by what it maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// string and the string-derived types (token, anyURI, ID, …).
    String,
    /// boolean.
    Boolean,
    /// byte.
    Byte,
    /// short.
    Short,
    /// int.
    Int,
    /// long.
    Long,
    /// unsignedByte.
    UnsignedByte,
    /// unsignedShort.
    UnsignedShort,
    /// unsignedInt.
    UnsignedInt,
    /// unsignedLong.
    UnsignedLong,
    /// float.
    Float,
    /// double.
    Double,
    /// decimal, and integer with its unbounded relatives (kept as exact lexical decimal).
    Decimal,
    /// dateTime.
    DateTime,
    /// duration (and WCF's `ser:duration`).
    Duration,
    /// base64Binary.
    Base64Binary,
    /// QName.
    QName,
    /// anyType (raw XML).
    AnyType,
    /// WCF `ser:guid`.
    Guid,
    /// WCF `ser:char` (a UTF-16 code unit as xs:int).
    Char,
}

impl Builtin {
    /// The built-in named by `{ns}local`, if it is one.
    pub fn lookup(ns: &str, local: &str) -> Option<Builtin> {
        if ns == WCF_SER_NS {
            return match local {
                "guid" => Some(Builtin::Guid),
                "duration" => Some(Builtin::Duration),
                "char" => Some(Builtin::Char),
                _ => None,
            };
        }
        if ns != XSD_NS {
            return None;
        }
        Some(match local {
            "string" | "normalizedString" | "token" | "language" | "Name" | "NCName"
            | "NMTOKEN" | "ID" | "IDREF" | "ENTITY" | "anyURI" | "date" | "time" | "gYear"
            | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay" | "hexBinary" | "anySimpleType" => {
                Builtin::String
            }
            "boolean" => Builtin::Boolean,
            "byte" => Builtin::Byte,
            "short" => Builtin::Short,
            "int" => Builtin::Int,
            "long" => Builtin::Long,
            "unsignedByte" => Builtin::UnsignedByte,
            "unsignedShort" => Builtin::UnsignedShort,
            "unsignedInt" => Builtin::UnsignedInt,
            "unsignedLong" => Builtin::UnsignedLong,
            "float" => Builtin::Float,
            "double" => Builtin::Double,
            "decimal" | "integer" | "nonNegativeInteger" | "positiveInteger"
            | "nonPositiveInteger" | "negativeInteger" => Builtin::Decimal,
            "dateTime" => Builtin::DateTime,
            "duration" => Builtin::Duration,
            "base64Binary" => Builtin::Base64Binary,
            "QName" => Builtin::QName,
            "anyType" => Builtin::AnyType,
            _ => return None,
        })
    }

    /// Whether the Rust type is `Copy`-like plain data (no heap), used to pick derives.
    pub fn is_float(self) -> bool {
        matches!(self, Builtin::Float | Builtin::Double)
    }
}
