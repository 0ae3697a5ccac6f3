//! Value types for XSD simple types without a natural Rust primitive.

mod any;
mod binary;
mod datetime;
mod decimal;
mod duration;
mod flags;
mod guid;
mod instant;
mod list;
mod qname;

pub use any::AnyType;
pub use binary::Base64Binary;
pub use datetime::{DateTime, Tz};
pub use decimal::Decimal;
pub use duration::Duration;
pub use flags::FlagSet;
pub use guid::Guid;
pub use list::List;
pub use qname::QName;

/// Implements `Display` (lexical form) and `FromStr` (via `from_lexical`) for a `SimpleType`.
macro_rules! lexical_display_fromstr {
    ($ty:ty) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::xml::SimpleType::to_lexical(self))
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::error::LexicalError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty as $crate::xml::SimpleType>::from_lexical(s)
            }
        }
    };
}
pub(crate) use lexical_display_fromstr;

/// Parses a non-empty run of ASCII digits (no sign).
pub(crate) fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses a fraction's digits into nanoseconds (digits past the ninth are dropped) and
/// returns `(nanoseconds, digit count capped at 9)`.
pub(crate) fn parse_fraction(digits: &str) -> Option<(u32, u8)> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kept = &digits[..digits.len().min(9)];
    let mut nanos: u32 = kept.parse().ok()?;
    for _ in kept.len()..9 {
        nanos *= 10;
    }
    Some((nanos, kept.len() as u8))
}

/// Writes `nanos` with exactly `digits` fraction digits (truncating).
pub(crate) fn format_fraction(nanos: u32, digits: u8) -> String {
    let full = format!("{nanos:09}");
    full[..usize::from(digits.min(9))].to_owned()
}

/// The number of fraction digits needed to write `nanos` exactly (0 when zero).
pub(crate) fn minimal_fraction_digits(nanos: u32) -> u8 {
    if nanos == 0 {
        return 0;
    }
    let mut digits = 9u8;
    let mut n = nanos;
    while n % 10 == 0 {
        n /= 10;
        digits -= 1;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions() {
        assert_eq!(parse_fraction("5"), Some((500_000_000, 1)));
        assert_eq!(parse_fraction("0000001"), Some((100, 7)));
        assert_eq!(parse_fraction("1234567891"), Some((123_456_789, 9)));
        assert_eq!(parse_fraction(""), None);
        assert_eq!(parse_fraction("1a"), None);
        assert_eq!(format_fraction(100, 7), "0000001");
        assert_eq!(minimal_fraction_digits(0), 0);
        assert_eq!(minimal_fraction_digits(500_000_000), 1);
        assert_eq!(minimal_fraction_digits(1), 9);
    }
}
