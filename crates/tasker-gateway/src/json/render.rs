//! Proto3 JSON for a `DynamicMessage`, written straight from its fields.
//!
//! [`JsonMessage`] is the `Serialize` impl every JSON answer goes through
//! (REST, its streams, Connect). It writes what prost-reflect's own impl
//! writes with the default `SerializeOptions` — the same keys (`json_name`)
//! in the same order (field number, then extensions), default values
//! skipped, 64-bit integers as strings, enums by name (an unknown number as
//! the number), bytes in padded standard base64, and the well-known types in
//! their JSON forms, with the same errors for the values that have none (a
//! Timestamp or Duration out of range, a non-finite number in a
//! `google.protobuf.Value`, a FieldMask path with no camelCase form, an Any
//! whose type is not in the pool) — but it reads the well-known types from
//! the message's own fields instead of re-encoding them into `prost_types`,
//! formats numbers, Timestamps and Durations in stack buffers, and streams
//! base64, so a message costs no allocation beyond the output (a `Struct`
//! sorts its keys in one `Vec`, a FieldMask builds its string, an Any decodes
//! its payload). Put it through [`super::Canonical`] (as [`super::to_vec`]
//! and [`super::to_value`] do) for json_format's float digits.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use base64::{display::Base64Display, prelude::BASE64_STANDARD};
use prost_reflect::{
    DynamicMessage, EnumDescriptor, ExtensionDescriptor, FieldDescriptor, MapKey,
    MessageDescriptor, ReflectMessage, Value,
};
use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};

use super::non_finite;

/// A message rendered as proto3 JSON.
pub struct JsonMessage<'a>(pub &'a DynamicMessage);

impl Serialize for JsonMessage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        message(self.0, serializer)
    }
}

/// The well-known types that have a JSON form of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WellKnown {
    Any,
    Timestamp,
    Duration,
    Struct,
    Value,
    ListValue,
    FieldMask,
    Empty,
    /// `FloatValue`, `Int64Value`, …: the `value` field, bare.
    Wrapper,
}

fn well_known(full_name: &str) -> Option<WellKnown> {
    let name = full_name.strip_prefix("google.protobuf.")?;
    Some(match name {
        "Any" => WellKnown::Any,
        "Timestamp" => WellKnown::Timestamp,
        "Duration" => WellKnown::Duration,
        "Struct" => WellKnown::Struct,
        "Value" => WellKnown::Value,
        "ListValue" => WellKnown::ListValue,
        "FieldMask" => WellKnown::FieldMask,
        "Empty" => WellKnown::Empty,
        "FloatValue" | "DoubleValue" | "Int32Value" | "Int64Value" | "UInt32Value"
        | "UInt64Value" | "BoolValue" | "StringValue" | "BytesValue" => WellKnown::Wrapper,
        _ => return None,
    })
}

fn message<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let desc = msg.descriptor();
    match well_known(desc.full_name()) {
        None => {
            let mut map = serializer.serialize_map(None)?;
            fields(&mut map, msg, &desc)?;
            map.end()
        }
        Some(WellKnown::Any) => any(msg, serializer),
        Some(WellKnown::Timestamp) => timestamp(msg, serializer),
        Some(WellKnown::Duration) => duration(msg, serializer),
        Some(WellKnown::Struct) => structure(msg, serializer),
        Some(WellKnown::Value) => value(msg, serializer),
        Some(WellKnown::ListValue) => list(msg, serializer),
        Some(WellKnown::FieldMask) => field_mask(msg, serializer),
        Some(WellKnown::Empty) => serializer.serialize_map(Some(0))?.end(),
        Some(WellKnown::Wrapper) => wrapped(msg, serializer),
    }
}

/// The fields of `msg` that are set (not default), by number, then its
/// extensions.
fn fields<M: SerializeMap>(
    map: &mut M,
    msg: &DynamicMessage,
    desc: &MessageDescriptor,
) -> Result<(), M::Error> {
    for (field, value) in msg.fields() {
        map.serialize_entry(
            field.json_name(),
            &Field {
                value,
                of: Of::Field(&field),
            },
        )?;
    }
    if desc.extensions().len() > 0 {
        for (extension, value) in msg.extensions() {
            map.serialize_entry(
                extension.json_name(),
                &Field {
                    value,
                    of: Of::Extension(&extension),
                },
            )?;
        }
    }
    Ok(())
}

/// Where a value sits, for the one thing a value does not say about itself:
/// the enum type of an enum number.
#[derive(Clone, Copy)]
enum Of<'a> {
    Field(&'a FieldDescriptor),
    Extension(&'a ExtensionDescriptor),
    /// A value of the map field.
    MapValue(&'a FieldDescriptor),
}

impl Of<'_> {
    fn enum_type(self) -> Option<EnumDescriptor> {
        let kind = match self {
            Of::Field(field) => field.kind(),
            Of::Extension(extension) => extension.kind(),
            Of::MapValue(field) => field.kind().as_message()?.map_entry_value_field().kind(),
        };
        kind.as_enum().cloned()
    }
}

/// A field's value (or an element of a list, or a map value).
struct Field<'a> {
    value: &'a Value,
    of: Of<'a>,
}

impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Value::Bool(v) => serializer.serialize_bool(*v),
            Value::I32(v) => serializer.serialize_i32(*v),
            Value::I64(v) => serializer.serialize_str(Digits::signed(*v).as_str()),
            Value::U32(v) => serializer.serialize_u32(*v),
            Value::U64(v) => serializer.serialize_str(Digits::unsigned(*v).as_str()),
            Value::F32(v) if v.is_finite() => serializer.serialize_f32(*v),
            Value::F32(v) => serializer.serialize_str(non_finite(f64::from(*v))),
            Value::F64(v) if v.is_finite() => serializer.serialize_f64(*v),
            Value::F64(v) => serializer.serialize_str(non_finite(*v)),
            Value::String(v) => serializer.serialize_str(v),
            Value::Bytes(v) => serializer.collect_str(&Base64Display::new(v, &BASE64_STANDARD)),
            Value::EnumNumber(number) => match self.of.enum_type() {
                Some(desc) if desc.full_name() == "google.protobuf.NullValue" => {
                    serializer.serialize_none()
                }
                Some(desc) => match desc.get_value(*number) {
                    Some(value) => serializer.serialize_str(value.name()),
                    None => serializer.serialize_i32(*number),
                },
                None => serializer.serialize_i32(*number),
            },
            Value::Message(msg) => message(msg, serializer),
            Value::List(values) => {
                let mut seq = serializer.serialize_seq(Some(values.len()))?;
                for value in values {
                    seq.serialize_element(&Field { value, of: self.of })?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let of = match self.of {
                    Of::Field(field) => Of::MapValue(field),
                    other => other,
                };
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(&Key(key), &Field { value, of })?;
                }
                map.end()
            }
        }
    }
}

/// A map key: always a JSON string.
struct Key<'a>(&'a MapKey);

impl Serialize for Key<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            MapKey::Bool(v) => serializer.serialize_str(if *v { "true" } else { "false" }),
            MapKey::I32(v) => serializer.serialize_str(Digits::signed(i64::from(*v)).as_str()),
            MapKey::I64(v) => serializer.serialize_str(Digits::signed(*v).as_str()),
            MapKey::U32(v) => serializer.serialize_str(Digits::unsigned(u64::from(*v)).as_str()),
            MapKey::U64(v) => serializer.serialize_str(Digits::unsigned(*v).as_str()),
            MapKey::String(v) => serializer.serialize_str(v),
        }
    }
}

/// A short ASCII text built on the stack: a number, a Timestamp, a Duration
/// (at most 40 bytes; more are dropped).
pub(super) struct Digits {
    buf: [u8; 40],
    len: usize,
}

impl Digits {
    pub(super) const fn new() -> Self {
        Self {
            buf: [0; 40],
            len: 0,
        }
    }

    fn signed(v: i64) -> Self {
        let mut digits = Self::new();
        if v < 0 {
            digits.push(b'-');
        }
        digits.number(v.unsigned_abs(), 1);
        digits
    }

    fn unsigned(v: u64) -> Self {
        let mut digits = Self::new();
        digits.number(v, 1);
        digits
    }

    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    /// `v` in decimal, zero-padded to at least `width` digits.
    fn number(&mut self, mut v: u64, width: usize) {
        let mut reversed = [0u8; 20];
        let mut n = 0;
        while n < reversed.len() && (v > 0 || n < width) {
            reversed[n] = b'0' + (v % 10) as u8;
            v /= 10;
            n += 1;
        }
        for &digit in reversed[..n].iter().rev() {
            self.push(digit);
        }
    }

    /// The fraction of a second as json_format writes it: nothing, or 3, 6
    /// or 9 digits, whichever shows `nanos` exactly.
    fn fraction(&mut self, nanos: u32) {
        let nanos = u64::from(nanos);
        if nanos == 0 {
        } else if nanos % 1_000_000 == 0 {
            self.push(b'.');
            self.number(nanos / 1_000_000, 3);
        } else if nanos % 1_000 == 0 {
            self.push(b'.');
            self.number(nanos / 1_000, 6);
        } else {
            self.push(b'.');
            self.number(nanos, 9);
        }
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &byte in s.as_bytes() {
            self.push(byte);
        }
        Ok(())
    }
}

/// Field `number` of a well-known type, if it is set.
fn get(msg: &DynamicMessage, number: u32) -> Option<&Value> {
    msg.fields()
        .find_map(|(field, value)| (field.number() == number).then_some(value))
}

fn get_i64(msg: &DynamicMessage, number: u32) -> i64 {
    get(msg, number).and_then(Value::as_i64).unwrap_or_default()
}

fn get_i32(msg: &DynamicMessage, number: u32) -> i32 {
    get(msg, number).and_then(Value::as_i32).unwrap_or_default()
}

fn get_str(msg: &DynamicMessage, number: u32) -> &str {
    get(msg, number).and_then(Value::as_str).unwrap_or_default()
}

const NANOS_PER_SECOND: i32 = 1_000_000_000;
const MIN_TIMESTAMP_SECONDS: i64 = -62_135_596_800;
const MAX_TIMESTAMP_SECONDS: i64 = 253_402_300_799;
const MAX_DURATION_SECONDS: u64 = 315_576_000_000;
const MAX_DURATION_NANOS: u32 = 999_999_999;

/// RFC 3339 in UTC, as `prost_types::Timestamp`'s `Display` writes it: the
/// seconds must be within years 1 to 9999 (the nanos are not checked, and
/// normalizing them may step just outside).
fn timestamp<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let seconds = get_i64(msg, 1);
    let nanos = get_i32(msg, 2);
    if !(MIN_TIMESTAMP_SECONDS..=MAX_TIMESTAMP_SECONDS).contains(&seconds) {
        return Err(S::Error::custom("timestamp out of range"));
    }
    let (seconds, nanos) = normalize_timestamp(seconds, nanos);
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400).unsigned_abs();
    let (year, month, day) = civil_from_days(days);
    let mut text = Digits::new();
    if year > 9999 {
        text.push(b'+');
        text.number(year.unsigned_abs(), 1);
    } else if year < 0 {
        // Years before 0 cannot pass the range check; written as prost does.
        let _ = write!(text, "{year:05}");
    } else {
        text.number(year.unsigned_abs(), 4);
    }
    text.push(b'-');
    text.number(u64::from(month), 2);
    text.push(b'-');
    text.number(u64::from(day), 2);
    text.push(b'T');
    text.number(second_of_day / 3600, 2);
    text.push(b':');
    text.number(second_of_day / 60 % 60, 2);
    text.push(b':');
    text.number(second_of_day % 60, 2);
    text.fraction(nanos.unsigned_abs());
    text.push(b'Z');
    serializer.serialize_str(text.as_str())
}

/// `prost_types::Timestamp::normalize`: nanos in `0..1e9`, carried into
/// the seconds (saturating as it does).
fn normalize_timestamp(mut seconds: i64, mut nanos: i32) -> (i64, i32) {
    if nanos <= -NANOS_PER_SECOND || nanos >= NANOS_PER_SECOND {
        if let Some(carried) = seconds.checked_add(i64::from(nanos / NANOS_PER_SECOND)) {
            seconds = carried;
            nanos %= NANOS_PER_SECOND;
        } else if nanos < 0 {
            seconds = i64::MIN;
            nanos = 0;
        } else {
            seconds = i64::MAX;
            nanos = NANOS_PER_SECOND - 1;
        }
    }
    if nanos < 0 {
        if let Some(borrowed) = seconds.checked_sub(1) {
            seconds = borrowed;
            nanos += NANOS_PER_SECOND;
        } else {
            nanos = 0;
        }
    }
    (seconds, nanos)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or_default(),
        u32::try_from(day).unwrap_or_default(),
    )
}

/// `"-1.500s"`, as `prost_types::Duration`'s `Display` writes it: negative
/// when either part is, then the normalized magnitude; the parts must be
/// within ±10,000 years and ±999,999,999 nanoseconds.
fn duration<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let seconds = get_i64(msg, 1);
    let nanos = get_i32(msg, 2);
    if seconds.unsigned_abs() > MAX_DURATION_SECONDS || nanos.unsigned_abs() > MAX_DURATION_NANOS {
        return Err(S::Error::custom("duration out of range"));
    }
    // In range, normalizing only gives both parts the same sign.
    let (whole, fraction) = if seconds < 0 && nanos > 0 {
        (seconds + 1, nanos - NANOS_PER_SECOND)
    } else if seconds > 0 && nanos < 0 {
        (seconds - 1, nanos + NANOS_PER_SECOND)
    } else {
        (seconds, nanos)
    };
    let mut text = Digits::new();
    if seconds < 0 || nanos < 0 {
        text.push(b'-');
    }
    text.number(whole.unsigned_abs(), 1);
    text.fraction(fraction.unsigned_abs());
    text.push(b's');
    serializer.serialize_str(text.as_str())
}

/// A wrapper (`google.protobuf.Int64Value`, …): its `value`, bare — the
/// default when it is unset or default (`-0.0` too, which protobuf does not
/// send). Unlike a field, a non-finite float goes to the serializer as a
/// float.
fn wrapped<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let Some(field) = msg.descriptor().get_field(1) else {
        return serializer.serialize_none();
    };
    let value = match get(msg, 1) {
        Some(value) => Cow::Borrowed(value),
        None => Cow::Owned(field.default_value()),
    };
    match &*value {
        Value::F32(v) => serializer.serialize_f32(*v),
        Value::F64(v) => serializer.serialize_f64(*v),
        value => Field {
            value,
            of: Of::Field(&field),
        }
        .serialize(serializer),
    }
}

/// A `google.protobuf.Struct`: an object, its keys in order.
fn structure<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let Some(Value::Map(entries)) = get(msg, 1) else {
        return serializer.serialize_map(Some(0))?.end();
    };
    let mut sorted: Vec<(&str, &Value)> = entries
        .iter()
        .filter_map(|(key, value)| Some((key.as_str()?, value)))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut map = serializer.serialize_map(Some(sorted.len()))?;
    for (key, value) in sorted {
        map.serialize_entry(key, &Dynamic(value))?;
    }
    map.end()
}

/// A `google.protobuf.Value`: the JSON value its set field holds (`null`
/// when none is).
fn value<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let mut kind = None;
    for (field, value) in msg.fields() {
        kind = Some((field.number(), value));
    }
    match kind {
        Some((2, Value::F64(number))) if number.is_finite() => serializer.serialize_f64(*number),
        Some((2, Value::F64(_))) => Err(S::Error::custom(
            "cannot serialize non-finite double in google.protobuf.Value",
        )),
        Some((3, Value::String(text))) => serializer.serialize_str(text),
        Some((4, Value::Bool(flag))) => serializer.serialize_bool(*flag),
        Some((5, Value::Message(inner))) => structure(inner, serializer),
        Some((6, Value::Message(inner))) => list(inner, serializer),
        _ => serializer.serialize_none(),
    }
}

/// A `google.protobuf.ListValue`: an array.
fn list<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let values = match get(msg, 1) {
        Some(Value::List(values)) => values.as_slice(),
        _ => &[],
    };
    let mut seq = serializer.serialize_seq(Some(values.len()))?;
    for value in values {
        seq.serialize_element(&Dynamic(value))?;
    }
    seq.end()
}

/// An element of a `Struct` or `ListValue`: a `google.protobuf.Value`.
struct Dynamic<'a>(&'a Value);

impl Serialize for Dynamic<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Message(msg) => value(msg, serializer),
            _ => serializer.serialize_none(),
        }
    }
}

/// A `google.protobuf.FieldMask`: its paths in lowerCamelCase, joined by
/// commas; a path that would not come back the same is an error.
fn field_mask<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let paths = match get(msg, 1) {
        Some(Value::List(paths)) => paths.as_slice(),
        _ => &[],
    };
    let mut text = String::new();
    for path in paths.iter().filter_map(Value::as_str) {
        if !text.is_empty() {
            text.push(',');
        }
        for (i, part) in path.split('.').enumerate() {
            if i > 0 {
                text.push('.');
            }
            camel_case(&mut text, part)
                .map_err(|()| S::Error::custom("cannot roundtrip field name through camelcase"))?;
        }
    }
    serializer.serialize_str(&text)
}

/// `snake` in lowerCamelCase, or an error if converting back would not give
/// `snake` (prost-reflect's rule).
fn camel_case(out: &mut String, snake: &str) -> Result<(), ()> {
    let mut upper_next = false;
    for ch in snake.chars() {
        if ch.is_ascii_uppercase() {
            return Err(());
        }
        if upper_next {
            let upper = ch.to_ascii_uppercase();
            if upper == ch {
                return Err(());
            }
            out.push(upper);
            upper_next = false;
        } else if ch == '_' {
            upper_next = true;
        } else {
            out.push(ch);
        }
    }
    Ok(())
}

/// A `google.protobuf.Any`: `@type`, then the payload's fields — or, for a
/// well-known payload, its JSON form under `value`.
fn any<S: Serializer>(msg: &DynamicMessage, serializer: S) -> Result<S::Ok, S::Error> {
    let type_url = get_str(msg, 1);
    let bytes = match get(msg, 2) {
        Some(Value::Bytes(bytes)) => bytes.as_ref(),
        _ => &[],
    };
    let Some((_, name)) = type_url.rsplit_once('/') else {
        return Err(S::Error::custom(format!(
            "unsupported type url '{type_url}': missing at least one '/'"
        )));
    };
    let Some(desc) = msg.descriptor().parent_pool().get_message_by_name(name) else {
        return Err(S::Error::custom(format!("message '{name}' not found")));
    };
    let payload = DynamicMessage::decode(desc.clone(), bytes)
        .map_err(|e| S::Error::custom(format!("error decoding: {e}")))?;
    if well_known(name).is_some() {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("@type", type_url)?;
        map.serialize_entry("value", &JsonMessage(&payload))?;
        map.end()
    } else {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("@type", type_url)?;
        fields(&mut map, &payload, &desc)?;
        map.end()
    }
}

#[cfg(test)]
mod tests;
