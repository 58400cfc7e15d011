//! The README's shell blocks marked `sh runnable`, run as written against a
//! real server, so the README stays true: each block runs under
//! `bash -euo pipefail`, with the server's address in place of
//! `localhost:9090`, the admin key in `$KEY` / `$TASKER_API_KEY` (the lines
//! that ask the reader to set them are left out), the workspace's binaries on
//! `PATH` (so `cargo install` lines are left out too), and `curl` failing on
//! an HTTP error status.

use std::process::Command;

use tasker_e2e::{Backend, TestResult, TestServer, repo_root};

/// The `sh runnable` blocks of `markdown`, with the line each starts on.
fn runnable_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (number, line) in markdown.lines().enumerate() {
        match &mut current {
            None if line.trim_end() == "```sh runnable" => {
                current = Some((number + 1, String::new()))
            }
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some((_, text)) => {
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
fn as_run(block: &str, addr: &str) -> String {
    let mut script = String::from("curl() { command curl --fail-with-body \"$@\"; }\n");
    for line in block.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("KEY=tk_")
            || trimmed.starts_with("export TASKER_API_KEY=tk_")
            || trimmed.starts_with("cargo install")
        {
            continue;
        }
        script.push_str(
            &line
                .replace("localhost:9090", addr)
                .replace("127.0.0.1:9090", addr),
        );
        script.push('\n');
    }
    script
}

#[tokio::test]
async fn the_readme_commands_run_as_written() -> TestResult {
    let readme = std::fs::read_to_string(repo_root().join("README.md"))?;
    let blocks = runnable_blocks(&readme);
    assert!(blocks.len() >= 4, "the README lost its runnable blocks");
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_EXAMPLES__EMBEDDED_WORKER", "true")],
    )
    .await?;
    let addr = server.addr().to_string();
    let path = format!(
        "{}:{}",
        tasker_e2e::bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (line, block) in blocks {
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", &as_run(&block, &addr)])
            .current_dir(repo_root())
            .env("KEY", server.admin_key())
            .env("TASKER_API_KEY", server.admin_key())
            .env("TASKER_ENDPOINT", server.url())
            .env("PATH", &path)
            .output()?;
        assert!(
            output.status.success(),
            "README.md block at line {line} failed ({}):\n{block}\nstdout:\n{}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

#[test]
fn blocks_are_found_and_prepared() {
    let markdown =
        "text\n```sh runnable\nKEY=tk_...\ncurl -s localhost:9090/x\n```\n```sh\nnot me\n```\n";
    let blocks = runnable_blocks(markdown);
    assert_eq!(
        blocks,
        [(2, "KEY=tk_...\ncurl -s localhost:9090/x\n".to_owned())]
    );
    let script = as_run(&blocks[0].1, "127.0.0.1:1234");
    assert!(script.ends_with("curl -s 127.0.0.1:1234/x\n"), "{script}");
    assert!(!script.contains("KEY=tk_"), "{script}");
}
