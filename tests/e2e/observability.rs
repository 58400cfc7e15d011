//! What an operator sees: request ids on every protocol and Prometheus
//! metrics at `/metrics` whose counters equal what the test did.

use std::collections::BTreeMap;
use std::time::Duration;

use tasker_e2e::{Backend, TestResult, TestServer, TestWorker};
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::{CreateTaskRequest, GetTaskRequest, TaskState};

/// One sample of the exposition: its name and labels.
type Sample = (String, BTreeMap<String, String>);

/// Parses the Prometheus text exposition (format 0.0.4) with the official
/// Prometheus client's parser (`tests/python/parse_metrics.py`), which
/// fails on anything it rejects and on a metric without TYPE or HELP.
fn parse(text: &str) -> TestResult<Vec<(Sample, f64)>> {
    use std::io::Write as _;
    let mut child = std::process::Command::new(crate::external::python()?)
        .arg(tasker_e2e::repo_root().join("tests/python/parse_metrics.py"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(text.as_bytes())?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(format!(
            "the exposition does not parse: {}\n{text}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let mut samples = Vec::new();
    for line in String::from_utf8(output.stdout)?.lines() {
        let (name, labels, value): (String, BTreeMap<String, String>, serde_json::Value) =
            serde_json::from_str(line)?;
        let value = match &value {
            serde_json::Value::Number(n) => n.as_f64().ok_or("not a number")?,
            serde_json::Value::String(s) if s == "+Inf" => f64::INFINITY,
            serde_json::Value::String(s) if s == "-Inf" => f64::NEG_INFINITY,
            _ => f64::NAN,
        };
        samples.push(((name, labels), value));
    }
    Ok(samples)
}

/// The sum of the samples named `name` whose labels include `with`.
fn sum(samples: &[(Sample, f64)], name: &str, with: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|((n, labels), _)| {
            n == name
                && with
                    .iter()
                    .all(|(k, v)| labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|(_, value)| value)
        .sum()
}

#[tokio::test]
async fn metrics_count_what_happened_and_request_ids_round_trip() -> TestResult {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates.to_string_lossy()),
            // The auth layer's refusals are logged at debug: the log line
            // must carry the request's id.
            ("TASKER_LOG__LEVEL", "info,tasker_auth=debug"),
        ],
    )
    .await?;
    let _worker = TestWorker::start(&server, "[examples]").await?;
    let mut tasks = TaskServiceClient::new(server.channel().await?);
    let mut created = Vec::new();
    let mut steps = 0;
    for i in 0..3 {
        let key = format!("observed-{i}");
        let done = run_task(&mut tasks, "linear", &key, TaskState::Complete).await?;
        steps += done.step_counts.unwrap_or_default().total;
        created.push(done.task_uuid);
    }

    // Request ids: kept when sent, made when not, on every protocol.
    let http = reqwest::Client::new();
    let rest = http
        .get(format!("{}/v1/tasks/{}", server.url(), created[0]))
        .header("x-api-key", server.admin_key())
        .header("x-request-id", "e2e-rest-1")
        .send()
        .await?;
    assert_eq!(rest.status(), 200);
    assert_eq!(rest.headers()["x-request-id"], "e2e-rest-1");
    let made = http
        .get(format!("{}/health/live", server.url()))
        .send()
        .await?;
    let made = made.headers()["x-request-id"].to_str()?.to_owned();
    assert!(uuid::Uuid::parse_str(&made).is_ok(), "{made}");
    let mut request = tonic::Request::new(GetTaskRequest {
        task_uuid: created[0].clone(),
    });
    request
        .metadata_mut()
        .insert("x-request-id", "e2e-grpc-1".parse()?);
    let answer = tasks.get_task(request).await?;
    assert_eq!(
        answer
            .metadata()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("e2e-grpc-1")
    );
    // An error answer carries it too.
    let mut missing = tonic::Request::new(GetTaskRequest {
        task_uuid: tasker_core::new_uuid().to_string(),
    });
    missing
        .metadata_mut()
        .insert("x-request-id", "e2e-grpc-404".parse()?);
    let refused = tasks
        .get_task(missing)
        .await
        .err()
        .ok_or("found a task that is not there")?;
    assert_eq!(
        refused
            .metadata()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("e2e-grpc-404")
    );
    // ... and names it in a google.rpc.RequestInfo detail, on every protocol.
    let rich =
        <tasker_proto::pb::google::rpc::Status as prost::Message>::decode(refused.details())?;
    let info = rich
        .details
        .iter()
        .find(|d| d.type_url.ends_with("/google.rpc.RequestInfo"))
        .ok_or("no RequestInfo detail")?;
    let info = <tasker_proto::pb::google::rpc::RequestInfo as prost::Message>::decode(
        info.value.as_ref(),
    )?;
    assert_eq!(info.request_id, "e2e-grpc-404");
    let absent = http
        .get(format!(
            "{}/v1/tasks/{}",
            server.url(),
            tasker_core::new_uuid()
        ))
        .header("x-api-key", server.admin_key())
        .header("x-request-id", "e2e-rest-404")
        .send()
        .await?;
    assert_eq!(absent.status(), 404);
    let body: serde_json::Value = absent.json().await?;
    let details = body["details"].as_array().ok_or("no details")?;
    assert!(
        details.iter().any(
            |d| d["@type"] == "type.googleapis.com/google.rpc.RequestInfo"
                && d["requestId"] == "e2e-rest-404"
        ),
        "{body}"
    );
    let unauthenticated = http
        .get(format!("{}/v1/tasks", server.url()))
        .header("x-request-id", "e2e-rest-401")
        .send()
        .await?;
    assert_eq!(unauthenticated.status(), 401);
    let body: serde_json::Value = unauthenticated.json().await?;
    assert!(body.to_string().contains("e2e-rest-401"), "{body}");
    let refusal = |l: &str| l.contains("refused: not authenticated") && l.contains("e2e-rest-401");
    let logged = server.output_with(refusal).await;
    assert!(
        logged.lines().any(refusal),
        "no log line of the refusal names its request id:\n{logged}"
    );
    // The key every request of this test sent never reaches the log (the
    // server prints it once at first start, on its own line, by design).
    let key = server.admin_key();
    let leaks: Vec<&str> = logged
        .lines()
        .filter(|l| l.contains(key) && !l.contains(tasker_e2e::ADMIN_KEY_MARKER))
        .collect();
    assert!(leaks.is_empty(), "the API key is in the log: {leaks:?}");
    let web = http
        .post(format!("{}/tasker.v1.HealthService/Liveness", server.url()))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1")
        .header("x-request-id", "e2e-web-1")
        .body(vec![0u8, 0, 0, 0, 0])
        .send()
        .await?;
    assert_eq!(web.headers()["x-request-id"], "e2e-web-1");

    // The exposition, without credentials.
    let metrics = http.get(format!("{}/metrics", server.url())).send().await?;
    assert_eq!(metrics.status(), 200);
    assert!(
        metrics.headers()["content-type"]
            .to_str()?
            .starts_with("text/plain")
    );
    let text = metrics.text().await?;
    let samples = parse(&text)?;
    for name in [
        "tasker_rpc_requests_total",
        "tasker_rpc_duration_seconds",
        "tasker_tasks_created_total",
        "tasker_step_results_total",
    ] {
        assert!(
            text.contains(&format!("# TYPE {name} ")),
            "no TYPE of {name}:\n{text}"
        );
        assert!(
            text.contains(&format!("# HELP {name} ")),
            "no HELP of {name}:\n{text}"
        );
    }
    let created_count = sum(
        &samples,
        "tasker_tasks_created_total",
        &[("namespace", "examples"), ("name", "linear")],
    );
    assert_eq!(created_count, 3.0, "{text}");
    // Every write is in a commit: the batch-size histogram counts the
    // writes, the commit-latency histogram the commits.
    let writes = sum(&samples, "tasker_store_batch_writes_sum", &[]);
    let commits = sum(&samples, "tasker_store_batch_writes_count", &[]);
    assert!(
        writes >= 3.0 && commits >= 1.0 && commits <= writes,
        "{text}"
    );
    // (Background writes may land between the two histograms' rendering.)
    assert!(
        sum(&samples, "tasker_store_commit_seconds_count", &[]) >= 1.0,
        "{text}"
    );
    assert_eq!(
        sum(
            &samples,
            "tasker_rpc_requests_total",
            &[
                ("method", "/tasker.v1.TaskService/CreateTask"),
                ("protocol", "grpc"),
                ("code", "Ok")
            ]
        ),
        3.0,
        "{text}"
    );
    let completed = sum(
        &samples,
        "tasker_step_results_total",
        &[("outcome", "completed")],
    );
    assert!(
        completed >= f64::from(steps),
        "{completed} completions recorded, {steps} steps done:\n{text}"
    );
    assert!(sum(&samples, "tasker_steps_claimed_total", &[]) >= f64::from(steps));
    // Gauges read at scrape time: nothing waits once every task is done.
    for gauge in [
        "tasker_writer_queued",
        "tasker_ready_steps",
        "tasker_watch_streams",
    ] {
        assert!(
            samples.iter().any(|((name, _), _)| name == gauge),
            "no {gauge}:\n{text}"
        );
    }
    assert_eq!(sum(&samples, "tasker_writer_queued", &[]), 0.0, "{text}");
    assert_eq!(
        sum(
            &samples,
            "tasker_rpc_requests_total",
            &[
                ("method", "/tasker.v1.TaskService/GetTask"),
                ("protocol", "rest"),
                ("code", "Ok")
            ]
        ),
        1.0,
        "{text}"
    );
    assert_eq!(
        sum(
            &samples,
            "tasker_rpc_requests_total",
            &[
                ("method", "/tasker.v1.TaskService/GetTask"),
                ("protocol", "grpc"),
                ("code", "NotFound")
            ]
        ),
        1.0,
        "{text}"
    );
    assert!(
        sum(
            &samples,
            "tasker_rpc_requests_total",
            &[
                ("method", "/tasker.v1.HealthService/Liveness"),
                ("protocol", "grpc-web")
            ]
        ) >= 1.0,
        "{text}"
    );
    // Durations: one histogram count per answered RPC of a method.
    assert!(
        sum(
            &samples,
            "tasker_rpc_duration_seconds_count",
            &[("method", "/tasker.v1.TaskService/CreateTask")]
        ) >= 3.0,
        "{text}"
    );
    Ok(())
}

/// The address of the exposition's own listener, from the server's log.
fn metrics_addr(server: &TestServer) -> TestResult<String> {
    for line in server.output().lines() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if value["fields"]["message"] == "metrics listening" {
            let addr = value["fields"]["addr"].as_str().ok_or("no addr")?;
            return Ok(addr.to_owned());
        }
    }
    Err(format!("no `metrics listening` line:\n{}", server.output()).into())
}

/// Creates a task of `examples/<name>` and waits until it is in `state`;
/// returns it as it was then.
async fn run_task(
    tasks: &mut TaskServiceClient<tasker_e2e::AuthChannel>,
    name: &str,
    key: &str,
    state: TaskState,
) -> TestResult<tasker_proto::v1::Task> {
    let task_uuid = tasks
        .create_task(CreateTaskRequest {
            namespace: "examples".into(),
            name: name.into(),
            idempotency_key: key.into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default()
        .task_uuid;
    for _ in 0..300 {
        let task = tasks
            .get_task(GetTaskRequest {
                task_uuid: task_uuid.clone(),
            })
            .await?
            .into_inner()
            .task
            .unwrap_or_default();
        if task.state() == state {
            return Ok(task);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("task {name} did not reach {state:?}").into())
}

#[tokio::test]
async fn database_figures_on_a_listener_of_their_own() -> TestResult {
    database_figures(Backend::Sqlite).await
}

#[tokio::test]
async fn database_figures_on_postgres() -> TestResult {
    database_figures(Backend::Postgres).await
}

async fn database_figures(backend: Backend) -> TestResult {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let server = TestServer::start_with(
        backend,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates.to_string_lossy()),
            ("TASKER_METRICS__BIND", "127.0.0.1:0"),
            ("TASKER_METRICS__SAMPLE_SECONDS", "1"),
        ],
    )
    .await?;
    let metrics_url = format!("http://{}/metrics", metrics_addr(&server)?);
    let worker = TestWorker::start(&server, "[examples]").await?;
    let mut tasks = TaskServiceClient::new(server.channel().await?);
    run_task(&mut tasks, "linear", "figures-1", TaskState::Complete).await?;
    run_task(&mut tasks, "linear", "figures-2", TaskState::Complete).await?;
    run_task(&mut tasks, "flaky", "figures-3", TaskState::Complete).await?;
    run_task(
        &mut tasks,
        "always_fails",
        "figures-4",
        TaskState::BlockedByFailures,
    )
    .await?;

    let http = reqwest::Client::new();
    // The worker's own port serves the worker's figures: steps by handler
    // and outcome, handler durations, steps in flight. A step leaves the
    // in-flight count when the worker has read the answer to its report,
    // which may come after the task's final state is visible: read until
    // nothing is in flight (or the deadline), then check every figure.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let (text, samples) = loop {
        let text = http
            .get(format!("{}/metrics", worker.url()))
            .send()
            .await?
            .text()
            .await?;
        let samples = parse(&text)?;
        if sum(&samples, "tasker_worker_steps_in_flight", &[]) == 0.0
            || tokio::time::Instant::now() >= deadline
        {
            break (text, samples);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let steps = |handler: &str, outcome: &str| {
        sum(
            &samples,
            "tasker_worker_steps_total",
            &[("handler", handler), ("outcome", outcome)],
        )
    };
    // linear: 4 + 4; flaky: prepare, finish; always_fails: prepare.
    assert_eq!(steps("noop", "succeeded"), 11.0, "{text}");
    assert_eq!(
        steps("fail_then_succeed", "retryable_failure"),
        1.0,
        "{text}"
    );
    assert_eq!(steps("fail_then_succeed", "succeeded"), 1.0, "{text}");
    assert_eq!(steps("always_fail", "retryable_failure"), 2.0, "{text}");
    assert_eq!(
        sum(
            &samples,
            "tasker_worker_step_duration_seconds_count",
            &[("handler", "noop")]
        ),
        11.0,
        "{text}"
    );
    assert_eq!(
        sum(&samples, "tasker_worker_steps_in_flight", &[]),
        0.0,
        "{text}"
    );
    assert!(text.contains("# HELP tasker_worker_steps_total "), "{text}");
    // The server's port no longer serves the exposition.
    let moved = http.get(format!("{}/metrics", server.url())).send().await?;
    assert_ne!(moved.status(), 200);

    // The figures are read from the database every second, two seconds
    // behind the clock.
    let mut last = String::new();
    for _ in 0..100 {
        let text = http.get(&metrics_url).send().await?.text().await?;
        let samples = parse(&text)?;
        let linear = sum(
            &samples,
            "tasker_tasks_finished_total",
            &[
                ("namespace", "examples"),
                ("name", "linear"),
                ("state", "complete"),
            ],
        );
        let failed = sum(&samples, "tasker_steps_failed_total", &[]);
        if linear < 2.0 || failed < 1.0 {
            last = text;
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        assert_eq!(linear, 2.0, "{text}");
        assert_eq!(
            sum(
                &samples,
                "tasker_tasks_finished_total",
                &[("name", "flaky"), ("state", "complete")]
            ),
            1.0,
            "{text}"
        );
        // Blocked by failures is not a final state.
        assert_eq!(
            sum(
                &samples,
                "tasker_tasks_finished_total",
                &[("name", "always_fails")]
            ),
            0.0,
            "{text}"
        );
        // linear: 4 + 4; flaky: prepare, unreliable, finish; always_fails:
        // prepare.
        assert_eq!(
            sum(&samples, "tasker_steps_completed_total", &[]),
            12.0,
            "{text}"
        );
        assert_eq!(failed, 1.0, "{text}");
        // flaky's first attempt and doomed's first attempt.
        assert_eq!(
            sum(&samples, "tasker_steps_retried_total", &[]),
            2.0,
            "{text}"
        );
        assert_eq!(
            sum(&samples, "tasker_leases_expired_total", &[]),
            0.0,
            "{text}"
        );
        // 8 + 4 + 3 claims, each with its wait.
        assert_eq!(
            sum(&samples, "tasker_claim_wait_seconds_count", &[]),
            15.0,
            "{text}"
        );
        assert_eq!(
            sum(&samples, "tasker_dlq_entries", &[("resolution", "pending")]),
            1.0,
            "{text}"
        );
        assert_eq!(
            sum(
                &samples,
                "tasker_namespace_ready_steps",
                &[("namespace", "examples")]
            ),
            0.0,
            "{text}"
        );
        assert!(
            samples
                .iter()
                .any(|((name, labels), _)| name == "tasker_namespace_ready_steps"
                    && labels.get("namespace").map(String::as_str) == Some("examples")),
            "{text}"
        );
        assert_eq!(sum(&samples, "tasker_workers_active", &[]), 1.0, "{text}");
        assert_eq!(
            sum(&samples, "tasker_workers_registered_total", &[]),
            1.0,
            "{text}"
        );
        assert!(sum(&samples, "tasker_db_max_connections", &[]) >= 1.0);
        assert!(
            sum(&samples, "tasker_store_commits_total", &[]) >= 1.0,
            "{text}"
        );
        for name in ["tasker_tasks_finished_total", "tasker_claim_wait_seconds"] {
            assert!(
                text.contains(&format!("# HELP {name} ")),
                "no HELP of {name}:\n{text}"
            );
        }
        return Ok(());
    }
    Err(format!("the database figures never showed the tasks:\n{last}").into())
}

/// Every line of `logs` that contains one of `secrets`, except the one line
/// the server prints its first-start admin key on, by design.
fn leaked<'a>(logs: &'a str, secrets: &[&str]) -> Vec<&'a str> {
    logs.lines()
        .filter(|line| !line.contains(tasker_e2e::ADMIN_KEY_MARKER))
        .filter(|line| secrets.iter().any(|secret| line.contains(secret)))
        .collect()
}

#[tokio::test]
async fn no_credential_reaches_the_logs() -> TestResult {
    use tasker_proto::v1::auth_service_client::AuthServiceClient;
    use tasker_proto::v1::{CreateApiKeyRequest, IssueTokenRequest, WhoAmIRequest};

    let templates = tasker_e2e::repo_root().join("config/templates");
    // Everything the server and the worker log, at every level.
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates.to_string_lossy()),
            ("TASKER_LOG__LEVEL", "trace"),
        ],
    )
    .await?;
    let worker = TestWorker::start_with(
        &server,
        "[examples]",
        &[("TASKER_WORKER_LOG__LEVEL", "trace")],
    )
    .await?;
    let mut tasks = TaskServiceClient::new(server.channel().await?);
    run_task(&mut tasks, "linear", "secret-1", TaskState::Complete).await?;

    let mut auth = AuthServiceClient::new(server.channel().await?);
    let created = auth
        .create_api_key(CreateApiKeyRequest {
            name: "logged?".into(),
            permissions: vec!["*".into()],
            ..CreateApiKeyRequest::default()
        })
        .await?
        .into_inner();
    let token = auth
        .issue_token(IssueTokenRequest {
            api_key: created.secret.clone(),
            ..IssueTokenRequest::default()
        })
        .await?
        .into_inner()
        .access_token;
    let wrong_key = format!("{}x", created.secret);
    let wrong_token = format!("{token}x");

    // Each credential on each protocol, accepted and refused, and at the
    // worker's port (which asks the orchestrator about API keys).
    let http = reqwest::Client::new();
    let task_path = "/v1/tasks?pageSize=1";
    for (header, value) in [
        ("x-api-key", created.secret.clone()),
        ("x-api-key", wrong_key.clone()),
        ("authorization", format!("Bearer {token}")),
        ("authorization", format!("Bearer {wrong_token}")),
    ] {
        http.get(format!("{}{task_path}", server.url()))
            .header(header, &value)
            .send()
            .await?;
        http.get(format!("{}/worker/v1/templates", worker.url()))
            .header(header, &value)
            .send()
            .await?;
        let mut request = tonic::Request::new(WhoAmIRequest {});
        request.metadata_mut().insert(header, value.parse()?);
        let mut raw = AuthServiceClient::new(server.raw_channel().await?);
        let _ = raw.who_am_i(request).await;
    }
    let _ = auth
        .issue_token(IssueTokenRequest {
            api_key: wrong_key.clone(),
            ..IssueTokenRequest::default()
        })
        .await;

    // The secret part of a key alone, too (`tk_<prefix>_<secret>`).
    let secret_part = created
        .secret
        .rsplit('_')
        .next()
        .ok_or("a key without a secret part")?
        .to_owned();
    let admin_secret = server
        .admin_key()
        .rsplit('_')
        .next()
        .ok_or("an admin key without a secret part")?
        .to_owned();
    let secrets = [
        server.admin_key(),
        admin_secret.as_str(),
        created.secret.as_str(),
        secret_part.as_str(),
        wrong_key.as_str(),
        token.as_str(),
        wrong_token.as_str(),
    ];
    let server_log = server.output();
    let worker_log = worker.output();
    // The run was logged at all: the request spans are in the JSON lines.
    assert!(
        server_log.contains("\"request_id\""),
        "no span fields in the server's log"
    );
    assert!(
        worker_log.contains("\"handler\":\"noop\""),
        "no span fields in the worker's log"
    );
    assert_eq!(leaked(&server_log, &secrets), Vec::<&str>::new());
    assert_eq!(leaked(&worker_log, &secrets), Vec::<&str>::new());
    Ok(())
}

/// A tiny OTLP/gRPC collector: keeps every span it is sent.
#[derive(Clone, Default)]
struct Collector {
    spans: std::sync::Arc<std::sync::Mutex<Vec<opentelemetry_proto::tonic::trace::v1::Span>>>,
}

#[tonic::async_trait]
impl opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::TraceService
    for Collector
{
    async fn export(
        &self,
        request: tonic::Request<
            opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest,
        >,
    ) -> Result<
        tonic::Response<
            opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceResponse,
        >,
        tonic::Status,
    > {
        let spans = request
            .into_inner()
            .resource_spans
            .into_iter()
            .flat_map(|r| r.scope_spans)
            .flat_map(|s| s.spans);
        if let Ok(mut kept) = self.spans.lock() {
            kept.extend(spans);
        }
        Ok(tonic::Response::new(Default::default()))
    }
}

/// An exported span as the test reads it.
#[derive(Debug, Clone)]
struct Seen {
    name: String,
    trace: String,
    id: String,
    parent: String,
    attributes: BTreeMap<String, String>,
}

impl Collector {
    /// An OTLP/gRPC collector on port 0: `(collector, endpoint, serving)`.
    async fn start() -> TestResult<(Self, String, tokio::task::JoinHandle<()>)> {
        use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::TraceServiceServer;
        let collector = Self::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        let service = TraceServiceServer::new(collector.clone());
        let serving = tokio::spawn(async move {
            let _ = tonic::transport::Server::builder()
                .add_service(service)
                .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
                .await;
        });
        Ok((collector, endpoint, serving))
    }

    fn seen(&self) -> Vec<Seen> {
        use opentelemetry_proto::tonic::common::v1::any_value::Value;
        self.spans
            .lock()
            .map(|spans| {
                spans
                    .iter()
                    .map(|s| Seen {
                        name: s.name.clone(),
                        trace: hex::encode(&s.trace_id),
                        id: hex::encode(&s.span_id),
                        parent: hex::encode(&s.parent_span_id),
                        attributes: s
                            .attributes
                            .iter()
                            .map(|kv| {
                                let value = match kv.value.as_ref().and_then(|v| v.value.as_ref()) {
                                    Some(Value::StringValue(v)) => v.clone(),
                                    Some(Value::IntValue(v)) => v.to_string(),
                                    Some(Value::DoubleValue(v)) => v.to_string(),
                                    Some(Value::BoolValue(v)) => v.to_string(),
                                    _ => String::new(),
                                };
                                (kv.key.clone(), value)
                            })
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits (up to 10 s) until `done` holds for the spans received.
    async fn wait_for(&self, done: impl Fn(&[Seen]) -> bool) -> Vec<Seen> {
        for _ in 0..100 {
            let seen = self.seen();
            if done(&seen) {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.seen()
    }
}

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN: &str = "00f067aa0ba902b7";

#[tokio::test]
async fn spans_reach_an_otlp_collector_in_the_callers_trace() -> TestResult {
    let (collector, endpoint, serving) = Collector::start().await?;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_OTEL__ENDPOINT", &endpoint),
            ("TASKER_OTEL__SERVICE_NAME", "tasker-e2e"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ],
    )
    .await?;
    let traceparent = format!("00-{TRACE_ID}-{CLIENT_SPAN}-01");
    // Over REST and over gRPC.
    let rest = reqwest::Client::new()
        .get(format!("{}/v1/tasks?pageSize=1", server.url()))
        .header("x-api-key", server.admin_key())
        .header("traceparent", &traceparent)
        .send()
        .await?;
    assert_eq!(rest.status(), 200);
    let mut tasks = TaskServiceClient::new(server.channel().await?);
    let mut request = tonic::Request::new(GetTaskRequest {
        task_uuid: tasker_core::new_uuid().to_string(),
    });
    request
        .metadata_mut()
        .insert("traceparent", traceparent.parse()?);
    let _ = tasks.get_task(request).await;

    let continued = |seen: &[Seen]| {
        seen.iter()
            .filter(|s| s.name == "request" && s.trace == TRACE_ID && s.parent == CLIENT_SPAN)
            .count()
    };
    let seen = collector.wait_for(|seen| continued(seen) >= 2).await;
    assert_eq!(continued(&seen), 2, "spans received: {seen:?}");
    serving.abort();
    Ok(())
}

/// One trace from the client that creates a task, through the server's
/// request and store spans, to the worker's span of each step.
#[tokio::test]
async fn a_trace_follows_a_task_from_its_client_to_its_workers() -> TestResult {
    let (collector, endpoint, serving) = Collector::start().await?;
    let templates = tasker_e2e::repo_root().join("config/templates");
    let templates = templates.to_string_lossy();
    let otel = [
        ("TASKER_OTEL__ENDPOINT", endpoint.as_str()),
        ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ("TASKER_TEMPLATES__DIRECTORY", &templates),
    ];
    let server = TestServer::start_with(Backend::Sqlite, &otel).await?;
    let worker = TestWorker::start_with(
        &server,
        "[examples]",
        &[
            ("TASKER_WORKER_OTEL__ENDPOINT", endpoint.as_str()),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ],
    )
    .await?;
    let traceparent = format!("00-{TRACE_ID}-{CLIENT_SPAN}-01");
    let created = reqwest::Client::new()
        .post(format!("{}/v1/tasks", server.url()))
        .header("x-api-key", server.admin_key())
        .header("traceparent", &traceparent)
        .json(&serde_json::json!({
            "namespace": "examples",
            "name": "linear",
            "idempotencyKey": "traced",
            "context": {"value": 3},
        }))
        .send()
        .await?;
    assert_eq!(created.status(), 200, "{}", created.text().await?);
    let created: serde_json::Value = created.json().await?;
    let task_uuid = created["task"]["taskUuid"]
        .as_str()
        .ok_or("no task uuid")?
        .to_owned();
    let mut tasks = TaskServiceClient::new(server.channel().await?);
    let mut state = TaskState::Unspecified;
    for _ in 0..200 {
        state = tasks
            .get_task(GetTaskRequest {
                task_uuid: task_uuid.clone(),
            })
            .await?
            .into_inner()
            .task
            .unwrap_or_default()
            .state();
        if state == TaskState::Complete {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(state, TaskState::Complete, "{}", worker.output());

    // The linear template has four steps.
    let steps = |seen: &[Seen]| {
        seen.iter()
            .filter(|s| s.name == "step" && s.trace == TRACE_ID)
            .count()
    };
    let seen = collector.wait_for(|seen| steps(seen) >= 4).await;
    let in_trace: Vec<&Seen> = seen.iter().filter(|s| s.trace == TRACE_ID).collect();
    let create = in_trace
        .iter()
        .find(|s| s.name == "request" && s.parent == CLIENT_SPAN)
        .ok_or_else(|| format!("no request span continuing the client's: {seen:#?}"))?;
    // The store's write is a child span of the request, priced.
    let write = in_trace
        .iter()
        .find(|s| {
            s.name == "store.write"
                && s.attributes.get("operation").map(String::as_str) == Some("create_task")
        })
        .ok_or_else(|| format!("no create_task store span: {seen:#?}"))?;
    let statements: u64 = write
        .attributes
        .get("statements")
        .ok_or("no statements")?
        .parse()?;
    assert!(statements >= 1, "{write:?}");
    assert!(write.attributes.contains_key("commit_wait_ms"), "{write:?}");
    let server_spans: Vec<&str> = in_trace
        .iter()
        .filter(|s| s.name != "step")
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        server_spans.contains(&write.parent.as_str()),
        "the store span's parent is not in the request's trace: {seen:#?}"
    );
    // Every step ran in the worker as a child of the creating request.
    let step_spans: Vec<&&Seen> = in_trace.iter().filter(|s| s.name == "step").collect();
    assert_eq!(step_spans.len(), 4, "{seen:#?}");
    for step in step_spans {
        assert!(
            server_spans.contains(&step.parent.as_str()),
            "step span {step:?} is not a child of the server's spans of the creating request \
             (request span {create:?})"
        );
    }
    serving.abort();
    Ok(())
}
