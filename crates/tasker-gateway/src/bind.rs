//! Building the request message from an HTTP request: path variables, query
//! parameters and the JSON body, with proto3 JSON semantics throughout.
//!
//! Every scalar from the path or the query string is converted through the
//! same proto3 JSON parser the body uses, so `?limit=5`, `?since=2024-01-01T00:00:00Z`,
//! `?state=TASK_STATE_PENDING` (or `?state=1`) and `?ids=a&ids=b` behave
//! exactly like their JSON counterparts.

use prost_reflect::{
    DeserializeOptions, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, ReflectMessage,
    Value,
};
use serde_json::Value as Json;

/// A problem with one field of the request; becomes a 400 with a
/// `google.rpc.BadRequest` field violation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {description}")]
pub struct FieldViolation {
    /// Dotted path of the field (or query parameter, or `body`).
    pub field: String,
    /// What is wrong.
    pub description: String,
}

impl FieldViolation {
    /// A violation of `field`.
    pub fn new(field: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            description: description.into(),
        }
    }
}

/// Finds a field by proto name or by JSON name.
pub fn find_field(message: &MessageDescriptor, name: &str) -> Option<FieldDescriptor> {
    message
        .get_field_by_name(name)
        .or_else(|| message.get_field_by_json_name(name))
}

/// Resolves a dotted path (`a.b.c`, proto or JSON names) to its fields.
pub fn resolve_path(
    message: &MessageDescriptor,
    path: &str,
) -> Result<Vec<FieldDescriptor>, FieldViolation> {
    let mut fields = Vec::new();
    let mut current = message.clone();
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let field = find_field(&current, part).ok_or_else(|| {
            FieldViolation::new(
                path,
                format!("no field {part:?} in {}", current.full_name()),
            )
        })?;
        if i + 1 < parts.len() {
            match field.kind() {
                Kind::Message(inner)
                    if !field.is_list() && !field.is_map() && !is_scalar_like(&inner) =>
                {
                    current = inner
                }
                _ => {
                    return Err(FieldViolation::new(
                        path,
                        format!("{part:?} is not a singular message field"),
                    ));
                }
            }
        }
        fields.push(field);
    }
    Ok(fields)
}

/// Well-known message types whose JSON form is a scalar; they bind from a
/// single query or path value.
pub fn is_scalar_like(message: &MessageDescriptor) -> bool {
    matches!(
        message.full_name(),
        "google.protobuf.Timestamp"
            | "google.protobuf.Duration"
            | "google.protobuf.FieldMask"
            | "google.protobuf.DoubleValue"
            | "google.protobuf.FloatValue"
            | "google.protobuf.Int64Value"
            | "google.protobuf.UInt64Value"
            | "google.protobuf.Int32Value"
            | "google.protobuf.UInt32Value"
            | "google.protobuf.BoolValue"
            | "google.protobuf.StringValue"
            | "google.protobuf.BytesValue"
    )
}

/// The JSON value a text form stands for, given the target field kind:
/// booleans become JSON booleans, bare numbers stay strings (proto3 JSON
/// accepts numbers as strings for every numeric type), enum numbers become
/// JSON numbers, everything else a JSON string.
fn text_to_json(kind: &Kind, text: &str) -> Json {
    match kind {
        Kind::Bool => match text {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            other => Json::String(other.to_owned()),
        },
        Kind::Enum(_) => match text.parse::<i64>() {
            Ok(n) => Json::Number(n.into()),
            Err(_) => Json::String(text.to_owned()),
        },
        Kind::Message(m) if m.full_name() == "google.protobuf.BoolValue" => {
            text_to_json(&Kind::Bool, text)
        }
        _ => Json::String(text.to_owned()),
    }
}

fn options(deny_unknown: bool) -> DeserializeOptions {
    DeserializeOptions::new().deny_unknown_fields(deny_unknown)
}

/// Decodes a JSON value into the value of `field`, using the message parser
/// on `{ "<field>": value }` so every proto3 JSON rule applies.
fn json_to_field_value(
    parent: &MessageDescriptor,
    field: &FieldDescriptor,
    value: Json,
    path: &str,
) -> Result<Value, FieldViolation> {
    let wrapper = Json::Object(
        [(field.json_name().to_owned(), value)]
            .into_iter()
            .collect(),
    );
    let message = DynamicMessage::deserialize_with_options(parent.clone(), wrapper, &options(true))
        .map_err(|e| FieldViolation::new(path, e.to_string()))?;
    Ok(message.get_field(field).into_owned())
}

/// Sets the field at `fields` (resolved path) from a text value. A repeated
/// leaf gets the value appended.
pub fn set_from_text(
    message: &mut DynamicMessage,
    fields: &[FieldDescriptor],
    text: &str,
    path: &str,
) -> Result<(), FieldViolation> {
    let Some((leaf, parents)) = fields.split_last() else {
        return Err(FieldViolation::new(path, "empty field path"));
    };
    let mut target = message;
    for parent in parents {
        let value = target.get_field_mut(parent);
        target = match value {
            Value::Message(inner) => inner,
            _ => return Err(FieldViolation::new(path, "not a message field")),
        };
    }
    if leaf.is_map() {
        return Err(FieldViolation::new(
            path,
            "map fields cannot be set from the URL",
        ));
    }
    if let Kind::Message(m) = leaf.kind()
        && !is_scalar_like(&m)
    {
        return Err(FieldViolation::new(
            path,
            format!(
                "{} is a message; set its fields as {path}.<field>",
                m.full_name()
            ),
        ));
    }
    let descriptor = target.descriptor();
    let kind = leaf.kind();
    if leaf.is_list() {
        let element = json_to_field_value(
            &descriptor,
            leaf,
            Json::Array(vec![text_to_json(&kind, text)]),
            path,
        )?;
        if let (Value::List(existing), Value::List(new)) = (target.get_field_mut(leaf), element) {
            existing.extend(new);
        }
    } else {
        let value = json_to_field_value(&descriptor, leaf, text_to_json(&kind, text), path)?;
        target.set_field(leaf, value);
    }
    Ok(())
}

/// Parses a JSON body into a message of type `desc`.
pub fn message_from_json(
    desc: MessageDescriptor,
    body: &[u8],
    deny_unknown: bool,
) -> Result<DynamicMessage, FieldViolation> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(DynamicMessage::new(desc));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let message =
        DynamicMessage::deserialize_with_options(desc, &mut deserializer, &options(deny_unknown))
            .map_err(|e| FieldViolation::new("body", format!("invalid JSON: {e}")))?;
    deserializer
        .end()
        .map_err(|e| FieldViolation::new("body", format!("invalid JSON: {e}")))?;
    Ok(message)
}

/// Parses a JSON body into the value of the top-level `field`.
pub fn field_from_json(
    parent: &MessageDescriptor,
    field: &FieldDescriptor,
    body: &[u8],
    deny_unknown: bool,
) -> Result<Value, FieldViolation> {
    if let Kind::Message(inner) = field.kind()
        && !field.is_list()
        && !field.is_map()
    {
        return Ok(Value::Message(message_from_json(
            inner,
            body,
            deny_unknown,
        )?));
    }
    let value: Json = serde_json::from_slice(body)
        .map_err(|e| FieldViolation::new("body", format!("invalid JSON: {e}")))?;
    json_to_field_value(parent, field, value, field.name())
}

/// Maximum nesting of arrays and objects in `body`, ignoring brackets inside
/// strings. Stops counting once `limit` is exceeded.
pub fn json_depth_exceeds(body: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in body {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Field mask paths for the keys present in a JSON object bound to messages
/// of type `desc`: nested objects of singular, non-well-known message fields
/// yield `a.b` paths; everything else stops at its own key.
pub fn mask_paths(desc: &MessageDescriptor, object: &serde_json::Map<String, Json>) -> Vec<String> {
    let mut paths = Vec::new();
    for (key, value) in object {
        let Some(field) = find_field(desc, key) else {
            continue;
        };
        match (field.kind(), value) {
            (Kind::Message(inner), Json::Object(nested))
                if !field.is_list()
                    && !field.is_map()
                    && !inner.full_name().starts_with("google.protobuf.")
                    && !nested.is_empty() =>
            {
                for sub in mask_paths(&inner, nested) {
                    paths.push(format!("{}.{sub}", field.name()));
                }
            }
            _ => paths.push(field.name().to_owned()),
        }
    }
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counting_ignores_strings() {
        assert!(!json_depth_exceeds(br#"{"a":{"b":[1,2]}}"#, 3));
        assert!(json_depth_exceeds(br#"{"a":{"b":[1,2]}}"#, 2));
        assert!(!json_depth_exceeds(br#"{"a":"[[[[[[{{{{"}"#, 1));
        assert!(!json_depth_exceeds(br#"{"a":"\"[[["}"#, 1));
        assert!(json_depth_exceeds(&b"[".repeat(10_000), 64));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn depth_scan_never_panics(body in proptest::collection::vec(any::<u8>(), 0..256), limit in 0usize..8) {
            let _ = json_depth_exceeds(&body, limit);
        }
    }
}
