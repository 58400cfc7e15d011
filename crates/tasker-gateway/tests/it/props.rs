//! Property tests: arbitrary paths, query strings and bodies never panic the
//! transcoder and never produce a 5xx (the echo service accepts anything that
//! binds).

use bytes::Bytes;
use http_body_util::Full;
use proptest::prelude::*;
use tasker_gateway::{GrpcTimeoutLayer, RestOptions, Transcoder};

use crate::fixture::{Echo, pool};

fn transcoder() -> (Transcoder, Echo) {
    let pool = pool();
    let routes = tasker_gateway::routes_from_pool(&pool).unwrap();
    (
        Transcoder::new(pool.clone(), &routes, RestOptions::default()).unwrap(),
        Echo::new(pool),
    )
}

fn run(method: &str, uri: &str, body: Vec<u8>) -> u16 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (transcoder, echo) = transcoder();
        let grpc = tower::ServiceBuilder::new()
            .layer(GrpcTimeoutLayer)
            .service(echo);
        let Ok(request) = http::Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)))
        else {
            return 400;
        };
        transcoder.handle(grpc, request).await.status().as_u16()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_query_strings(query in "[a-zA-Z0-9_.=&%+-]{0,80}") {
        let status = run("GET", &format!("/v1/things/x?{query}"), Vec::new());
        prop_assert!(status == 200 || status == 400, "status {status} for ?{query}");
    }

    #[test]
    fn arbitrary_paths(path in "/[a-zA-Z0-9_.%:/-]{0,60}") {
        let status = run("GET", &path, Vec::new());
        prop_assert!(status < 500, "status {status} for {path}");
    }

    #[test]
    fn arbitrary_bodies(body in proptest::collection::vec(any::<u8>(), 0..200)) {
        let status = run("POST", "/v1/things", body);
        prop_assert!(status == 200 || status == 400, "status {status}");
    }

    #[test]
    fn json_like_bodies(body in r#"\{("[a-zA-Z_]{1,12}": ?(-?[0-9]{1,25}|"[^"\\]{0,10}"|true|null|\[\]|\{\}), ?){0,4}\}"#) {
        let status = run("POST", "/v1/things", body.into_bytes());
        prop_assert!(status == 200 || status == 400, "status {status}");
    }
}
