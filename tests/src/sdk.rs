//! Worker processes of the language SDKs (`workers/python`, `workers/node`):
//! any command that reads `TASKER_ENDPOINT` and `TASKER_API_KEY`, logs JSON
//! lines, and announces its registration with a line whose `message` is
//! `registered` and which carries the `worker_uuid`.

use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use crate::{TestResult, TestServer, collect_lines, sigterm, wait_for_exit};

/// A running SDK worker process, killed when dropped.
#[derive(Debug)]
pub struct SdkWorker {
    language: &'static str,
    child: Child,
    logs: Arc<Mutex<Vec<String>>>,
    worker_uuid: String,
}

/// The `worker_uuid` of a JSON `registered` log line.
fn registered_uuid(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    if value.get("message")?.as_str()? != "registered" {
        return None;
    }
    value.get("worker_uuid")?.as_str().map(str::to_owned)
}

/// Prepares `command` to reach `server` with `api_key`: a clean `TASKER_*`
/// environment plus `TASKER_ENDPOINT` and `TASKER_API_KEY`, piped output.
fn prepare(command: &mut Command, server: &TestServer, api_key: &str) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TASKER_") {
            command.env_remove(key);
        }
    }
    command
        .env("TASKER_ENDPOINT", server.url())
        .env("TASKER_API_KEY", api_key)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
}

impl SdkWorker {
    /// Starts `command` (a worker of `language`) against `server` with
    /// `api_key`, and waits until it has registered.
    pub async fn start(
        language: &'static str,
        mut command: Command,
        server: &TestServer,
        api_key: &str,
    ) -> TestResult<Self> {
        prepare(&mut command, server, api_key);
        let mut child = command.spawn()?;
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (line_tx, line_rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        collect_lines(stdout, Arc::clone(&logs), None, Some(line_tx.clone()));
        collect_lines(stderr, Arc::clone(&logs), None, Some(line_tx));
        let registered = tokio::task::spawn_blocking(move || {
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
                match line_rx.recv_timeout(left) {
                    Ok(line) => {
                        if let Some(uuid) = registered_uuid(&line) {
                            return Some(uuid);
                        }
                    }
                    Err(_) => return None,
                }
            }
            None
        })
        .await?;
        let mut worker = Self {
            language,
            child,
            logs,
            worker_uuid: String::new(),
        };
        match registered {
            Some(uuid) => {
                worker.worker_uuid = uuid;
                Ok(worker)
            }
            None => {
                worker.kill();
                Err(format!(
                    "{language} worker did not register; output:\n{}",
                    worker.output()
                )
                .into())
            }
        }
    }

    /// Runs `command` against `server` with `api_key` until it exits (at most
    /// 30 s): its exit status and output, for a worker that should be refused.
    pub async fn run_to_exit(
        mut command: Command,
        server: &TestServer,
        api_key: &str,
    ) -> TestResult<(ExitStatus, String)> {
        prepare(&mut command, server, api_key);
        let child = command.spawn()?;
        let output = tokio::time::timeout(
            Duration::from_secs(30),
            tokio::task::spawn_blocking(move || child.wait_with_output()),
        )
        .await
        .map_err(|_| "the worker did not exit within 30 s")???;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        Ok((output.status, text))
    }

    /// The language of the SDK.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// The identifier the orchestrator assigned at registration.
    pub fn worker_uuid(&self) -> &str {
        &self.worker_uuid
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

    /// Waits (at most `timeout`) for a log line whose `message` is `message`
    /// and returns it.
    pub async fn wait_for_log(
        &self,
        message: &str,
        timeout: Duration,
    ) -> TestResult<serde_json::Value> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(line) = self.logs(message).into_iter().next() {
                return Ok(line);
            }
            if tokio::time::Instant::now() > deadline {
                return Err(format!(
                    "{} worker logged no {message:?} within {timeout:?}; output:\n{}",
                    self.language,
                    self.output()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Sends SIGTERM without waiting (see [`Self::wait`]).
    pub fn sigterm(&self) -> TestResult {
        sigterm(&self.child)
    }

    /// Waits (at most `timeout`) for the process to exit, without blocking
    /// the runtime.
    pub async fn wait(&mut self, timeout: Duration) -> TestResult<ExitStatus> {
        match wait_for_exit(&mut self.child, timeout).await? {
            Some(status) => Ok(status),
            None => Err(format!(
                "{} worker did not exit within {timeout:?}; output:\n{}",
                self.language,
                self.output()
            )
            .into()),
        }
    }

    /// Kills the worker at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits (at most 30 s) for the process to exit.
    pub async fn terminate(&mut self) -> TestResult<ExitStatus> {
        self.sigterm()?;
        self.wait(Duration::from_secs(30)).await
    }
}

impl Drop for SdkWorker {
    fn drop(&mut self) {
        self.kill();
    }
}

#[cfg(test)]
mod tests {
    use super::registered_uuid;

    #[test]
    fn registration_lines_are_recognised() {
        assert_eq!(
            registered_uuid(r#"{"message": "registered", "worker_uuid": "w1", "level": "INFO"}"#),
            Some("w1".to_owned())
        );
        assert_eq!(
            registered_uuid(r#"{"message": "deregistered", "worker_uuid": "w1"}"#),
            None
        );
        assert_eq!(registered_uuid("registered w1"), None);
    }
}
