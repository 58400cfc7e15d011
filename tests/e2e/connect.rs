//! The Connect protocol against the real server: the `@connectrpc/connect-node`
//! client (`tests/connect/clients.mjs`) over its Connect, gRPC-Web and gRPC
//! transports; `buf curl` with its default protocol (Connect) over HTTP/1.1
//! and h2; and what a plain HTTP client sees — GET, errors, the same
//! credentials and limits as every protocol, the `connect` metrics label.
//!
//! Needs Node.js and the npm packages of `package.json` (`scripts/make
//! npm-install`, which the test command runs).

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};
use tasker_e2e::{Backend, TestResult, TestServer, repo_root};

/// A server with the example templates (`examples/linear` and others).
async fn examples_server() -> TestResult<TestServer> {
    let templates = repo_root().join("config/templates");
    let templates = templates.to_string_lossy().into_owned();
    TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_TEMPLATES__DIRECTORY", templates.as_str())],
    )
    .await
}

fn node_modules_bin(name: &str) -> TestResult<PathBuf> {
    let path = repo_root().join("node_modules/.bin").join(name);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} missing: run `scripts/make npm-install` (the test command does)",
            path.display()
        )
        .into())
    }
}

/// Runs `command`, returning (success, stdout, stderr).
fn output(command: &mut Command) -> TestResult<(bool, String, String)> {
    let out = command.output()?;
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[tokio::test]
async fn connect_node_over_connect_grpc_web_and_grpc() -> TestResult {
    node_modules_bin("buf")?;
    let server = examples_server().await?;
    let root = repo_root();
    let (ok, stdout, stderr) = output(
        Command::new("node")
            .current_dir(&root)
            .arg(root.join("tests/connect/clients.mjs"))
            .arg(server.url())
            .arg(server.admin_key())
            .arg(root.join("gen/descriptor/tasker.binpb")),
    )?;
    assert!(ok, "connect-node failed:\n{stdout}\n{stderr}");
    for transport in [
        "connect-h1-json",
        "connect-h1-binary",
        "connect-h2-json-get",
        "connect-h2-binary-get",
        "grpc-web-h1",
        "grpc-web-h2",
        "grpc",
    ] {
        for check in [
            "create",
            "get",
            "error details",
            "stream (",
            "stream errors",
        ] {
            assert!(
                stdout.contains(&format!("ok {transport} {check}")),
                "{transport} {check}:\n{stdout}"
            );
        }
    }
    // connect-node sends GetTask (NO_SIDE_EFFECTS) as a GET when asked to.
    for transport in ["connect-h2-json-get", "connect-h2-binary-get"] {
        assert!(
            stdout.contains(&format!("ok {transport} get (GET)")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("all transports passed"), "{stdout}");
    Ok(())
}

#[tokio::test]
async fn buf_curl_speaks_connect_by_default() -> TestResult {
    let buf = node_modules_bin("buf")?;
    let server = examples_server().await?;
    let key = format!("x-api-key: {}", server.admin_key());
    for h2 in [false, true] {
        let curl = |extra: &[&str]| {
            let mut command = Command::new(&buf);
            command.arg("curl");
            if h2 {
                command.arg("--http2-prior-knowledge");
            }
            command.args(["-H", &key]).args(extra);
            command
        };
        // Unary, schema from reflection (a Connect bidi stream itself).
        let (ok, stdout, stderr) = output(&mut curl(&[&format!(
            "{}/tasker.v1.HealthService/Check",
            server.url()
        )]))?;
        assert!(ok, "h2={h2}: {stdout}\n{stderr}");
        let check: Value = serde_json::from_str(&stdout)?;
        assert_eq!(check["status"], "HEALTH_STATUS_HEALTHY", "{check}");

        let (ok, stdout, stderr) = output(&mut curl(&[
            "--data",
            r#"{"namespace": "examples", "name": "linear", "idempotencyKey": "buf-curl-IDEMPOTENCY"}"#
                .replace("IDEMPOTENCY", if h2 { "h2" } else { "h1" })
                .as_str(),
            &format!("{}/tasker.v1.TaskService/CreateTask", server.url()),
        ]))?;
        assert!(ok, "h2={h2}: {stdout}\n{stderr}");
        let created: Value = serde_json::from_str(&stdout)?;
        let uuid = created["task"]["taskUuid"]
            .as_str()
            .ok_or("no task uuid")?
            .to_owned();

        // An error with its details, as buf curl prints it.
        let (ok, stdout, stderr) = output(&mut curl(&[
            "--data",
            r#"{"taskUuid": "nope"}"#,
            &format!("{}/tasker.v1.TaskService/GetTask", server.url()),
        ]))?;
        assert!(!ok, "h2={h2}: an invalid uuid must fail: {stdout}");
        let error: Value =
            serde_json::from_str(stderr.trim()).map_err(|e| format!("h2={h2}: {e}: {stderr}"))?;
        assert_eq!(error["code"], "invalid_argument", "{error}");
        assert_eq!(
            error["details"][0]["type"], "google.rpc.BadRequest",
            "{error}"
        );

        // Server streaming: a cancelled task's stream ends after its state.
        let (ok, stdout, stderr) = output(&mut curl(&[
            "--data",
            &json!({"taskUuid": uuid}).to_string(),
            &format!("{}/tasker.v1.TaskService/CancelTask", server.url()),
        ]))?;
        assert!(ok, "h2={h2}: {stdout}\n{stderr}");
        let (ok, stdout, stderr) = output(&mut curl(&[
            "--data",
            &json!({"taskUuid": uuid}).to_string(),
            &format!("{}/tasker.v1.TaskService/StreamTaskStatus", server.url()),
        ]))?;
        assert!(ok, "h2={h2}: {stdout}\n{stderr}");
        assert!(stdout.contains("TASK_STATE_CANCELLED"), "{stdout}");
        assert!(stdout.contains("\"terminal\": true"), "{stdout}");
    }
    Ok(())
}

#[tokio::test]
async fn plain_http_connect_calls_pass_auth_limits_and_metrics() -> TestResult {
    let server = examples_server().await?;
    let http = server.http()?;
    let anonymous = reqwest::Client::new();
    let url = |method: &str| format!("{}/tasker.v1.TaskService/{method}", server.url());

    // Unary JSON POST, then the same read as a GET.
    let created: Value = http
        .post(url("CreateTask"))
        .header("content-type", "application/json")
        .header("connect-protocol-version", "1")
        .body(r#"{"namespace": "examples", "name": "linear", "idempotencyKey": "plain"}"#)
        .send()
        .await?
        .json()
        .await?;
    let uuid = created["task"]["taskUuid"].as_str().ok_or("no uuid")?;
    let message = format!("%7B%22taskUuid%22%3A%22{uuid}%22%7D");
    let response = http
        .get(format!(
            "{}?connect=v1&encoding=json&message={message}",
            url("GetTask")
        ))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let got: Value = response.json().await?;
    assert_eq!(got["task"]["taskUuid"], uuid);
    // GET is only for reads.
    let response = http
        .get(format!(
            "{}?encoding=json&message=%7B%7D",
            url("CancelTask")
        ))
        .send()
        .await?;
    assert_eq!(response.status(), 405);

    // The same credentials as every protocol.
    let response = anonymous
        .post(url("GetTask"))
        .header("content-type", "application/json")
        .body(json!({"taskUuid": uuid}).to_string())
        .send()
        .await?;
    assert_eq!(response.status(), 401);
    let error: Value = response.json().await?;
    assert_eq!(error["code"], "unauthenticated", "{error}");
    // The public RPCs need none.
    let response = anonymous
        .post(format!("{}/tasker.v1.HealthService/Check", server.url()))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await?;
    assert_eq!(response.status(), 200);

    // The body limit (rest.max_body_bytes, 4 MiB by default).
    let big =
        json!({"namespace": "examples", "name": "linear", "idempotencyKey": "k".repeat(5 << 20)});
    let response = http
        .post(url("CreateTask"))
        .header("content-type", "application/json")
        .body(big.to_string())
        .send()
        .await?;
    assert_eq!(response.status(), 429);
    assert_eq!(
        response.json::<Value>().await?["code"],
        "resource_exhausted"
    );

    // An error's request id comes back as a RequestInfo detail, as on every
    // protocol.
    let response = http
        .post(url("GetTask"))
        .header("content-type", "application/json")
        .body(r#"{"taskUuid": "nope"}"#)
        .send()
        .await?;
    assert_eq!(response.status(), 400);
    let error: Value = response.json().await?;
    let types: Vec<&str> = error["details"]
        .as_array()
        .ok_or("details")?
        .iter()
        .filter_map(|d| d["type"].as_str())
        .collect();
    assert!(types.contains(&"google.rpc.BadRequest"), "{error}");
    assert!(types.contains(&"google.rpc.RequestInfo"), "{error}");

    // Counted under protocol="connect".
    let text = anonymous
        .get(format!("{}/metrics", server.url()))
        .send()
        .await?
        .text()
        .await?;
    let line = text
        .lines()
        .find(|l| {
            l.starts_with("tasker_rpc_requests_total{")
                && l.contains("method=\"/tasker.v1.TaskService/GetTask\"")
                && l.contains("protocol=\"connect\"")
                && l.contains("code=\"Ok\"")
        })
        .ok_or_else(|| format!("no connect series:\n{text}"))?;
    assert!(line.ends_with(" 1"), "{line}");
    Ok(())
}
