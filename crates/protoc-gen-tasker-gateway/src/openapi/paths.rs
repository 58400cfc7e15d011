//! Path items and operations: OpenAPI paths from path templates (one item
//! for templates of the same shape), an operation per binding with its
//! path, query and body parameters and its responses.

use std::collections::BTreeMap;

use prost_reflect::{FieldDescriptor, Kind, MessageDescriptor};
use serde_json::{Map, Value, json};
use tasker_gateway_routes::template::{PathTemplate, Segment};
use tasker_gateway_routes::{BodyBinding, HttpMethod, ValidatedRoute};

use crate::comments::first_paragraph;
use crate::{Error, PackageRoutes};

use super::schemas::{
    Builder, describe, field_deprecated, method_deprecated, query_scalar_wkt, require_non_empty,
    well_known_schema,
};
use super::{EVENT_STREAM, NDJSON};

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
pub(super) fn pattern_text(segments: &[Segment]) -> String {
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
pub(super) fn pattern_regex(segments: &[Segment]) -> String {
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

pub(super) fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Builder<'_> {
    /// Every binding of `package` as path items by OpenAPI path: bindings
    /// whose templates have the same shape share one item (OpenAPI 3.1
    /// forbids two paths differing only in variable names), named by the
    /// first of them.
    pub(super) fn path_items(
        &mut self,
        package: &PackageRoutes,
    ) -> Result<BTreeMap<String, Map<String, Value>>, Error> {
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
            let operation = self.operation(route, *index, &names);
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
        Ok(paths)
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
