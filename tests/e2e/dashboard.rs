//! The dashboard (`/ui/`) and the API reference (`/docs`) in a real browser:
//! `tests/browser/dashboard.mjs` drives Chromium through playwright-core
//! against a real server and worker started here on port 0. The pages talk
//! gRPC-Web to the server, over HTTP/1.1 (plain `http://`) and over h2 (TLS,
//! which is how browsers speak HTTP/2). Screenshots of every page land in
//! `target/dashboard-screenshots/`.
//!
//! Needs Node.js, the npm packages of `package.json` (`scripts/make
//! npm-install`) and Chromium (`/usr/bin/chromium`, or `TASKER_CHROMIUM`);
//! `scripts/make test` installs both.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tasker_e2e::{Backend, TestResult, TestServer, TestWorker, repo_root, self_signed_certificate};
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::{
    CreateTaskRequest, IssueTokenRequest, RegisterTemplateRequest, register_template_request,
};

/// Namespace of the tasks that wait for a worker no one runs (the long list).
const BULK_NAMESPACE: &str = "bulk";
/// How many of them.
const BULK_TASKS: usize = 1000;

/// How long one browser run may take before it is killed.
const RUN_TIMEOUT: Duration = Duration::from_secs(240);

/// The browser run: its process group is killed when dropped, so Chromium
/// never outlives a failed test.
struct BrowserRun {
    child: Child,
}

impl Drop for BrowserRun {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> TestResult<PathBuf> {
    let path = std::env::var_os("TASKER_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found: `scripts/make test` installs Debian's chromium (or set TASKER_CHROMIUM)",
            path.display()
        )
        .into())
    }
}

/// What the browser script needs to start a worker when it asks for one.
struct WorkerSpec<'a> {
    server: &'a TestServer,
    env: Vec<(String, String)>,
}

/// Runs the browser script for `scenario` against `url`, answering its
/// requests, and fails with its output unless every check passed.
async fn run_browser(
    scenario: &str,
    url: &str,
    key: &str,
    worker: WorkerSpec<'_>,
    extra_env: &[(&str, &str)],
) -> TestResult {
    let root = repo_root();
    if !root.join("node_modules/playwright-core").exists() {
        return Err("node_modules/playwright-core missing: run `scripts/make npm-install`".into());
    }
    let shots = root.join("target/dashboard-screenshots");
    let mut command = Command::new("node");
    command
        .arg(root.join("tests/browser/dashboard.mjs"))
        .current_dir(&root)
        .env("TASKER_UI_URL", url)
        .env("TASKER_UI_KEY", key)
        .env("TASKER_UI_SHOTS", &shots)
        .env("TASKER_UI_SCENARIO", scenario)
        .env("TASKER_CHROMIUM", chromium()?)
        .envs(extra_env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut run = BrowserRun {
        child: command.spawn()?,
    };
    let mut stdin = run.child.stdin.take().ok_or("no stdin")?;
    let stdout = run.child.stdout.take().ok_or("no stdout")?;
    let stderr = run.child.stderr.take().ok_or("no stderr")?;
    let (lines_tx, mut lines) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    let mut output = Vec::new();
    let mut workers = Vec::new();
    let outcome = tokio::time::timeout(RUN_TIMEOUT, async {
        while let Some(line) = lines.recv().await {
            if line == "@worker" {
                let env: Vec<(&str, &str)> = worker
                    .env
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                workers.push(TestWorker::start_with(worker.server, "[examples]", &env).await?);
                stdin.write_all(b"ok\n")?;
                stdin.flush()?;
            }
            output.push(line);
        }
        TestResult::Ok(())
    })
    .await;
    let status = match outcome {
        Ok(Ok(())) => run.child.wait()?,
        Ok(Err(error)) => {
            drop(run);
            return Err(format!(
                "browser run {scenario}: {error}; output:\n{}",
                output.join("\n")
            )
            .into());
        }
        Err(_) => {
            drop(run);
            return Err(format!(
                "browser run {scenario} timed out after {RUN_TIMEOUT:?}; output:\n{}",
                output.join("\n")
            )
            .into());
        }
    };
    let stderr = errors.join().unwrap_or_default();
    let report = format!(
        "browser run {scenario}: {status}\nstdout:\n{}\nstderr:\n{stderr}\nserver:\n{}",
        output.join("\n"),
        worker.server.output()
    );
    assert!(status.success(), "{report}");
    assert!(
        output
            .iter()
            .any(|l| l == &format!("dashboard {scenario}: all checks passed")),
        "{report}"
    );
    drop(workers);
    Ok(())
}

fn templates_dir() -> String {
    repo_root()
        .join("config/templates")
        .to_string_lossy()
        .into_owned()
}

/// Every page over gRPC-Web on HTTP/1.1: sign-in (a bad key refused), a task
/// whose DAG goes green live when a worker arrives, the dead-letter queue
/// after an always-failing task, the step resolved by hand while a second tab
/// watches the task finish, templates, analytics, health, a list of 1,000
/// tasks, a narrow window, `/docs` with "try it" sending the API key, and a
/// token that signs in but may not list tasks (the page says so).
#[tokio::test]
async fn the_dashboard_works_in_a_browser_over_http1() -> TestResult {
    let templates = templates_dir();
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[("TASKER_TEMPLATES__DIRECTORY", &templates)],
    )
    .await?;
    seed_waiting_tasks(&server).await?;
    let worker = WorkerSpec {
        server: &server,
        env: Vec::new(),
    };
    // A token that may read tasks but not list them: signs in, then is refused.
    let token = AuthServiceClient::new(server.raw_channel().await?)
        .issue_token(IssueTokenRequest {
            api_key: server.admin_key().into(),
            permissions: vec!["tasks:read".into()],
            ttl: Some(pbjson_types::Duration {
                seconds: 600,
                nanos: 0,
            }),
        })
        .await?
        .into_inner()
        .access_token;
    let count = BULK_TASKS.to_string();
    let env = [
        ("TASKER_UI_BULK_NAMESPACE", BULK_NAMESPACE),
        ("TASKER_UI_BULK_TASKS", count.as_str()),
        ("TASKER_UI_READ_ONLY_TOKEN", token.as_str()),
    ];
    run_browser("full", &server.url(), server.admin_key(), worker, &env).await
}

/// A long list for the tasks page: tasks of a namespace no worker serves.
async fn seed_waiting_tasks(server: &TestServer) -> TestResult {
    let channel = server.channel().await?;
    TemplateServiceClient::new(channel.clone())
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(format!(
                "namespace: {BULK_NAMESPACE}\nname: waiting\nversion: 1.0.0\nsteps:\n  - {{name: only, handler: noop}}\n"
            ))),
        })
        .await?;
    let mut tasks = TaskServiceClient::new(channel);
    for _ in 0..BULK_TASKS {
        tasks
            .create_task(CreateTaskRequest {
                namespace: BULK_NAMESPACE.into(),
                name: "waiting".into(),
                version: "1.0.0".into(),
                ..Default::default()
            })
            .await?;
    }
    Ok(())
}

/// The same page over h2: the server on TLS (a self-signed certificate the
/// browser is told to accept), a live task watched to completion, every
/// call checked to have gone over h2.
#[tokio::test]
async fn the_dashboard_works_in_a_browser_over_h2() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (cert, key) = self_signed_certificate(dir.path())?;
    let templates = templates_dir();
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates),
            ("TASKER_SERVER__TLS__CERT_PATH", &cert.to_string_lossy()),
            ("TASKER_SERVER__TLS__KEY_PATH", &key.to_string_lossy()),
        ],
    )
    .await?;
    let https = format!("https://127.0.0.1:{}", server.addr().port());
    let worker = WorkerSpec {
        server: &server,
        env: vec![
            ("TASKER_WORKER_ORCHESTRATOR__URL".into(), https.clone()),
            (
                "TASKER_WORKER_ORCHESTRATOR__CA_FILE".into(),
                cert.to_string_lossy().into_owned(),
            ),
        ],
    };
    // The worker runs from the start here.
    let env: Vec<(&str, &str)> = worker
        .env
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let _running = TestWorker::start_with(&server, "[examples]", &env).await?;
    run_browser("h2", &https, server.admin_key(), worker, &[]).await
}
