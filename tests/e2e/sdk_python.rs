//! The Python worker SDK (`workers/python`) against the real server: its
//! example worker (`python -m tasker_worker.example`, installed into
//! target/python-venv by `scripts/make python-sdk`) completes steps, has its
//! failures retried per the template's policy, sends permanent failures to
//! the dead-letter queue, loses the lease of a step when killed (another
//! worker finishes it), drains on SIGTERM, and is refused with a key limited
//! to another namespace.

use std::process::Command;
use std::time::Duration;

use serde_json::json;
use tasker_e2e::sdk::SdkWorker;
use tasker_e2e::{AuthChannel, Backend, TestResult, TestServer, on_both_backends};
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::dlq_service_client::DlqServiceClient;
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;

const NAMESPACE: &str = "py";

const TEMPLATES: [&str; 4] = [
    r"
namespace: py
name: chain
version: 1.0.0
steps:
  - {name: a, handler: py_a}
  - {name: b, handler: py_b, depends_on: [a]}
  - {name: c, handler: py_c, depends_on: [a, b]}
",
    r"
namespace: py
name: flaky
version: 1.0.0
steps:
  - {name: recovers, handler: py_flaky, retry: {max_attempts: 3, initial_backoff: 10ms, max_backoff: 20ms}}
  - {name: exhausts, handler: py_broken, retry: {max_attempts: 2, initial_backoff: 10ms, max_backoff: 20ms}}
",
    r"
namespace: py
name: doomed
version: 1.0.0
steps:
  - {name: only, handler: py_doomed, retry: {max_attempts: 3, initial_backoff: 10ms, max_backoff: 20ms}}
",
    r"
namespace: py
name: slow
version: 1.0.0
steps:
  - {name: only, handler: py_slow, timeout: 60s, retry: {max_attempts: 3, initial_backoff: 10ms, max_backoff: 20ms}}
",
];

/// The example worker of the Python SDK with `args`.
pub(crate) fn python_worker_command(args: &[&str]) -> TestResult<Command> {
    let mut command = Command::new(crate::external::python()?);
    command
        .args(["-m", "tasker_worker.example", "--long-poll-wait", "1"])
        .args(args)
        .env("PYTHONUNBUFFERED", "1");
    Ok(command)
}

/// Starts a Python worker of `handlers` in the test namespace with the
/// admin key and `args`, and waits for its registration.
async fn python_worker(
    server: &TestServer,
    handlers: &str,
    args: &[&str],
) -> TestResult<SdkWorker> {
    let mut all = vec!["--namespace", NAMESPACE, "--handlers", handlers];
    all.extend_from_slice(args);
    SdkWorker::start(
        "python",
        python_worker_command(&all)?,
        server,
        server.admin_key(),
    )
    .await
}

struct Clients {
    tasks: TaskServiceClient<AuthChannel>,
    steps: StepServiceClient<AuthChannel>,
    dlq: DlqServiceClient<AuthChannel>,
}

/// A server with the test templates registered, and clients of it.
async fn server_with_templates(
    backend: Backend,
    env: &[(&str, &str)],
) -> TestResult<(TestServer, Clients)> {
    let server = TestServer::start_with(backend, env).await?;
    let channel = server.channel().await?;
    let mut templates = TemplateServiceClient::new(channel.clone());
    for yaml in TEMPLATES {
        templates
            .register_template(RegisterTemplateRequest {
                source: Some(register_template_request::Source::Yaml(yaml.into())),
            })
            .await?;
    }
    let clients = Clients {
        tasks: TaskServiceClient::new(channel.clone()),
        steps: StepServiceClient::new(channel.clone()),
        dlq: DlqServiceClient::new(channel),
    };
    Ok((server, clients))
}

async fn create(clients: &mut Clients, name: &str) -> TestResult<String> {
    let context: pbjson_types::Struct = serde_json::from_value(json!({"n": 1}))?;
    Ok(clients
        .tasks
        .create_task(CreateTaskRequest {
            namespace: NAMESPACE.into(),
            name: name.into(),
            context: Some(context),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .ok_or("no task")?
        .task_uuid)
}

async fn task(clients: &mut Clients, task_uuid: &str) -> TestResult<Task> {
    Ok(clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: task_uuid.into(),
        })
        .await?
        .into_inner()
        .task
        .ok_or("no task")?)
}

/// Waits (at most 30 s) until the task is in `state`.
async fn wait_for_task(
    clients: &mut Clients,
    task_uuid: &str,
    state: TaskState,
    worker: &SdkWorker,
) -> TestResult<Task> {
    let mut last = TaskState::Unspecified;
    for _ in 0..600 {
        let now = task(clients, task_uuid).await?;
        if now.state() == state {
            return Ok(now);
        }
        last = now.state();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!(
        "task {task_uuid} is {last:?}, not {state:?}; worker output:\n{}",
        worker.output()
    )
    .into())
}

/// Creates a task of template `name`, waits until it is in `state` and
/// returns its steps (by name).
async fn run_task(
    clients: &mut Clients,
    name: &str,
    state: TaskState,
    worker: &SdkWorker,
) -> TestResult<(String, Vec<Step>)> {
    let task_uuid = create(clients, name).await?;
    wait_for_task(clients, &task_uuid, state, worker).await?;
    let steps = steps(clients, &task_uuid).await?;
    Ok((task_uuid, steps))
}

async fn steps(clients: &mut Clients, task_uuid: &str) -> TestResult<Vec<Step>> {
    let mut steps = clients
        .steps
        .list_steps(ListStepsRequest {
            task_uuid: task_uuid.into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .steps;
    steps.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(steps)
}

/// Waits (at most 30 s) until the task's only step is in progress; returns it.
async fn wait_until_running(
    clients: &mut Clients,
    task_uuid: &str,
    worker: &SdkWorker,
) -> TestResult<Step> {
    for _ in 0..600 {
        let step = steps(clients, task_uuid).await?.remove(0);
        if step.state() == StepState::InProgress {
            return Ok(step);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("the step never ran; worker output:\n{}", worker.output()).into())
}

fn results(step: &Step) -> serde_json::Value {
    serde_json::to_value(step.results.clone().unwrap_or_default()).unwrap_or_default()
}

async fn python_worker_completes_steps(backend: Backend) -> TestResult {
    let (server, mut clients) = server_with_templates(backend, &[]).await?;
    let mut worker = python_worker(&server, "py_a,py_b,py_c", &["--name", "py-one"]).await?;
    let mut tasks = Vec::new();
    for _ in 0..5 {
        tasks.push(create(&mut clients, "chain").await?);
    }
    for task_uuid in &tasks {
        wait_for_task(&mut clients, task_uuid, TaskState::Complete, &worker).await?;
        let steps = steps(&mut clients, task_uuid).await?;
        let deps: Vec<serde_json::Value> = steps
            .iter()
            .map(|s| results(s)["dependencies"].clone())
            .collect();
        assert_eq!(deps, [json!([]), json!(["a"]), json!(["a", "b"])]);
        for step in &steps {
            let results = results(step);
            assert_eq!(results["language"], "python", "{results}");
            assert_eq!(results["worker"], "py-one");
            assert_eq!(results["handler"], step.handler);
            assert_eq!(step.attempts, 1);
        }
    }
    let status = worker.terminate().await?;
    assert!(status.success(), "{status}; output:\n{}", worker.output());
    assert!(
        worker.output().contains("\"deregistered\""),
        "{}",
        worker.output()
    );
    Ok(())
}

on_both_backends!(python_worker_completes_steps => python_worker_completes_steps_on_sqlite, python_worker_completes_steps_on_postgres);

#[tokio::test]
async fn python_handler_failures_are_retried_per_the_template_policy() -> TestResult {
    let (server, mut clients) = server_with_templates(Backend::Sqlite, &[]).await?;
    let worker = python_worker(
        &server,
        "py_flaky,py_broken",
        &["--fail", "py_flaky=2", "--fail", "py_broken=5", "--sync"],
    )
    .await?;
    let (_, steps) = run_task(&mut clients, "flaky", TaskState::BlockedByFailures, &worker).await?;
    let (exhausts, recovers) = (&steps[0], &steps[1]);
    assert_eq!(recovers.state(), StepState::Complete);
    assert_eq!(recovers.attempts, 3, "two failures, then success");
    assert_eq!(results(recovers)["attempt"].as_f64(), Some(3.0));
    assert_eq!(exhausts.state(), StepState::Error);
    assert_eq!(exhausts.attempts, 2, "max_attempts counts the first");
    let error = exhausts.last_error.clone().unwrap_or_default();
    assert_eq!(error.error_class, "ExampleFlaky");
    assert!(error.retryable);
    Ok(())
}

#[tokio::test]
async fn a_permanent_error_from_python_goes_to_the_dlq() -> TestResult {
    let (server, mut clients) = server_with_templates(Backend::Sqlite, &[]).await?;
    let worker = python_worker(&server, "py_doomed", &["--permanent", "py_doomed"]).await?;
    let (task_uuid, mut steps) = run_task(
        &mut clients,
        "doomed",
        TaskState::BlockedByFailures,
        &worker,
    )
    .await?;
    let step = steps.remove(0);
    assert_eq!(step.state(), StepState::Error);
    assert_eq!(step.attempts, 1, "a permanent failure is not retried");
    let error = step.last_error.unwrap_or_default();
    assert_eq!(
        (error.error_class.as_str(), error.retryable),
        ("ExamplePermanent", false)
    );
    let entry = clients
        .dlq
        .get_entry_by_task(GetEntryByTaskRequest {
            task_uuid: task_uuid.clone(),
        })
        .await?
        .into_inner()
        .entry
        .ok_or("no DLQ entry")?;
    assert_eq!(entry.resolution_status(), DlqResolutionStatus::Pending);
    Ok(())
}

#[tokio::test]
async fn a_killed_python_worker_loses_its_lease_and_another_finishes_the_step() -> TestResult {
    let (server, mut clients) =
        server_with_templates(Backend::Sqlite, &[("TASKER_WORKERS__LEASE_SECONDS", "2")]).await?;
    let mut first = python_worker(
        &server,
        "py_slow",
        &["--sleep", "py_slow=60", "--name", "py-doomed"],
    )
    .await?;
    let task_uuid = create(&mut clients, "slow").await?;
    let running = wait_until_running(&mut clients, &task_uuid, &first).await?;
    assert_eq!(running.worker_uuid, first.worker_uuid());
    first.kill();

    let second = python_worker(&server, "py_slow", &["--name", "py-survivor"]).await?;
    wait_for_task(&mut clients, &task_uuid, TaskState::Complete, &second).await?;
    let step = steps(&mut clients, &task_uuid).await?.remove(0);
    // The killed attempt counts (on a loaded machine a missed heartbeat may
    // have cost the first worker an earlier attempt too: count from the one
    // that was running when it died).
    assert_eq!(
        step.attempts,
        running.attempts + 1,
        "the lost attempt counts"
    );
    assert_eq!(results(&step)["worker"], "py-survivor");
    assert_eq!(
        results(&step)["attempt"].as_f64(),
        Some(f64::from(step.attempts))
    );
    Ok(())
}

#[tokio::test]
async fn sigterm_drains_a_python_worker() -> TestResult {
    let (server, mut clients) = server_with_templates(Backend::Sqlite, &[]).await?;
    let mut worker = python_worker(&server, "py_slow", &["--sleep", "py_slow=1.5"]).await?;
    let running = create(&mut clients, "slow").await?;
    wait_until_running(&mut clients, &running, &worker).await?;
    let status = worker.terminate().await?;
    assert!(status.success(), "{status}; output:\n{}", worker.output());
    // The step in flight finished and was reported before the worker left.
    let step = steps(&mut clients, &running).await?.remove(0);
    assert_eq!(step.state(), StepState::Complete, "{}", worker.output());
    assert_eq!(step.attempts, 1);
    let output = worker.output();
    let drained = output.find("draining in-flight steps").ok_or("no drain")?;
    let deregistered = output.find("\"deregistered\"").ok_or("no deregistration")?;
    assert!(drained < deregistered, "{output}");

    // Nothing claims after the drain: a new task waits for a worker.
    let waiting = create(&mut clients, "slow").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let step = steps(&mut clients, &waiting).await?.remove(0);
    assert_eq!(step.state(), StepState::Enqueued);
    assert_eq!(step.attempts, 0);
    Ok(())
}

#[tokio::test]
async fn a_python_worker_with_a_key_for_another_namespace_is_refused() -> TestResult {
    let (server, _clients) = server_with_templates(Backend::Sqlite, &[]).await?;
    let mut auth = AuthServiceClient::new(server.channel().await?);
    let key = auth
        .create_api_key(CreateApiKeyRequest {
            name: "workers of elsewhere".into(),
            permissions: vec!["worker:*".into()],
            namespaces: vec!["elsewhere".into()],
            expires_at: None,
        })
        .await?
        .into_inner()
        .secret;
    let (status, output) = SdkWorker::run_to_exit(
        python_worker_command(&["--namespace", NAMESPACE, "--handlers", "py_a"])?,
        &server,
        &key,
    )
    .await?;
    assert_eq!(status.code(), Some(3), "{output}");
    assert!(output.contains("PERMISSION_DENIED"), "{output}");
    assert!(!output.contains("\"registered\""), "{output}");
    Ok(())
}
