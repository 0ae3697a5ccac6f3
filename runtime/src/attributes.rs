//! The `#[xml(...)]` attribute vocabulary of the derives (documentation only).
