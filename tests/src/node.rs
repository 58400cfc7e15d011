//! The Node worker SDK's example worker (`workers/node/dist/example.js`),
//! run as a [`crate::sdk::SdkWorker`]. The package is built by
//! `scripts/make node-worker` (which the test command runs first).

use std::path::PathBuf;
use std::process::Command;

use crate::{TestResult, repo_root};

/// Path of the built example worker, checked to exist.
pub fn example_worker() -> TestResult<PathBuf> {
    let path = repo_root().join("workers/node/dist/example.js");
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found: run `scripts/make node-worker` before the tests",
            path.display()
        )
        .into())
    }
}

/// The example worker with `args` (`--namespace`, `--handlers`, ...), long
/// polls of one second.
pub fn node_worker_command(args: &[&str]) -> TestResult<Command> {
    let mut command = Command::new("node");
    command
        .arg(example_worker()?)
        .args(["--long-poll-wait-ms", "1000"])
        .args(args);
    Ok(command)
}
