//! `xs:QName`.

use std::fmt;

use crate::error::DecodeError;
use crate::xml::{XmlContent, XmlReader, XmlWriter};

/// An expanded XML name: namespace URI plus local name.
///
/// As element content it is written `prefix:local`, with the prefix declared on the element
/// if needed, and read by resolving the prefix against the element's in-scope namespaces.
/// `Display` uses Clark notation: `{namespace}local`, or `local` without namespace.
///
/// A name without namespace is written unprefixed, which readers resolve against the
/// default namespace. When a non-empty default namespace is in scope, element content
/// written right after the start tag undeclares it (`xmlns=""`), renaming the element to a
/// prefixed form if it was in that default namespace, so the value reads back correctly.
/// If the start tag is no longer open (content was already written) this is not possible and
/// the unprefixed name is written anyway; readers will then see it in the default namespace.
/// [`to_prefixed`](Self::to_prefixed) (used for attribute values such as `xsi:type`) never
/// changes the element and has the same limitation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct QName {
    /// Namespace URI (`""` for none).
    pub namespace: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// A QName from namespace and local name.
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            namespace: namespace.into(),
            local: local.into(),
        }
    }

    /// The `prefix:local` form for the current writer position (declaring the prefix on the
    /// open start tag if needed). A name without namespace is returned unprefixed even when a
    /// default namespace is in scope (see the type docs).
    pub fn to_prefixed(&self, w: &mut XmlWriter) -> String {
        if self.namespace.is_empty() {
            self.local.clone()
        } else {
            format!("{}:{}", w.prefix_for(&self.namespace), self.local)
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}

impl XmlContent for QName {
    fn write_content(&self, w: &mut XmlWriter) {
        if self.namespace.is_empty() && !w.current_default_namespace().is_empty() {
            // Best effort: see the type docs for when this cannot be done.
            let _ = w.undeclare_default_namespace();
        }
        let value = self.to_prefixed(w);
        w.text(&value);
    }

    fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.read_text()?;
        r.resolve_qname(r.text())
    }
}
