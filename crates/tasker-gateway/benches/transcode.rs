#![allow(missing_docs)] // criterion_group! generates undocumented items
#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up, not a request path
//! Cost of transcoding one REST request (JSON in → message → in-process gRPC
//! call → message → JSON out) beside the same call made as gRPC, both against
//! an echo service that does no work, so the difference is the gateway's own
//! cost; and the same REST call in a table of over 40 routes, with the
//! route lookup alone. Run: `cargo bench -p tasker-gateway --bench
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
        b.to_async(&runtime).iter(|| async {
            let request = Request::post("/v1/things")
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from_static(BODY.as_bytes())))
                .expect("request");
            std::hint::black_box(rest_call(&transcoder, request).await);
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
