//! Watching and crashing workers with real worker processes: a watcher sees
//! every transition of a task and its steps, in order, and a worker killed in
//! the middle of a step costs a lease, not a result.

use std::time::Duration;

use tasker_e2e::{Backend, TestResult, TestServer, TestWorker};
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::*;
use tokio_stream::StreamExt;

/// `(from, to)` of one step's transitions, as proto enum values.
type Moves = Vec<(i32, i32)>;

async fn examples_server(backend: Backend, env: &[(&str, &str)]) -> TestResult<TestServer> {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let templates = templates.to_string_lossy().into_owned();
    let mut all = vec![("TASKER_TEMPLATES__DIRECTORY", templates.as_str())];
    all.extend_from_slice(env);
    TestServer::start_with(backend, &all).await
}

async fn step_moves(
    steps: &mut StepServiceClient<tasker_e2e::AuthChannel>,
    task_uuid: &str,
    step_uuid: &str,
) -> TestResult<Moves> {
    Ok(steps
        .get_step_audit(GetStepAuditRequest {
            task_uuid: task_uuid.into(),
            step_uuid: step_uuid.into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .records
        .iter()
        .map(|r| (r.from_state, r.to_state))
        .collect())
}

async fn watch_sees_every_transition_in_order(backend: Backend) -> TestResult {
    let server = examples_server(backend, &[]).await?;
    let channel = server.channel().await?;
    let mut tasks = TaskServiceClient::new(channel.clone());
    let mut steps = StepServiceClient::new(channel);
    // Created with no worker running: the task waits with `a` enqueued.
    let task = tasks
        .create_task(CreateTaskRequest {
            namespace: "examples".into(),
            name: "linear".into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    let listed = steps
        .list_steps(ListStepsRequest {
            task_uuid: task.task_uuid.clone(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .steps;
    let mut before = Vec::new();
    for step in &listed {
        before.push(step_moves(&mut steps, &task.task_uuid, &step.step_uuid).await?);
    }
    let mut watch = tasks
        .stream_task_status(StreamTaskStatusRequest {
            task_uuid: task.task_uuid.clone(),
        })
        .await?
        .into_inner();
    let first = watch.next().await.ok_or("no first message")??;
    let first_state = first.task.as_ref().map(Task::state);
    assert_eq!(first_state, Some(TaskState::StepsInProcess), "{first:?}");
    assert!(first.step_change.is_none() && first.previous_state == 0);

    let worker = TestWorker::start(&server, "[examples]").await?;
    let mut messages = Vec::new();
    let collected = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(message) = watch.next().await {
            let message = message?;
            let last = message.terminal;
            messages.push(message);
            if last {
                break;
            }
        }
        TestResult::Ok(())
    })
    .await;
    collected.map_err(|_| format!("watch did not end; worker output:\n{}", worker.output()))??;
    assert!(
        watch.next().await.is_none(),
        "the stream ends after the terminal message"
    );

    // Task states chain without a gap, from the first message to complete.
    let mut state = TaskState::StepsInProcess as i32;
    let mut task_moves = 0;
    for message in &messages {
        let shown = message.task.as_ref().map_or(0, |t| t.state);
        if message.previous_state != 0 {
            assert_eq!(message.previous_state, state, "gap before {message:?}");
            state = shown;
            task_moves += 1;
        }
        assert_eq!(shown, state, "snapshot state of {message:?}");
    }
    assert_eq!(state, TaskState::Complete as i32);
    // steps_in_process → evaluating_results → complete at least.
    assert!(
        task_moves >= 2,
        "{task_moves} task transitions: {messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.task.as_ref().map(Task::state) == Some(TaskState::EvaluatingResults)),
        "{messages:#?}"
    );
    assert_eq!(messages.iter().filter(|m| m.terminal).count(), 1);
    assert!(messages.last().is_some_and(|m| m.terminal));
    let mut times = messages
        .iter()
        .filter_map(|m| m.occurred_at.as_ref())
        .map(|t| (t.seconds, t.nanos));
    let mut previous = times.next();
    for time in times {
        assert!(Some(time) >= previous, "occurred_at goes backwards");
        previous = Some(time);
    }

    // Each step's changes are exactly its audit trail after the snapshot.
    for (step, before) in listed.iter().zip(&before) {
        let audit = step_moves(&mut steps, &task.task_uuid, &step.step_uuid).await?;
        let streamed: Moves = messages
            .iter()
            .filter_map(|m| m.step_change.as_ref())
            .filter(|c| c.step_uuid == step.step_uuid)
            .map(|c| {
                assert_eq!(c.step_name, step.name);
                (c.from_state, c.to_state)
            })
            .collect();
        assert_eq!(streamed, audit[before.len()..], "step {}", step.name);
        assert_eq!(
            streamed.last().map(|m| m.1),
            Some(StepState::Complete as i32)
        );
    }
    Ok(())
}

tasker_e2e::on_both_backends!(
    watch_sees_every_transition_in_order =>
    watch_sees_every_transition_on_sqlite,
    watch_sees_every_transition_on_postgres
);

const SLOW: &str = r#"
namespace: crash
name: slow
version: 1.0.0
steps:
  - name: only
    handler: sleep
    handler_config: {ms: 1500}
    retry: {max_attempts: 3, initial_backoff: 10ms, max_backoff: 10ms}
"#;

async fn killed_worker_process_loses_its_lease(backend: Backend) -> TestResult {
    let server = examples_server(backend, &[("TASKER_WORKERS__LEASE_SECONDS", "1")]).await?;
    let channel = server.channel().await?;
    let mut tasks = TaskServiceClient::new(channel.clone());
    let mut steps = StepServiceClient::new(channel.clone());
    TemplateServiceClient::new(channel)
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(SLOW.into())),
        })
        .await?;
    let mut doomed = TestWorker::start(&server, "[crash]").await?;
    let task = tasks
        .create_task(CreateTaskRequest {
            namespace: "crash".into(),
            name: "slow".into(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    // Wait until the doomed worker is inside the step, then SIGKILL it.
    let mut step = None;
    for _ in 0..100 {
        let listed = steps
            .list_steps(ListStepsRequest {
                task_uuid: task.task_uuid.clone(),
                ..Default::default()
            })
            .await?
            .into_inner()
            .steps;
        if let Some(s) = listed
            .into_iter()
            .find(|s| s.state() == StepState::InProgress)
        {
            step = Some(s);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let step = step.ok_or_else(|| format!("never claimed:\n{}", doomed.output()))?;
    let doomed_uuid = step.worker_uuid.clone();
    assert!(!doomed_uuid.is_empty());
    doomed.kill();

    let rescuer = TestWorker::start(&server, "[crash]").await?;
    let mut finished = None;
    for _ in 0..200 {
        let current = tasks
            .get_task(GetTaskRequest {
                task_uuid: task.task_uuid.clone(),
            })
            .await?
            .into_inner()
            .task
            .unwrap_or_default();
        if current.state() == TaskState::Complete {
            finished = Some(current);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    finished.ok_or_else(|| format!("not rescued; rescuer output:\n{}", rescuer.output()))?;

    let audit = steps
        .get_step_audit(GetStepAuditRequest {
            task_uuid: task.task_uuid.clone(),
            step_uuid: step.step_uuid.clone(),
            ..Default::default()
        })
        .await?
        .into_inner()
        .records;
    let completions: Vec<_> = audit
        .iter()
        .filter(|r| r.to_state() == StepState::Complete)
        .collect();
    assert_eq!(completions.len(), 1, "{audit:#?}");
    assert_ne!(
        completions[0].worker_uuid, doomed_uuid,
        "another worker finished it"
    );
    assert!(
        audit.iter().any(|r| r.event == "lease_expired"),
        "{audit:#?}"
    );
    let claims: Vec<_> = audit
        .iter()
        .filter(|r| r.to_state() == StepState::InProgress)
        .collect();
    assert_eq!(claims.len(), 2, "two attempts, one per worker: {audit:#?}");
    Ok(())
}

tasker_e2e::on_both_backends!(
    killed_worker_process_loses_its_lease =>
    killed_worker_process_on_sqlite,
    killed_worker_process_on_postgres
);
