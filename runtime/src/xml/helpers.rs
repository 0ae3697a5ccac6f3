//! Per-field helpers called by generated encoders and decoders, and [`Redacted`].

use std::fmt;
use std::hash::Hash;

use indexmap::IndexMap;

use super::{Content, XmlContent, XmlReader, XmlWriter};
use crate::error::{clark_name, DecodeError};

/// Decodes a matched, non-nillable element; `xsi:nil` is an error.
#[inline]
pub fn read_required<T: XmlContent>(r: &mut XmlReader<'_>) -> Result<T, DecodeError> {
    read_required_with(r, T::read_content)
}

/// Decodes a matched optional or nillable element; `xsi:nil` gives `None`.
#[inline]
pub fn read_optional<T: XmlContent>(r: &mut XmlReader<'_>) -> Result<Option<T>, DecodeError> {
    read_optional_with(r, T::read_content)
}

/// [`read_required`] with the content decoded by `f`.
#[inline]
pub fn read_required_with<'i, T>(
    r: &mut XmlReader<'i>,
    f: impl FnOnce(&mut XmlReader<'i>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    if r.is_nil() {
        return Err(DecodeError::new("element is nil but not nillable").at(r));
    }
    f(r)
}

/// [`read_optional`] with the content decoded by `f`.
#[inline]
pub fn read_optional_with<'i, T>(
    r: &mut XmlReader<'i>,
    f: impl FnOnce(&mut XmlReader<'i>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    if r.is_nil() {
        r.skip()?;
        return Ok(None);
    }
    f(r).map(Some)
}

/// Decodes every child named `(ns, local)` (tolerant namespace match) of the element the
/// reader stands on, in order, with `read`; other children are skipped.
fn read_each<'i, T>(
    r: &mut XmlReader<'i>,
    ns: &str,
    local: &str,
    mut read: impl FnMut(&mut XmlReader<'i>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut items = Vec::new();
    loop {
        match r.next_content(false)? {
            Content::Child if r.is(ns, local) => items.push(read(r)?),
            Content::Child => r.skip()?,
            Content::Text => {}
            Content::End => return Ok(items),
        }
    }
}

/// Decodes every child named `(ns, local)` in order (tolerant namespace match); other
/// children are skipped.
pub fn read_items<T: XmlContent>(
    r: &mut XmlReader<'_>,
    ns: &str,
    local: &str,
) -> Result<Vec<T>, DecodeError> {
    read_each(r, ns, local, read_required)
}

/// Like [`read_items`], with `xsi:nil` items decoded as `None`.
pub fn read_items_nillable<T: XmlContent>(
    r: &mut XmlReader<'_>,
    ns: &str,
    local: &str,
) -> Result<Vec<Option<T>>, DecodeError> {
    read_each(r, ns, local, read_optional)
}

/// [`read_items`] with each item's content decoded by `f` (arrays of arrays).
pub fn read_items_with<'i, T>(
    r: &mut XmlReader<'i>,
    ns: &str,
    local: &str,
    f: impl Fn(&mut XmlReader<'i>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    read_each(r, ns, local, |c| read_required_with(c, &f))
}

/// [`read_items_nillable`] with each item's content decoded by `f`.
pub fn read_items_nillable_with<'i, T>(
    r: &mut XmlReader<'i>,
    ns: &str,
    local: &str,
    f: impl Fn(&mut XmlReader<'i>) -> Result<T, DecodeError>,
) -> Result<Vec<Option<T>>, DecodeError> {
    read_each(r, ns, local, |c| read_optional_with(c, &f))
}

/// The error for a required child element `(ns, local)` not found in the element `parent`
/// stands on.
pub fn missing(parent: &XmlReader<'_>, ns: &str, local: &str) -> DecodeError {
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
    r: &mut XmlReader<'_>,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
) -> Result<IndexMap<K, V>, DecodeError> {
    read_map_entries(r, ns, pair, key, value, read_required)
}

/// Reads a WCF dictionary whose values are nillable.
pub fn read_map_nillable<K: XmlContent + Hash + Eq, V: XmlContent>(
    r: &mut XmlReader<'_>,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
) -> Result<IndexMap<K, Option<V>>, DecodeError> {
    read_map_entries(r, ns, pair, key, value, read_optional)
}

fn read_map_entries<K: XmlContent + Hash + Eq, V>(
    r: &mut XmlReader<'_>,
    ns: &str,
    pair: &str,
    key: &str,
    value: &str,
    read_value: impl Fn(&mut XmlReader<'_>) -> Result<V, DecodeError>,
) -> Result<IndexMap<K, V>, DecodeError> {
    let mut map = IndexMap::new();
    loop {
        match r.next_content(false)? {
            Content::Child if r.is(ns, pair) => {}
            Content::Child => {
                r.skip()?;
                continue;
            }
            Content::Text => continue,
            Content::End => return Ok(map),
        }
        // One pair: its key and value, in either order.
        let mut k: Option<K> = None;
        let mut v: Option<V> = None;
        loop {
            match r.next_content(false)? {
                Content::Child if k.is_none() && r.is(ns, key) => k = Some(read_required(r)?),
                Content::Child if v.is_none() && r.is(ns, value) => v = Some(read_value(r)?),
                Content::Child => r.skip()?,
                Content::Text => {}
                Content::End => break,
            }
        }
        let k = k.ok_or_else(|| missing(r, ns, key))?;
        let v = v.ok_or_else(|| missing(r, ns, value))?;
        if map.insert(k, v).is_some() {
            // Located at the entry (the reader stands on its end).
            return Err(DecodeError::new("duplicate dictionary key").at(r));
        }
    }
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
