//! The served OpenAPI document against the server itself: schemathesis
//! (pinned in `tests/python/requirements.txt`) generates requests from
//! `/openapi.json` — valid ones, which the server must accept, and invalid
//! ones, which it must refuse with a 4xx — and checks every answer against
//! the document (status codes, content types, response schemas, no 5xx).
//! The run is bounded: a fixed seed, a few examples per operation and a time
//! budget. Which checks run where, and why some operations are exempt from
//! "valid data is accepted", is in `tests/schemathesis.toml`.

use std::process::Command;

use tasker_e2e::{TestResult, TestServer, repo_root};

use crate::external::python;

/// Operations left out, and why: `:watch` streams stay open until their
/// task ends, so a request from a generator never completes. (A worker
/// port's API is not in the orchestrator's document at all.)
const EXCLUDED_PATHS: &str = r":watch$";

#[tokio::test]
async fn the_server_conforms_to_its_openapi_document() -> TestResult {
    let server = TestServer::start().await?;
    let python = python()?;
    // Schemathesis keeps its example database and reports in the directory
    // it runs in: a temporary one, not the checkout.
    let workdir = tempfile::tempdir()?;
    let output = Command::new(&python)
        .current_dir(workdir.path())
        .args(["-m", "schemathesis.cli", "--no-color", "--config-file"])
        .arg(repo_root().join("tests/schemathesis.toml"))
        .arg("run")
        .arg(format!("{}/openapi.json", server.url()))
        .args(["--url", &server.url()])
        // The key as a bearer token: one credential header, which
        // schemathesis then leaves alone.
        .args([
            "--header",
            &format!("authorization: Bearer {}", server.admin_key()),
        ])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args([
            "--max-examples",
            "10",
            "--seed",
            "2026",
            "--max-time",
            "150",
        ])
        .args(["--exclude-path-regex", EXCLUDED_PATHS])
        // ClaimSteps long-polls for up to 30 s when asked to wait. One
        // worker: hypothesis describing strategies from several threads at
        // once trips over Python's `ast` module ("AST constructor recursion
        // depth mismatch").
        .args(["--request-timeout", "40", "--workers", "1"])
        .args(["--suppress-health-check", "all"])
        .env("SCHEMATHESIS_TELEMETRY", "false")
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "schemathesis found the server and its OpenAPI document disagreeing:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("passed"), "{stdout}");
    Ok(())
}
