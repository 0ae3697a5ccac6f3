//! Per-field helpers called by generated encoders and decoders, and [`Redacted`].

use std::fmt;
use std::hash::Hash;

use indexmap::IndexMap;

use super::{XmlContent, XmlNode, XmlWriter};
use crate::error::{clark_name, DecodeError};

/// Decodes a matched, non-nillable element; `xsi:nil` is an error.
pub fn read_required<T: XmlContent>(node: &XmlNode<'_, '_>) -> Result<T, DecodeError> {
    read_required_with(node, T::read_content)
}

/// Decodes a matched optional or nillable element; `xsi:nil` gives `None`.
pub fn read_optional<T: XmlContent>(node: &XmlNode<'_, '_>) -> Result<Option<T>, DecodeError> {
    read_optional_with(node, T::read_content)
}

/// [`read_required`] with the content decoded by `f`.
pub fn read_required_with<'a, 'i, T>(
    node: &XmlNode<'a, 'i>,
    f: impl FnOnce(&XmlNode<'a, 'i>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    if node.is_nil() {
        return Err(DecodeError::new("element is nil but not nillable").at(node));
    }
    f(node)
}

/// [`read_optional`] with the content decoded by `f`.
pub fn read_optional_with<'a, 'i, T>(
    node: &XmlNode<'a, 'i>,
    f: impl FnOnce(&XmlNode<'a, 'i>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    if node.is_nil() {
        return Ok(None);
    }
    f(node).map(Some)
}

/// Decodes every child of `node` named `(ns, local)` in order (tolerant namespace match);
/// other children are skipped.
pub fn read_items<T: XmlContent>(
    node: &XmlNode<'_, '_>,
    ns: &str,
    local: &str,
) -> Result<Vec<T>, DecodeError> {
    node.children()
        .filter(|c| c.is(ns, local))
        .map(|c| read_required(&c))
        .collect()
}

/// Like [`read_items`], with `xsi:nil` items decoded as `None`.
pub fn read_items_nillable<T: XmlContent>(
    node: &XmlNode<'_, '_>,
    ns: &str,
    local: &str,
) -> Result<Vec<Option<T>>, DecodeError> {
    node.children()
        .filter(|c| c.is(ns, local))
        .map(|c| read_optional(&c))
        .collect()
}

/// [`read_items`] with each item's content decoded by `f` (arrays of arrays).
pub fn read_items_with<'a, 'i, T>(
    node: &XmlNode<'a, 'i>,
    ns: &str,
    local: &str,
    f: impl Fn(&XmlNode<'a, 'i>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    node.children()
        .filter(|c| c.is(ns, local))
        .map(|c| read_required_with(&c, &f))
        .collect()
}

/// [`read_items_nillable`] with each item's content decoded by `f`.
pub fn read_items_nillable_with<'a, 'i, T>(
    node: &XmlNode<'a, 'i>,
    ns: &str,
    local: &str,
    f: impl Fn(&XmlNode<'a, 'i>) -> Result<T, DecodeError>,
) -> Result<Vec<Option<T>>, DecodeError> {
    node.children()
        .filter(|c| c.is(ns, local))
        .map(|c| read_optional_with(&c, &f))
        .collect()
}

/// The error for a required child element `(ns, local)` not found in `parent`.
pub fn missing(parent: &XmlNode<'_, '_>, ns: &str, local: &str) -> DecodeError {
    DecodeError::new(format!(
        "missing required element {}",
        clark_name(ns, local)
    ))
    .at(parent)
}

/// Writes a WCF dictionary: one `pair` element per entry, each with `key` and `value`.
pub fn write_map<K: XmlContent, V: XmlContent>(
    w: &mut XmlWriter,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
    map: &IndexMap<K, V>,
) {
    for (k, v) in map {
        w.start(ns, pair);
        w.element(ns, key, k);
        w.element(ns, value, v);
        w.end();
    }
}

/// [`write_map`] with `None` values written as `xsi:nil`.
pub fn write_map_nillable<K: XmlContent, V: XmlContent>(
    w: &mut XmlWriter,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
    map: &IndexMap<K, Option<V>>,
) {
    for (k, v) in map {
        w.start(ns, pair);
        w.element(ns, key, k);
        w.nillable(ns, value, v);
        w.end();
    }
}

/// Reads a WCF dictionary written by [`write_map`]. Duplicate keys are an error.
pub fn read_map<K: XmlContent + Hash + Eq, V: XmlContent>(
    node: &XmlNode<'_, '_>,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
) -> Result<IndexMap<K, V>, DecodeError> {
    read_map_entries(node, ns, pair, key, value, read_required)
}

/// Reads a WCF dictionary whose values are nillable.
pub fn read_map_nillable<K: XmlContent + Hash + Eq, V: XmlContent>(
    node: &XmlNode<'_, '_>,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
) -> Result<IndexMap<K, Option<V>>, DecodeError> {
    read_map_entries(node, ns, pair, key, value, read_optional)
}

fn read_map_entries<K: XmlContent + Hash + Eq, V>(
    node: &XmlNode<'_, '_>,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
    read_value: impl Fn(&XmlNode<'_, '_>) -> Result<V, DecodeError>,
) -> Result<IndexMap<K, V>, DecodeError> {
    let mut map = IndexMap::new();
    for entry in node.children().filter(|c| c.is(ns, pair)) {
        let key_node = entry
            .children()
            .find(|c| c.is(ns, key))
            .ok_or_else(|| missing(&entry, ns, key))?;
        let value_node = entry
            .children()
            .find(|c| c.is(ns, value))
            .ok_or_else(|| missing(&entry, ns, value))?;
        let k: K = read_required(&key_node)?;
        let v = read_value(&value_node)?;
        if map.insert(k, v).is_some() {
            return Err(DecodeError::new("duplicate dictionary key").at(&key_node));
        }
    }
    Ok(map)
}

/// Debug helper for secret fields: prints `"<redacted>"`, or `None` for an absent optional
/// value, so secrets never reach Debug output.
pub struct Redacted<'a, T: ?Sized>(pub &'a T);

/// Values [`Redacted`] can print: it only needs to know whether the value is absent.
pub trait Redact {
    /// `true` for an absent optional value (printed as `None`).
    fn is_absent(&self) -> bool {
        false
    }
}

impl Redact for String {}
impl Redact for str {}
impl<T> Redact for Vec<T> {}
impl<T: Redact + ?Sized> Redact for Box<T> {
    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}
impl<T> Redact for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}
impl<T> Redact for [T] {}
impl<T: Redact + ?Sized> Redact for &T {
    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}
impl<K, V> Redact for IndexMap<K, V> {}
impl<T> Redact for crate::types::FlagSet<T> {}

macro_rules! redact_plain {
    ($($ty:ty),* $(,)?) => {$( impl Redact for $ty {} )*};
}

redact_plain!(
    bool,
    char,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    crate::types::AnyType,
    crate::types::Base64Binary,
    crate::types::DateTime,
    crate::types::Decimal,
    crate::types::Duration,
    crate::types::Guid,
    crate::types::QName,
);

impl<T: Redact + ?Sized> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_absent() {
            f.write_str("None")
        } else {
            f.write_str("\"<redacted>\"")
        }
    }
}
