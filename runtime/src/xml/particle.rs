//! Optional and repeated particles: a choice or a model group flattened into its parent as
//! `Option<T>` (`minOccurs="0"`) or `Vec<T>` (`maxOccurs > 1`).

use super::{XmlChoice, XmlFields, XmlReader, XmlWriter};
use crate::error::DecodeError;

/// What one occurrence of a particle made of an offered child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// The child belongs to the current occurrence.
    Taken,
    /// The child is not one of the particle's elements.
    Refused,
    /// The current occurrence is complete: the child may begin the next one.
    Full,
}

/// One occurrence of a choice or of a model group, read child by child (implemented for
/// every [`XmlChoice`], and by `#[derive(XmlContent)]` for `#[xml(group)]` structs).
pub trait XmlParticle: Sized {
    /// The decoding state of one occurrence.
    type State;
    /// The state before the occurrence's first child.
    const EMPTY_STATE: Self::State;
    /// Offers a child to the occurrence.
    fn offer(state: &mut Self::State, child: &mut XmlReader<'_>) -> Result<Offer, DecodeError>;
    /// Whether the occurrence took a child.
    fn started(state: &Self::State) -> bool;
    /// Builds the occurrence (only called when [`started`](Self::started)).
    fn finish_occurrence(
        state: Self::State,
        parent: Option<&XmlReader<'_>>,
    ) -> Result<Self, DecodeError>;
    /// Writes the occurrence's elements.
    fn write_occurrence(&self, w: &mut XmlWriter);
}

/// A choice occurrence is its one element.
impl<T: XmlChoice> XmlParticle for T {
    type State = Option<T>;
    const EMPTY_STATE: Self::State = None;

    fn offer(state: &mut Self::State, child: &mut XmlReader<'_>) -> Result<Offer, DecodeError> {
        if state.is_some() {
            return Ok(Offer::Full);
        }
        Ok(match T::read_choice(child)? {
            Some(value) => {
                *state = Some(value);
                Offer::Taken
            }
            None => Offer::Refused,
        })
    }

    fn started(state: &Self::State) -> bool {
        state.is_some()
    }

    fn finish_occurrence(
        state: Self::State,
        parent: Option<&XmlReader<'_>>,
    ) -> Result<Self, DecodeError> {
        state.ok_or_else(|| super::missing_choice::<T>(parent))
    }

    fn write_occurrence(&self, w: &mut XmlWriter) {
        self.write_choice(w);
    }
}

/// What a `#[xml(group)]` struct adds to its [`XmlFields`]: which children its slots already
/// hold, so that a repeated group starts a new occurrence there.
pub trait XmlGroup: XmlFields {
    /// Whether `child` is an element of a non-repeated field whose slot is already filled.
    fn occupied(slots: &Self::Slots, child: &XmlReader<'_>) -> bool;
}

/// [`XmlParticle::offer`] of a group: `Full` when the child's slot is filled, else the
/// group's own `read_child`.
pub fn group_offer<T: XmlGroup>(
    state: &mut (bool, T::Slots),
    child: &mut XmlReader<'_>,
) -> Result<Offer, DecodeError> {
    if state.0 && T::occupied(&state.1, child) {
        return Ok(Offer::Full);
    }
    if T::read_child(&mut state.1, child)? {
        state.0 = true;
        Ok(Offer::Taken)
    } else {
        Ok(Offer::Refused)
    }
}

/// An optional particle: zero or one occurrence. Once complete it takes no more children, so
/// a later field (another occurrence of the same particle) can.
impl<T: XmlParticle> XmlFields for Option<T> {
    type Slots = T::State;
    const EMPTY_SLOTS: Self::Slots = T::EMPTY_STATE;

    fn read_child(slots: &mut Self::Slots, child: &mut XmlReader<'_>) -> Result<bool, DecodeError> {
        Ok(T::offer(slots, child)? == Offer::Taken)
    }

    fn finish(slots: Self::Slots, parent: Option<&XmlReader<'_>>) -> Result<Self, DecodeError> {
        if T::started(&slots) {
            T::finish_occurrence(slots, parent).map(Some)
        } else {
            Ok(None)
        }
    }

    fn write_children(&self, w: &mut XmlWriter) {
        if let Some(value) = self {
            value.write_occurrence(w);
        }
    }
}

/// A repeated particle: occurrences in document order; a child that the current occurrence
/// already holds (a choice's second element, a group element seen again) starts the next.
impl<T: XmlParticle> XmlFields for Vec<T> {
    type Slots = (Vec<T>, T::State);
    const EMPTY_SLOTS: Self::Slots = (Vec::new(), T::EMPTY_STATE);

    fn read_child(slots: &mut Self::Slots, child: &mut XmlReader<'_>) -> Result<bool, DecodeError> {
        match T::offer(&mut slots.1, child)? {
            Offer::Taken => Ok(true),
            Offer::Refused => Ok(false),
            Offer::Full => {
                let done = std::mem::replace(&mut slots.1, T::EMPTY_STATE);
                // The occurrence's errors cannot name the parent here: the reader stands on
                // the child that begins the next occurrence.
                slots.0.push(T::finish_occurrence(done, None)?);
                Ok(T::offer(&mut slots.1, child)? == Offer::Taken)
            }
        }
    }

    fn finish(slots: Self::Slots, parent: Option<&XmlReader<'_>>) -> Result<Self, DecodeError> {
        let (mut items, current) = slots;
        if T::started(&current) {
            items.push(T::finish_occurrence(current, parent)?);
        }
        Ok(items)
    }

    fn write_children(&self, w: &mut XmlWriter) {
        for value in self {
            value.write_occurrence(w);
        }
    }
}
