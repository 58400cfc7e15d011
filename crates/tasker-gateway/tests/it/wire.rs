//! gRPC and gRPC-Web on the same port as REST, reaching the same service.

use base64::Engine as _;
use bytes::{Buf, Bytes};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use prost::Message as _;
use prost_reflect::{DynamicMessage, Value};
use tasker_gateway::grpc::frame;

use crate::fixture::{Server, client, pool};

fn thing(id: &str) -> Vec<u8> {
    let pool = pool();
    let mut message =
        DynamicMessage::new(pool.get_message_by_name("gateway.test.v1.Thing").unwrap());
    message.set_field_by_name("id", Value::String(id.into()));
    message.encode_to_vec()
}

#[tokio::test]
async fn native_grpc_over_h2c() {
    let server = Server::start().await;
    let client = Client::builder(TokioExecutor::new())
        .http2_only(true)
        .build_http::<Full<Bytes>>();
    let request = http::Request::post(server.url("/gateway.test.v1.TestService/GetThing"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(Full::new(frame(&thing("g1"))))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let collected = response.into_body().collect().await.unwrap();
    let trailers = collected.trailers().cloned().expect("trailers");
    assert_eq!(trailers["grpc-status"], "0");
    let mut bytes = collected.to_bytes();
    assert_eq!(bytes.get_u8(), 0);
    let len = bytes.get_u32() as usize;
    assert_eq!(&bytes[..len], thing("g1").as_slice());
}

#[tokio::test]
async fn grpc_timeout_is_enforced_for_native_grpc() {
    let server = Server::start().await;
    let pool = pool();
    let mut slow = DynamicMessage::new(
        pool.get_message_by_name("gateway.test.v1.SlowRequest")
            .unwrap(),
    );
    let mut delay = DynamicMessage::new(
        pool.get_message_by_name("google.protobuf.Duration")
            .unwrap(),
    );
    delay.set_field_by_name("seconds", Value::I64(5));
    slow.set_field_by_name("delay", Value::Message(delay));
    let client = Client::builder(TokioExecutor::new())
        .http2_only(true)
        .build_http::<Full<Bytes>>();
    let request = http::Request::post(server.url("/gateway.test.v1.TestService/Slow"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("grpc-timeout", "50m")
        .body(Full::new(frame(&slow.encode_to_vec())))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.headers()["grpc-status"], "4", "DEADLINE_EXCEEDED");
}

fn parse_grpc_web(mut body: Bytes) -> (Vec<Bytes>, String) {
    let mut messages = Vec::new();
    let mut trailers = String::new();
    while body.remaining() >= 5 {
        let flag = body.get_u8();
        let len = body.get_u32() as usize;
        let payload = body.split_to(len);
        if flag & 0x80 != 0 {
            trailers = String::from_utf8(payload.to_vec()).unwrap();
        } else {
            messages.push(payload);
        }
    }
    (messages, trailers)
}

#[tokio::test]
async fn grpc_web_binary_over_http1() {
    let server = Server::start().await;
    let response = client()
        .post(server.url("/gateway.test.v1.TestService/GetThing"))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1")
        .body(frame(&thing("web1")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/grpc-web")
    );
    let (messages, trailers) = parse_grpc_web(response.bytes().await.unwrap());
    assert_eq!(messages, vec![Bytes::from(thing("web1"))]);
    assert!(trailers.contains("grpc-status:0"), "{trailers}");
}

#[tokio::test]
async fn grpc_web_text() {
    let server = Server::start().await;
    let body = base64::engine::general_purpose::STANDARD.encode(frame(&thing("text1")));
    let response = client()
        .post(server.url("/gateway.test.v1.TestService/GetThing"))
        .header("content-type", "application/grpc-web-text")
        .header("accept", "application/grpc-web-text")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    // Each frame is base64 on its own; decode chunk by chunk at padding boundaries.
    let mut decoded = Vec::new();
    for part in text
        .split_inclusive('=')
        .filter(|p| !p.trim_matches('=').is_empty() || p.len() > 1)
    {
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(part) {
            decoded.extend(bytes);
        }
    }
    if decoded.is_empty() {
        decoded = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .unwrap();
    }
    let (messages, trailers) = parse_grpc_web(Bytes::from(decoded));
    assert_eq!(messages, vec![Bytes::from(thing("text1"))]);
    assert!(trailers.contains("grpc-status:0"), "{trailers}");
}

/// The gRPC status of a native gRPC call with `body`.
async fn grpc_status(server: &Server, body: Vec<u8>) -> String {
    let client = Client::builder(TokioExecutor::new())
        .http2_only(true)
        .build_http::<Full<Bytes>>();
    let request = http::Request::post(server.url("/gateway.test.v1.TestService/GetThing"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), 200);
    if let Some(status) = response.headers().get("grpc-status") {
        return status.to_str().unwrap().to_owned();
    }
    let collected = response.into_body().collect().await.unwrap();
    let trailers = collected.trailers().cloned().expect("trailers");
    trailers["grpc-status"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn malformed_grpc_input_is_invalid_argument() {
    let server = Server::start().await;
    // Thing.data (field 19) nested so that the whole message is, as JSON, one
    // level past the limit (the Thing object is the first level).
    let pool = pool();
    let mut value = serde_json::json!(1);
    for _ in 0..tasker_gateway::MAX_JSON_DEPTH {
        value = serde_json::json!({ "a": value });
    }
    let deep = DynamicMessage::deserialize(
        pool.get_message_by_name("gateway.test.v1.Thing").unwrap(),
        serde_json::json!({ "data": value.clone() }),
    )
    .unwrap()
    .encode_to_vec();
    let mut two = frame(&thing("a")).to_vec();
    two.extend_from_slice(&frame(&thing("b")));
    let truncated = frame(&thing("abc"))[..6].to_vec();
    let mut compressed = frame(&thing("c")).to_vec();
    compressed[0] = 1;
    for (case, body) in [
        ("garbage", frame(&[0xff; 8]).to_vec()),
        ("invalid UTF-8", frame(&[0x0a, 0x01, 0xff]).to_vec()),
        ("a wrong wire type", frame(&[0x08 | 2, 0x00, 0x0d]).to_vec()),
        ("too deep", frame(&deep).to_vec()),
        ("two messages", two),
        ("truncated", truncated),
        ("no message", Vec::new()),
    ] {
        assert_eq!(grpc_status(&server, body).await, "3", "{case}");
    }
    // The gRPC compression spec's own case: INTERNAL.
    assert_eq!(grpc_status(&server, compressed).await, "13", "compressed");
    // One level less is accepted.
    let fine = DynamicMessage::deserialize(
        pool.get_message_by_name("gateway.test.v1.Thing").unwrap(),
        serde_json::json!({ "data": value["a"].clone() }),
    )
    .unwrap()
    .encode_to_vec();
    assert_eq!(grpc_status(&server, frame(&fine).to_vec()).await, "0");
}
