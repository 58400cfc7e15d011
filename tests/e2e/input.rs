//! Malformed and hostile input on every protocol: the answer is always a
//! client error (400 / 415 / INVALID_ARGUMENT, UNIMPLEMENTED for an unknown
//! encoding), never INTERNAL or a 5xx, and the server keeps serving.
//!
//! gRPC cases are sent as raw HTTP/2 frames (h2), so that what a well-behaved
//! client library would never send reaches the server as it is.

use std::time::Duration;

use bytes::{Buf as _, Bytes};
use prost::Message as _;
use serde_json::{Value, json};
use tasker_e2e::{Backend, TestResult, TestServer};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;
use tonic::Code;

const TEMPLATE: &str = "namespace: input\nname: job\nversion: 1.0.0\nsteps:\n  - {name: only, handler: nobody_serves_this}\n";

/// The gateway's one nesting limit.
const LIMIT: usize = tasker_gateway::MAX_JSON_DEPTH;

async fn register(server: &TestServer) -> TestResult {
    TemplateServiceClient::new(server.channel().await?)
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(TEMPLATE.into())),
        })
        .await?;
    Ok(())
}

/// `{"a": {"a": … 1}}` with `levels` objects.
fn nested_json(levels: usize) -> Value {
    let mut value = json!(1);
    for _ in 0..levels {
        value = json!({ "a": value });
    }
    value
}

/// A Struct nested `levels` deep (as JSON: `levels` objects).
fn nested_struct(levels: usize) -> pbjson_types::Struct {
    let mut value = pbjson_types::Struct::default();
    for _ in 1..levels {
        let mut outer = pbjson_types::Struct::default();
        outer.fields.insert(
            "a".into(),
            pbjson_types::Value {
                kind: Some(pbjson_types::value::Kind::StructValue(value)),
            },
        );
        value = outer;
    }
    value
}

/// A CreateTaskRequest whose JSON form nests `depth` levels (the request
/// object itself is one).
fn deep_create(depth: usize) -> CreateTaskRequest {
    CreateTaskRequest {
        namespace: "input".into(),
        name: "job".into(),
        context: Some(nested_struct(depth - 1)),
        ..CreateTaskRequest::default()
    }
}

/// One gRPC frame.
fn frame(flag: u8, message: &[u8]) -> Vec<u8> {
    let mut out = vec![flag];
    out.extend_from_slice(
        &u32::try_from(message.len())
            .unwrap_or(u32::MAX)
            .to_be_bytes(),
    );
    out.extend_from_slice(message);
    out
}

/// What a gRPC call over raw HTTP/2 was answered: `grpc-status`, message,
/// and the response headers.
struct Answer {
    status: Option<i32>,
    message: String,
    headers: http::HeaderMap,
}

/// Sends `body` (one DATA frame, `end` closing the stream) to `path` over a
/// raw HTTP/2 connection with `headers`, and reads the gRPC status (from a
/// trailers-only response or the trailers).
async fn raw_grpc(
    server: &TestServer,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
    end: bool,
) -> TestResult<Answer> {
    let tcp = tokio::net::TcpStream::connect(server.addr()).await?;
    let (client, connection) = h2::client::handshake(tcp).await?;
    let connection = tokio::spawn(connection);
    let mut client = client.ready().await?;
    let mut request = http::Request::builder()
        .method("POST")
        .uri(format!("{}{path}", server.url()))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("x-api-key", server.admin_key());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (response, mut send) = client.send_request(request.body(())?, false)?;
    send.send_data(Bytes::from(body), end)?;
    let response = tokio::time::timeout(Duration::from_secs(20), response).await??;
    let (parts, mut body) = response.into_parts();
    let read = |map: &http::HeaderMap| -> (Option<i32>, String) {
        (
            map.get("grpc-status")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok()),
            map.get("grpc-message")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
        )
    };
    let (mut status, mut message) = read(&parts.headers);
    if status.is_none() {
        while let Some(chunk) = body.data().await {
            let chunk = chunk?;
            let _ = body.flow_control().release_capacity(chunk.len());
        }
        if let Some(trailers) = body.trailers().await? {
            (status, message) = read(&trailers);
        }
    }
    drop(send);
    connection.abort();
    Ok(Answer {
        status,
        message,
        headers: parts.headers,
    })
}

/// Sends a gRPC-Web request; returns the gRPC status and message.
async fn grpc_web(
    server: &TestServer,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> TestResult<(Option<i32>, String)> {
    let response = server
        .http()?
        .post(format!("{}{path}", server.url()))
        .header("content-type", content_type)
        .header("x-grpc-web", "1")
        .timeout(Duration::from_secs(20))
        .body(body)
        .send()
        .await?;
    assert!(
        response.status().as_u16() < 500,
        "gRPC-Web answered HTTP {}",
        response.status()
    );
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let mut status = header("grpc-status").and_then(|s| s.parse().ok());
    let mut message = header("grpc-message").unwrap_or_default();
    if status.is_none() {
        let text = content_type.contains("text");
        let mut bytes = response.bytes().await?;
        if text {
            use base64::Engine as _;
            let mut decoded = Vec::new();
            // Each message (and the trailers) is its own padded base64 chunk.
            for chunk in bytes.split_inclusive(|b| *b == b'=') {
                let trimmed: Vec<u8> = chunk.iter().copied().filter(|b| *b != b'=').collect();
                if let Ok(part) = base64::engine::general_purpose::STANDARD_NO_PAD.decode(trimmed) {
                    decoded.extend(part);
                }
            }
            bytes = Bytes::from(decoded);
        }
        while bytes.len() >= 5 {
            let flag = bytes.get_u8();
            let len = usize::try_from(bytes.get_u32())?;
            let payload = bytes.split_to(len.min(bytes.len()));
            if flag & 0x80 != 0 {
                for line in String::from_utf8_lossy(&payload).split("\r\n") {
                    if let Some((name, value)) = line.split_once(':') {
                        match name.trim().to_ascii_lowercase().as_str() {
                            "grpc-status" => status = value.trim().parse().ok(),
                            "grpc-message" => message = value.trim().to_owned(),
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    Ok((status, message))
}

/// The server still answers gRPC and REST.
async fn still_serving(server: &TestServer) -> TestResult {
    TaskServiceClient::new(server.channel().await?)
        .list_tasks(ListTasksRequest::default())
        .await?;
    let health = server
        .http()?
        .get(format!("{}/health", server.url()))
        .send()
        .await?;
    assert_eq!(health.status().as_u16(), 200);
    Ok(())
}

#[tokio::test]
async fn rest_json_deeper_than_the_limit_is_400_naming_it() -> TestResult {
    let server = TestServer::start_with(Backend::Sqlite, &[]).await?;
    register(&server).await?;
    let post = |depth: usize| {
        let server = &server;
        async move {
            // The request object is one level, the context the rest.
            let body =
                json!({"namespace": "input", "name": "job", "context": nested_json(depth - 1)});
            let response = server
                .http()?
                .post(format!("{}/v1/tasks", server.url()))
                .json(&body)
                .send()
                .await?;
            let status = response.status().as_u16();
            let body: Value = response.json().await?;
            TestResult::Ok((status, body))
        }
    };
    let (status, body) = post(LIMIT).await?;
    assert_eq!(status, 200, "depth {LIMIT} is within the limit: {body}");
    for depth in [LIMIT + 1, LIMIT + 2, 40, 50, 63, 64, 65, 100, 1000] {
        let (status, body) = post(depth).await?;
        assert_eq!(status, 400, "depth {depth}: {body}");
        let message = body["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&LIMIT.to_string()),
            "depth {depth}: the message does not name the limit: {body}"
        );
    }
    still_serving(&server).await
}

#[tokio::test]
async fn a_deep_struct_over_grpc_and_grpc_web_is_invalid_argument() -> TestResult {
    let server = TestServer::start_with(Backend::Sqlite, &[]).await?;
    register(&server).await?;
    let mut client = TaskServiceClient::new(server.channel().await?);
    client.create_task(deep_create(LIMIT)).await?;
    for depth in [LIMIT + 1, LIMIT + 2, 40, 50, 63, 64, 65, 100, 200] {
        let error = client
            .create_task(deep_create(depth))
            .await
            .err()
            .ok_or_else(|| format!("depth {depth} was accepted"))?;
        assert_eq!(
            error.code(),
            Code::InvalidArgument,
            "depth {depth}: {error}"
        );
        assert!(
            error.message().contains(&LIMIT.to_string()),
            "depth {depth}: {error}"
        );
    }
    for depth in [LIMIT + 1, 100] {
        let (status, message) = grpc_web(
            &server,
            "/tasker.v1.TaskService/CreateTask",
            "application/grpc-web+proto",
            frame(0, &deep_create(depth).encode_to_vec()),
        )
        .await?;
        assert_eq!(status, Some(3), "gRPC-Web, depth {depth}: {message}");
    }
    still_serving(&server).await
}

#[tokio::test]
async fn malformed_grpc_input_is_invalid_argument() -> TestResult {
    let server = TestServer::start_with(Backend::Sqlite, &[]).await?;
    let get_task = "/tasker.v1.TaskService/GetTask";
    let valid = GetTaskRequest {
        task_uuid: "0190b6c2-0000-7000-8000-000000000000".into(),
    }
    .encode_to_vec();
    let mut two = frame(0, &valid);
    two.extend(frame(0, &valid));
    /// (what, extra headers, body, expected grpc-status)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<u8>, i32);
    let cases: Vec<Case<'_>> = vec![
        (
            "invalid UTF-8 in a string field",
            vec![],
            frame(0, &[0x0a, 0x02, 0xff, 0xfe]),
            3,
        ),
        ("garbage protobuf", vec![], frame(0, &[0xff; 12]), 3),
        ("an invalid wire type", vec![], frame(0, &[0x0f, 0x01]), 3),
        (
            "a length past the end",
            vec![],
            frame(0, &[0x0a, 0x40, 0x61]),
            3,
        ),
        (
            "a truncated frame",
            vec![],
            {
                let mut f = frame(0, &valid);
                f.truncate(f.len() - 3);
                f
            },
            3,
        ),
        ("a truncated frame header", vec![], vec![0, 0, 0], 3),
        // The gRPC compression spec's own test case: INTERNAL, naming the flag.
        (
            "the compressed flag without grpc-encoding",
            vec![],
            frame(1, &valid),
            13,
        ),
        ("an invalid compressed flag", vec![], frame(7, &valid), 3),
        ("two messages in a unary call", vec![], two, 3),
        ("no message in a unary call", vec![], Vec::new(), 3),
        (
            "an unknown grpc-encoding",
            vec![("grpc-encoding", "snappy")],
            frame(1, &valid),
            12,
        ),
    ];
    for (case, headers, body, expected) in cases {
        let answer = raw_grpc(&server, get_task, &headers, body, true).await?;
        assert_eq!(
            answer.status,
            Some(expected),
            "{case}: {:?} {}",
            answer.status,
            answer.message
        );
        if expected == 12 {
            assert!(
                answer.headers.contains_key("grpc-accept-encoding"),
                "{case}: no grpc-accept-encoding"
            );
        }
    }
    // The same over gRPC-Web (HTTP/1.1), binary and text.
    let mut two = frame(0, &valid);
    two.extend(frame(0, &valid));
    let web_cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "invalid UTF-8",
            "application/grpc-web+proto",
            frame(0, &[0x0a, 0x02, 0xff, 0xfe]),
        ),
        (
            "garbage",
            "application/grpc-web+proto",
            frame(0, &[0xff; 12]),
        ),
        ("two messages", "application/grpc-web+proto", two),
        ("a truncated frame", "application/grpc-web+proto", {
            let mut f = frame(0, &valid);
            f.truncate(f.len() - 3);
            f
        }),
        (
            "bad base64",
            "application/grpc-web-text",
            b"!!!not base64 at all".to_vec(),
        ),
    ];
    for (case, content_type, body) in web_cases {
        let (status, message) = grpc_web(&server, get_task, content_type, body).await?;
        assert_eq!(status, Some(3), "gRPC-Web, {case}: {message}");
    }
    let (status, message) = grpc_web(
        &server,
        get_task,
        "application/grpc-web+proto",
        frame(1, &valid),
    )
    .await?;
    assert_eq!(status, Some(13), "gRPC-Web, the compressed flag: {message}");
    assert!(message.contains("Compressed-Flag"), "{message}");
    still_serving(&server).await
}

#[tokio::test]
async fn rest_bodies_need_json_and_urls_need_utf8() -> TestResult {
    let server = TestServer::start_with(Backend::Sqlite, &[]).await?;
    register(&server).await?;
    let http = server.http()?;
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let create = |content_type: Option<&str>| {
        // A new context each time: the same one would be an idempotent repeat.
        let i = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = format!(r#"{{"namespace": "input", "name": "job", "context": {{"i": {i}}}}}"#);
        let mut request = http.post(format!("{}/v1/tasks", server.url())).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.send()
    };
    for refused in [
        None,
        Some("application/json; charset=latin1"),
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/vnd.api+json"),
        Some("application/json; version=2"),
    ] {
        let response = create(refused).await?;
        assert_eq!(response.status().as_u16(), 415, "content type {refused:?}");
    }
    for accepted in [
        "application/json",
        "Application/JSON; Charset=UTF-8",
        "application/json;charset=\"utf-8\"",
    ] {
        let response = create(Some(accepted)).await?;
        let status = response.status().as_u16();
        assert_eq!(status, 200, "{accepted}: {}", response.text().await?);
    }
    // No body needs no content type.
    let task = TaskServiceClient::new(server.channel().await?)
        .create_task(CreateTaskRequest {
            namespace: "input".into(),
            name: "job".into(),
            idempotency_key: "no-body".into(),
            ..CreateTaskRequest::default()
        })
        .await?
        .into_inner()
        .task
        .ok_or("no task")?;
    let response = http
        .post(format!(
            "{}/v1/tasks/{}:cancel",
            server.url(),
            task.task_uuid
        ))
        .send()
        .await?;
    assert_ne!(response.status().as_u16(), 415);

    // Invalid UTF-8 once percent-decoded: 400, in the query and in the path.
    for (url, what) in [
        (
            format!("{}/v1/tasks?namespace=%FF", server.url()),
            "query value",
        ),
        (
            format!("{}/v1/tasks?namespace=a%C3%28b", server.url()),
            "query value",
        ),
        (format!("{}/v1/tasks?%FF=1", server.url()), "query name"),
        (format!("{}/v1/tasks/%FF", server.url()), "path"),
        (
            format!("{}/v1/tasks/%FF%FE:cancel", server.url()),
            "path with a verb",
        ),
    ] {
        let response = if what.ends_with("verb") {
            http.post(&url).send().await?
        } else {
            http.get(&url).send().await?
        };
        let status = response.status().as_u16();
        let body: Value = response.json().await?;
        assert_eq!(status, 400, "{what}: {url}: {body}");
    }
    // A well-formed unknown id is still a 404.
    let response = http
        .get(format!(
            "{}/v1/tasks/{}",
            server.url(),
            "0190b6c2-0000-7000-8000-000000000000"
        ))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 404);
    still_serving(&server).await
}
