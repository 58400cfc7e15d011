//! The Node worker SDK (`workers/node`) against the real server: its example
//! worker (`dist/example.js`, handlers' behaviour chosen by flags) completes
//! steps with their dependencies' results, fails and retries as the
//! template's policy says, sends permanent failures to the dead-letter queue,
//! loses its lease when killed mid-step (another worker finishes the step,
//! once), drains on SIGTERM, and is refused a namespace its key does not
//! allow.

use std::time::Duration;

use serde_json::json;
use tasker_e2e::node::node_worker_command;
use tasker_e2e::sdk::SdkWorker;
use tasker_e2e::{AuthChannel, Backend, TestResult, TestServer, on_both_backends};
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::dlq_service_client::DlqServiceClient;
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;

const DIAMOND: &str = "namespace: node
name: diamond
version: 1.0.0
steps:
  - {name: a, handler: node_a}
  - {name: b, handler: node_b, depends_on: [a]}
  - {name: c, handler: node_c, depends_on: [a]}
  - {name: d, handler: node_d, depends_on: [b, c]}
";

/// `flaky` succeeds within its three attempts; `hopeless` runs out of its two.
const RETRIES: &str = "namespace: node
name: retries
version: 1.0.0
steps:
  - name: flaky
    handler: flaky
    retry: {max_attempts: 3, initial_backoff: 50ms, max_backoff: 50ms}
  - name: hopeless
    handler: hopeless
    retry: {max_attempts: 2, initial_backoff: 50ms, max_backoff: 50ms}
";

/// Five attempts allowed, but a permanent failure takes none of the others.
const BROKEN: &str = "namespace: node
name: broken
version: 1.0.0
steps:
  - name: broken
    handler: broken
    retry: {max_attempts: 5, initial_backoff: 50ms, max_backoff: 50ms}
";

const SLOW: &str = "namespace: node
name: slow
version: 1.0.0
steps:
  - {name: slow, handler: slow, timeout: 120s}
";

struct Clients {
    tasks: TaskServiceClient<AuthChannel>,
    steps: StepServiceClient<AuthChannel>,
    dlq: DlqServiceClient<AuthChannel>,
    auth: AuthServiceClient<AuthChannel>,
}

async fn setup(server: &TestServer, templates: &[&str]) -> TestResult<Clients> {
    let channel = server.channel().await?;
    let mut registry = TemplateServiceClient::new(channel.clone());
    for yaml in templates {
        registry
            .register_template(RegisterTemplateRequest {
                source: Some(register_template_request::Source::Yaml((*yaml).into())),
            })
            .await?;
    }
    Ok(Clients {
        tasks: TaskServiceClient::new(channel.clone()),
        steps: StepServiceClient::new(channel.clone()),
        dlq: DlqServiceClient::new(channel.clone()),
        auth: AuthServiceClient::new(channel),
    })
}

/// Starts the example worker on `namespace` with `key` and its handlers as
/// `--handlers` takes them, and waits for its registration.
async fn node_worker_with(
    server: &TestServer,
    key: &str,
    namespace: &str,
    handlers: &str,
    name: &str,
) -> TestResult<SdkWorker> {
    let command = node_worker_command(&[
        "--namespace",
        namespace,
        "--handlers",
        handlers,
        "--name",
        name,
    ])?;
    SdkWorker::start("node", command, server, key).await
}

/// The example worker on namespace `node` with the admin key.
async fn node_worker(server: &TestServer, handlers: &str, name: &str) -> TestResult<SdkWorker> {
    node_worker_with(server, server.admin_key(), "node", handlers, name).await
}

async fn create(clients: &mut Clients, name: &str, key: &str) -> TestResult<String> {
    let task = clients
        .tasks
        .create_task(CreateTaskRequest {
            namespace: "node".into(),
            name: name.into(),
            idempotency_key: key.into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .ok_or("no task")?;
    Ok(task.task_uuid)
}

async fn task_state(clients: &mut Clients, task_uuid: &str) -> TestResult<TaskState> {
    let task = clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: task_uuid.into(),
        })
        .await?
        .into_inner()
        .task
        .ok_or("no task")?;
    Ok(task.state())
}

/// Waits until the task is complete, blocked, errored or cancelled.
async fn settled(
    clients: &mut Clients,
    task_uuid: &str,
    worker: &SdkWorker,
) -> TestResult<TaskState> {
    for _ in 0..600 {
        let state = task_state(clients, task_uuid).await?;
        if matches!(
            state,
            TaskState::Complete
                | TaskState::BlockedByFailures
                | TaskState::Error
                | TaskState::Cancelled
        ) {
            return Ok(state);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!(
        "task {task_uuid} did not settle; worker output:\n{}",
        worker.output()
    )
    .into())
}

async fn steps_of(clients: &mut Clients, task_uuid: &str) -> TestResult<Vec<Step>> {
    Ok(clients
        .steps
        .list_steps(ListStepsRequest {
            task_uuid: task_uuid.into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .steps)
}

fn step<'a>(steps: &'a [Step], name: &str) -> TestResult<&'a Step> {
    steps
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| format!("no step {name}").into())
}

fn results(step: &Step) -> serde_json::Value {
    step.results
        .as_ref()
        .and_then(|r| serde_json::to_value(r).ok())
        .unwrap_or(serde_json::Value::Null)
}

async fn audit(
    clients: &mut Clients,
    task_uuid: &str,
    step_uuid: &str,
) -> TestResult<Vec<StepAuditRecord>> {
    Ok(clients
        .steps
        .get_step_audit(GetStepAuditRequest {
            task_uuid: task_uuid.into(),
            step_uuid: step_uuid.into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .records)
}

async fn steps_complete_with_their_dependencies_results(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let mut clients = setup(&server, &[DIAMOND]).await?;
    let worker = node_worker(&server, "node_a,node_b,node_c,node_d", "node-diamond").await?;
    let mut tasks = Vec::new();
    for i in 0..5 {
        tasks.push(create(&mut clients, "diamond", &format!("diamond-{i}")).await?);
    }
    for task in &tasks {
        assert_eq!(
            settled(&mut clients, task, &worker).await?,
            TaskState::Complete,
            "{}",
            worker.output()
        );
        let steps = steps_of(&mut clients, task).await?;
        for s in &steps {
            let r = results(s);
            assert_eq!(r["language"], "node", "{r}");
            assert_eq!(r["worker"], "node-diamond", "{r}");
            assert_eq!(r["handler"], s.handler, "{r}");
            assert_eq!(s.attempts, 1, "{s:?}");
        }
        assert_eq!(
            results(step(&steps, "d")?)["dependencies"],
            json!(["b", "c"])
        );
        assert_eq!(results(step(&steps, "b")?)["dependencies"], json!(["a"]));
    }
    assert_eq!(
        worker.logs("step completed").len(),
        20,
        "{}",
        worker.output()
    );
    Ok(())
}

on_both_backends!(steps_complete_with_their_dependencies_results =>
    node_worker_completes_steps_on_sqlite,
    node_worker_completes_steps_on_postgres);

#[tokio::test]
async fn node_handler_failures_are_retried_per_the_template_policy() -> TestResult {
    let server = TestServer::start().await?;
    let mut clients = setup(&server, &[RETRIES]).await?;
    let worker = node_worker(&server, "flaky=fail:2,hopeless=fail:9", "node-worker").await?;
    let task = create(&mut clients, "retries", "retries").await?;
    assert_eq!(
        settled(&mut clients, &task, &worker).await?,
        TaskState::BlockedByFailures
    );
    let steps = steps_of(&mut clients, &task).await?;
    let flaky = step(&steps, "flaky")?;
    assert_eq!(flaky.state(), StepState::Complete, "{flaky:?}");
    assert_eq!(flaky.attempts, 3, "two failures, then success: {flaky:?}");
    assert_eq!(results(flaky)["attempt"].as_f64(), Some(3.0), "{flaky:?}");
    let hopeless = step(&steps, "hopeless")?;
    assert_eq!(hopeless.state(), StepState::Error, "{hopeless:?}");
    assert_eq!(hopeless.attempts, 2, "max_attempts is 2: {hopeless:?}");
    let error = hopeless.last_error.clone().unwrap_or_default();
    assert_eq!(error.error_class, "PlannedFailure", "{error:?}");
    assert!(error.retryable, "{error:?}");
    let failures = audit(&mut clients, &task, &flaky.step_uuid)
        .await?
        .iter()
        .filter(|r| r.to_state() == StepState::WaitingForRetry)
        .count();
    assert_eq!(failures, 2, "flaky waited for two retries");
    assert_eq!(worker.logs("step started").len(), 5, "{}", worker.output());
    Ok(())
}

#[tokio::test]
async fn a_node_permanent_error_goes_to_the_dlq() -> TestResult {
    let server = TestServer::start().await?;
    let mut clients = setup(&server, &[BROKEN]).await?;
    let worker = node_worker(&server, "broken=permanent", "node-worker").await?;
    let task = create(&mut clients, "broken", "broken").await?;
    assert_eq!(
        settled(&mut clients, &task, &worker).await?,
        TaskState::BlockedByFailures
    );
    let steps = steps_of(&mut clients, &task).await?;
    let broken = step(&steps, "broken")?;
    assert_eq!(broken.state(), StepState::Error);
    assert_eq!(
        broken.attempts, 1,
        "no retry of a permanent failure: {broken:?}"
    );
    let error = broken.last_error.clone().unwrap_or_default();
    assert_eq!(error.error_class, "PlannedPermanentFailure", "{error:?}");
    assert!(!error.retryable, "{error:?}");
    let details = error
        .details
        .as_ref()
        .and_then(|d| serde_json::to_value(d).ok())
        .unwrap_or_default();
    assert_eq!(details["planned"], true, "{error:?}");
    let entry = clients
        .dlq
        .get_entry_by_task(GetEntryByTaskRequest {
            task_uuid: task.clone(),
        })
        .await?
        .into_inner()
        .entry
        .ok_or("no dead-letter entry")?;
    assert_eq!(entry.resolution_status(), DlqResolutionStatus::Pending);
    Ok(())
}

#[tokio::test]
async fn a_node_worker_killed_mid_step_loses_its_lease_and_another_finishes_once() -> TestResult {
    let server =
        TestServer::start_with(Backend::Sqlite, &[("TASKER_WORKERS__LEASE_SECONDS", "2")]).await?;
    let mut clients = setup(&server, &[SLOW]).await?;
    let mut doomed = node_worker(&server, "slow=sleep:600000", "doomed").await?;
    let task = create(&mut clients, "slow", "slow").await?;
    let started = doomed
        .wait_for_log("step started", Duration::from_secs(20))
        .await?;
    doomed.kill();

    let rescuer = node_worker(&server, "slow", "rescuer").await?;
    assert_eq!(
        settled(&mut clients, &task, &rescuer).await?,
        TaskState::Complete
    );
    let steps = steps_of(&mut clients, &task).await?;
    let slow = step(&steps, "slow")?;
    assert_eq!(results(slow)["worker"], "rescuer", "{slow:?}");
    assert_eq!(slow.attempts, 2, "the lost attempt counts: {slow:?}");
    let records = audit(&mut clients, &task, &slow.step_uuid).await?;
    assert!(
        records.iter().any(|r| r.event == "lease_expired"),
        "{records:?}"
    );
    assert_eq!(
        records
            .iter()
            .filter(|r| r.to_state() == StepState::Complete)
            .count(),
        1,
        "completed once: {records:?}"
    );
    assert_eq!(started["attempt"], 1, "{started}");
    Ok(())
}

#[tokio::test]
async fn a_node_worker_drains_on_sigterm() -> TestResult {
    let server = TestServer::start().await?;
    let mut clients = setup(&server, &[SLOW]).await?;
    let mut worker = node_worker(&server, "slow=sleep:1500", "drainer").await?;
    let in_flight = create(&mut clients, "slow", "in-flight").await?;
    worker
        .wait_for_log("step started", Duration::from_secs(20))
        .await?;
    worker.sigterm()?;
    worker
        .wait_for_log("signal received; draining", Duration::from_secs(10))
        .await?;
    // Created after the worker stopped claiming: left for another worker.
    let later = create(&mut clients, "slow", "later").await?;
    let status = worker.wait(Duration::from_secs(20)).await?;
    assert!(
        status.success(),
        "exit {status}; output:\n{}",
        worker.output()
    );

    // The in-flight step finished and was reported before the worker left.
    assert_eq!(
        task_state(&mut clients, &in_flight).await?,
        TaskState::Complete
    );
    let steps = steps_of(&mut clients, &in_flight).await?;
    assert_eq!(results(step(&steps, "slow")?)["worker"], "drainer");
    let later_steps = steps_of(&mut clients, &later).await?;
    let untouched = step(&later_steps, "slow")?;
    assert_eq!(
        untouched.attempts, 0,
        "claimed while draining: {untouched:?}"
    );
    let output = worker.output();
    assert!(
        worker.logs("deregistered").len() == 1 && worker.logs("worker stopped").len() == 1,
        "{output}"
    );
    assert_eq!(worker.logs("step started").len(), 1, "{output}");
    Ok(())
}

#[tokio::test]
async fn a_node_worker_is_refused_a_namespace_its_key_does_not_allow() -> TestResult {
    let server = TestServer::start().await?;
    let mut clients = setup(&server, &[]).await?;
    let key = clients
        .auth
        .create_api_key(CreateApiKeyRequest {
            name: "other's worker".into(),
            permissions: vec!["worker:*".into()],
            namespaces: vec!["other".into()],
            expires_at: None,
        })
        .await?
        .into_inner()
        .secret;

    let refused = node_worker_command(&["--namespace", "node", "--handlers", "h"])?;
    let (status, output) = SdkWorker::run_to_exit(refused, &server, &key).await?;
    assert_eq!(status.code(), Some(1), "{output}");
    assert!(output.contains("PERMISSION_DENIED"), "{output}");
    assert!(!output.contains("\"registered\""), "{output}");

    // The same key serves its own namespace.
    let allowed = node_worker_with(&server, &key, "other", "h", "other's").await?;
    assert!(!allowed.worker_uuid().is_empty());
    Ok(())
}
