//! The orchestrator end to end over the network: templates, tasks, a worker
//! loop (claim / complete / fail), retries, the dead-letter queue, manual
//! resolution, cancellation, watching and idempotency — on both backends.

use std::time::Duration;

use serde_json::json;
use tasker_e2e::{Backend, TestResult, TestServer};
use tasker_proto::v1::dlq_service_client::DlqServiceClient;
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::*;
use tokio_stream::StreamExt;
use tonic::Code;

const TEMPLATES: &str = r#"
namespace: e2e
name: diamond
version: 1.0.0
steps:
  - {name: a, handler: ok}
  - {name: b, handler: ok, depends_on: [a]}
  - {name: c, handler: flaky, depends_on: [a], retry: {max_attempts: 3, initial_backoff: 10ms, max_backoff: 20ms}}
  - {name: d, handler: ok, depends_on: [b, c]}
"#;

const FAILING: &str = r#"
namespace: e2e
name: failing
version: 1.0.0
steps:
  - {name: only, handler: broken, retry: {max_attempts: 2, initial_backoff: 10ms, max_backoff: 10ms}}
"#;

fn structure(value: serde_json::Value) -> pbjson_types::Struct {
    serde_json::from_value(value).unwrap_or_default()
}

struct Clients {
    tasks: TaskServiceClient<tasker_e2e::AuthChannel>,
    steps: StepServiceClient<tasker_e2e::AuthChannel>,
    workers: WorkerServiceClient<tasker_e2e::AuthChannel>,
    templates: TemplateServiceClient<tasker_e2e::AuthChannel>,
    dlq: DlqServiceClient<tasker_e2e::AuthChannel>,
}

async fn clients(server: &TestServer) -> TestResult<Clients> {
    let channel = server.channel().await?;
    Ok(Clients {
        tasks: TaskServiceClient::new(channel.clone()),
        steps: StepServiceClient::new(channel.clone()),
        workers: WorkerServiceClient::new(channel.clone()),
        templates: TemplateServiceClient::new(channel.clone()),
        dlq: DlqServiceClient::new(channel),
    })
}

/// A worker loop in the test: `ok` succeeds, `flaky` fails on its first
/// attempt, `broken` always fails (retryable). Runs until `rounds` empty polls.
async fn work(
    clients: &mut Clients,
    worker_uuid: &str,
    until_idle_polls: usize,
) -> TestResult<usize> {
    let mut done = 0;
    let mut idle = 0;
    while idle < until_idle_polls {
        let claimed = clients
            .workers
            .claim_steps(ClaimStepsRequest {
                worker_uuid: worker_uuid.into(),
                max_steps: 10,
                wait_timeout: Some(pbjson_types::Duration {
                    seconds: 0,
                    nanos: 200_000_000,
                }),
            })
            .await?
            .into_inner()
            .steps;
        if claimed.is_empty() {
            idle += 1;
            continue;
        }
        idle = 0;
        for claim in claimed {
            let step = claim.step.clone().unwrap_or_default();
            let fail = step.handler == "broken" || (step.handler == "flaky" && claim.attempt == 1);
            if fail {
                clients
                    .workers
                    .fail_step(FailStepRequest {
                        worker_uuid: worker_uuid.into(),
                        claim_uuid: claim.claim_uuid.clone(),
                        error: Some(StepError {
                            message: "boom".into(),
                            error_class: "Boom".into(),
                            retryable: true,
                            details: None,
                        }),
                        ..Default::default()
                    })
                    .await?;
            } else {
                clients
                    .workers
                    .complete_step(CompleteStepRequest {
                        worker_uuid: worker_uuid.into(),
                        claim_uuid: claim.claim_uuid.clone(),
                        results: Some(structure(
                            json!({"step": step.name, "deps": claim.dependency_results.len()}),
                        )),
                        execution_duration: Some(pbjson_types::Duration {
                            seconds: 0,
                            nanos: 1_000_000,
                        }),
                    })
                    .await?;
            }
            done += 1;
        }
    }
    Ok(done)
}

/// Creates a task and returns it.
async fn create(clients: &mut Clients, request: CreateTaskRequest) -> TestResult<Task> {
    Ok(clients
        .tasks
        .create_task(request)
        .await?
        .into_inner()
        .task
        .unwrap_or_default())
}

async fn register(clients: &mut Clients) -> TestResult<String> {
    for yaml in [TEMPLATES, FAILING] {
        clients
            .templates
            .register_template(RegisterTemplateRequest {
                source: Some(register_template_request::Source::Yaml(yaml.into())),
            })
            .await?;
    }
    let worker = clients
        .workers
        .register_worker(RegisterWorkerRequest {
            name: "e2e".into(),
            namespaces: vec!["e2e".into()],
            handlers: vec!["ok".into(), "flaky".into(), "broken".into()],
            max_concurrency: 4,
            version: "test".into(),
        })
        .await?
        .into_inner();
    Ok(worker.worker.unwrap_or_default().worker_uuid)
}

async fn diamond_with_retry_completes_and_watchers_see_it(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let mut clients = clients(&server).await?;
    let worker = register(&mut clients).await?;
    let created = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "e2e".into(),
            name: "diamond".into(),
            context: Some(structure(json!({"order": 1}))),
            idempotency_key: "order-1".into(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(created.state(), TaskState::StepsInProcess);
    assert_eq!(created.step_counts.as_ref().map(|c| c.total), Some(4));

    let duplicate = clients
        .tasks
        .create_task(CreateTaskRequest {
            namespace: "e2e".into(),
            name: "diamond".into(),
            idempotency_key: "order-1".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(duplicate.code(), Code::AlreadyExists);
    assert!(
        duplicate.message().contains(&created.task_uuid),
        "{}",
        duplicate.message()
    );

    let mut watch = clients
        .tasks
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: created.task_uuid.clone(),
        })
        .await?
        .into_inner();
    let watcher = tokio::spawn(async move {
        let mut states = Vec::new();
        while let Some(Ok(message)) = watch.next().await {
            states.push(message.task.unwrap_or_default().state());
            if message.terminal {
                break;
            }
        }
        states
    });

    work(&mut clients, &worker, 3).await?;
    let task = clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: created.task_uuid.clone(),
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    assert_eq!(task.state(), TaskState::Complete, "{task:?}");
    assert_eq!(task.completion_percentage, 100.0);
    let states = tokio::time::timeout(Duration::from_secs(10), watcher).await??;
    assert_eq!(states.first(), Some(&TaskState::StepsInProcess));
    assert_eq!(states.last(), Some(&TaskState::Complete));
    assert!(states.contains(&TaskState::WaitingForRetry), "{states:?}");

    let steps = clients
        .steps
        .list_steps(ListStepsRequest {
            task_uuid: created.task_uuid.clone(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .steps;
    let c = steps.iter().find(|s| s.name == "c").ok_or("no step c")?;
    assert_eq!(c.attempts, 2);
    let audit = clients
        .steps
        .get_step_audit(GetStepAuditRequest {
            task_uuid: created.task_uuid.clone(),
            step_uuid: c.step_uuid.clone(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .records;
    assert!(
        audit
            .iter()
            .any(|r| r.error.as_ref().is_some_and(|e| e.message == "boom")),
        "{audit:?}"
    );
    let context = clients
        .tasks
        .get_task_context(GetTaskContextRequest {
            task_uuid: created.task_uuid.clone(),
        })
        .await?
        .into_inner();
    assert_eq!(context.step_results.len(), 4);
    Ok(())
}

#[tokio::test]
async fn diamond_on_sqlite() -> TestResult {
    diamond_with_retry_completes_and_watchers_see_it(Backend::Sqlite).await
}

#[tokio::test]
async fn diamond_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    diamond_with_retry_completes_and_watchers_see_it(Backend::Postgres).await
}

async fn exhausted_retries_go_to_the_dlq_and_manual_resolution_finishes(
    backend: Backend,
) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let mut clients = clients(&server).await?;
    let worker = register(&mut clients).await?;
    let task = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "e2e".into(),
            name: "failing".into(),
            ..Default::default()
        },
    )
    .await?;
    work(&mut clients, &worker, 3).await?;
    let blocked = clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: task.task_uuid.clone(),
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    assert_eq!(blocked.state(), TaskState::BlockedByFailures);
    let entry = clients
        .dlq
        .get_entry_by_task(GetEntryByTaskRequest {
            task_uuid: task.task_uuid.clone(),
        })
        .await?
        .into_inner()
        .entry
        .unwrap_or_default();
    assert_eq!(entry.reason(), DlqReason::MaxRetriesExceeded);
    assert_eq!(entry.resolution_status(), DlqResolutionStatus::Pending);

    let steps = clients
        .steps
        .list_steps(ListStepsRequest {
            task_uuid: task.task_uuid.clone(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .steps;
    let missing_reason = clients
        .steps
        .resolve_step(ResolveStepRequest {
            task_uuid: task.task_uuid.clone(),
            step_uuid: steps[0].step_uuid.clone(),
            action: ManualResolutionAction::CompleteManually.into(),
            performed_by: "ops".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(missing_reason.code(), Code::InvalidArgument);
    let resolved = clients
        .steps
        .resolve_step(ResolveStepRequest {
            task_uuid: task.task_uuid.clone(),
            step_uuid: steps[0].step_uuid.clone(),
            action: ManualResolutionAction::CompleteManually.into(),
            performed_by: "ops".into(),
            reason: "replayed by hand".into(),
            results: Some(structure(json!({"manual": true}))),
        })
        .await?
        .into_inner();
    assert_eq!(resolved.task_state(), TaskState::Complete);

    let updated = clients
        .dlq
        .update_investigation(UpdateInvestigationRequest {
            entry: Some(DlqEntry {
                dlq_entry_uuid: entry.dlq_entry_uuid.clone(),
                resolution_status: DlqResolutionStatus::ManuallyResolved.into(),
                resolution_notes: "fixed upstream".into(),
                ..Default::default()
            }),
            update_mask: Some(pbjson_types::FieldMask {
                paths: vec!["resolution_status".into(), "resolution_notes".into()],
            }),
        })
        .await?
        .into_inner()
        .entry
        .unwrap_or_default();
    assert_eq!(
        updated.resolution_status(),
        DlqResolutionStatus::ManuallyResolved
    );
    assert!(updated.resolved_at.is_some());
    Ok(())
}

#[tokio::test]
async fn dlq_flow_on_sqlite() -> TestResult {
    exhausted_retries_go_to_the_dlq_and_manual_resolution_finishes(Backend::Sqlite).await
}

#[tokio::test]
async fn dlq_flow_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    exhausted_retries_go_to_the_dlq_and_manual_resolution_finishes(Backend::Postgres).await
}

#[tokio::test]
async fn invalid_input_gets_actionable_errors_and_changes_nothing() -> TestResult {
    let server = TestServer::start().await?;
    let mut clients = clients(&server).await?;
    let unknown = clients
        .tasks
        .create_task(CreateTaskRequest {
            namespace: "nope".into(),
            name: "missing".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Code::NotFound);
    let bad_uuid = clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: "not-a-uuid".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(bad_uuid.code(), Code::InvalidArgument);
    assert!(bad_uuid.message().contains("task_uuid"));
    let missing = clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: uuid::Uuid::now_v7().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Code::NotFound);
    let bad_token = clients
        .tasks
        .list_tasks(ListTasksRequest {
            page_token: "garbage".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(bad_token.code(), Code::InvalidArgument);
    let cyclic = "namespace: e2e\nname: cyclic\nversion: 1.0.0\nsteps:\n  - {name: a, handler: ok, depends_on: [b]}\n  - {name: b, handler: ok, depends_on: [a]}\n";
    let cycle = clients
        .templates
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(cyclic.into())),
        })
        .await
        .unwrap_err();
    assert_eq!(cycle.code(), Code::InvalidArgument);
    let validated = clients
        .templates
        .validate_template(ValidateTemplateRequest {
            source: Some(validate_template_request::Source::Yaml(cyclic.into())),
        })
        .await?
        .into_inner();
    assert!(!validated.valid);
    assert!(
        validated
            .violations
            .iter()
            .any(|v| v.description.contains("cycle")),
        "{:?}",
        validated.violations
    );
    let listed = clients
        .tasks
        .list_tasks(ListTasksRequest::default())
        .await?
        .into_inner();
    assert!(listed.tasks.is_empty(), "nothing was created");

    // Cancelling twice: the second is an illegal transition.
    let worker_templates = register(&mut clients).await;
    assert!(worker_templates.is_ok());
    let task = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "e2e".into(),
            name: "diamond".into(),
            ..Default::default()
        },
    )
    .await?;
    let cancelled = clients
        .tasks
        .cancel_task(CancelTaskRequest {
            task_uuid: task.task_uuid.clone(),
            reason: "test".into(),
        })
        .await?
        .into_inner();
    assert_eq!(
        cancelled.task.unwrap_or_default().state(),
        TaskState::Cancelled
    );
    let again = clients
        .tasks
        .cancel_task(CancelTaskRequest {
            task_uuid: task.task_uuid.clone(),
            reason: "again".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(again.code(), Code::FailedPrecondition);
    Ok(())
}

#[tokio::test]
async fn rest_creates_and_reads_tasks() -> TestResult {
    let server = TestServer::start().await?;
    let mut clients = clients(&server).await?;
    register(&mut clients).await?;
    let http = server.http()?;
    let response = http
        .post(format!("{}/v1/tasks", server.url()))
        .json(&json!({"namespace": "e2e", "name": "diamond", "context": {"n": 1}, "priority": 5, "tags": ["rest"], "idempotencyKey": "rest-1"}))
        .send()
        .await?;
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await?;
    let uuid = body["task"]["taskUuid"]
        .as_str()
        .ok_or("no uuid")?
        .to_owned();
    assert_eq!(body["task"]["state"], "TASK_STATE_STEPS_IN_PROCESS");
    let got: serde_json::Value = http
        .get(format!("{}/v1/tasks/{uuid}", server.url()))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(got["task"]["priority"], 5);
    let listed: serde_json::Value = http
        .get(format!(
            "{}/v1/tasks?tags=rest&states=TASK_STATE_STEPS_IN_PROCESS&pageSize=1",
            server.url()
        ))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(listed["tasks"][0]["taskUuid"], uuid.as_str());
    // The same template and context without a key is a new task (as the
    // README's example run twice); with the same key, the one that exists.
    let again = http
        .post(format!("{}/v1/tasks", server.url()))
        .json(&json!({"namespace": "e2e", "name": "diamond", "context": {"n": 1}, "priority": 5, "tags": ["rest"]}))
        .send()
        .await?;
    assert_eq!(again.status().as_u16(), 200, "{}", again.text().await?);
    let again: serde_json::Value = again.json().await?;
    assert_ne!(again["task"]["taskUuid"], uuid.as_str());
    let dup = http
        .post(format!("{}/v1/tasks", server.url()))
        .json(&json!({"namespace": "e2e", "name": "diamond", "context": {"n": 2}, "idempotencyKey": "rest-1"}))
        .send()
        .await?;
    assert_eq!(dup.status().as_u16(), 409);
    let dup: serde_json::Value = dup.json().await?;
    let details = dup["details"].as_array().ok_or("details")?;
    assert!(
        details
            .iter()
            .any(|d| d["@type"] == "type.googleapis.com/tasker.v1.Task"
                && d["taskUuid"] == uuid.as_str()),
        "{dup}"
    );
    Ok(())
}

async fn wait_until_final(clients: &mut Clients, task_uuid: &str) -> TestResult<Task> {
    for _ in 0..300 {
        let task = clients
            .tasks
            .get_task(GetTaskRequest {
                task_uuid: task_uuid.into(),
            })
            .await?
            .into_inner()
            .task
            .unwrap_or_default();
        if matches!(
            task.state(),
            TaskState::Complete
                | TaskState::BlockedByFailures
                | TaskState::Error
                | TaskState::Cancelled
        ) {
            return Ok(task);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("task {task_uuid} did not settle").into())
}

async fn real_worker_runs_every_example(backend: Backend) -> TestResult {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let templates = templates.to_string_lossy();
    let server =
        TestServer::start_with(backend, &[("TASKER_TEMPLATES__DIRECTORY", &templates)]).await?;
    let worker = tasker_e2e::TestWorker::start(&server, "[examples]").await?;
    let mut clients = clients(&server).await?;
    let mut tasks = Vec::new();
    for name in ["linear", "diamond", "tree", "flaky", "always_fails"] {
        let task = create(
            &mut clients,
            CreateTaskRequest {
                namespace: "examples".into(),
                name: name.into(),
                context: Some(structure(json!({"value": 1}))),
                ..Default::default()
            },
        )
        .await?;
        tasks.push((name, task.task_uuid));
    }
    for (name, uuid) in &tasks {
        let task = wait_until_final(&mut clients, uuid)
            .await
            .map_err(|e| format!("{e}; worker output:\n{}", worker.output()))?;
        let expected = if *name == "always_fails" {
            TaskState::BlockedByFailures
        } else {
            TaskState::Complete
        };
        assert_eq!(task.state(), expected, "{name}: {task:?}");
    }
    let (_, failing) = tasks
        .iter()
        .find(|(n, _)| *n == "always_fails")
        .ok_or("always_fails")?;
    let entry = clients
        .dlq
        .get_entry_by_task(GetEntryByTaskRequest {
            task_uuid: failing.clone(),
        })
        .await?
        .into_inner();
    assert!(entry.entry.is_some());
    Ok(())
}

#[tokio::test]
async fn real_worker_on_sqlite() -> TestResult {
    real_worker_runs_every_example(Backend::Sqlite).await
}

#[tokio::test]
async fn real_worker_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    real_worker_runs_every_example(Backend::Postgres).await
}

#[tokio::test]
async fn a_worker_killed_mid_step_loses_its_lease_and_another_finishes_once() -> TestResult {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let templates = templates.to_string_lossy();
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates),
            ("TASKER_WORKERS__LEASE_SECONDS", "1"),
        ],
    )
    .await?;
    let mut clients = clients(&server).await?;
    // Claim a step with a test "worker" and vanish without reporting.
    let registered = clients
        .workers
        .register_worker(RegisterWorkerRequest {
            name: "doomed".into(),
            namespaces: vec!["examples".into()],
            handlers: vec!["noop".into()],
            max_concurrency: 1,
            version: "test".into(),
        })
        .await?
        .into_inner();
    let doomed = registered.worker.unwrap_or_default().worker_uuid;
    let task = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "examples".into(),
            name: "linear".into(),
            ..Default::default()
        },
    )
    .await?;
    let claimed = clients
        .workers
        .claim_steps(ClaimStepsRequest {
            worker_uuid: doomed.clone(),
            max_steps: 1,
            wait_timeout: None,
        })
        .await?
        .into_inner()
        .steps;
    assert_eq!(claimed.len(), 1);
    let abandoned = claimed[0].claim_uuid.clone();
    // A real worker picks the step up after the lease expires and finishes the task.
    let _worker = tasker_e2e::TestWorker::start(&server, "[examples]").await?;
    let finished = wait_until_final(&mut clients, &task.task_uuid).await?;
    assert_eq!(finished.state(), TaskState::Complete);
    // The abandoned claim's late result is refused; the step completed once.
    let late = clients
        .workers
        .complete_step(CompleteStepRequest {
            worker_uuid: doomed,
            claim_uuid: abandoned,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(late.code(), Code::FailedPrecondition);
    let step = &claimed[0].step.clone().unwrap_or_default();
    let audit = clients
        .steps
        .get_step_audit(GetStepAuditRequest {
            task_uuid: task.task_uuid.clone(),
            step_uuid: step.step_uuid.clone(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .records;
    let completions = audit
        .iter()
        .filter(|r| r.to_state() == StepState::Complete)
        .count();
    assert_eq!(completions, 1, "{audit:?}");
    assert!(
        audit.iter().any(|r| r.event == "lease_expired"),
        "{audit:?}"
    );
    Ok(())
}

#[tokio::test]
async fn two_instances_on_one_postgres_database_share_the_work() -> TestResult {
    const TASKS: usize = 1000;
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    let templates = tasker_e2e::repo_root().join("config/templates");
    let templates = templates.to_string_lossy();
    let env = [("TASKER_TEMPLATES__DIRECTORY", templates.as_ref())];
    let a = TestServer::start_with(Backend::Postgres, &env).await?;
    let b = a.start_sibling(&env).await?;
    let _worker_a = tasker_e2e::TestWorker::start(&a, "[examples]").await?;
    let _worker_b = tasker_e2e::TestWorker::start(&b, "[examples]").await?;
    let mut on_a = clients(&a).await?;
    let mut on_b = clients(&b).await?;

    // A watcher on A follows a task created on B (LISTEN/NOTIFY across instances).
    let watched = create(
        &mut on_b,
        CreateTaskRequest {
            namespace: "examples".into(),
            name: "diamond".into(),
            ..Default::default()
        },
    )
    .await?;
    let mut watch = on_a
        .tasks
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: watched.task_uuid.clone(),
        })
        .await?
        .into_inner();
    let watcher = tokio::spawn(async move {
        let mut last = None;
        while let Some(Ok(message)) = watch.next().await {
            last = Some(message.task.unwrap_or_default().state());
            if message.terminal {
                break;
            }
        }
        last
    });

    let mut uuids = Vec::with_capacity(TASKS);
    for i in 0..TASKS {
        let clients = if i % 2 == 0 { &mut on_a } else { &mut on_b };
        let task = create(
            clients,
            CreateTaskRequest {
                namespace: "examples".into(),
                name: "linear".into(),
                context: Some(structure(json!({"i": i}))),
                ..Default::default()
            },
        )
        .await?;
        uuids.push(task.task_uuid);
    }
    let state = tokio::time::timeout(Duration::from_secs(60), watcher).await??;
    assert_eq!(
        state,
        Some(TaskState::Complete),
        "the watcher on A saw the task finish on B's side"
    );

    let deadline = tokio::time::Instant::now() + Duration::from_secs(240);
    loop {
        let complete = on_a
            .tasks
            .list_tasks(ListTasksRequest {
                states: vec![TaskState::Complete.into()],
                name: "linear".into(),
                page_size: 500,
                ..Default::default()
            })
            .await?
            .into_inner();
        let mut count = complete.tasks.len();
        let mut token = complete.next_page_token;
        while !token.is_empty() {
            let page = on_a
                .tasks
                .list_tasks(ListTasksRequest {
                    states: vec![TaskState::Complete.into()],
                    name: "linear".into(),
                    page_size: 500,
                    page_token: token,
                    ..Default::default()
                })
                .await?
                .into_inner();
            count += page.tasks.len();
            token = page.next_page_token;
        }
        if count == TASKS {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {count} of {TASKS} tasks completed"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // No step was completed twice, none was lost.
    let url = a.database_url().ok_or("no database")?;
    let pool = sqlx::PgPool::connect(url).await?;
    let twice: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT step_uuid FROM step_transitions WHERE to_state = 'complete' GROUP BY step_uuid HAVING COUNT(*) > 1) t",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!(twice, 0, "steps completed twice");
    let incomplete: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM steps WHERE state <> 'complete'")
            .fetch_one(&pool)
            .await?;
    assert_eq!(incomplete, 0);
    pool.close().await;
    Ok(())
}

#[tokio::test]
async fn stale_tasks_are_monitored_and_dead_lettered() -> TestResult {
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_DLQ__PROCESSING_THRESHOLD_SECONDS", "1"),
            ("TASKER_DLQ__STALENESS_CHECK_SECONDS", "1"),
        ],
    )
    .await?;
    let mut clients = clients(&server).await?;
    register(&mut clients).await?;
    let task = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "e2e".into(),
            name: "diamond".into(),
            priority: 3,
            ..Default::default()
        },
    )
    .await?;
    // No worker: the task sits in steps_in_process past the 1 s threshold.
    let mut entry = None;
    for _ in 0..50 {
        if let Ok(found) = clients
            .dlq
            .get_entry_by_task(GetEntryByTaskRequest {
                task_uuid: task.task_uuid.clone(),
            })
            .await
        {
            entry = found.into_inner().entry;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let entry = entry.ok_or("no staleness entry was opened")?;
    assert_eq!(entry.reason(), DlqReason::StalenessTimeout);
    assert_eq!(entry.original_state(), TaskState::StepsInProcess);

    let monitoring = clients
        .dlq
        .get_staleness_monitoring(GetStalenessMonitoringRequest {
            min_health: StalenessHealth::Stale.into(),
            ..Default::default()
        })
        .await?
        .into_inner();
    let record = monitoring
        .records
        .iter()
        .find(|r| r.task_uuid == task.task_uuid)
        .ok_or("task not listed as stale")?;
    assert!(record.threshold_percentage > 100.0);
    let refreshed = clients
        .tasks
        .get_task(GetTaskRequest {
            task_uuid: task.task_uuid.clone(),
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    assert_eq!(refreshed.health(), TaskHealth::Stale);

    let stats = clients
        .dlq
        .get_stats(GetStatsRequest::default())
        .await?
        .into_inner();
    assert_eq!(stats.total, 1);
    assert_eq!(stats.pending, 1);
    assert_eq!(stats.by_reason[0].reason(), DlqReason::StalenessTimeout);
    let queue = clients
        .dlq
        .get_investigation_queue(GetInvestigationQueueRequest::default())
        .await?
        .into_inner();
    assert_eq!(queue.items.len(), 1);
    assert!(
        queue.items[0].priority_score >= 30.0,
        "priority 3 weighs in: {}",
        queue.items[0].priority_score
    );
    Ok(())
}

#[tokio::test]
async fn the_embedded_example_worker_completes_example_tasks() -> TestResult {
    // The example templates come with the binary: a configured directory that
    // does not exist is only a warning.
    let mut server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", "no/such/templates"),
            ("TASKER_EXAMPLES__EMBEDDED_WORKER", "true"),
        ],
    )
    .await?;
    let output = server.output();
    assert!(
        output.contains("templates.directory cannot be read")
            && output.contains("no/such/templates"),
        "{output}"
    );
    let mut clients = clients(&server).await?;
    let task = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "examples".into(),
            name: "linear".into(),
            ..Default::default()
        },
    )
    .await?;
    let done = wait_until_final(&mut clients, &task.task_uuid).await?;
    assert_eq!(done.state(), TaskState::Complete);

    // A normal shutdown: the embedded worker deregisters while the server
    // still answers, and logs written to a pipe carry no colour codes.
    let status = server.terminate().await?;
    assert!(status.success(), "{status}");
    let output = server.output();
    assert!(output.contains("deregistered"), "{output}");
    assert!(!output.contains("cannot deregister"), "{output}");
    assert!(
        !output.contains('\u{1b}'),
        "ANSI codes in a redirected log: {output}"
    );
    Ok(())
}

const SLOW: &str = "namespace: examples\nname: slow\nversion: 1.0.0\nsteps:\n  - {name: nap, handler: sleep, timeout: 60s, handler_config: {ms: 20000}}\n";

/// A task cancelled while a real worker runs its step: the worker is told at
/// once (WatchClaims; its heartbeats come only every 10 s), stops the
/// handler and reports the attempt, which is recorded as cancelled, never
/// complete.
async fn a_step_finishing_after_its_task_was_cancelled_is_cancelled(
    backend: Backend,
) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let mut clients = clients(&server).await?;
    clients
        .templates
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(SLOW.into())),
        })
        .await?;
    let _worker = tasker_e2e::TestWorker::start(&server, "[examples]").await?;
    let task = create(
        &mut clients,
        CreateTaskRequest {
            namespace: "examples".into(),
            name: "slow".into(),
            ..Default::default()
        },
    )
    .await?;
    let steps = |clients: &mut Clients| {
        let mut steps = clients.steps.clone();
        let task_uuid = task.task_uuid.clone();
        async move {
            TestResult::Ok(
                steps
                    .list_steps(ListStepsRequest {
                        task_uuid,
                        ..Default::default()
                    })
                    .await?
                    .into_inner()
                    .steps,
            )
        }
    };
    let mut running = false;
    for _ in 0..100 {
        if steps(&mut clients).await?[0].state() == StepState::InProgress {
            running = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(running, "the worker never claimed the step");
    clients
        .tasks
        .cancel_task(CancelTaskRequest {
            task_uuid: task.task_uuid.clone(),
            reason: "changed my mind".into(),
        })
        .await?;
    // The handler (a 20 s sleep) is stopped within a second or two, long
    // before the next heartbeat; whatever it reports, the step ends
    // cancelled.
    let mut last = StepState::InProgress;
    for _ in 0..60 {
        last = steps(&mut clients).await?[0].state();
        if last != StepState::InProgress {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(last, StepState::Cancelled);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let settled = &steps(&mut clients).await?[0];
    assert_eq!(settled.state(), StepState::Cancelled, "{settled:?}");
    assert!(settled.results.is_none(), "{settled:?}");
    Ok(())
}

tasker_e2e::on_both_backends!(a_step_finishing_after_its_task_was_cancelled_is_cancelled =>
    a_late_step_of_a_cancelled_task_is_cancelled_on_sqlite,
    a_late_step_of_a_cancelled_task_is_cancelled_on_postgres);
