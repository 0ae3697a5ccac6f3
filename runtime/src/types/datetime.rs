//! `xs:dateTime` as WCF writes it.

use std::borrow::Cow;

use super::{format_fraction, minimal_fraction_digits, parse_digits, parse_fraction};
use crate::error::LexicalError;
use crate::xml::{trim_xml, SimpleType};

const XSD: &str = "xs:dateTime";

/// The timezone part of a [`DateTime`], kept as written so values round-trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tz {
    /// No timezone (local / unspecified).
    #[default]
    Unspecified,
    /// `Z`.
    Utc,
    /// `+hh:mm` / `-hh:mm`: minutes east of UTC (at most 14 hours either way).
    Offset(i16),
}

impl Tz {
    /// Minutes east of UTC; `None` when unspecified.
    pub fn offset_minutes(self) -> Option<i32> {
        match self {
            Tz::Unspecified => None,
            Tz::Utc => Some(0),
            Tz::Offset(m) => Some(i32::from(m)),
        }
    }

    fn is_valid(self) -> bool {
        match self {
            Tz::Offset(m) => (-14 * 60..=14 * 60).contains(&m),
            _ => true,
        }
    }
}

/// An `xs:dateTime`: `2024-01-31T12:34:56`, optional fractional seconds and optional
/// timezone (`Z`, `+hh:mm`, `-hh:mm`).
///
/// The number of fraction digits and the timezone spelling are kept, so
/// `to_lexical(from_lexical(s)) == s` for every valid input with at most 9 fraction digits
/// (further digits are accepted and dropped). `24:00:00` is accepted as XSD allows.
/// Equality is structural (two instants in different offsets are not equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    fraction_digits: u8,
    tz: Tz,
}

impl Default for DateTime {
    /// `0001-01-01T00:00:00` (.NET `DateTime.MinValue`).
    fn default() -> Self {
        DateTime {
            year: 1,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
            fraction_digits: 0,
            tz: Tz::Unspecified,
        }
    }
}

fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl DateTime {
    /// A date and time without fraction or timezone; fails on out-of-range fields.
    pub fn new(
        year: i32,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
    ) -> Result<Self, LexicalError> {
        let dt = DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            ..DateTime::default()
        };
        dt.validate()?;
        Ok(dt)
    }

    /// Sets the fractional second; written with as many digits as needed (none for 0).
    pub fn with_nanosecond(mut self, nanosecond: u32) -> Result<Self, LexicalError> {
        if nanosecond > 999_999_999 {
            return Err(LexicalError::invalid_because(
                XSD,
                "nanosecond out of range",
            ));
        }
        self.nanosecond = nanosecond;
        self.fraction_digits = minimal_fraction_digits(nanosecond);
        self.validate()?;
        Ok(self)
    }

    /// Sets the timezone.
    pub fn with_tz(mut self, tz: Tz) -> Result<Self, LexicalError> {
        if !tz.is_valid() {
            return Err(LexicalError::invalid_because(XSD, "timezone out of range"));
        }
        self.tz = tz;
        Ok(self)
    }

    /// Year (may be negative or above 9999).
    pub fn year(&self) -> i32 {
        self.year
    }
    /// Month, 1-12.
    pub fn month(&self) -> u8 {
        self.month
    }
    /// Day of the month, 1-31.
    pub fn day(&self) -> u8 {
        self.day
    }
    /// Hour, 0-23 (24 only for `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.hour
    }
    /// Minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.minute
    }
    /// Second, 0-59.
    pub fn second(&self) -> u8 {
        self.second
    }
    /// Fractional second in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.nanosecond
    }
    /// The timezone as written.
    pub fn tz(&self) -> Tz {
        self.tz
    }
    /// Minutes east of UTC; `None` when no timezone was given.
    pub fn offset(&self) -> Option<i32> {
        self.tz.offset_minutes()
    }

    fn validate(&self) -> Result<(), LexicalError> {
        let err = |reason| Err(LexicalError::invalid_because(XSD, reason));
        if !(1..=12).contains(&self.month) {
            return err("month out of range");
        }
        if self.day < 1 || self.day > days_in_month(self.year, self.month) {
            return err("day out of range");
        }
        let end_of_day =
            self.hour == 24 && self.minute == 0 && self.second == 0 && self.nanosecond == 0;
        if self.hour > 23 && !end_of_day {
            return err("hour out of range");
        }
        if self.minute > 59 {
            return err("minute out of range");
        }
        if self.second > 59 {
            return err("second out of range");
        }
        if !self.tz.is_valid() {
            return err("timezone out of range");
        }
        Ok(())
    }
}

/// Parses `[-]YYYY` (at least 4 digits, no leading zero beyond 4) and returns the rest.
fn parse_year(s: &str) -> Option<(i32, &str)> {
    let (negative, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let end = unsigned.find(|c: char| !c.is_ascii_digit())?;
    let digits = &unsigned[..end];
    if digits.len() < 4 || (digits.len() > 4 && digits.starts_with('0')) || digits.len() > 9 {
        return None;
    }
    let year = i32::try_from(parse_digits(digits)?).ok()?;
    Some((if negative { -year } else { year }, &unsigned[end..]))
}

/// Two digits at `s[at..at+2]`.
fn two_digits(s: &str, at: usize) -> Option<u8> {
    let part = s.get(at..at + 2)?;
    u8::try_from(parse_digits(part)?).ok()
}

/// Parses a timezone suffix (`""`, `Z`, `+hh:mm`, `-hh:mm`).
pub(crate) fn parse_tz(s: &str) -> Option<Tz> {
    match s {
        "" => return Some(Tz::Unspecified),
        "Z" => return Some(Tz::Utc),
        _ => {}
    }
    let sign: i16 = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if s.len() != 6 || s.as_bytes().get(3) != Some(&b':') {
        return None;
    }
    let hours = i16::from(two_digits(s, 1)?);
    let minutes = i16::from(two_digits(s, 4)?);
    if minutes > 59 || hours > 14 || (hours == 14 && minutes != 0) {
        return None;
    }
    Some(Tz::Offset(sign * (hours * 60 + minutes)))
}

/// Writes a timezone suffix.
pub(crate) fn format_tz(tz: Tz, out: &mut String) {
    match tz {
        Tz::Unspecified => {}
        Tz::Utc => out.push('Z'),
        Tz::Offset(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            let abs = m.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
        }
    }
}

fn parse(s: &str) -> Option<DateTime> {
    let (year, rest) = parse_year(s)?;
    // rest: -MM-DDTHH:MM:SS...
    let b = rest.as_bytes();
    let sep_ok = b.len() >= 15
        && b[0] == b'-'
        && b[3] == b'-'
        && b[6] == b'T'
        && b[9] == b':'
        && b[12] == b':';
    if !sep_ok {
        return None;
    }
    let month = two_digits(rest, 1)?;
    let day = two_digits(rest, 4)?;
    let hour = two_digits(rest, 7)?;
    let minute = two_digits(rest, 10)?;
    let second = two_digits(rest, 13)?;
    let mut tail = rest.get(15..)?;
    let (mut nanosecond, mut fraction_digits) = (0, 0);
    if let Some(frac) = tail.strip_prefix('.') {
        let end = frac
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(frac.len());
        (nanosecond, fraction_digits) = parse_fraction(&frac[..end])?;
        tail = &frac[end..];
    }
    let tz = parse_tz(tail)?;
    let dt = DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanosecond,
        fraction_digits,
        tz,
    };
    dt.validate().ok()?;
    Some(dt)
}

impl SimpleType for DateTime {
    fn to_lexical(&self) -> Cow<'_, str> {
        let mut out = String::with_capacity(33);
        if self.year < 0 {
            out.push('-');
        }
        out.push_str(&format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year.unsigned_abs(),
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second
        ));
        if self.fraction_digits > 0 {
            out.push('.');
            out.push_str(&format_fraction(self.nanosecond, self.fraction_digits));
        }
        format_tz(self.tz, &mut out);
        Cow::Owned(out)
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        parse(trim_xml(s)).ok_or_else(|| LexicalError::invalid(XSD))
    }
}

super::lexical_display_fromstr!(DateTime);
