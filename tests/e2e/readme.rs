//! The runnable examples of the README and the guides (`docs/*.md`), run as
//! written against a real server, so the documentation stays true. A block
//! fenced as ```` ```sh runnable ```` runs under `bash -euo pipefail`, one
//! as ```` ```python runnable ```` under the test suite's Python (with the
//! grpcio packages of `tests/python/requirements.txt` and the Python worker
//! SDK, `workers/python`, installed by `scripts/make python-sdk`). Each document gets a
//! server of its own (SQLite, the embedded example worker on) and its blocks
//! run in order, from the repository's root, with the server's address in
//! place of `localhost:9090` / `127.0.0.1:9090`, the admin key in `$KEY` /
//! `$TASKER_API_KEY` (the lines that ask the reader to set them are left
//! out), `TASKER_ENDPOINT` and `TASKER_STORAGE__DATA_DIR` set to the
//! server's, the workspace's binaries on `PATH` (so `cargo install` lines
//! are left out too, and `cargo run --bin NAME -- ARGS` runs `NAME ARGS`),
//! and `curl` failing on an HTTP error status.
//!
//! The TypeScript examples (```` ```ts ````, of `docs/workers.md` and the
//! Node SDK's README) are programs that run until stopped: the Node SDK's
//! tests type-check them against the package (`workers/node/src/test/docs.test.ts`),
//! and the Rust SDK's example is one of the crate's doc tests.

use std::path::Path;
use std::process::Command;

use tasker_e2e::{Backend, TestResult, TestServer, repo_root};

/// How a block is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shell,
    Python,
}

/// The runnable blocks of `markdown`, with the line each starts on.
fn runnable_blocks(markdown: &str) -> Vec<(usize, Kind, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Kind, String)> = None;
    for (number, line) in markdown.lines().enumerate() {
        let fence = line.trim_end();
        match &mut current {
            None if fence == "```sh runnable" => {
                current = Some((number + 1, Kind::Shell, String::new()))
            }
            None if fence == "```python runnable" => {
                current = Some((number + 1, Kind::Python, String::new()))
            }
            Some(_) if fence == "```" => blocks.extend(current.take()),
            Some((_, _, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// What the reader does by hand (set the key, install the CLI) is done by
/// the test; everything else runs as written.
fn as_run(block: &str, addr: &str, kind: Kind) -> String {
    let mut script = match kind {
        Kind::Shell => String::from("curl() { command curl --fail-with-body \"$@\"; }\n"),
        Kind::Python => String::new(),
    };
    for line in block.lines() {
        let trimmed = line.trim_start();
        if kind == Kind::Shell
            && (trimmed.starts_with("KEY=tk_")
                || trimmed.starts_with("export TASKER_API_KEY=tk_")
                || trimmed.starts_with("cargo install"))
        {
            continue;
        }
        let line = match (kind, trimmed.strip_prefix("cargo run --bin ")) {
            (Kind::Shell, Some(rest)) => {
                // The binary, already built, instead of cargo building it.
                let (name, args) = rest.split_once(' ').unwrap_or((rest, ""));
                let args = args.trim_start();
                let args = args.strip_prefix("--").unwrap_or(args).trim_start();
                format!("{name} {args}").trim_end().to_owned()
            }
            _ => line.to_owned(),
        };
        script.push_str(
            &line
                .replace("localhost:9090", addr)
                .replace("127.0.0.1:9090", addr),
        );
        script.push('\n');
    }
    script
}

/// Runs every runnable block of `document` (relative to the repository's
/// root) against a server of its own; returns how many ran.
async fn run_document(document: &str) -> TestResult<usize> {
    let markdown = std::fs::read_to_string(repo_root().join(document))?;
    let blocks = runnable_blocks(&markdown);
    if blocks.is_empty() {
        return Ok(0);
    }
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_EXAMPLES__EMBEDDED_WORKER", "true")],
    )
    .await?;
    let addr = server.addr().to_string();
    let path = format!(
        "{}:{}:{}",
        tasker_e2e::bin_dir().display(),
        repo_root().join("node_modules/.bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let count = blocks.len();
    for (line, kind, block) in blocks {
        let script = as_run(&block, &addr, kind);
        let mut command = match kind {
            Kind::Shell => {
                let mut command = Command::new("bash");
                command.args(["-euo", "pipefail", "-c", &script]);
                command
            }
            Kind::Python => {
                let mut command = Command::new(super::external::python()?);
                command.args(["-c", &script]);
                command
            }
        };
        let output = command
            .current_dir(repo_root())
            .env("KEY", server.admin_key())
            .env("TASKER_API_KEY", server.admin_key())
            .env("TASKER_ENDPOINT", server.url())
            .env("TASKER_STORAGE__DATA_DIR", server.data_dir())
            .env("PATH", &path)
            .output()?;
        assert!(
            output.status.success(),
            "{document} block at line {line} failed ({}):\n{block}\nstdout:\n{}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(count)
}

#[tokio::test]
async fn the_readme_commands_run_as_written() -> TestResult {
    let count = run_document("README.md").await?;
    assert!(count >= 4, "the README lost its runnable blocks");
    Ok(())
}

#[tokio::test]
async fn the_guides_examples_run_as_written() -> TestResult {
    let mut guides: Vec<String> = std::fs::read_dir(repo_root().join("docs"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| {
            p.strip_prefix(repo_root())
                .ok()
                .map(Path::to_string_lossy)
                .map(String::from)
        })
        .collect();
    guides.sort();
    let mut total = 0;
    for guide in &guides {
        total += run_document(guide).await?;
    }
    assert!(
        total >= 8,
        "the guides lost their runnable examples ({total})"
    );
    Ok(())
}

#[test]
fn blocks_are_found_and_prepared() {
    let markdown = "text\n```sh runnable\nKEY=tk_...\ncurl -s localhost:9090/x\n```\n```sh\nnot me\n```\n\
                    ```python runnable\nprint('127.0.0.1:9090')\n```\n";
    let blocks = runnable_blocks(markdown);
    assert_eq!(
        blocks,
        [
            (
                2,
                Kind::Shell,
                "KEY=tk_...\ncurl -s localhost:9090/x\n".to_owned()
            ),
            (9, Kind::Python, "print('127.0.0.1:9090')\n".to_owned())
        ]
    );
    let script = as_run(&blocks[0].2, "127.0.0.1:1234", Kind::Shell);
    assert!(script.ends_with("curl -s 127.0.0.1:1234/x\n"), "{script}");
    assert!(!script.contains("KEY=tk_"), "{script}");
    let script = as_run(&blocks[1].2, "127.0.0.1:1234", Kind::Python);
    assert_eq!(script, "print('127.0.0.1:1234')\n");
    let script = as_run(
        "cargo run --bin tasker-server -- admin create-key --permissions '*'\ncargo run --bin tasker\n",
        "127.0.0.1:1234",
        Kind::Shell,
    );
    assert!(
        script.ends_with("\ntasker-server admin create-key --permissions '*'\ntasker\n"),
        "{script}"
    );
}
