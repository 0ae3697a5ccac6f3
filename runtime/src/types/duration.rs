//! `xs:duration`.

use std::borrow::Cow;

use super::{format_fraction, minimal_fraction_digits, parse_fraction};
use crate::error::LexicalError;
use crate::xml::{trim_xml, SimpleType};

const XSD: &str = "xs:duration";

/// An `xs:duration` such as `P1DT2H3M4.5S`, `-PT5M` or `PT0S`.
///
/// Components are kept as written (which ones are present, fraction digit count), so
/// canonical inputs round-trip exactly. Equality is structural: `PT60S != PT1M`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    years: Option<u64>,
    months: Option<u64>,
    days: Option<u64>,
    hours: Option<u64>,
    minutes: Option<u64>,
    /// Whole seconds, nanoseconds, fraction digits written.
    seconds: Option<(u64, u32, u8)>,
}

impl Default for Duration {
    /// `PT0S`.
    fn default() -> Self {
        Duration {
            negative: false,
            years: None,
            months: None,
            days: None,
            hours: None,
            minutes: None,
            seconds: Some((0, 0, 0)),
        }
    }
}

impl Duration {
    /// A positive duration written as WCF writes a `TimeSpan`: days, hours, minutes and
    /// seconds (with fraction), zero components omitted; `PT0S` for zero.
    pub fn from_std(d: std::time::Duration) -> Self {
        let total = d.as_secs();
        let nanos = d.subsec_nanos();
        let nonzero = |v: u64| (v != 0).then_some(v);
        let days = nonzero(total / 86_400);
        let hours = nonzero(total % 86_400 / 3_600);
        let minutes = nonzero(total % 3_600 / 60);
        let secs = total % 60;
        let seconds = if secs != 0 || nanos != 0 || total == 0 {
            Some((secs, nanos, minimal_fraction_digits(nanos)))
        } else {
            None
        };
        Duration {
            negative: false,
            years: None,
            months: None,
            days,
            hours,
            minutes,
            seconds,
        }
    }

    /// The magnitude as a `std::time::Duration`, counting a year as 365 days and a month as
    /// 30 days (the .NET `XmlConvert` convention). `None` if negative or too large.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        if self.negative {
            return None;
        }
        let secs = self.whole_seconds()?;
        Some(std::time::Duration::new(secs, self.nanoseconds()))
    }

    /// Total signed seconds, with the same year/month convention as [`to_std`](Self::to_std).
    pub fn total_seconds_f64(&self) -> f64 {
        let part = |v: Option<u64>, unit: f64| v.unwrap_or(0) as f64 * unit;
        let (secs, nanos, _) = self.seconds.unwrap_or((0, 0, 0));
        let total = part(self.years, 365.0 * 86_400.0)
            + part(self.months, 30.0 * 86_400.0)
            + part(self.days, 86_400.0)
            + part(self.hours, 3_600.0)
            + part(self.minutes, 60.0)
            + secs as f64
            + f64::from(nanos) / 1e9;
        if self.negative {
            -total
        } else {
            total
        }
    }

    fn whole_seconds(&self) -> Option<u64> {
        let mut total: u64 = 0;
        let units = [
            (self.years, 365 * 86_400),
            (self.months, 30 * 86_400),
            (self.days, 86_400),
            (self.hours, 3_600),
            (self.minutes, 60),
            (self.seconds.map(|(s, _, _)| s), 1),
        ];
        for (value, unit) in units {
            total = total.checked_add(value.unwrap_or(0).checked_mul(unit)?)?;
        }
        Some(total)
    }

    /// The sign.
    pub fn is_negative(&self) -> bool {
        self.negative
    }
    /// Years component (0 when absent).
    pub fn years(&self) -> u64 {
        self.years.unwrap_or(0)
    }
    /// Months component (0 when absent).
    pub fn months(&self) -> u64 {
        self.months.unwrap_or(0)
    }
    /// Days component (0 when absent).
    pub fn days(&self) -> u64 {
        self.days.unwrap_or(0)
    }
    /// Hours component (0 when absent).
    pub fn hours(&self) -> u64 {
        self.hours.unwrap_or(0)
    }
    /// Minutes component (0 when absent).
    pub fn minutes(&self) -> u64 {
        self.minutes.unwrap_or(0)
    }
    /// Whole seconds component (0 when absent).
    pub fn seconds(&self) -> u64 {
        self.seconds.map_or(0, |(s, _, _)| s)
    }
    /// Fractional seconds in nanoseconds.
    pub fn nanoseconds(&self) -> u32 {
        self.seconds.map_or(0, |(_, n, _)| n)
    }
}

/// Splits `s` into a leading number and the designator letter following it.
fn take_component(s: &str) -> Option<(&str, char, &str)> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let designator = s[end..].chars().next()?;
    Some((&s[..end], designator, &s[end + designator.len_utf8()..]))
}

fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse(s: &str) -> Option<Duration> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((date, time)) => {
            if time.is_empty() {
                return None;
            }
            (date, Some(time))
        }
        None => (rest, None),
    };
    let mut d = Duration {
        negative,
        years: None,
        months: None,
        days: None,
        hours: None,
        minutes: None,
        seconds: None,
    };
    // Date designators must appear in order Y, M, D.
    let mut input = date_part;
    let mut order = 0;
    while !input.is_empty() {
        let (number, designator, tail) = take_component(input)?;
        let (slot, rank) = match designator {
            'Y' => (&mut d.years, 1),
            'M' => (&mut d.months, 2),
            'D' => (&mut d.days, 3),
            _ => return None,
        };
        if rank <= order {
            return None;
        }
        order = rank;
        *slot = Some(parse_u64(number)?);
        input = tail;
    }
    let mut input = time_part.unwrap_or("");
    let mut order = 0;
    while !input.is_empty() {
        let (number, designator, tail) = take_component(input)?;
        let rank = match designator {
            'H' => 1,
            'M' => 2,
            'S' => 3,
            _ => return None,
        };
        if rank <= order {
            return None;
        }
        order = rank;
        match designator {
            'H' => d.hours = Some(parse_u64(number)?),
            'M' => d.minutes = Some(parse_u64(number)?),
            _ => {
                let (whole, frac) = match number.split_once('.') {
                    Some((whole, frac)) => (whole, Some(frac)),
                    None => (number, None),
                };
                let secs = parse_u64(whole)?;
                let (nanos, digits) = match frac {
                    Some(frac) => parse_fraction(frac)?,
                    None => (0, 0),
                };
                d.seconds = Some((secs, nanos, digits));
            }
        }
        input = tail;
    }
    let any = d.years.is_some()
        || d.months.is_some()
        || d.days.is_some()
        || d.hours.is_some()
        || d.minutes.is_some()
        || d.seconds.is_some();
    any.then_some(d)
}

impl SimpleType for Duration {
    fn to_lexical(&self) -> Cow<'_, str> {
        let mut out = String::new();
        if self.negative {
            out.push('-');
        }
        out.push('P');
        for (value, designator) in [(self.years, 'Y'), (self.months, 'M'), (self.days, 'D')] {
            if let Some(v) = value {
                out.push_str(&format!("{v}{designator}"));
            }
        }
        if self.hours.is_some() || self.minutes.is_some() || self.seconds.is_some() {
            out.push('T');
            for (value, designator) in [(self.hours, 'H'), (self.minutes, 'M')] {
                if let Some(v) = value {
                    out.push_str(&format!("{v}{designator}"));
                }
            }
            if let Some((secs, nanos, digits)) = self.seconds {
                out.push_str(&secs.to_string());
                if digits > 0 {
                    out.push('.');
                    out.push_str(&format_fraction(nanos, digits));
                }
                out.push('S');
            }
        }
        Cow::Owned(out)
    }

    fn from_lexical(s: &str) -> Result<Self, LexicalError> {
        parse(trim_xml(s)).ok_or_else(|| LexicalError::invalid(XSD))
    }
}

super::lexical_display_fromstr!(Duration);
