//! `components.schemas`: every message and enum reached, in the proto3 JSON
//! mapping (64-bit integers as strings, well-known types inline, wrappers
//! nullable), written as the operations reach them.

use std::collections::{BTreeMap, HashSet};

use prost_reflect::{
    DescriptorPool, EnumDescriptor, FieldDescriptor, Kind, MessageDescriptor, MethodDescriptor,
};
use serde_json::{Map, Value, json};

use crate::comments::{Comments, first_paragraph};

use super::options::Options;
use super::{DURATION_PATTERN, STATUS};

/// Adds `description` to a schema or object, appending to one already there.
pub(super) fn describe(target: &mut Value, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Value::Object(map) = target {
        let merged = match map.get("description").and_then(Value::as_str) {
            Some(existing) if !existing.is_empty() => format!("{existing}\n\n{text}"),
            _ => text.to_owned(),
        };
        map.insert("description".to_owned(), Value::String(merged));
    }
}

pub(super) fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Schema of a scalar kind in proto3 JSON.
pub(super) fn scalar_schema(kind: &Kind) -> Option<Value> {
    let non_finite = json!({ "type": "string", "enum": ["NaN", "Infinity", "-Infinity"] });
    Some(match kind {
        Kind::Double => json!({ "oneOf": [{ "type": "number", "format": "double" }, non_finite] }),
        Kind::Float => json!({ "oneOf": [{ "type": "number", "format": "float" }, non_finite] }),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => {
            json!({ "type": "integer", "format": "int32" })
        }
        Kind::Uint32 | Kind::Fixed32 => json!({
            "type": "integer",
            "format": "uint32",
            "minimum": 0,
            "maximum": u32::MAX,
        }),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => {
            json!({ "type": "string", "format": "int64" })
        }
        Kind::Uint64 | Kind::Fixed64 => json!({ "type": "string", "format": "uint64" }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::String => json!({ "type": "string" }),
        Kind::Bytes => json!({ "type": "string", "format": "byte", "contentEncoding": "base64" }),
        Kind::Message(_) | Kind::Enum(_) => return None,
    })
}

/// Makes a scalar schema also accept `null` (`type: [t, "null"]`).
pub(super) fn nullable(mut schema: Value) -> Value {
    if let Some(Value::Array(branches)) = schema.get_mut("oneOf") {
        if let Some(first) = branches.first_mut() {
            *first = nullable(first.take());
        }
        return schema;
    }
    if let Some(ty) = schema.get_mut("type")
        && let Value::String(name) = ty
    {
        *ty = json!([name.clone(), "null"]);
    }
    schema
}

/// The JSON type a wrapper message wraps.
pub(super) fn wrapped_kind(full_name: &str) -> Option<Kind> {
    Some(match full_name {
        "google.protobuf.DoubleValue" => Kind::Double,
        "google.protobuf.FloatValue" => Kind::Float,
        "google.protobuf.Int64Value" => Kind::Int64,
        "google.protobuf.UInt64Value" => Kind::Uint64,
        "google.protobuf.Int32Value" => Kind::Int32,
        "google.protobuf.UInt32Value" => Kind::Uint32,
        "google.protobuf.BoolValue" => Kind::Bool,
        "google.protobuf.StringValue" => Kind::String,
        "google.protobuf.BytesValue" => Kind::Bytes,
        _ => return None,
    })
}

pub(super) fn any_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "@type": {
                "type": "string",
                "description": "Type URL of the embedded message, for example \
                                `type.googleapis.com/google.rpc.ErrorInfo`; the message's \
                                own fields sit next to it (or under `value` for \
                                well-known types)."
            }
        },
        "required": ["@type"],
        "additionalProperties": true,
    })
}

/// Inline schema of a well-known type with a special JSON form; `None` for
/// any other message. `nullable` makes wrappers accept `null`.
pub(super) fn well_known_schema(
    message: &MessageDescriptor,
    nullable_wrapper: bool,
) -> Option<Value> {
    let name = message.full_name();
    if let Some(kind) = wrapped_kind(name) {
        let schema = scalar_schema(&kind)?;
        return Some(if nullable_wrapper {
            nullable(schema)
        } else {
            schema
        });
    }
    Some(match name {
        "google.protobuf.Timestamp" => json!({ "type": "string", "format": "date-time" }),
        "google.protobuf.Duration" => json!({ "type": "string", "pattern": DURATION_PATTERN }),
        "google.protobuf.FieldMask" => json!({ "type": "string" }),
        "google.protobuf.Struct" => json!({ "type": "object", "additionalProperties": true }),
        "google.protobuf.Value" => json!({}),
        "google.protobuf.ListValue" => json!({ "type": "array", "items": {} }),
        "google.protobuf.Empty" => json!({ "type": "object" }),
        "google.protobuf.Any" => any_schema(),
        _ => return None,
    })
}

/// Whether `message` is a well-known type that can be a query parameter
/// (its JSON form is a string or a scalar).
pub(super) fn query_scalar_wkt(message: &MessageDescriptor) -> bool {
    wrapped_kind(message.full_name()).is_some()
        || matches!(
            message.full_name(),
            "google.protobuf.Timestamp" | "google.protobuf.Duration" | "google.protobuf.FieldMask"
        )
}

pub(super) fn field_deprecated(field: &FieldDescriptor) -> bool {
    field
        .field_descriptor_proto()
        .options
        .as_ref()
        .is_some_and(|o| o.deprecated())
}

pub(super) fn method_deprecated(method: &MethodDescriptor) -> bool {
    method
        .method_descriptor_proto()
        .options
        .as_ref()
        .is_some_and(|o| o.deprecated())
}

/// A required string, bytes, enum or repeated field must not hold its
/// default (empty, or the enum's zero value): proto3 cannot tell it from
/// an absent value, so the server refuses both.
pub(super) fn require_non_empty(field: &FieldDescriptor, schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if field.is_map() {
        map.insert("minProperties".to_owned(), json!(1));
        return;
    }
    if field.is_list() {
        map.insert("minItems".to_owned(), json!(1));
        return;
    }
    match field.kind() {
        Kind::String | Kind::Bytes => {
            map.insert("minLength".to_owned(), json!(1));
        }
        Kind::Enum(enumeration) => {
            if let Some(zero) = enumeration.get_value(0) {
                map.insert("not".to_owned(), json!({ "enum": [zero.name(), 0] }));
            }
        }
        _ => {}
    }
}

/// `dependentSchemas` entries saying that at most one member of a oneof is
/// set: each member, when present, forbids the others.
pub(super) fn at_most_one(members: &[String]) -> Map<String, Value> {
    let mut entries = Map::new();
    if members.len() < 2 {
        return entries;
    }
    for member in members {
        let others: Map<String, Value> = members
            .iter()
            .filter(|other| *other != member)
            .map(|other| (other.clone(), Value::Bool(false)))
            .collect();
        entries.insert(member.clone(), json!({ "properties": others }));
    }
    entries
}

/// A schema waiting to be written into `components.schemas`.
pub(super) enum Pending {
    Message(MessageDescriptor),
    Enum(EnumDescriptor),
}

pub(super) struct Builder<'a> {
    pub(super) pool: &'a DescriptorPool,
    pub(super) comments: &'a Comments,
    pub(super) options: &'a Options,
    pub(super) schemas: BTreeMap<String, Value>,
    pub(super) queued: HashSet<String>,
    pub(super) queue: Vec<Pending>,
}

impl Builder<'_> {
    pub(super) fn comment_of_field(&self, field: &FieldDescriptor) -> Option<&str> {
        self.comments.get(field.parent_file().name(), field.path())
    }

    /// `$ref` to a message's component (queued), or a well-known type's
    /// inline schema.
    pub(super) fn message_schema_ref(
        &mut self,
        message: &MessageDescriptor,
        nullable_wrapper: bool,
    ) -> Value {
        if let Some(schema) = well_known_schema(message, nullable_wrapper) {
            return schema;
        }
        if self.queued.insert(message.full_name().to_owned()) {
            self.queue.push(Pending::Message(message.clone()));
        }
        reference(message.full_name())
    }

    pub(super) fn enum_schema_ref(&mut self, enumeration: &EnumDescriptor) -> Value {
        if enumeration.full_name() == "google.protobuf.NullValue" {
            return json!({ "type": "null" });
        }
        if self.queued.insert(enumeration.full_name().to_owned()) {
            self.queue.push(Pending::Enum(enumeration.clone()));
        }
        reference(enumeration.full_name())
    }

    pub(super) fn kind_schema(&mut self, kind: &Kind, nullable_wrapper: bool) -> Value {
        match kind {
            Kind::Message(message) => self.message_schema_ref(message, nullable_wrapper),
            Kind::Enum(enumeration) => self.enum_schema_ref(enumeration),
            scalar => scalar_schema(scalar).unwrap_or_else(|| json!({})),
        }
    }

    /// Schema of a field as a property: maps, lists, singular values; with
    /// its comment, oneof membership and deprecation.
    pub(super) fn field_schema(&mut self, field: &FieldDescriptor) -> Value {
        let mut schema = match field.kind() {
            Kind::Message(entry) if field.is_map() => {
                let key = entry.map_entry_key_field().kind();
                let value = entry.map_entry_value_field().kind();
                let mut schema = json!({
                    "type": "object",
                    "additionalProperties": self.kind_schema(&value, false),
                });
                let names = match key {
                    Kind::Bool => Some(json!({ "enum": ["true", "false"] })),
                    Kind::String => None,
                    _ => Some(json!({ "pattern": "^-?[0-9]+$" })),
                };
                if let (Some(names), Value::Object(map)) = (names, &mut schema) {
                    map.insert("propertyNames".to_owned(), names);
                }
                schema
            }
            kind if field.is_list() => json!({
                "type": "array",
                "items": self.kind_schema(&kind, false),
            }),
            kind => self.kind_schema(&kind, true),
        };
        if !field.is_map() {
            self.options.constrain(field, &mut schema);
        }
        if self.options.required(field) {
            require_non_empty(field, &mut schema);
        }
        if let Some(text) = self.comment_of_field(field) {
            describe(&mut schema, text);
        }
        if let Some(oneof) = field.containing_oneof().filter(|o| !o.is_synthetic()) {
            let members: Vec<String> = oneof
                .fields()
                .map(|f| format!("`{}`", f.json_name()))
                .collect();
            describe(
                &mut schema,
                &format!(
                    "Member of the oneof `{}`: at most one of {} is set.",
                    oneof.name(),
                    members.join(", ")
                ),
            );
        }
        if field_deprecated(field)
            && let Value::Object(map) = &mut schema
        {
            map.insert("deprecated".to_owned(), Value::Bool(true));
        }
        schema
    }

    pub(super) fn message_component(&mut self, message: &MessageDescriptor) -> Value {
        let mut properties = Map::new();
        for field in message.fields() {
            let schema = self.field_schema(&field);
            properties.insert(field.json_name().to_owned(), schema);
        }
        let mut schema = json!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
        let required: Vec<Value> = message
            .fields()
            .filter(|f| self.options.required(f))
            .map(|f| json!(f.json_name()))
            .collect();
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        let mut exclusive = Map::new();
        for oneof in message.oneofs().filter(|oneof| !oneof.is_synthetic()) {
            let members: Vec<String> = oneof.fields().map(|f| f.json_name().to_owned()).collect();
            exclusive.extend(at_most_one(&members));
        }
        if !exclusive.is_empty() {
            schema["dependentSchemas"] = Value::Object(exclusive);
        }
        if let Some(text) = self
            .comments
            .get(message.parent_file().name(), message.path())
        {
            describe(&mut schema, text);
        }
        schema
    }

    pub(super) fn enum_component(&self, enumeration: &EnumDescriptor) -> Value {
        let names: Vec<String> = enumeration.values().map(|v| v.name().to_owned()).collect();
        let file = enumeration.parent_file();
        let mut text = self
            .comments
            .get(file.name(), enumeration.path())
            .unwrap_or_default()
            .to_owned();
        let values: Vec<String> = enumeration
            .values()
            .map(|value| match self.comments.get(file.name(), value.path()) {
                Some(comment) => format!("- `{}`: {}", value.name(), first_paragraph(comment)),
                None => format!("- `{}`", value.name()),
            })
            .collect();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&values.join("\n"));
        json!({ "type": "string", "enum": names, "description": text })
    }

    /// `$ref` to `google.rpc.Status`: the pool's own message when it has
    /// one, otherwise a schema written here.
    pub(super) fn status_ref(&mut self) -> Value {
        if let Some(status) = self.pool.get_message_by_name(STATUS) {
            return self.message_schema_ref(&status, false);
        }
        if self.queued.insert(STATUS.to_owned()) {
            self.schemas.insert(
                STATUS.to_owned(),
                json!({
                    "type": "object",
                    "description": "The error model of gRPC: a status code, a developer-facing \
                                    message and typed details.",
                    "properties": {
                        "code": {
                            "type": "integer",
                            "format": "int32",
                            "description": "The status code, a value of `google.rpc.Code`."
                        },
                        "message": {
                            "type": "string",
                            "description": "A developer-facing error message in English."
                        },
                        "details": {
                            "type": "array",
                            "items": any_schema(),
                            "description": "Messages that carry the error details."
                        }
                    }
                }),
            );
        }
        reference(STATUS)
    }

    /// Writes every queued component, and those they reach.
    pub(super) fn drain(&mut self) {
        while let Some(pending) = self.queue.pop() {
            let (name, schema) = match pending {
                Pending::Message(message) => (
                    message.full_name().to_owned(),
                    self.message_component(&message),
                ),
                Pending::Enum(enumeration) => (
                    enumeration.full_name().to_owned(),
                    self.enum_component(&enumeration),
                ),
            };
            self.schemas.insert(name, schema);
        }
    }
}
