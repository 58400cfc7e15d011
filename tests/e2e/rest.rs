//! The server's one port: REST transcoded from google.api.http, gRPC-Web,
//! the OpenAPI document, CORS and compression — by plain HTTP and buf curl.

use std::process::Command;

use serde_json::Value;
use tasker_e2e::{Backend, TestResult, TestServer, repo_root};

async fn get(server: &TestServer, path: &str) -> TestResult<(u16, Value)> {
    let response = reqwest::get(format!("{}{path}", server.url())).await?;
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
    let response = reqwest::Client::new()
        .delete(format!("{}/health", server.url()))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "GET");
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

#[tokio::test]
async fn every_tasker_route_is_bound_on_the_port() -> TestResult {
    // Each route of the generated table answers something other than the
    // gateway's own 404/405: the request reaches the gRPC service layer.
    let server = TestServer::start().await?;
    let client = reqwest::Client::new();
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
async fn buf_curl_over_grpc_web() -> TestResult {
    let server = TestServer::start().await?;
    let url = format!("{}/tasker.v1.HealthService/Readiness", server.url());
    // Reflection is a bidirectional stream, which gRPC-Web cannot carry, so the
    // schema comes from the committed descriptor set.
    let schema = repo_root().join("gen/descriptor/tasker.binpb");
    let schema = schema.to_string_lossy();
    let body = buf_curl(&["--protocol", "grpcweb", "--schema", &schema, &url])?;
    assert_eq!(body["ready"], true, "gRPC-Web over HTTP/1.1: {body}");
    let body = buf_curl(&[
        "--protocol",
        "grpcweb",
        "--http2-prior-knowledge",
        "--schema",
        &schema,
        &url,
    ])?;
    assert_eq!(body["ready"], true, "gRPC-Web over h2: {body}");
    Ok(())
}
