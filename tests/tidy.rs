//! Repository rules, checked: where generated code may be included, what the
//! domain crate may depend on, and that every crate documents its role.

// A failed expectation here is a failed test, not a crashed server.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use tasker_e2e::repo_root;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_proto_crate_includes_generated_code() {
    let root = repo_root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let offenders: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with(root.join("crates/tasker-proto")))
        .filter(|f| !f.ends_with("tidy.rs"))
        .filter(|f| std::fs::read_to_string(f).is_ok_and(|text| text.contains("gen/rust")))
        .collect();
    assert!(
        offenders.is_empty(),
        "generated code included outside tasker-proto: {offenders:?}"
    );
}

fn dependency_tree(package: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(repo_root())
        .args([
            "tree",
            "--offline",
            "-e",
            "normal",
            "--prefix",
            "none",
            "-p",
            package,
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn depends_on(tree: &str, krate: &str) -> bool {
    tree.lines()
        .any(|line| line.split_whitespace().next() == Some(krate))
}

#[test]
fn the_domain_crate_knows_nothing_of_transport_or_storage() {
    let tree = dependency_tree("tasker-core");
    for forbidden in ["tonic", "axum", "hyper", "prost", "sqlx"] {
        assert!(
            !depends_on(&tree, forbidden),
            "tasker-core depends on {forbidden}:\n{tree}"
        );
    }
}

#[test]
fn generated_code_and_the_plugin_need_no_http_server() {
    // The route model lives in tasker-gateway-routes: what includes a
    // generated route table builds without the runtime gateway (tonic's own
    // client transport is another matter), and the plugin that writes the
    // table without any of the async or HTTP stack.
    let proto = dependency_tree("tasker-proto");
    assert!(depends_on(&proto, "tasker-gateway-routes"));
    for forbidden in ["tasker-gateway", "tonic-web"] {
        assert!(
            !depends_on(&proto, forbidden),
            "tasker-proto depends on {forbidden}:\n{proto}"
        );
    }
    let plugin = dependency_tree("protoc-gen-tasker-gateway");
    assert!(depends_on(&plugin, "tasker-gateway-routes"));
    for forbidden in ["tasker-gateway", "tokio", "hyper", "tonic", "tonic-web"] {
        assert!(
            !depends_on(&plugin, forbidden),
            "the plugin depends on {forbidden}:\n{plugin}"
        );
    }
}

#[test]
fn only_the_store_talks_sql() {
    let tree = dependency_tree("tasker-server");
    let direct: Vec<_> =
        std::fs::read_to_string(repo_root().join("crates/tasker-server/Cargo.toml"))
            .expect("manifest")
            .lines()
            .filter(|l| l.starts_with("sqlx"))
            .map(str::to_owned)
            .collect();
    assert!(
        direct.is_empty(),
        "tasker-server depends on sqlx directly: {direct:?}"
    );
    assert!(depends_on(&tree, "tasker-store"));
}

#[test]
fn the_server_embeds_the_sdk_not_the_worker_process() {
    let server = dependency_tree("tasker-server");
    assert!(depends_on(&server, "tasker-examples"));
    assert!(
        !depends_on(&server, "tasker-worker-process"),
        "tasker-server depends on the worker process:\n{server}"
    );
    let sdk = dependency_tree("tasker-worker");
    for forbidden in ["tasker-gateway", "tasker-auth", "tasker-runtime", "figment"] {
        assert!(
            !depends_on(&sdk, forbidden),
            "the worker SDK depends on {forbidden}:\n{sdk}"
        );
    }
}

#[test]
fn every_crate_root_documents_its_role() {
    let root = repo_root();
    let mut roots = vec![root.join("tests/src/lib.rs")];
    for entry in std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .flatten()
    {
        let lib = entry.path().join("src/lib.rs");
        let main = entry.path().join("src/main.rs");
        roots.push(if lib.exists() { lib } else { main });
    }
    for file in roots {
        let text = std::fs::read_to_string(&file).expect("crate root");
        assert!(
            text.starts_with("//! "),
            "{} does not open with a //! paragraph",
            file.display()
        );
    }
}

#[test]
fn the_server_builds_grpc_statuses_only_in_its_error_module() {
    // `tonic::Status` is built from a `ServerError` in one place; elsewhere
    // in the server a status may only be converted from one
    // (`Status::from`), never constructed.
    let src = repo_root().join("crates/tasker-server/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in files.iter().filter(|f| **f != src.join("error.rs")) {
        let text = std::fs::read_to_string(file).expect("source file");
        for (number, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("Status::") {
                let (before, after) = (&rest[..at], &rest[at + "Status::".len()..]);
                // `HealthStatus::`, `rpc::Status::` and the like are other types.
                let other_type = before.ends_with(|c: char| c.is_alphanumeric() || c == '_')
                    || (before.ends_with("::") && !before.ends_with("tonic::"));
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !other_type && name != "from" {
                    offenders.push(format!(
                        "{}:{}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                    break;
                }
                rest = after;
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "tonic::Status built outside crates/tasker-server/src/error.rs (return a ServerError instead):\n{}",
        offenders.join("\n")
    );
}
