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
//!
//! By concern: `paths` (path items, operations, parameters, request bodies
//! and responses), `schemas` (`components.schemas` in the proto3 JSON
//! mapping), `options` (what options add: required fields, formats and
//! bounds, security schemes, anonymous RPCs).

use std::collections::{BTreeMap, HashSet};

use prost_reflect::DescriptorPool;
use serde_json::{Value, json};

use crate::comments::Comments;
use crate::{Error, PackageRoutes};

mod options;
mod paths;
mod schemas;

use options::Options;
pub use options::{DOCUMENT, FIELD_BEHAVIOR, FIELD_SCHEMA};
pub use paths::{openapi_path, parameter_names};
use schemas::{Builder, describe};

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
    let paths = builder.path_items(package)?;
    builder.status_ref();
    builder.drain();

    let tags = tags(package, comments);
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

/// The document's tags: one per service, described by its comment.
fn tags(package: &PackageRoutes, comments: &Comments) -> Vec<Value> {
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
    tags
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use prost_reflect::Kind;
    use tasker_gateway_routes::template::PathTemplate;

    use super::paths::{pattern_regex, pattern_text, regex_escape};
    use super::schemas::{nullable, scalar_schema};
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
