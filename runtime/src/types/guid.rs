//! `Guid` (WCF `ser:guid`).

use std::borrow::Cow;

use crate::error::LexicalError;
use crate::xml::{trim_xml, SimpleType};

const XSD: &str = "guid";

/// A GUID/UUID in its textual byte order: `00112233-4455-6677-8899-aabbccddeeff` has bytes
/// `0x00, 0x11, ... 0xff` (RFC 4122 order, not .NET's `ToByteArray` order).
///
/// Parsing is case-insensitive; writing uses lowercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Guid([u8; 16]);

impl Guid {
    /// From bytes in textual order.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Guid(bytes)
    }

    /// The bytes in textual order.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The all-zero GUID.
    pub const fn nil() -> Self {
        Guid([0; 16])
    }

    /// `true` for the all-zero GUID.
    pub fn is_nil(&self) -> bool {
        self.0 == [0; 16]
    }
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl SimpleType for Guid {
    fn to_lexical(&self) -> Cow<'_, str> {
        let mut out = String::with_capacity(36);
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out.push('-');
            }
            out.push_str(&format!("{byte:02x}"));
        }
        Cow::Owned(out)
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        let t = trim_xml(s).as_bytes();
        if t.len() != 36 {
            return Err(LexicalError::invalid_because(XSD, "expected 36 characters"));
        }
        let mut bytes = [0u8; 16];
        let mut nibbles = Vec::with_capacity(32);
        for (i, &c) in t.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                if c != b'-' {
                    return Err(LexicalError::invalid(XSD));
                }
            } else {
                nibbles.push(hex_value(c).ok_or_else(|| LexicalError::invalid(XSD))?);
            }
        }
        for (byte, pair) in bytes.iter_mut().zip(nibbles.chunks_exact(2)) {
            *byte = (pair[0] << 4) | pair[1];
        }
        Ok(Guid(bytes))
    }
}

super::lexical_display_fromstr!(Guid);
