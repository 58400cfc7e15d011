//! Human-readable durations, as written in templates: `"250ms"`, `"30s"`,
//! `"5m"`, `"1h30m"`, `"1.5s"`.
//!
//! A duration is one or more `<number><unit>` parts with no spaces between
//! them; the number may have a decimal fraction and the unit is one of `ns`,
//! `us` (or `µs`), `ms`, `s`, `m`, `h`, `d`. A bare number is refused: `30`
//! could mean seconds or milliseconds. [`format_duration`] writes the
//! canonical form, the largest unit that expresses the value exactly (`90s`,
//! `1500ms`, `5m`), which [`parse_duration`] reads back to the same value.

use std::fmt;
use std::time::Duration;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use crate::CoreError;

const NANOS_PER_SECOND: u128 = 1_000_000_000;

/// Units from largest to smallest, with their length in nanoseconds.
const UNITS: &[(&str, u128)] = &[
    ("d", 86_400 * NANOS_PER_SECOND),
    ("h", 3_600 * NANOS_PER_SECOND),
    ("m", 60 * NANOS_PER_SECOND),
    ("s", NANOS_PER_SECOND),
    ("ms", 1_000_000),
    ("us", 1_000),
    ("ns", 1),
];

/// Longest input accepted; anything longer is a mistake, not a duration.
const MAX_LEN: usize = 64;

/// Reads a duration such as `"30s"`, `"250ms"` or `"1h30m"`.
///
/// # Errors
///
/// [`CoreError::InvalidDuration`] for an empty string, a number without a
/// unit, an unknown unit, or a value beyond [`Duration::MAX`].
pub fn parse_duration(text: &str) -> Result<Duration, CoreError> {
    let invalid = |reason: &str| CoreError::InvalidDuration {
        value: text.to_owned(),
        reason: reason.to_owned(),
    };
    let input = text.trim();
    if input.is_empty() {
        return Err(invalid(
            "expected a number followed by a unit (ns, us, ms, s, m, h, d), e.g. \"30s\"",
        ));
    }
    if input.len() > MAX_LEN {
        return Err(invalid("too long"));
    }
    let mut rest = input;
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let digits_end = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(digits_end);
        if number.is_empty() {
            return Err(invalid(
                "expected a number followed by a unit (ns, us, ms, s, m, h, d), e.g. \"30s\"",
            ));
        }
        let unit_end = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_end);
        if unit.is_empty() {
            return Err(invalid(
                "missing unit: add one of ns, us, ms, s, m, h, d (e.g. \"30s\")",
            ));
        }
        let unit = if unit == "µs" { "us" } else { unit };
        let Some(&(_, unit_nanos)) = UNITS.iter().find(|(name, _)| *name == unit) else {
            return Err(invalid(&format!(
                "unknown unit {unit:?}: use ns, us, ms, s, m, h or d"
            )));
        };
        let part = part_nanos(number, unit_nanos).ok_or_else(|| invalid("not a number"))?;
        total = total
            .checked_add(part)
            .ok_or_else(|| invalid("too large"))?;
        rest = next;
    }
    nanos_to_duration(total).ok_or_else(|| invalid("too large"))
}

/// Nanoseconds in `number` (`12`, `1.5`, `.5`) units of `unit_nanos`, or
/// `None` if `number` is not a decimal number.
fn part_nanos(number: &str, unit_nanos: u128) -> Option<u128> {
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (number, ""),
    };
    if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') {
        return None;
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut nanos = whole.checked_mul(unit_nanos)?;
    // Digits beyond nanosecond resolution of the largest unit carry no value.
    let fraction = &fraction[..fraction.len().min(15)];
    if !fraction.is_empty() {
        let digits: u128 = fraction.parse().ok()?;
        let scale = 10u128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
        nanos = nanos.checked_add(digits.checked_mul(unit_nanos)? / scale)?;
    }
    Some(nanos)
}

fn nanos_to_duration(nanos: u128) -> Option<Duration> {
    let secs = u64::try_from(nanos / NANOS_PER_SECOND).ok()?;
    let sub = u32::try_from(nanos % NANOS_PER_SECOND).ok()?;
    Some(Duration::new(secs, sub))
}

/// The canonical text of a duration: the largest unit that expresses it
/// exactly, e.g. `5m`, `90s`, `1500ms`, `0s`.
pub fn format_duration(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    if nanos == 0 {
        return "0s".to_owned();
    }
    for &(unit, unit_nanos) in UNITS {
        if nanos.is_multiple_of(unit_nanos) {
            return format!("{}{unit}", nanos / unit_nanos);
        }
    }
    format!("{nanos}ns")
}

struct DurationVisitor;

impl Visitor<'_> for DurationVisitor {
    type Value = Duration;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a duration such as \"30s\", \"250ms\" or \"5m\"")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Duration, E> {
        parse_duration(value).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Duration, E> {
        Err(E::custom(format!(
            "duration {value} has no unit: write e.g. \"{value}s\" or \"{value}ms\""
        )))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Duration, E> {
        Err(E::custom(format!(
            "duration {value} has no unit: write e.g. \"{value}s\" or \"{value}ms\""
        )))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Duration, E> {
        Err(E::custom(format!(
            "duration {value} has no unit: write e.g. \"{value}s\""
        )))
    }
}

/// Serde helpers for a [`Duration`] field written as a human string
/// (`#[serde(with = "tasker_core::duration::human")]`): written in the
/// canonical form, read by [`parse_duration`], a bare number refused.
pub mod human {
    use super::*;

    /// Writes `value` in its canonical form ([`format_duration`]).
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<S: Serializer>(value: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_duration(*value))
    }

    /// Reads a duration such as `"30s"` ([`parse_duration`]).
    ///
    /// # Errors
    /// When the value is not a string or not a duration.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        d.deserialize_any(DurationVisitor)
    }
}

/// Serde helpers for an `Option<Duration>` field written as a human string;
/// `null` and absence are `None`.
pub(crate) mod human_opt {
    use serde::Deserialize;

    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Duration>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(duration) => s.serialize_str(&format_duration(*duration)),
            None => s.serialize_none(),
        }
    }

    #[derive(Deserialize)]
    struct Wrapper(#[serde(with = "human")] Duration);

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Duration>, D::Error> {
        Ok(Option::<Wrapper>::deserialize(d)?.map(|Wrapper(duration)| duration))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn reads_the_usual_forms() {
        let cases = [
            ("250ms", Duration::from_millis(250)),
            ("30s", Duration::from_secs(30)),
            ("5m", Duration::from_secs(300)),
            ("2h", Duration::from_secs(7200)),
            ("1d", Duration::from_secs(86_400)),
            ("1h30m", Duration::from_secs(5400)),
            ("1.5s", Duration::from_millis(1500)),
            ("0.250s", Duration::from_millis(250)),
            (".5m", Duration::from_secs(30)),
            ("10us", Duration::from_micros(10)),
            ("10µs", Duration::from_micros(10)),
            ("7ns", Duration::from_nanos(7)),
            ("0s", Duration::ZERO),
            (" 3s ", Duration::from_secs(3)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_duration(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_ambiguous_or_wrong() {
        for text in [
            "", "30", "s", "5 m", "5x", "1.2.3s", "..s", "-5s", "5s3", "1e3s", "ms5",
        ] {
            assert!(parse_duration(text).is_err(), "{text:?} should be refused");
        }
        let err = parse_duration("30").unwrap_err();
        assert!(err.to_string().contains("missing unit"), "{err}");
        let err = parse_duration("3 weeks").unwrap_err();
        assert!(err.to_string().contains("unknown unit"), "{err}");
        assert!(parse_duration("99999999999999999999999999d").is_err());
        assert!(
            parse_duration("213503982334602d").is_err(),
            "beyond Duration::MAX"
        );
    }

    #[test]
    fn formats_canonically() {
        assert_eq!(format_duration(Duration::ZERO), "0s");
        assert_eq!(format_duration(Duration::from_secs(300)), "5m");
        assert_eq!(format_duration(Duration::from_secs(90)), "90s");
        assert_eq!(format_duration(Duration::from_millis(1500)), "1500ms");
        assert_eq!(format_duration(Duration::from_secs(86_400)), "1d");
        assert_eq!(
            format_duration(Duration::from_nanos(1_000_001)),
            "1000001ns"
        );
        assert_eq!(
            parse_duration(&format_duration(Duration::MAX)),
            Ok(Duration::MAX)
        );
    }

    proptest! {
        #[test]
        fn canonical_text_round_trips(secs in any::<u64>(), nanos in 0u32..1_000_000_000) {
            let duration = Duration::new(secs, nanos);
            prop_assert_eq!(parse_duration(&format_duration(duration)), Ok(duration));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,24}") {
            let _ = parse_duration(&text);
        }

        #[test]
        fn parsing_digits_and_units_never_panics(text in "[0-9.]{0,30}(ns|us|ms|s|m|h|d|x)?[0-9.]{0,5}") {
            let _ = parse_duration(&text);
        }
    }
}
