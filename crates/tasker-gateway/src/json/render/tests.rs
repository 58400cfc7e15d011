//! Differential tests: every message renders to the bytes (and the tree)
//! prost-reflect's own `Serialize` gives through [`Canonical`], or fails with
//! the same error — hand-written cases for every kind and well-known type,
//! then random messages over the test package.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use prost::Message as _;
use prost_reflect::{
    DescriptorPool, DynamicMessage, Kind, MapKey, MessageDescriptor, ReflectMessage, Value,
};

use super::super::{Error, to_value, to_vec};
use super::{JsonMessage, well_known};

fn pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    POOL.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        protox::Compiler::new([root.join("tests/proto"), root.join("../../proto")])
            .expect("includes")
            .include_imports(true)
            .open_files([
                "gateway/test/v1/render.proto",
                "gateway/test/v1/legacy.proto",
                "gateway/test/v1/transcoding.proto",
                "google/rpc/status.proto",
                "google/rpc/error_details.proto",
            ])
            .expect("test protos compile")
            .descriptor_pool()
    })
}

fn desc(name: &str) -> MessageDescriptor {
    let full = if name.contains('.') {
        name.to_owned()
    } else {
        format!("gateway.test.v1.{name}")
    };
    pool()
        .get_message_by_name(&full)
        .unwrap_or_else(|| panic!("{full} not in the pool"))
}

/// A message of type `name` with `fields` set (by field name).
fn build(name: &str, fields: Vec<(&str, Value)>) -> DynamicMessage {
    let mut message = DynamicMessage::new(desc(name));
    for (field, value) in fields {
        let Some(field_desc) = message.descriptor().get_field_by_name(field) else {
            panic!("{name} has no field {field}")
        };
        message.set_field(&field_desc, value);
    }
    message
}

fn msg(name: &str, fields: Vec<(&str, Value)>) -> Value {
    Value::Message(build(name, fields))
}

fn timestamp(seconds: i64, nanos: i32) -> Value {
    msg(
        "google.protobuf.Timestamp",
        vec![
            ("seconds", Value::I64(seconds)),
            ("nanos", Value::I32(nanos)),
        ],
    )
}

fn duration(seconds: i64, nanos: i32) -> Value {
    msg(
        "google.protobuf.Duration",
        vec![
            ("seconds", Value::I64(seconds)),
            ("nanos", Value::I32(nanos)),
        ],
    )
}

fn pack(type_url: &str, bytes: Vec<u8>) -> Value {
    msg(
        "google.protobuf.Any",
        vec![
            ("type_url", Value::String(type_url.into())),
            ("value", Value::Bytes(bytes.into())),
        ],
    )
}

fn any_of(message: &Value) -> Value {
    let Value::Message(message) = message else {
        panic!("not a message")
    };
    pack(
        &format!("type.googleapis.com/{}", message.descriptor().full_name()),
        message.encode_to_vec(),
    )
}

/// A `google.protobuf.Value` holding `json`.
fn json_value(json: serde_json::Value) -> Value {
    use serde_json::Value as J;
    let field = match json {
        J::Null => ("null_value", Value::EnumNumber(0)),
        J::Bool(b) => ("bool_value", Value::Bool(b)),
        J::Number(n) => ("number_value", Value::F64(n.as_f64().unwrap_or_default())),
        J::String(s) => ("string_value", Value::String(s)),
        J::Array(items) => ("list_value", list_value(items.into_iter().map(json_value))),
        J::Object(object) => (
            "struct_value",
            struct_value(object.into_iter().map(|(k, v)| (k, json_value(v)))),
        ),
    };
    msg("google.protobuf.Value", vec![field])
}

fn number_value(n: f64) -> Value {
    msg(
        "google.protobuf.Value",
        vec![("number_value", Value::F64(n))],
    )
}

fn list_value(items: impl IntoIterator<Item = Value>) -> Value {
    msg(
        "google.protobuf.ListValue",
        vec![("values", Value::List(items.into_iter().collect()))],
    )
}

fn struct_value(entries: impl IntoIterator<Item = (String, Value)>) -> Value {
    msg(
        "google.protobuf.Struct",
        vec![(
            "fields",
            Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (MapKey::String(k), v))
                    .collect(),
            ),
        )],
    )
}

/// Our bytes and tree against prost-reflect's, for `message` and for the
/// same message after a protobuf round trip (as the gateway gets it);
/// returns our text, or the error.
fn check(message: &DynamicMessage) -> Result<String, Error> {
    compare(message);
    let decoded = DynamicMessage::decode(message.descriptor(), message.encode_to_vec().as_slice())
        .expect("round trip");
    compare(&decoded);
    to_vec(&JsonMessage(message)).map(|bytes| String::from_utf8(bytes).expect("UTF-8"))
}

fn compare(message: &DynamicMessage) {
    let ours = to_vec(&JsonMessage(message));
    let theirs = to_vec(message);
    assert_eq!(
        ours.as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned()),
        theirs
            .as_ref()
            .map(|b| String::from_utf8_lossy(b).into_owned()),
        "bytes differ for {}",
        describe(message)
    );
    assert_eq!(
        to_value(&JsonMessage(message)),
        to_value(message),
        "trees differ for {}",
        describe(message)
    );
}

/// The message's type and protobuf bytes (its `Debug` walks the
/// descriptors of recursive types without end).
fn describe(message: &DynamicMessage) -> String {
    format!(
        "{} {}",
        message.descriptor().full_name(),
        hex::encode(message.encode_to_vec())
    )
}

fn rendered(message: &DynamicMessage) -> String {
    check(message).unwrap_or_else(|e| panic!("{} does not render: {e}", describe(message)))
}

fn failure(message: &DynamicMessage) -> String {
    match check(message) {
        Ok(text) => panic!("{} renders as {text}", describe(message)),
        Err(e) => e.to_string(),
    }
}

/// `Kinds` with one field set.
fn kinds(field: &str, value: Value) -> DynamicMessage {
    build("Kinds", vec![(field, value)])
}

#[test]
fn defaults_are_skipped_and_presence_is_kept() {
    assert_eq!(rendered(&build("Kinds", vec![])), "{}");
    let zeros = build(
        "Kinds",
        vec![
            ("f_int64", Value::I64(0)),
            ("f_string", Value::String(String::new())),
            ("f_shade", Value::EnumNumber(0)),
            ("r_int32", Value::List(vec![])),
            ("m_string", Value::Map(HashMap::new())),
            ("w_null", Value::EnumNumber(0)),
            ("o_int32", Value::I32(0)),
            ("o_string", Value::String(String::new())),
            ("o_shade", Value::EnumNumber(0)),
            ("pick_int64", Value::I64(0)),
        ],
    );
    assert_eq!(
        rendered(&zeros),
        r#"{"oInt32":0,"oString":"","oShade":"SHADE_UNSPECIFIED","pickInt64":"0"}"#
    );
}

#[test]
fn scalars_of_every_kind() {
    let message = build(
        "Kinds",
        vec![
            ("late", Value::String("last".into())),
            ("f_double", Value::F64(0.1)),
            ("f_float", Value::F32(0.1)),
            ("f_int32", Value::I32(i32::MIN)),
            ("f_int64", Value::I64(i64::MIN)),
            ("f_uint32", Value::U32(u32::MAX)),
            ("f_uint64", Value::U64(u64::MAX)),
            ("f_sint32", Value::I32(-7)),
            ("f_sint64", Value::I64(i64::MAX)),
            ("f_fixed32", Value::U32(7)),
            ("f_fixed64", Value::U64(1)),
            ("f_sfixed32", Value::I32(-1)),
            ("f_sfixed64", Value::I64(-10)),
            ("f_bool", Value::Bool(true)),
            ("f_string", Value::String("x".into())),
            ("f_bytes", Value::Bytes(vec![0xfb, 0xff].into())),
            ("f_shade", Value::EnumNumber(5)),
            ("renamed", Value::String("json name".into())),
        ],
    );
    assert_eq!(
        rendered(&message),
        concat!(
            r#"{"fDouble":0.1,"fFloat":0.1,"fInt32":-2147483648,"fInt64":"-9223372036854775808","#,
            r#""fUint32":4294967295,"fUint64":"18446744073709551615","fSint32":-7,"#,
            r#""fSint64":"9223372036854775807","fFixed32":7,"fFixed64":"1","fSfixed32":-1,"#,
            r#""fSfixed64":"-10","fBool":true,"fString":"x","fBytes":"+/8=","fShade":"SHADE_DARK","#,
            r#""customName":"json name","late":"last"}"#
        )
    );
}

#[test]
fn floats_are_canonical_and_non_finite_ones_are_names() {
    for v in [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        -0.0,
        0.1,
        1.0e-45,
        3.4e38,
        16_777_216.0,
        f32::MAX,
        f32::MIN_POSITIVE,
        1.0 / 3.0,
    ] {
        check(&kinds("f_float", Value::F32(v))).expect("renders");
        check(&kinds(
            "r_float",
            Value::List(vec![Value::F32(v), Value::F32(-v)]),
        ))
        .expect("renders");
        check(&kinds("o_double", Value::F64(f64::from(v)))).expect("renders");
        check(&kinds(
            "w_float",
            msg("google.protobuf.FloatValue", vec![("value", Value::F32(v))]),
        ))
        .expect("renders");
    }
    for v in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -0.0,
        5e-324,
        1e300,
        0.1,
        f64::MAX,
    ] {
        check(&kinds("f_double", Value::F64(v))).expect("renders");
        check(&kinds(
            "w_double",
            msg(
                "google.protobuf.DoubleValue",
                vec![("value", Value::F64(v))],
            ),
        ))
        .expect("renders");
    }
    assert_eq!(
        rendered(&build(
            "Kinds",
            vec![
                ("f_double", Value::F64(f64::NEG_INFINITY)),
                ("f_float", Value::F32(f32::NAN)),
                ("o_double", Value::F64(-0.0)),
                (
                    "w_float",
                    msg(
                        "google.protobuf.FloatValue",
                        vec![("value", Value::F32(f32::INFINITY))]
                    )
                ),
            ]
        )),
        r#"{"fDouble":"-Infinity","fFloat":"NaN","oDouble":-0.0,"wFloat":"Infinity"}"#
    );
}

#[test]
fn strings_are_escaped_and_bytes_padded() {
    let text = "quote \" backslash \\ nul \u{0} unit \u{1f} del \u{7f} line \u{2028} é 漢 🦀 \n\t";
    check(&kinds("f_string", Value::String(text.into()))).expect("renders");
    check(&kinds(
        "m_string",
        Value::Map(HashMap::from([(
            MapKey::String(text.into()),
            Value::String(text.into()),
        )])),
    ))
    .expect("renders");
    let bytes = ["", "a", "ab", "abc", "abcd"]
        .iter()
        .map(|b| Value::Bytes(b.as_bytes().to_vec().into()))
        .collect();
    assert_eq!(
        rendered(&kinds("r_bytes", Value::List(bytes))),
        r#"{"rBytes":["","YQ==","YWI=","YWJj","YWJjZA=="]}"#
    );
}

#[test]
fn enums_by_name_unknown_numbers_as_numbers_null_value_as_null() {
    let message = build(
        "Kinds",
        vec![
            ("f_shade", Value::EnumNumber(3)),
            (
                "r_shade",
                Value::List(vec![
                    Value::EnumNumber(1),
                    Value::EnumNumber(-4),
                    Value::EnumNumber(0),
                ]),
            ),
            (
                "m_uint64",
                Value::Map(HashMap::from([(MapKey::U64(1), Value::EnumNumber(99))])),
            ),
            (
                "r_null",
                Value::List(vec![Value::EnumNumber(0), Value::EnumNumber(7)]),
            ),
            ("w_null", Value::EnumNumber(3)),
        ],
    );
    assert_eq!(
        rendered(&message),
        r#"{"fShade":3,"rShade":["SHADE_LIGHT",-4,"SHADE_UNSPECIFIED"],"mUint64":{"1":99},"wNull":null,"rNull":[null,null]}"#
    );
    assert_eq!(
        rendered(&kinds("pick_null", Value::EnumNumber(0))),
        r#"{"pickNull":null}"#
    );
    assert_eq!(
        rendered(&kinds("pick_shade", Value::EnumNumber(0))),
        r#"{"pickShade":"SHADE_UNSPECIFIED"}"#
    );
}

#[test]
fn maps_with_every_key_type() {
    let one = |key: MapKey, value: Value| Value::Map(HashMap::from([(key, value)]));
    let cases = [
        ("m_int32", MapKey::I32(i32::MIN), Value::String("a".into())),
        (
            "m_int64",
            MapKey::I64(-1),
            msg("Kinds", vec![("f_bool", Value::Bool(true))]),
        ),
        (
            "m_uint32",
            MapKey::U32(u32::MAX),
            Value::Bytes(vec![1].into()),
        ),
        ("m_uint64", MapKey::U64(u64::MAX), Value::EnumNumber(1)),
        ("m_sint32", MapKey::I32(-5), Value::F64(f64::NAN)),
        ("m_sint64", MapKey::I64(i64::MIN), Value::F32(0.3)),
        ("m_fixed32", MapKey::U32(0), Value::Bool(false)),
        ("m_fixed64", MapKey::U64(0), Value::I64(i64::MIN)),
        ("m_sfixed32", MapKey::I32(0), Value::U64(0)),
        (
            "m_sfixed64",
            MapKey::I64(i64::MAX),
            Value::String(String::new()),
        ),
        ("m_bool", MapKey::Bool(true), Value::String("t".into())),
        ("m_bool", MapKey::Bool(false), Value::String("f".into())),
        (
            "m_string",
            MapKey::String(String::new()),
            Value::String("empty key".into()),
        ),
        ("m_time", MapKey::String("t".into()), timestamp(1, 1_000)),
        (
            "m_value",
            MapKey::String("v".into()),
            json_value(serde_json::json!([1, "x", null])),
        ),
        ("m_any", MapKey::String("a".into()), any_of(&duration(3, 0))),
    ];
    for (field, key, value) in cases {
        check(&kinds(field, one(key, value))).expect("renders");
    }
    let many: HashMap<MapKey, Value> = (-20..20)
        .map(|i| (MapKey::I32(i), Value::String(i.to_string())))
        .collect();
    check(&kinds("m_int32", Value::Map(many))).expect("renders");
    assert_eq!(
        rendered(&kinds(
            "m_bool",
            one(MapKey::Bool(false), Value::String("no".into()))
        )),
        r#"{"mBool":{"false":"no"}}"#
    );
    assert_eq!(
        rendered(&kinds(
            "m_sint64",
            one(MapKey::I64(i64::MIN), Value::F32(0.3))
        )),
        r#"{"mSint64":{"-9223372036854775808":0.3}}"#
    );
}

#[test]
fn nested_and_repeated_messages() {
    let child = msg(
        "Kinds",
        vec![
            ("f_int64", Value::I64(5)),
            (
                "f_child",
                msg("Kinds", vec![("f_string", Value::String("deep".into()))]),
            ),
        ],
    );
    let message = build(
        "Kinds",
        vec![
            ("f_child", child.clone()),
            (
                "r_child",
                Value::List(vec![child.clone(), msg("Kinds", vec![])]),
            ),
            ("pick_child", child),
            (
                "r_int64",
                Value::List(vec![Value::I64(1), Value::I64(-2), Value::I64(0)]),
            ),
        ],
    );
    assert_eq!(
        rendered(&message),
        concat!(
            r#"{"fChild":{"fInt64":"5","fChild":{"fString":"deep"}},"#,
            r#""rInt64":["1","-2","0"],"#,
            r#""rChild":[{"fInt64":"5","fChild":{"fString":"deep"}},{}],"#,
            r#""pickChild":{"fInt64":"5","fChild":{"fString":"deep"}}}"#
        )
    );
}

#[test]
fn timestamps_in_every_precision_and_at_the_edges() {
    let cases = [
        (0, 0, "1970-01-01T00:00:00Z"),
        (0, 1_000_000, "1970-01-01T00:00:00.001Z"),
        (0, 120_000_000, "1970-01-01T00:00:00.120Z"),
        (0, 1_000, "1970-01-01T00:00:00.000001Z"),
        (0, 1, "1970-01-01T00:00:00.000000001Z"),
        (1_714_564_800, 123_456_789, "2024-05-01T12:00:00.123456789Z"),
        (951_782_400, 0, "2000-02-29T00:00:00Z"),
        (-2_203_891_200, 0, "1900-03-01T00:00:00Z"),
        (1_735_689_599, 999_999_000, "2024-12-31T23:59:59.999999Z"),
        (-1, 0, "1969-12-31T23:59:59Z"),
        (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
        (
            253_402_300_799,
            999_999_999,
            "9999-12-31T23:59:59.999999999Z",
        ),
        // The nanos are not range-checked; normalizing carries them.
        (0, -1, "1969-12-31T23:59:59.999999999Z"),
        (-62_135_596_800, -1, "0000-12-31T23:59:59.999999999Z"),
        (253_402_300_799, 1_000_000_000, "+10000-01-01T00:00:00Z"),
        (0, i32::MAX, "1970-01-01T00:00:02.147483647Z"),
        (0, i32::MIN, "1969-12-31T23:59:57.852516352Z"),
        (10, -1_500_000_000, "1970-01-01T00:00:08.500Z"),
    ];
    for (seconds, nanos, text) in cases {
        assert_eq!(
            rendered(&kinds("w_time", timestamp(seconds, nanos))),
            format!(r#"{{"wTime":"{text}"}}"#),
            "{seconds}s {nanos}ns"
        );
    }
    for seconds in [-62_135_596_801, 253_402_300_800, i64::MIN, i64::MAX] {
        assert_eq!(
            failure(&kinds("w_time", timestamp(seconds, 0))),
            "timestamp out of range"
        );
    }
    let Value::Message(top) = timestamp(86_400 * 365, 5_000_000) else {
        unreachable!()
    };
    assert_eq!(rendered(&top), r#""1971-01-01T00:00:00.005Z""#);
    check(&kinds(
        "r_time",
        Value::List(vec![timestamp(0, 0), timestamp(1, 0), timestamp(2, 0)]),
    ))
    .expect("renders");
}

#[test]
fn every_day_of_four_centuries_renders_as_prost_types_does() {
    // 1600-03-01 to 2000-03-01 and around the ends of the range: every date
    // the civil-from-days arithmetic can produce in a 400-year cycle.
    let day = 86_400;
    let starts = [
        -11_670_912_000_i64,
        -62_135_596_800,
        253_402_300_799 - 400 * day,
    ];
    for start in starts {
        for i in 0..400 {
            let seconds = start + i * day + (i * 7_919) % day;
            let Value::Message(top) = timestamp(seconds, 0) else {
                unreachable!()
            };
            let theirs = prost_types::Timestamp { seconds, nanos: 0 }.to_string();
            assert_eq!(rendered(&top), format!("\"{theirs}\""));
        }
    }
    for i in 0..146_097_i64 {
        let seconds = -11_670_912_000 + i * day;
        let Value::Message(top) = timestamp(seconds, 0) else {
            unreachable!()
        };
        let ours = to_vec(&JsonMessage(&top)).expect("renders");
        let theirs = prost_types::Timestamp { seconds, nanos: 0 }.to_string();
        assert_eq!(&ours[1..ours.len() - 1], theirs.as_bytes(), "day {i}");
    }
}

#[test]
fn durations_signed_normalized_and_range_checked() {
    let cases = [
        (0, 0, "0s"),
        (1, 500_000_000, "1.500s"),
        (-1, -500_000_000, "-1.500s"),
        (0, -1_000, "-0.000001s"),
        (-1, 500_000_000, "-0.500s"),
        // prost_types writes the sign of the parts before normalizing them.
        (1, -500_000_000, "-0.500s"),
        (3, 1, "3.000000001s"),
        (315_576_000_000, 999_999_999, "315576000000.999999999s"),
        (-315_576_000_000, -999_999_999, "-315576000000.999999999s"),
        (-315_576_000_000, 999_999_999, "-315575999999.000000001s"),
    ];
    for (seconds, nanos, text) in cases {
        assert_eq!(
            rendered(&kinds("w_duration", duration(seconds, nanos))),
            format!(r#"{{"wDuration":"{text}"}}"#),
            "{seconds}s {nanos}ns"
        );
    }
    for (seconds, nanos) in [
        (315_576_000_001, 0),
        (-315_576_000_001, 0),
        (0, 1_000_000_000),
        (0, -1_000_000_000),
        (i64::MIN, 0),
        (0, i32::MIN),
    ] {
        assert_eq!(
            failure(&kinds("w_duration", duration(seconds, nanos))),
            "duration out of range"
        );
    }
}

#[test]
fn field_masks_in_camel_case() {
    let mask = |paths: &[&str]| {
        kinds(
            "w_mask",
            msg(
                "google.protobuf.FieldMask",
                vec![(
                    "paths",
                    Value::List(paths.iter().map(|p| Value::String((*p).into())).collect()),
                )],
            ),
        )
    };
    assert_eq!(
        rendered(&mask(&["foo_bar.baz_qux", "a", "trailing_"])),
        r#"{"wMask":"fooBar.bazQux,a,trailing"}"#
    );
    assert_eq!(rendered(&mask(&[])), r#"{"wMask":""}"#);
    assert_eq!(rendered(&mask(&["a._b_"])), r#"{"wMask":"a.B"}"#);
    for bad in ["fooBar", "foo__bar", "foo_3", "a.b_1"] {
        assert_eq!(
            failure(&mask(&["ok", bad])),
            "cannot roundtrip field name through camelcase"
        );
    }
}

#[test]
fn struct_value_and_list_value() {
    let tree = serde_json::json!({
        "zeta": 1,
        "alpha": [true, null, -0.0, 0.1, 1e300, "s", {"b": {}, "a": []}],
        "": "empty key",
        "é": {"nested": {"deeper": [[]]}},
    });
    let Value::Message(value) = json_value(tree.clone()) else {
        unreachable!()
    };
    check(&value).expect("renders");
    check(&kinds("w_value", Value::Message(value))).expect("renders");
    let serde_json::Value::Object(object) = tree else {
        unreachable!()
    };
    let structure = struct_value(object.into_iter().map(|(k, v)| (k, json_value(v))));
    assert_eq!(
        rendered(&kinds("w_struct", structure)),
        r#"{"wStruct":{"":"empty key","alpha":[true,null,-0.0,0.1,1e+300,"s",{"a":[],"b":{}}],"zeta":1.0,"é":{"nested":{"deeper":[[]]}}}}"#
    );
    assert_eq!(
        rendered(&kinds(
            "w_list",
            list_value([number_value(2.5), msg("google.protobuf.Value", vec![])])
        )),
        r#"{"wList":[2.5,null]}"#
    );
    assert_eq!(
        rendered(&kinds("w_value", msg("google.protobuf.Value", vec![]))),
        r#"{"wValue":null}"#
    );
    assert_eq!(
        rendered(&kinds("w_struct", struct_value([]))),
        r#"{"wStruct":{}}"#
    );
    assert_eq!(
        rendered(&kinds("w_list", list_value([]))),
        r#"{"wList":[]}"#
    );
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let message = kinds(
            "w_struct",
            struct_value([(
                "k".to_owned(),
                msg(
                    "google.protobuf.Value",
                    vec![("list_value", list_value([number_value(bad)]))],
                ),
            )]),
        );
        assert_eq!(
            failure(&message),
            "cannot serialize non-finite double in google.protobuf.Value"
        );
        failure(&kinds("r_value", Value::List(vec![number_value(bad)])));
    }
}

#[test]
fn wrappers_hold_their_value_bare_even_when_default() {
    let wrap =
        |name: &str, value: Value| msg(&format!("google.protobuf.{name}"), vec![("value", value)]);
    let message = build(
        "Kinds",
        vec![
            ("w_float", wrap("FloatValue", Value::F32(0.0))),
            ("w_double", wrap("DoubleValue", Value::F64(-1.5))),
            ("w_int32", wrap("Int32Value", Value::I32(0))),
            ("w_int64", wrap("Int64Value", Value::I64(i64::MIN))),
            ("w_uint32", wrap("UInt32Value", Value::U32(u32::MAX))),
            ("w_uint64", wrap("UInt64Value", Value::U64(u64::MAX))),
            ("w_bool", wrap("BoolValue", Value::Bool(false))),
            ("w_string", wrap("StringValue", Value::String("ü\"".into()))),
            (
                "w_bytes",
                wrap("BytesValue", Value::Bytes(vec![0, 1, 2, 3].into())),
            ),
            ("w_empty", msg("google.protobuf.Empty", vec![])),
            (
                "r_wrapped",
                Value::List(vec![
                    wrap("Int64Value", Value::I64(0)),
                    msg("google.protobuf.Int64Value", vec![]),
                ]),
            ),
        ],
    );
    assert_eq!(
        rendered(&message),
        concat!(
            r#"{"wEmpty":{},"wFloat":0.0,"wDouble":-1.5,"wInt32":0,"wInt64":"-9223372036854775808","#,
            r#""wUint32":4294967295,"wUint64":"18446744073709551615","wBool":false,"wString":"ü\"","#,
            r#""wBytes":"AAECAw==","rWrapped":["0","0"]}"#
        )
    );
    for name in [
        "FloatValue",
        "DoubleValue",
        "Int32Value",
        "Int64Value",
        "UInt32Value",
        "UInt64Value",
        "BoolValue",
        "StringValue",
        "BytesValue",
        "Empty",
    ] {
        let top = DynamicMessage::new(desc(&format!("google.protobuf.{name}")));
        check(&top).expect("renders");
    }
}

#[test]
fn any_inline_or_with_value_nested_and_failing() {
    let payload = msg(
        "Kinds",
        vec![("f_int64", Value::I64(7)), ("w_time", timestamp(0, 0))],
    );
    assert_eq!(
        rendered(&kinds("w_any", any_of(&payload))),
        r#"{"wAny":{"@type":"type.googleapis.com/gateway.test.v1.Kinds","fInt64":"7","wTime":"1970-01-01T00:00:00Z"}}"#
    );
    assert_eq!(
        rendered(&kinds("w_any", any_of(&timestamp(1, 0)))),
        r#"{"wAny":{"@type":"type.googleapis.com/google.protobuf.Timestamp","value":"1970-01-01T00:00:01Z"}}"#
    );
    let any_of_any = any_of(&any_of(&duration(-2, 0)));
    assert_eq!(
        rendered(&kinds("w_any", any_of_any.clone())),
        r#"{"wAny":{"@type":"type.googleapis.com/google.protobuf.Any","value":{"@type":"type.googleapis.com/google.protobuf.Duration","value":"-2s"}}}"#
    );
    let Value::Message(top) = any_of_any else {
        unreachable!()
    };
    check(&top).expect("renders");
    for payload in [
        msg("google.protobuf.Empty", vec![]),
        struct_value([("k".to_owned(), number_value(1.0))]),
        json_value(serde_json::json!("text")),
        list_value([]),
        msg("Legacy", vec![("count", Value::I32(0))]),
        msg("Kinds", vec![]),
        msg(
            "google.protobuf.FieldMask",
            vec![("paths", Value::List(vec![Value::String("a_b".into())]))],
        ),
        msg("google.protobuf.Int64Value", vec![("value", Value::I64(3))]),
    ] {
        check(&kinds("w_any", any_of(&payload))).expect("renders");
    }
    check(&kinds(
        "w_any",
        pack("example.com/x/y/gateway.test.v1.Kinds", vec![]),
    ))
    .expect("renders");
    assert_eq!(
        failure(&kinds("w_any", pack("gateway.test.v1.Kinds", vec![]))),
        "unsupported type url 'gateway.test.v1.Kinds': missing at least one '/'"
    );
    assert_eq!(
        failure(&kinds("w_any", msg("google.protobuf.Any", vec![]))),
        "unsupported type url '': missing at least one '/'"
    );
    assert_eq!(
        failure(&kinds("w_any", pack("type.googleapis.com/no.Such", vec![]))),
        "message 'no.Such' not found"
    );
    failure(&kinds(
        "w_any",
        pack(
            "type.googleapis.com/gateway.test.v1.Kinds",
            vec![0xff, 0xff],
        ),
    ));
    failure(&kinds(
        "r_any",
        Value::List(vec![any_of(&timestamp(i64::MAX, 0))]),
    ));
}

#[test]
fn maps_inside_an_any_payload_match_as_trees() {
    // Both renderers decode the payload into a map of their own, in no fixed
    // order (prost-reflect's output is not stable either): same entries.
    let many: HashMap<MapKey, Value> = (0..16)
        .map(|i| {
            (
                MapKey::I64(i),
                msg("Kinds", vec![("f_int32", Value::I32(i as i32))]),
            )
        })
        .collect();
    let message = kinds(
        "w_any",
        any_of(&msg("Kinds", vec![("m_int64", Value::Map(many))])),
    );
    let ours = to_vec(&JsonMessage(&message)).expect("renders");
    let theirs = to_vec(&message).expect("renders");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&ours).expect("JSON"),
        serde_json::from_slice::<serde_json::Value>(&theirs).expect("JSON")
    );
    assert_eq!(to_value(&JsonMessage(&message)), to_value(&message));
}

#[test]
fn proto2_presence_and_extensions() {
    let pool = pool();
    let mut message = build(
        "Legacy",
        vec![
            ("count", Value::I32(0)),
            ("values", Value::List(vec![Value::I64(1)])),
        ],
    );
    let ext = |name: &str| {
        pool.get_extension_by_name(&format!("gateway.test.v1.{name}"))
            .expect("extension")
    };
    message.set_extension(&ext("note"), Value::String("n".into()));
    message.set_extension(
        &ext("marks"),
        Value::List(vec![Value::I32(1), Value::I32(2)]),
    );
    message.set_extension(
        &ext("inner"),
        msg("Legacy", vec![("label", Value::String("none".into()))]),
    );
    assert_eq!(
        rendered(&message),
        r#"{"count":0,"values":["1"],"[gateway.test.v1.note]":"n","[gateway.test.v1.marks]":[1,2],"[gateway.test.v1.inner]":{"label":"none"}}"#
    );
}

#[test]
fn unknown_fields_are_left_out() {
    let mut bytes = build("Kinds", vec![("f_int32", Value::I32(3))]).encode_to_vec();
    // Field 1000 (varint 5) and field 1001 (length-delimited "ab").
    bytes.extend_from_slice(&[0xc0, 0x3e, 0x05, 0xca, 0x3e, 0x02, b'a', b'b']);
    let message = DynamicMessage::decode(desc("Kinds"), bytes.as_slice()).expect("decodes");
    assert_eq!(rendered(&message), r#"{"fInt32":3}"#);
}

#[test]
fn the_gateway_test_package_renders_the_same() {
    let body = r#"{"name":"widget","int64Value":"42","color":"COLOR_RED","tags":["a","b"],
        "time":"2024-05-01T12:00:00.5Z","duration":"-1.5s","mask":"a.bC,d",
        "data":{"k":[1,"x",{"n":null}]},"value":3,"wrappedInt64":"-1","wrappedString":"",
        "wrappedBool":false,"any":{"@type":"type.googleapis.com/gateway.test.v1.Nested","name":"n"},
        "counts":{"a":1,"b":-2},"children":{"c":{"count":"3","child":{}}},"choiceNested":{},
        "maybe":0,"list":[[]],"uint64Value":"18446744073709551615","floatValue":1e-45,
        "wrappedDouble":"NaN","empty":{},"items":[{"color":2},{}],"wrappedBytes":"AA==",
        "wrappedUint64":"0","bytesValue":"/w=="}"#;
    let thing = crate::bind::message_from_json(desc("Thing"), body.as_bytes(), true)
        .expect("the body parses");
    check(&thing).expect("renders");
}

/// Reads choices from a byte string (zeros when it runs out), so proptest
/// shrinks a message by shrinking its bytes.
struct Entropy<'a> {
    bytes: &'a [u8],
    /// How many Any payloads the message being built is inside: there, maps
    /// get at most one entry, because each renderer decodes the payload into
    /// its own `HashMap`, whose order is its own.
    in_any: usize,
    /// Whether values without a JSON form (out-of-range Timestamps, bad
    /// type URLs, …) may be generated: one of them fails the whole message.
    faults: bool,
}

impl Entropy<'_> {
    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&first, rest)) => {
                self.bytes = rest;
                first
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    /// True with probability `k` in 8.
    fn chance(&mut self, k: u8) -> bool {
        self.byte() % 8 < k
    }

    fn u64(&mut self) -> u64 {
        (0..8).fold(0, |acc, _| (acc << 8) | u64::from(self.byte()))
    }

    fn u32(&mut self) -> u32 {
        (0..4).fold(0, |acc, _| (acc << 8) | u32::from(self.byte()))
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn i64(&mut self) -> i64 {
        match self.below(4) {
            0 => self.pick(&[0, 1, -1, i64::MIN, i64::MAX]),
            1 => i64::from(self.byte() as i8),
            _ => self.u64() as i64,
        }
    }

    fn i32(&mut self) -> i32 {
        match self.below(4) {
            0 => self.pick(&[0, 1, -1, i32::MIN, i32::MAX]),
            1 => i32::from(self.byte() as i8),
            _ => self.u32() as i32,
        }
    }

    fn f64(&mut self) -> f64 {
        match self.below(3) {
            0 => self.pick(&[
                0.0,
                -0.0,
                0.1,
                1e300,
                5e-324,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                1.5,
            ]),
            1 => f64::from(self.byte() as i8) / 4.0,
            _ => f64::from_bits(self.u64()),
        }
    }

    fn f32(&mut self) -> f32 {
        match self.below(3) {
            0 => self.pick(&[
                0.0,
                -0.0,
                0.1,
                1e-45,
                3.4e38,
                f32::NAN,
                f32::INFINITY,
                f32::NEG_INFINITY,
                16_777_217.0,
            ]),
            1 => f32::from(self.byte() as i8) / 4.0,
            _ => f32::from_bits(self.u32()),
        }
    }

    fn string(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a",
            "snake_case",
            "Z",
            "0",
            " ",
            "\"",
            "\\",
            "/",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "\n",
            "é",
            "漢",
            "🦀",
            "\u{2028}",
            "\u{fffd}",
            "_",
            ".",
            "foo_bar",
        ];
        let len = self.below(6);
        (0..len).map(|_| self.pick(PIECES)).collect()
    }

    fn bytes(&mut self) -> Vec<u8> {
        let len = self.below(7);
        (0..len).map(|_| self.byte()).collect()
    }
}

/// A random message of type `desc`; well-known types get values near their
/// edges (and sometimes past them).
fn random_message(e: &mut Entropy<'_>, desc: &MessageDescriptor, depth: usize) -> DynamicMessage {
    let mut message = DynamicMessage::new(desc.clone());
    let set = |message: &mut DynamicMessage, number: u32, value: Value| {
        message.set_field_by_number(number, value);
    };
    match well_known(desc.full_name()) {
        Some(super::WellKnown::Timestamp) => {
            let seconds = match e.below(32) {
                0 if e.faults => e.pick(&[-62_135_596_801, 253_402_300_800]),
                1 if e.faults => e.i64(),
                2..=5 => e.pick(&[-62_135_596_800, 253_402_300_799, 0, -1]),
                _ => (e.u64() % 315_537_897_600) as i64 - 62_135_596_800,
            };
            set(&mut message, 1, Value::I64(seconds));
            let nanos = if e.chance(1) {
                e.i32()
            } else {
                random_nanos(e)
            };
            set(&mut message, 2, Value::I32(nanos));
        }
        Some(super::WellKnown::Duration) => {
            let seconds = match e.below(32) {
                0 if e.faults => e.pick(&[315_576_000_001, -315_576_000_001]),
                1 if e.faults => e.i64(),
                2..=5 => e.pick(&[315_576_000_000, -315_576_000_000, 0, 1, -1]),
                _ => (e.u64() % 631_152_000_001) as i64 - 315_576_000_000,
            };
            set(&mut message, 1, Value::I64(seconds));
            set(&mut message, 2, Value::I32(random_nanos(e)));
        }
        Some(super::WellKnown::FieldMask) => {
            let paths = (0..e.below(4))
                .map(|_| {
                    Value::String(if e.faults && e.chance(1) {
                        e.string()
                    } else {
                        e.pick(&["a", "snake_case", "foo_bar.baz", "x1.y_z", "trailing_"])
                            .to_owned()
                    })
                })
                .collect();
            set(&mut message, 1, Value::List(paths));
        }
        Some(super::WellKnown::Any) if depth < 4 => {
            let names = [
                "gateway.test.v1.Kinds",
                "gateway.test.v1.Legacy",
                "gateway.test.v1.Thing",
                "google.protobuf.Timestamp",
                "google.protobuf.Duration",
                "google.protobuf.Struct",
                "google.protobuf.Value",
                "google.protobuf.Any",
                "google.protobuf.Empty",
                "google.protobuf.FloatValue",
                "google.protobuf.UInt64Value",
            ];
            let name = e.pick(&names);
            let (type_url, bytes) = match e.below(48) {
                0 if e.faults => (name.to_owned(), vec![]),
                1 if e.faults => ("type.googleapis.com/no.Such".to_owned(), vec![]),
                2 if e.faults => (format!("type.googleapis.com/{name}"), e.bytes()),
                _ => {
                    let prefix = e.pick(&["type.googleapis.com", "example.com/a", ""]);
                    e.in_any += 1;
                    let payload = random_message(e, &desc_of(name), depth + 1);
                    e.in_any -= 1;
                    (format!("{prefix}/{name}"), payload.encode_to_vec())
                }
            };
            set(&mut message, 1, Value::String(type_url));
            set(&mut message, 2, Value::Bytes(bytes.into()));
        }
        Some(super::WellKnown::Any) => {
            set(
                &mut message,
                1,
                Value::String("type.googleapis.com/google.protobuf.Empty".into()),
            );
        }
        _ => {
            for field in desc.fields() {
                if e.chance(3)
                    && let Some(value) = random_field(e, &field, depth)
                {
                    message.set_field(&field, value);
                }
            }
            for extension in desc.extensions() {
                if e.chance(2) {
                    let value = if extension.is_list() {
                        Value::List(
                            (0..e.below(3))
                                .filter_map(|_| random_single(e, &extension.kind(), depth))
                                .collect(),
                        )
                    } else {
                        random_single(e, &extension.kind(), depth)
                            .unwrap_or_else(|| extension.default_value())
                    };
                    message.set_extension(&extension, value);
                }
            }
        }
    }
    message
}

fn desc_of(name: &str) -> MessageDescriptor {
    desc(name)
}

/// Nanoseconds of a Duration (in range unless faults are on) or a Timestamp.
fn random_nanos(e: &mut Entropy<'_>) -> i32 {
    match e.below(24) {
        0 if e.faults => e.i32(),
        1..=4 => 0,
        5..=8 => i32::from(e.byte()) * 1_000_000,
        9..=12 => (e.u32() % 1_000_000) as i32 * 1_000,
        13..=16 => -((e.u32() % 1_000_000_000) as i32),
        _ => (e.u32() % 1_000_000_000) as i32,
    }
}

fn random_field(
    e: &mut Entropy<'_>,
    field: &prost_reflect::FieldDescriptor,
    depth: usize,
) -> Option<Value> {
    let kind = field.kind();
    if field.is_map() {
        let entry = kind.as_message()?;
        let key_kind = entry.map_entry_key_field().kind();
        let value_kind = entry.map_entry_value_field().kind();
        let mut map = HashMap::new();
        let most = if e.in_any > 0 { 1 } else { 3 };
        for _ in 0..e.below(most + 1) {
            let key = match key_kind {
                Kind::Bool => MapKey::Bool(e.chance(4)),
                Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => MapKey::I32(e.i32()),
                Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => MapKey::I64(e.i64()),
                Kind::Uint32 | Kind::Fixed32 => MapKey::U32(e.i32() as u32),
                Kind::Uint64 | Kind::Fixed64 => MapKey::U64(e.i64() as u64),
                _ => MapKey::String(e.string()),
            };
            if let Some(value) = random_single(e, &value_kind, depth) {
                map.insert(key, value);
            }
        }
        Some(Value::Map(map))
    } else if field.is_list() {
        Some(Value::List(
            (0..e.below(4))
                .filter_map(|_| random_single(e, &kind, depth))
                .collect(),
        ))
    } else {
        random_single(e, &kind, depth)
    }
}

fn random_single(e: &mut Entropy<'_>, kind: &Kind, depth: usize) -> Option<Value> {
    Some(match kind {
        Kind::Double => Value::F64(e.f64()),
        Kind::Float => Value::F32(e.f32()),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => Value::I32(e.i32()),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => Value::I64(e.i64()),
        Kind::Uint32 | Kind::Fixed32 => Value::U32(e.i32() as u32),
        Kind::Uint64 | Kind::Fixed64 => Value::U64(e.i64() as u64),
        Kind::Bool => Value::Bool(e.chance(4)),
        Kind::String => Value::String(e.string()),
        Kind::Bytes => Value::Bytes(e.bytes().into()),
        Kind::Enum(desc) => {
            if e.chance(6) {
                let values: Vec<i32> = desc.values().map(|v| v.number()).collect();
                Value::EnumNumber(e.pick(&values))
            } else {
                Value::EnumNumber(e.i32())
            }
        }
        Kind::Message(desc) => {
            if depth >= 5 {
                return None;
            }
            Value::Message(random_message(e, desc, depth + 1))
        }
    })
}

/// Every message type the random test starts from.
fn roots() -> &'static [MessageDescriptor] {
    static ROOTS: OnceLock<Vec<MessageDescriptor>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        pool()
            .all_messages()
            .filter(|m| {
                !m.is_map_entry()
                    && (m.package_name() == "gateway.test.v1"
                        || well_known(m.full_name()).is_some())
            })
            .collect()
    })
}

#[test]
fn the_random_test_starts_from_every_kind_of_root() {
    let names: Vec<&str> = roots().iter().map(MessageDescriptor::full_name).collect();
    for name in [
        "gateway.test.v1.Kinds",
        "gateway.test.v1.Legacy",
        "gateway.test.v1.Thing",
        "gateway.test.v1.Record",
        "google.protobuf.Any",
        "google.protobuf.Struct",
        "google.protobuf.BytesValue",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn random_messages_render_as_prost_reflect_renders_them(
        root in 0..64usize,
        entropy in proptest::collection::vec(any::<u8>(), 0..3000),
    ) {
        let roots = roots();
        let desc = &roots[root % roots.len()];
        let mut entropy = Entropy { bytes: &entropy, in_any: 0, faults: false };
        entropy.faults = entropy.chance(4);
        let message = random_message(&mut entropy, desc, 0);
        // `check` asserts; a message may fail to render, like the oracle.
        let _ = check(&message);
    }
}
