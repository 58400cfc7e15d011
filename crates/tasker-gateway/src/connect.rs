//! The Connect protocol (<https://connectrpc.com/docs/protocol/>) on the
//! gateway's port, for every service of the descriptor pool: unary calls in
//! JSON (`application/json`) and binary protobuf (`application/proto`), GET
//! for methods marked `idempotency_level = NO_SIDE_EFFECTS`, and streaming
//! calls (`application/connect+json`, `application/connect+proto`) with
//! enveloped messages and the end-of-stream message. Like REST, a Connect
//! call becomes a gRPC call of the same tonic stack in-process: the request
//! headers are its metadata, `Connect-Timeout-Ms` its `grpc-timeout`, and
//! the gRPC status, details and metadata of the answer become Connect's
//! error JSON, headers and end-of-stream message.
//!
//! JSON goes through the same canonical proto3 JSON code as REST; binary
//! protobuf is passed through (checked by [`GrpcCheck`](crate::GrpcCheck)
//! like gRPC input), so services outside the pool are reachable with the
//! proto codec too. Messages may be gzip-compressed in both directions.

use std::collections::HashMap;
use std::io::{Read as _, Write as _};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine as _;
use bytes::{Buf as _, BufMut as _, Bytes, BytesMut};
use futures_util::StreamExt as _;
use http::header::{ACCEPT_ENCODING, ALLOW, CONTENT_ENCODING, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body::{Body, Frame};
use http_body_util::{BodyExt as _, Full, LengthLimitError, Limited, StreamBody};
use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, Value};
use serde_json::{Map, Value as Json, json};
use tonic::Code;
use tower::ServiceExt as _;

use crate::bind::{self, FieldViolation};
use crate::drain;
use crate::grpc::{self, BoxError};
use crate::status::{GrpcStatus, http_status, retry_after_seconds};
use crate::transcode::{MessageStream, ResponseBody, RestOptions, Transcoder, with_deadline};

/// Response messages at least this long are compressed when the client
/// accepts gzip; shorter ones gain nothing from it.
const COMPRESS_MIN_BYTES: usize = 1024;

/// The compressions the gateway reads and writes besides `identity`.
const ACCEPTED_ENCODINGS: &str = "gzip";

/// The end-of-stream flag of an envelope.
const END_STREAM: u8 = 0b10;

/// The compressed flag of an envelope.
const COMPRESSED: u8 = 0b01;

pub use crate::grpc::GrpcService;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    Proto,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Identity,
    Gzip,
}

/// What the gateway knows of an RPC from the descriptor pool.
#[derive(Debug, Clone)]
struct RpcShape {
    input: MessageDescriptor,
    output: MessageDescriptor,
    streaming: bool,
    /// `idempotency_level = NO_SIDE_EFFECTS` on a unary RPC: GET allowed.
    get: bool,
}

/// The Connect side of [`OnePort`](crate::OnePort).
#[derive(Clone)]
pub struct Connect {
    methods: Arc<HashMap<String, RpcShape>>,
    pool: DescriptorPool,
    options: Arc<RestOptions>,
}

impl std::fmt::Debug for Connect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connect")
            .field("methods", &self.methods.len())
            .finish_non_exhaustive()
    }
}

/// `google.rpc.Status`, decoded directly for its details.
#[derive(Clone, PartialEq, prost::Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
    #[prost(message, repeated, tag = "3")]
    details: Vec<prost_types::Any>,
}

/// The Connect name of a gRPC code.
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "ok",
        Code::Cancelled => "canceled",
        Code::Unknown => "unknown",
        Code::InvalidArgument => "invalid_argument",
        Code::DeadlineExceeded => "deadline_exceeded",
        Code::NotFound => "not_found",
        Code::AlreadyExists => "already_exists",
        Code::PermissionDenied => "permission_denied",
        Code::ResourceExhausted => "resource_exhausted",
        Code::FailedPrecondition => "failed_precondition",
        Code::Aborted => "aborted",
        Code::OutOfRange => "out_of_range",
        Code::Unimplemented => "unimplemented",
        Code::Internal => "internal",
        Code::Unavailable => "unavailable",
        Code::DataLoss => "data_loss",
        Code::Unauthenticated => "unauthenticated",
    }
}

/// How one call is answered: its codec, unary or streaming, and the
/// compression of the answer.
#[derive(Debug, Clone, Copy)]
struct Answer {
    codec: Codec,
    streaming: bool,
    encoding: Encoding,
}

impl Answer {
    fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match (self.streaming, self.codec) {
            (false, Codec::Proto) => "application/proto",
            (false, Codec::Json) => "application/json",
            (true, Codec::Proto) => "application/connect+proto",
            (true, Codec::Json) => "application/connect+json",
        })
    }
}

/// The parameters of a GET request.
#[derive(Debug, Default)]
struct GetQuery {
    message: Option<String>,
    encoding: Option<String>,
    base64: bool,
    compression: Option<String>,
    connect: Option<String>,
}

impl GetQuery {
    fn parse(query: &str) -> Result<Self, FieldViolation> {
        let mut out = Self::default();
        for (key, value) in crate::transcode::decode_query(query)? {
            match key.as_str() {
                "message" => out.message = Some(value),
                "encoding" => out.encoding = Some(value),
                "base64" => out.base64 = value == "1",
                "compression" => out.compression = Some(value),
                "connect" => out.connect = Some(value),
                // Unknown parameters are allowed alongside Connect's.
                _ => {}
            }
        }
        Ok(out)
    }
}

impl Connect {
    /// Every method of `pool`'s services, answered with `options`' limits.
    pub(crate) fn new(pool: &DescriptorPool, options: Arc<RestOptions>) -> Self {
        let mut methods = HashMap::new();
        for service in pool.services() {
            for method in service.methods() {
                let streaming = method.is_client_streaming() || method.is_server_streaming();
                methods.insert(
                    format!("/{}/{}", service.full_name(), method.name()),
                    RpcShape {
                        input: method.input(),
                        output: method.output(),
                        streaming,
                        get: !streaming && no_side_effects(&method),
                    },
                );
            }
        }
        Self {
            methods: Arc::new(methods),
            pool: pool.clone(),
            options,
        }
    }

    /// Whether `request` is a Connect call: a Connect content type
    /// (`application/proto`, `application/connect+…`), a
    /// `Connect-Protocol-Version` header or `connect=v1` parameter, or a
    /// request to an RPC's path (`/pkg.Service/Method`) that no REST route
    /// of `rest` claims.
    pub(crate) fn claims<B>(&self, request: &Request<B>, rest: &Transcoder) -> bool {
        let headers = request.headers();
        if headers.contains_key("connect-protocol-version") {
            return true;
        }
        let essence = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|ct| ct.split(';').next().unwrap_or_default().trim());
        if request.method() == Method::POST
            && essence.is_some_and(|e| {
                e.eq_ignore_ascii_case("application/proto")
                    || e.get(..20)
                        .is_some_and(|p| p.eq_ignore_ascii_case("application/connect+"))
            })
        {
            return true;
        }
        if request.method() == Method::GET
            && request
                .uri()
                .query()
                .is_some_and(|q| q.split('&').any(|p| p == "connect=v1"))
        {
            return true;
        }
        let path = request.uri().path();
        self.methods.contains_key(path) && !rest.knows_path(path)
    }

    /// Answers one Connect request by calling the services in-process:
    /// `grpc` for JSON calls (whose input the gateway built), `checked`
    /// (the same stack behind [`GrpcCheck`](crate::GrpcCheck)) for
    /// protobuf input and for streams.
    pub(crate) async fn handle<G, C, B>(
        &self,
        grpc: G,
        checked: C,
        request: Request<B>,
    ) -> Response<ResponseBody>
    where
        G: GrpcService,
        C: GrpcService,
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let (request, guard) = drain::guard(request, self.options.drain);
        let (mut response, close) = self.respond(grpc, checked, request).await;
        if close {
            guard.close(&mut response);
        } else {
            guard.finish(&mut response);
        }
        response
    }

    async fn respond<G, C, B>(
        &self,
        grpc: G,
        checked: C,
        request: Request<B>,
    ) -> (Response<ResponseBody>, bool)
    where
        G: GrpcService,
        C: GrpcService,
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let (parts, body) = request.into_parts();
        let path = parts.uri.path().to_owned();
        let shape = self.methods.get(&path);
        let get = parts.method == Method::GET;
        if !(parts.method == Method::POST || get && shape.is_some_and(|s| s.get)) {
            return (method_not_allowed(shape), false);
        }
        let query = if get {
            match GetQuery::parse(parts.uri.query().unwrap_or_default()) {
                Ok(query) => Some(query),
                Err(violation) => {
                    let answer = Answer {
                        codec: Codec::Json,
                        streaming: false,
                        encoding: Encoding::Identity,
                    };
                    return (self.fail(answer, &self.bad_request(violation), None), false);
                }
            }
        } else {
            None
        };
        // The codec, and whether the call is a stream: 415 when unknown or
        // when the shape is not the RPC's.
        let kind = match &query {
            Some(query) => query.encoding.as_deref().and_then(|e| match e {
                "proto" => Some((Codec::Proto, false)),
                "json" => Some((Codec::Json, false)),
                _ => None,
            }),
            None => parts
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_content_type),
        };
        let Some((codec, streaming)) =
            kind.filter(|(_, streaming)| shape.is_none_or(|s| s.streaming == *streaming))
        else {
            return (unsupported_media_type(shape), false);
        };
        let mut answer = Answer {
            codec,
            streaming,
            encoding: Encoding::Identity,
        };
        // Compression, in and out.
        let (sent, accepted) = match (&query, streaming) {
            (Some(query), _) => (
                query.compression.as_deref(),
                header_text(&parts.headers, ACCEPT_ENCODING.as_str()),
            ),
            (None, false) => (
                header_text(&parts.headers, CONTENT_ENCODING.as_str()),
                header_text(&parts.headers, ACCEPT_ENCODING.as_str()),
            ),
            (None, true) => (
                header_text(&parts.headers, "connect-content-encoding"),
                header_text(&parts.headers, "connect-accept-encoding"),
            ),
        };
        let encoding = match parse_encoding(sent) {
            Ok(encoding) => encoding,
            Err(status) => return (self.fail(answer, &status, None), false),
        };
        answer.encoding = negotiate(accepted, encoding);
        if let Err(status) = self.check_version(&parts.headers, query.as_ref()) {
            return (self.fail(answer, &status, None), false);
        }
        let timeout = match connect_timeout(&parts.headers) {
            Ok(timeout) => timeout,
            Err(status) => return (self.fail(answer, &status, None), false),
        };
        if codec == Codec::Json && shape.is_none() {
            let status = GrpcStatus::new(
                Code::Unimplemented,
                format!(
                    "{path} is not in the gateway's descriptor pool: no JSON mapping for it; use the proto codec"
                ),
            );
            return (self.fail(answer, &status, None), false);
        }
        let metadata = forwarded_metadata(&parts.headers);
        let deadline = timeout.map(|t| tokio::time::Instant::now() + t);

        if streaming {
            let body = EnvelopeBody {
                inner: body.map_err(Into::into).boxed_unsync(),
                buffer: BytesMut::new(),
                codec,
                encoding,
                input: shape.map(|s| s.input.clone()),
                options: Arc::clone(&self.options),
                done: false,
            };
            let mut call =
                match call_request(&path, tonic::body::Body::new(body), metadata, timeout) {
                    Ok(call) => call,
                    Err(status) => return (self.fail(answer, &status, None), false),
                };
            *call.extensions_mut() = parts.extensions.clone();
            let Some(response) = with_deadline(deadline, checked.oneshot(call)).await else {
                return (self.fail(answer, &deadline_exceeded(), None), false);
            };
            let response = match response {
                Ok(response) => response,
                Err(never) => match never {},
            };
            return (self.stream(answer, shape, response, deadline), false);
        }

        // Unary: the one message, from the query or the body.
        let payload = match &query {
            Some(query) => match get_payload(query) {
                Ok(payload) => payload,
                Err(status) => return (self.fail(answer, &status, None), false),
            },
            None => match self.read_body(&parts.headers, body).await {
                Ok(payload) => payload,
                Err((status, close)) => return (self.fail(answer, &status, None), close),
            },
        };
        let payload = match decompress(encoding, payload, self.options.max_body_bytes) {
            Ok(payload) => payload,
            Err(status) => return (self.fail(answer, &status, None), false),
        };
        let (message, via_check) = match (codec, shape) {
            (Codec::Json, Some(shape)) => match self.json_to_proto(&shape.input, &payload) {
                Ok(message) => (message, false),
                Err(status) => return (self.fail(answer, &status, None), false),
            },
            _ => (payload, true),
        };
        let mut call = match grpc::request(&path, &message, metadata, timeout) {
            Ok(call) => call,
            Err(error) => {
                let status = GrpcStatus::new(Code::InvalidArgument, error.to_string());
                return (self.fail(answer, &status, None), false);
            }
        };
        *call.extensions_mut() = parts.extensions.clone();
        let response = if via_check {
            with_deadline(deadline, checked.oneshot(call)).await
        } else {
            with_deadline(deadline, grpc.oneshot(call)).await
        };
        let response = match response {
            None => return (self.fail(answer, &deadline_exceeded(), None), false),
            Some(Ok(response)) => response,
            Some(Err(never)) => match never {},
        };
        let reply = match with_deadline(deadline, grpc::read_unary_reply(response)).await {
            None => return (self.fail(answer, &deadline_exceeded(), None), false),
            Some(Err(error)) => {
                let mut metadata = error.headers;
                metadata.extend(error.trailers);
                return (self.fail(answer, &error.status, Some(&metadata)), false);
            }
            Some(Ok(reply)) => reply,
        };
        let bytes = match (codec, shape) {
            (Codec::Json, Some(shape)) => match render(&shape.output, &reply.message) {
                Ok(json) => Bytes::from(json),
                Err(status) => return (self.fail(answer, &status, None), false),
            },
            _ => reply.message,
        };
        let (bytes, compressed) = compress(answer.encoding, bytes);
        let mut response = Response::new(
            Full::new(bytes)
                .map_err(|never| match never {})
                .boxed_unsync(),
        );
        let headers = response.headers_mut();
        copy_metadata(&reply.headers, headers, "");
        copy_metadata(&reply.trailers, headers, "trailer-");
        headers.insert(CONTENT_TYPE, answer.content_type());
        headers.insert(
            ACCEPT_ENCODING,
            HeaderValue::from_static(ACCEPTED_ENCODINGS),
        );
        if compressed {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        (response, false)
    }

    /// `Connect-Protocol-Version: 1` (POST) or `connect=v1` (GET): any other
    /// value is refused, and a missing one when
    /// [`RestOptions::require_connect_protocol_version`] says so.
    fn check_version(
        &self,
        headers: &HeaderMap,
        query: Option<&GetQuery>,
    ) -> Result<(), GrpcStatus> {
        let require = self.options.require_connect_protocol_version;
        let (name, expected, got) = match query {
            Some(query) => ("connect", "v1", query.connect.as_deref()),
            None => (
                "Connect-Protocol-Version",
                "1",
                headers
                    .get("connect-protocol-version")
                    .map(|v| v.to_str().unwrap_or("<not ASCII>")),
            ),
        };
        match got {
            Some(value) if value != expected => Err(GrpcStatus::new(
                Code::InvalidArgument,
                format!("{name} must be {expected:?}: got {value:?}"),
            )),
            None if require => Err(GrpcStatus::new(
                Code::InvalidArgument,
                format!("missing required {name}: set it to {expected:?}"),
            )),
            _ => Ok(()),
        }
    }

    /// The request body of a unary POST, within the size limit and the body
    /// read timeout; a failure says whether the connection must close.
    async fn read_body<B>(&self, headers: &HeaderMap, body: B) -> Result<Bytes, (GrpcStatus, bool)>
    where
        B: Body<Data = Bytes>,
        B::Error: Into<BoxError>,
    {
        let limit = self.options.max_body_bytes;
        let too_large = || {
            (
                GrpcStatus::new(
                    Code::ResourceExhausted,
                    format!("request message exceeds the limit of {limit} bytes"),
                ),
                true,
            )
        };
        if let Some(length) = headers.get(http::header::CONTENT_LENGTH)
            && length
                .to_str()
                .ok()
                .and_then(|l| l.trim().parse::<u64>().ok())
                .is_none_or(|l| l > limit as u64)
        {
            return Err(too_large());
        }
        let timeout = self.options.body_read_timeout;
        match tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await {
            Err(_) => Err((
                GrpcStatus::new(
                    Code::DeadlineExceeded,
                    format!(
                        "the request body did not arrive within the body read timeout of {} s",
                        timeout.as_secs()
                    ),
                ),
                true,
            )),
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
            Ok(Err(error)) if error.is::<LengthLimitError>() => Err(too_large()),
            Ok(Err(error)) => Err((
                GrpcStatus::new(
                    Code::InvalidArgument,
                    format!("cannot read the request body: {error}"),
                ),
                false,
            )),
        }
    }

    /// A JSON request message as protobuf.
    fn json_to_proto(&self, input: &MessageDescriptor, json: &[u8]) -> Result<Bytes, GrpcStatus> {
        json_message(input, json, &self.options)
            .map(|message| Bytes::from(message.encode_to_vec()))
            .map_err(|violation| self.bad_request(violation))
    }

    /// INVALID_ARGUMENT with a `google.rpc.BadRequest` detail.
    fn bad_request(&self, violation: FieldViolation) -> GrpcStatus {
        let mut status = GrpcStatus::new(Code::InvalidArgument, violation.to_string());
        if let (Some(bad_request), Some(field_violation)) = (
            self.pool.get_message_by_name("google.rpc.BadRequest"),
            self.pool
                .get_message_by_name("google.rpc.BadRequest.FieldViolation"),
        ) {
            let mut entry = DynamicMessage::new(field_violation);
            entry.set_field_by_name("field", Value::String(violation.field.clone()));
            entry.set_field_by_name("description", Value::String(violation.description.clone()));
            let mut detail = DynamicMessage::new(bad_request);
            detail.set_field_by_name("field_violations", Value::List(vec![Value::Message(entry)]));
            let encoded = RpcStatus {
                code: Code::InvalidArgument as i32,
                message: status.message.clone(),
                details: vec![prost_types::Any {
                    type_url: "type.googleapis.com/google.rpc.BadRequest".to_owned(),
                    value: detail.encode_to_vec(),
                }],
            };
            status.details = Some(encoded.encode_to_vec());
        }
        status
    }

    /// Connect's `Error` JSON for `status`: code name, message, and the
    /// details of `grpc-status-details-bin` (type, unpadded base64 value,
    /// and the detail as JSON under `debug` when the pool knows its type).
    pub fn error_json(&self, status: &GrpcStatus) -> Json {
        let mut error = Map::new();
        let code = if status.code == Code::Ok {
            Code::Unknown
        } else {
            status.code
        };
        error.insert("code".into(), json!(code_name(code)));
        if !status.message.is_empty() {
            error.insert("message".into(), json!(status.message));
        }
        let details: Vec<Json> = status
            .details
            .as_deref()
            .and_then(|bytes| RpcStatus::decode(bytes).ok())
            .map(|decoded| {
                decoded
                    .details
                    .iter()
                    .map(|any| self.detail_json(any))
                    .collect()
            })
            .unwrap_or_default();
        if !details.is_empty() {
            error.insert("details".into(), Json::Array(details));
        }
        Json::Object(error)
    }

    fn detail_json(&self, any: &prost_types::Any) -> Json {
        let type_name = any.type_url.rsplit('/').next().unwrap_or_default();
        let mut detail = Map::new();
        detail.insert("type".into(), json!(type_name));
        detail.insert(
            "value".into(),
            json!(base64::engine::general_purpose::STANDARD_NO_PAD.encode(&any.value)),
        );
        if let Some(desc) = self.pool.get_message_by_name(type_name)
            && let Ok(message) = DynamicMessage::decode(desc, any.value.as_slice())
            && let Ok(debug) = crate::json::to_value(&crate::json::JsonMessage(&message))
        {
            detail.insert("debug".into(), debug);
        }
        Json::Object(detail)
    }

    /// The answer to a failed call: for a unary call, the error's HTTP status
    /// with the error JSON and `metadata` as headers; for a stream, 200 and
    /// an end-of-stream message carrying both.
    fn fail(
        &self,
        answer: Answer,
        status: &GrpcStatus,
        metadata: Option<&HeaderMap>,
    ) -> Response<ResponseBody> {
        if answer.streaming {
            let end = self.end_stream(Some(status), metadata.unwrap_or(&HeaderMap::new()));
            let mut response = Response::new(
                Full::new(end)
                    .map_err(|never| match never {})
                    .boxed_unsync(),
            );
            response
                .headers_mut()
                .insert(CONTENT_TYPE, answer.content_type());
            return response;
        }
        let body = serde_json::to_vec(&self.error_json(status)).unwrap_or_default();
        let mut response = Response::new(
            Full::new(Bytes::from(body))
                .map_err(|never| match never {})
                .boxed_unsync(),
        );
        // A failure never answers 200 (error_json names an OK code unknown).
        *response.status_mut() = match status.code {
            Code::Ok => StatusCode::INTERNAL_SERVER_ERROR,
            code => http_status(code),
        };
        let headers = response.headers_mut();
        if let Some(metadata) = metadata {
            copy_metadata(metadata, headers, "");
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(delay) = status.retry_delay(&self.pool)
            && let Ok(value) = HeaderValue::from_str(&retry_after_seconds(delay).to_string())
        {
            headers.insert(RETRY_AFTER, value);
        }
        response
    }

    /// The end-of-stream envelope: the error, if any, and the trailing
    /// metadata.
    fn end_stream(&self, status: Option<&GrpcStatus>, trailers: &HeaderMap) -> Bytes {
        let mut end = Map::new();
        if let Some(status) = status.filter(|s| s.code != Code::Ok) {
            end.insert("error".into(), self.error_json(status));
        }
        let mut metadata = Map::new();
        for (name, value) in trailers {
            if is_protocol_header(name.as_str()) {
                continue;
            }
            let Ok(text) = value.to_str() else { continue };
            let entry = metadata
                .entry(name.as_str())
                .or_insert_with(|| Json::Array(Vec::new()));
            if let Json::Array(values) = entry {
                values.push(json!(text));
            }
        }
        if !metadata.is_empty() {
            end.insert("metadata".into(), Json::Object(metadata));
        }
        let json = serde_json::to_vec(&Json::Object(end)).unwrap_or_default();
        envelope(END_STREAM, &json)
    }

    /// A gRPC response as a Connect stream: 200, leading metadata as
    /// headers, each message enveloped, then the end-of-stream message.
    fn stream(
        &self,
        answer: Answer,
        shape: Option<&RpcShape>,
        response: Response<tonic::body::Body>,
        deadline: Option<tokio::time::Instant>,
    ) -> Response<ResponseBody> {
        let (parts, body) = response.into_parts();
        if let Some(status) = GrpcStatus::from_headers(&parts.headers) {
            // Trailers-only: the headers are the trailers.
            return self.fail(answer, &status, Some(&parts.headers));
        }
        let this = self.clone();
        let output = shape.map(|s| s.output.clone());
        let messages = MessageStream::new(body, deadline);
        let events =
            futures_util::stream::unfold((messages, false), move |(mut messages, done)| {
                let this = this.clone();
                let output = output.clone();
                async move {
                    if done {
                        return None;
                    }
                    let chunk = match messages.next().await {
                        Some(Ok(message)) => {
                            let encoded = match (answer.codec, &output) {
                                (Codec::Json, Some(output)) => {
                                    render(output, &message).map(Bytes::from)
                                }
                                _ => Ok(message),
                            };
                            match encoded {
                                Ok(bytes) => {
                                    let (bytes, compressed) = compress(answer.encoding, bytes);
                                    let flags = if compressed { COMPRESSED } else { 0 };
                                    return Some((envelope(flags, &bytes), (messages, false)));
                                }
                                Err(status) => this.end_stream(Some(&status), &messages.trailers),
                            }
                        }
                        Some(Err(status)) => this.end_stream(Some(&status), &messages.trailers),
                        None => this.end_stream(None, &messages.trailers),
                    };
                    Some((chunk, (messages, true)))
                }
            });
        // Fused: layers above (compression) may poll again after the end.
        let body = StreamBody::new(
            events
                .fuse()
                .map(|bytes| Ok::<_, BoxError>(Frame::data(bytes))),
        );
        let mut response = Response::new(body.boxed_unsync());
        let headers = response.headers_mut();
        copy_metadata(&parts.headers, headers, "");
        headers.insert(CONTENT_TYPE, answer.content_type());
        headers.insert(
            "connect-accept-encoding",
            HeaderValue::from_static(ACCEPTED_ENCODINGS),
        );
        if answer.encoding == Encoding::Gzip {
            headers.insert("connect-content-encoding", HeaderValue::from_static("gzip"));
        }
        response
    }
}

/// Whether a method is marked `idempotency_level = NO_SIDE_EFFECTS`.
fn no_side_effects(method: &prost_reflect::MethodDescriptor) -> bool {
    const NO_SIDE_EFFECTS: i32 = 1;
    method
        .options()
        .get_field_by_name("idempotency_level")
        .and_then(|v| v.as_enum_number())
        == Some(NO_SIDE_EFFECTS)
}

/// The codec and streaming-ness of a Connect content type; a `charset`
/// parameter may say `utf-8`, nothing else.
fn parse_content_type(text: &str) -> Option<(Codec, bool)> {
    let mut parts = text.split(';');
    let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let parameters_ok = parts.all(|parameter| {
        let parameter = parameter.trim();
        parameter.is_empty()
            || parameter.split_once('=').is_some_and(|(name, value)| {
                let value = value.trim().trim_matches('"');
                name.trim().eq_ignore_ascii_case("charset") && value.eq_ignore_ascii_case("utf-8")
            })
    });
    if !parameters_ok {
        return None;
    }
    match essence.as_str() {
        "application/proto" => Some((Codec::Proto, false)),
        "application/json" => Some((Codec::Json, false)),
        "application/connect+proto" => Some((Codec::Proto, true)),
        "application/connect+json" => Some((Codec::Json, true)),
        _ => None,
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap_or("<not ASCII>"))
}

/// The compression a request says it used (`identity` when it says none).
fn parse_encoding(value: Option<&str>) -> Result<Encoding, GrpcStatus> {
    match value.map(str::trim) {
        None | Some("" | "identity") => Ok(Encoding::Identity),
        Some(name) if name.eq_ignore_ascii_case("gzip") => Ok(Encoding::Gzip),
        Some(other) => Err(GrpcStatus::new(
            Code::Unimplemented,
            format!("unsupported compression {other:?}; supported: {ACCEPTED_ENCODINGS}, identity"),
        )),
    }
}

/// The compression of the answer: the first of the client's list the
/// gateway supports (quality values of zero excluded), else the request's
/// when the client sent no list, else `identity`.
fn negotiate(accepted: Option<&str>, request: Encoding) -> Encoding {
    let Some(list) = accepted else {
        return request;
    };
    for item in list.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        if refused {
            continue;
        }
        if name.eq_ignore_ascii_case("gzip") {
            return Encoding::Gzip;
        }
        if name.eq_ignore_ascii_case("identity") {
            return Encoding::Identity;
        }
    }
    Encoding::Identity
}

/// `Connect-Timeout-Ms`: at most 10 ASCII digits.
fn connect_timeout(headers: &HeaderMap) -> Result<Option<Duration>, GrpcStatus> {
    let Some(value) = headers.get("connect-timeout-ms") else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default();
    if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(GrpcStatus::new(
            Code::InvalidArgument,
            format!(
                "invalid Connect-Timeout-Ms {:?}: a positive integer of at most 10 digits",
                String::from_utf8_lossy(value.as_bytes())
            ),
        ));
    }
    Ok(text.parse::<u64>().ok().map(Duration::from_millis))
}

/// The message of a GET request: base64 (URL-safe, padding optional) when
/// `base64=1`, else the percent-decoded text.
fn get_payload(query: &GetQuery) -> Result<Bytes, GrpcStatus> {
    const URL_SAFE: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let Some(message) = &query.message else {
        return Err(GrpcStatus::new(
            Code::InvalidArgument,
            "missing the message query parameter",
        ));
    };
    if query.base64 {
        URL_SAFE
            .decode(message.as_bytes())
            .map(Bytes::from)
            .map_err(|e| {
                GrpcStatus::new(
                    Code::InvalidArgument,
                    format!("the message query parameter is not URL-safe base64: {e}"),
                )
            })
    } else {
        Ok(Bytes::from(message.clone().into_bytes()))
    }
}

/// A JSON message parsed within the nesting limit; an empty payload is not
/// a JSON object.
fn json_message(
    input: &MessageDescriptor,
    json: &[u8],
    options: &RestOptions,
) -> Result<DynamicMessage, FieldViolation> {
    if json.iter().all(u8::is_ascii_whitespace) {
        return Err(FieldViolation::new(
            "body",
            "an empty payload is not a JSON object; send {} for an empty message",
        ));
    }
    if bind::json_depth_exceeds(json, options.max_json_depth) {
        return Err(FieldViolation::new(
            "body",
            format!(
                "JSON nesting exceeds the limit of {} levels (max_json_depth)",
                options.max_json_depth
            ),
        ));
    }
    bind::message_from_json(input.clone(), json, !options.ignore_unknown_json_fields)
}

/// A protobuf response message as canonical proto3 JSON.
fn render(output: &MessageDescriptor, bytes: &[u8]) -> Result<Vec<u8>, GrpcStatus> {
    let message = DynamicMessage::decode(output.clone(), bytes)
        .map_err(|e| GrpcStatus::new(Code::Internal, format!("cannot decode the response: {e}")))?;
    crate::json::to_vec(&crate::json::JsonMessage(&message))
        .map_err(|e| GrpcStatus::new(Code::Internal, format!("cannot encode the response: {e}")))
}

/// Decompresses a request message (never an empty one), within `limit`.
fn decompress(encoding: Encoding, payload: Bytes, limit: usize) -> Result<Bytes, GrpcStatus> {
    if encoding == Encoding::Identity || payload.is_empty() {
        return Ok(payload);
    }
    let mut out = Vec::new();
    let read = flate2::read::GzDecoder::new(payload.as_ref())
        .take(limit as u64 + 1)
        .read_to_end(&mut out);
    match read {
        Err(e) => Err(GrpcStatus::new(
            Code::InvalidArgument,
            format!("cannot decompress the gzip message: {e}"),
        )),
        Ok(n) if n > limit => Err(GrpcStatus::new(
            Code::ResourceExhausted,
            format!("decompressed message exceeds the limit of {limit} bytes"),
        )),
        Ok(_) => Ok(Bytes::from(out)),
    }
}

/// Compresses a response message when gzip was negotiated and the message
/// is long enough to gain from it.
fn compress(encoding: Encoding, bytes: Bytes) -> (Bytes, bool) {
    if encoding != Encoding::Gzip || bytes.len() < COMPRESS_MIN_BYTES {
        return (bytes, false);
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    match encoder.write_all(&bytes).and_then(|()| encoder.finish()) {
        Ok(compressed) => (Bytes::from(compressed), true),
        Err(_) => (bytes, false),
    }
}

/// One enveloped message.
fn envelope(flags: u8, message: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(message.len() + 5);
    out.put_u8(flags);
    out.put_u32(u32::try_from(message.len()).unwrap_or(u32::MAX));
    out.put_slice(message);
    out.freeze()
}

/// Headers that belong to HTTP or to the protocols, not to the call's
/// metadata.
fn is_protocol_header(name: &str) -> bool {
    matches!(
        name,
        "content-type"
            | "content-length"
            | "content-encoding"
            | "accept-encoding"
            | "date"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "connection"
            | "keep-alive"
            | "upgrade"
            | "proxy-connection"
            | "host"
            | "expect"
            | "http2-settings"
    ) || name.starts_with("grpc-")
        || name.starts_with("connect-")
}

/// The request headers that travel as the call's metadata: all but the
/// protocol's own.
fn forwarded_metadata(headers: &HeaderMap) -> HeaderMap {
    let mut metadata = HeaderMap::new();
    for (name, value) in headers {
        if !is_protocol_header(name.as_str()) {
            metadata.append(name.clone(), value.clone());
        }
    }
    metadata
}

/// Copies call metadata to response headers, with `prefix` (`trailer-` for
/// a unary call's trailers).
fn copy_metadata(from: &HeaderMap, to: &mut HeaderMap, prefix: &str) {
    for (name, value) in from {
        if is_protocol_header(name.as_str()) {
            continue;
        }
        if prefix.is_empty() {
            to.append(name.clone(), value.clone());
        } else if let Ok(name) = HeaderName::from_bytes(format!("{prefix}{name}").as_bytes()) {
            to.append(name, value.clone());
        }
    }
}

fn deadline_exceeded() -> GrpcStatus {
    GrpcStatus::new(Code::DeadlineExceeded, "deadline exceeded")
}

fn empty_response(status: StatusCode) -> Response<ResponseBody> {
    let mut response = Response::new(
        http_body_util::Empty::new()
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() = status;
    response
}

/// 405 with the methods the RPC allows.
fn method_not_allowed(shape: Option<&RpcShape>) -> Response<ResponseBody> {
    let mut response = empty_response(StatusCode::METHOD_NOT_ALLOWED);
    let allow = if shape.is_some_and(|s| s.get) {
        "GET, POST"
    } else {
        "POST"
    };
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}

/// 415 with the content types the RPC accepts.
fn unsupported_media_type(shape: Option<&RpcShape>) -> Response<ResponseBody> {
    let mut response = empty_response(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let accepted = match shape.map(|s| s.streaming) {
        Some(false) => "application/json, application/proto",
        Some(true) => "application/connect+json, application/connect+proto",
        None => {
            "application/json, application/proto, application/connect+json, application/connect+proto"
        }
    };
    response
        .headers_mut()
        .insert("accept-post", HeaderValue::from_static(accepted));
    response
}

/// The in-process gRPC request of a stream.
fn call_request(
    path: &str,
    body: tonic::body::Body,
    metadata: HeaderMap,
    timeout: Option<Duration>,
) -> Result<Request<tonic::body::Body>, GrpcStatus> {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(path)
        .version(http::Version::HTTP_2)
        .header(CONTENT_TYPE, "application/grpc")
        .header(http::header::TE, "trailers");
    if let Some(timeout) = timeout {
        builder = builder.header("grpc-timeout", grpc::format_grpc_timeout(timeout));
    }
    let mut request = builder
        .body(body)
        .map_err(|e| GrpcStatus::new(Code::InvalidArgument, e.to_string()))?;
    request.headers_mut().extend(metadata);
    Ok(request)
}

/// A Connect request stream as gRPC frames: each envelope checked (no
/// end-of-stream flag; the compressed flag only with a compression),
/// decompressed, and — for JSON — transcoded to protobuf, within the size
/// limit per message.
struct EnvelopeBody {
    inner: http_body_util::combinators::UnsyncBoxBody<Bytes, BoxError>,
    buffer: BytesMut,
    codec: Codec,
    encoding: Encoding,
    input: Option<MessageDescriptor>,
    options: Arc<RestOptions>,
    done: bool,
}

impl EnvelopeBody {
    /// The next complete envelope as a gRPC frame.
    fn next_frame(&mut self) -> Result<Option<Bytes>, tonic::Status> {
        if self.buffer.len() < 5 {
            return Ok(None);
        }
        let flags = self.buffer[0];
        let length = u32::from_be_bytes([
            self.buffer[1],
            self.buffer[2],
            self.buffer[3],
            self.buffer[4],
        ]) as usize;
        let limit = self.options.max_body_bytes;
        if length > limit {
            return Err(tonic::Status::resource_exhausted(format!(
                "request message exceeds the limit of {limit} bytes"
            )));
        }
        if self.buffer.len() < 5 + length {
            return Ok(None);
        }
        self.buffer.advance(5);
        let message = self.buffer.split_to(length).freeze();
        if flags & END_STREAM != 0 {
            return Err(tonic::Status::invalid_argument(
                "a request message has the end-of-stream flag set",
            ));
        }
        let message = if flags & COMPRESSED != 0 {
            if self.encoding == Encoding::Identity {
                return Err(tonic::Status::invalid_argument(
                    "a request message is flagged compressed without Connect-Content-Encoding",
                ));
            }
            decompress(self.encoding, message, limit).map_err(status_of)?
        } else {
            message
        };
        let message = match (self.codec, &self.input) {
            (Codec::Json, Some(input)) => json_message(input, &message, &self.options)
                .map(|m| Bytes::from(m.encode_to_vec()))
                .map_err(|v| tonic::Status::invalid_argument(v.to_string()))?,
            _ => message,
        };
        Ok(Some(grpc::frame(&message)))
    }
}

fn status_of(status: GrpcStatus) -> tonic::Status {
    tonic::Status::new(status.code, status.message)
}

impl Body for EnvelopeBody {
    type Data = Bytes;
    type Error = tonic::Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, tonic::Status>>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            match this.next_frame() {
                Ok(Some(frame)) => return Poll::Ready(Some(Ok(Frame::data(frame)))),
                Ok(None) => {}
                Err(status) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(status)));
                }
            }
            match std::task::ready!(Pin::new(&mut this.inner).poll_frame(cx)) {
                None => {
                    this.done = true;
                    if !this.buffer.is_empty() {
                        return Poll::Ready(Some(Err(tonic::Status::invalid_argument(
                            "the request stream ends inside a message",
                        ))));
                    }
                    return Poll::Ready(None);
                }
                Some(Err(error)) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(tonic::Status::invalid_argument(format!(
                        "cannot read the request body: {error}"
                    )))));
                }
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        this.buffer.extend_from_slice(&data);
                    }
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_codec_and_shape() {
        for (text, codec, streaming) in [
            ("application/json", Codec::Json, false),
            ("Application/JSON; charset=utf-8", Codec::Json, false),
            ("application/proto", Codec::Proto, false),
            (
                "application/connect+json;charset=\"UTF-8\"",
                Codec::Json,
                true,
            ),
            ("application/connect+proto", Codec::Proto, true),
        ] {
            assert_eq!(parse_content_type(text), Some((codec, streaming)), "{text}");
        }
        for no in [
            "application/xml",
            "application/json; charset=latin1",
            "application/connect+thrift",
            "text/plain",
            "",
        ] {
            assert_eq!(parse_content_type(no), None, "{no}");
        }
    }

    #[test]
    fn compression_is_negotiated_in_the_clients_order() {
        assert_eq!(negotiate(None, Encoding::Gzip), Encoding::Gzip);
        assert_eq!(negotiate(None, Encoding::Identity), Encoding::Identity);
        assert_eq!(
            negotiate(Some("br, gzip"), Encoding::Identity),
            Encoding::Gzip
        );
        assert_eq!(
            negotiate(Some("identity, gzip"), Encoding::Identity),
            Encoding::Identity
        );
        assert_eq!(
            negotiate(Some("gzip;q=0, br"), Encoding::Gzip),
            Encoding::Identity
        );
        assert_eq!(negotiate(Some("zstd"), Encoding::Gzip), Encoding::Identity);
        assert!(parse_encoding(Some("br")).is_err());
        assert_eq!(parse_encoding(Some("gzip")).ok(), Some(Encoding::Gzip));
        assert_eq!(parse_encoding(None).ok(), Some(Encoding::Identity));
    }

    #[test]
    fn gzip_round_trips_within_the_limit() {
        let text = Bytes::from("x".repeat(5000));
        let (compressed, yes) = compress(Encoding::Gzip, text.clone());
        assert!(yes && compressed.len() < text.len());
        assert_eq!(
            decompress(Encoding::Gzip, compressed.clone(), 5000).unwrap(),
            text
        );
        let error = decompress(Encoding::Gzip, compressed, 4999).unwrap_err();
        assert_eq!(error.code, Code::ResourceExhausted);
        assert_eq!(
            decompress(Encoding::Gzip, Bytes::from_static(b"nope"), 10)
                .unwrap_err()
                .code,
            Code::InvalidArgument
        );
        // Short messages stay as they are.
        assert!(!compress(Encoding::Gzip, Bytes::from_static(b"{}")).1);
    }

    #[test]
    fn timeouts_are_at_most_ten_digits() {
        let mut headers = HeaderMap::new();
        assert_eq!(connect_timeout(&headers).unwrap(), None);
        headers.insert("connect-timeout-ms", HeaderValue::from_static("1500"));
        assert_eq!(
            connect_timeout(&headers).unwrap(),
            Some(Duration::from_millis(1500))
        );
        for bad in ["", "-1", "1.5", "12345678901", "10s"] {
            headers.insert("connect-timeout-ms", HeaderValue::from_static(bad));
            assert!(connect_timeout(&headers).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_code_has_its_connect_name() {
        assert_eq!(code_name(Code::Cancelled), "canceled");
        assert_eq!(code_name(Code::NotFound), "not_found");
        assert_eq!(code_name(Code::Unauthenticated), "unauthenticated");
    }
}
