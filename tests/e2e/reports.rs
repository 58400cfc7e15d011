//! Batched reports (`WorkerService.ReportResults`) end to end, on both
//! backends: several outcomes in one call, each recorded on its own (a stale
//! claim and a result for a cancelled task inside a batch do not stop the
//! others), the next steps claimed in the same answer, a malformed batch
//! refused whole before anything is recorded, the claim half guarded by its
//! own permission, and the REST binding.

use serde_json::json;
use tasker_e2e::{ApiKeyInterceptor, Backend, TestResult, TestServer, on_both_backends};
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::*;
use tonic::Code;

const TEMPLATE: &str = "namespace: batch\nname: join\nversion: 1.0.0\nsteps:\n  - {name: a, handler: h}\n  - {name: b, handler: h, retry: {max_attempts: 3, initial_backoff: 50ms, max_backoff: 50ms}}\n  - {name: c, handler: h, depends_on: [a, b]}\n";

fn results(value: serde_json::Value) -> step_report::Outcome {
    step_report::Outcome::Results(serde_json::from_value(value).unwrap_or_default())
}

fn report(claim: &ClaimedStep, outcome: step_report::Outcome) -> StepReport {
    StepReport {
        claim_uuid: claim.claim_uuid.clone(),
        execution_duration: None,
        outcome: Some(outcome),
    }
}

fn step_name(claim: &ClaimedStep) -> &str {
    claim.step.as_ref().map_or("", |s| s.name.as_str())
}

fn code(result: &StepReportResult) -> Code {
    Code::from_i32(result.status.as_ref().map_or(-1, |s| s.code))
}

async fn a_batch_records_each_report_on_its_own_and_claims_the_next_steps(
    backend: Backend,
) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let channel = server.channel().await?;
    TemplateServiceClient::new(channel.clone())
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(TEMPLATE.into())),
        })
        .await?;
    let mut tasks = TaskServiceClient::new(channel.clone());
    let mut workers = WorkerServiceClient::new(channel.clone());
    let create = |key: &'static str| CreateTaskRequest {
        namespace: "batch".into(),
        name: "join".into(),
        idempotency_key: key.into(),
        ..Default::default()
    };
    let kept = tasks.create_task(create("kept")).await?.into_inner();
    let dropped = tasks.create_task(create("dropped")).await?.into_inner();
    let (kept, dropped) = (
        kept.task.unwrap_or_default().task_uuid,
        dropped.task.unwrap_or_default().task_uuid,
    );
    let worker = workers
        .register_worker(RegisterWorkerRequest {
            name: "batcher".into(),
            namespaces: vec!["batch".into()],
            handlers: vec!["h".into()],
            max_concurrency: 8,
            version: "test".into(),
        })
        .await?
        .into_inner()
        .worker
        .unwrap_or_default()
        .worker_uuid;
    let claimed = workers
        .claim_steps(ClaimStepsRequest {
            worker_uuid: worker.clone(),
            max_steps: 10,
            wait_timeout: None,
        })
        .await?
        .into_inner()
        .steps;
    assert_eq!(claimed.len(), 4, "both roots of both tasks: {claimed:?}");
    let of = |task: &str, name: &str| {
        claimed
            .iter()
            .find(|c| c.step.as_ref().is_some_and(|s| s.task_uuid == task) && step_name(c) == name)
            .cloned()
            .ok_or(format!("no claim of {task}/{name}"))
    };
    let (kept_a, kept_b, dropped_a) = (of(&kept, "a")?, of(&kept, "b")?, of(&dropped, "a")?);
    tasks
        .cancel_task(CancelTaskRequest {
            task_uuid: dropped.clone(),
            reason: "not needed".into(),
        })
        .await?;

    // A malformed batch is refused whole: nothing in it is recorded.
    let twice = workers
        .report_results(ReportResultsRequest {
            worker_uuid: worker.clone(),
            reports: vec![
                report(&kept_a, results(json!({"n": 1}))),
                report(&kept_a, results(json!({"n": 2}))),
            ],
            claim_max_steps: 0,
        })
        .await
        .err()
        .ok_or("a claim reported twice was accepted")?;
    assert_eq!(twice.code(), Code::InvalidArgument, "{twice:?}");
    assert!(twice.message().contains("twice"), "{twice:?}");
    let empty = workers
        .report_results(ReportResultsRequest {
            worker_uuid: worker.clone(),
            reports: vec![StepReport {
                claim_uuid: kept_b.claim_uuid.clone(),
                ..StepReport::default()
            }],
            claim_max_steps: 0,
        })
        .await
        .err()
        .ok_or("a report without an outcome was accepted")?;
    assert_eq!(empty.code(), Code::InvalidArgument, "{empty:?}");

    // One batch: two good reports, a result for the cancelled task and a
    // claim that never existed; the next step (c, ready once a and b are
    // complete) comes back in the same answer.
    let stale = tasker_core::new_uuid().to_string();
    let answer = workers
        .report_results(ReportResultsRequest {
            worker_uuid: worker.clone(),
            reports: vec![
                report(&kept_a, results(json!({"from": "a"}))),
                StepReport {
                    claim_uuid: stale.clone(),
                    execution_duration: None,
                    outcome: Some(results(json!({}))),
                },
                report(&dropped_a, results(json!({"late": true}))),
                report(
                    &kept_b,
                    step_report::Outcome::Failure(AttemptFailure {
                        error: Some(StepError {
                            message: "flaky".into(),
                            error_class: "Flaky".into(),
                            retryable: true,
                            ..StepError::default()
                        }),
                        retry_after: None,
                    }),
                ),
            ],
            claim_max_steps: 4,
        })
        .await?
        .into_inner();
    let claims: Vec<&str> = answer
        .results
        .iter()
        .map(|r| r.claim_uuid.as_str())
        .collect();
    assert_eq!(
        claims,
        [
            kept_a.claim_uuid.as_str(),
            stale.as_str(),
            dropped_a.claim_uuid.as_str(),
            kept_b.claim_uuid.as_str()
        ],
        "one result per report, in order"
    );
    assert_eq!(code(&answer.results[0]), Code::Ok, "{answer:?}");
    assert_eq!(
        answer.results[0].step.as_ref().map(|s| s.state()),
        Some(StepState::Complete)
    );
    assert_eq!(
        code(&answer.results[1]),
        Code::FailedPrecondition,
        "{answer:?}"
    );
    assert!(answer.results[1].step.is_none());
    // The cancelled task's step is recorded cancelled, its result not applied.
    assert_eq!(code(&answer.results[2]), Code::Ok, "{answer:?}");
    assert_eq!(
        answer.results[2].step.as_ref().map(|s| s.state()),
        Some(StepState::Cancelled)
    );
    assert_eq!(code(&answer.results[3]), Code::Ok, "{answer:?}");
    assert!(answer.results[3].will_retry, "{answer:?}");
    assert!(answer.results[3].next_retry_at.is_some(), "{answer:?}");
    // b waits for its retry, so c is not ready: nothing of these tasks to
    // claim yet (b's backoff is longer than this call).
    assert!(
        answer.claimed.iter().all(|c| step_name(c) == "b"),
        "{:?}",
        answer.claimed
    );

    // b again, this time as the one report of a batch that also claims: c
    // comes back in the same answer with a's and b's results.
    let b_again = match answer.claimed.into_iter().next() {
        Some(claim) => claim,
        None => {
            let mut retried = None;
            for _ in 0..100 {
                let steps = workers
                    .claim_steps(ClaimStepsRequest {
                        worker_uuid: worker.clone(),
                        max_steps: 1,
                        wait_timeout: Some(std::time::Duration::from_secs(2).into()),
                    })
                    .await?
                    .into_inner()
                    .steps;
                if let Some(claim) = steps.into_iter().next() {
                    retried = Some(claim);
                    break;
                }
            }
            retried.ok_or("b was never offered again")?
        }
    };
    assert_eq!(step_name(&b_again), "b");
    assert_eq!(b_again.attempt, 2);
    let answer = workers
        .report_results(ReportResultsRequest {
            worker_uuid: worker.clone(),
            reports: vec![report(&b_again, results(json!({"from": "b"})))],
            claim_max_steps: 1,
        })
        .await?
        .into_inner();
    assert_eq!(code(&answer.results[0]), Code::Ok, "{answer:?}");
    assert_eq!(answer.claimed.len(), 1, "{answer:?}");
    let c = &answer.claimed[0];
    assert_eq!(step_name(c), "c");
    let mut dependencies: Vec<_> = c.dependency_results.keys().cloned().collect();
    dependencies.sort();
    assert_eq!(dependencies, ["a", "b"]);

    // The claim half needs `worker:claim`: a key with only `worker:report`
    // may report but not claim, and its refused batch records nothing.
    let reporter = AuthServiceClient::new(channel.clone())
        .create_api_key(CreateApiKeyRequest {
            name: "reporter".into(),
            permissions: vec!["worker:report".into()],
            ..CreateApiKeyRequest::default()
        })
        .await?
        .into_inner()
        .secret;
    let mut reporting = WorkerServiceClient::with_interceptor(
        server.raw_channel().await?,
        ApiKeyInterceptor::new(&reporter),
    );
    let denied = reporting
        .report_results(ReportResultsRequest {
            worker_uuid: worker.clone(),
            reports: vec![report(c, results(json!({"from": "c"})))],
            claim_max_steps: 1,
        })
        .await
        .err()
        .ok_or("a key without worker:claim claimed")?;
    assert_eq!(denied.code(), Code::PermissionDenied, "{denied:?}");

    // Over REST, the same binding completes c and with it the task.
    let rest: serde_json::Value = server
        .http()?
        .post(format!("{}/v1/workers/{worker}:report", server.url()))
        .header("content-type", "application/json")
        .body(
            json!({
                "reports": [{
                    "claimUuid": c.claim_uuid,
                    "results": {"from": "c"},
                    "executionDuration": "0.005s"
                }]
            })
            .to_string(),
        )
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    assert_eq!(rest["results"][0]["claimUuid"], c.claim_uuid, "{rest}");
    assert_eq!(
        rest["results"][0]["step"]["state"], "STEP_STATE_COMPLETE",
        "{rest}"
    );
    assert_eq!(rest["results"][0]["status"].get("code"), None, "OK: {rest}");

    let task = tasks
        .get_task(GetTaskRequest {
            task_uuid: kept.clone(),
        })
        .await?
        .into_inner()
        .task
        .unwrap_or_default();
    assert_eq!(task.state(), TaskState::Complete, "{task:?}");
    let steps = StepServiceClient::new(channel)
        .list_steps(ListStepsRequest {
            task_uuid: dropped,
            ..Default::default()
        })
        .await?
        .into_inner()
        .steps;
    let a = steps.iter().find(|s| s.name == "a").ok_or("no step a")?;
    assert!(
        a.results.is_none(),
        "the cancelled task's result was applied: {a:?}"
    );
    Ok(())
}

on_both_backends!(a_batch_records_each_report_on_its_own_and_claims_the_next_steps =>
    batched_reports_on_sqlite,
    batched_reports_on_postgres);
