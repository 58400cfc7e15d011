//! The test fixture: the `gateway.test.v1` descriptors (compiled at test time),
//! a generic echo service speaking raw gRPC, and a one-port server on port 0.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Request, Response};
use http_body_util::BodyExt;
use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, Value};
use tasker_gateway::grpc::{FrameDecoder, frame};
use tasker_gateway::{Document, GrpcTimeoutLayer, OnePort, RestOptions, ServeOptions, Transcoder};
use tokio::sync::oneshot;

pub(crate) fn pool() -> DescriptorPool {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let includes = [root.join("tests/proto"), root.join("../../proto")];
    protox::Compiler::new(includes)
        .expect("includes")
        .include_imports(true)
        .include_source_info(true)
        .open_files([
            "gateway/test/v1/transcoding.proto",
            "google/rpc/status.proto",
            "google/rpc/error_details.proto",
        ])
        .expect("test proto compiles")
        .descriptor_pool()
}

/// A raw gRPC service that echoes requests; see `respond`.
#[derive(Clone)]
pub(crate) struct Echo {
    pool: DescriptorPool,
}

impl Echo {
    pub(crate) fn new(pool: DescriptorPool) -> Self {
        Self { pool }
    }
}

impl tower::Service<Request<tonic::body::Body>> for Echo {
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<tonic::body::Body>) -> Self::Future {
        let pool = self.pool.clone();
        Box::pin(async move { Ok(respond(pool, request).await) })
    }
}

fn status_response(status: tonic::Status) -> Response<tonic::body::Body> {
    status.into_http()
}

/// Behaviour: every RPC echoes its request bytes, except `Fail` (answers the
/// requested status with BadRequest / RetryInfo / ErrorInfo details), `Slow`
/// (sleeps first), `Watch` (streams `count` Things, then the requested
/// error) and `Chat` (answers every request message with itself). Metadata
/// `authorization` and `x-custom` come back as response headers
/// `echo-authorization` / `echo-x-custom`; a trailer `echo-trailer: yes` is
/// always sent.
async fn respond(
    pool: DescriptorPool,
    request: Request<tonic::body::Body>,
) -> Response<tonic::body::Body> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let Some((service, method)) = path.trim_start_matches('/').split_once('/') else {
        return status_response(tonic::Status::unimplemented("bad path"));
    };
    let Some(method) = pool
        .get_service_by_name(service)
        .and_then(|s| s.methods().find(|m| m.name() == method))
    else {
        return status_response(tonic::Status::unimplemented(format!("no method {path}")));
    };
    // As tonic does, a body error's status is the answer.
    let collected = match body.collect().await {
        Ok(collected) => collected,
        Err(status) => return status_response(status),
    };
    let mut decoder = FrameDecoder::default();
    decoder.push(&collected.to_bytes());
    let Ok(Some(message)) = decoder.next_message() else {
        return status_response(tonic::Status::internal("no message"));
    };
    let mut more = Vec::new();
    while let Ok(Some(next)) = decoder.next_message() {
        more.push(next);
    }
    let Ok(input) = DynamicMessage::decode(method.input(), message.clone()) else {
        return status_response(tonic::Status::internal("undecodable request"));
    };
    let mut headers = HeaderMap::new();
    for name in ["authorization", "x-custom", "x-api-key"] {
        if let Some(value) = parts.headers.get(name) {
            headers.insert(
                http::HeaderName::from_bytes(format!("echo-{name}").as_bytes()).unwrap(),
                value.clone(),
            );
        }
    }
    let int = |name: &str| {
        input
            .get_field_by_name(name)
            .and_then(|v| v.as_i32())
            .unwrap_or(0)
    };
    let duration = |name: &str| {
        input
            .get_field_by_name(name)
            .and_then(|v| v.as_message().cloned())
            .map(|d| {
                let seconds = d
                    .get_field_by_name("seconds")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0);
                let nanos = d
                    .get_field_by_name("nanos")
                    .and_then(|v| v.as_i32())
                    .unwrap_or(0);
                Duration::new(seconds.max(0) as u64, nanos.max(0) as u32)
            })
    };
    let mut messages = Vec::new();
    let mut final_status = tonic::Status::ok("");
    match method.name() {
        "Fail" => {
            let code = tonic::Code::from_i32(int("code"));
            if code == tonic::Code::Unauthenticated {
                headers.insert(
                    "www-authenticate",
                    HeaderValue::from_static("Bearer realm=\"test\""),
                );
            }
            let text = input
                .get_field_by_name("message")
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            final_status = error_with_details(&pool, &input, code, &text, duration("retry_delay"));
        }
        "Slow" => {
            tokio::time::sleep(duration("delay").unwrap_or_default()).await;
            messages.push(message);
        }
        "Chat" => {
            messages.push(message);
            messages.extend(more);
        }
        "Watch" => {
            let thing = pool.get_message_by_name("gateway.test.v1.Thing").unwrap();
            for i in 0..int("count") {
                let mut out = DynamicMessage::new(thing.clone());
                out.set_field_by_name("id", Value::String(format!("thing-{i}")));
                out.set_field_by_name("int64_value", Value::I64(i64::from(i)));
                messages.push(Bytes::from(out.encode_to_vec()));
            }
            if int("fail_code") != 0 {
                final_status = tonic::Status::new(
                    tonic::Code::from_i32(int("fail_code")),
                    "stream failed on purpose",
                );
            }
        }
        _ => messages.push(message),
    }
    if final_status.code() != tonic::Code::Ok && messages.is_empty() {
        let mut response = final_status.into_http::<tonic::body::Body>();
        response.headers_mut().extend(headers);
        return response;
    }
    let mut trailers = HeaderMap::new();
    trailers.insert("echo-trailer", HeaderValue::from_static("yes"));
    let status_response = final_status.into_http::<tonic::body::Body>();
    for (name, value) in status_response.headers() {
        if name.as_str().starts_with("grpc-") {
            trailers.insert(name.clone(), value.clone());
        }
    }
    if !trailers.contains_key("grpc-status") {
        trailers.insert("grpc-status", HeaderValue::from_static("0"));
    }
    let interval = duration("interval");
    let frames = messages
        .into_iter()
        .map(|m| Ok::<_, tonic::Status>(http_body::Frame::data(frame(&m))));
    let stream = futures_util::stream::iter(frames.collect::<Vec<_>>())
        .then(move |f| async move {
            if let Some(interval) = interval {
                tokio::time::sleep(interval).await;
            }
            f
        })
        .chain(futures_util::stream::once(async move {
            Ok(http_body::Frame::trailers(trailers))
        }));
    let body = tonic::body::Body::new(http_body_util::StreamBody::new(stream));
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/grpc"));
    response.headers_mut().extend(headers);
    response
}

use futures_util::StreamExt as _;

fn error_with_details(
    pool: &DescriptorPool,
    input: &DynamicMessage,
    code: tonic::Code,
    message: &str,
    retry: Option<Duration>,
) -> tonic::Status {
    let any = pool.get_message_by_name("google.protobuf.Any").unwrap();
    let mut details = Vec::new();
    let mut pack = |type_name: &str, value: DynamicMessage| {
        let mut packed = DynamicMessage::new(any.clone());
        packed.set_field_by_name(
            "type_url",
            Value::String(format!("type.googleapis.com/{type_name}")),
        );
        packed.set_field_by_name("value", Value::Bytes(value.encode_to_vec().into()));
        details.push(Value::Message(packed));
    };
    let fields: Vec<String> = input
        .get_field_by_name("bad_fields")
        .and_then(|v| {
            v.as_list().map(|l| {
                l.iter()
                    .filter_map(|f| f.as_str().map(str::to_owned))
                    .collect()
            })
        })
        .unwrap_or_default();
    if !fields.is_empty() {
        let bad_request = pool.get_message_by_name("google.rpc.BadRequest").unwrap();
        let violation_desc = pool
            .get_message_by_name("google.rpc.BadRequest.FieldViolation")
            .unwrap();
        let mut bad = DynamicMessage::new(bad_request);
        let violations = fields
            .iter()
            .map(|f| {
                let mut v = DynamicMessage::new(violation_desc.clone());
                v.set_field_by_name("field", Value::String(f.clone()));
                v.set_field_by_name("description", Value::String(format!("{f} is wrong")));
                Value::Message(v)
            })
            .collect();
        bad.set_field_by_name("field_violations", Value::List(violations));
        pack("google.rpc.BadRequest", bad);
    }
    if let Some(delay) = retry {
        let mut info =
            DynamicMessage::new(pool.get_message_by_name("google.rpc.RetryInfo").unwrap());
        let mut d = DynamicMessage::new(
            pool.get_message_by_name("google.protobuf.Duration")
                .unwrap(),
        );
        d.set_field_by_name("seconds", Value::I64(delay.as_secs() as i64));
        d.set_field_by_name("nanos", Value::I32(delay.subsec_nanos() as i32));
        info.set_field_by_name("retry_delay", Value::Message(d));
        pack("google.rpc.RetryInfo", info);
    }
    if let Some(reason) = input
        .get_field_by_name("reason")
        .and_then(|v| v.as_str().map(str::to_owned))
        .filter(|r| !r.is_empty())
    {
        let mut info =
            DynamicMessage::new(pool.get_message_by_name("google.rpc.ErrorInfo").unwrap());
        info.set_field_by_name("reason", Value::String(reason));
        info.set_field_by_name("domain", Value::String("test.example".into()));
        pack("google.rpc.ErrorInfo", info);
    }
    let mut status = DynamicMessage::new(pool.get_message_by_name("google.rpc.Status").unwrap());
    status.set_field_by_name("code", Value::I32(code as i32));
    status.set_field_by_name("message", Value::String(message.to_owned()));
    status.set_field_by_name("details", Value::List(details));
    tonic::Status::with_details(code, message, status.encode_to_vec().into())
}

/// A one-port server over the echo service, on 127.0.0.1:0.
pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<bool>>,
}

impl Server {
    pub(crate) async fn start() -> Self {
        Self::start_with(RestOptions::default()).await
    }

    pub(crate) async fn start_with(options: RestOptions) -> Self {
        let pool = pool();
        let routes = tasker_gateway::routes_from_pool(&pool).expect("routes");
        let transcoder = Transcoder::new(pool.clone(), &routes, options).expect("valid routes");
        let grpc = tower::ServiceBuilder::new()
            .layer(GrpcTimeoutLayer)
            .service(Echo { pool: pool.clone() });
        let documents = vec![Document {
            path: "/doc.json".into(),
            content_type: "application/json",
            body: Bytes::from_static(b"{}"),
        }];
        let service = OnePort::new(grpc, transcoder, documents);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(tasker_gateway::serve(
            listener,
            service,
            ServeOptions::default(),
            async {
                let _ = stopped.await;
            },
        ));
        Self {
            addr,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Clients that hand over bodies as sent: never decompressed on the way
/// (reqwest's `gzip` feature, enabled by another crate of the workspace
/// when the workspace's tests build together, would otherwise decode gzip
/// answers and drop their `content-encoding`).
pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .build()
        .expect("client")
}

pub(crate) fn h2_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .http2_prior_knowledge()
        .build()
        .expect("client")
}
