//! External clients against the real server: `buf curl` (over reflection) and
//! Python `grpcio` with stubs generated from our protos.

use std::path::PathBuf;
use std::process::Command;

use tasker_e2e::{TestResult, TestServer, repo_root};

fn buf() -> TestResult<PathBuf> {
    let path = repo_root().join("node_modules/.bin/buf");
    if path.exists() {
        Ok(path)
    } else {
        Err("node_modules/.bin/buf missing: run `npm ci` (the test command does)".into())
    }
}

pub(crate) fn python() -> TestResult<PathBuf> {
    if let Some(python) = std::env::var_os("TASKER_E2E_PYTHON") {
        return Ok(PathBuf::from(python));
    }
    let path = repo_root().join("target/python-venv/bin/python");
    if path.exists() {
        Ok(path)
    } else {
        Err(
            "target/python-venv missing: run `scripts/make python-env` (the test command does)"
                .into(),
        )
    }
}

fn run(command: &mut Command) -> TestResult<String> {
    let output = command.output()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed ({}):\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(stdout)
}

#[tokio::test]
async fn buf_curl_over_grpc_uses_reflection() -> TestResult {
    let server = TestServer::start().await?;
    let buf = buf()?;
    let check = run(Command::new(&buf).args([
        "curl",
        "--protocol",
        "grpc",
        "--http2-prior-knowledge",
        &format!("{}/tasker.v1.HealthService/Check", server.url()),
    ]))?;
    let check: serde_json::Value = serde_json::from_str(&check)?;
    assert_eq!(check["status"], "HEALTH_STATUS_HEALTHY", "{check}");
    assert_eq!(check["version"], env!("CARGO_PKG_VERSION"));

    let standard = run(Command::new(&buf).args([
        "curl",
        "--protocol",
        "grpc",
        "--http2-prior-knowledge",
        "--data",
        "{\"service\": \"\"}",
        &format!("{}/grpc.health.v1.Health/Check", server.url()),
    ]))?;
    let standard: serde_json::Value = serde_json::from_str(&standard)?;
    assert_eq!(standard["status"], "SERVING", "{standard}");

    let list = run(Command::new(&buf).args([
        "curl",
        "--protocol",
        "grpc",
        "--http2-prior-knowledge",
        "--list-methods",
        &server.url(),
    ]))?;
    assert!(
        list.lines()
            .any(|l| l == "tasker.v1.TaskService/CreateTask"),
        "{list}"
    );
    Ok(())
}

#[tokio::test]
async fn python_grpcio_client_calls_health() -> TestResult {
    let server = TestServer::start().await?;
    let script = repo_root().join("tests/python/health_client.py");
    let out = run(Command::new(python()?)
        .arg(&script)
        .arg(server.addr().to_string())
        .arg(repo_root().join("proto")))?;
    assert!(out.contains("ok"), "{out}");
    Ok(())
}

#[tokio::test]
async fn python_grpcio_client_streams_task_status() -> TestResult {
    let server = TestServer::start().await?;
    let script = repo_root().join("tests/python/task_client.py");
    let out = run(Command::new(python()?)
        .env("TASKER_API_KEY", server.admin_key())
        .arg(&script)
        .arg(server.addr().to_string())
        .arg(repo_root().join("proto")))?;
    assert!(out.contains("ok"), "{out}");
    Ok(())
}

#[tokio::test]
async fn python_urllib_reads_the_413_of_an_oversized_body() -> TestResult {
    let server = TestServer::start().await?;
    // urllib writes the whole body before it reads the answer.
    let script = r#"
import json, sys, urllib.error, urllib.request
url, key = sys.argv[1], sys.argv[2]
body = json.dumps({"namespace": "n", "name": "x", "idempotencyKey": "k" * (20 * 1024 * 1024)}).encode()
request = urllib.request.Request(url + "/v1/tasks", data=body, method="POST",
    headers={"content-type": "application/json", "x-api-key": key})
try:
    urllib.request.urlopen(request, timeout=60)
    print("accepted")
except urllib.error.HTTPError as error:
    print(error.code, json.loads(error.read())["code"])
"#;
    let out = run(Command::new(python()?).args(["-c", script, &server.url(), server.admin_key()]))?;
    assert_eq!(out.trim(), "413 8");
    Ok(())
}
