//! The OpenAPI documents the plugin writes are valid OpenAPI 3.1, checked by
//! an independent implementation: `openapi-spec-validator` (Python, pinned
//! in `tests/python/requirements.txt`) run on the committed
//! `gen/openapi/tasker/v1/tasker.v1.openapi.json` and on every golden
//! document. Needs `target/python-venv` (`scripts/make python-env`).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
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
    let mut documents = vec![PathBuf::from(
        "gen/openapi/tasker/v1/tasker.v1.openapi.json",
    )];
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
