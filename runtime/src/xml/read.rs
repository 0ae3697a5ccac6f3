//! Read access to parsed XML (a thin wrapper over `roxmltree`).

use super::limits::{check_limits, XmlLimits};
use super::{XmlContent, XmlWriter, XSI_NS};
use crate::error::{clark_name, DecodeError, DecodeErrorKind};
use crate::types::QName;

/// An element of a parsed document.
#[derive(Clone, Copy)]
pub struct XmlNode<'a, 'input> {
    node: roxmltree::Node<'a, 'input>,
}

impl std::fmt::Debug for XmlNode<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Name and position only: the content may hold secrets.
        let (line, column) = self.position();
        write!(
            f,
            "XmlNode({} at {line}:{column})",
            clark_name(self.namespace(), self.local_name())
        )
    }
}

impl<'a, 'input> XmlNode<'a, 'input> {
    /// Wraps a `roxmltree` node (normally an element).
    pub fn new(node: roxmltree::Node<'a, 'input>) -> Self {
        XmlNode { node }
    }

    /// The underlying `roxmltree` node.
    pub fn node(&self) -> roxmltree::Node<'a, 'input> {
        self.node
    }

    /// Namespace URI of the element, `""` when none.
    pub fn namespace(&self) -> &'a str {
        self.node.tag_name().namespace().unwrap_or("")
    }

    /// Local name of the element.
    pub fn local_name(&self) -> &'a str {
        self.node.tag_name().name()
    }

    /// Tolerant name match: the local name is `local` and the namespace is `ns` or empty.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local_name() == local && self.in_ns(ns)
    }

    /// The namespace is `ns` or empty.
    pub fn in_ns(&self, ns: &str) -> bool {
        let own = self.namespace();
        own == ns || own.is_empty()
    }

    /// Element children, in document order.
    pub fn children(&self) -> impl Iterator<Item = XmlNode<'a, 'input>> + 'a {
        self.node
            .children()
            .filter(|n| n.is_element())
            .map(XmlNode::new)
    }

    /// `xsi:nil` is `true` or `1`.
    pub fn is_nil(&self) -> bool {
        matches!(
            self.node.attribute((XSI_NS, "nil")).map(str::trim),
            Some("true" | "1")
        )
    }

    /// The `xsi:type` attribute, resolved against the in-scope namespaces.
    /// `None` when absent or when its prefix is not declared.
    pub fn xsi_type(&self) -> Option<QName> {
        let value = self.node.attribute((XSI_NS, "type"))?;
        self.resolve_qname(value).ok()
    }

    /// Resolves a lexical QName (`prefix:local` or `local`) in this element's scope.
    pub fn resolve_qname(&self, value: &str) -> Result<QName, DecodeError> {
        let value = value.trim_matches(super::is_xml_space);
        let (prefix, local) = match value.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, value),
        };
        if local.is_empty() || local.contains(':') || prefix == Some("") {
            return Err(DecodeError::new("invalid xs:QName value").at(self));
        }
        let namespace = match self.lookup_namespace(prefix) {
            Some(ns) => ns,
            None if prefix.is_none() => "",
            None => {
                return Err(
                    DecodeError::new("undeclared namespace prefix in xs:QName value").at(self),
                )
            }
        };
        Ok(QName::new(namespace, local))
    }

    /// Concatenated text (and CDATA) of the direct children.
    /// Fails if the element has element children.
    pub fn text(&self) -> Result<String, DecodeError> {
        let mut out = String::new();
        for child in self.node.children() {
            if child.is_element() {
                return Err(
                    DecodeError::new("unexpected child element in simple content").at(self),
                );
            }
            if child.is_text() {
                out.push_str(child.text().unwrap_or(""));
            }
        }
        Ok(out)
    }

    /// The element's content exactly as it appears in the input (between the start and
    /// end tags); `""` for an empty element.
    pub fn inner_xml(&self) -> &'input str {
        let input = self.node.document().input_text();
        let range = self.node.range();
        let Some(outer) = input.get(range.clone()) else {
            return "";
        };
        let Some(start) = end_of_start_tag(outer) else {
            return "";
        };
        if outer[..start].ends_with("/>") {
            return "";
        }
        match outer.rfind("</") {
            Some(end) if end >= start => input
                .get(range.start + start..range.start + end)
                .unwrap_or(""),
            _ => "",
        }
    }

    /// The element itself exactly as it appears in the input, start tag to end tag.
    pub fn outer_xml(&self) -> &'input str {
        let input = self.node.document().input_text();
        input.get(self.node.range()).unwrap_or("")
    }

    /// Line and column (1-based) of the element's start in the input.
    pub fn position(&self) -> (u32, u32) {
        let pos = self.node.document().text_pos_at(self.node.range().start);
        (pos.row, pos.col)
    }

    /// The namespace bound to `prefix` (`None` = default namespace) in this element's scope.
    pub fn lookup_namespace(&self, prefix: Option<&str>) -> Option<&'a str> {
        self.node.lookup_namespace_uri(prefix)
    }

    /// The value of an attribute without namespace.
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.node.attribute(name)
    }

    /// The value of a namespaced attribute.
    pub fn attribute_ns(&self, ns: &str, name: &str) -> Option<&'a str> {
        self.node.attribute((ns, name))
    }
}

/// Byte offset just past the `>` that ends the start tag at the beginning of `outer`,
/// skipping `>` inside quoted attribute values.
fn end_of_start_tag(outer: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in outer.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            (None, _) => {}
        }
    }
    None
}

/// Parses a standalone document (DTDs are rejected) after checking it against the default
/// [`XmlLimits`].
pub fn parse_document(xml: &str) -> Result<roxmltree::Document<'_>, DecodeError> {
    parse_document_with_limits(xml, &XmlLimits::default())
}

/// Parses a standalone document (DTDs are rejected) after checking it against `limits`
/// (see [`check_limits`]).
///
/// Syntax error messages keep the line and column but never quote the input (a character
/// or name from it may be part of a secret).
pub fn parse_document_with_limits<'input>(
    xml: &'input str,
    limits: &XmlLimits,
) -> Result<roxmltree::Document<'input>, DecodeError> {
    check_limits(xml, limits)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        DecodeError::with_kind(
            DecodeErrorKind::Malformed,
            format!("malformed XML: {}", parse_error_message(&e)),
        )
    })
}

/// A message for a `roxmltree` error without any text taken from the input.
fn parse_error_message(e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    let what = match e {
        E::InvalidXmlPrefixUri(_) => "'xml' namespace prefix bound to the wrong URI",
        E::UnexpectedXmlUri(_) => "the 'xml' namespace URI bound to another prefix",
        E::UnexpectedXmlnsUri(_) => "the 'xmlns' namespace URI must not be declared",
        E::InvalidElementNamePrefix(_) => "the 'xmlns' prefix used on an element",
        E::DuplicatedNamespace(..) => "namespace prefix declared twice on one element",
        E::UnknownNamespace(..) => "undeclared namespace prefix",
        E::UnexpectedCloseTag(..) => "end tag does not match the start tag",
        E::UnexpectedEntityCloseTag(_) => "unexpected end tag in entity",
        E::UnknownEntityReference(..) => "unknown entity reference",
        E::MalformedEntityReference(_) => "malformed entity or character reference",
        E::EntityReferenceLoop(_) => "entity reference loop",
        E::InvalidAttributeValue(_) => "'<' in an attribute value",
        E::DuplicatedAttribute(..) => "attribute defined twice on one element",
        E::NoRootNode => "no root element",
        E::UnclosedRootNode => "root element not closed",
        E::UnexpectedDeclaration(_) => "misplaced XML declaration",
        E::DtdDetected => "document type declarations (DTDs) are not allowed",
        E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached => {
            "parser limit reached"
        }
        E::InvalidName(_) => "invalid name",
        E::NonXmlChar(..) => "character not allowed in XML",
        E::InvalidChar(..) | E::InvalidChar2(..) => "unexpected character",
        E::InvalidString(..) => "unexpected token",
        E::InvalidExternalID(_) => "invalid external ID",
        E::InvalidComment(_) => "invalid comment",
        E::InvalidCharacterData(_) => "']]>' in character data",
        E::UnknownToken(_) => "unknown token",
        E::UnexpectedEndOfStream => "unexpected end of input",
    };
    match e {
        // These carry no position (`pos()` reports 1:1).
        E::NoRootNode
        | E::UnclosedRootNode
        | E::DtdDetected
        | E::NodesLimitReached
        | E::AttributesLimitReached
        | E::NamespacesLimitReached
        | E::UnexpectedEndOfStream => what.to_owned(),
        _ => format!("{what} at {}", e.pos()),
    }
}

/// Decodes the root element of `xml` as `T` after checking its name (tolerant: the root's
/// namespace may be empty).
pub fn from_xml_str<T: XmlContent>(xml: &str, ns: &str, local: &str) -> Result<T, DecodeError> {
    let doc = parse_document(xml)?;
    let root = XmlNode::new(doc.root_element());
    if !root.is(ns, local) {
        return Err(
            DecodeError::new(format!("expected root element {}", clark_name(ns, local))).at(&root),
        );
    }
    T::read_content(&root)
}

/// Encodes `value` as a standalone element `{ns}local` (declaring its default namespace).
pub fn to_xml_string<T: XmlContent>(ns: &str, local: &str, value: &T) -> String {
    let mut w = XmlWriter::new();
    w.element(ns, local, value);
    w.into_string()
}
