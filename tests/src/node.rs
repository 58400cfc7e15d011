//! The Node worker SDK's example worker (`workers/node/dist/example.js`) as
//! a child process: started against a [`TestServer`] with a credential and
//! the example's flags, its JSON log lines collected, killed when dropped.
//!
//! The package is built by `scripts/make node-worker` (which the test
//! command runs first).

use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{TestResult, TestServer, collect_lines, repo_root};

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

/// A running Node example worker, killed when dropped.
#[derive(Debug)]
pub struct NodeWorker {
    child: Child,
    logs: Arc<Mutex<Vec<String>>>,
}

impl NodeWorker {
    /// Starts the example against `server` with `api_key` (as
    /// `TASKER_ENDPOINT` / `TASKER_API_KEY`) and `args` (`--namespace`,
    /// `--handlers`, ...), without waiting for anything.
    pub fn spawn(server: &TestServer, api_key: &str, args: &[&str]) -> TestResult<Self> {
        let mut command = Command::new("node");
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TASKER_") {
                command.env_remove(key);
            }
        }
        let mut child = command
            .arg(example_worker()?)
            .args(args)
            .env("TASKER_ENDPOINT", server.url())
            .env("TASKER_API_KEY", api_key)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start node (is Node.js installed?): {e}"))?;
        let logs = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        collect_lines(stdout, Arc::clone(&logs), None, None);
        collect_lines(stderr, Arc::clone(&logs), None, None);
        Ok(Self { child, logs })
    }

    /// Starts the example and waits until it has registered.
    pub async fn start(server: &TestServer, api_key: &str, args: &[&str]) -> TestResult<Self> {
        let worker = Self::spawn(server, api_key, args)?;
        worker
            .wait_for_log("registered", Duration::from_secs(30))
            .await?;
        Ok(worker)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything the worker printed so far.
    pub fn output(&self) -> String {
        self.logs.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// The JSON log lines whose `message` is `message`.
    pub fn logs(&self, message: &str) -> Vec<serde_json::Value> {
        self.logs
            .lock()
            .map(|lines| {
                lines
                    .iter()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .filter(|v| v["message"] == message)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until a log line with `message` appears and returns it.
    pub async fn wait_for_log(
        &self,
        message: &str,
        timeout: Duration,
    ) -> TestResult<serde_json::Value> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(line) = self.logs(message).into_iter().next() {
                return Ok(line);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "the Node worker logged no {message:?} within {timeout:?}; output:\n{}",
                    self.output()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Sends `signal` (`-TERM`, `-KILL`, ...) to the process.
    pub fn signal(&self, signal: &str) -> TestResult {
        let status = Command::new("kill")
            .arg(signal)
            .arg(self.child.id().to_string())
            .status()?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("kill {signal} failed").into())
        }
    }

    /// Waits for the process to exit, without blocking the runtime.
    pub async fn wait(&mut self, timeout: Duration) -> TestResult<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "the Node worker did not exit within {timeout:?}; output:\n{}",
                    self.output()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kills the worker at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for NodeWorker {
    fn drop(&mut self) {
        self.kill();
    }
}
