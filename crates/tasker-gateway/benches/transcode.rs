#![allow(missing_docs)] // criterion_group! generates undocumented items
#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up, not a request path
//! Cost of transcoding one REST request (JSON in → message → in-process gRPC
//! call → message → JSON out) beside the same call made as gRPC, both against
//! an echo service that does no work, so the difference is the gateway's own
//! cost; and the same REST call in a table of over 40 routes, with the
//! route lookup alone. Another group prices the JSON rendering of one answer
//! alone — a record with several Timestamps, a Struct and nested steps —
//! through the gateway's renderer and through prost-reflect's `Serialize`
//! (the renderer it replaced). Run: `cargo bench -p tasker-gateway --bench
//! transcode`.

use std::convert::Infallible;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use prost::Message as _;
use prost_reflect::DynamicMessage;
use tasker_gateway::grpc::{self, FrameDecoder};
use tasker_gateway::json::{self, JsonMessage};
use tasker_gateway::{HttpMethod, RestOptions, RouteSpec, Transcoder};
use tower::ServiceExt as _;

/// Echoes the request frame back with an OK status.
#[derive(Clone)]
struct Echo;

impl tower::Service<Request<tonic::body::Body>> for Echo {
    type Response = Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<tonic::body::Body>) -> Self::Future {
        Box::pin(async move {
            let body = request
                .into_body()
                .collect()
                .await
                .map(|c| c.to_bytes())
                .unwrap_or_default();
            let mut trailers = http::HeaderMap::new();
            trailers.insert("grpc-status", http::HeaderValue::from_static("0"));
            let frames = futures_util::stream::iter([
                Ok::<_, tonic::Status>(http_body::Frame::data(body)),
                Ok(http_body::Frame::trailers(trailers)),
            ]);
            let mut response = Response::new(tonic::body::Body::new(
                http_body_util::StreamBody::new(frames),
            ));
            response.headers_mut().insert(
                "content-type",
                http::HeaderValue::from_static("application/grpc"),
            );
            Ok(response)
        })
    }
}

fn pool() -> prost_reflect::DescriptorPool {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    protox::Compiler::new([root.join("tests/proto"), root.join("../../proto")])
        .expect("includes")
        .include_imports(true)
        .open_files([
            "gateway/test/v1/transcoding.proto",
            "gateway/test/v1/render.proto",
            "google/rpc/status.proto",
            "google/rpc/error_details.proto",
        ])
        .expect("compiles")
        .descriptor_pool()
}

/// The body of the answer to a REST `request` through `transcoder`.
async fn rest_call(transcoder: &Transcoder, request: Request<Full<Bytes>>) -> Bytes {
    let response = transcoder.handle(Echo, request).await;
    assert_eq!(response.status(), http::StatusCode::OK);
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
}

const BODY: &str = r#"{"name":"widget","int64Value":"42","color":"COLOR_RED","tags":["a","b"],"time":"2024-05-01T12:00:00Z","nested":{"name":"n","count":"3"}}"#;

/// A `Thing` with more of the well-known types: Timestamp, Duration, an Any
/// holding a Timestamp, wrappers, a Struct and nested repeated messages.
const RICH_BODY: &str = r#"{"id":"0190b7a4-3c1e-7d6f-9a2b-5c4d3e2f1a0b","name":"widget",
"int64Value":"42","color":"COLOR_RED","tags":["a","b","c"],"time":"2024-05-01T12:00:00.250Z",
"duration":"12.5s","wrappedInt64":"7","wrappedString":"s","data":{"retries":3,"owner":"ops"},
"any":{"@type":"type.googleapis.com/google.protobuf.Timestamp","value":"2024-05-01T12:00:01Z"},
"items":[{"name":"first","count":"1","color":"COLOR_GREEN","child":{"name":"leaf"}},
{"name":"second","count":"2"},{"name":"third","count":"3","color":"COLOR_RED"}],
"counts":{"a":1,"b":2}}"#;

/// A task-like answer: three Timestamps, a Duration, a Struct, labels and
/// four steps with two Timestamps and a result each.
const RECORD: &str = r#"{"uuid":"0190b7a4-3c1e-7d6f-9a2b-5c4d3e2f1a0b","name":"order_fulfilment",
"state":"SHADE_DARK","createdAt":"2024-05-01T12:00:00.123456Z","updatedAt":"2024-05-01T12:00:03.5Z",
"completedAt":"2024-05-01T12:00:04Z","elapsed":"4.000123s","context":{"order":1234,"rush":true,
"customer":{"id":"c-77","tier":"gold"}},"attempts":"1","labels":{"team":"ops","env":"prod"},
"steps":[
{"uuid":"0190b7a4-3c1e-7d6f-9a2b-000000000001","name":"validate","state":"SHADE_DARK",
 "startedAt":"2024-05-01T12:00:00.200Z","finishedAt":"2024-05-01T12:00:00.900Z","attempts":1,"result":{"ok":true}},
{"uuid":"0190b7a4-3c1e-7d6f-9a2b-000000000002","name":"reserve","state":"SHADE_DARK",
 "startedAt":"2024-05-01T12:00:01Z","finishedAt":"2024-05-01T12:00:02.250Z","attempts":2,"result":{"sku":"A-1","qty":2}},
{"uuid":"0190b7a4-3c1e-7d6f-9a2b-000000000003","name":"charge","state":"SHADE_DARK",
 "startedAt":"2024-05-01T12:00:02.300Z","finishedAt":"2024-05-01T12:00:03.100Z","attempts":1,"result":"ch_123"},
{"uuid":"0190b7a4-3c1e-7d6f-9a2b-000000000004","name":"ship","state":"SHADE_LIGHT",
 "startedAt":"2024-05-01T12:00:03.200Z","finishedAt":"2024-05-01T12:00:04Z","attempts":1,"result":null}]}"#;

/// One REST call of `CreateThing` with `body`, its answer read to the end.
async fn create_thing(transcoder: &Transcoder, body: &'static str) {
    let request = Request::post("/v1/things")
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .expect("request");
    std::hint::black_box(rest_call(transcoder, request).await);
}

fn bench(c: &mut Criterion) {
    let pool = pool();
    let routes = tasker_gateway::routes_from_pool(&pool).expect("routes");
    let transcoder =
        Transcoder::new(pool.clone(), &routes, RestOptions::default()).expect("transcoder");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let thing = pool
        .get_message_by_name("gateway.test.v1.Thing")
        .expect("Thing");
    let binary = tasker_gateway::bind::message_from_json(thing.clone(), BODY.as_bytes(), true)
        .expect("json")
        .encode_to_vec();

    let mut group = c.benchmark_group("small message, echo service");
    group.bench_function("grpc (binary in, binary out)", |b| {
        b.to_async(&runtime).iter(|| async {
            let request = grpc::request(
                "/gateway.test.v1.TestService/CreateThing",
                &binary,
                http::HeaderMap::new(),
                None,
            )
            .expect("request");
            let response = Echo.oneshot(request).await.expect("infallible");
            let reply = grpc::read_unary(response).await.expect("ok");
            // A gRPC server decodes the request and encodes the response.
            let message = DynamicMessage::decode(thing.clone(), reply.message).expect("decode");
            std::hint::black_box(message.encode_to_vec());
        });
    });
    group.bench_function("rest (json in, json out)", |b| {
        b.to_async(&runtime)
            .iter(|| create_thing(&transcoder, BODY));
    });
    group.finish();

    let mut group = c.benchmark_group("rich message, echo service");
    group.bench_function("rest (Timestamps, Any, Struct, nested)", |b| {
        b.to_async(&runtime)
            .iter(|| create_thing(&transcoder, RICH_BODY));
    });
    group.finish();

    let record = pool
        .get_message_by_name("gateway.test.v1.Record")
        .expect("Record");
    let encoded = tasker_gateway::bind::message_from_json(record.clone(), RECORD.as_bytes(), true)
        .expect("json")
        .encode_to_vec();
    let mut group = c.benchmark_group("render one answer (decode + JSON), task-like record");
    group.bench_function("gateway renderer (JsonMessage)", |b| {
        b.iter(|| {
            let message =
                DynamicMessage::decode(record.clone(), encoded.as_slice()).expect("decode");
            std::hint::black_box(json::to_vec(&JsonMessage(&message)).expect("render"));
        });
    });
    group.bench_function("prost-reflect Serialize (the previous renderer)", |b| {
        b.iter(|| {
            let message =
                DynamicMessage::decode(record.clone(), encoded.as_slice()).expect("decode");
            std::hint::black_box(json::to_vec(&message).expect("render"));
        });
    });
    group.bench_function("decode alone", |b| {
        b.iter(|| {
            std::hint::black_box(
                DynamicMessage::decode(record.clone(), encoded.as_slice()).expect("decode"),
            );
        });
    });
    group.finish();
    let _ = FrameDecoder::default();

    // A table the size of a real API's (Tasker has 45 routes): resources
    // with a collection, an item, a child collection and a custom verb each,
    // then the test package's routes with the one looked up last.
    let mut many: Vec<RouteSpec> = Vec::new();
    for resource in [
        "analytics",
        "accounts",
        "keys",
        "settings",
        "entries",
        "probes",
        "jobs",
        "templates",
        "workers",
    ] {
        for (http_method, path) in [
            (HttpMethod::Get, format!("/v1/{resource}")),
            (HttpMethod::Get, format!("/v1/{resource}/{{id}}")),
            (HttpMethod::Get, format!("/v1/{resource}/{{id}}/parts")),
            (HttpMethod::Post, format!("/v1/{resource}/{{id}}:cancel")),
        ] {
            many.push(RouteSpec {
                method: "gateway.test.v1.TestService.GetThing".into(),
                http_method,
                path: path.into(),
                body: "".into(),
                response_body: "".into(),
            });
        }
    }
    let (last, others): (Vec<RouteSpec>, Vec<RouteSpec>) = routes
        .iter()
        .cloned()
        .partition(|r| r.path == "/v1/things/{id}");
    many.extend(others);
    many.extend(last);
    let count = many.len();
    let transcoder =
        Transcoder::new(pool.clone(), &many, RestOptions::default()).expect("transcoder");
    let mut group = c.benchmark_group(format!("{count} routes, the one asked for last"));
    group.bench_function("rest GET /v1/things/{id} (echo service)", |b| {
        b.to_async(&runtime).iter(|| async {
            let request = Request::get("/v1/things/abc")
                .body(Full::new(Bytes::new()))
                .expect("request");
            std::hint::black_box(rest_call(&transcoder, request).await);
        });
    });
    group.bench_function("route lookup alone (knows_path)", |b| {
        b.iter(|| transcoder.knows_path(std::hint::black_box("/v1/things/abc")));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
