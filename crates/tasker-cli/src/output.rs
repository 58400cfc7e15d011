//! Rendering answers: canonical proto3 JSON (through the descriptor set, as
//! the REST gateway writes it), YAML of that JSON, or comfy-table tables.

use std::io::Write as _;
use std::sync::OnceLock;

use anyhow::Context as _;
use comfy_table::{ContentArrangement, Table, presets};
use prost_reflect::{DescriptorPool, DynamicMessage};
use serde_json::Value;

use crate::cli::OutputFormat;

fn pool() -> anyhow::Result<&'static DescriptorPool> {
    static POOL: OnceLock<Option<DescriptorPool>> = OnceLock::new();
    // Both APIs: answers of the orchestrator and of a worker's port.
    POOL.get_or_init(|| tasker_proto::all_descriptor_pool().ok())
        .as_ref()
        .context("the descriptor set does not decode")
}

/// Canonical proto3 JSON of a generated message.
pub(crate) fn to_json<M: prost::Message + prost::Name>(message: &M) -> anyhow::Result<Value> {
    let descriptor = pool()?
        .get_message_by_name(&M::full_name())
        .with_context(|| format!("{} is not in the descriptor set", M::full_name()))?;
    let mut dynamic = DynamicMessage::new(descriptor);
    dynamic.transcode_from(message)?;
    Ok(tasker_gateway::json::to_value(&dynamic)?)
}

/// How a table shows an answer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum View {
    /// Field / value rows of the whole answer.
    Object,
    /// Field / value rows of one field of the answer.
    Field(&'static str),
    /// One row per element of the array field `items`, with `columns`
    /// (header, dotted path in the element).
    List {
        items: &'static str,
        columns: &'static [(&'static str, &'static str)],
    },
}

/// Writes `json` to stdout in `format`.
pub(crate) fn emit(format: OutputFormat, json: &Value, view: View) -> anyhow::Result<()> {
    let text = match format {
        OutputFormat::Json => serde_json::to_string_pretty(json)?,
        OutputFormat::Yaml => yaml_serde::to_string(json)?.trim_end().to_owned(),
        OutputFormat::Table => table(json, view),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(())
}

/// A line for people (on stderr, so stdout stays parseable).
pub(crate) fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table
}

fn table(json: &Value, view: View) -> String {
    match view {
        View::Object => key_values(json),
        View::Field(field) => key_values(json.get(field).unwrap_or(&Value::Null)),
        View::List { items, columns } => {
            let mut table = new_table();
            table.set_header(columns.iter().map(|(header, _)| *header));
            let rows = json.get(items).and_then(Value::as_array);
            for item in rows.into_iter().flatten() {
                table.add_row(columns.iter().map(|(_, path)| cell(lookup(item, path))));
            }
            let mut text = table.to_string();
            if rows.is_none_or(Vec::is_empty) {
                text.push_str("\n(none)");
            }
            if let Some(token) = json.get("nextPageToken").and_then(Value::as_str)
                && !token.is_empty()
            {
                text.push_str("\n(more: use --all or --limit)");
            }
            text
        }
    }
}

fn key_values(json: &Value) -> String {
    let mut table = new_table();
    table.set_header(["field", "value"]);
    let mut rows = Vec::new();
    flatten("", json, &mut rows);
    for (key, value) in rows {
        table.add_row([key, value]);
    }
    table.to_string()
}

fn flatten(prefix: &str, json: &Value, rows: &mut Vec<(String, String)>) {
    match json {
        Value::Object(map) if !map.is_empty() && prefix.matches('.').count() < 2 => {
            for (key, value) in map {
                let key = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&key, value, rows);
            }
        }
        other => rows.push((prefix.to_owned(), cell(Some(other)))),
    }
}

fn lookup<'a>(json: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(json, |value, key| value.get(key))
}

/// Enum values without their type prefix, in lower case.
const ENUM_PREFIXES: &[&str] = &[
    "TASK_STATE_",
    "STEP_STATE_",
    "TASK_HEALTH_",
    "DLQ_REASON_",
    "DLQ_RESOLUTION_STATUS_",
    "HEALTH_STATUS_",
    "STALENESS_HEALTH_",
    "MANUAL_RESOLUTION_ACTION_",
];

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => ENUM_PREFIXES
            .iter()
            .find_map(|p| s.strip_prefix(p))
            .map(str::to_ascii_lowercase)
            .unwrap_or_else(|| s.clone()),
        Some(Value::Array(items)) if items.iter().all(|v| !v.is_object()) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// The short form of an enum value (`complete` for `TASK_STATE_COMPLETE`).
pub(crate) fn short(value: &str) -> String {
    cell(Some(&Value::String(value.to_owned())))
}

/// Parses the enum value of option `flag`, given as its full name, its
/// number, or its short form (`manually-resolved`, `MANUALLY_RESOLVED`); an
/// unknown one is a usage error listing the accepted ones.
pub(crate) fn enum_value(flag: &str, enum_name: &str, text: &str) -> anyhow::Result<i32> {
    let descriptor = pool()?
        .get_enum_by_name(enum_name)
        .with_context(|| format!("{enum_name} is not in the descriptor set"))?;
    if let Ok(number) = text.parse::<i32>() {
        return Ok(number);
    }
    let wanted = text.to_ascii_uppercase().replace('-', "_");
    descriptor
        .values()
        .find(|v| v.name() == wanted || v.name().ends_with(&format!("_{wanted}")))
        .filter(|v| v.number() != 0)
        .map(|v| v.number())
        .ok_or_else(|| {
            let names: Vec<String> = descriptor
                .values()
                .filter(|v| v.number() != 0)
                .map(|v| short(v.name()))
                .collect();
            crate::usage(format!("{flag} {text:?}: not one of {}", names.join(", ")))
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn enums_parse_in_every_form() {
        for text in ["manually-resolved", "MANUALLY_RESOLVED", "2"] {
            assert_eq!(
                enum_value("--status", "tasker.v1.DlqResolutionStatus", text).unwrap(),
                2,
                "{text}"
            );
        }
        let unknown = enum_value("--status", "tasker.v1.DlqResolutionStatus", "bogus")
            .unwrap_err()
            .to_string();
        assert!(
            unknown.starts_with("--status \"bogus\": not one of pending, manually_resolved"),
            "{unknown}"
        );
        assert_eq!(short("TASK_STATE_STEPS_IN_PROCESS"), "steps_in_process");
    }

    #[test]
    fn json_is_canonical_proto3() {
        let task = tasker_proto::v1::Task {
            task_uuid: "t".into(),
            state: tasker_proto::v1::TaskState::Complete.into(),
            created_at: Some(pbjson_types::Timestamp {
                seconds: 0,
                nanos: 0,
            }),
            ..Default::default()
        };
        let json = to_json(&task).unwrap();
        assert_eq!(json["state"], "TASK_STATE_COMPLETE");
        assert_eq!(json["createdAt"], "1970-01-01T00:00:00Z");
    }
}
