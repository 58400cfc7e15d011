//! Repository rules, checked: where generated code may be included, what the
//! domain crate may depend on, who may talk SQL, that the gateway knows
//! nothing of Tasker, that both storage backends have the same migrations,
//! and that every crate documents its role. Each failure names the rule and
//! where it is broken.

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
        "rule broken: only crates/tasker-proto includes generated code (gen/rust), \
         but these files name it: {offenders:?}"
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
            "rule broken: tasker-core (the domain) must not depend on transport or \
             storage, but its dependency tree holds {forbidden} \
             (crates/tasker-core/Cargo.toml or one of its dependencies):\n{tree}"
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
            "rule broken: tasker-proto needs no HTTP server (route types come from \
             tasker-gateway-routes), but crates/tasker-proto/Cargo.toml pulls in {forbidden}:\n{proto}"
        );
    }
    let plugin = dependency_tree("protoc-gen-tasker-gateway");
    assert!(depends_on(&plugin, "tasker-gateway-routes"));
    for forbidden in ["tasker-gateway", "tokio", "hyper", "tonic", "tonic-web"] {
        assert!(
            !depends_on(&plugin, forbidden),
            "rule broken: protoc-gen-tasker-gateway needs no async or HTTP stack, but \
             crates/protoc-gen-tasker-gateway/Cargo.toml pulls in {forbidden}:\n{plugin}"
        );
    }
}

/// Packages that may use sqlx besides the store, and why.
const SQLX_OUTSIDE_THE_STORE: &[(&str, &str)] = &[
    (
        "crates/tasker-bench",
        "creates and drops benchmark databases, and seeds a store's schema \
         in bulk before any server opens it",
    ),
    (
        "tests",
        "the end-to-end harness creates and drops PostgreSQL test databases \
         and inspects what the server stored",
    ),
];

/// Every package directory of the workspace: `crates/*` and `tests`.
fn package_dirs() -> Vec<PathBuf> {
    let root = repo_root();
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    dirs.push(root.join("tests"));
    dirs.sort();
    dirs
}

/// The lines of a file that name `word` outside comments, as `path:line`.
fn naming(file: &Path, word: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.trim_start();
            !code.starts_with("//") && !code.starts_with('#') && !code.starts_with("description")
        })
        .filter(|(_, line)| line.contains(word))
        .map(|(i, _)| format!("{}:{}", file.display(), i + 1))
        .collect()
}

#[test]
fn only_the_store_talks_sql() {
    let root = repo_root();
    let mut offenders = Vec::new();
    for dir in package_dirs() {
        let relative = dir.strip_prefix(&root).expect("inside the repository");
        if relative == Path::new("crates/tasker-store")
            || SQLX_OUTSIDE_THE_STORE
                .iter()
                .any(|(allowed, _)| relative == Path::new(allowed))
        {
            continue;
        }
        let mut files = vec![dir.join("Cargo.toml")];
        rust_files(&dir, &mut files);
        files.retain(|f| !f.starts_with(dir.join("target")));
        for file in files {
            offenders.extend(naming(&file, "sqlx"));
        }
    }
    assert!(
        offenders.is_empty(),
        "rule broken: only tasker-store talks SQL (allowed besides it: {SQLX_OUTSIDE_THE_STORE:?}), \
         but sqlx is named at:\n{}",
        offenders.join("\n")
    );
    let tree = dependency_tree("tasker-server");
    assert!(depends_on(&tree, "tasker-store"));
}

#[test]
fn the_gateway_knows_no_tasker_crate_or_type() {
    // The gateway is generic: it may build on its route model and nothing
    // else of Tasker's, and its sources name no Tasker package or type.
    for (package, dir) in [
        ("tasker-gateway", "crates/tasker-gateway"),
        ("tasker-gateway-routes", "crates/tasker-gateway-routes"),
    ] {
        let tree = dependency_tree(package);
        let tasker_crates: Vec<_> = tree
            .lines()
            .skip(1) // the package itself
            .filter_map(|line| line.split_whitespace().next())
            .filter(|name| name.starts_with("tasker-") && *name != "tasker-gateway-routes")
            .collect();
        assert!(
            tasker_crates.is_empty(),
            "rule broken: {package} depends on no Tasker crate but tasker-gateway-routes, \
             yet its tree ({dir}/Cargo.toml) holds {tasker_crates:?}"
        );
        let mut files = Vec::new();
        rust_files(&repo_root().join(dir).join("src"), &mut files);
        let mut names = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("source");
            for (i, line) in text.lines().enumerate() {
                let mut rest = line;
                while let Some(at) = rest.find("tasker") {
                    let name: String = rest[at..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
                        .collect();
                    let generic = ["tasker_gateway", "tasker-gateway", "tasker.gateway."]
                        .iter()
                        .any(|own| name.starts_with(own));
                    if !generic && name.len() > "tasker".len() {
                        names.push(format!("{}:{}: {name}", file.display(), i + 1));
                    }
                    rest = &rest[at + "tasker".len()..];
                }
            }
        }
        assert!(
            names.is_empty(),
            "rule broken: {package} knows no Tasker package or type, but its sources name:\n{}",
            names.join("\n")
        );
    }
}

/// Migrations one backend has and the other need not, with the reason.
const MIGRATIONS_IN_ONE_BACKEND_ONLY: &[(&str, &str)] = &[];

#[test]
fn both_backends_have_the_same_migrations() {
    let dir = repo_root().join("crates/tasker-store/migrations");
    let names = |backend: &str| -> std::collections::BTreeSet<String> {
        std::fs::read_dir(dir.join(backend))
            .expect("a migrations directory per backend")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| {
                !MIGRATIONS_IN_ONE_BACKEND_ONLY
                    .iter()
                    .any(|(allowed, _)| allowed == name)
            })
            .collect()
    };
    let (sqlite, postgres) = (names("sqlite"), names("postgres"));
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "rule broken: crates/tasker-store/migrations/sqlite and …/postgres move in step \
         (same file names; list a deliberate difference in MIGRATIONS_IN_ONE_BACKEND_ONLY \
         with its reason): only in sqlite: {only_sqlite:?}, only in postgres: {only_postgres:?}"
    );
}

#[test]
fn the_server_embeds_the_sdk_not_the_worker_process() {
    let server = dependency_tree("tasker-server");
    assert!(depends_on(&server, "tasker-examples"));
    assert!(
        !depends_on(&server, "tasker-worker-process"),
        "rule broken: the server embeds the worker SDK, not the worker process, but \
         crates/tasker-server/Cargo.toml pulls in tasker-worker-process:\n{server}"
    );
    let sdk = dependency_tree("tasker-worker");
    for forbidden in ["tasker-gateway", "tasker-auth", "tasker-runtime", "figment"] {
        assert!(
            !depends_on(&sdk, forbidden),
            "rule broken: the worker SDK (crates/tasker-worker) is a client library, but \
             its tree holds {forbidden}:\n{sdk}"
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
            "rule broken: every crate root opens with a //! paragraph on its role, \
             but {} does not",
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
