//! Canonical proto3 JSON rendering.
//!
//! prost-reflect produces the proto3 JSON mapping through serde; this module
//! sits between it and `serde_json`'s serializers, so that numbers come out
//! exactly as protobuf's reference `json_format` writes them:
//!
//! - non-finite values are the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
//!   wherever they occur (including `DoubleValue`/`FloatValue` wrappers, which
//!   a plain serde_json serializer would turn into `null`);
//! - a `float` (32-bit) prints as the shortest decimal of at least six
//!   significant digits that reads back as the same float32, like
//!   `json_format` does (`0.1`, `1.4013e-45`), instead of widening to a double
//!   (`0.10000000149011612`).
//!
//! Everything else is what `serde_json` would produce. [`Canonical`] wraps
//! any serializer and passes every value through, rewriting only floats, so
//! [`to_vec`] writes the bytes in one pass (no `serde_json::Value` tree in
//! between) and [`to_value`] builds a tree when one is needed. Messages go
//! through [`JsonMessage`] (the `render` module), which writes the proto3
//! JSON mapping itself rather than through prost-reflect's `Serialize`.

use std::fmt::{Display, Write as _};

use serde::ser::{self, Serialize, Serializer};
use serde_json::{Number, Value};

mod render;

use render::Digits;
pub use render::JsonMessage;

/// Renders `value` (a `DynamicMessage`, or anything serde can serialize) to a
/// JSON tree with canonical numbers.
///
/// # Errors
/// What the value's `Serialize` impl reports.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    value
        .serialize(Canonical(serde_json::value::Serializer))
        .map_err(|e| Error(e.to_string()))
}

/// Renders `value` to canonical JSON bytes, written as it is serialized.
///
/// # Errors
/// What the value's `Serialize` impl reports.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::new(&mut out);
    value
        .serialize(Canonical(&mut serializer))
        .map_err(|e| Error(e.to_string()))?;
    Ok(out)
}

/// A serialization failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

/// The name proto3 JSON gives a non-finite number.
fn non_finite(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// The finite float32 `v` as the double json_format prints: the first of
/// 6, 7, 8 or 9 significant digits that reads back as the same float32.
fn float32_digits(v: f32) -> f64 {
    for digits in 6..=9 {
        let mut text = Digits::new();
        let _ = write!(text, "{:.*e}", digits - 1, f64::from(v));
        if let Ok(rounded) = text.as_str().parse::<f64>()
            && rounded as f32 == v
        {
            return rounded;
        }
    }
    f64::from(v)
}

/// The float32 `v` as json_format prints it.
pub fn float32(v: f32) -> Value {
    if !v.is_finite() {
        return Value::String(non_finite(f64::from(v)).to_owned());
    }
    Number::from_f64(float32_digits(v))
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// A serializer that passes everything to the one it wraps, with floats
/// made canonical, at every depth.
pub struct Canonical<S>(pub S);

/// A value serialized through [`Canonical`] (what compound serializers hand
/// on, so nested values are rewritten too).
struct Wrap<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Wrap<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Canonical(serializer))
    }
}

impl<S: Serializer> Serializer for Canonical<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Canonical<S::SerializeSeq>;
    type SerializeTuple = Canonical<S::SerializeTuple>;
    type SerializeTupleStruct = Canonical<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Canonical<S::SerializeTupleVariant>;
    type SerializeMap = Canonical<S::SerializeMap>;
    type SerializeStruct = Canonical<S::SerializeStruct>;
    type SerializeStructVariant = Canonical<S::SerializeStructVariant>;

    fn serialize_bool(self, v: bool) -> Result<S::Ok, S::Error> {
        self.0.serialize_bool(v)
    }
    fn serialize_i8(self, v: i8) -> Result<S::Ok, S::Error> {
        self.0.serialize_i8(v)
    }
    fn serialize_i16(self, v: i16) -> Result<S::Ok, S::Error> {
        self.0.serialize_i16(v)
    }
    fn serialize_i32(self, v: i32) -> Result<S::Ok, S::Error> {
        self.0.serialize_i32(v)
    }
    fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
        self.0.serialize_i64(v)
    }
    fn serialize_i128(self, v: i128) -> Result<S::Ok, S::Error> {
        self.0.serialize_i128(v)
    }
    fn serialize_u8(self, v: u8) -> Result<S::Ok, S::Error> {
        self.0.serialize_u8(v)
    }
    fn serialize_u16(self, v: u16) -> Result<S::Ok, S::Error> {
        self.0.serialize_u16(v)
    }
    fn serialize_u32(self, v: u32) -> Result<S::Ok, S::Error> {
        self.0.serialize_u32(v)
    }
    fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
        self.0.serialize_u64(v)
    }
    fn serialize_u128(self, v: u128) -> Result<S::Ok, S::Error> {
        self.0.serialize_u128(v)
    }
    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        if v.is_finite() {
            self.0.serialize_f64(float32_digits(v))
        } else {
            self.0.serialize_str(non_finite(f64::from(v)))
        }
    }
    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        if v.is_finite() {
            self.0.serialize_f64(v)
        } else {
            self.0.serialize_str(non_finite(v))
        }
    }
    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        self.0.serialize_char(v)
    }
    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
        self.0.serialize_bytes(v)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.collect_str(value)
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Wrap(value))
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Wrap(value))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Wrap(value))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Canonical)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Canonical)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Canonical)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Canonical)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Canonical)
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Canonical)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Canonical)
    }
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// The compound serializers: each element or field is wrapped, so the
/// rewrite reaches every depth; everything else is passed through.
macro_rules! canonical_compound {
    ($($trait:ident: $method:ident;)+) => {$(
        impl<S: ser::$trait> ser::$trait for Canonical<S> {
            type Ok = S::Ok;
            type Error = S::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
                self.0.$method(&Wrap(value))
            }
            fn end(self) -> Result<S::Ok, S::Error> {
                self.0.end()
            }
        }
    )+};
    ($($trait:ident with keys;)+) => {$(
        impl<S: ser::$trait> ser::$trait for Canonical<S> {
            type Ok = S::Ok;
            type Error = S::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), S::Error> {
                self.0.serialize_field(key, &Wrap(value))
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
                self.0.skip_field(key)
            }
            fn end(self) -> Result<S::Ok, S::Error> {
                self.0.end()
            }
        }
    )+};
}

canonical_compound! {
    SerializeSeq: serialize_element;
    SerializeTuple: serialize_element;
    SerializeTupleStruct: serialize_field;
    SerializeTupleVariant: serialize_field;
}

canonical_compound! {
    SerializeStruct with keys;
    SerializeStructVariant with keys;
}

impl<S: ser::SerializeMap> ser::SerializeMap for Canonical<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), S::Error> {
        self.0.serialize_key(&Wrap(key))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_value(&Wrap(value))
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_match_json_format() {
        assert_eq!(float32(0.1).to_string(), "0.1");
        assert_eq!(float32(1.0e-45).to_string(), "1.4013e-45");
        assert_eq!(float32(16_777_216.0).to_string(), "16777216.0");
        assert_eq!(float32(3.4e38).to_string(), "3.4e+38");
        assert_eq!(float32(f32::NAN), Value::String("NaN".into()));
        assert_eq!(to_value(&f64::NAN).unwrap(), Value::String("NaN".into()));
        assert_eq!(
            to_value(&f64::NEG_INFINITY).unwrap(),
            Value::String("-Infinity".into())
        );
    }

    #[test]
    fn the_bytes_and_the_tree_agree_at_every_depth() {
        let nested = serde_json::json!({"a": [1, {"b": "x"}], "c": null, "d": true});
        let value = (
            0.1_f32,
            vec![Some(f32::INFINITY), None],
            std::collections::BTreeMap::from([("k", (f64::NAN, 1.5_f64, -2_i64, u64::MAX))]),
            nested.clone(),
        );
        let bytes = to_vec(&value).unwrap();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            format!(
                r#"[0.1,["Infinity",null],{{"k":["NaN",1.5,-2,{}]}},{}]"#,
                u64::MAX,
                serde_json::to_string(&nested).unwrap()
            )
        );
        let tree = to_value(&value).unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&bytes).unwrap(), tree);
    }
}
