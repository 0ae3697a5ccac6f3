//! `xs:base64Binary`.

use std::borrow::Cow;
use std::fmt;

use base64::Engine as _;

use crate::error::LexicalError;
use crate::xml::{is_xml_space, SimpleType};

/// `xs:base64Binary`: standard alphabet with padding; XML whitespace inside the text is
/// ignored when decoding.
///
/// `Debug` prints only the length (the bytes may be large or secret).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64Binary(pub Vec<u8>);

impl fmt::Debug for Base64Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Binary(<{} bytes>)", self.0.len())
    }
}

impl From<Vec<u8>> for Base64Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Binary(bytes)
    }
}

impl From<&[u8]> for Base64Binary {
    fn from(bytes: &[u8]) -> Self {
        Base64Binary(bytes.to_vec())
    }
}

impl AsRef<[u8]> for Base64Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl SimpleType for Base64Binary {
    fn to_lexical(&self) -> Cow<'_, str> {
        Cow::Owned(base64::engine::general_purpose::STANDARD.encode(&self.0))
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        let compact: String = s.chars().filter(|&c| !is_xml_space(c)).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map(Base64Binary)
            .map_err(|_| LexicalError::invalid("xs:base64Binary"))
    }
}

super::lexical_display_fromstr!(Base64Binary);
