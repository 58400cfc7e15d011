//! The OpenAPI documents the plugin writes are valid OpenAPI 3.1, checked by
//! two independent implementations on the committed
//! `gen/openapi/tasker/v1/tasker.v1.openapi.json` and on every golden
//! document: `openapi-spec-validator` (Python, pinned in
//! `tests/python/requirements.txt`; needs `target/python-venv`, made by
//! `scripts/make python-env`) and the stricter Redocly CLI (npm, pinned in
//! `package.json`; needs `node_modules`, made by `scripts/make npm-install`)
//! with its recommended rules as errors (`tests/redocly.yaml`).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The committed Tasker documents (the orchestrator's and a worker port's)
/// and every golden document, relative to the repository root.
fn documents() -> Vec<PathBuf> {
    let mut documents = vec![
        PathBuf::from("gen/openapi/tasker/v1/tasker.v1.openapi.json"),
        PathBuf::from("gen/openapi/tasker/worker/v1/tasker.worker.v1.openapi.json"),
    ];
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases: Vec<_> = std::fs::read_dir(&golden)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    for case in cases {
        let mut files: Vec<_> = std::fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".openapi.json"))
            .collect();
        files.sort();
        documents.extend(files);
    }
    assert!(documents.len() > 10, "golden OpenAPI documents missing");
    documents
}

#[test]
fn generated_openapi_documents_are_valid() {
    let root = repo_root();
    let python = root.join("target/python-venv/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run `scripts/make python-env` (it installs the pinned \
         openapi-spec-validator from tests/python/requirements.txt)",
        python.display()
    );
    let documents = documents();
    let output = Command::new(&python)
        .current_dir(&root)
        .arg("tests/python/validate_openapi.py")
        .args(&documents)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "openapi-spec-validator rejected a document:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs Redocly CLI's `lint` on `documents` with `tests/redocly.yaml` and
/// `extra` arguments.
fn redocly_lint(documents: &[PathBuf], extra: &[&str]) {
    let root = repo_root();
    let redocly = root.join("node_modules/.bin/redocly");
    assert!(
        redocly.is_file(),
        "{} is missing: run `scripts/make npm-install` (it installs the pinned \
         @redocly/cli from package-lock.json)",
        redocly.display()
    );
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/redocly.yaml");
    let output = Command::new(&redocly)
        .current_dir(&root)
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .arg("lint")
        .arg("--config")
        .arg(&config)
        .arg("--format=stylish")
        .args(extra)
        .args(documents)
        .output()
        .expect("redocly runs");
    assert!(
        output.status.success(),
        "Redocly CLI rejected a document:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generated_openapi_documents_pass_redocly_lint() {
    let root = repo_root();
    // Documents whose protos declare security schemes must give every
    // operation one (Redocly's `security-defined`); the golden cases
    // without the option say nothing of credentials.
    let (secured, open): (Vec<PathBuf>, Vec<PathBuf>) =
        documents().into_iter().partition(|document| {
            let text = std::fs::read_to_string(root.join(document)).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            value["components"]["securitySchemes"].is_object()
        });
    assert!(
        secured.contains(&PathBuf::from(
            "gen/openapi/tasker/v1/tasker.v1.openapi.json"
        )),
        "the Tasker document declares its security schemes"
    );
    assert!(
        secured.contains(&PathBuf::from(
            "gen/openapi/tasker/worker/v1/tasker.worker.v1.openapi.json"
        )),
        "the worker port's document declares its security schemes"
    );
    assert!(
        secured.len() >= 2 && open.len() >= 10,
        "{secured:?} {open:?}"
    );
    redocly_lint(&secured, &[]);
    redocly_lint(&open, &["--skip-rule=security-defined"]);
}
