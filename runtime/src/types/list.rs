//! `xs:list` of any simple type.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::error::LexicalError;
use crate::xml::{is_xml_space, SimpleType};

/// An `xs:list`: the items of a simple type separated by whitespace (`<a>1 2 3</a>`,
/// `sizes="1 2 3"`). Order and duplicates are kept (for a list of an enumeration used as a
/// set of flags, see [`FlagSet`](crate::FlagSet)).
///
/// Derefs to the `Vec` of items. Reading splits on XSD whitespace and ignores empty
/// tokens; writing joins the items' lexical forms with single spaces, so an item whose
/// lexical form contains whitespace does not round-trip (the schema forbids such items).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct List<T>(pub Vec<T>);

impl<T> List<T> {
    /// An empty list.
    pub fn new() -> Self {
        List(Vec::new())
    }

    /// The items.
    pub fn into_inner(self) -> Vec<T> {
        self.0
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;

    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(items)
    }
}

impl<T> From<List<T>> for Vec<T> {
    fn from(list: List<T>) -> Self {
        list.0
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: SimpleType> SimpleType for List<T> {
    fn to_lexical(&self) -> Cow<'_, str> {
        let parts: Vec<Cow<'_, str>> = self.0.iter().map(T::to_lexical).collect();
        Cow::Owned(parts.join(" "))
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        s.split(is_xml_space)
            .filter(|t| !t.is_empty())
            .map(T::from_lexical)
            .collect()
    }
}

impl<T: SimpleType> fmt::Display for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_lexical())
    }
}
