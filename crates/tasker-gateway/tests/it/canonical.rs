//! proto3 JSON compared with protobuf's own `json_format` (Python `protobuf`):
//! a corpus of messages is encoded to binary, rendered to JSON by both
//! implementations and compared (up to key order); then each Python rendering
//! (camelCase and original field names) is parsed back by the gateway and must
//! give the original message.

use std::path::PathBuf;
use std::process::Command;

use prost::Message as _;
use prost_reflect::DynamicMessage;
use serde_json::{Value, json};
use tasker_gateway::bind::message_from_json;
use tasker_gateway::json::JsonMessage;

use crate::fixture::pool;

fn corpus() -> Vec<Value> {
    vec![
        json!({}),
        json!({"id": "plain", "name": "with \"quotes\" and unicode é ✓ and \u{0001}"}),
        json!({"int32Value": -2147483648, "int64Value": "-9223372036854775808", "uint64Value": "18446744073709551615", "uint32Value": 4294967295u64}),
        json!({"sint32Value": -1, "sint64Value": "-9007199254740993", "fixed64Value": "1", "sfixed32Value": -7}),
        json!({"boolValue": true, "doubleValue": 1e21, "floatValue": 0.1}),
        json!({"doubleValue": 1.7976931348623157e308, "floatValue": 3.4e38}),
        json!({"doubleValue": 5e-324, "floatValue": 1.0e-45}),
        json!({"doubleValue": "NaN", "floatValue": "-Infinity"}),
        json!({"doubleValue": "Infinity"}),
        json!({"doubleValue": 0.30000000000000004, "floatValue": 16777217.0}),
        json!({"bytesValue": "AP8QIGFiYw=="}),
        json!({"bytesValue": "+/+/"}),
        json!({"color": "COLOR_GREEN", "colors": ["COLOR_RED", "COLOR_UNSPECIFIED", "COLOR_GREEN"]}),
        json!({"tags": ["", "a", "b"], "numbers": ["0", "-1", "9223372036854775807"]}),
        json!({"time": "1970-01-01T00:00:00Z"}),
        json!({"time": "2024-02-29T23:59:59.123Z", "duration": "-1.5s"}),
        json!({"time": "0001-01-01T00:00:00.000001Z", "duration": "315576000000.999999999s"}),
        json!({"time": "9999-12-31T23:59:59.999999999Z", "duration": "0.000000001s"}),
        json!({"duration": "0s", "mask": ""}),
        json!({"mask": "fooBar,nested.childName,a"}),
        json!({"data": {"k": "v", "n": 1.5, "b": false, "z": null, "l": [1, "two", {"x": []}], "o": {}}}),
        json!({"value": null}),
        json!({"value": [1, 2.5, "x", true, null, {"a": {"b": []}}]}),
        json!({"value": "text"}),
        json!({"list": [null, {"a": 1}, []]}),
        json!({"wrappedInt64": "0", "wrappedString": "", "wrappedBool": false, "wrappedDouble": 0.0}),
        json!({"wrappedInt64": "-12", "wrappedString": "s", "wrappedBool": true, "wrappedDouble": "NaN", "wrappedBytes": "YQ==", "wrappedUint64": "18446744073709551615"}),
        json!({"any": {"@type": "type.googleapis.com/gateway.test.v1.Nested", "name": "packed", "count": "3"}}),
        json!({"any": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "2s"}}),
        json!({"any": {"@type": "type.googleapis.com/google.protobuf.Struct", "value": {"a": 1}}}),
        json!({"any": {"@type": "type.googleapis.com/google.protobuf.Timestamp", "value": "2020-01-01T00:00:00Z"}}),
        json!({"any": {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1s"}}),
        json!({"counts": {"a": 1, "b": -2, "": 0}, "children": {"x": {"name": "child", "color": "COLOR_RED"}}}),
        json!({"choiceText": ""}),
        json!({"choiceNested": {}}),
        json!({"maybe": 0}),
        json!({"empty": {}}),
        json!({"items": [{}, {"name": "n", "child": {"count": "1"}}]}),
        json!({"nested": {"child": {"child": {"name": "deep", "count": "-1"}}}}),
    ]
}

fn python() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let venv = root.join("target/python-venv/bin/python");
    assert!(
        venv.exists(),
        "{} missing: run `scripts/make python-env` (the test command does)",
        venv.display()
    );
    venv
}

#[test]
fn json_matches_protobuf_json_format_both_ways() {
    let pool = pool();
    let desc = pool.get_message_by_name("gateway.test.v1.Thing").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut originals = Vec::new();
    for (i, input) in corpus().into_iter().enumerate() {
        let message = message_from_json(desc.clone(), input.to_string().as_bytes(), true)
            .unwrap_or_else(|e| panic!("corpus entry {i} ({input}) does not parse: {e}"));
        std::fs::write(
            dir.path().join(format!("{i:03}.bin")),
            message.encode_to_vec(),
        )
        .unwrap();
        originals.push(message);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(python())
        .arg(root.join("../../tests/python/json_format_corpus.py"))
        .arg("gateway/test/v1/transcoding.proto")
        .arg("gateway.test.v1.Thing")
        .arg(dir.path())
        .arg(root.join("tests/proto"))
        .arg(root.join("../../proto"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), originals.len());
    let mut mismatches = Vec::new();
    for (line, original) in lines.iter().zip(&originals) {
        let name = line["name"].as_str().unwrap();
        let ours: Value =
            serde_json::from_slice(&tasker_gateway::json::to_vec(&JsonMessage(original)).unwrap())
                .unwrap();
        let known = KNOWN_DIFFERENCES.iter().find(|(entry, _)| *entry == name);
        match (ours == line["camel"], known) {
            (true, None) => {}
            (true, Some((_, why))) => mismatches.push(format!(
                "{name}: known difference no longer occurs ({why}); remove it"
            )),
            (false, Some(_)) => {}
            (false, None) => mismatches.push(format!(
                "{name}: ours {ours} vs json_format {}",
                line["camel"]
            )),
        }
        for style in ["camel", "proto_names"] {
            let parsed = message_from_json(desc.clone(), line[style].to_string().as_bytes(), true)
                .unwrap_or_else(|e| panic!("{name} ({style}) does not parse back: {e}"));
            if !same(&parsed, original) {
                mismatches.push(format!(
                    "{name}: {style} JSON parses to a different message"
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Corpus entries where the output differs from json_format, with the reason.
/// The test fails when one of them stops differing, so the list stays true.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn same(a: &DynamicMessage, b: &DynamicMessage) -> bool {
    // NaN != NaN and map order is arbitrary: compare the canonical JSON trees.
    let tree = |m: &DynamicMessage| {
        serde_json::from_slice::<Value>(&serde_json::to_vec(m).unwrap()).unwrap()
    };
    tree(a) == tree(b)
}
