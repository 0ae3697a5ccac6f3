//! `SimpleType` for Rust primitives.

use std::borrow::Cow;

use super::{trim_xml, SimpleType};
use crate::error::LexicalError;

impl SimpleType for String {
    fn to_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        Ok(s.to_owned())
    }
}

impl SimpleType for bool {
    fn to_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        match trim_xml(s) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(LexicalError::invalid("xs:boolean")),
        }
    }
}

macro_rules! integer_simple_type {
    ($($ty:ty => $xsd:literal),* $(,)?) => {$(
        impl SimpleType for $ty {
            fn to_lexical(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }

            fn from_lexical(s: &str) -> Result<Self, LexicalError> {
                let t = trim_xml(s);
                let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(LexicalError::invalid($xsd));
                }
                // "-0" is a valid lexical form even for unsigned types.
                if t.starts_with('-') && digits.bytes().all(|b| b == b'0') {
                    return Ok(0);
                }
                t.parse::<$ty>()
                    .map_err(|_| LexicalError::invalid_because($xsd, "out of range"))
            }
        }
    )*};
}

integer_simple_type! {
    i8 => "xs:byte",
    i16 => "xs:short",
    i32 => "xs:int",
    i64 => "xs:long",
    u8 => "xs:unsignedByte",
    u16 => "xs:unsignedShort",
    u32 => "xs:unsignedInt",
    u64 => "xs:unsignedLong",
}

macro_rules! float_simple_type {
    ($($ty:ty => $xsd:literal),* $(,)?) => {$(
        impl SimpleType for $ty {
            fn to_lexical(&self) -> Cow<'_, str> {
                if self.is_nan() {
                    Cow::Borrowed("NaN")
                } else if self.is_infinite() {
                    Cow::Borrowed(if *self > 0.0 { "INF" } else { "-INF" })
                } else {
                    Cow::Owned(self.to_string())
                }
            }

            fn from_lexical(s: &str) -> Result<Self, LexicalError> {
                let t = trim_xml(s);
                match t {
                    "INF" | "+INF" => return Ok(<$ty>::INFINITY),
                    "-INF" => return Ok(<$ty>::NEG_INFINITY),
                    "NaN" => return Ok(<$ty>::NAN),
                    _ => {}
                }
                if !is_xsd_float_lexical(t) {
                    return Err(LexicalError::invalid($xsd));
                }
                t.parse::<$ty>().map_err(|_| LexicalError::invalid($xsd))
            }
        }
    )*};
}

float_simple_type! {
    f32 => "xs:float",
    f64 => "xs:double",
}

/// `(+|-)?(digits(.digits?)?|.digits)([Ee](+|-)?digits)?`
fn is_xsd_float_lexical(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if let Some(exp) = exponent {
        let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    is_decimal_lexical(mantissa)
}

/// `(+|-)?(digits(.digits?)?|.digits)`: the xs:decimal lexical space.
pub(crate) fn is_decimal_lexical(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let has_digit = !int.is_empty() || frac.is_some_and(|f| !f.is_empty());
    has_digit && all_digits(int) && frac.is_none_or(all_digits)
}
