//! [`RestTransport`]: RPCs as proto3 JSON over their `google.api.http`
//! bindings, driven by the generated route table.
//!
//! Nothing here knows a single RPC: for each method the transport looks up
//! its binding in `tasker_proto::ROUTES` (or, for a worker port's API,
//! `tasker_proto::worker::ROUTES`) and its message types in the descriptor
//! sets, then does what the server's transcoder undoes — path
//! variables from the request's fields (percent-encoded like the gateway
//! decodes them), the `body` field or the whole message as JSON, every other
//! set field as a query parameter (`a.b.c`, repeated keys). Answers are proto3
//! JSON read back into the response type; errors are `google.rpc.Status` JSON
//! (plus `Retry-After`); server streams are newline-delimited JSON
//! (`{"result": …}` per message, `{"error": …}` to end with an error).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt as _;
use prost::Message as _;
use prost_reflect::{
    DescriptorPool, DeserializeOptions, DynamicMessage, Kind, MessageDescriptor,
    ReflectMessage as _, Value,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use tasker_gateway::template::Segment;
use tasker_gateway::{PathTemplate, RouteSpec};
use tasker_proto::pb::google::rpc;
use tonic::Code;

use crate::ClientError;
use crate::builder::Settings;
use crate::grpc::deadline;
use crate::transport::{ByteStream, CallOptions, RpcTransport, Transport, split_method};

/// REST/JSON over HTTP/1.1 or h2 (ALPN over TLS), through the bindings of
/// `tasker_proto::ROUTES` and `tasker_proto::worker::ROUTES`.
#[derive(Clone)]
pub struct RestTransport {
    http: reqwest::Client,
    base: String,
    routes: Arc<Routes>,
}

impl std::fmt::Debug for RestTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestTransport")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// The first binding of every method, with its parsed template and types.
struct Routes {
    pool: DescriptorPool,
    by_method: HashMap<String, Route>,
}

struct Route {
    spec: RouteSpec,
    template: PathTemplate,
    input: MessageDescriptor,
    output: MessageDescriptor,
}

impl Routes {
    fn load<'a>(routes: impl IntoIterator<Item = &'a RouteSpec>) -> Result<Self, ClientError> {
        let pool = tasker_proto::all_descriptor_pool()
            .map_err(|e| ClientError::config(format!("descriptor set: {e}")))?;
        let mut by_method = HashMap::new();
        for spec in routes {
            if by_method.contains_key(spec.method.as_ref()) {
                // Additional bindings reach the same RPC; the first is enough.
                continue;
            }
            let (service, name) = split_method(&spec.method)?;
            let method = pool
                .get_service_by_name(service)
                .and_then(|s| s.methods().find(|m| m.name() == name))
                .ok_or_else(|| {
                    ClientError::config(format!("route for unknown method {}", spec.method))
                })?;
            let template =
                PathTemplate::parse(&spec.path).map_err(|e| ClientError::config(e.to_string()))?;
            by_method.insert(
                spec.method.to_string(),
                Route {
                    spec: spec.clone(),
                    template,
                    input: method.input(),
                    output: method.output(),
                },
            );
        }
        Ok(Self { pool, by_method })
    }
}

impl RestTransport {
    pub(crate) fn new(settings: &Settings) -> Result<Self, ClientError> {
        let base = settings.endpoint.trim_end_matches('/').to_owned();
        let scheme_ok = base.starts_with("http://") || base.starts_with("https://");
        if !scheme_ok || reqwest::Url::parse(&base).is_err() {
            return Err(ClientError::config(format!(
                "endpoint {:?}: expected http://host:port or https://host:port",
                settings.endpoint
            )));
        }
        let mut headers = HeaderMap::new();
        if let Some(credential) = &settings.credential {
            let (name, value) = credential.header()?;
            headers.insert(name, value);
        }
        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(settings.connect_timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .http2_keep_alive_timeout(Duration::from_secs(20));
        if let Some(pem) = &settings.ca_pem {
            for cert in reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| ClientError::config(format!("CA file: {e}")))?
            {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| ClientError::config(format!("HTTP client: {e}")))?;
        Ok(Self {
            http,
            base,
            routes: Arc::new(Routes::load(
                tasker_proto::ROUTES
                    .iter()
                    .chain(tasker_proto::worker::ROUTES),
            )?),
        })
    }

    /// The HTTP request for `method` with the encoded `request`.
    fn build(
        &self,
        method: &str,
        request: &[u8],
    ) -> Result<(&Route, reqwest::RequestBuilder), ClientError> {
        let route = self
            .routes
            .by_method
            .get(method)
            .ok_or_else(|| ClientError::config(format!("{method} has no HTTP binding")))?;
        let mut message = DynamicMessage::decode(route.input.clone(), request)
            .map_err(|e| ClientError::config(format!("request of {method}: {e}")))?;
        let path = render_path(&route.template, &mut message)?;
        let body_field = route.spec.body.as_ref();
        let body = match body_field {
            "" => None,
            "*" => Some(std::mem::replace(
                &mut message,
                DynamicMessage::new(route.input.clone()),
            )),
            field => {
                let descriptor = route.input.get_field_by_name(field).ok_or_else(|| {
                    ClientError::config(format!("{method}: body field {field:?} does not exist"))
                })?;
                let mut only = DynamicMessage::new(route.input.clone());
                if let Some(value) = message.take_field(&descriptor) {
                    only.set_field(&descriptor, value);
                }
                Some(only)
            }
        };
        let http_method = reqwest::Method::from_bytes(route.spec.http_method.as_str().as_bytes())
            .map_err(|e| ClientError::config(format!("{method}: {e}")))?;
        let mut builder = self
            .http
            .request(http_method, format!("{}{}", self.base, path));
        let query = query_pairs(&to_json(&message)?)?;
        if !query.is_empty() {
            builder = builder.query(&query);
        }
        if let Some(body) = body {
            let mut json = to_json(&body)?;
            if !matches!(body_field, "*")
                && let Some(field) = route.input.get_field_by_name(body_field)
            {
                json = json
                    .get(field.json_name())
                    .cloned()
                    .unwrap_or_else(|| default_json(&field.kind()));
            }
            let bytes = serde_json::to_vec(&json).map_err(ClientError::transport)?;
            builder = builder.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        Ok((route, builder))
    }
}

/// The JSON of an answer's body (an empty body is `{}`). Numbers read back
/// exactly as written (serde_json's `float_roundtrip`), so a double answers
/// the same over REST as over gRPC.
fn json_body(body: &[u8]) -> Result<serde_json::Value, ClientError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::json!({}));
    }
    serde_json::from_slice(body)
        .map_err(|e| ClientError::transport(format!("malformed response: {e}")))
}

impl RestTransport {
    fn decode_response(
        &self,
        route: &Route,
        json: serde_json::Value,
    ) -> Result<Bytes, ClientError> {
        let json = match route.spec.response_body.as_ref() {
            "" => json,
            field => {
                let name = route
                    .output
                    .get_field_by_name(field)
                    .map(|f| f.json_name().to_owned())
                    .unwrap_or_else(|| field.to_owned());
                serde_json::json!({ name: json })
            }
        };
        let message = DynamicMessage::deserialize_with_options(
            route.output.clone(),
            json,
            &DeserializeOptions::new().deny_unknown_fields(false),
        )
        .map_err(|e| ClientError::transport(format!("malformed response: {e}")))?;
        Ok(message.encode_to_vec().into())
    }

    /// The error a non-2xx answer stands for.
    async fn error(&self, response: reqwest::Response) -> ClientError {
        let http_status = response.status();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = response.bytes().await.unwrap_or_default();
        let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
        match json.and_then(|json| self.status_from_json(json)) {
            Some(status) => ClientError::from_status(status, retry_after),
            None => ClientError::from_status(
                rpc::Status {
                    code: code_of_http(http_status) as i32,
                    message: format!(
                        "HTTP {http_status}: {}",
                        String::from_utf8_lossy(&body).trim()
                    ),
                    details: Vec::new(),
                },
                retry_after,
            ),
        }
    }

    fn status_from_json(&self, json: serde_json::Value) -> Option<rpc::Status> {
        let descriptor = self.routes.pool.get_message_by_name("google.rpc.Status")?;
        let message = DynamicMessage::deserialize_with_options(
            descriptor,
            json,
            &DeserializeOptions::new().deny_unknown_fields(false),
        )
        .ok()?;
        rpc::Status::decode(message.encode_to_vec().as_slice()).ok()
    }
}

#[async_trait::async_trait]
impl RpcTransport for RestTransport {
    fn kind(&self) -> Transport {
        Transport::Rest
    }

    async fn unary(
        &self,
        method: &str,
        request: Bytes,
        options: &CallOptions,
    ) -> Result<Bytes, ClientError> {
        let (route, mut builder) = self.build(method, &request)?;
        if let Some(timeout) = options.timeout {
            builder = builder.timeout(timeout);
        }
        let call = async {
            let response = builder
                .send()
                .await
                .map_err(|e| request_error(e, options))?;
            if !response.status().is_success() {
                return Err(self.error(response).await);
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| request_error(e, options))?;
            self.decode_response(route, json_body(&body)?)
        };
        call.await
    }

    async fn server_streaming(
        &self,
        method: &str,
        request: Bytes,
        options: &CallOptions,
    ) -> Result<ByteStream, ClientError> {
        let (route, builder) = self.build(method, &request)?;
        let response = builder
            .header(ACCEPT, "application/x-ndjson")
            .send()
            .await
            .map_err(|e| request_error(e, options))?;
        if !response.status().is_success() {
            return Err(self.error(response).await);
        }
        let this = self.clone();
        let output = route.spec.method.to_string();
        let state = NdjsonState {
            body: response.bytes_stream().boxed(),
            buffer: Vec::new(),
            done: false,
        };
        let stream = futures_util::stream::unfold(
            (state, this, output),
            |(mut state, this, method)| async move {
                let item = state.next_line().await?;
                let result = match item {
                    Ok(line) => this.stream_item(&method, &line),
                    Err(error) => Err(error),
                };
                if result.is_err() {
                    state.done = true;
                }
                Some((result, (state, this, method)))
            },
        );
        Ok(stream.boxed())
    }
}

impl RestTransport {
    fn stream_item(&self, method: &str, line: &[u8]) -> Result<Bytes, ClientError> {
        let route = self
            .routes
            .by_method
            .get(method)
            .ok_or_else(|| ClientError::config(format!("{method} has no HTTP binding")))?;
        let mut json: serde_json::Value = serde_json::from_slice(line)
            .map_err(|e| ClientError::transport(format!("malformed stream line: {e}")))?;
        if let Some(result) = json.get_mut("result") {
            return self.decode_response(route, result.take());
        }
        if let Some(error) = json.get_mut("error") {
            return Err(match self.status_from_json(error.take()) {
                Some(status) => ClientError::from_status(status, None),
                None => ClientError::transport("malformed error in stream"),
            });
        }
        Err(ClientError::transport(
            "stream line is neither a result nor an error",
        ))
    }
}

type BodyStream = futures_util::stream::BoxStream<'static, Result<Bytes, reqwest::Error>>;

struct NdjsonState {
    body: BodyStream,
    buffer: Vec<u8>,
    done: bool,
}

impl NdjsonState {
    /// The next non-empty line, `None` at the end.
    async fn next_line(&mut self) -> Option<Result<Vec<u8>, ClientError>> {
        loop {
            if self.done {
                return None;
            }
            if let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some(Ok(line));
            }
            match self.body.next().await {
                Some(Ok(chunk)) => self.buffer.extend_from_slice(&chunk),
                Some(Err(error)) => {
                    self.done = true;
                    return Some(Err(ClientError::transport(error)));
                }
                None => {
                    self.done = true;
                    if self.buffer.iter().all(u8::is_ascii_whitespace) {
                        return None;
                    }
                    return Some(Ok(std::mem::take(&mut self.buffer)));
                }
            }
        }
    }
}

fn request_error(error: reqwest::Error, options: &CallOptions) -> ClientError {
    if error.is_timeout() {
        return deadline(options.timeout.unwrap_or_default());
    }
    // The chain holds the useful part ("connection refused").
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(inner) = source {
        message = format!("{message}: {inner}");
        source = inner.source();
    }
    ClientError::transport(message)
}

/// Proto3 JSON of a message (default fields left out).
fn to_json(message: &DynamicMessage) -> Result<serde_json::Value, ClientError> {
    tasker_gateway::json::to_value(message).map_err(ClientError::transport)
}

fn default_json(kind: &Kind) -> serde_json::Value {
    match kind {
        Kind::Message(_) => serde_json::json!({}),
        _ => serde_json::Value::Null,
    }
}

/// Fills the template's variables from `message`, clearing the fields it
/// used so they are not sent again in the query or body.
fn render_path(
    template: &PathTemplate,
    message: &mut DynamicMessage,
) -> Result<String, ClientError> {
    let mut path = String::new();
    let segments = template.segments();
    let mut index = 0;
    while index < segments.len() {
        if let Some(variable) = template.variables().iter().find(|v| v.start == index) {
            let value = take_path_text(message, &variable.field_path)?;
            let single =
                variable.end - variable.start == 1 && segments[variable.start] == Segment::Single;
            path.push('/');
            path.push_str(&tasker_gateway::template::percent_encode(&value, !single));
            index = variable.end;
            continue;
        }
        match &segments[index] {
            Segment::Literal(literal) => {
                path.push('/');
                path.push_str(&tasker_gateway::template::percent_encode(literal, false));
            }
            Segment::Single | Segment::Multi => {
                return Err(ClientError::config(format!(
                    "path template {} has a wildcard outside a variable",
                    template.as_str()
                )));
            }
        }
        index += 1;
    }
    if let Some(verb) = template.verb() {
        path.push(':');
        path.push_str(verb);
    }
    Ok(path)
}

/// The text of the field at `path` (nested through singular messages), and
/// clears it.
fn take_path_text(message: &mut DynamicMessage, path: &[String]) -> Result<String, ClientError> {
    let missing =
        || ClientError::config(format!("path variable {} is not a field", path.join(".")));
    let (first, rest) = path.split_first().ok_or_else(missing)?;
    let field = message
        .descriptor()
        .get_field_by_name(first)
        .ok_or_else(missing)?;
    if rest.is_empty() {
        let value = message.get_field(&field).into_owned();
        message.clear_field(&field);
        return Ok(match value {
            Value::String(s) => s,
            Value::Bool(b) => b.to_string(),
            Value::I32(v) => v.to_string(),
            Value::I64(v) => v.to_string(),
            Value::U32(v) => v.to_string(),
            Value::U64(v) => v.to_string(),
            Value::F32(v) => v.to_string(),
            Value::F64(v) => v.to_string(),
            Value::EnumNumber(n) => match field.kind() {
                Kind::Enum(e) => e
                    .get_value(n)
                    .map(|v| v.name().to_owned())
                    .unwrap_or_else(|| n.to_string()),
                _ => n.to_string(),
            },
            _ => {
                return Err(ClientError::config(format!(
                    "path variable {} is not a scalar field",
                    path.join(".")
                )));
            }
        });
    }
    match message.get_field_mut(&field) {
        Value::Message(inner) => take_path_text(inner, rest),
        _ => Err(missing()),
    }
}

/// Query parameters of a message's JSON: nested objects as `a.b.c`,
/// arrays as repeated keys.
fn query_pairs(json: &serde_json::Value) -> Result<Vec<(String, String)>, ClientError> {
    let mut pairs = Vec::new();
    if let serde_json::Value::Object(map) = json {
        for (key, value) in map {
            flatten(key, value, &mut pairs)?;
        }
    }
    Ok(pairs)
}

fn flatten(
    key: &str,
    value: &serde_json::Value,
    out: &mut Vec<(String, String)>,
) -> Result<(), ClientError> {
    use serde_json::Value as J;
    match value {
        J::Null => {}
        J::Bool(b) => out.push((key.to_owned(), b.to_string())),
        J::Number(n) => out.push((key.to_owned(), n.to_string())),
        J::String(s) => out.push((key.to_owned(), s.clone())),
        J::Array(items) => {
            for item in items {
                match item {
                    J::Array(_) | J::Object(_) => {
                        return Err(ClientError::config(format!(
                            "{key}: a list of messages cannot be sent as query parameters"
                        )));
                    }
                    scalar => flatten(key, scalar, out)?,
                }
            }
        }
        J::Object(map) => {
            for (inner, value) in map {
                flatten(&format!("{key}.{inner}"), value, out)?;
            }
        }
    }
    Ok(())
}

fn code_of_http(status: reqwest::StatusCode) -> Code {
    match status.as_u16() {
        400 => Code::InvalidArgument,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 => Code::NotFound,
        409 => Code::AlreadyExists,
        429 => Code::ResourceExhausted,
        499 => Code::Cancelled,
        501 => Code::Unimplemented,
        503 => Code::Unavailable,
        504 => Code::DeadlineExceeded,
        _ => Code::Unknown,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Doubles of an answer read back exactly as the server wrote them (the
    /// gateway writes the shortest text that reads back as the same double).
    #[test]
    fn a_double_in_an_answer_reads_back_exactly() {
        let transport = RestTransport::new(&Settings {
            endpoint: "http://127.0.0.1:9".into(),
            credential: None,
            connect_timeout: Duration::from_secs(1),
            ca_pem: None,
        })
        .unwrap();
        let route = &transport.routes.by_method["tasker.v1.AnalyticsService.GetPerformanceMetrics"];
        for value in [
            8.0_f64 / 86_400.0,
            0.1,
            1.0 / 3.0,
            2.225_073_858_507_201_4e-308,
            1.797_693_134_862_315_7e308,
            123_456.789_012_345_68,
        ] {
            let text = serde_json::to_vec(&serde_json::json!({ "tasksPerSecond": value })).unwrap();
            let encoded = transport
                .decode_response(route, json_body(&text).unwrap())
                .unwrap();
            let decoded = tasker_proto::v1::GetPerformanceMetricsResponse::decode(encoded).unwrap();
            assert_eq!(
                decoded.tasks_per_second.to_bits(),
                value.to_bits(),
                "{value:e}"
            );
        }
    }

    /// NDJSON lines of a server stream: `{"result": …}` is a message,
    /// `{"error": <google.rpc.Status>}` the error the gRPC stream would end
    /// with, anything else a transport error.
    #[test]
    fn stream_lines_are_messages_or_the_stream_s_error() {
        let transport = RestTransport::new(&Settings {
            endpoint: "http://127.0.0.1:9".into(),
            credential: None,
            connect_timeout: Duration::from_secs(1),
            ca_pem: None,
        })
        .unwrap();
        let method = "tasker.v1.TaskService.StreamTaskStatus";
        let message = transport
            .stream_item(
                method,
                br#"{"result": {"task": {"taskUuid": "t", "state": "TASK_STATE_COMPLETE"}, "terminal": true}}"#,
            )
            .unwrap();
        let message = tasker_proto::v1::StreamTaskStatusResponse::decode(message).unwrap();
        assert!(message.terminal);
        assert_eq!(
            message.task.unwrap().state(),
            tasker_proto::v1::TaskState::Complete
        );
        let error = transport
            .stream_item(
                method,
                br#"{"error": {"code": 5, "message": "task t not found"}}"#,
            )
            .unwrap_err();
        assert_eq!(
            error,
            ClientError::NotFound {
                message: "task t not found".into()
            }
        );
        let error = transport
            .stream_item(method, br#"{"error": {"code": 14, "message": "draining"}}"#)
            .unwrap_err();
        assert!(
            matches!(error, ClientError::Unavailable { .. }),
            "{error:?}"
        );
        for garbage in [&br#"{"neither": 1}"#[..], b"not json"] {
            let error = transport.stream_item(method, garbage).unwrap_err();
            assert!(matches!(error, ClientError::Transport { .. }), "{error:?}");
        }
    }

    #[test]
    fn every_route_of_the_api_loads() {
        let routes = Routes::load(
            tasker_proto::ROUTES
                .iter()
                .chain(tasker_proto::worker::ROUTES),
        )
        .unwrap();
        assert!(
            routes
                .by_method
                .contains_key("tasker.v1.TaskService.CreateTask")
        );
        assert!(
            routes
                .by_method
                .contains_key("tasker.worker.v1.WorkerConfigService.GetWorkerConfig")
        );
    }

    #[test]
    fn paths_queries_and_bodies_follow_the_bindings() {
        let settings = Settings {
            endpoint: "http://127.0.0.1:1/".into(),
            credential: None,
            connect_timeout: Duration::from_secs(1),
            ca_pem: None,
        };
        let transport = RestTransport::new(&settings).unwrap();
        let request = tasker_proto::v1::CancelTaskRequest {
            task_uuid: "a b/c".into(),
            reason: "why".into(),
        };
        let (_, builder) = transport
            .build("tasker.v1.TaskService.CancelTask", &request.encode_to_vec())
            .unwrap();
        let built = builder.build().unwrap();
        assert_eq!(built.method(), reqwest::Method::POST);
        assert_eq!(
            built.url().as_str(),
            "http://127.0.0.1:1/v1/tasks/a%20b%2Fc:cancel"
        );
        let body: serde_json::Value =
            serde_json::from_slice(built.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(body, serde_json::json!({"reason": "why"}));

        let request = tasker_proto::v1::ListTasksRequest {
            page_size: 5,
            states: vec![
                tasker_proto::v1::TaskState::Complete.into(),
                tasker_proto::v1::TaskState::Error.into(),
            ],
            ..Default::default()
        };
        let (_, builder) = transport
            .build("tasker.v1.TaskService.ListTasks", &request.encode_to_vec())
            .unwrap();
        let built = builder.build().unwrap();
        assert_eq!(built.method(), reqwest::Method::GET);
        assert_eq!(
            built.url().query(),
            Some("pageSize=5&states=TASK_STATE_COMPLETE&states=TASK_STATE_ERROR")
        );
        assert!(built.body().is_none());
    }
}
