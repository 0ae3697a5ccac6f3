//! Converting [`DateTime`] to and from points in time (`SystemTime`, Unix nanoseconds).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::datetime::{DateTime, Tz};

const NANOS_PER_SEC: i128 = 1_000_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl DateTime {
    /// Nanoseconds since 1970-01-01T00:00:00Z, or `None` for a value without timezone (WCF's
    /// "unspecified" kind, which names no single instant).
    pub fn to_unix_nanos(&self) -> Option<i128> {
        let offset = self.tz().offset_minutes()?;
        let days = i128::from(days_from_civil(self.year(), self.month(), self.day()));
        let seconds = days * 86_400
            + i128::from(self.hour()) * 3_600
            + i128::from(self.minute()) * 60
            + i128::from(self.second())
            - i128::from(offset) * 60;
        Some(seconds * NANOS_PER_SEC + i128::from(self.nanosecond()))
    }

    /// The UTC (`Z`) value for nanoseconds since 1970-01-01T00:00:00Z; `None` outside the years
    /// an `i32` holds.
    pub fn from_unix_nanos(nanos: i128) -> Option<DateTime> {
        let seconds = nanos.div_euclid(NANOS_PER_SEC);
        let nanosecond = u32::try_from(nanos.rem_euclid(NANOS_PER_SEC)).ok()?;
        let days = i64::try_from(seconds.div_euclid(86_400)).ok()?;
        let in_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let year = i32::try_from(year).ok()?;
        let hour = u8::try_from(in_day / 3_600).ok()?;
        let minute = u8::try_from(in_day % 3_600 / 60).ok()?;
        let second = u8::try_from(in_day % 60).ok()?;
        DateTime::new(year, month, day, hour, minute, second)
            .and_then(|d| d.with_nanosecond(nanosecond))
            .and_then(|d| d.with_tz(Tz::Utc))
            .ok()
    }

    /// The instant as a `SystemTime`; `None` without timezone or before/after what
    /// `SystemTime` represents.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let nanos = self.to_unix_nanos()?;
        let magnitude = Duration::new(
            u64::try_from(nanos.unsigned_abs() / NANOS_PER_SEC as u128).ok()?,
            u32::try_from(nanos.unsigned_abs() % NANOS_PER_SEC as u128).ok()?,
        );
        if nanos >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }

    /// The UTC (`Z`) value of a `SystemTime`, with as many fraction digits as needed.
    pub fn from_system_time(time: SystemTime) -> Option<DateTime> {
        let nanos = match time.duration_since(UNIX_EPOCH) {
            Ok(d) => i128::try_from(d.as_nanos()).ok()?,
            Err(e) => -i128::try_from(e.duration().as_nanos()).ok()?,
        };
        DateTime::from_unix_nanos(nanos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::SimpleType;

    fn dt(s: &str) -> DateTime {
        DateTime::from_lexical(s).expect("valid")
    }

    #[test]
    fn instants_account_for_the_offset() {
        assert_eq!(dt("1970-01-01T00:00:00Z").to_unix_nanos(), Some(0));
        assert_eq!(dt("1970-01-01T01:00:00+01:00").to_unix_nanos(), Some(0));
        assert_eq!(
            dt("1969-12-31T23:59:59.5Z").to_unix_nanos(),
            Some(-500_000_000)
        );
        assert_eq!(
            dt("2021-11-30T13:23:54Z").to_unix_nanos(),
            Some(1_638_278_634 * NANOS_PER_SEC)
        );
        assert_eq!(
            dt("2021-11-30T13:23:54").to_unix_nanos(),
            None,
            "unspecified kind"
        );
    }

    #[test]
    fn unix_nanos_round_trip_across_eras_and_leap_days() {
        for s in [
            "2024-02-29T23:59:59.1234567Z",
            "0001-01-01T00:00:00Z",
            "1600-03-01T12:00:00Z",
            "9999-12-31T23:59:59.9999999Z",
            "1969-07-20T20:17:40Z",
        ] {
            let nanos = dt(s).to_unix_nanos().expect("has a timezone");
            let back = DateTime::from_unix_nanos(nanos).expect("in range");
            assert_eq!(back.to_unix_nanos(), Some(nanos), "{s}");
            assert_eq!(back.to_lexical(), s, "{s}");
        }
    }

    #[test]
    fn system_time_conversions() {
        let t = UNIX_EPOCH + Duration::new(1_638_278_634, 250_000_000);
        let d = DateTime::from_system_time(t).expect("in range");
        assert_eq!(d.to_lexical(), "2021-11-30T13:23:54.25Z");
        assert_eq!(d.to_system_time(), Some(t));
        assert_eq!(dt("2021-11-30T14:23:54.25+01:00").to_system_time(), Some(t));
        let before = UNIX_EPOCH - Duration::from_secs(86_400);
        assert_eq!(
            DateTime::from_system_time(before).map(|d| d.to_lexical().into_owned()),
            Some("1969-12-31T00:00:00Z".to_owned())
        );
    }
}
