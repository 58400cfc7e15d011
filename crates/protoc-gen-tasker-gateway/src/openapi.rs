//! `target=openapi`: an OpenAPI 3.1.0 document per proto package.
//!
//! One operation per HTTP binding (`operationId` `Service_Method`, then
//! `_1`, `_2`, … for additional bindings), tagged with the service name and
//! described by the RPC's leading comment. Path templates become OpenAPI
//! paths (`{name=shelves/*/books/*}` → `{name}` with a `pattern`; the
//! `:verb` stays in the path; `{book.name}` → `{book_name}`); templates that
//! differ only in their variables' names share one path item, named by the
//! first binding. Without `body: "*"`, every request field bound
//! neither by the path nor by the body is a query parameter: nested messages
//! flattened as `a.b.c`, repeated fields as exploded arrays, all named by
//! their proto3 JSON (lowerCamelCase) names, as http.proto allows.
//!
//! `components.schemas` holds every message and enum reached, named by full
//! proto name and following the proto3 JSON mapping: 64-bit integers are
//! strings, floats also accept `"NaN"`/`"Infinity"`/`"-Infinity"`, bytes are
//! base64, enums are their value names, well-known types take their JSON
//! forms (inlined, not components), wrappers are nullable. Errors are
//! `google.rpc.Status`. Message schemas allow no other properties (the
//! gateway refuses unknown fields).
//!
//! What the types cannot say comes from options, when the pool has them:
//! `(google.api.field_behavior) = REQUIRED` lists a field as required (in
//! its message, request body or query); `(tasker.gateway.v1.field)` gives a
//! field's `format` and `minimum`/`maximum`; `(tasker.gateway.v1.document)`
//! on one file of the package declares the `securitySchemes`, required by
//! every operation except the RPCs its `anonymous_when` method option field
//! marks (`security: []`). Keys are sorted, so the output is byte-for-byte
//! deterministic.

use std::collections::{BTreeMap, HashSet};

use prost_reflect::{
    DescriptorPool, DynamicMessage, EnumDescriptor, ExtensionDescriptor, FieldDescriptor, Kind,
    MessageDescriptor, MethodDescriptor, Value as ProtoValue,
};
use serde_json::{Map, Value, json};
use tasker_gateway_routes::template::{PathTemplate, Segment};
use tasker_gateway_routes::{BodyBinding, HttpMethod, ValidatedRoute};

use crate::comments::{Comments, first_paragraph};
use crate::{Error, PackageRoutes};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Full name of the error message every operation can answer with.
pub const STATUS: &str = "google.rpc.Status";

/// `google.protobuf.Duration` in proto3 JSON: seconds with up to nine
/// fractional digits and an `s` suffix. At most 11 digits of seconds: a
/// Duration spans ±315,576,000,000 s, and a pattern cannot bound a number,
/// so the schema admits the durations of up to about 3,000 years that are
/// surely in range.
pub const DURATION_PATTERN: &str = r"^-?[0-9]{1,11}(\.[0-9]{1,9})?s$";

/// Content type of server-streaming responses by default.
pub const NDJSON: &str = "application/x-ndjson";

/// Content type of server-streaming responses as Server-Sent Events.
pub const EVENT_STREAM: &str = "text/event-stream";

/// The document of `package` as pretty JSON with sorted keys and a trailing
/// newline.
///
/// # Errors
/// [`Error::Conflict`] when two bindings map to the same OpenAPI path and
/// method; [`Error::Json`] if serialisation fails.
pub fn document_json(
    pool: &DescriptorPool,
    package: &PackageRoutes,
    comments: &Comments,
) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(&sorted(document(pool, package, comments)?))?;
    text.push('\n');
    Ok(text)
}

/// The document of `package`.
///
/// # Errors
/// [`Error::Conflict`] when two bindings map to the same OpenAPI path and
/// method (for example `/v1/{name=a/*}` and `/v1/{name=b/*}`, both
/// `/v1/{name}`).
pub fn document(
    pool: &DescriptorPool,
    package: &PackageRoutes,
    comments: &Comments,
) -> Result<Value, Error> {
    let options = Options::read(pool, package)?;
    let mut builder = Builder {
        pool,
        comments,
        options: &options,
        schemas: BTreeMap::new(),
        queued: HashSet::new(),
        queue: Vec::new(),
    };
    let conflict = |reason: String| Error::Conflict {
        package: package.package.clone(),
        reason,
    };
    // OpenAPI path templates that differ only in their variables' names
    // are the same path (OpenAPI 3.1 forbids both): bindings whose
    // templates have the same shape share one path item, named by the
    // first of them.
    let mut shapes: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (route, index) in &package.routes {
        let own = parameter_names(&route.template);
        let (path, names) = shapes
            .entry(openapi_path(&route.template, &[]))
            .or_insert_with(|| (openapi_path(&route.template, &own), own))
            .clone();
        let operation = builder.operation(route, *index, &names);
        let item = paths.entry(path.clone()).or_default();
        let (container, key) = match operation_key(&route.route.http_method) {
            Some(key) => (item, key),
            // OpenAPI 3.1 has fixed operation keys; other methods go where
            // OpenAPI 3.2 puts them, as an extension.
            None => {
                let extra = item
                    .entry("x-additionalOperations")
                    .or_insert_with(|| Value::Object(Map::new()));
                let Value::Object(extra) = extra else {
                    return Err(conflict(format!("{path}: bad x-additionalOperations")));
                };
                (extra, route.route.http_method.as_str().to_owned())
            }
        };
        if container.contains_key(&key) {
            return Err(conflict(format!(
                "{} {} of {} maps to OpenAPI path {path}, which another binding already uses",
                route.route.http_method,
                route.route.path,
                route.method.full_name()
            )));
        }
        container.insert(key, operation);
    }
    builder.status_ref();
    builder.drain();

    let mut tags = Vec::new();
    for file in &package.files {
        for service in file.services() {
            let mut tag = json!({ "name": service.name() });
            if let Some(text) = comments.get(file.name(), service.path()) {
                describe(&mut tag, text);
            }
            tags.push(tag);
        }
    }
    let version = package
        .package
        .rsplit('.')
        .next()
        .filter(|v| !v.is_empty())
        .unwrap_or("0");
    let mut components = json!({ "schemas": builder.schemas });
    let mut security = Value::Null;
    if !options.security_schemes.is_empty() {
        components["securitySchemes"] = Value::Object(options.security_schemes.clone());
        security = Value::Array(
            options
                .security_schemes
                .keys()
                .map(|name| json!({ name.clone(): [] }))
                .collect(),
        );
    }
    let mut document = json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": package.package,
            "version": version,
            "description": format!(
                "REST/JSON interface of the `{}` gRPC services, transcoded as their \
                 `google.api.http` annotations declare. Request and response bodies and \
                 query values use the proto3 JSON mapping; errors are `google.rpc.Status` \
                 JSON. Generated by protoc-gen-tasker-gateway; do not edit.",
                package.package
            ),
        },
        "servers": [{
            "url": "/",
            "description": "The server that serves this document: the REST routes share \
                            its port with gRPC and gRPC-Web.",
        }],
        "tags": tags,
        "paths": paths,
        "components": components,
    });
    if !security.is_null() {
        document["security"] = security;
    }
    Ok(document)
}

/// Rebuilds `value` with every object's keys inserted in sorted order, so
/// the output is the same whether or not serde_json preserves insertion
/// order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let entries: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(entries.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The OpenAPI operation key of `method`, `None` when OpenAPI 3.1 has none.
fn operation_key(method: &HttpMethod) -> Option<String> {
    let key = match method {
        HttpMethod::Get => "get",
        HttpMethod::Put => "put",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
        HttpMethod::Patch => "patch",
        HttpMethod::Custom(kind) => {
            let lower = kind.to_ascii_lowercase();
            return matches!(lower.as_str(), "head" | "options" | "trace").then_some(lower);
        }
    };
    Some(key.to_owned())
}

/// The OpenAPI path of `template`, its variables named by `names` in
/// order (`{}` past the end of `names`): `/v1/{name=shelves/*}:verb` →
/// `/v1/{name}:verb`.
pub fn openapi_path(template: &PathTemplate, names: &[String]) -> String {
    let mut out = String::with_capacity(template.as_str().len());
    let mut in_variable = false;
    let mut index = 0;
    for c in template.as_str().chars() {
        match c {
            '{' => {
                in_variable = true;
                out.push('{');
                if let Some(name) = names.get(index) {
                    out.push_str(name);
                }
                index += 1;
            }
            '}' => {
                in_variable = false;
                out.push('}');
            }
            _ if in_variable => {}
            _ => out.push(c),
        }
    }
    out
}

/// The OpenAPI names of a template's variables: the field path with `_`
/// for `.` (`{book.name}` → `book_name`), since many OpenAPI tools cannot
/// fill a parameter whose name has a dot.
pub fn parameter_names(template: &PathTemplate) -> Vec<String> {
    template
        .variables()
        .iter()
        .map(|v| v.field_path.join("_"))
        .collect()
}

/// The segments a variable captures, as written: `shelves/*/books/*`.
fn pattern_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Literal(l) => l.as_str(),
            Segment::Single => "*",
            Segment::Multi => "**",
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// An anchored regular expression for the value of a multi-segment variable.
fn pattern_regex(segments: &[Segment]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .map(|s| match s {
            Segment::Literal(l) => regex_escape(l),
            Segment::Single => "[^/]+".to_owned(),
            Segment::Multi => ".*".to_owned(),
        })
        .collect();
    format!("^{}$", parts.join("/"))
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Adds `description` to a schema or object, appending to one already there.
fn describe(target: &mut Value, text: &str) {
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

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Schema of a scalar kind in proto3 JSON.
fn scalar_schema(kind: &Kind) -> Option<Value> {
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
fn nullable(mut schema: Value) -> Value {
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
fn wrapped_kind(full_name: &str) -> Option<Kind> {
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

fn any_schema() -> Value {
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
fn well_known_schema(message: &MessageDescriptor, nullable_wrapper: bool) -> Option<Value> {
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
fn query_scalar_wkt(message: &MessageDescriptor) -> bool {
    wrapped_kind(message.full_name()).is_some()
        || matches!(
            message.full_name(),
            "google.protobuf.Timestamp" | "google.protobuf.Duration" | "google.protobuf.FieldMask"
        )
}

fn field_deprecated(field: &FieldDescriptor) -> bool {
    field
        .field_descriptor_proto()
        .options
        .as_ref()
        .is_some_and(|o| o.deprecated())
}

fn method_deprecated(method: &MethodDescriptor) -> bool {
    method
        .method_descriptor_proto()
        .options
        .as_ref()
        .is_some_and(|o| o.deprecated())
}

/// Full name of the field option whose `REQUIRED` marks a required field.
pub const FIELD_BEHAVIOR: &str = "google.api.field_behavior";

/// `google.api.FieldBehavior.REQUIRED`.
const REQUIRED: i32 = 2;

/// Full name of the field option with a field's format and bounds
/// (`tasker.gateway.v1.FieldSchema`).
pub const FIELD_SCHEMA: &str = "tasker.gateway.v1.field";

/// Full name of the file option with the document's security schemes
/// (`tasker.gateway.v1.Document`).
pub const DOCUMENT: &str = "tasker.gateway.v1.document";

/// What a package's protos say beyond their types, read once per document:
/// the options the pool knows (absent ones are simply not applied).
struct Options {
    field_behavior: Option<ExtensionDescriptor>,
    field_schema: Option<ExtensionDescriptor>,
    /// `components.securitySchemes`, by name.
    security_schemes: Map<String, Value>,
    /// The method option and its boolean field that mark an anonymous RPC.
    anonymous: Option<(ExtensionDescriptor, String)>,
}

/// A string field of an option message, empty when unset.
fn option_text(message: &DynamicMessage, name: &str) -> String {
    message
        .get_field_by_name(name)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An optional `double` field of an option message, `None` when unset.
fn option_number(message: &DynamicMessage, name: &str) -> Option<f64> {
    if !message.has_field_by_name(name) {
        return None;
    }
    message.get_field_by_name(name).and_then(|v| v.as_f64())
}

/// The option message `extension` of `options`, when set.
fn extension_message(
    options: &DynamicMessage,
    extension: &ExtensionDescriptor,
) -> Option<DynamicMessage> {
    if !options.has_extension(extension) {
        return None;
    }
    match options.get_extension(extension).into_owned() {
        ProtoValue::Message(message) => Some(message),
        _ => None,
    }
}

impl Options {
    fn read(pool: &DescriptorPool, package: &PackageRoutes) -> Result<Self, Error> {
        let bad = |reason: String| Error::BadOption {
            package: package.package.clone(),
            reason,
        };
        let mut options = Self {
            field_behavior: pool.get_extension_by_name(FIELD_BEHAVIOR),
            field_schema: pool.get_extension_by_name(FIELD_SCHEMA),
            security_schemes: Map::new(),
            anonymous: None,
        };
        let Some(extension) = pool.get_extension_by_name(DOCUMENT) else {
            return Ok(options);
        };
        let mut documents = package
            .files
            .iter()
            .filter_map(|file| extension_message(&file.options(), &extension));
        let Some(document) = documents.next() else {
            return Ok(options);
        };
        if documents.next().is_some() {
            return Err(bad(format!(
                "({DOCUMENT}) is set on more than one file of the package"
            )));
        }
        let schemes = match document.get_field_by_name("security_schemes").as_deref() {
            Some(ProtoValue::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        for scheme in schemes {
            let ProtoValue::Message(scheme) = scheme else {
                continue;
            };
            let name = option_text(&scheme, "name");
            let kind = option_text(&scheme, "type");
            let mut entry = Map::new();
            entry.insert("type".to_owned(), json!(kind));
            match kind.as_str() {
                "apiKey" => {
                    let location = option_text(&scheme, "location");
                    let parameter = option_text(&scheme, "parameter_name");
                    if !matches!(location.as_str(), "header" | "query" | "cookie")
                        || parameter.is_empty()
                    {
                        return Err(bad(format!(
                            "security scheme {name:?}: an apiKey scheme needs location \
                             header, query or cookie and a parameter_name"
                        )));
                    }
                    entry.insert("in".to_owned(), json!(location));
                    entry.insert("name".to_owned(), json!(parameter));
                }
                "http" => {
                    let scheme_name = option_text(&scheme, "scheme");
                    if scheme_name.is_empty() {
                        return Err(bad(format!(
                            "security scheme {name:?}: an http scheme needs its scheme"
                        )));
                    }
                    entry.insert("scheme".to_owned(), json!(scheme_name));
                    let format = option_text(&scheme, "bearer_format");
                    if !format.is_empty() {
                        entry.insert("bearerFormat".to_owned(), json!(format));
                    }
                }
                other => {
                    return Err(bad(format!(
                        "security scheme {name:?}: type {other:?} is not apiKey or http"
                    )));
                }
            }
            let description = option_text(&scheme, "description");
            if !description.is_empty() {
                entry.insert("description".to_owned(), json!(description));
            }
            if name.is_empty()
                || options
                    .security_schemes
                    .insert(name.clone(), Value::Object(entry))
                    .is_some()
            {
                return Err(bad(format!(
                    "security scheme names must be set and unique ({name:?})"
                )));
            }
        }
        let anonymous_when = option_text(&document, "anonymous_when");
        if !anonymous_when.is_empty() {
            let found = anonymous_when.rsplit_once('.').and_then(|(name, field)| {
                let extension = pool.get_extension_by_name(name)?;
                let Kind::Message(message) = extension.kind() else {
                    return None;
                };
                let is_bool = message
                    .get_field_by_name(field)
                    .is_some_and(|f| f.kind() == Kind::Bool && !f.is_list());
                is_bool.then(|| (extension, field.to_owned()))
            });
            let Some(found) = found else {
                return Err(bad(format!(
                    "anonymous_when {anonymous_when:?} does not name a boolean field of a \
                     method option message"
                )));
            };
            options.anonymous = Some(found);
        }
        Ok(options)
    }

    /// Whether `field` is marked `(google.api.field_behavior) = REQUIRED`.
    fn required(&self, field: &FieldDescriptor) -> bool {
        let Some(extension) = &self.field_behavior else {
            return false;
        };
        let options = field.options();
        if !options.has_extension(extension) {
            return false;
        }
        match options.get_extension(extension).as_ref() {
            ProtoValue::List(behaviors) => behaviors
                .iter()
                .any(|b| matches!(b, ProtoValue::EnumNumber(REQUIRED))),
            ProtoValue::EnumNumber(behavior) => *behavior == REQUIRED,
            _ => false,
        }
    }

    /// Adds the field's declared format and bounds to `schema` (to its
    /// `items` when `schema` is an array).
    fn constrain(&self, field: &FieldDescriptor, schema: &mut Value) {
        let Some(details) = self
            .field_schema
            .as_ref()
            .and_then(|extension| extension_message(&field.options(), extension))
        else {
            return;
        };
        let target = if schema.get("type") == Some(&json!("array")) {
            match schema.get_mut("items") {
                Some(items) => items,
                None => return,
            }
        } else {
            schema
        };
        let Value::Object(map) = target else { return };
        let format = option_text(&details, "format");
        if !format.is_empty() {
            map.insert("format".to_owned(), json!(format));
        }
        for (name, key) in [("minimum", "minimum"), ("maximum", "maximum")] {
            if let Some(bound) = option_number(&details, name) {
                // Whole bounds print as integers, as an integer schema's should.
                let value = if bound.fract() == 0.0 && bound.abs() < 9.0e15 {
                    json!(bound as i64)
                } else {
                    json!(bound)
                };
                map.insert(key.to_owned(), value);
            }
        }
    }

    /// Whether `method` is callable without a credential.
    fn anonymous(&self, method: &MethodDescriptor) -> bool {
        let Some((extension, field)) = &self.anonymous else {
            return false;
        };
        extension_message(&method.options(), extension)
            .and_then(|rule| rule.get_field_by_name(field).and_then(|v| v.as_bool()))
            .unwrap_or(false)
    }
}

/// A required string, bytes, enum or repeated field must not hold its
/// default (empty, or the enum's zero value): proto3 cannot tell it from
/// an absent value, so the server refuses both.
fn require_non_empty(field: &FieldDescriptor, schema: &mut Value) {
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
fn at_most_one(members: &[String]) -> Map<String, Value> {
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
enum Pending {
    Message(MessageDescriptor),
    Enum(EnumDescriptor),
}

struct Builder<'a> {
    pool: &'a DescriptorPool,
    comments: &'a Comments,
    options: &'a Options,
    schemas: BTreeMap<String, Value>,
    queued: HashSet<String>,
    queue: Vec<Pending>,
}

impl Builder<'_> {
    fn comment_of_field(&self, field: &FieldDescriptor) -> Option<&str> {
        self.comments.get(field.parent_file().name(), field.path())
    }

    /// `$ref` to a message's component (queued), or a well-known type's
    /// inline schema.
    fn message_schema_ref(&mut self, message: &MessageDescriptor, nullable_wrapper: bool) -> Value {
        if let Some(schema) = well_known_schema(message, nullable_wrapper) {
            return schema;
        }
        if self.queued.insert(message.full_name().to_owned()) {
            self.queue.push(Pending::Message(message.clone()));
        }
        reference(message.full_name())
    }

    fn enum_schema_ref(&mut self, enumeration: &EnumDescriptor) -> Value {
        if enumeration.full_name() == "google.protobuf.NullValue" {
            return json!({ "type": "null" });
        }
        if self.queued.insert(enumeration.full_name().to_owned()) {
            self.queue.push(Pending::Enum(enumeration.clone()));
        }
        reference(enumeration.full_name())
    }

    fn kind_schema(&mut self, kind: &Kind, nullable_wrapper: bool) -> Value {
        match kind {
            Kind::Message(message) => self.message_schema_ref(message, nullable_wrapper),
            Kind::Enum(enumeration) => self.enum_schema_ref(enumeration),
            scalar => scalar_schema(scalar).unwrap_or_else(|| json!({})),
        }
    }

    /// Schema of a field as a property: maps, lists, singular values; with
    /// its comment, oneof membership and deprecation.
    fn field_schema(&mut self, field: &FieldDescriptor) -> Value {
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

    fn message_component(&mut self, message: &MessageDescriptor) -> Value {
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

    fn enum_component(&self, enumeration: &EnumDescriptor) -> Value {
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
    fn status_ref(&mut self) -> Value {
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
    fn drain(&mut self) {
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

    fn operation(&mut self, route: &ValidatedRoute, index: usize, names: &[String]) -> Value {
        let method = &route.method;
        let service = method.parent_service();
        let mut operation = Map::new();
        let mut id = format!("{}_{}", service.name(), method.name());
        if index > 0 {
            id = format!("{id}_{index}");
        }
        operation.insert("operationId".to_owned(), json!(id));
        operation.insert("tags".to_owned(), json!([service.name()]));
        if let Some(text) = self
            .comments
            .get(method.parent_file().name(), method.path())
        {
            operation.insert("summary".to_owned(), json!(first_paragraph(text)));
            if text.contains("\n\n") {
                operation.insert("description".to_owned(), json!(text));
            }
        }
        if method_deprecated(method) {
            operation.insert("deprecated".to_owned(), Value::Bool(true));
        }
        if self.options.anonymous(method) {
            operation.insert("security".to_owned(), json!([]));
        }

        let mut parameters = self.path_parameters(route, names);
        if route.body != BodyBinding::Whole {
            let mut excluded = route.path_fields.clone();
            if let BodyBinding::Field(field) = &route.body {
                excluded.push(vec![field.clone()]);
            }
            let input = route.input();
            let mut visiting = vec![input.full_name().to_owned()];
            self.query_parameters(
                &input,
                "",
                &mut Vec::new(),
                &excluded,
                &mut visiting,
                &mut parameters,
            );
        }
        if !parameters.is_empty() {
            operation.insert("parameters".to_owned(), Value::Array(parameters));
        }
        if let Some(body) = self.request_body(route) {
            operation.insert("requestBody".to_owned(), body);
        }
        operation.insert("responses".to_owned(), self.responses(route));
        Value::Object(operation)
    }

    fn path_parameters(&mut self, route: &ValidatedRoute, names: &[String]) -> Vec<Value> {
        let mut parameters = Vec::new();
        let variables = route.template.variables().iter().zip(&route.path_fields);
        for ((variable, chain), name) in variables.zip(names) {
            let Some(leaf) = chain.last() else { continue };
            let segments = route
                .template
                .segments()
                .get(variable.start..variable.end)
                .unwrap_or_default();
            let single = matches!(segments, [Segment::Single]);
            let mut parameter = json!({
                "name": name,
                "in": "path",
                "required": true,
            });
            let schema = if single {
                let mut schema = self.kind_schema(&leaf.kind(), false);
                self.options.constrain(leaf, &mut schema);
                schema
            } else {
                json!({ "type": "string", "pattern": pattern_regex(segments) })
            };
            if let Some(text) = self.comment_of_field(leaf) {
                describe(&mut parameter, text);
            }
            let field_path = variable.field_path_string();
            if *name != field_path {
                describe(
                    &mut parameter,
                    &format!("The request field `{field_path}`."),
                );
            }
            if !single {
                describe(
                    &mut parameter,
                    &format!(
                        "Matches `{}`: a value of several path segments, sent with its `/` \
                         separators unescaped.",
                        pattern_text(segments)
                    ),
                );
            }
            if let Value::Object(map) = &mut parameter {
                map.insert("schema".to_owned(), schema);
            }
            parameters.push(parameter);
        }
        parameters
    }

    /// Query parameters for the fields of `message` not in `excluded`
    /// (path-bound leaves and the body field), recursing into singular
    /// messages; maps, repeated messages and JSON-object well-known types
    /// cannot be query parameters and are left out.
    fn query_parameters(
        &mut self,
        message: &MessageDescriptor,
        prefix: &str,
        chain: &mut Vec<FieldDescriptor>,
        excluded: &[Vec<FieldDescriptor>],
        visiting: &mut Vec<String>,
        out: &mut Vec<Value>,
    ) {
        for field in message.fields() {
            chain.push(field.clone());
            let name = if prefix.is_empty() {
                field.json_name().to_owned()
            } else {
                format!("{prefix}.{}", field.json_name())
            };
            let skip = field.is_map() || excluded.iter().any(|bound| bound == chain);
            match field.kind() {
                _ if skip => {}
                Kind::Message(inner) if query_scalar_wkt(&inner) => {
                    self.push_query_parameter(&field, &name, chain, out);
                }
                Kind::Message(inner) => {
                    let recursive = visiting.iter().any(|v| v == inner.full_name());
                    if !field.is_list() && well_known_schema(&inner, false).is_none() && !recursive
                    {
                        visiting.push(inner.full_name().to_owned());
                        self.query_parameters(&inner, &name, chain, excluded, visiting, out);
                        visiting.pop();
                    }
                }
                _ => self.push_query_parameter(&field, &name, chain, out),
            }
            chain.pop();
        }
    }

    fn push_query_parameter(
        &mut self,
        field: &FieldDescriptor,
        name: &str,
        chain: &[FieldDescriptor],
        out: &mut Vec<Value>,
    ) {
        let mut item = self.kind_schema(&field.kind(), false);
        self.options.constrain(field, &mut item);
        let mut parameter = json!({ "name": name, "in": "query" });
        if chain.iter().all(|f| self.options.required(f)) {
            parameter["required"] = Value::Bool(true);
            require_non_empty(field, &mut item);
        }
        if let Some(text) = self.comment_of_field(field) {
            describe(&mut parameter, text);
        }
        if let Value::Object(map) = &mut parameter {
            if field.is_list() {
                map.insert(
                    "schema".to_owned(),
                    json!({ "type": "array", "items": item }),
                );
                map.insert("style".to_owned(), json!("form"));
                map.insert("explode".to_owned(), Value::Bool(true));
            } else {
                map.insert("schema".to_owned(), item);
            }
            if field_deprecated(field) {
                map.insert("deprecated".to_owned(), Value::Bool(true));
            }
        }
        out.push(parameter);
    }

    fn request_body(&mut self, route: &ValidatedRoute) -> Option<Value> {
        let schema = match &route.body {
            BodyBinding::Empty => return None,
            BodyBinding::Field(field) => self.field_schema(field),
            BodyBinding::Whole => {
                let input = route.input();
                if input.fields().any(|f| route.binds_top_level(&f)) {
                    let mut properties = Map::new();
                    let mut required = Vec::new();
                    for field in input.fields().filter(|f| !route.binds_top_level(f)) {
                        let schema = self.field_schema(&field);
                        properties.insert(field.json_name().to_owned(), schema);
                        if self.options.required(&field) {
                            required.push(json!(field.json_name()));
                        }
                    }
                    let mut schema = json!({
                        "type": "object",
                        "properties": properties,
                        "additionalProperties": false,
                    });
                    if !required.is_empty() {
                        schema["required"] = Value::Array(required);
                    }
                    if let Some(text) = self.comments.get(input.parent_file().name(), input.path())
                    {
                        describe(&mut schema, text);
                    }
                    describe(
                        &mut schema,
                        &format!(
                            "`{}` without the fields bound by the path.",
                            input.full_name()
                        ),
                    );
                    schema
                } else {
                    self.message_schema_ref(&input, false)
                }
            }
        };
        Some(json!({
            "required": true,
            "content": { "application/json": { "schema": schema } },
        }))
    }

    fn responses(&mut self, route: &ValidatedRoute) -> Value {
        let schema = match &route.response_body {
            Some(field) => self.field_schema(field),
            None => self.message_schema_ref(&route.output(), false),
        };
        let status = self.status_ref();
        let ok = if route.method.is_server_streaming() {
            json!({
                "description": "A stream of responses: newline-delimited JSON by default, \
                                Server-Sent Events when the request accepts `text/event-stream`.",
                "content": {
                    NDJSON: {
                        "schema": {
                            "description": "One JSON object per line: `{\"result\": ...}` per \
                                            message; an error ends the stream with \
                                            `{\"error\": ...}`.",
                            "oneOf": [
                                {
                                    "type": "object",
                                    "properties": { "result": schema },
                                    "required": ["result"],
                                },
                                {
                                    "type": "object",
                                    "properties": { "error": status },
                                    "required": ["error"],
                                },
                            ],
                        },
                    },
                    EVENT_STREAM: {
                        "schema": {
                            "type": "string",
                            "description": "Server-Sent Events; each event's `data` is one \
                                            JSON object as in `application/x-ndjson`.",
                        },
                    },
                },
            })
        } else {
            json!({
                "description": "A successful response.",
                "content": { "application/json": { "schema": schema } },
            })
        };
        json!({
            "200": ok,
            "default": {
                "description": "An error: the gRPC status as `google.rpc.Status` JSON, with \
                                the HTTP status mapped from its code.",
                "content": { "application/json": { "schema": status } },
            },
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_patterns() {
        let t = PathTemplate::parse("/v1/{name=shelves/*/books/*}:get").unwrap();
        assert_eq!(openapi_path(&t, &parameter_names(&t)), "/v1/{name}:get");
        assert_eq!(openapi_path(&t, &[]), "/v1/{}:get");
        let v = &t.variables()[0];
        let segments = &t.segments()[v.start..v.end];
        assert_eq!(pattern_text(segments), "shelves/*/books/*");
        assert_eq!(pattern_regex(segments), "^shelves/[^/]+/books/[^/]+$");
        let t = PathTemplate::parse("/files/{path=**}").unwrap();
        assert_eq!(openapi_path(&t, &parameter_names(&t)), "/files/{path}");
        let t = PathTemplate::parse("/v1/{a.b}/x.y/{c}").unwrap();
        assert_eq!(openapi_path(&t, &parameter_names(&t)), "/v1/{a_b}/x.y/{c}");
        assert_eq!(openapi_path(&t, &["n".to_owned()]), "/v1/{n}/x.y/{}");
        assert_eq!(regex_escape("a.b+c"), r"a\.b\+c");
    }

    #[test]
    fn nullable_wrappers() {
        assert_eq!(
            nullable(json!({ "type": "string", "format": "int64" })),
            json!({ "type": ["string", "null"], "format": "int64" })
        );
        let double = nullable(scalar_schema(&Kind::Double).unwrap());
        assert_eq!(double["oneOf"][0]["type"], json!(["number", "null"]));
        assert_eq!(double["oneOf"][1]["type"], json!("string"));
    }

    #[test]
    fn keys_are_sorted() {
        let value = sorted(json!({ "b": 1, "a": { "d": 2, "c": [ { "z": 1, "y": 2 } ] } }));
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}"#
        );
    }
}
