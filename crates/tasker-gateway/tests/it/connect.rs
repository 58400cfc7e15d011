//! The Connect protocol on the one port: unary JSON and protobuf, GET,
//! errors with details, deadlines, compression, streams and what is refused.

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::{BufMut as _, Bytes, BytesMut};
use prost::Message as _;
use prost_reflect::{DynamicMessage, ReflectMessage as _};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::fixture::{Server, client, h2_client, pool};

const SERVICE: &str = "/gateway.test.v1.TestService";

fn url(server: &Server, method: &str) -> String {
    server.url(&format!("{SERVICE}/{method}"))
}

async fn post(
    client: &reqwest::Client,
    server: &Server,
    method: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    client
        .post(url(server, method))
        .header("content-type", content_type)
        .header("connect-protocol-version", "1")
        .body(body)
        .send()
        .await
        .unwrap()
}

fn thing(json: Value) -> DynamicMessage {
    let desc = pool().get_message_by_name("gateway.test.v1.Thing").unwrap();
    DynamicMessage::deserialize(desc, json).unwrap()
}

fn envelope(flags: u8, message: &[u8]) -> Bytes {
    let mut out = BytesMut::new();
    out.put_u8(flags);
    out.put_u32(message.len() as u32);
    out.put_slice(message);
    out.freeze()
}

/// The envelopes of a streamed body: (flags, message).
fn envelopes(mut body: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    while !body.is_empty() {
        assert!(body.len() >= 5, "truncated envelope");
        let len = u32::from_be_bytes([body[1], body[2], body[3], body[4]]) as usize;
        out.push((body[0], body[5..5 + len].to_vec()));
        body = &body[5 + len..];
    }
    out
}

/// The JSON messages of a stream and its end-of-stream message.
fn json_stream(body: &[u8]) -> (Vec<Value>, Value) {
    let mut all = envelopes(body);
    let (flags, end) = all.pop().expect("an end-of-stream message");
    assert_eq!(flags, 2, "the last envelope ends the stream");
    assert!(all.iter().all(|(flags, _)| *flags == 0));
    let messages = all
        .iter()
        .map(|(_, m)| serde_json::from_slice(m).unwrap())
        .collect();
    (messages, serde_json::from_slice(&end).unwrap())
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn unary_json_over_http1_and_h2() {
    let server = Server::start().await;
    for client in [client(), h2_client()] {
        let response = client
            .post(url(&server, "GetThing"))
            .header("content-type", "application/json")
            .header("connect-protocol-version", "1")
            .header("x-custom", "hello")
            .body(r#"{"id": "a", "int64_value": 5, "floatValue": 0.1}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/json");
        // Metadata: headers as headers, trailers prefixed.
        assert_eq!(response.headers()["echo-x-custom"], "hello");
        assert_eq!(response.headers()["trailer-echo-trailer"], "yes");
        let body: Value = response.json().await.unwrap();
        // Canonical proto3 JSON: camelCase, int64 as a string, float32 short.
        assert_eq!(
            body,
            json!({"id": "a", "int64Value": "5", "floatValue": 0.1})
        );
    }
}

#[tokio::test]
async fn json_with_a_charset_and_without_the_version_header() {
    let server = Server::start().await;
    let response = client()
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json; charset=utf-8")
        .body(r#"{"id": "b"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Value>().await.unwrap(), json!({"id": "b"}));
}

#[tokio::test]
async fn unary_proto() {
    let server = Server::start().await;
    let request = thing(json!({"id": "p", "tags": ["x", "y"], "int64Value": "-7"}));
    let response = post(
        &h2_client(),
        &server,
        "GetThing",
        "application/proto",
        request.encode_to_vec(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/proto");
    let bytes = response.bytes().await.unwrap();
    let desc = request.descriptor();
    assert_eq!(DynamicMessage::decode(desc, bytes).unwrap(), request);
}

#[tokio::test]
async fn get_for_methods_without_side_effects() {
    let server = Server::start().await;
    // JSON, percent-encoded.
    let message = "%7B%22id%22%3A%22g%22%7D";
    let response = client()
        .get(server.url(&format!(
            "{SERVICE}/GetThing?connect=v1&encoding=json&message={message}&other=ignored"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.json::<Value>().await.unwrap(), json!({"id": "g"}));

    // Protobuf, URL-safe base64 without padding.
    let request = thing(json!({"id": "?>?>", "int32Value": 3}));
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(request.encode_to_vec());
    let response = client()
        .get(server.url(&format!(
            "{SERVICE}/GetThing?encoding=proto&base64=1&message={encoded}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/proto");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(
        DynamicMessage::decode(request.descriptor(), bytes).unwrap(),
        request
    );

    // GET on an RPC with side effects: 405, POST allowed.
    let response = client()
        .get(server.url(&format!(
            "{SERVICE}/CreateThing?encoding=json&message=%7B%7D"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()["allow"], "POST");
    // Other methods on a GET-able RPC name both.
    let response = client()
        .put(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()["allow"], "GET, POST");

    // An unknown codec is 415; a missing message, invalid_argument.
    let response = client()
        .get(server.url(&format!("{SERVICE}/GetThing?encoding=xml&message=x")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = client()
        .get(server.url(&format!("{SERVICE}/GetThing?encoding=json")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<Value>().await.unwrap()["code"],
        "invalid_argument"
    );
    // connect=v2 is not this protocol.
    let response = client()
        .get(server.url(&format!(
            "{SERVICE}/GetThing?connect=v2&encoding=json&message=%7B%7D"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn errors_carry_code_message_details_and_metadata() {
    let server = Server::start().await;
    let request = json!({
        "code": 14,
        "message": "overloaded",
        "retryDelay": "1.500s",
        "badFields": ["name"],
        "reason": "BUSY",
    });
    for (content_type, body) in [
        ("application/json", request.to_string().into_bytes()),
        (
            "application/proto",
            DynamicMessage::deserialize(
                pool()
                    .get_message_by_name("gateway.test.v1.FailRequest")
                    .unwrap(),
                request.clone(),
            )
            .unwrap()
            .encode_to_vec(),
        ),
    ] {
        let response = post(&client(), &server, "Fail", content_type, body).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.headers()["retry-after"], "2");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["code"], "unavailable");
        assert_eq!(error["message"], "overloaded");
        let details = error["details"].as_array().unwrap();
        let types: Vec<&str> = details
            .iter()
            .map(|d| d["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                "google.rpc.BadRequest",
                "google.rpc.RetryInfo",
                "google.rpc.ErrorInfo"
            ]
        );
        // Values are unpadded base64 of the protobuf detail.
        let retry = details[1]["value"].as_str().unwrap();
        assert!(!retry.ends_with('='));
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(retry)
            .unwrap();
        let info = DynamicMessage::decode(
            pool().get_message_by_name("google.rpc.RetryInfo").unwrap(),
            bytes.as_slice(),
        )
        .unwrap();
        let delay = info.get_field_by_name("retry_delay").unwrap();
        let delay = delay.as_message().unwrap();
        assert_eq!(
            delay.get_field_by_name("seconds").unwrap().as_i64(),
            Some(1)
        );
        assert_eq!(details[1]["debug"], json!({"retryDelay": "1.500s"}));
        assert_eq!(
            details[0]["debug"],
            json!({"fieldViolations": [{"field": "name", "description": "name is wrong"}]})
        );
        assert_eq!(details[2]["debug"]["reason"], "BUSY");
    }
}

#[tokio::test]
async fn every_code_has_its_name_and_http_status() {
    let server = Server::start().await;
    let table = [
        (1, "canceled", 499),
        (2, "unknown", 500),
        (3, "invalid_argument", 400),
        (4, "deadline_exceeded", 504),
        (5, "not_found", 404),
        (6, "already_exists", 409),
        (7, "permission_denied", 403),
        (8, "resource_exhausted", 429),
        (9, "failed_precondition", 400),
        (10, "aborted", 409),
        (11, "out_of_range", 400),
        (12, "unimplemented", 501),
        (13, "internal", 500),
        (14, "unavailable", 503),
        (15, "data_loss", 500),
        (16, "unauthenticated", 401),
    ];
    let client = client();
    for (code, name, status) in table {
        let response = post(
            &client,
            &server,
            "Fail",
            "application/json",
            json!({"code": code}).to_string(),
        )
        .await;
        assert_eq!(response.status().as_u16(), status, "{name}");
        if code == 16 {
            // Error metadata comes as headers: the challenge too.
            assert_eq!(
                response.headers()["www-authenticate"],
                "Bearer realm=\"test\""
            );
        }
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["code"], name);
        assert!(error.get("message").is_none(), "no empty message: {error}");
    }
}

#[tokio::test]
async fn connect_timeout_ms_is_the_deadline() {
    let server = Server::start().await;
    let started = Instant::now();
    let response = client()
        .post(url(&server, "Slow"))
        .header("content-type", "application/json")
        .header("connect-timeout-ms", "200")
        .body(r#"{"delay": "5s"}"#)
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(response.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(
        response.json::<Value>().await.unwrap()["code"],
        "deadline_exceeded"
    );
    // Within the deadline, the answer.
    let response = client()
        .post(url(&server, "Slow"))
        .header("content-type", "application/json")
        .header("connect-timeout-ms", "5000")
        .body(r#"{"delay": "0.050s"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    for bad in ["soon", "-5", "12345678901"] {
        let response = client()
            .post(url(&server, "Slow"))
            .header("content-type", "application/json")
            .header("connect-timeout-ms", bad)
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(
            response.json::<Value>().await.unwrap()["code"],
            "invalid_argument"
        );
    }
}

#[tokio::test]
async fn bad_requests_are_refused_as_the_protocol_says() {
    let server = Server::start().await;
    let client = client();
    // Unknown content type: 415 naming what is accepted.
    let response = post(&client, &server, "GetThing", "text/plain", "{}").await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        response.headers()["accept-post"],
        "application/json, application/proto"
    );
    // A stream content type on a unary RPC, and the other way round.
    let response = post(&client, &server, "GetThing", "application/connect+json", "").await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = post(&client, &server, "Watch", "application/json", "{}").await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Another protocol version.
    let response = client
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .header("connect-protocol-version", "2")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // Malformed JSON, unknown fields, no payload: invalid_argument with a
    // BadRequest detail.
    for body in [r#"{"id": "#, r#"{"nope": 1}"#, ""] {
        let response = post(&client, &server, "GetThing", "application/json", body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["code"], "invalid_argument", "{body}");
        assert_eq!(error["details"][0]["type"], "google.rpc.BadRequest");
    }
    // Too deep.
    let deep = format!("{{\"list\": {}{}}}", "[".repeat(40), "]".repeat(40));
    let response = post(&client, &server, "GetThing", "application/json", deep).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // Garbage protobuf is the client's fault.
    let response = post(
        &client,
        &server,
        "GetThing",
        "application/proto",
        vec![0xff, 0xff, 0xff],
    )
    .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<Value>().await.unwrap()["code"],
        "invalid_argument"
    );
    // An unknown compression: unimplemented, naming what is supported.
    let response = client
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .header("content-encoding", "br")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_IMPLEMENTED);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["code"], "unimplemented");
    assert!(error["message"].as_str().unwrap().contains("gzip"));
    // JSON for a method the pool does not know.
    let response = post(&client, &server, "NoSuchMethod", "application/json", "{}").await;
    assert_eq!(response.status(), StatusCode::NOT_IMPLEMENTED);
}

#[tokio::test]
async fn oversized_messages_are_resource_exhausted() {
    let server = Server::start_with(tasker_gateway::RestOptions {
        max_body_bytes: 1024,
        ..tasker_gateway::RestOptions::default()
    })
    .await;
    let big = json!({"id": "x".repeat(4096)}).to_string();
    let response = post(
        &client(),
        &server,
        "GetThing",
        "application/json",
        big.clone(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        response.json::<Value>().await.unwrap()["code"],
        "resource_exhausted"
    );
    // Also once decompressed.
    let response = client()
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(gzip(big.as_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_protocol_version_can_be_required() {
    let server = Server::start_with(tasker_gateway::RestOptions {
        require_connect_protocol_version: true,
        ..tasker_gateway::RestOptions::default()
    })
    .await;
    let response = client()
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: Value = response.json().await.unwrap();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Connect-Protocol-Version")
    );
    let response = post(&client(), &server, "GetThing", "application/json", "{}").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn gzip_in_both_directions() {
    let server = Server::start().await;
    let long = "y".repeat(3000);
    let body = json!({"id": long}).to_string();
    let response = client()
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .header("accept-encoding", "br, gzip")
        .body(gzip(body.as_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let bytes = response.bytes().await.unwrap();
    let answer: Value = serde_json::from_slice(&gunzip(&bytes)).unwrap();
    assert_eq!(answer["id"], json!(long));
    // A short answer is not worth compressing.
    let response = client()
        .post(url(&server, "GetThing"))
        .header("content-type", "application/json")
        .header("accept-encoding", "gzip")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn server_streams_end_with_the_end_of_stream_message() {
    let server = Server::start().await;
    for client in [client(), h2_client()] {
        let response = post(
            &client,
            &server,
            "Watch",
            "application/connect+json",
            envelope(0, br#"{"count": 2}"#),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "application/connect+json"
        );
        let (messages, end) = json_stream(&response.bytes().await.unwrap());
        assert_eq!(
            messages,
            [
                json!({"id": "thing-0"}),
                json!({"id": "thing-1", "int64Value": "1"})
            ]
        );
        assert_eq!(end, json!({"metadata": {"echo-trailer": ["yes"]}}));
    }
}

#[tokio::test]
async fn stream_errors_arrive_in_the_end_of_stream_message() {
    let server = Server::start().await;
    // After messages.
    let response = post(
        &client(),
        &server,
        "Watch",
        "application/connect+json",
        envelope(0, br#"{"count": 1, "failCode": 9}"#),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (messages, end) = json_stream(&response.bytes().await.unwrap());
    assert_eq!(messages.len(), 1);
    assert_eq!(end["error"]["code"], "failed_precondition");
    assert_eq!(end["error"]["message"], "stream failed on purpose");
    assert_eq!(end["metadata"]["echo-trailer"], json!(["yes"]));
    // Before any message: still 200, one end-of-stream message.
    let response = post(
        &client(),
        &server,
        "Watch",
        "application/connect+json",
        envelope(0, br#"{"failCode": 5}"#),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (messages, end) = json_stream(&response.bytes().await.unwrap());
    assert!(messages.is_empty());
    assert_eq!(end["error"]["code"], "not_found");
    // A deadline that passes mid-stream.
    let response = client()
        .post(url(&server, "Watch"))
        .header("content-type", "application/connect+json")
        .header("connect-timeout-ms", "300")
        .body(envelope(0, br#"{"count": 5, "interval": "1s"}"#))
        .send()
        .await
        .unwrap();
    let (_, end) = json_stream(&response.bytes().await.unwrap());
    assert_eq!(end["error"]["code"], "deadline_exceeded");
    // Bad input: an end-of-stream flag in a request, malformed JSON.
    for body in [envelope(2, b"{}"), envelope(0, b"{oops")] {
        let response = post(
            &client(),
            &server,
            "Watch",
            "application/connect+json",
            body,
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        let (_, end) = json_stream(&response.bytes().await.unwrap());
        assert_eq!(end["error"]["code"], "invalid_argument", "{end}");
    }
}

#[tokio::test]
async fn proto_streams_and_compressed_messages() {
    let server = Server::start().await;
    let request = DynamicMessage::deserialize(
        pool()
            .get_message_by_name("gateway.test.v1.StreamRequest")
            .unwrap(),
        json!({"count": 3}),
    )
    .unwrap();
    let response = h2_client()
        .post(url(&server, "Watch"))
        .header("content-type", "application/connect+proto")
        .header("connect-content-encoding", "gzip")
        .header("connect-accept-encoding", "gzip")
        .body(envelope(1, &gzip(&request.encode_to_vec())))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["connect-content-encoding"], "gzip");
    let all = envelopes(&response.bytes().await.unwrap());
    assert_eq!(all.len(), 4);
    let thing_desc = pool().get_message_by_name("gateway.test.v1.Thing").unwrap();
    for (i, (flags, message)) in all[..3].iter().enumerate() {
        // Short messages go uncompressed, flag clear.
        assert_eq!(*flags, 0);
        let decoded = DynamicMessage::decode(thing_desc.clone(), message.as_slice()).unwrap();
        assert_eq!(
            decoded.get_field_by_name("id").unwrap().as_str(),
            Some(format!("thing-{i}").as_str())
        );
    }
    assert_eq!(all[3].0, 2);
    // A compressed flag with no compression named is refused.
    let response = post(
        &client(),
        &server,
        "Watch",
        "application/connect+proto",
        envelope(1, &request.encode_to_vec()),
    )
    .await;
    let all = envelopes(&response.bytes().await.unwrap());
    let end: Value = serde_json::from_slice(&all[0].1).unwrap();
    assert_eq!(end["error"]["code"], "invalid_argument");
}

#[tokio::test]
async fn bidirectional_streams_pass_every_message() {
    let server = Server::start().await;
    let mut body = BytesMut::new();
    body.extend_from_slice(&envelope(0, br#"{"id": "one"}"#));
    body.extend_from_slice(&envelope(0, br#"{"id": "two"}"#));
    let response = post(
        &h2_client(),
        &server,
        "Chat",
        "application/connect+json",
        body.freeze(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (messages, end) = json_stream(&response.bytes().await.unwrap());
    assert_eq!(messages, [json!({"id": "one"}), json!({"id": "two"})]);
    assert!(end.get("error").is_none(), "{end}");
    // A stream that ends inside a message.
    let response = post(
        &client(),
        &server,
        "Chat",
        "application/connect+json",
        envelope(0, br#"{"id": "x"}"#).slice(..8),
    )
    .await;
    let (_, end) = json_stream(&response.bytes().await.unwrap());
    assert_eq!(end["error"]["code"], "invalid_argument");
}

#[tokio::test]
async fn rest_and_connect_share_the_port() {
    let server = Server::start().await;
    // REST on a route path stays REST.
    let response = client()
        .post(server.url("/v1/things"))
        .header("content-type", "application/json")
        .body(r#"{"id": "r"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Value>().await.unwrap()["id"], "r");
    // An unknown path stays a REST 404 with google.rpc.Status.
    let response = client()
        .post(server.url("/nowhere"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.json::<Value>().await.unwrap()["code"], 5);
}

#[test]
fn the_classifier_tells_the_protocols_apart() {
    use tasker_gateway::Protocol;
    let pool = pool();
    let routes = tasker_gateway::routes_from_pool(&pool).unwrap();
    let rest = tasker_gateway::Transcoder::new(pool.clone(), &routes, Default::default()).unwrap();
    let one_port =
        tasker_gateway::OnePort::new(crate::fixture::Echo::new(pool.clone()), rest, Vec::new());
    let classifier = one_port.classifier();
    let request = |method: &str, path: &str, content_type: Option<&str>| {
        let mut builder = http::Request::builder().method(method).uri(path);
        if let Some(ct) = content_type {
            builder = builder.header("content-type", ct);
        }
        builder.body(()).unwrap()
    };
    let cases = [
        (
            "POST",
            "/gateway.test.v1.TestService/GetThing",
            Some("application/grpc"),
            Protocol::Grpc,
        ),
        (
            "POST",
            "/gateway.test.v1.TestService/GetThing",
            Some("application/grpc-web+proto"),
            Protocol::GrpcWeb,
        ),
        (
            "POST",
            "/gateway.test.v1.TestService/GetThing",
            Some("application/json"),
            Protocol::Connect,
        ),
        (
            "POST",
            "/any.Service/Method",
            Some("application/proto"),
            Protocol::Connect,
        ),
        (
            "POST",
            "/any.Service/Method",
            Some("application/connect+json"),
            Protocol::Connect,
        ),
        (
            "GET",
            "/gateway.test.v1.TestService/GetThing?encoding=json&message=%7B%7D",
            None,
            Protocol::Connect,
        ),
        (
            "POST",
            "/v1/things",
            Some("application/json"),
            Protocol::Rest,
        ),
        ("GET", "/v1/things/x", None, Protocol::Rest),
        ("GET", "/unknown", None, Protocol::Rest),
    ];
    for (method, path, content_type, expected) in cases {
        assert_eq!(
            classifier.protocol(&request(method, path, content_type)),
            expected,
            "{method} {path} {content_type:?}"
        );
    }
    assert_eq!(Protocol::Connect.as_str(), "connect");
}
