//! A mixed fleet: worker processes of every SDK — the Rust `tasker-worker`
//! binary and the example workers of the Python and Node SDKs — serve one
//! namespace of one server and complete 200 diamond tasks, on SQLite and PostgreSQL.
//! Every step is completed exactly once (its audit trail holds one result
//! and one transition into `complete`) and every worker ran some.
//!
//! A language SDK joins the fleet with one entry in [`sdk_workers`]: a
//! command running a worker that serves the `noop` handler in the namespace
//! given, reads `TASKER_ENDPOINT` / `TASKER_API_KEY` and logs its
//! registration as a JSON line (see `tasker_e2e::sdk`).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use tasker_e2e::sdk::SdkWorker;
use tasker_e2e::{Backend, TestResult, TestServer, TestWorker, on_both_backends};
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;

use crate::sdk_python::python_worker_command;

const NAMESPACE: &str = "fleet";
const TASKS: usize = 200;

/// Every step runs `noop`, the handler every worker of the fleet serves.
const DIAMOND: &str = r"
namespace: fleet
name: diamond
version: 1.0.0
steps:
  - {name: a, handler: noop}
  - {name: b, handler: noop, depends_on: [a]}
  - {name: c, handler: noop, depends_on: [a]}
  - {name: d, handler: noop, depends_on: [b, c]}
";

/// The language SDKs' workers of the fleet, started against `server`.
async fn sdk_workers(server: &TestServer) -> TestResult<Vec<SdkWorker>> {
    let key = server.admin_key();
    let python = python_worker_command(&[
        "--namespace",
        NAMESPACE,
        "--handlers",
        "noop",
        "--concurrency",
        "4",
    ])?;
    let node = tasker_e2e::node::node_worker_command(&[
        "--namespace",
        NAMESPACE,
        "--handlers",
        "noop=noop",
        "--concurrency",
        "4",
    ])?;
    Ok(vec![
        SdkWorker::start("python", python, server, key).await?,
        SdkWorker::start("node", node, server, key).await?,
    ])
}

/// The `worker_uuid` the Rust worker logged at registration (waits for it).
async fn rust_worker_uuid(worker: &TestWorker) -> TestResult<String> {
    for _ in 0..300 {
        for line in worker.output().lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let fields = &value["fields"];
            if fields["message"] == "registered"
                && let Some(uuid) = fields["worker_uuid"].as_str()
            {
                return Ok(uuid.to_owned());
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err(format!("the Rust worker did not register:\n{}", worker.output()).into())
}

async fn a_mixed_fleet_completes_every_step_exactly_once(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let channel = server.channel().await?;
    TemplateServiceClient::new(channel.clone())
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(DIAMOND.into())),
        })
        .await?;
    let mut tasks = TaskServiceClient::new(channel.clone());
    let mut steps = StepServiceClient::new(channel);

    let rust = TestWorker::start_with(
        &server,
        &format!("[{NAMESPACE}]"),
        &[("TASKER_WORKER_EXECUTION__CONCURRENCY", "4")],
    )
    .await?;
    let sdks = sdk_workers(&server).await?;
    let mut language_of: HashMap<String, &str> = HashMap::new();
    language_of.insert(rust_worker_uuid(&rust).await?, "rust");
    for worker in &sdks {
        language_of.insert(worker.worker_uuid().to_owned(), worker.language());
    }
    let output = || {
        let mut text = format!("rust:\n{}", rust.output());
        for worker in &sdks {
            text.push_str(&format!("\n{}:\n{}", worker.language(), worker.output()));
        }
        text
    };

    let mut created = Vec::with_capacity(TASKS);
    for _ in 0..TASKS {
        let task = tasks
            .create_task(CreateTaskRequest {
                namespace: NAMESPACE.into(),
                name: "diamond".into(),
                ..Default::default()
            })
            .await?
            .into_inner()
            .task
            .ok_or("no task")?;
        created.push(task.task_uuid);
    }

    let mut pending: HashSet<String> = created.iter().cloned().collect();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    while !pending.is_empty() {
        if tokio::time::Instant::now() > deadline {
            return Err(format!(
                "{} of {TASKS} tasks did not complete; output:\n{}",
                pending.len(),
                output()
            )
            .into());
        }
        let mut done = Vec::new();
        for task_uuid in &pending {
            let task = tasks
                .get_task(GetTaskRequest {
                    task_uuid: task_uuid.clone(),
                })
                .await?
                .into_inner()
                .task
                .ok_or("no task")?;
            match task.state() {
                TaskState::Complete => done.push(task_uuid.clone()),
                TaskState::Error | TaskState::Cancelled | TaskState::BlockedByFailures => {
                    return Err(format!(
                        "task {task_uuid} ended {:?}:\n{}",
                        task.state(),
                        output()
                    )
                    .into());
                }
                _ => {}
            }
        }
        for task_uuid in done {
            pending.remove(&task_uuid);
        }
        if !pending.is_empty() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    let mut completed_by: HashMap<&str, usize> = HashMap::new();
    for task_uuid in &created {
        let task_steps = steps
            .list_steps(ListStepsRequest {
                task_uuid: task_uuid.clone(),
                ..Default::default()
            })
            .await?
            .into_inner()
            .steps;
        assert_eq!(task_steps.len(), 4);
        for step in task_steps {
            assert_eq!(step.state(), StepState::Complete);
            let audit = steps
                .get_step_audit(GetStepAuditRequest {
                    task_uuid: task_uuid.clone(),
                    step_uuid: step.step_uuid.clone(),
                    ..Default::default()
                })
                .await?
                .into_inner()
                .records;
            let completions: Vec<&StepAuditRecord> = audit
                .iter()
                .filter(|r| r.to_state() == StepState::Complete)
                .collect();
            assert_eq!(
                completions.len(),
                1,
                "step {} of task {task_uuid} completed {} times: {audit:?}",
                step.name,
                completions.len()
            );
            // The worker's result is the one transition out of in_progress
            // (to enqueued_for_orchestration, which the orchestrator then
            // completes).
            let results: Vec<&StepAuditRecord> = audit
                .iter()
                .filter(|r| r.from_state() == StepState::InProgress)
                .collect();
            assert_eq!(results.len(), 1, "one result recorded: {audit:?}");
            let language = language_of
                .get(&results[0].worker_uuid)
                .ok_or_else(|| format!("a result of an unknown worker: {audit:?}"))?;
            *completed_by.entry(language).or_default() += 1;
        }
    }
    assert_eq!(completed_by.values().sum::<usize>(), TASKS * 4);
    for language in language_of.values() {
        assert!(
            completed_by.get(language).copied().unwrap_or(0) > 0,
            "the {language} worker ran no step: {completed_by:?}"
        );
    }
    Ok(())
}

on_both_backends!(a_mixed_fleet_completes_every_step_exactly_once => a_mixed_fleet_on_sqlite, a_mixed_fleet_on_postgres);
