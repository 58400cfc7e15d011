//! Conversions between `serde_json` values and the protobuf well-known types.
//!
//! JSON ⇄ `google.protobuf.Struct` is `tasker_proto::json`, the one
//! conversion of every process (its rules: numbers are doubles, so integers
//! beyond 2^53 lose precision; whole numbers within it come back as JSON
//! integers). This module adds what a handler needs on top: `Option`s and
//! non-object results. The orchestrator refuses NaN and infinity, which
//! JSON cannot hold, so what it sends always converts; should a value hold
//! one anyway, the functions that read a protobuf value answer JSON `null`
//! for the whole value.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};
pub use tasker_proto::json::json_to_value;

/// A JSON value for a protobuf `Value` (`null` if it holds a non-finite
/// number).
pub fn value_to_json(value: &pbjson_types::Value) -> Value {
    tasker_proto::json::value_to_json(value).unwrap_or(Value::Null)
}

/// A JSON object for a protobuf `Struct` (empty if it holds a non-finite
/// number).
pub fn struct_to_map(value: &pbjson_types::Struct) -> Map<String, Value> {
    tasker_proto::json::struct_to_json(value).unwrap_or_default()
}

/// A JSON object for an optional protobuf `Struct`; `None` is `{}`.
pub fn struct_to_json(value: Option<&pbjson_types::Struct>) -> Value {
    Value::Object(value.map(struct_to_map).unwrap_or_default())
}

/// The protobuf `Struct` for a JSON object.
pub fn map_to_struct(map: &Map<String, Value>) -> pbjson_types::Struct {
    tasker_proto::json::json_to_struct(map)
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
    fn a_value_json_cannot_hold_reads_as_null() {
        let nan = pbjson_types::Value {
            kind: Some(pbjson_types::value::Kind::NumberValue(f64::NAN)),
        };
        assert_eq!(value_to_json(&nan), Value::Null);
        let s = pbjson_types::Struct {
            fields: [("x".to_owned(), nan)].into_iter().collect(),
        };
        assert_eq!(struct_to_json(Some(&s)), json!({}));
        let three = map_to_struct(json!({"n": 3}).as_object().expect("object"));
        assert_eq!(struct_to_json(Some(&three)), json!({"n": 3}));
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
