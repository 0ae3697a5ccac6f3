//! `xs:decimal` (and the integer types derived from it).

use std::borrow::Cow;

use crate::error::LexicalError;
use crate::xml::{trim_xml, SimpleType};

/// An `xs:decimal` (also used for `xs:integer` and its unbounded relatives), kept as its
/// validated lexical form so that it round-trips exactly.
///
/// Equality and hashing are lexical: `1.0` and `1` are different values here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Validates `s` (surrounding XSD whitespace is trimmed).
    pub fn new(s: &str) -> Result<Self, LexicalError> {
        Self::from_lexical(s)
    }

    /// The lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `true` when the value has no fractional part (e.g. valid as `xs:integer`).
    pub fn is_integer(&self) -> bool {
        match self.0.split_once('.') {
            None => true,
            Some((_, frac)) => frac.bytes().all(|b| b == b'0'),
        }
    }
}

impl Default for Decimal {
    fn default() -> Self {
        Decimal("0".to_owned())
    }
}

impl SimpleType for Decimal {
    fn to_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        let t = trim_xml(s);
        if crate::xml::is_decimal_lexical(t) {
            Ok(Decimal(t.to_owned()))
        } else {
            Err(LexicalError::invalid("xs:decimal"))
        }
    }
}

super::lexical_display_fromstr!(Decimal);

macro_rules! decimal_from_int {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Decimal {
            fn from(v: $ty) -> Self {
                Decimal(v.to_string())
            }
        }
    )*};
}

decimal_from_int!(i8, i16, i32, i64, u8, u16, u32, u64);
