//! `serde_json` values ⇄ `google.protobuf.Struct`, the one conversion every
//! process uses for task contexts, step results, error details and
//! configuration.
//!
//! The rules, which follow the proto3 JSON mapping of `google.protobuf.Value`:
//!
//! - JSON → `Struct` never fails. Every JSON number becomes the nearest
//!   double, as `Value.number_value` can hold nothing else: an integer
//!   beyond ±2^53 is rounded (`9007199254740993` arrives as
//!   `9007199254740992`).
//! - `Struct` → JSON writes a whole double within ±2^53 as a JSON integer
//!   (`3`, not `3.0`), so integers survive the round trip; any other finite
//!   double (fractions, and whole doubles beyond ±2^53, whose last digits
//!   the double no longer knows) as a JSON float.
//! - NaN and ±infinity have no JSON form: `Struct` → JSON refuses them with
//!   [`NonFiniteNumber`], naming where the number sits, instead of dropping
//!   or replacing it.
//! - Lists and structs nest to any depth in both directions; an absent
//!   `kind` reads as JSON `null`.

use std::fmt::Write as _;

use pbjson_types::value::Kind;
use pbjson_types::{ListValue, Struct, Value as ProtoValue};
use serde_json::{Map, Number, Value};

/// A `google.protobuf.Value` number that JSON cannot represent (NaN or
/// ±infinity), at `path` (`a.b[2]`; empty for a top-level value).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{number} is not a JSON number", if path.is_empty() { String::new() } else { format!("{path}: ") })]
pub struct NonFiniteNumber {
    /// Where the number is, in `field.field[index]` form.
    pub path: String,
    /// `NaN`, `Infinity` or `-Infinity`.
    pub number: String,
}

/// The largest magnitude up to which every integer is exact in a double.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// The JSON value of a protobuf `Value`.
///
/// # Errors
/// [`NonFiniteNumber`] for NaN or ±infinity anywhere inside it.
pub fn value_to_json(value: &ProtoValue) -> Result<Value, NonFiniteNumber> {
    to_json(value, &mut String::new())
}

/// The JSON object of a protobuf `Struct`.
///
/// # Errors
/// [`NonFiniteNumber`] for NaN or ±infinity anywhere inside it.
pub fn struct_to_json(value: &Struct) -> Result<Map<String, Value>, NonFiniteNumber> {
    fields_to_json(value, &mut String::new())
}

/// The protobuf `Value` of a JSON value.
pub fn json_to_value(value: &Value) -> ProtoValue {
    let kind = match value {
        Value::Null => Kind::NullValue(0),
        Value::Bool(b) => Kind::BoolValue(*b),
        Value::Number(n) => Kind::NumberValue(number_to_f64(n)),
        Value::String(s) => Kind::StringValue(s.clone()),
        Value::Array(items) => Kind::ListValue(ListValue {
            values: items.iter().map(json_to_value).collect(),
        }),
        Value::Object(map) => Kind::StructValue(json_to_struct(map)),
    };
    ProtoValue { kind: Some(kind) }
}

/// The protobuf `Struct` of a JSON object.
pub fn json_to_struct(map: &Map<String, Value>) -> Struct {
    Struct {
        fields: map
            .iter()
            .map(|(k, v)| (k.clone(), json_to_value(v)))
            .collect(),
    }
}

fn to_json(value: &ProtoValue, path: &mut String) -> Result<Value, NonFiniteNumber> {
    Ok(match &value.kind {
        None | Some(Kind::NullValue(_)) => Value::Null,
        Some(Kind::BoolValue(b)) => Value::Bool(*b),
        Some(Kind::NumberValue(n)) => number_to_json(*n).ok_or_else(|| NonFiniteNumber {
            path: path.clone(),
            number: if n.is_nan() {
                "NaN".into()
            } else if *n > 0.0 {
                "Infinity".into()
            } else {
                "-Infinity".into()
            },
        })?,
        Some(Kind::StringValue(s)) => Value::String(s.clone()),
        Some(Kind::ListValue(list)) => {
            let mut items = Vec::with_capacity(list.values.len());
            for (i, item) in list.values.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                items.push(to_json(item, path)?);
                path.truncate(len);
            }
            Value::Array(items)
        }
        Some(Kind::StructValue(s)) => Value::Object(fields_to_json(s, path)?),
    })
}

fn fields_to_json(
    value: &Struct,
    path: &mut String,
) -> Result<Map<String, Value>, NonFiniteNumber> {
    let mut map = Map::new();
    for (key, item) in &value.fields {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        map.insert(key.clone(), to_json(item, path)?);
        path.truncate(len);
    }
    Ok(map)
}

/// A finite double as JSON: an integer when it is whole and exact.
fn number_to_json(n: f64) -> Option<Value> {
    if n.fract() == 0.0 && n.abs() <= EXACT_INTEGER {
        // The guard makes the cast exact.
        #[allow(clippy::cast_possible_truncation)]
        let int = n as i64;
        return Some(Value::Number(int.into()));
    }
    Number::from_f64(n).map(Value::Number)
}

/// The nearest double of a JSON number (without `arbitrary_precision` every
/// number has one).
fn number_to_f64(n: &Number) -> f64 {
    n.as_f64().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip(value: &Value) -> Value {
        let Value::Object(map) = value else {
            panic!("an object")
        };
        Value::Object(struct_to_json(&json_to_struct(map)).expect("finite"))
    }

    #[test]
    fn json_round_trips_through_struct() {
        let value = json!({
            "int": 3,
            "neg": -7,
            "float": 2.5,
            "big": 1.0e300,
            "s": "text",
            "b": true,
            "n": null,
            "list": [1, "two", [3.5], {"x": false}],
            "nested": {"a": {"b": []}}
        });
        let back = round_trip(&value);
        assert_eq!(back, value);
        assert!(back["int"].is_i64(), "whole numbers stay integers");
    }

    #[test]
    fn nested_lists_keep_their_shape() {
        let value = json!({"l": [[1, [2, [3.5, []]]], [], [null, [true]]]});
        assert_eq!(round_trip(&value), value);
    }

    #[test]
    fn integers_are_exact_up_to_2_pow_53_and_rounded_beyond() {
        let max = 9_007_199_254_740_992_i64; // 2^53
        assert_eq!(
            round_trip(&json!({"a": max, "b": -max})),
            json!({"a": max, "b": -max})
        );
        // 2^53 + 1 has no double: it arrives as the nearest one, 2^53.
        assert_eq!(round_trip(&json!({"a": max + 1}))["a"], json!(max));
        // Beyond 2^53 a whole double is written as a float: its last digits
        // are not known.
        let beyond = round_trip(&json!({"a": u64::MAX}));
        assert!(beyond["a"].is_f64());
        assert_eq!(beyond["a"].as_f64(), Some(u64::MAX as f64));
        let negative = round_trip(&json!({"a": i64::MIN}));
        assert_eq!(negative["a"].as_f64(), Some(i64::MIN as f64));
    }

    /// `{"outer": {"list": [1, n]}}`.
    fn with_number(n: f64) -> Struct {
        let list = ProtoValue {
            kind: Some(Kind::ListValue(ListValue {
                values: vec![
                    json_to_value(&json!(1)),
                    ProtoValue {
                        kind: Some(Kind::NumberValue(n)),
                    },
                ],
            })),
        };
        let outer = Struct {
            fields: [("list".to_owned(), list)].into_iter().collect(),
        };
        Struct {
            fields: [(
                "outer".to_owned(),
                ProtoValue {
                    kind: Some(Kind::StructValue(outer)),
                },
            )]
            .into_iter()
            .collect(),
        }
    }

    #[test]
    fn non_finite_numbers_are_refused_with_their_place() {
        for (number, name) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            let error = struct_to_json(&with_number(number)).expect_err("refused");
            assert_eq!(error.path, "outer.list[1]");
            assert_eq!(error.number, name);
            assert_eq!(
                error.to_string(),
                format!("outer.list[1]: {name} is not a JSON number")
            );
        }
        assert_eq!(
            struct_to_json(&with_number(0.5)).map(Value::Object),
            Ok(json!({"outer": {"list": [1, 0.5]}}))
        );
        let top = ProtoValue {
            kind: Some(Kind::NumberValue(f64::NAN)),
        };
        assert_eq!(
            value_to_json(&top).expect_err("refused").to_string(),
            "NaN is not a JSON number"
        );
    }

    #[test]
    fn an_absent_kind_is_null() {
        assert_eq!(value_to_json(&ProtoValue { kind: None }), Ok(Value::Null));
    }
}
