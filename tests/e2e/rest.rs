//! The server's one port: REST transcoded from google.api.http, gRPC-Web,
//! the OpenAPI document, CORS and compression — by plain HTTP and buf curl.

use std::process::Command;

use serde_json::Value;
use tasker_e2e::{Backend, TestResult, TestServer, repo_root};

async fn get(server: &TestServer, path: &str) -> TestResult<(u16, Value)> {
    let response = server
        .http()?
        .get(format!("{}{path}", server.url()))
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await?))
}

#[tokio::test]
async fn health_over_rest() -> TestResult {
    let server = TestServer::start().await?;
    let (status, body) = get(&server, "/health").await?;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "HEALTH_STATUS_HEALTHY");
    assert!(
        body["checkedAt"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{body}"
    );
    let (status, body) = get(&server, "/health/ready").await?;
    assert_eq!(status, 200);
    assert_eq!(body["ready"], true);
    let (_, body) = get(&server, "/health/detailed").await?;
    assert_eq!(body["environment"], "test");
    assert!(
        body["uptime"].as_str().is_some_and(|u| u.ends_with('s')),
        "{body}"
    );
    Ok(())
}

#[tokio::test]
async fn rest_errors_are_status_json() -> TestResult {
    let server = TestServer::start().await?;
    let (status, body) = get(&server, "/v1/no/such/route").await?;
    assert_eq!((status, body["code"].as_i64()), (404, Some(5)));
    let response = server
        .http()?
        .delete(format!("{}/health", server.url()))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "GET, HEAD");
    let (status, body) = get(&server, "/health?verbose=1").await?;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("verbose"),
        "{body}"
    );
    Ok(())
}

/// POSTs `body` to `path` (with the admin key unless `key` is given) and
/// returns the status and the JSON answer.
async fn post(
    server: &TestServer,
    path: &str,
    key: Option<&str>,
    body: Value,
) -> TestResult<(u16, Value)> {
    let client = match key {
        Some(_) => reqwest::Client::new(),
        None => server.http()?,
    };
    let mut request = client.post(format!("{}{path}", server.url())).json(&body);
    if let Some(key) = key {
        request = request.header("x-api-key", key);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await?))
}

#[tokio::test]
async fn error_messages_say_what_is_wrong_in_plain_words() -> TestResult {
    let server = TestServer::start().await?;
    let body = serde_json::json!({"namespace": "examples", "name": "nope"});
    let (status, answer) = post(&server, "/v1/tasks", None, body.clone()).await?;
    assert_eq!(status, 404, "{answer}");
    assert_eq!(
        answer["message"], "template examples/nope (any version) not found",
        "{answer}"
    );
    let (status, answer) = get(&server, "/v1/templates/examples/nope/9.9.9").await?;
    assert_eq!(status, 404, "{answer}");
    assert_eq!(
        answer["message"], "template examples/nope (version 9.9.9) not found",
        "{answer}"
    );

    // The accepted action names are the ones the message lists.
    let step = "0190f2c3-0000-7000-8000-000000000000";
    let (status, answer) = post(
        &server,
        &format!("/v1/tasks/{step}/steps/{step}:resolve"),
        None,
        serde_json::json!({"performedBy": "ops", "reason": "test"}),
    )
    .await?;
    assert_eq!(status, 400, "{answer}");
    let message = answer["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("MANUAL_RESOLUTION_ACTION_COMPLETE_MANUALLY"),
        "{answer}"
    );

    // A key that looks right but is cut short says so.
    let (status, answer) = post(&server, "/v1/tasks", Some("tk_0123abcd_tooshort"), body).await?;
    assert_eq!(status, 401, "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap_or_default()
            .contains("wrong length"),
        "{answer}"
    );
    Ok(())
}

#[tokio::test]
async fn every_tasker_route_is_bound_on_the_port() -> TestResult {
    // Each route of the generated table answers something other than the
    // gateway's own 404/405: the request reaches the gRPC service layer.
    let server = TestServer::start().await?;
    let client = server.http()?;
    for route in tasker_proto::ROUTES {
        let path = route
            .path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    segment
                        .split_once('}')
                        .map(|(_, rest)| format!("0190d2a4-0000-7000-8000-000000000000{rest}"))
                        .unwrap_or_default()
                } else {
                    segment.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let path = if route.path.contains("{namespace}") {
            path.replace("0190d2a4-0000-7000-8000-000000000000/0190d2a4-0000-7000-8000-000000000000/0190d2a4-0000-7000-8000-000000000000", "ns/name/1.0.0")
        } else {
            path
        };
        let method = reqwest::Method::from_bytes(route.http_method.as_str().as_bytes())?;
        let mut request = client.request(method, format!("{}{path}", server.url()));
        if !route.body.is_empty() {
            request = request.json(&serde_json::json!({}));
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert!(
            !(status == 404
                && body["code"] == 5
                && body["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("no route")))
                && status != 405,
            "{} {} → {status} {body}",
            route.http_method,
            route.path
        );
    }
    Ok(())
}

#[tokio::test]
async fn openapi_document_is_served() -> TestResult {
    let server = TestServer::start().await?;
    let (status, body) = get(&server, "/openapi.json").await?;
    assert_eq!(status, 200);
    assert!(
        body["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        body["openapi"]
    );
    assert!(body["paths"]["/v1/tasks"]["post"].is_object());
    Ok(())
}

#[tokio::test]
async fn rest_responses_are_gzipped_on_request() -> TestResult {
    let server = TestServer::start().await?;
    let response = reqwest::Client::builder()
        .no_gzip()
        .build()?
        .get(format!("{}/openapi.json", server.url()))
        .header("accept-encoding", "gzip")
        .send()
        .await?;
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("gzip")
    );
    Ok(())
}

#[tokio::test]
async fn cors_only_for_configured_origins() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[(
            "TASKER_SERVER__CORS_ALLOWED_ORIGINS",
            "[\"http://app.example\"]",
        )],
    )
    .await?;
    let client = reqwest::Client::new();
    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, format!("{}/health", server.url()))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .send()
    };
    let allowed = preflight("http://app.example").await?;
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("http://app.example")
    );
    let refused = preflight("http://evil.example").await?;
    assert!(
        refused
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let default_server = TestServer::start().await?;
    let response = client
        .get(format!("{}/health", default_server.url()))
        .header("origin", "http://app.example")
        .send()
        .await?;
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none(),
        "CORS is off by default"
    );
    Ok(())
}

fn buf_curl(args: &[&str]) -> TestResult<Value> {
    let output = Command::new(repo_root().join("node_modules/.bin/buf"))
        .arg("curl")
        .args(args)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "buf curl {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

#[tokio::test]
async fn buf_curl_over_grpc_web_uses_reflection() -> TestResult {
    let server = TestServer::start().await?;
    let url = format!("{}/tasker.v1.HealthService/Readiness", server.url());
    let body = buf_curl(&["--protocol", "grpcweb", &url])?;
    assert_eq!(body["ready"], true, "gRPC-Web over HTTP/1.1: {body}");
    let body = buf_curl(&["--protocol", "grpcweb", "--http2-prior-knowledge", &url])?;
    assert_eq!(body["ready"], true, "gRPC-Web over h2: {body}");
    Ok(())
}

#[tokio::test]
async fn task_status_streams_over_rest_as_ndjson_and_sse() -> TestResult {
    let server = TestServer::start().await?;
    let http = server.http()?;
    let template = "namespace: rest\nname: watched\nversion: 1.0.0\nsteps:\n  - {name: only, handler: nobody}\n";
    let response = http
        .post(format!("{}/v1/templates", server.url()))
        .json(&serde_json::json!({"yaml": template}))
        .send()
        .await?;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await?
    );
    for sse in [false, true] {
        let created: Value = http
            .post(format!("{}/v1/tasks", server.url()))
            .json(&serde_json::json!({"namespace": "rest", "name": "watched", "idempotencyKey": format!("sse-{sse}")}))
            .send()
            .await?
            .json()
            .await?;
        let uuid = created["task"]["taskUuid"]
            .as_str()
            .ok_or("uuid")?
            .to_owned();
        let mut watch = http.get(format!("{}/v1/tasks/{uuid}:watch", server.url()));
        if sse {
            watch = watch.header("accept", "text/event-stream");
        }
        let watch = watch.send().await?;
        assert_eq!(watch.status().as_u16(), 200);
        let content_type = watch.headers()["content-type"].to_str()?.to_owned();
        assert_eq!(
            content_type,
            if sse {
                "text/event-stream"
            } else {
                "application/x-ndjson"
            }
        );
        let reader = tokio::spawn(async move { watch.text().await });
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let cancel = http
            .post(format!("{}/v1/tasks/{uuid}:cancel", server.url()))
            .json(&serde_json::json!({"reason": "done"}))
            .send()
            .await?;
        assert_eq!(cancel.status().as_u16(), 200);
        let body = tokio::time::timeout(std::time::Duration::from_secs(10), reader).await???;
        if sse {
            assert!(body.starts_with("event: message\ndata: {"), "{body}");
            assert!(body.contains("TASK_STATE_CANCELLED"), "{body}");
        } else {
            let lines: Vec<Value> = body
                .lines()
                .map(serde_json::from_str)
                .collect::<Result<_, _>>()?;
            // The task now, its step's cancellation, then the task's.
            assert_eq!(lines.len(), 3, "{body}");
            assert_eq!(
                lines[0]["result"]["task"]["state"],
                "TASK_STATE_STEPS_IN_PROCESS"
            );
            assert_eq!(
                lines[1]["result"]["stepChange"]["toState"],
                "STEP_STATE_CANCELLED"
            );
            assert_eq!(lines[2]["result"]["task"]["state"], "TASK_STATE_CANCELLED");
            assert_eq!(
                lines[2]["result"]["previousState"],
                "TASK_STATE_STEPS_IN_PROCESS"
            );
            assert_eq!(lines[2]["result"]["terminal"], true);
        }
    }
    Ok(())
}

#[tokio::test]
async fn grpc_decode_limit_is_resource_exhausted_and_the_server_keeps_serving() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_SERVER__GRPC_MAX_DECODE_BYTES", "1024")],
    )
    .await?;
    let big = "x".repeat(4096);
    let request = tasker_proto::v1::CreateTaskRequest {
        namespace: "n".into(),
        name: "m".into(),
        reason: big,
        ..Default::default()
    };
    let mut client =
        tasker_proto::v1::task_service_client::TaskServiceClient::new(server.channel().await?);
    let error = client.create_task(request).await.unwrap_err();
    assert_eq!(error.code(), tonic::Code::ResourceExhausted, "{error}");
    let mut health =
        tasker_proto::v1::health_service_client::HealthServiceClient::new(server.channel().await?);
    health.check(tasker_proto::v1::CheckRequest {}).await?;
    Ok(())
}

#[tokio::test]
async fn a_verb_path_is_routed_only_to_its_own_binding() -> TestResult {
    let server = TestServer::start().await?;
    let http = server.http()?;
    let uuid = "0190a0b0-0000-7000-8000-000000000001";
    // CancelTask is `POST /v1/tasks/{task_uuid}:cancel`: a GET is 405, not
    // GetTask with the id "<uuid>:cancel".
    for method in [reqwest::Method::GET, reqwest::Method::DELETE] {
        let response = http
            .request(
                method.clone(),
                format!("{}/v1/tasks/{uuid}:cancel", server.url()),
            )
            .send()
            .await?;
        let status = response.status().as_u16();
        let allow = response.headers().get("allow").cloned();
        let body: Value = response.json().await?;
        assert_eq!(status, 405, "{method} {body}");
        assert_eq!(allow.as_ref().and_then(|v| v.to_str().ok()), Some("POST"));
    }
    // StreamTaskStatus is `GET /v1/tasks/{task_uuid}:watch`.
    let response = http
        .post(format!("{}/v1/tasks/{uuid}:watch", server.url()))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "GET, HEAD");
    // The plain task path allows GET (and HEAD) only.
    let response = http
        .put(format!("{}/v1/tasks/{uuid}", server.url()))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "GET, HEAD");
    Ok(())
}

#[tokio::test]
async fn head_is_answered_like_get_without_a_body() -> TestResult {
    let server = TestServer::start().await?;
    let http = server.http()?;
    for path in [
        "/health",
        "/v1/tasks",
        "/v1/tasks/0190a0b0-0000-7000-8000-000000000001",
        "/openapi.json",
    ] {
        let url = format!("{}{path}", server.url());
        let get = http.get(&url).send().await?;
        let get_status = get.status();
        let get_type = get.headers().get("content-type").cloned();
        let head = http.head(&url).send().await?;
        assert_eq!(head.status(), get_status, "{path}");
        assert_eq!(
            head.headers().get("content-type"),
            get_type.as_ref(),
            "{path}"
        );
        assert!(head.bytes().await?.is_empty(), "{path}");
    }
    // Without a credential: the same refusal.
    let head = reqwest::Client::new()
        .head(format!("{}/v1/tasks", server.url()))
        .send()
        .await?;
    assert_eq!(head.status().as_u16(), 401);
    Ok(())
}
