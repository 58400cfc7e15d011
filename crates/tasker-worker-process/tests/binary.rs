//! The `tasker-worker` binary against a fake orchestrator: it registers,
//! serves its own health, template and config services on port 0, runs the
//! example handlers, and drains and deregisters on SIGTERM.

// Test helpers may panic: a panic here is a failed test, not a crashed worker.
#![allow(clippy::expect_used, clippy::unwrap_used)]

// The SDK's fake orchestrator, shared rather than copied.
#[path = "../../tasker-worker/tests/common/mod.rs"]
mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use common::{Fake, StepSpec};
use serde_json::json;
use tasker_proto::v1::HealthStatus;
use tasker_proto::worker::v1::worker_config_service_client::WorkerConfigServiceClient;
use tasker_proto::worker::v1::worker_health_service_client::WorkerHealthServiceClient;
use tasker_proto::worker::v1::worker_template_service_client::WorkerTemplateServiceClient;
use tasker_proto::worker::v1::{
    GetWorkerConfigRequest, GetWorkerHealthRequest, GetWorkerReadinessRequest,
    ListWorkerTemplatesRequest,
};
use tasker_worker::convert;

const WAIT: Duration = Duration::from_secs(20);

/// The worker process, killed if still running when dropped.
struct Process {
    child: Child,
    addr: SocketAddr,
    logs: Arc<Mutex<Vec<String>>>,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    fn output(&self) -> String {
        self.logs.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    async fn start(orchestrator: SocketAddr, env: &[(&str, &str)]) -> Self {
        let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/templates");
        let mut command = Command::new(env!("CARGO_BIN_EXE_tasker-worker"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TASKER_") {
                command.env_remove(key);
            }
        }
        command
            .env_remove("RUST_LOG")
            .env(
                "TASKER_WORKER_ORCHESTRATOR__URL",
                format!("http://{orchestrator}"),
            )
            .env("TASKER_WORKER_SERVER__BIND", "127.0.0.1:0")
            .env("TASKER_WORKER_LOG__FORMAT", "json")
            .env("TASKER_WORKER_TEMPLATES__DIR", templates)
            .env("TASKER_WORKER_EXECUTION__LONG_POLL_WAIT", "500ms")
            .env("TASKER_WORKER_EXECUTION__NAME", "binary-test")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("tasker-worker starts");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        collect(
            child.stdout.take().expect("stdout"),
            Arc::clone(&logs),
            Some(tx),
        );
        collect(
            child.stderr.take().expect("stderr"),
            Arc::clone(&logs),
            None,
        );
        let addr = tokio::task::spawn_blocking(move || rx.recv_timeout(WAIT))
            .await
            .expect("join");
        let mut process = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            logs,
        };
        match addr {
            Ok(addr) => process.addr = addr,
            Err(_) => panic!("no listening line; output:\n{}", process.output()),
        }
        process
    }

    async fn channel(&self) -> tonic::transport::Channel {
        tonic::transport::Endpoint::from_shared(format!("http://{}", self.addr))
            .expect("url")
            .connect()
            .await
            .expect("connects")
    }

    async fn terminate(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success());
        for _ in 0..400 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no exit after SIGTERM; output:\n{}", self.output());
    }
}

fn collect(
    stream: impl std::io::Read + Send + 'static,
    logs: Arc<Mutex<Vec<String>>>,
    addr: Option<mpsc::Sender<SocketAddr>>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(tx) = &addr
                && let Some(found) = listening_addr(&line)
            {
                let _ = tx.send(found);
            }
            if let Ok(mut logs) = logs.lock() {
                logs.push(line);
            }
        }
    });
}

/// The `addr` of the JSON `listening` log line.
fn listening_addr(line: &str) -> Option<SocketAddr> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let fields = value.get("fields")?;
    if fields.get("message")?.as_str()? != "listening" {
        return None;
    }
    fields.get("addr")?.as_str()?.parse().ok()
}

/// Well-formed API keys (`tk_<8 hex>_<43 base64url>`) the fake may know.
const READER_KEY: &str = "tk_0000abcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const ADMIN_KEY: &str = "tk_0000adad_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

fn with_key<T>(message: T, key: &str) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    request
        .metadata_mut()
        .insert("x-api-key", key.parse().expect("ASCII key"));
    request
}

#[tokio::test]
async fn the_binary_serves_its_services_runs_handlers_and_stops_cleanly() {
    let (fake, orchestrator) = Fake::start().await;
    let mut process = Process::start(
        orchestrator,
        &[("TASKER_WORKER_ORCHESTRATOR__API_KEY", "tk_binary_secret")],
    )
    .await;
    assert_ne!(process.addr.port(), 0, "port 0 picked a real port");
    let channel = process.channel().await;

    let mut health = WorkerHealthServiceClient::new(channel.clone());
    let live = health
        .get_worker_health(GetWorkerHealthRequest {})
        .await
        .expect("health")
        .into_inner();
    assert_eq!(live.status, HealthStatus::Healthy as i32);
    assert_eq!(live.version, tasker_worker::VERSION);
    assert!(live.uptime.is_some() && live.checked_at.is_some());

    // Ready once registered with the (fake) orchestrator.
    let mut ready = None;
    for _ in 0..200 {
        let answer = health
            .get_worker_readiness(GetWorkerReadinessRequest {})
            .await
            .expect("readiness")
            .into_inner();
        if answer.ready {
            ready = Some(answer);
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let ready = ready.unwrap_or_else(|| panic!("never ready; output:\n{}", process.output()));
    assert_eq!(ready.worker_uuid, "worker-1");
    assert!(ready.checks.iter().any(|c| c.name == "orchestrator"));
    {
        let state = fake.state();
        assert_eq!(state.registrations[0].name, "binary-test");
        assert_eq!(state.registrations[0].namespaces, ["examples"]);
        assert_eq!(
            state.credentials[0].1.as_deref(),
            Some("tk_binary_secret"),
            "the API key is sent as x-api-key"
        );
    }

    // The worker's own RPCs need a credential, which the worker has the
    // orchestrator verify (WhoAmI), and the permission the schema declares.
    let mut templates = WorkerTemplateServiceClient::new(channel.clone());
    let refused = templates
        .list_worker_templates(ListWorkerTemplatesRequest::default())
        .await
        .expect_err("no credential");
    assert_eq!(refused.code(), tonic::Code::Unauthenticated, "{refused}");
    assert_eq!(fake.state().who_am_i_calls, 0, "nothing to ask about");
    let unknown = templates
        .list_worker_templates(with_key(ListWorkerTemplatesRequest::default(), READER_KEY))
        .await
        .expect_err("a key the orchestrator does not know");
    assert_eq!(unknown.code(), tonic::Code::Unauthenticated, "{unknown}");
    assert!(
        unknown.message().contains("fake: unknown API key"),
        "{unknown}"
    );
    fake.state().api_keys.insert(
        READER_KEY.into(),
        vec!["templates:read".into(), "tasks:read".into()],
    );
    // The refusal is remembered for a few seconds, not forever.
    let mut listed = None;
    for _ in 0..100 {
        match templates
            .list_worker_templates(with_key(
                ListWorkerTemplatesRequest {
                    namespace: "examples".into(),
                    ..ListWorkerTemplatesRequest::default()
                },
                READER_KEY,
            ))
            .await
        {
            Ok(answer) => {
                listed = Some(answer.into_inner());
                break;
            }
            Err(status) => assert_eq!(status.code(), tonic::Code::Unauthenticated),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let listed = listed.expect("the key is accepted once the orchestrator knows it");
    let asked = fake.state().who_am_i_calls;
    assert!(asked >= 2, "{asked}");
    let denied = WorkerConfigServiceClient::new(channel.clone())
        .get_worker_config(with_key(GetWorkerConfigRequest {}, READER_KEY))
        .await
        .expect_err("templates:read does not read the configuration");
    assert_eq!(denied.code(), tonic::Code::PermissionDenied, "{denied}");
    assert!(denied.message().contains("system:config_read"), "{denied}");
    assert_eq!(
        fake.state().who_am_i_calls,
        asked,
        "the orchestrator's verdict is reused"
    );
    let names: Vec<&str> = listed.templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["always_fails", "diamond", "flaky", "linear", "tree"]
    );
    assert!(
        listed
            .templates
            .iter()
            .all(|t| t.complete && t.version == "1.0.0")
    );
    let diamond = &listed.templates[1];
    assert_eq!(diamond.handlers, ["sum"]);
    assert!(listed.next_page_token.is_empty());

    fake.state()
        .api_keys
        .insert(ADMIN_KEY.into(), vec!["*".into()]);
    let mut config = WorkerConfigServiceClient::new(channel.clone());
    let shown = config
        .get_worker_config(with_key(GetWorkerConfigRequest {}, ADMIN_KEY))
        .await
        .expect("config")
        .into_inner();
    assert_eq!(shown.redacted_fields, ["orchestrator.api_key"]);
    let json = convert::struct_to_json(shown.config.as_ref());
    assert_eq!(json["orchestrator"]["api_key"], "[REDACTED]");
    assert_eq!(json["execution"]["name"], "binary-test");
    assert!(!json.to_string().contains("tk_binary_secret"));

    // The example handlers run.
    let claim = fake.push(
        StepSpec::new("d", "sum")
            .dependency("b", json!({"sum": 3}))
            .dependency("c", json!({"sum": 4}))
            .config(json!({"add": 1})),
    );
    fake.wait_until(WAIT, "the completion", |s| s.completion(&claim).is_some())
        .await;
    let results = convert::struct_to_json(
        fake.state()
            .completion(&claim)
            .and_then(|c| c.results.as_ref()),
    );
    assert_eq!(results, json!({"sum": 8}));

    // A step in flight at SIGTERM: the example `sleep` handler sees its
    // cancellation token fire, gives up retryably, and that is reported before
    // the worker deregisters.
    let slow = fake.push(StepSpec::new("slow", "sleep").config(json!({"ms": 60_000})));
    fake.wait_until(WAIT, "the slow claim", |s| s.claimed.contains(&slow))
        .await;
    // Claimed is not yet running: wait until the worker says it is.
    let mut running = false;
    for _ in 0..200 {
        let answer = health
            .get_worker_readiness(GetWorkerReadinessRequest {})
            .await
            .expect("readiness")
            .into_inner();
        let executor = answer.checks.iter().find(|c| c.name == "executor");
        if executor
            .and_then(|c| c.details.get("in_flight"))
            .map(String::as_str)
            == Some("1")
        {
            running = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        running,
        "the slow step never ran; output:\n{}",
        process.output()
    );
    let status = process.terminate().await;
    assert!(
        status.success(),
        "{status:?}; output:\n{}",
        process.output()
    );
    {
        let state = fake.state();
        let error = state
            .failure(&slow)
            .and_then(|f| f.error.clone())
            .unwrap_or_else(|| {
                panic!(
                    "the interrupted step is reported; {state:#?}\n{}",
                    process.output()
                )
            });
        assert_eq!(
            (error.error_class.as_str(), error.retryable),
            ("Cancelled", true)
        );
        assert_eq!(state.deregistered, ["worker-1"]);
    }
    let output = process.output();
    assert!(output.contains("deregistered"), "{output}");
    assert!(
        !output.contains("tk_binary_secret"),
        "the secret is never logged"
    );
}

#[tokio::test]
async fn bad_settings_are_refused_naming_the_setting() {
    let output = Command::new(env!("CARGO_BIN_EXE_tasker-worker"))
        .env("TASKER_WORKER_EXECUTION__CONCURRENCY", "0")
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("execution.concurrency"), "{stderr}");
}
