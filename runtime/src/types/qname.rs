//! `xs:QName`.

use std::fmt;

use crate::error::DecodeError;
use crate::xml::{XmlContent, XmlNode, XmlWriter};

/// An expanded XML name: namespace URI plus local name.
///
/// As element content it is written `prefix:local`, with the prefix declared on the element
/// if needed, and read by resolving the prefix against the element's in-scope namespaces.
/// `Display` uses Clark notation: `{namespace}local`, or `local` without namespace.
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
    /// open start tag if needed).
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
        let value = self.to_prefixed(w);
        w.text(&value);
    }

    fn read_content(node: &XmlNode<'_, '_>) -> Result<Self, DecodeError> {
        let text = node.text()?;
        node.resolve_qname(&text)
    }
}
