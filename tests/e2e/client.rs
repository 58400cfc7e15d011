//! `tasker-client` parity: every RPC called through the gRPC and the REST
//! transport against one real server answers equal messages, and every
//! error class maps to the same `ClientError` — on both backends.
//!
//! Reads are compared exactly. Writes run once per transport on their own
//! objects, and are compared after masking what must differ between two
//! objects (ids, timestamps, secrets).

use std::time::Duration;

use serde::Serialize;
use tasker_client::proto::*;
use tasker_client::{ClientError, OrchestrationClient, Transport, WorkerClient};
use tasker_e2e::{Backend, TestResult, TestServer, TestWorker};

const TEMPLATE: &str = r#"
namespace: parity
name: one
version: 1.0.0
steps:
  - {name: only, handler: ok}
"#;

async fn client(server: &TestServer, transport: Transport) -> TestResult<OrchestrationClient> {
    Ok(OrchestrationClient::builder()
        .endpoint(server.url())
        .transport(transport)
        .api_key(server.admin_key())
        .from_env(false)
        .build()
        .await?)
}

/// Proto3 JSON with the values of keys that name per-object or per-moment
/// data replaced by a marker.
fn masked<T: Serialize>(value: &T) -> serde_json::Value {
    fn mask(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map.iter_mut() {
                    let varies = key.ends_with("Uuid")
                        || key.ends_with("Uuids")
                        || key.ends_with("At")
                        || key.ends_with("Time")
                        || key.ends_with("Token")
                        || matches!(
                            key.as_str(),
                            "secret"
                                | "prefix"
                                | "idempotencyKey"
                                | "name"
                                | "uptime"
                                | "resources"
                                | "details"
                                | "latency"
                        );
                    if varies {
                        *inner = serde_json::Value::String("<varies>".into());
                    } else {
                        mask(inner);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(mask),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(value).unwrap_or_default();
    mask(&mut json);
    json
}

/// Same variant (messages may name different objects).
fn same_class<T: std::fmt::Debug, U: std::fmt::Debug>(
    grpc: &Result<T, ClientError>,
    rest: &Result<U, ClientError>,
) {
    match (grpc, rest) {
        (Err(g), Err(r)) => assert_eq!(
            std::mem::discriminant(g),
            std::mem::discriminant(r),
            "grpc {g:?} / rest {r:?}"
        ),
        (Ok(_), Ok(_)) => {}
        _ => panic!("grpc {grpc:?} / rest {rest:?}"),
    }
}

/// Calls `$method` on both clients and asserts the masked results are equal.
macro_rules! similar {
    ($g:expr, $r:expr, $method:ident($request:expr)) => {{
        let grpc = $g.$method($request).await?;
        let rest = $r.$method($request).await?;
        assert_eq!(
            masked(&grpc),
            masked(&rest),
            concat!(stringify!($method), ": grpc vs rest")
        );
        grpc
    }};
}

/// Calls `$call` on both clients and asserts the results are equal.
macro_rules! equal {
    ($g:expr, $r:expr, $method:ident($request:expr)) => {{
        let grpc = $g.$method($request).await;
        let rest = $r.$method($request).await;
        assert_eq!(grpc, rest, concat!(stringify!($method), ": grpc vs rest"));
        grpc
    }};
}

async fn every_rpc_is_the_same_over_grpc_and_rest(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let g = client(&server, Transport::Grpc).await?;
    let r = client(&server, Transport::Rest).await?;

    // Templates.
    let yaml = RegisterTemplateRequest {
        source: Some(register_template_request::Source::Yaml(TEMPLATE.into())),
    };
    assert!(g.register_template(yaml.clone()).await?.created);
    // Registering it again is idempotent, on both.
    let again = equal!(g, r, register_template(yaml.clone()))?;
    assert!(!again.created);
    equal!(
        g,
        r,
        validate_template(ValidateTemplateRequest {
            source: Some(validate_template_request::Source::Yaml(TEMPLATE.into())),
        })
    )?;
    let invalid = equal!(
        g,
        r,
        validate_template(ValidateTemplateRequest {
            source: Some(validate_template_request::Source::Yaml(
                "namespace: x\nname: y\nsteps: []\n".into()
            )),
        })
    );
    let _ = invalid;
    equal!(g, r, list_templates(ListTemplatesRequest::default()))?;
    equal!(
        g,
        r,
        get_template(GetTemplateRequest {
            namespace: "parity".into(),
            name: "one".into(),
            version: "1.0.0".into(),
        })
    )?;

    // Tasks: one created through each transport.
    let create = |key: &str| CreateTaskRequest {
        namespace: "parity".into(),
        name: "one".into(),
        context: serde_json::from_value(serde_json::json!({"n": 1, "s": "x"})).ok(),
        idempotency_key: key.into(),
        tags: vec!["a".into(), "b".into()],
        ..Default::default()
    };
    let task_g = g.create_task(create("g")).await?.task.unwrap_or_default();
    let task_r = r.create_task(create("r")).await?.task.unwrap_or_default();
    assert_eq!(masked(&task_g), masked(&task_r));
    let uuid = task_g.task_uuid.clone();
    equal!(
        g,
        r,
        get_task(GetTaskRequest {
            task_uuid: uuid.clone()
        })
    )?;
    equal!(
        g,
        r,
        list_tasks(ListTasksRequest {
            namespace: "parity".into(),
            states: vec![TaskState::Pending.into(), TaskState::StepsInProcess.into()],
            tags: vec!["a".into()],
            created_after: Some(pbjson_types::Timestamp {
                seconds: 1_000_000_000,
                nanos: 500_000_000,
            }),
            ..Default::default()
        })
    )?;
    equal!(
        g,
        r,
        count_tasks(CountTasksRequest {
            namespace: "parity".into(),
            states: vec![TaskState::Pending.into(), TaskState::StepsInProcess.into()],
            tags: vec!["a".into()],
            ..Default::default()
        })
    )?;
    equal!(
        g,
        r,
        get_task_context(GetTaskContextRequest {
            task_uuid: uuid.clone()
        })
    )?;
    let steps = equal!(
        g,
        r,
        list_steps(ListStepsRequest {
            task_uuid: uuid.clone(),
            ..Default::default()
        })
    )?;
    let step = steps.steps.first().ok_or("no step")?.step_uuid.clone();
    equal!(
        g,
        r,
        get_step(GetStepRequest {
            task_uuid: uuid.clone(),
            step_uuid: step.clone(),
        })
    )?;
    equal!(
        g,
        r,
        get_step_audit(GetStepAuditRequest {
            task_uuid: uuid.clone(),
            step_uuid: step.clone(),
            ..Default::default()
        })
    )?;

    // The idempotent re-creation carries the existing task on both.
    let again = equal!(g, r, create_task(create("g")));
    match again {
        Err(ClientError::AlreadyExists {
            existing_task: Some(task),
            ..
        }) => assert_eq!(task.task_uuid, uuid),
        other => panic!("expected AlreadyExists with the task: {other:?}"),
    }

    // Workers: one registered through each transport claims, heartbeats and
    // completes its own step.
    let register = RegisterWorkerRequest {
        name: "parity".into(),
        namespaces: vec!["parity".into()],
        handlers: vec!["ok".into()],
        max_concurrency: 1,
        version: "test".into(),
    };
    let worker_g = g.register_worker(register.clone()).await?;
    let worker_r = r.register_worker(register.clone()).await?;
    assert_eq!(masked(&worker_g), masked(&worker_r));
    let worker_g = worker_g.worker.unwrap_or_default().worker_uuid;
    let worker_r = worker_r.worker.unwrap_or_default().worker_uuid;
    let claim = |worker: &str| ClaimStepsRequest {
        worker_uuid: worker.into(),
        max_steps: 1,
        wait_timeout: Some(pbjson_types::Duration {
            seconds: 2,
            nanos: 0,
        }),
    };
    let claimed_g = g.claim_steps(claim(&worker_g)).await?;
    let claimed_r = r.claim_steps(claim(&worker_r)).await?;
    assert_eq!(claimed_g.steps.len(), 1);
    assert_eq!(masked(&claimed_g), masked(&claimed_r));
    let claim_g = claimed_g.steps[0].claim_uuid.clone();
    let claim_r = claimed_r.steps[0].claim_uuid.clone();
    let beat_g = g
        .heartbeat(HeartbeatRequest {
            worker_uuid: worker_g.clone(),
            claim_uuids: vec![claim_g.clone()],
        })
        .await?;
    let beat_r = r
        .heartbeat(HeartbeatRequest {
            worker_uuid: worker_r.clone(),
            claim_uuids: vec![claim_r.clone()],
        })
        .await?;
    assert_eq!(masked(&beat_g), masked(&beat_r));
    let complete = |worker: &str, claim: &str| CompleteStepRequest {
        worker_uuid: worker.into(),
        claim_uuid: claim.into(),
        results: serde_json::from_value(serde_json::json!({"done": true})).ok(),
        execution_duration: Some(pbjson_types::Duration {
            seconds: 0,
            nanos: 1_000_000,
        }),
    };
    let done_g = g.complete_step(complete(&worker_g, &claim_g)).await?;
    let done_r = r.complete_step(complete(&worker_r, &claim_r)).await?;
    assert_eq!(masked(&done_g), masked(&done_r));
    // A second report of the same claim is refused the same way: the lease
    // is no longer held.
    let twice_g = g.complete_step(complete(&worker_g, &claim_g)).await;
    let twice_r = r.complete_step(complete(&worker_r, &claim_r)).await;
    same_class(&twice_g, &twice_r);
    assert!(
        matches!(twice_g, Err(ClientError::FailedPrecondition { .. })),
        "{twice_g:?}"
    );

    // ReportResults: each worker claims a step of a task of its own through
    // it, then reports the step's results with it.
    g.create_task(create("batch-g")).await?;
    r.create_task(create("batch-r")).await?;
    let mut batches = Vec::new();
    for (client, worker) in [(&g, &worker_g), (&r, &worker_r)] {
        let mut claimed = None;
        for _ in 0..100 {
            let answer = client
                .report_results(ReportResultsRequest {
                    worker_uuid: worker.clone(),
                    reports: Vec::new(),
                    claim_max_steps: 1,
                })
                .await?;
            if !answer.claimed.is_empty() {
                claimed = Some(answer);
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let claimed = claimed.ok_or("ReportResults claimed nothing")?;
        let reported = client
            .report_results(ReportResultsRequest {
                worker_uuid: worker.clone(),
                reports: vec![StepReport {
                    claim_uuid: claimed.claimed[0].claim_uuid.clone(),
                    execution_duration: Some(pbjson_types::Duration {
                        seconds: 0,
                        nanos: 1_000_000,
                    }),
                    outcome: Some(step_report::Outcome::Results(serde_json::from_value(
                        serde_json::json!({"batched": true}),
                    )?)),
                }],
                claim_max_steps: 0,
            })
            .await?;
        batches.push((masked(&claimed), masked(&reported)));
    }
    assert_eq!(batches[0], batches[1]);
    assert_eq!(
        batches[0].1["results"][0]["step"]["state"], "STEP_STATE_COMPLETE",
        "{:?}",
        batches[0]
    );
    let fail = |worker: &str, claim: &str| FailStepRequest {
        worker_uuid: worker.into(),
        claim_uuid: claim.into(),
        ..Default::default()
    };
    same_class(
        &g.fail_step(fail(&worker_g, &claim_g)).await,
        &r.fail_step(fail(&worker_r, &claim_r)).await,
    );
    let gone_g = g
        .deregister_worker(DeregisterWorkerRequest {
            worker_uuid: worker_g,
        })
        .await?;
    let gone_r = r
        .deregister_worker(DeregisterWorkerRequest {
            worker_uuid: worker_r,
        })
        .await?;
    assert_eq!(gone_g, gone_r);

    // The watch of a finished task: the same messages, then the end.
    let mut watched = Vec::new();
    for client in [&g, &r] {
        let mut stream = client
            .stream_task_status(StreamTaskStatusRequest {
                task_uuid: uuid.clone(),
            })
            .await?;
        let mut messages = Vec::new();
        while let Some(message) = tokio::time::timeout(
            Duration::from_secs(10),
            futures_util::StreamExt::next(&mut stream),
        )
        .await?
        {
            messages.push(message?);
        }
        watched.push(messages);
    }
    assert!(!watched[0].is_empty());
    assert_eq!(watched[0], watched[1]);

    // Cancellation and manual resolution, each on its own task.
    let cancel_g = g.create_task(create("cg")).await?.task.unwrap_or_default();
    let cancel_r = r.create_task(create("cr")).await?.task.unwrap_or_default();
    let cancelled_g = g
        .cancel_task(CancelTaskRequest {
            task_uuid: cancel_g.task_uuid.clone(),
            reason: "parity".into(),
        })
        .await?;
    let cancelled_r = r
        .cancel_task(CancelTaskRequest {
            task_uuid: cancel_r.task_uuid.clone(),
            reason: "parity".into(),
        })
        .await?;
    assert_eq!(masked(&cancelled_g), masked(&cancelled_r));
    let resolve_g = g.create_task(create("rg")).await?.task.unwrap_or_default();
    let resolve_r = r.create_task(create("rr")).await?.task.unwrap_or_default();
    let mut resolved = Vec::new();
    for (client, task) in [(&g, &resolve_g), (&r, &resolve_r)] {
        let steps = client
            .list_steps(ListStepsRequest {
                task_uuid: task.task_uuid.clone(),
                ..Default::default()
            })
            .await?;
        resolved.push(
            client
                .resolve_step(ResolveStepRequest {
                    task_uuid: task.task_uuid.clone(),
                    step_uuid: steps.steps[0].step_uuid.clone(),
                    action: ManualResolutionAction::CompleteManually.into(),
                    performed_by: "ops".into(),
                    reason: "parity".into(),
                    results: serde_json::from_value(serde_json::json!({"by": "hand"})).ok(),
                })
                .await,
        );
    }
    same_class(&resolved[0], &resolved[1]);
    if let (Ok(a), Ok(b)) = (&resolved[0], &resolved[1]) {
        assert_eq!(masked(a), masked(b));
    }

    // Dead-letter queue and analytics (read-only here).
    equal!(g, r, list_dlq_entries(ListEntriesRequest::default()))?;
    equal!(g, r, get_dlq_stats(GetStatsRequest::default()))?;
    equal!(
        g,
        r,
        get_dlq_investigation_queue(GetInvestigationQueueRequest::default())
    )?;
    let stale_g = g
        .get_dlq_staleness_monitoring(GetStalenessMonitoringRequest::default())
        .await?;
    let stale_r = r
        .get_dlq_staleness_monitoring(GetStalenessMonitoringRequest::default())
        .await?;
    assert_eq!(stale_g.records.len(), stale_r.records.len());
    let missing = GetEntryByTaskRequest {
        task_uuid: uuid.clone(),
    };
    equal!(g, r, get_dlq_entry_by_task(missing.clone())).unwrap_err();
    let update = UpdateInvestigationRequest {
        entry: Some(DlqEntry {
            dlq_entry_uuid: "0190a000-0000-7000-8000-000000000000".into(),
            resolution_notes: "n".into(),
            ..Default::default()
        }),
        update_mask: Some(pbjson_types::FieldMask {
            paths: vec!["resolution_notes".into()],
        }),
    };
    equal!(g, r, update_dlq_investigation(update.clone())).unwrap_err();
    let perf_g = g
        .get_performance_metrics(GetPerformanceMetricsRequest::default())
        .await?;
    let perf_r = r
        .get_performance_metrics(GetPerformanceMetricsRequest::default())
        .await?;
    assert_eq!(masked(&perf_g), masked(&perf_r));
    let slow_g = g
        .get_bottleneck_analysis(GetBottleneckAnalysisRequest::default())
        .await?;
    let slow_r = r
        .get_bottleneck_analysis(GetBottleneckAnalysisRequest::default())
        .await?;
    assert_eq!(masked(&slow_g), masked(&slow_r));

    // Health and configuration.
    similar!(g, r, health_check(CheckRequest {}));
    similar!(g, r, health_liveness(LivenessRequest {}));
    similar!(g, r, health_readiness(ReadinessRequest {}));
    let detailed_g = g.detailed_health(DetailedHealthRequest {}).await?;
    let detailed_r = r.detailed_health(DetailedHealthRequest {}).await?;
    assert_eq!(detailed_g.environment, detailed_r.environment);
    assert_eq!(detailed_g.components.len(), detailed_r.components.len());
    // Compared as JSON: the server builds a JSON `null` in its configuration
    // as a `google.protobuf.Value` with no kind, which proto3 JSON (REST) can
    // only write as `null` and reads back as `null_value`.
    similar!(g, r, get_config(GetConfigRequest {}));

    // Auth.
    equal!(g, r, who_am_i(WhoAmIRequest {}))?;
    let token = |ttl: i64| IssueTokenRequest {
        api_key: server.admin_key().into(),
        ttl: Some(pbjson_types::Duration {
            seconds: ttl,
            nanos: 0,
        }),
        permissions: vec!["tasks:read".into()],
    };
    let token_g = g.issue_token(token(300)).await?;
    let token_r = r.issue_token(token(300)).await?;
    assert_eq!(masked(&token_g), masked(&token_r));
    let key = |name: &str| CreateApiKeyRequest {
        name: name.into(),
        permissions: vec!["tasks:read".into()],
        namespaces: vec!["parity".into()],
        ..Default::default()
    };
    let key_g = g.create_api_key(key("parity-g")).await?;
    let key_r = r.create_api_key(key("parity-r")).await?;
    assert_eq!(masked(&key_g), masked(&key_r));
    let keys_g = g.list_api_keys(ListApiKeysRequest::default()).await?;
    let keys_r = r.list_api_keys(ListApiKeysRequest::default()).await?;
    assert_eq!(masked(&keys_g), masked(&keys_r));
    let revoke = |key: &CreateApiKeyResponse| RevokeApiKeyRequest {
        api_key_uuid: key.api_key.clone().unwrap_or_default().api_key_uuid,
    };
    let revoked_g = g.revoke_api_key(revoke(&key_g)).await?;
    let revoked_r = r.revoke_api_key(revoke(&key_r)).await?;
    assert_eq!(masked(&revoked_g), masked(&revoked_r));
    Ok(())
}

#[tokio::test]
async fn parity_on_sqlite() -> TestResult {
    every_rpc_is_the_same_over_grpc_and_rest(Backend::Sqlite).await
}

#[tokio::test]
async fn parity_on_postgres() -> TestResult {
    if !tasker_e2e::postgres_available().await? {
        return Ok(());
    }
    every_rpc_is_the_same_over_grpc_and_rest(Backend::Postgres).await
}

#[tokio::test]
async fn every_error_class_is_the_same_variant_on_both_transports() -> TestResult {
    let server = TestServer::start().await?;
    let g = client(&server, Transport::Grpc).await?;
    let r = client(&server, Transport::Rest).await?;

    let missing = GetTaskRequest {
        task_uuid: "0190a000-0000-7000-8000-000000000000".into(),
    };
    let not_found = equal!(g, r, get_task(missing.clone())).unwrap_err();
    assert!(
        matches!(not_found, ClientError::NotFound { .. }),
        "{not_found:?}"
    );
    // A server stream refused the same way: NOT_FOUND when it starts, or as
    // its only item.
    let mut watched = Vec::new();
    for client in [&g, &r] {
        let answer = client
            .stream_task_status(StreamTaskStatusRequest {
                task_uuid: missing.task_uuid.clone(),
            })
            .await;
        watched.push(match answer {
            Err(error) => error,
            Ok(mut stream) => tokio::time::timeout(
                Duration::from_secs(10),
                futures_util::StreamExt::next(&mut stream),
            )
            .await?
            .ok_or("the stream ended without its error")?
            .err()
            .ok_or("a message for a task that does not exist")?,
        });
    }
    assert_eq!(watched[0], watched[1]);
    assert!(
        matches!(watched[0], ClientError::NotFound { .. }),
        "{watched:?}"
    );

    let invalid = equal!(
        g,
        r,
        create_task(CreateTaskRequest {
            namespace: "nowhere".into(),
            ..Default::default()
        })
    )
    .unwrap_err();
    assert!(
        matches!(&invalid, ClientError::InvalidArgument { violations, .. } if !violations.is_empty()),
        "{invalid:?}"
    );

    // Unauthenticated: no credential at all.
    let mut anonymous = Vec::new();
    for transport in [Transport::Grpc, Transport::Rest] {
        let client = OrchestrationClient::builder()
            .endpoint(server.url())
            .transport(transport)
            .from_env(false)
            .build()
            .await?;
        anonymous.push(client.who_am_i(WhoAmIRequest {}).await);
    }
    assert_eq!(anonymous[0], anonymous[1]);
    assert!(matches!(
        anonymous[0],
        Err(ClientError::Unauthenticated { .. })
    ));

    // Permission denied: a key that may only read tasks lists keys.
    let limited = g
        .create_api_key(CreateApiKeyRequest {
            name: "reader".into(),
            permissions: vec!["tasks:read".into()],
            ..Default::default()
        })
        .await?
        .secret;
    let mut denied = Vec::new();
    for transport in [Transport::Grpc, Transport::Rest] {
        let client = OrchestrationClient::builder()
            .endpoint(server.url())
            .transport(transport)
            .api_key(&limited)
            .from_env(false)
            .build()
            .await?;
        denied.push(client.list_api_keys(ListApiKeysRequest::default()).await);
    }
    assert_eq!(denied[0], denied[1]);
    assert!(matches!(
        denied[0],
        Err(ClientError::PermissionDenied { .. })
    ));

    // Deadline exceeded: a long-poll claim outlasts a short client deadline.
    let worker = g
        .register_worker(RegisterWorkerRequest {
            name: "slow".into(),
            namespaces: vec!["nothing-here".into()],
            handlers: vec!["ok".into()],
            max_concurrency: 1,
            version: "t".into(),
        })
        .await?
        .worker
        .unwrap_or_default()
        .worker_uuid;
    let mut late = Vec::new();
    for transport in [Transport::Grpc, Transport::Rest] {
        let client = OrchestrationClient::builder()
            .endpoint(server.url())
            .transport(transport)
            .api_key(server.admin_key())
            .timeout(Duration::from_millis(300))
            .from_env(false)
            .build()
            .await?;
        late.push(
            client
                .claim_steps(ClaimStepsRequest {
                    worker_uuid: worker.clone(),
                    max_steps: 1,
                    wait_timeout: Some(pbjson_types::Duration {
                        seconds: 5,
                        nanos: 0,
                    }),
                })
                .await,
        );
    }
    same_class(&late[0], &late[1]);
    assert!(
        matches!(late[0], Err(ClientError::DeadlineExceeded { .. })),
        "{late:?}"
    );

    // Transport: nothing listens.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.local_addr()?.port()
    };
    let mut refused = Vec::new();
    for transport in [Transport::Grpc, Transport::Rest] {
        let client = OrchestrationClient::builder()
            .endpoint(format!("http://127.0.0.1:{port}"))
            .transport(transport)
            .from_env(false)
            .build()
            .await?;
        refused.push(client.health_check(CheckRequest {}).await);
    }
    same_class(&refused[0], &refused[1]);
    assert!(
        matches!(refused[0], Err(ClientError::Transport { .. })),
        "{refused:?}"
    );
    Ok(())
}

#[tokio::test]
async fn unavailable_carries_the_retry_delay_on_both_transports() -> TestResult {
    let templates = tasker_e2e::repo_root().join("config/templates");
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_TEMPLATES__DIRECTORY", &templates.to_string_lossy()),
            ("TASKER_WORKERS__MAX_READY_STEPS", "1"),
        ],
    )
    .await?;
    let g = client(&server, Transport::Grpc).await?;
    let r = client(&server, Transport::Rest).await?;
    let linear = |n: usize| CreateTaskRequest {
        namespace: "examples".into(),
        name: "linear".into(),
        idempotency_key: format!("k{n}"),
        ..Default::default()
    };
    let mut n = 0;
    let refused_g = loop {
        n += 1;
        assert!(n < 100, "never refused");
        match g.create_task(linear(n)).await {
            Ok(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(error) => break error,
        }
    };
    n += 1;
    let refused_r = r.create_task(linear(n)).await.unwrap_err();
    assert!(
        matches!(
            refused_g,
            ClientError::Unavailable {
                retry_after: Some(_),
                ..
            }
        ),
        "{refused_g:?}"
    );
    assert_eq!(refused_g, refused_r);
    Ok(())
}

#[tokio::test]
async fn the_worker_client_reads_a_worker_process_over_both_transports() -> TestResult {
    use tasker_client::worker_proto::{
        GetWorkerConfigRequest, GetWorkerHealthRequest, GetWorkerReadinessRequest,
        ListWorkerTemplatesRequest,
    };
    let server = TestServer::start().await?;
    let worker = TestWorker::start(&server, "[examples]").await?;
    let mut answers = Vec::new();
    for transport in [Transport::Grpc, Transport::Rest] {
        let client = WorkerClient::builder()
            .endpoint(worker.url())
            .transport(transport)
            .api_key(server.admin_key())
            .from_env(false)
            .build()
            .await?;
        answers.push((
            client
                .list_worker_templates(ListWorkerTemplatesRequest::default())
                .await?,
            client
                .worker_config(GetWorkerConfigRequest::default())
                .await?,
            masked(
                &client
                    .worker_health(GetWorkerHealthRequest::default())
                    .await?,
            ),
            client
                .worker_readiness(GetWorkerReadinessRequest::default())
                .await
                .is_ok(),
        ));
    }
    assert!(!answers[0].0.templates.is_empty());
    assert_eq!(answers[0], answers[1]);
    Ok(())
}

#[tokio::test]
async fn both_transports_reach_a_tls_server_trusting_a_ca_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (cert, key) = tasker_e2e::self_signed_certificate(dir.path())?;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            ("TASKER_SERVER__TLS__CERT_PATH", &cert.to_string_lossy()),
            ("TASKER_SERVER__TLS__KEY_PATH", &key.to_string_lossy()),
        ],
    )
    .await?;
    let https = format!("https://localhost:{}", server.addr().port());
    let mut answers = Vec::new();
    for transport in [Transport::Grpc, Transport::Rest] {
        let trusted = OrchestrationClient::builder()
            .endpoint(&https)
            .transport(transport)
            .api_key(server.admin_key())
            .ca_file(&cert)
            .from_env(false)
            .build()
            .await?;
        answers.push(trusted.who_am_i(WhoAmIRequest {}).await?);
        // Without the authority the certificate is refused: a transport error.
        let untrusting = OrchestrationClient::builder()
            .endpoint(&https)
            .transport(transport)
            .api_key(server.admin_key())
            .from_env(false)
            .build()
            .await?;
        let refused = untrusting.who_am_i(WhoAmIRequest {}).await;
        assert!(
            matches!(refused, Err(ClientError::Transport { .. })),
            "{transport}: {refused:?}"
        );
    }
    assert_eq!(answers[0], answers[1]);
    Ok(())
}
