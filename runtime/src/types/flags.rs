//! `xs:list` of an enumeration (WCF `[Flags]` enums).

use std::borrow::Cow;
use std::fmt;

use crate::error::LexicalError;
use crate::xml::{is_xml_space, SimpleType};

/// An insertion-ordered set without duplicates (Vec-backed), for `xs:list` of an
/// enumeration. Lexical form: the items separated by single spaces.
///
/// Equality ignores order.
#[derive(Debug, Clone)]
pub struct FlagSet<T> {
    items: Vec<T>,
}

impl<T> Default for FlagSet<T> {
    fn default() -> Self {
        FlagSet { items: Vec::new() }
    }
}

impl<T: PartialEq> FlagSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `value`; `false` if it was already present.
    pub fn insert(&mut self, value: T) -> bool {
        if self.items.contains(&value) {
            false
        } else {
            self.items.push(value);
            true
        }
    }

    /// Whether `value` is present.
    pub fn contains(&self, value: &T) -> bool {
        self.items.contains(value)
    }

    /// Removes `value`; `false` if it was absent.
    pub fn remove(&mut self, value: &T) -> bool {
        match self.items.iter().position(|v| v == value) {
            Some(i) => {
                self.items.remove(i);
                true
            }
            None => false,
        }
    }
}

impl<T> FlagSet<T> {
    /// The items in insertion order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `true` when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items in insertion order.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<T: PartialEq> PartialEq for FlagSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|v| other.contains(v))
    }
}

impl<T: Eq> Eq for FlagSet<T> {}

impl<T: PartialEq> FromIterator<T> for FlagSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = FlagSet::new();
        set.extend(iter);
        set
    }
}

impl<T: PartialEq> Extend<T> for FlagSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.insert(value);
        }
    }
}

impl<'a, T> IntoIterator for &'a FlagSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> IntoIterator for FlagSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T: SimpleType + PartialEq> SimpleType for FlagSet<T> {
    fn to_lexical(&self) -> Cow<'_, str> {
        let parts: Vec<Cow<'_, str>> = self.items.iter().map(T::to_lexical).collect();
        Cow::Owned(parts.join(" "))
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        let mut set = FlagSet::new();
        for token in s.split(is_xml_space).filter(|t| !t.is_empty()) {
            set.insert(T::from_lexical(token)?);
        }
        Ok(set)
    }
}

impl<T: SimpleType + PartialEq> fmt::Display for FlagSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_lexical())
    }
}
