//! Conversions between `serde_json` values and the protobuf well-known types.
//!
//! `google.protobuf.Struct` carries every number as a double, so integers
//! beyond 2^53 lose precision on the way through the orchestrator.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pbjson_types::value::Kind;
use serde_json::{Map, Number, Value};

/// A JSON value for a protobuf `Value`. A number that is a whole double in
/// the `i64` range becomes a JSON integer, so `3` stays `3` rather than `3.0`.
pub fn value_to_json(value: &pbjson_types::Value) -> Value {
    match &value.kind {
        None | Some(Kind::NullValue(_)) => Value::Null,
        Some(Kind::BoolValue(b)) => Value::Bool(*b),
        Some(Kind::NumberValue(n)) => number_to_json(*n),
        Some(Kind::StringValue(s)) => Value::String(s.clone()),
        Some(Kind::ListValue(list)) => {
            Value::Array(list.values.iter().map(value_to_json).collect())
        }
        Some(Kind::StructValue(s)) => Value::Object(struct_to_map(s)),
    }
}

/// A JSON object for a protobuf `Struct`.
pub fn struct_to_map(value: &pbjson_types::Struct) -> Map<String, Value> {
    value
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), value_to_json(v)))
        .collect()
}

/// A JSON object for an optional protobuf `Struct`; `None` is `{}`.
pub fn struct_to_json(value: Option<&pbjson_types::Struct>) -> Value {
    Value::Object(value.map(struct_to_map).unwrap_or_default())
}

/// The protobuf `Value` for a JSON value.
pub fn json_to_value(value: &Value) -> pbjson_types::Value {
    let kind = match value {
        Value::Null => Kind::NullValue(0),
        Value::Bool(b) => Kind::BoolValue(*b),
        Value::Number(n) => Kind::NumberValue(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Kind::StringValue(s.clone()),
        Value::Array(items) => Kind::ListValue(pbjson_types::ListValue {
            values: items.iter().map(json_to_value).collect(),
        }),
        Value::Object(map) => Kind::StructValue(map_to_struct(map)),
    };
    pbjson_types::Value { kind: Some(kind) }
}

/// The protobuf `Struct` for a JSON object.
pub fn map_to_struct(map: &Map<String, Value>) -> pbjson_types::Struct {
    pbjson_types::Struct {
        fields: map
            .iter()
            .map(|(k, v)| (k.clone(), json_to_value(v)))
            .collect(),
    }
}

/// The protobuf `Struct` for a handler's results: an object as it is, `null`
/// as `{}`, and any other value wrapped as `{"result": value}`.
pub fn results_to_struct(value: &Value) -> pbjson_types::Struct {
    match value {
        Value::Object(map) => map_to_struct(map),
        Value::Null => pbjson_types::Struct::default(),
        other => {
            let mut map = Map::new();
            map.insert("result".to_owned(), other.clone());
            map_to_struct(&map)
        }
    }
}

fn number_to_json(n: f64) -> Value {
    // 2^53: every integer up to here is exact in a double.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() <= EXACT {
        // The guard makes the cast exact.
        #[allow(clippy::cast_possible_truncation)]
        let int = n as i64;
        return Value::Number(int.into());
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}

/// A `std` duration for a protobuf one; `None` when absent, negative or not
/// representable.
pub fn duration_from_proto(value: Option<&pbjson_types::Duration>) -> Option<Duration> {
    value.and_then(|d| Duration::try_from(*d).ok())
}

/// The protobuf timestamp of `time`.
pub fn timestamp(time: SystemTime) -> pbjson_types::Timestamp {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    pbjson_types::Timestamp {
        seconds: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        // Sub-second nanoseconds are below 10^9 and fit.
        nanos: i32::try_from(since.subsec_nanos()).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

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
        let Value::Object(map) = &value else {
            panic!("object")
        };
        let back = Value::Object(struct_to_map(&map_to_struct(map)));
        assert_eq!(back, value);
        assert_eq!(back["int"], json!(3), "whole numbers stay integers");
    }

    #[test]
    fn results_are_always_objects() {
        assert!(results_to_struct(&Value::Null).fields.is_empty());
        let wrapped = results_to_struct(&json!([1, 2]));
        assert_eq!(
            struct_to_json(Some(&wrapped)),
            json!({"result": [1, 2]}),
            "a non-object result is wrapped"
        );
        assert_eq!(struct_to_json(None), json!({}));
    }

    #[test]
    fn durations_and_timestamps() {
        let d = pbjson_types::Duration {
            seconds: 1,
            nanos: 500_000_000,
        };
        assert_eq!(
            duration_from_proto(Some(&d)),
            Some(Duration::from_millis(1500))
        );
        let negative = pbjson_types::Duration {
            seconds: -1,
            nanos: 0,
        };
        assert_eq!(duration_from_proto(Some(&negative)), None);
        assert_eq!(duration_from_proto(None), None);
        let t = timestamp(UNIX_EPOCH + Duration::from_millis(1_250));
        assert_eq!((t.seconds, t.nanos), (1, 250_000_000));
    }
}
