//! The REST side: compiled routes, request binding, the in-process gRPC call
//! and the JSON (or NDJSON / Server-Sent Events) response.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt as _;
use http::header::{ACCEPT, ALLOW, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited, StreamBody};
use prost::Message as _;
use prost_reflect::{
    DescriptorPool, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, Value,
};
use serde_json::json;
use tonic::Code;
use tower::ServiceExt as _;

use crate::GatewayError;
use crate::bind::{self, FieldViolation};
use crate::drain::{self, DrainLimits};
use crate::grpc::{self, BoxError, FrameDecoder, GrpcService, RequestBody};
use crate::index::TemplateIndex;
use crate::limits::MAX_JSON_DEPTH;
use crate::routing::{self, Matched, Routable};
use crate::rule::RouteSpec;
use crate::status::{GrpcStatus, http_status, retry_after_seconds};
use crate::template::{Captures, PathTemplate};
use crate::validate::validate_route;

/// What a step of handling a request gives: its result, or the answer to
/// send already (boxed: a response is large, and the refusal is the rare
/// path).
type Answered<T> = Result<T, Box<Response<ResponseBody>>>;

/// Body of every response the gateway produces.
pub type ResponseBody = http_body_util::combinators::UnsyncBoxBody<Bytes, BoxError>;

/// REST (and Connect) behaviour settings: limits, unknown-field handling,
/// forwarded headers.
#[derive(Debug, Clone)]
pub struct RestOptions {
    /// Ignore query parameters that name no field instead of answering 400.
    pub ignore_unknown_query_parameters: bool,
    /// Ignore unknown JSON fields in bodies instead of answering 400.
    pub ignore_unknown_json_fields: bool,
    /// Largest request body accepted (larger → 413, refused from its
    /// `Content-Length` before any of it is read).
    pub max_body_bytes: usize,
    /// Deepest JSON nesting accepted (deeper → 400); at most
    /// [`MAX_JSON_DEPTH`], which also bounds gRPC and gRPC-Web input.
    pub max_json_depth: usize,
    /// How long a request body may take to arrive after its headers (REST:
    /// 408; [`OnePort`](crate::OnePort) applies the same to gRPC and gRPC-Web
    /// calls that are not client-streaming: DEADLINE_EXCEEDED).
    pub body_read_timeout: Duration,
    /// Request headers forwarded to the service as metadata, besides every
    /// `Grpc-Metadata-*` header (forwarded with the prefix removed).
    pub forward_headers: Vec<HeaderName>,
    /// How much of a request body answered before it was read (an error,
    /// a body over the limit) is still read on HTTP/1.x, so that the client
    /// gets the answer and, when it fits, the connection stays usable (see
    /// [`crate::drain`]). [`OnePort`](crate::OnePort) applies the same to
    /// gRPC-Web.
    pub drain: DrainLimits,
    /// Refuse Connect requests without `Connect-Protocol-Version: 1` (POST)
    /// or `connect=v1` (GET) with 400, as the Connect protocol allows;
    /// otherwise only a wrong value is refused.
    pub require_connect_protocol_version: bool,
    /// Largest gRPC request message accepted — the services' decoding limit
    /// (tonic's `max_decoding_message_size`, 4 MiB unless set). A gRPC,
    /// gRPC-Web or Connect protobuf message declaring more is answered
    /// RESOURCE_EXHAUSTED by [`OnePort`](crate::OnePort) before a service
    /// reads it, as the gRPC specification asks.
    pub max_message_bytes: usize,
}

impl Default for RestOptions {
    fn default() -> Self {
        Self {
            ignore_unknown_query_parameters: false,
            ignore_unknown_json_fields: false,
            max_body_bytes: 4 * 1024 * 1024,
            max_json_depth: MAX_JSON_DEPTH,
            body_read_timeout: Duration::from_secs(30),
            forward_headers: [
                "authorization",
                "x-api-key",
                "x-request-id",
                "traceparent",
                "tracestate",
            ]
            .into_iter()
            .map(HeaderName::from_static)
            .collect(),
            drain: DrainLimits::default(),
            require_connect_protocol_version: false,
            max_message_bytes: 4 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone)]
enum BodyRule {
    None,
    All,
    Field(FieldDescriptor),
}

#[derive(Debug, Clone)]
struct CompiledRoute {
    http_method: Method,
    template: PathTemplate,
    grpc_path: String,
    input: MessageDescriptor,
    output: MessageDescriptor,
    body: BodyRule,
    response_body: Option<FieldDescriptor>,
    variables: Vec<(String, Vec<FieldDescriptor>)>,
    server_streaming: bool,
    /// Top-level field names (proto) bound by the path or the body field.
    bound: HashSet<String>,
    /// `update_mask` field filled from the body keys on PATCH.
    patch_mask: Option<FieldDescriptor>,
}

impl Routable for CompiledRoute {
    fn http_method(&self) -> &Method {
        &self.http_method
    }

    fn template(&self) -> &PathTemplate {
        &self.template
    }
}

/// Transcodes REST requests into calls of a gRPC service.
#[derive(Debug, Clone)]
pub struct Transcoder {
    routes: Arc<Vec<CompiledRoute>>,
    /// The routes' templates, for finding the few a path can match.
    index: Arc<TemplateIndex>,
    pool: DescriptorPool,
    options: Arc<RestOptions>,
}

impl Transcoder {
    /// Compiles `routes` against `pool`.
    ///
    /// # Errors
    /// [`GatewayError::Route`] naming the RPC when a route does not validate,
    /// or when the pool lacks the `google.rpc` error types.
    pub fn new(
        pool: DescriptorPool,
        routes: &[RouteSpec],
        options: RestOptions,
    ) -> Result<Self, GatewayError> {
        for required in [
            "google.rpc.Status",
            "google.rpc.BadRequest",
            "google.rpc.RetryInfo",
        ] {
            if pool.get_message_by_name(required).is_none() {
                return Err(GatewayError::Route(format!(
                    "the descriptor pool lacks {required}: include google/rpc/status.proto and google/rpc/error_details.proto"
                )));
            }
        }
        crate::limits::validate_json_depth("max_json_depth", options.max_json_depth)
            .map_err(GatewayError::Route)?;
        let mut compiled = Vec::with_capacity(routes.len());
        for spec in routes {
            let valid = validate_route(&pool, spec)?;
            let method = valid.method;
            let input = method.input();
            let output = method.output();
            let template = valid.template;
            let mut variables = Vec::new();
            let mut bound = HashSet::new();
            for variable in template.variables() {
                let dotted = variable.field_path_string();
                let fields = bind::resolve_path(&input, &dotted)
                    .map_err(|v| GatewayError::Route(format!("{}: {v}", spec.method)))?;
                if let Some(first) = fields.first() {
                    bound.insert(first.name().to_owned());
                }
                variables.push((dotted, fields));
            }
            let body = match spec.body.as_ref() {
                "" => BodyRule::None,
                "*" => BodyRule::All,
                name => {
                    let field = input.get_field_by_name(name).ok_or_else(|| {
                        GatewayError::Route(format!("{}: no body field {name}", spec.method))
                    })?;
                    bound.insert(field.name().to_owned());
                    BodyRule::Field(field)
                }
            };
            let response_body = match spec.response_body.as_ref() {
                "" => None,
                name => Some(output.get_field_by_name(name).ok_or_else(|| {
                    GatewayError::Route(format!("{}: no response field {name}", spec.method))
                })?),
            };
            let http_method = Method::from_bytes(spec.http_method.as_str().as_bytes())
                .map_err(|_| GatewayError::Route(format!("{}: bad HTTP method", spec.method)))?;
            let patch_mask = match (&body, &http_method) {
                (BodyRule::Field(field), &Method::PATCH) if matches!(field.kind(), Kind::Message(_)) => input
                    .get_field_by_name("update_mask")
                    .filter(|f| matches!(f.kind(), Kind::Message(m) if m.full_name() == "google.protobuf.FieldMask")),
                _ => None,
            };
            compiled.push(CompiledRoute {
                http_method,
                grpc_path: format!("/{}/{}", method.parent_service().full_name(), method.name()),
                server_streaming: method.is_server_streaming(),
                template,
                input,
                output,
                body,
                response_body,
                variables,
                bound,
                patch_mask,
            });
        }
        let index = TemplateIndex::new(compiled.iter().map(|route| &route.template));
        Ok(Self {
            routes: Arc::new(compiled),
            index: Arc::new(index),
            pool,
            options: Arc::new(options),
        })
    }

    /// The descriptor pool the transcoder resolves types in.
    pub fn pool(&self) -> &DescriptorPool {
        &self.pool
    }

    /// How long a request body may take to arrive.
    pub fn body_read_timeout(&self) -> Duration {
        self.options.body_read_timeout
    }

    /// Largest gRPC request message accepted.
    pub fn max_message_bytes(&self) -> usize {
        self.options.max_message_bytes
    }

    /// How much of an unread request body is drained (HTTP/1.x).
    pub fn drain_limits(&self) -> DrainLimits {
        self.options.drain
    }

    /// The options, shared with the Connect handler.
    pub(crate) fn options(&self) -> Arc<RestOptions> {
        Arc::clone(&self.options)
    }

    /// The route for `method` on `path` (see [`routing::find`]: a path
    /// ending in a route's `:verb` matches only the templates with that
    /// verb, HEAD is answered by a GET route when no route declares HEAD).
    fn find(&self, method: &Method, path: &str) -> Matched<'_, CompiledRoute> {
        routing::find(&self.routes, &self.index, method, path)
    }

    /// Whether some route's template matches `path` (any method).
    pub fn knows_path(&self, path: &str) -> bool {
        routing::knows_path(&self.routes, &self.index, path)
    }

    /// Handles one REST request by calling `grpc` in-process.
    ///
    /// On HTTP/1.x, a body answered before it was read to its end (an
    /// error, a body over the limit) is drained within
    /// [`RestOptions::drain`], and the answer says `Connection: close` when
    /// the connection cannot be reused (always after a 413 or 408). A HEAD request
    /// on a GET route is answered as the GET, without the body.
    pub async fn handle<S, B>(&self, grpc: S, request: Request<B>) -> Response<ResponseBody>
    where
        S: GrpcService,
        B: RequestBody,
    {
        let head = request.method() == Method::HEAD;
        let (request, guard) = drain::guard(request, self.options.drain);
        let mut response = self.respond(grpc, request).await;
        if matches!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT
        ) {
            // The rest of the body is not waited for (RFC 9112 §9.6; a
            // 408 closes, RFC 9110 §15.5.9); it is drained meanwhile.
            guard.close(&mut response);
        } else {
            guard.finish(&mut response);
        }
        if head {
            without_body(&mut response);
        }
        response
    }

    /// Route, read the body, bind, call, answer: each step either hands on
    /// or is the answer.
    async fn respond<S, B>(&self, grpc: S, request: Request<B>) -> Response<ResponseBody>
    where
        S: GrpcService,
        B: RequestBody,
    {
        let (parts, body) = request.into_parts();
        let (route, captures) = match self.route(&parts.method, parts.uri.path()) {
            Ok(found) => found,
            Err(refusal) => return *refusal,
        };
        let bytes = match self.read_body(route, &parts.headers, body).await {
            Ok(bytes) => bytes,
            Err(refusal) => return *refusal,
        };
        let message = match self.bind(route, &captures, parts.uri.query().unwrap_or(""), &bytes) {
            Ok(message) => message,
            Err(violation) => return self.bad_request(violation),
        };
        let (response, deadline) = match self.call(grpc, route, &message, &parts).await {
            Ok(called) => called,
            Err(refusal) => return *refusal,
        };
        if route.server_streaming {
            let sse = accepts_event_stream(&parts.headers);
            return self.stream(route, response, sse, deadline).await;
        }
        self.answer_unary(route, response, deadline).await
    }

    /// The route of `method` and `path` with its captures, or the answer
    /// when there is none: 405 with `Allow`, 400 for a bad path, 404.
    fn route(&self, method: &Method, path: &str) -> Answered<(&CompiledRoute, Captures)> {
        match self.find(method, path) {
            Matched::Route(route, captures) => Ok((route, captures)),
            Matched::MethodNotAllowed(allowed) => {
                let allow = allowed
                    .iter()
                    .map(Method::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut response = self.error(
                    StatusCode::METHOD_NOT_ALLOWED,
                    &GrpcStatus::new(
                        Code::Unimplemented,
                        format!("method {method} is not allowed on {path}; allowed: {allow}"),
                    ),
                );
                if let Ok(value) = HeaderValue::from_str(&allow) {
                    response.headers_mut().insert(ALLOW, value);
                }
                Err(Box::new(response))
            }
            Matched::BadPath(error) => Err(Box::new(
                self.bad_request(FieldViolation::new("path", error.to_string())),
            )),
            Matched::NotFound => Err(Box::new(self.error(
                StatusCode::NOT_FOUND,
                &GrpcStatus::new(Code::NotFound, format!("no route for {method} {path}")),
            ))),
        }
    }

    /// The request body, checked in order: declared size, content type,
    /// size cap, read timeout, nesting cap (413, 415, 413, 408, 400).
    async fn read_body<B: RequestBody>(
        &self,
        route: &CompiledRoute,
        headers: &HeaderMap,
        body: B,
    ) -> Answered<Bytes> {
        if let Some(length) = headers.get(http::header::CONTENT_LENGTH)
            && length
                .to_str()
                .ok()
                .and_then(|l| l.trim().parse::<u64>().ok())
                .is_none_or(|l| l > self.options.max_body_bytes as u64)
        {
            // Refused before any of it is read (an unparsable length too).
            return Err(Box::new(self.too_large()));
        }
        let bytes = if matches!(route.body, BodyRule::None) {
            Bytes::new()
        } else {
            let content_type = headers.get(CONTENT_TYPE);
            if let Some(content_type) = content_type
                && !is_json(content_type)
            {
                return Err(Box::new(self.unsupported_media_type(Some(content_type))));
            }
            let read = tokio::time::timeout(
                self.options.body_read_timeout,
                Limited::new(body, self.options.max_body_bytes).collect(),
            )
            .await;
            let bytes = match read {
                Err(_) => {
                    return Err(Box::new(self.error(
                        StatusCode::REQUEST_TIMEOUT,
                        &GrpcStatus::new(
                            Code::DeadlineExceeded,
                            format!(
                                "the request body did not arrive within the body read timeout of {} s",
                                self.options.body_read_timeout.as_secs()
                            ),
                        ),
                    )));
                }
                Ok(Ok(collected)) => collected.to_bytes(),
                Ok(Err(error)) if error.is::<LengthLimitError>() => {
                    return Err(Box::new(self.too_large()));
                }
                Ok(Err(error)) => {
                    return Err(Box::new(self.bad_request(FieldViolation::new(
                        "body",
                        format!("cannot read the body: {error}"),
                    ))));
                }
            };
            // A body needs its content type; an empty one (all defaults) does not.
            if content_type.is_none() && !bytes.iter().all(u8::is_ascii_whitespace) {
                return Err(Box::new(self.unsupported_media_type(None)));
            }
            bytes
        };
        if bind::json_depth_exceeds(&bytes, self.options.max_json_depth) {
            return Err(Box::new(self.bad_request(FieldViolation::new(
                "body",
                format!(
                    "JSON nesting exceeds the limit of {} levels (max_json_depth)",
                    self.options.max_json_depth
                ),
            ))));
        }
        Ok(bytes)
    }

    /// 413: the body is over `max_body_bytes`.
    fn too_large(&self) -> Response<ResponseBody> {
        self.error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &GrpcStatus::new(
                Code::ResourceExhausted,
                format!(
                    "request body exceeds the limit of {} bytes",
                    self.options.max_body_bytes
                ),
            ),
        )
    }

    /// The in-process gRPC call of `message`, with the forwarded metadata,
    /// the request's deadline and the extensions layers in front attached;
    /// its response and the deadline, or the answer when it cannot be made
    /// or does not answer in time.
    async fn call<S: GrpcService>(
        &self,
        grpc: S,
        route: &CompiledRoute,
        message: &DynamicMessage,
        parts: &http::request::Parts,
    ) -> Answered<(Response<tonic::body::Body>, Option<tokio::time::Instant>)> {
        let timeout = request_timeout(&parts.headers).map_err(|v| Box::new(self.bad_request(v)))?;
        let metadata = self.metadata(&parts.headers);
        let mut call = grpc::request(
            &route.grpc_path,
            &message.encode_to_vec(),
            metadata,
            timeout,
        )
        .map_err(|error| {
            Box::new(self.error(
                StatusCode::BAD_REQUEST,
                &GrpcStatus::new(Code::InvalidArgument, error.to_string()),
            ))
        })?;
        // What layers in front of the gateway attached to the request (a
        // request id, the caller) travels with the call it becomes.
        *call.extensions_mut() = parts.extensions.clone();
        let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
        match with_deadline(deadline, grpc.oneshot(call)).await {
            Some(Ok(response)) => Ok((response, deadline)),
            Some(Err(never)) => match never {},
            None => Err(Box::new(self.deadline_exceeded())),
        }
    }

    /// The JSON answer of a unary call: its message rendered (or its
    /// error), with `grpc-metadata-` headers and `grpc-trailer-` trailers.
    async fn answer_unary(
        &self,
        route: &CompiledRoute,
        response: Response<tonic::body::Body>,
        deadline: Option<tokio::time::Instant>,
    ) -> Response<ResponseBody> {
        match with_deadline(deadline, grpc::read_unary(response)).await {
            None => self.deadline_exceeded(),
            Some(Err((status, headers))) => {
                let mut response = self.error(http_status(status.code), &status);
                copy_metadata(&headers, response.headers_mut(), "grpc-metadata-");
                response
            }
            Some(Ok(reply)) => match self.render(route, &reply.message) {
                Ok(json) => {
                    let mut response = json_response(StatusCode::OK, json);
                    copy_metadata(&reply.headers, response.headers_mut(), "grpc-metadata-");
                    copy_metadata(&reply.trailers, response.headers_mut(), "grpc-trailer-");
                    response
                }
                Err(status) => self.error(http_status(status.code), &status),
            },
        }
    }

    fn bind(
        &self,
        route: &CompiledRoute,
        captures: &[(usize, String)],
        query: &str,
        body: &[u8],
    ) -> Result<DynamicMessage, FieldViolation> {
        let deny_unknown = !self.options.ignore_unknown_json_fields;
        let mut message = match &route.body {
            BodyRule::All => bind::message_from_json(route.input.clone(), body, deny_unknown)?,
            _ => DynamicMessage::new(route.input.clone()),
        };
        if let BodyRule::Field(field) = &route.body
            && !body.iter().all(u8::is_ascii_whitespace)
        {
            let value = bind::field_from_json(&route.input, field, body, deny_unknown)?;
            message.set_field(field, value);
            if let Some(mask_field) = &route.patch_mask
                && let Kind::Message(inner) = field.kind()
                && let Ok(serde_json::Value::Object(object)) =
                    serde_json::from_slice::<serde_json::Value>(body)
            {
                let paths = bind::mask_paths(&inner, &object);
                if let Some(mask_desc) = mask_field.kind().as_message() {
                    let mut mask = DynamicMessage::new(mask_desc.clone());
                    mask.set_field_by_name(
                        "paths",
                        Value::List(paths.into_iter().map(Value::String).collect()),
                    );
                    message.set_field(mask_field, Value::Message(mask));
                }
            }
        }
        for (index, value) in captures {
            let Some((dotted, fields)) = route.variables.get(*index) else {
                continue;
            };
            bind::set_from_text(&mut message, fields, value, dotted)?;
        }
        let mut mask_from_query = false;
        for (key, value) in decode_query(query)? {
            let top = key.split('.').next().unwrap_or_default();
            let unknown_or_bound = |reason: String| -> Result<(), FieldViolation> {
                if self.options.ignore_unknown_query_parameters {
                    Ok(())
                } else {
                    Err(FieldViolation::new(key.as_str(), reason))
                }
            };
            if matches!(route.body, BodyRule::All) {
                unknown_or_bound(format!(
                    "unknown query parameter {key:?}: every field of this request is in the body"
                ))?;
                continue;
            }
            let fields = match bind::resolve_path(&route.input, &key) {
                Ok(fields) => fields,
                Err(violation) => {
                    unknown_or_bound(format!(
                        "unknown query parameter: {}",
                        violation.description
                    ))?;
                    continue;
                }
            };
            let top_name = fields
                .first()
                .map(|f| f.name().to_owned())
                .unwrap_or_else(|| top.to_owned());
            if route.bound.contains(&top_name) {
                unknown_or_bound(format!(
                    "query parameter {key:?} names a field bound by the path or body"
                ))?;
                continue;
            }
            // An explicit mask replaces the one derived from the body.
            if !mask_from_query
                && let Some(mask) = route.patch_mask.as_ref().filter(|m| m.name() == top_name)
            {
                message.clear_field(mask);
                mask_from_query = true;
            }
            bind::set_from_text(&mut message, &fields, &value, &key)?;
        }
        Ok(message)
    }

    fn render(&self, route: &CompiledRoute, bytes: &[u8]) -> Result<Vec<u8>, GrpcStatus> {
        let message = DynamicMessage::decode(route.output.clone(), bytes).map_err(|e| {
            GrpcStatus::new(Code::Internal, format!("cannot decode the response: {e}"))
        })?;
        // The canonical renderer keeps float32 and non-finite numbers exact.
        let json = crate::json::JsonMessage(&message);
        let encoded = match &route.response_body {
            None => crate::json::to_vec(&json),
            Some(field) => match crate::json::to_value(&json) {
                Ok(serde_json::Value::Object(mut object)) => {
                    let value = object
                        .remove(field.json_name())
                        .unwrap_or_else(|| default_json(field));
                    crate::json::to_vec(&value)
                }
                Ok(other) => crate::json::to_vec(&other),
                Err(e) => Err(e),
            },
        };
        encoded.map_err(|e| {
            GrpcStatus::new(Code::Internal, format!("cannot encode the response: {e}"))
        })
    }

    fn metadata(&self, headers: &HeaderMap) -> HeaderMap {
        let mut metadata = HeaderMap::new();
        for (name, value) in headers {
            if let Some(stripped) = name.as_str().strip_prefix("grpc-metadata-") {
                if let Ok(name) = HeaderName::from_bytes(stripped.as_bytes()) {
                    metadata.append(name, value.clone());
                }
            } else if self.options.forward_headers.contains(name) {
                metadata.append(name.clone(), value.clone());
            }
        }
        metadata
    }

    /// A JSON `google.rpc.Status` error response.
    pub fn error(&self, http: StatusCode, status: &GrpcStatus) -> Response<ResponseBody> {
        let body = serde_json::to_vec(&status.to_json(&self.pool)).unwrap_or_default();
        let mut response = json_response(http, body);
        if let Some(delay) = status.retry_delay(&self.pool)
            && let Ok(value) = HeaderValue::from_str(&retry_after_seconds(delay).to_string())
        {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        response
    }

    fn unsupported_media_type(&self, content_type: Option<&HeaderValue>) -> Response<ResponseBody> {
        let message = match content_type {
            Some(value) => format!(
                "unsupported content type {:?}; send application/json (charset utf-8)",
                String::from_utf8_lossy(value.as_bytes())
            ),
            None => "a request body needs the content type application/json".to_owned(),
        };
        self.error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &GrpcStatus::new(Code::InvalidArgument, message),
        )
    }

    fn bad_request(&self, violation: FieldViolation) -> Response<ResponseBody> {
        let body = json!({
            "code": Code::InvalidArgument as i32,
            "message": violation.to_string(),
            "details": [{
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [{"field": violation.field, "description": violation.description}],
            }],
        });
        json_response(
            StatusCode::BAD_REQUEST,
            serde_json::to_vec(&body).unwrap_or_default(),
        )
    }

    fn deadline_exceeded(&self) -> Response<ResponseBody> {
        self.error(
            StatusCode::GATEWAY_TIMEOUT,
            &GrpcStatus::new(Code::DeadlineExceeded, "deadline exceeded"),
        )
    }

    async fn stream(
        &self,
        route: &CompiledRoute,
        response: Response<tonic::body::Body>,
        sse: bool,
        deadline: Option<tokio::time::Instant>,
    ) -> Response<ResponseBody> {
        let (parts, body) = response.into_parts();
        if let Some(status) = GrpcStatus::from_headers(&parts.headers) {
            if status.code == Code::Ok {
                // Trailers-only OK: an empty stream.
                return stream_response(sse, futures_util::stream::empty().boxed(), &parts.headers);
            }
            let mut response = self.error(http_status(status.code), &status);
            copy_metadata(&parts.headers, response.headers_mut(), "grpc-metadata-");
            return response;
        }
        let mut messages = MessageStream::new(body, deadline);
        // Wait for the first event: an error before any message is a plain error response.
        let first = messages.next().await;
        let first = match first {
            Some(Err(status)) => {
                let mut response = self.error(http_status(status.code), &status);
                copy_metadata(&parts.headers, response.headers_mut(), "grpc-metadata-");
                return response;
            }
            other => other,
        };
        let this = self.clone();
        let route = route.clone();
        let events = futures_util::stream::unfold(
            (messages, first, false),
            move |(mut messages, pending, done)| {
                let this = this.clone();
                let route = route.clone();
                async move {
                    if done {
                        return None;
                    }
                    let item = match pending {
                        Some(item) => Some(item),
                        None => messages.next().await,
                    };
                    let event = match item? {
                        Ok(bytes) => match this.render(&route, &bytes) {
                            Ok(json) => Event::Message(json),
                            Err(status) => Event::Error(this.status_json(&status)),
                        },
                        Err(status) => Event::Error(this.status_json(&status)),
                    };
                    let done = matches!(event, Event::Error(_));
                    Some((event.encode(sse), (messages, None, done)))
                }
            },
        )
        .boxed();
        stream_response(sse, events, &parts.headers)
    }

    fn status_json(&self, status: &GrpcStatus) -> Vec<u8> {
        serde_json::to_vec(&status.to_json(&self.pool)).unwrap_or_default()
    }
}

/// Routes with a verb, then with more literal segments, win.
enum Event {
    Message(Vec<u8>),
    Error(Vec<u8>),
}

impl Event {
    fn encode(self, sse: bool) -> Bytes {
        let mut out = Vec::new();
        match (self, sse) {
            (Event::Message(json), false) => {
                out.extend_from_slice(b"{\"result\":");
                out.extend_from_slice(&json);
                out.extend_from_slice(b"}\n");
            }
            (Event::Error(json), false) => {
                out.extend_from_slice(b"{\"error\":");
                out.extend_from_slice(&json);
                out.extend_from_slice(b"}\n");
            }
            (Event::Message(json), true) => {
                out.extend_from_slice(b"event: message\ndata: ");
                out.extend_from_slice(&json);
                out.extend_from_slice(b"\n\n");
            }
            (Event::Error(json), true) => {
                out.extend_from_slice(b"event: error\ndata: ");
                out.extend_from_slice(&json);
                out.extend_from_slice(b"\n\n");
            }
        }
        Bytes::from(out)
    }
}

/// The messages of a gRPC response body, then its final status.
pub(crate) struct MessageStream {
    body: tonic::body::Body,
    decoder: FrameDecoder,
    finished: bool,
    deadline: Option<tokio::time::Instant>,
    /// The trailers, once the body ended with them.
    pub(crate) trailers: HeaderMap,
}

impl MessageStream {
    /// Reads `body` until `deadline` (DEADLINE_EXCEEDED after it).
    pub(crate) fn new(body: tonic::body::Body, deadline: Option<tokio::time::Instant>) -> Self {
        Self {
            body,
            decoder: FrameDecoder::default(),
            finished: false,
            deadline,
            trailers: HeaderMap::new(),
        }
    }

    /// The next message, the final error status, or `None` after an OK end.
    pub(crate) async fn next(&mut self) -> Option<Result<Bytes, GrpcStatus>> {
        if self.finished {
            return None;
        }
        loop {
            match self.decoder.next_message() {
                Ok(Some(message)) => return Some(Ok(message)),
                Ok(None) => {}
                Err(status) => {
                    self.finished = true;
                    return Some(Err(status));
                }
            }
            let frame = match with_deadline(self.deadline, self.body.frame()).await {
                None => {
                    self.finished = true;
                    return Some(Err(GrpcStatus::new(
                        Code::DeadlineExceeded,
                        "deadline exceeded",
                    )));
                }
                Some(frame) => frame,
            };
            match frame {
                None => {
                    self.finished = true;
                    return Some(Err(GrpcStatus::new(
                        Code::Internal,
                        "stream ended without a gRPC status",
                    )));
                }
                Some(Err(error)) => {
                    self.finished = true;
                    return Some(Err(GrpcStatus::new(
                        Code::Internal,
                        format!("stream failed: {error}"),
                    )));
                }
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(data) => self.decoder.push(&data),
                    Err(frame) => {
                        self.finished = true;
                        self.trailers = frame.into_trailers().unwrap_or_default();
                        return match GrpcStatus::from_headers(&self.trailers) {
                            Some(status) if status.code == Code::Ok => None,
                            Some(status) => Some(Err(status)),
                            None => Some(Err(GrpcStatus::new(
                                Code::Internal,
                                "stream ended without a gRPC status",
                            ))),
                        };
                    }
                },
            }
        }
    }
}

pub(crate) async fn with_deadline<F: std::future::Future>(
    deadline: Option<tokio::time::Instant>,
    future: F,
) -> Option<F::Output> {
    match deadline {
        Some(deadline) => tokio::time::timeout_at(deadline, future).await.ok(),
        None => Some(future.await),
    }
}

fn stream_response(
    sse: bool,
    events: futures_util::stream::BoxStream<'static, Bytes>,
    headers: &HeaderMap,
) -> Response<ResponseBody> {
    let body =
        // Fused: layers above (compression) may poll again after the end.
        StreamBody::new(events.fuse().map(|bytes| Ok::<_, BoxError>(http_body::Frame::data(bytes))));
    let mut response = Response::new(BodyExt::boxed_unsync(body));
    let content_type = if sse {
        "text/event-stream"
    } else {
        "application/x-ndjson"
    };
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    copy_metadata(headers, response.headers_mut(), "grpc-metadata-");
    response
}

/// The answer to a HEAD request: the GET's status and headers, with the
/// length of a body of known size, and no body (a stream is ended).
pub(crate) fn without_body(response: &mut Response<ResponseBody>) {
    use http_body::Body as _;
    if let Some(length) = response.body().size_hint().exact()
        && !response
            .headers()
            .contains_key(http::header::CONTENT_LENGTH)
    {
        response
            .headers_mut()
            .insert(http::header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    *response.body_mut() = http_body_util::Empty::new()
        .map_err(|never| match never {})
        .boxed_unsync();
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response<ResponseBody> {
    let mut response = Response::new(
        Full::new(Bytes::from(body))
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The JSON of an unset field selected by `response_body`.
fn default_json(field: &FieldDescriptor) -> serde_json::Value {
    if field.is_list() {
        return json!([]);
    }
    if field.is_map() {
        return json!({});
    }
    match field.kind() {
        Kind::Message(_) => json!({}),
        Kind::Bool => json!(false),
        Kind::String | Kind::Bytes => json!(""),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 | Kind::Uint64 | Kind::Fixed64 => json!("0"),
        Kind::Enum(e) => e.get_value(0).map(|v| json!(v.name())).unwrap_or(json!(0)),
        _ => json!(0),
    }
}

/// Copies gRPC metadata to HTTP headers with `prefix`, skipping protocol
/// headers.
fn copy_metadata(from: &HeaderMap, to: &mut HeaderMap, prefix: &str) {
    for (name, value) in from {
        // An authentication challenge is an HTTP header in its own right
        // (RFC 9110 §11.6.1): REST clients get it as `WWW-Authenticate`.
        if name == http::header::WWW_AUTHENTICATE {
            to.append(http::header::WWW_AUTHENTICATE, value.clone());
            continue;
        }
        let name = name.as_str();
        if name == "content-type"
            || name == "content-length"
            || name == "date"
            || name == "te"
            || name.starts_with("grpc-")
        {
            continue;
        }
        if let Ok(header) = HeaderName::from_bytes(format!("{prefix}{name}").as_bytes()) {
            to.append(header, value.clone());
        }
    }
}

/// `application/json`, optionally with `charset=utf-8` (case-insensitive,
/// the value optionally quoted); any other type or parameter is refused.
fn is_json(content_type: &HeaderValue) -> bool {
    let Ok(text) = content_type.to_str() else {
        return false;
    };
    let mut parts = text.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return false;
    }
    parts.all(|parameter| {
        let parameter = parameter.trim();
        if parameter.is_empty() {
            return true;
        }
        let Some((name, value)) = parameter.split_once('=') else {
            return false;
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        name.trim().eq_ignore_ascii_case("charset") && value.eq_ignore_ascii_case("utf-8")
    })
}

/// Splits and decodes a query string (`+` is a space, `%XX` a byte; a `%`
/// not followed by two hex digits stays as it is). A key or value that is
/// not UTF-8 once decoded is refused.
pub fn decode_query(query: &str) -> Result<Vec<(String, String)>, FieldViolation> {
    fn decode(text: &str) -> Result<String, Vec<u8>> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
                    if let (Some(hi), Some(lo)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                        out.push((hi * 16 + lo) as u8);
                        i += 3;
                        continue;
                    }
                    out.push(b'%');
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).map_err(std::string::FromUtf8Error::into_bytes)
    }
    let mut pairs = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(key).map_err(|raw| {
            FieldViolation::new(
                "query",
                format!(
                    "query parameter name {:?} is not valid UTF-8 once percent-decoded",
                    String::from_utf8_lossy(&raw)
                ),
            )
        })?;
        let value = decode(value).map_err(|_| {
            FieldViolation::new(
                key.clone(),
                "query parameter value is not valid UTF-8 once percent-decoded",
            )
        })?;
        pairs.push((key, value));
    }
    Ok(pairs)
}

fn accepts_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.contains("text/event-stream")))
}

/// The deadline asked for by `grpc-timeout` (gRPC format) or
/// `X-Server-Timeout` (seconds, decimal).
fn request_timeout(headers: &HeaderMap) -> Result<Option<Duration>, FieldViolation> {
    if let Some(value) = headers.get("grpc-timeout") {
        let text = value.to_str().unwrap_or_default();
        return grpc::parse_grpc_timeout(text).map(Some).ok_or_else(|| {
            FieldViolation::new(
                "grpc-timeout",
                format!("invalid timeout {text:?}; use e.g. 500m or 5S"),
            )
        });
    }
    if let Some(value) = headers.get("x-server-timeout") {
        let text = value.to_str().unwrap_or_default();
        return text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0 && *s < 1e9)
            .map(|s| Some(Duration::from_secs_f64(s)))
            .ok_or_else(|| {
                FieldViolation::new(
                    "x-server-timeout",
                    format!("invalid timeout {text:?}; use seconds, e.g. 2.5"),
                )
            });
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_in_utf8_is_json() {
        for yes in [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; charset=\"utf-8\"",
            "application/json;",
        ] {
            assert!(is_json(&HeaderValue::from_static(yes)), "{yes}");
        }
        for no in [
            "text/plain",
            "application/json; charset=latin1",
            "application/json; version=2",
            "application/vnd.api+json",
            "application/jsonx",
            "application/json; charset",
            "",
        ] {
            assert!(!is_json(&HeaderValue::from_static(no)), "{no}");
        }
    }

    #[test]
    fn queries_decode_strictly() {
        assert_eq!(
            decode_query("a=1&b=x+y&c=%C3%A9&&d").unwrap(),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x y".to_owned()),
                ("c".to_owned(), "é".to_owned()),
                ("d".to_owned(), String::new()),
            ]
        );
        // A lone % stays as it is.
        assert_eq!(decode_query("a=100%").unwrap()[0].1, "100%");
        let error = decode_query("name=%FF").unwrap_err();
        assert_eq!(error.field, "name");
        assert!(decode_query("%C3%28=1").is_err());
    }
}
