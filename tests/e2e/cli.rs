//! The `tasker` command line against real servers, over both transports:
//! create → watch → complete with a real worker, the dead-letter path with a
//! manual resolution, templates from a file, API keys, and the exit code of
//! each error class.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use tasker_e2e::{Backend, TestResult, TestServer, TestWorker};

const TRANSPORTS: [&str; 2] = ["grpc", "rest"];

/// What one run of `tasker` did.
#[derive(Debug)]
struct Run {
    args: Vec<String>,
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    fn ok(self) -> Self {
        assert_eq!(self.code, 0, "tasker {}: {self:?}", self.args.join(" "));
        self
    }
}

/// Runs `tasker` with the server's endpoint and admin key, `transport`,
/// no profile file and no inherited TASKER_* variables.
async fn tasker(server: &TestServer, transport: &str, args: &[&str]) -> Run {
    tasker_with(server, transport, Some(server.admin_key()), args).await
}

async fn tasker_with(
    server: &TestServer,
    transport: &str,
    api_key: Option<&str>,
    args: &[&str],
) -> Run {
    let mut command = tokio::process::Command::new(tasker_e2e::binary("tasker").unwrap());
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TASKER_") {
            command.env_remove(key);
        }
    }
    command
        .env("TASKER_CLI_CONFIG", "/nonexistent/tasker-e2e.toml")
        .env("TASKER_ENDPOINT", server.url())
        .env("TASKER_TRANSPORT", transport)
        .args(args)
        .stdin(std::process::Stdio::null());
    if let Some(key) = api_key {
        command.env("TASKER_API_KEY", key);
    }
    let output = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("tasker did not finish within 60 s")
        .expect("tasker runs");
    Run {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

async fn server_with_examples(backend: Backend) -> TestResult<TestServer> {
    let templates = tasker_e2e::repo_root().join("config/templates");
    TestServer::start_with(
        backend,
        &[("TASKER_TEMPLATES__DIRECTORY", &templates.to_string_lossy())],
    )
    .await
}

async fn create_watch_complete(backend: Backend) -> TestResult {
    let server = server_with_examples(backend).await?;
    let worker = TestWorker::start(&server, "[examples]").await?;
    for transport in TRANSPORTS {
        // --wait follows the task to the end; JSON output is one watch
        // message per line, the last one terminal.
        let run = tasker(
            &server,
            transport,
            &[
                "task",
                "create",
                "examples/linear",
                "--context",
                &format!(r#"{{"value": 1, "via": "{transport}"}}"#),
                "--wait",
                "-o",
                "json",
            ],
        )
        .await;
        assert_eq!(run.code, 0, "{run:?}\nworker:\n{}", worker.output());
        let last: Value = serde_json::from_str(run.stdout.lines().last().unwrap_or_default())?;
        assert_eq!(last["terminal"], true, "{run:?}");
        assert_eq!(last["task"]["state"], "TASK_STATE_COMPLETE", "{run:?}");

        // create, then watch it separately, with the table output.
        let created = tasker(
            &server,
            transport,
            &[
                "task",
                "create",
                "examples/diamond",
                "--context",
                &format!(r#"{{"value": 2, "via": "{transport}"}}"#),
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        let uuid = created["task"]["taskUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(!uuid.is_empty(), "{created}");
        // Several tasks at once: one bar each, one final line each.
        let waited = last["task"]["taskUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let watched = tasker(&server, transport, &["task", "watch", &uuid, &waited])
            .await
            .ok();
        for task in [&uuid, &waited] {
            assert!(
                watched.stdout.contains(&format!("task {task} complete")),
                "{watched:?}"
            );
        }
        let task = tasker(&server, transport, &["task", "get", &uuid, "-o", "json"])
            .await
            .ok()
            .json();
        assert_eq!(task["task"]["state"], "TASK_STATE_COMPLETE");
        let context = tasker(
            &server,
            transport,
            &["task", "context", &uuid, "-o", "yaml"],
        )
        .await
        .ok();
        assert!(context.stdout.contains(&uuid), "{context:?}");
        let listed = tasker(
            &server,
            transport,
            &[
                "task",
                "list",
                "--namespace",
                "examples",
                "--state",
                "complete",
                "--all",
                "--page-size",
                "1",
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        let tasks = listed["tasks"].as_array().cloned().unwrap_or_default();
        assert!(
            tasks.iter().any(|t| t["taskUuid"] == uuid.as_str()),
            "{listed}"
        );
        let table = tasker(&server, transport, &["task", "list", "--limit", "2"])
            .await
            .ok();
        assert!(table.stdout.contains("complete"), "{table:?}");
        let steps = tasker(&server, transport, &["step", "list", &uuid])
            .await
            .ok();
        assert!(steps.stdout.contains("complete"), "{steps:?}");
        let listed = tasker(&server, transport, &["step", "list", &uuid, "-o", "json"])
            .await
            .ok()
            .json();
        let first = listed["steps"][0]["stepUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let step = tasker(
            &server,
            transport,
            &["step", "get", &uuid, &first, "-o", "json"],
        )
        .await
        .ok()
        .json();
        assert_eq!(step["step"]["stepUuid"], first.as_str(), "{step}");
        assert_eq!(step["step"]["state"], "STEP_STATE_COMPLETE", "{step}");

        // Every health probe of the orchestrator answers healthy: exit 0.
        for probe in [&[][..], &["--detailed"], &["--live"], &["--ready"]] {
            let mut args = vec!["health", "-o", "json"];
            args.extend_from_slice(probe);
            let health = tasker(&server, transport, &args).await.ok().json();
            assert!(health.is_object(), "{health}");
        }
    }
    // The worker's own port: every command.
    for transport in TRANSPORTS {
        let on_worker = |command: &'static str| {
            let url = worker.url();
            let server = &server;
            async move {
                tasker(
                    server,
                    transport,
                    &["worker", command, "--worker-endpoint", &url, "-o", "json"],
                )
                .await
                .ok()
                .json()
            }
        };
        let templates = on_worker("templates").await;
        assert!(templates.to_string().contains("linear"), "{templates}");
        // The table shows what a worker template has: its handlers.
        let handler = templates["templates"][0]["handlers"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(!handler.is_empty(), "{templates}");
        let table = tasker(
            &server,
            transport,
            &[
                "worker",
                "templates",
                "--worker-endpoint",
                &worker.url(),
                "-o",
                "table",
            ],
        )
        .await
        .ok()
        .stdout;
        assert!(
            table.contains("handlers") && table.contains(&handler),
            "{table}"
        );
        let health = on_worker("health").await;
        assert!(health.get("status").is_some(), "{health}");
        let config = on_worker("config").await;
        assert!(
            config["redactedFields"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f == "orchestrator.api_key")),
            "{config}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn cli_create_watch_complete_on_sqlite() -> TestResult {
    create_watch_complete(Backend::Sqlite).await
}

#[tokio::test]
async fn cli_create_watch_complete_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    create_watch_complete(Backend::Postgres).await
}

async fn wait_for_state(server: &TestServer, transport: &str, uuid: &str, state: &str) -> Value {
    for _ in 0..300 {
        let task = tasker(server, transport, &["task", "get", uuid, "-o", "json"])
            .await
            .ok()
            .json();
        if task["task"]["state"] == state {
            return task;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("task {uuid} never reached {state}");
}

async fn dead_letter_resolution(backend: Backend) -> TestResult {
    let server = server_with_examples(backend).await?;
    let _worker = TestWorker::start(&server, "[examples]").await?;
    for transport in TRANSPORTS {
        let created = tasker(
            &server,
            transport,
            &[
                "task",
                "create",
                "examples/always_fails",
                "--context",
                &format!(r#"{{"via": "{transport}"}}"#),
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        let uuid = created["task"]["taskUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        wait_for_state(&server, transport, &uuid, "TASK_STATE_BLOCKED_BY_FAILURES").await;
        // A watch stops at a task blocked by a failed step, exit 10, saying
        // what to do.
        let blocked = tasker(&server, transport, &["task", "watch", &uuid]).await;
        assert_eq!(blocked.code, 10, "{blocked:?}");
        assert!(
            blocked.stdout.contains("blocked_by_failures")
                && blocked.stderr.contains("tasker step resolve"),
            "{blocked:?}"
        );
        let waited = tasker(
            &server,
            transport,
            &[
                "task",
                "create",
                "examples/always_fails",
                "--wait",
                "-o",
                "json",
            ],
        )
        .await;
        assert_eq!(waited.code, 10, "{waited:?}");
        let entry = tasker(&server, transport, &["dlq", "get", &uuid, "-o", "json"])
            .await
            .ok()
            .json();
        assert_eq!(
            entry["entry"]["reason"], "DLQ_REASON_MAX_RETRIES_EXCEEDED",
            "{entry}"
        );
        let entry_uuid = entry["entry"]["dlqEntryUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let listed = tasker(&server, transport, &["dlq", "list", "--status", "pending"])
            .await
            .ok();
        assert!(listed.stdout.contains(&uuid), "{listed:?}");
        tasker(&server, transport, &["dlq", "stats"]).await.ok();
        tasker(&server, transport, &["dlq", "queue"]).await.ok();
        tasker(&server, transport, &["dlq", "staleness"]).await.ok();

        let steps = tasker(&server, transport, &["step", "list", &uuid, "-o", "json"])
            .await
            .ok()
            .json();
        let doomed = steps["steps"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["name"] == "doomed"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(doomed["state"], "STEP_STATE_ERROR", "{steps}");
        let step_uuid = doomed["stepUuid"].as_str().unwrap_or_default().to_owned();

        // The server requires a reason: a usage-level refusal, exit 6.
        let no_reason = tasker(
            &server,
            transport,
            &[
                "step",
                "resolve",
                &uuid,
                &step_uuid,
                "--action",
                "complete-manually",
                "--reason",
                "",
            ],
        )
        .await;
        assert_eq!(no_reason.code, 6, "{no_reason:?}");
        assert!(
            no_reason.stderr.starts_with("error: invalid argument"),
            "{no_reason:?}"
        );

        // With --through-failures the watch follows the blocked task until
        // an operator resolves its step, then exits 0 with the task complete.
        let follow = ["task", "watch", uuid.as_str(), "--through-failures"];
        let resolve = async {
            tokio::time::sleep(Duration::from_millis(700)).await;
            tasker(
                &server,
                transport,
                &[
                    "step",
                    "resolve",
                    &uuid,
                    &step_uuid,
                    "--action",
                    "complete-manually",
                    "--reason",
                    "replayed by hand",
                    "--results",
                    r#"{"manual": true}"#,
                ],
            )
            .await
            .ok()
        };
        let (watched, _) = tokio::join!(tasker(&server, transport, &follow), resolve);
        let watched = watched.ok();
        assert!(
            watched.stdout.contains(&format!("task {uuid} complete")),
            "{watched:?}"
        );
        let audit = tasker(
            &server,
            transport,
            &["step", "audit", &uuid, &step_uuid, "-o", "json"],
        )
        .await
        .ok()
        .json();
        assert!(audit.to_string().contains("replayed by hand"), "{audit}");
        // Resolving the step settled its dead-letter entry, saying how.
        let settled = tasker(&server, transport, &["dlq", "get", &uuid, "-o", "json"])
            .await
            .ok()
            .json();
        assert_eq!(
            settled["entry"]["resolutionStatus"], "DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED",
            "{settled}"
        );
        assert!(
            settled["entry"]["resolutionNotes"]
                .as_str()
                .is_some_and(|n| n.contains("completed manually") && n.contains("replayed by hand")),
            "{settled}"
        );
        let updated = tasker(
            &server,
            transport,
            &[
                "dlq",
                "update",
                &entry_uuid,
                "--status",
                "manually-resolved",
                "--notes",
                "fixed upstream",
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        assert_eq!(
            updated["entry"]["resolutionStatus"],
            "DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED"
        );
    }
    Ok(())
}

#[tokio::test]
async fn cli_dead_letter_resolution_on_sqlite() -> TestResult {
    dead_letter_resolution(Backend::Sqlite).await
}

#[tokio::test]
async fn cli_dead_letter_resolution_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    dead_letter_resolution(Backend::Postgres).await
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[tokio::test]
async fn cli_registers_a_template_from_a_file() -> TestResult {
    let server = TestServer::start().await?;
    let dir = tempfile::tempdir()?;
    for transport in TRANSPORTS {
        let good = write(
            dir.path(),
            &format!("{transport}.yaml"),
            &format!(
                "namespace: cli\nname: {transport}\nversion: 1.0.0\nsteps:\n  - {{name: a, handler: noop}}\n  - {{name: b, handler: noop, depends_on: [a]}}\n"
            ),
        );
        let valid = tasker(
            &server,
            transport,
            &["template", "validate", &good, "-o", "json"],
        )
        .await
        .ok()
        .json();
        assert_eq!(valid["valid"], true, "{valid}");
        let registered = tasker(
            &server,
            transport,
            &["template", "register", &good, "-o", "json"],
        )
        .await
        .ok()
        .json();
        assert_eq!(registered["template"]["name"], transport, "{registered}");
        let fetched = tasker(
            &server,
            transport,
            &[
                "template",
                "get",
                &format!("cli/{transport}/1.0.0"),
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        assert_eq!(
            fetched["template"]["steps"].as_array().map(Vec::len),
            Some(2),
            "{fetched}"
        );
        let listed = tasker(
            &server,
            transport,
            &["template", "list", "--namespace", "cli"],
        )
        .await
        .ok();
        assert!(listed.stdout.contains(transport), "{listed:?}");

        let cyclic = write(
            dir.path(),
            "cyclic.yaml",
            "namespace: cli\nname: cyclic\nversion: 1.0.0\nsteps:\n  - {name: a, handler: noop, depends_on: [b]}\n  - {name: b, handler: noop, depends_on: [a]}\n",
        );
        let refused = tasker(&server, transport, &["template", "register", &cyclic]).await;
        assert_eq!(refused.code, 6, "{refused:?}");
        assert!(
            refused.stderr.contains("\n  - "),
            "violations listed: {refused:?}"
        );
        let invalid = tasker(&server, transport, &["template", "validate", &cyclic]).await;
        assert_eq!(invalid.code, 6, "{invalid:?}");
    }
    Ok(())
}

#[tokio::test]
async fn cli_creates_and_revokes_api_keys() -> TestResult {
    let server = TestServer::start().await?;
    for transport in TRANSPORTS {
        let name = format!("ci-{transport}");
        let created = tasker(
            &server,
            transport,
            &[
                "auth",
                "key",
                "create",
                &name,
                "--permission",
                "tasks:read",
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        let secret = created["secret"].as_str().unwrap_or_default().to_owned();
        let key_uuid = created["apiKey"]["apiKeyUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(secret.starts_with("tk_"), "{created}");
        let me = tasker_with(
            &server,
            transport,
            Some(&secret),
            &["auth", "whoami", "-o", "json"],
        )
        .await
        .ok()
        .json();
        assert_eq!(me["permissions"], serde_json::json!(["tasks:read"]), "{me}");
        // The narrow key may not list keys: permission denied, exit 5.
        let denied = tasker_with(&server, transport, Some(&secret), &["auth", "key", "list"]).await;
        assert_eq!(denied.code, 5, "{denied:?}");
        let listed = tasker(&server, transport, &["auth", "key", "list"])
            .await
            .ok();
        assert!(listed.stdout.contains(&name), "{listed:?}");
        let token = tasker_with(
            &server,
            transport,
            Some(&secret),
            &["auth", "token", "--ttl", "60", "-o", "json"],
        )
        .await
        .ok()
        .json();
        assert!(token["accessToken"].as_str().is_some_and(|t| !t.is_empty()));
        tasker(&server, transport, &["auth", "key", "revoke", &key_uuid])
            .await
            .ok();
        // A revoked key is refused: unauthenticated, exit 4.
        let revoked = tasker_with(&server, transport, Some(&secret), &["auth", "whoami"]).await;
        assert_eq!(revoked.code, 4, "{revoked:?}");
    }
    Ok(())
}

#[tokio::test]
async fn cli_exit_codes_name_the_error_class() -> TestResult {
    let server = server_with_examples(Backend::Sqlite).await?;
    for transport in TRANSPORTS {
        let missing = tasker(
            &server,
            transport,
            &["task", "get", "0190a000-0000-7000-8000-000000000000"],
        )
        .await;
        assert_eq!(missing.code, 3, "{missing:?}");
        assert_eq!(
            missing.stderr.lines().count(),
            1,
            "one clear line: {missing:?}"
        );
        // The server's message, with the class not said twice.
        assert_eq!(
            missing.stderr.trim_end(),
            "error: task 0190a000-0000-7000-8000-000000000000 not found",
            "{missing:?}"
        );

        let anonymous = tasker_with(&server, transport, None, &["auth", "whoami"]).await;
        assert_eq!(anonymous.code, 4, "{anonymous:?}");

        let invalid = tasker(
            &server,
            transport,
            &["task", "create", "examples/linear", "--context", "[1]"],
        )
        .await;
        // Values that parse but cannot be used are usage errors, exit 2 as
        // clap's own, in one line naming the option.
        assert_eq!(invalid.code, 2, "a usage error: {invalid:?}");
        assert!(
            invalid
                .stderr
                .starts_with("error: --context: expected a JSON object"),
            "{invalid:?}"
        );
        let bad_json = tasker(
            &server,
            transport,
            &[
                "task",
                "create",
                "examples/linear",
                "--context",
                "{value: 1}",
            ],
        )
        .await;
        assert_eq!(bad_json.code, 2, "{bad_json:?}");
        assert!(
            bad_json
                .stderr
                .starts_with("error: --context: not valid JSON"),
            "{bad_json:?}"
        );
        let bad_state = tasker(&server, transport, &["task", "list", "--state", "bogus"]).await;
        assert_eq!(bad_state.code, 2, "{bad_state:?}");
        assert!(
            bad_state
                .stderr
                .starts_with("error: --state \"bogus\": not one of pending,"),
            "{bad_state:?}"
        );
        let bad_template = tasker(&server, transport, &["task", "create", "linear"]).await;
        assert_eq!(bad_template.code, 2, "{bad_template:?}");
        let no_file = tasker(
            &server,
            transport,
            &["template", "register", "/nonexistent/template.yaml"],
        )
        .await;
        assert_eq!(no_file.code, 2, "{no_file:?}");
        let bad_endpoint = tasker(&server, transport, &["health", "--endpoint", "localhost"]).await;
        assert_eq!(bad_endpoint.code, 2, "{bad_endpoint:?}");
        for run in [
            &invalid,
            &bad_json,
            &bad_state,
            &bad_template,
            &no_file,
            &bad_endpoint,
        ] {
            assert_eq!(run.stderr.lines().count(), 1, "one line: {run:?}");
        }

        let key = format!("idem-{transport}");
        let args = [
            "task",
            "create",
            "examples/linear",
            "--idempotency-key",
            key.as_str(),
        ];
        tasker(&server, transport, &args).await.ok();
        let again = tasker(&server, transport, &args).await;
        assert_eq!(again.code, 7, "{again:?}");

        // A cancelled task's watch exits 10.
        let created = tasker(
            &server,
            transport,
            &[
                "task",
                "create",
                "examples/linear",
                "--context",
                &format!(r#"{{"cancel": "{transport}"}}"#),
                "-o",
                "json",
            ],
        )
        .await
        .ok()
        .json();
        let uuid = created["task"]["taskUuid"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        tasker(
            &server,
            transport,
            &["task", "cancel", &uuid, "--reason", "test"],
        )
        .await
        .ok();
        let watched = tasker(&server, transport, &["task", "watch", &uuid]).await;
        assert_eq!(watched.code, 10, "{watched:?}");
        let first = again
            .stderr
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        tasker(&server, transport, &["task", "cancel", &first])
            .await
            .ok();
        let both = tasker(&server, transport, &["task", "watch", &first, &uuid]).await;
        assert_eq!(both.code, 10, "{both:?}");
        assert_eq!(both.stdout.matches(" cancelled (").count(), 2, "{both:?}");
        assert!(watched.stderr.contains("cancelled"), "{watched:?}");

        let usage = tasker(&server, transport, &["task", "frobnicate"]).await;
        assert_eq!(usage.code, 2, "{usage:?}");
        let health = tasker(&server, transport, &["health", "--ready"]).await;
        assert_eq!(health.code, 0, "{health:?}");
        tasker(&server, transport, &["config", "-o", "yaml"])
            .await
            .ok();
        tasker(&server, transport, &["analytics", "performance"])
            .await
            .ok();
        tasker(&server, transport, &["analytics", "bottlenecks"])
            .await
            .ok();
    }
    // Nothing listens: unavailable, exit 8.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    for transport in TRANSPORTS {
        let run = tasker(
            &server,
            transport,
            &["health", "--endpoint", &format!("http://127.0.0.1:{port}")],
        )
        .await;
        assert_eq!(run.code, 8, "{run:?}");
    }
    // A reader that goes away (`tasker … | head`) ends the command quietly.
    let mut command = tokio::process::Command::new(tasker_e2e::binary("tasker")?);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TASKER_") {
            command.env_remove(key);
        }
    }
    let mut child = command
        .env("TASKER_CLI_CONFIG", "/nonexistent/tasker-e2e.toml")
        .env("TASKER_ENDPOINT", server.url())
        .env("TASKER_API_KEY", server.admin_key())
        .args(["task", "list", "--all", "-o", "yaml"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    drop(child.stdout.take());
    let closed = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output()).await??;
    assert_eq!(closed.status.code(), Some(0), "{closed:?}");
    assert!(closed.stderr.is_empty(), "{closed:?}");

    // A server that accepts connections and never answers: the deadline
    // (--timeout) passes, exit 9.
    let silent = std::net::TcpListener::bind("127.0.0.1:0")?;
    let silent_url = format!("http://{}", silent.local_addr()?);
    for transport in TRANSPORTS {
        let started = std::time::Instant::now();
        let run = tasker(
            &server,
            transport,
            &["health", "--endpoint", &silent_url, "--timeout", "0.5"],
        )
        .await;
        assert_eq!(run.code, 9, "{run:?}");
        assert!(started.elapsed() < Duration::from_secs(10), "{run:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    }
    drop(silent);
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef tasker"),
        ("fish", "complete -c tasker"),
    ] {
        let completions = tasker(&server, "grpc", &["completions", shell]).await.ok();
        assert!(
            completions.stdout.contains(marker),
            "{shell}: {completions:?}"
        );
        assert!(
            completions.stdout.contains("dlq"),
            "{shell}: {completions:?}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn cli_profiles_supply_the_connection() -> TestResult {
    let server = TestServer::start().await?;
    let dir = tempfile::tempdir()?;
    let config = write(
        dir.path(),
        "config.toml",
        &format!(
            "default_profile = \"local\"\n\n[profiles.local]\nendpoint = \"{}\"\ntransport = \"rest\"\napi_key = \"{}\"\noutput = \"json\"\n\n[profiles.nokey]\nendpoint = \"{}\"\n",
            server.url(),
            server.admin_key(),
            server.url()
        ),
    );
    let run = |args: &'static [&'static str]| {
        let mut command = std::process::Command::new(tasker_e2e::binary("tasker").unwrap());
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TASKER_") {
                command.env_remove(key);
            }
        }
        command.env("TASKER_CLI_CONFIG", &config).args(args);
        command.output().unwrap()
    };
    let whoami = run(&["auth", "whoami"]);
    assert!(whoami.status.success(), "{whoami:?}");
    let json: Value = serde_json::from_slice(&whoami.stdout)?;
    assert!(json["subject"].is_string(), "{json}");
    let nokey = run(&["auth", "whoami", "--profile", "nokey"]);
    assert_eq!(nokey.status.code(), Some(4), "{nokey:?}");
    let unknown = run(&["auth", "whoami", "--profile", "absent"]);
    assert_eq!(unknown.status.code(), Some(2), "a usage error: {unknown:?}");
    Ok(())
}

/// Without TASKER_CLI_CONFIG the profiles come from the XDG config
/// directory: `$XDG_CONFIG_HOME/tasker/config.toml`.
#[tokio::test]
async fn cli_reads_profiles_from_the_xdg_config_dir() -> TestResult {
    let server = TestServer::start().await?;
    let home = tempfile::tempdir()?;
    let xdg = home.path().join("xdg");
    std::fs::create_dir_all(xdg.join("tasker"))?;
    write(
        &xdg.join("tasker"),
        "config.toml",
        &format!(
            "default_profile = \"here\"\n\n[profiles.here]\nendpoint = \"{}\"\napi_key = \"{}\"\n\n[profiles.rest]\nendpoint = \"{}\"\ntransport = \"rest\"\napi_key = \"{}\"\noutput = \"yaml\"\n",
            server.url(),
            server.admin_key(),
            server.url(),
            server.admin_key()
        ),
    );
    let run = |args: &[&str], xdg_config_home: Option<&Path>| {
        let mut command = std::process::Command::new(tasker_e2e::binary("tasker").unwrap());
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("TASKER_") || key.starts_with("XDG_") {
                command.env_remove(key.as_ref());
            }
        }
        command.env("HOME", home.path()).args(args);
        if let Some(dir) = xdg_config_home {
            command.env("XDG_CONFIG_HOME", dir);
        }
        command.output().unwrap()
    };
    // The default profile: gRPC, table output.
    let whoami = run(&["auth", "whoami"], Some(&xdg));
    assert!(whoami.status.success(), "{whoami:?}");
    assert!(String::from_utf8_lossy(&whoami.stdout).contains("subject"));
    // A profile picked by name, with its own transport and output.
    let yaml = run(&["auth", "whoami", "--profile", "rest"], Some(&xdg));
    assert!(yaml.status.success(), "{yaml:?}");
    assert!(
        String::from_utf8_lossy(&yaml.stdout)
            .lines()
            .any(|line| line.starts_with("subject: api_key:")),
        "{yaml:?}"
    );
    // XDG_CONFIG_HOME unset: the XDG default, ~/.config.
    std::fs::rename(&xdg, home.path().join(".config"))?;
    let fallback = run(&["auth", "whoami"], None);
    assert!(fallback.status.success(), "{fallback:?}");
    Ok(())
}
