//! Namespaces bound every credential, on both backends, over gRPC and REST:
//! a key limited to namespace A reads, lists, watches, creates, cancels,
//! resolves, investigates and analyses only A's data (a single object of B
//! is NOT_FOUND, exactly like an absent one; lists are filtered); it cannot
//! deregister B's worker; key management is bounded by the caller's own
//! permissions and namespaces, and the last admin key cannot be revoked; a
//! token issued for a key stops working when the key is revoked.

use std::collections::BTreeSet;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tasker_e2e::{
    ApiKeyInterceptor, AuthChannel, Backend, TEST_JWT_SECRET, TestResult, TestServer,
    on_both_backends,
};
use tasker_proto::v1::analytics_service_client::AnalyticsServiceClient;
use tasker_proto::v1::auth_service_client::AuthServiceClient;
use tasker_proto::v1::dlq_service_client::DlqServiceClient;
use tasker_proto::v1::step_service_client::StepServiceClient;
use tasker_proto::v1::task_service_client::TaskServiceClient;
use tasker_proto::v1::template_service_client::TemplateServiceClient;
use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::*;
use tonic::Code;

const A: &str = "scope_a";
const B: &str = "scope_b";
const HANDLER: &str = "scope_step";

fn template(namespace: &str) -> String {
    format!(
        "namespace: {namespace}\nname: job\nversion: 1.0.0\nsteps:\n  - name: only\n    handler: {HANDLER}\n    retry:\n      max_attempts: 1\n"
    )
}

/// A gRPC channel sending `key`.
fn keyed(channel: &tonic::transport::Channel, key: &str) -> AuthChannel {
    tonic::service::interceptor::InterceptedService::new(
        channel.clone(),
        ApiKeyInterceptor::new(key),
    )
}

/// An HTTP client sending `header: value` with every request.
fn http_with(header: &str, value: &str) -> TestResult<reqwest::Client> {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::HeaderName::from_bytes(header.as_bytes())?,
        value.parse()?,
    );
    Ok(reqwest::Client::builder()
        .default_headers(headers)
        .timeout(Duration::from_secs(10))
        .build()?)
}

/// Status and JSON body of a REST call.
async fn rest(request: reqwest::RequestBuilder) -> TestResult<(StatusCode, Value)> {
    let response = request.send().await?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

fn code<T: std::fmt::Debug>(result: Result<T, tonic::Status>) -> Code {
    match result {
        Ok(_) => Code::Ok,
        Err(status) => status.code(),
    }
}

/// Registers both templates, creates `task_a` and `task_b` and blocks both
/// (their one step fails for good, opening a dead-letter entry each), then
/// creates `task_b2` (left waiting), and a key limited to A holding every
/// permission that touches namespaced data.
struct Fixture {
    admin: AuthChannel,
    channel: tonic::transport::Channel,
    task_a: String,
    task_b: String,
    task_b2: String,
    step_b: String,
    entry_b: String,
    key_a: String,
}

async fn fixture(server: &TestServer) -> TestResult<Fixture> {
    let admin = server.channel().await?;
    let channel = server.raw_channel().await?;
    let mut templates = TemplateServiceClient::new(admin.clone());
    for namespace in [A, B] {
        templates
            .register_template(RegisterTemplateRequest {
                source: Some(register_template_request::Source::Yaml(template(namespace))),
            })
            .await?;
    }
    let mut tasks = TaskServiceClient::new(admin.clone());
    let create = |namespace: &str, key: &str| CreateTaskRequest {
        namespace: namespace.into(),
        name: "job".into(),
        idempotency_key: key.into(),
        ..CreateTaskRequest::default()
    };
    let uuid_of = |response: tonic::Response<CreateTaskResponse>| {
        response
            .into_inner()
            .task
            .map(|t| t.task_uuid)
            .unwrap_or_default()
    };
    let task_a = uuid_of(tasks.create_task(create(A, "a")).await?);
    let task_b = uuid_of(tasks.create_task(create(B, "b")).await?);

    let mut workers = WorkerServiceClient::new(admin.clone());
    let worker = workers
        .register_worker(RegisterWorkerRequest {
            name: "fails everything".into(),
            namespaces: vec![A.into(), B.into()],
            handlers: vec![HANDLER.into()],
            ..RegisterWorkerRequest::default()
        })
        .await?
        .into_inner()
        .worker
        .ok_or("no worker")?
        .worker_uuid;
    let mut claimed = Vec::new();
    for _ in 0..20 {
        claimed.extend(
            workers
                .claim_steps(ClaimStepsRequest {
                    worker_uuid: worker.clone(),
                    max_steps: 10,
                    wait_timeout: Some(pbjson_types::Duration {
                        seconds: 1,
                        nanos: 0,
                    }),
                })
                .await?
                .into_inner()
                .steps,
        );
        if claimed.len() >= 2 {
            break;
        }
    }
    assert_eq!(claimed.len(), 2, "{claimed:?}");
    let mut step_b = String::new();
    for claim in &claimed {
        if claim.namespace == B {
            step_b = claim
                .step
                .as_ref()
                .map(|s| s.step_uuid.clone())
                .unwrap_or_default();
        }
        workers
            .fail_step(FailStepRequest {
                worker_uuid: worker.clone(),
                claim_uuid: claim.claim_uuid.clone(),
                error: Some(StepError {
                    message: "for good".into(),
                    error_class: "Permanent".into(),
                    retryable: false,
                    details: None,
                }),
                ..FailStepRequest::default()
            })
            .await?;
    }
    workers
        .deregister_worker(DeregisterWorkerRequest {
            worker_uuid: worker,
        })
        .await?;
    let task_b2 = uuid_of(tasks.create_task(create(B, "b2")).await?);

    let mut dlq = DlqServiceClient::new(admin.clone());
    let entry_b = dlq
        .get_entry_by_task(GetEntryByTaskRequest {
            task_uuid: task_b.clone(),
        })
        .await?
        .into_inner()
        .entry
        .ok_or("no entry for task b")?
        .dlq_entry_uuid;

    let key_a = AuthServiceClient::new(admin.clone())
        .create_api_key(CreateApiKeyRequest {
            name: "namespace a".into(),
            permissions: vec![
                "tasks:*".into(),
                "steps:*".into(),
                "dlq:*".into(),
                "system:analytics_read".into(),
                "templates:*".into(),
                "worker:*".into(),
            ],
            namespaces: vec![A.into()],
            expires_at: None,
        })
        .await?
        .into_inner()
        .secret;
    Ok(Fixture {
        admin,
        channel,
        task_a,
        task_b,
        task_b2,
        step_b,
        entry_b,
        key_a,
    })
}

async fn namespaces_bound_every_rpc(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let f = fixture(&server).await?;
    let mine = keyed(&f.channel, &f.key_a);
    let absent = uuid::Uuid::now_v7().to_string();

    // --- Tasks over gRPC. ---
    let mut tasks = TaskServiceClient::new(mine.clone());
    let get = |task_uuid: &str| GetTaskRequest {
        task_uuid: task_uuid.into(),
    };
    assert_eq!(code(tasks.get_task(get(&f.task_a)).await), Code::Ok);
    let hidden = tasks
        .get_task(get(&f.task_b))
        .await
        .err()
        .ok_or("read B's task")?;
    let missing = tasks
        .get_task(get(&absent))
        .await
        .err()
        .ok_or("read an absent task")?;
    assert_eq!(hidden.code(), Code::NotFound, "{hidden:?}");
    assert_eq!(
        hidden.message().replace(&f.task_b, "X"),
        missing.message().replace(&absent, "X"),
        "B's task must look absent"
    );
    let listed: Vec<Task> = tasks
        .list_tasks(ListTasksRequest::default())
        .await?
        .into_inner()
        .tasks;
    assert_eq!(
        listed
            .iter()
            .map(|t| t.task_uuid.as_str())
            .collect::<Vec<_>>(),
        [f.task_a.as_str()],
        "the list is filtered to A"
    );
    let of_b = tasks
        .list_tasks(ListTasksRequest {
            namespace: B.into(),
            ..ListTasksRequest::default()
        })
        .await?
        .into_inner()
        .tasks;
    assert!(of_b.is_empty(), "{of_b:?}");
    // Counts cover A alone too: its one blocked task, none of B's three.
    let counted = tasks
        .count_tasks(CountTasksRequest::default())
        .await?
        .into_inner();
    assert_eq!(counted.total, 1, "{counted:?}");
    assert_eq!(
        counted
            .counts
            .iter()
            .map(|c| (c.state(), c.count))
            .collect::<Vec<_>>(),
        [(listed[0].state(), 1)]
    );
    let counted_b = tasks
        .count_tasks(CountTasksRequest {
            namespace: B.into(),
            ..CountTasksRequest::default()
        })
        .await?
        .into_inner();
    assert_eq!(counted_b.total, 0, "{counted_b:?}");
    let everything = TaskServiceClient::new(f.admin.clone())
        .count_tasks(CountTasksRequest::default())
        .await?
        .into_inner();
    assert_eq!(everything.total, 3, "the admin counts every namespace");
    assert_eq!(
        code(
            tasks
                .get_task_context(GetTaskContextRequest {
                    task_uuid: f.task_b.clone()
                })
                .await
        ),
        Code::NotFound
    );
    assert_eq!(
        code(
            tasks
                .stream_task_status(StreamTaskStatusRequest {
                    task_uuid: f.task_b.clone()
                })
                .await
        ),
        Code::NotFound,
        "watched B's task"
    );
    let created = tasks
        .create_task(CreateTaskRequest {
            namespace: B.into(),
            name: "job".into(),
            idempotency_key: "intruder".into(),
            ..CreateTaskRequest::default()
        })
        .await;
    assert_eq!(code(created), Code::PermissionDenied);
    // A template that does not exist in B is refused the same way.
    let created = tasks
        .create_task(CreateTaskRequest {
            namespace: B.into(),
            name: "nothing".into(),
            ..CreateTaskRequest::default()
        })
        .await;
    assert_eq!(code(created), Code::PermissionDenied);
    let cancelled = tasks
        .cancel_task(CancelTaskRequest {
            task_uuid: f.task_b2.clone(),
            reason: "intruder".into(),
        })
        .await;
    assert_eq!(code(cancelled), Code::NotFound);

    // --- Steps over gRPC. ---
    let mut steps = StepServiceClient::new(mine.clone());
    assert_eq!(
        code(
            steps
                .list_steps(ListStepsRequest {
                    task_uuid: f.task_b.clone(),
                    ..ListStepsRequest::default()
                })
                .await
        ),
        Code::NotFound
    );
    assert_eq!(
        code(
            steps
                .get_step(GetStepRequest {
                    task_uuid: f.task_b.clone(),
                    step_uuid: f.step_b.clone(),
                })
                .await
        ),
        Code::NotFound
    );
    assert_eq!(
        code(
            steps
                .get_step_audit(GetStepAuditRequest {
                    task_uuid: f.task_b.clone(),
                    step_uuid: f.step_b.clone(),
                    ..GetStepAuditRequest::default()
                })
                .await
        ),
        Code::NotFound
    );
    let resolved = steps
        .resolve_step(ResolveStepRequest {
            task_uuid: f.task_b.clone(),
            step_uuid: f.step_b.clone(),
            action: ManualResolutionAction::ResolveManually.into(),
            performed_by: "intruder".into(),
            reason: "must not happen".into(),
            ..ResolveStepRequest::default()
        })
        .await;
    assert_eq!(code(resolved), Code::NotFound);

    // --- Dead-letter queue over gRPC. ---
    let mut dlq = DlqServiceClient::new(mine.clone());
    let entries = dlq
        .list_entries(ListEntriesRequest::default())
        .await?
        .into_inner()
        .entries;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries.iter().all(|e| e.namespace == A), "{entries:?}");
    assert_eq!(
        code(
            dlq.get_entry_by_task(GetEntryByTaskRequest {
                task_uuid: f.task_b.clone()
            })
            .await
        ),
        Code::NotFound
    );
    let updated = dlq
        .update_investigation(UpdateInvestigationRequest {
            entry: Some(DlqEntry {
                dlq_entry_uuid: f.entry_b.clone(),
                resolution_notes: "intruder".into(),
                ..DlqEntry::default()
            }),
            update_mask: Some(pbjson_types::FieldMask {
                paths: vec!["resolution_notes".into()],
            }),
        })
        .await;
    assert_eq!(code(updated), Code::NotFound);
    let stats = dlq
        .get_stats(GetStatsRequest::default())
        .await?
        .into_inner();
    assert_eq!((stats.total, stats.pending), (1, 1), "{stats:?}");
    let queue = dlq
        .get_investigation_queue(GetInvestigationQueueRequest::default())
        .await?
        .into_inner()
        .items;
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert!(
        queue
            .iter()
            .all(|i| i.entry.as_ref().is_some_and(|e| e.namespace == A))
    );
    let stale = dlq
        .get_staleness_monitoring(GetStalenessMonitoringRequest::default())
        .await?
        .into_inner()
        .records;
    assert!(stale.iter().all(|r| r.namespace == A), "{stale:?}");
    let everyone = DlqServiceClient::new(f.admin.clone())
        .get_staleness_monitoring(GetStalenessMonitoringRequest::default())
        .await?
        .into_inner()
        .records;
    assert!(
        everyone.iter().any(|r| r.namespace == B),
        "B's waiting task is monitored: {everyone:?}"
    );

    // --- Analytics over gRPC. ---
    let mut analytics = AnalyticsServiceClient::new(mine.clone());
    let performance = analytics
        .get_performance_metrics(GetPerformanceMetricsRequest::default())
        .await?
        .into_inner();
    assert_eq!(performance.tasks_created, 1, "{performance:?}");
    let of_b = analytics
        .get_performance_metrics(GetPerformanceMetricsRequest {
            namespace: B.into(),
            ..GetPerformanceMetricsRequest::default()
        })
        .await?
        .into_inner();
    assert_eq!((of_b.tasks_created, of_b.active_tasks), (0, 0), "{of_b:?}");
    let bottlenecks = analytics
        .get_bottleneck_analysis(GetBottleneckAnalysisRequest::default())
        .await?
        .into_inner();
    assert!(!bottlenecks.slow_steps.is_empty());
    assert!(
        bottlenecks.slow_steps.iter().all(|s| s.namespace == A),
        "{bottlenecks:?}"
    );

    // --- Templates over gRPC. ---
    let mut templates = TemplateServiceClient::new(mine.clone());
    let listed = templates
        .list_templates(ListTemplatesRequest::default())
        .await?
        .into_inner()
        .templates;
    assert!(listed.iter().all(|t| t.namespace == A), "{listed:?}");
    assert_eq!(
        code(
            templates
                .get_template(GetTemplateRequest {
                    namespace: B.into(),
                    name: "job".into(),
                    version: "1.0.0".into(),
                })
                .await
        ),
        Code::NotFound
    );
    let registered = templates
        .register_template(RegisterTemplateRequest {
            source: Some(register_template_request::Source::Yaml(
                template(B).replace("name: job", "name: intruder"),
            )),
        })
        .await;
    assert_eq!(code(registered), Code::PermissionDenied);

    // --- Workers over gRPC: B's worker is out of reach. ---
    let mut admin_workers = WorkerServiceClient::new(f.admin.clone());
    let register = |namespace: &str| RegisterWorkerRequest {
        name: format!("worker {namespace}"),
        namespaces: vec![namespace.into()],
        handlers: vec!["nobody".into()],
        ..RegisterWorkerRequest::default()
    };
    let worker_b = admin_workers
        .register_worker(register(B))
        .await?
        .into_inner()
        .worker
        .ok_or("no worker")?
        .worker_uuid;
    let mut workers = WorkerServiceClient::new(mine.clone());
    let heartbeat = workers
        .heartbeat(HeartbeatRequest {
            worker_uuid: worker_b.clone(),
            claim_uuids: vec![],
        })
        .await;
    assert_eq!(code(heartbeat), Code::PermissionDenied);
    assert_eq!(
        code(
            workers
                .deregister_worker(DeregisterWorkerRequest {
                    worker_uuid: worker_b.clone()
                })
                .await
        ),
        Code::NotFound
    );
    let worker_a = workers
        .register_worker(register(A))
        .await?
        .into_inner()
        .worker
        .ok_or("no worker")?
        .worker_uuid;
    assert_eq!(
        code(
            workers
                .deregister_worker(DeregisterWorkerRequest {
                    worker_uuid: worker_a
                })
                .await
        ),
        Code::Ok
    );

    // --- The same over REST. ---
    let base = server.url();
    let http = http_with("x-api-key", &f.key_a)?;
    let (status, _) = rest(http.get(format!("{base}/v1/tasks/{}", f.task_b))).await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = rest(http.get(format!("{base}/v1/tasks/{}", f.task_a))).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = rest(http.get(format!("{base}/v1/tasks"))).await?;
    assert_eq!(status, StatusCode::OK);
    let uuids: Vec<&str> = body["tasks"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["taskUuid"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(uuids, [f.task_a.as_str()], "{body}");
    for path in [
        format!("/v1/tasks/{}/context", f.task_b),
        format!("/v1/tasks/{}:watch", f.task_b),
        format!("/v1/tasks/{}/steps", f.task_b),
        format!("/v1/tasks/{}/steps/{}", f.task_b, f.step_b),
        format!("/v1/tasks/{}/steps/{}/audit", f.task_b, f.step_b),
        format!("/v1/tasks/{}/dlqEntry", f.task_b),
        format!("/v1/templates/{B}/job/1.0.0"),
    ] {
        let (status, body) = rest(http.get(format!("{base}{path}"))).await?;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
    }
    let (status, body) = rest(
        http.post(format!("{base}/v1/tasks"))
            .json(&json!({"namespace": B, "name": "job", "idempotencyKey": "rest-intruder"})),
    )
    .await?;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = rest(
        http.post(format!("{base}/v1/tasks/{}:cancel", f.task_b2))
            .json(&json!({"reason": "intruder"})),
    )
    .await?;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = rest(
        http.post(format!(
            "{base}/v1/tasks/{}/steps/{}:resolve",
            f.task_b, f.step_b
        ))
        .json(&json!({
            "action": "MANUAL_RESOLUTION_ACTION_RESOLVE_MANUALLY",
            "performedBy": "intruder",
            "reason": "must not happen",
        })),
    )
    .await?;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = rest(
        http.patch(format!(
            "{base}/v1/dlq/entries/{}?updateMask=resolutionNotes",
            f.entry_b
        ))
        .json(&json!({"resolutionNotes": "intruder"})),
    )
    .await?;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = rest(http.get(format!("{base}/v1/dlq/entries"))).await?;
    assert_eq!(status, StatusCode::OK);
    let namespaces: BTreeSet<&str> = body["entries"]
        .as_array()
        .map(|e| e.iter().filter_map(|e| e["namespace"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(namespaces, BTreeSet::from([A]), "{body}");
    let (status, body) = rest(http.get(format!("{base}/v1/dlq/stats"))).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], json!("1"), "{body}");
    let (status, body) = rest(http.get(format!("{base}/v1/analytics/performance"))).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["tasksCreated"], json!("1"), "{body}");
    let (status, body) = rest(http.delete(format!("{base}/v1/workers/{worker_b}"))).await?;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");

    // Nothing of B changed.
    let mut admin_tasks = TaskServiceClient::new(f.admin.clone());
    let b2 = admin_tasks
        .get_task(get(&f.task_b2))
        .await?
        .into_inner()
        .task
        .ok_or("no task")?;
    assert_ne!(b2.state, TaskState::Cancelled as i32, "{b2:?}");
    let of_b = admin_tasks
        .list_tasks(ListTasksRequest {
            namespace: B.into(),
            ..ListTasksRequest::default()
        })
        .await?
        .into_inner()
        .tasks;
    assert_eq!(of_b.len(), 2, "a task was created in B: {of_b:?}");
    let step = StepServiceClient::new(f.admin.clone())
        .get_step(GetStepRequest {
            task_uuid: f.task_b.clone(),
            step_uuid: f.step_b.clone(),
        })
        .await?
        .into_inner()
        .step
        .ok_or("no step")?;
    assert_eq!(step.state, StepState::Error as i32, "{step:?}");
    let entry = DlqServiceClient::new(f.admin.clone())
        .get_entry_by_task(GetEntryByTaskRequest {
            task_uuid: f.task_b.clone(),
        })
        .await?
        .into_inner()
        .entry
        .ok_or("no entry")?;
    assert_eq!(entry.resolution_notes, "");
    // B's worker is still registered: its owner deregisters it.
    admin_workers
        .deregister_worker(DeregisterWorkerRequest {
            worker_uuid: worker_b,
        })
        .await?;
    // The admin key still sees everything.
    let stats = DlqServiceClient::new(f.admin.clone())
        .get_stats(GetStatsRequest::default())
        .await?
        .into_inner();
    assert_eq!(stats.total, 2, "{stats:?}");
    Ok(())
}

on_both_backends!(namespaces_bound_every_rpc => namespaces_bound_every_rpc_on_sqlite, namespaces_bound_every_rpc_on_postgres);

/// The uuid of the key behind a credential, from WhoAmI.
async fn key_uuid(channel: AuthChannel) -> TestResult<String> {
    let me = AuthServiceClient::new(channel)
        .who_am_i(WhoAmIRequest {})
        .await?
        .into_inner();
    Ok(me
        .subject
        .strip_prefix("api_key:")
        .ok_or("not an API key")?
        .to_owned())
}

async fn key_management_is_bounded(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let admin = server.channel().await?;
    let channel = server.raw_channel().await?;
    let admin_uuid = key_uuid(admin.clone()).await?;
    let mut admin_auth = AuthServiceClient::new(admin.clone());
    let create = |name: &str, permissions: &[&str], namespaces: &[&str]| CreateApiKeyRequest {
        name: name.into(),
        permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
        namespaces: namespaces.iter().map(|n| (*n).to_owned()).collect(),
        expires_at: None,
    };
    let created = admin_auth
        .create_api_key(create("keys of a", &["auth:manage_keys", "tasks:*"], &[A]))
        .await?
        .into_inner();
    let (key_a, key_a_uuid) = (
        created.secret,
        created.api_key.ok_or("no key")?.api_key_uuid,
    );
    let key_b_uuid = admin_auth
        .create_api_key(create("reader of b", &["tasks:read"], &[B]))
        .await?
        .into_inner()
        .api_key
        .ok_or("no key")?
        .api_key_uuid;

    // Creating: only subsets of its own permissions and namespaces.
    let mut mine = AuthServiceClient::new(keyed(&channel, &key_a));
    let refused = mine
        .create_api_key(create("into b", &["tasks:read"], &[B]))
        .await;
    assert_eq!(code(refused), Code::PermissionDenied);
    let refused = mine
        .create_api_key(create("into a and b", &["tasks:read"], &[A, B]))
        .await;
    assert_eq!(code(refused), Code::PermissionDenied);
    let refused = mine
        .create_api_key(create("everywhere", &["tasks:read"], &[]))
        .await;
    assert_eq!(code(refused), Code::InvalidArgument);
    let refused = mine.create_api_key(create("wider", &["*"], &[A])).await;
    assert_eq!(code(refused), Code::PermissionDenied);
    let refused = mine
        .create_api_key(create("other resource", &["steps:read"], &[A]))
        .await;
    assert_eq!(code(refused), Code::PermissionDenied);
    let child_uuid = mine
        .create_api_key(create("child", &["tasks:read"], &[A]))
        .await?
        .into_inner()
        .api_key
        .ok_or("no key")?
        .api_key_uuid;

    // Listing: only keys within its scope.
    let listed: BTreeSet<String> = mine
        .list_api_keys(ListApiKeysRequest::default())
        .await?
        .into_inner()
        .api_keys
        .into_iter()
        .map(|k| k.api_key_uuid)
        .collect();
    assert_eq!(
        listed,
        BTreeSet::from([key_a_uuid.clone(), child_uuid.clone()]),
        "admin {admin_uuid}, b {key_b_uuid}"
    );
    // Paged one at a time, the same keys.
    let mut paged = BTreeSet::new();
    let mut token = String::new();
    loop {
        let page = mine
            .list_api_keys(ListApiKeysRequest {
                page_size: 1,
                page_token: token.clone(),
                include_inactive: false,
            })
            .await?
            .into_inner();
        assert!(page.api_keys.len() <= 1);
        paged.extend(page.api_keys.into_iter().map(|k| k.api_key_uuid));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    assert_eq!(paged, listed);
    let http = http_with("x-api-key", &key_a)?;
    let base = server.url();
    let (status, body) = rest(http.get(format!("{base}/v1/auth/apiKeys"))).await?;
    assert_eq!(status, StatusCode::OK);
    let over_rest: BTreeSet<String> = body["apiKeys"]
        .as_array()
        .map(|k| {
            k.iter()
                .filter_map(|k| k["apiKeyUuid"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(over_rest, listed, "{body}");

    // Revoking: keys outside its scope look absent.
    for outside in [&admin_uuid, &key_b_uuid] {
        let refused = mine
            .revoke_api_key(RevokeApiKeyRequest {
                api_key_uuid: outside.clone(),
            })
            .await;
        assert_eq!(code(refused), Code::NotFound);
        let (status, body) = rest(
            http.post(format!("{base}/v1/auth/apiKeys/{outside}:revoke"))
                .json(&json!({})),
        )
        .await?;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    }
    assert_eq!(
        key_uuid(admin.clone()).await?,
        admin_uuid,
        "admin key works"
    );
    mine.revoke_api_key(RevokeApiKeyRequest {
        api_key_uuid: child_uuid,
    })
    .await?;

    // The last admin key cannot be revoked, over gRPC or REST, by itself or
    // any other key.
    let last = admin_auth
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: admin_uuid.clone(),
        })
        .await;
    assert_eq!(code(last), Code::FailedPrecondition);
    let (status, body) = rest(
        server
            .http()?
            .post(format!("{base}/v1/auth/apiKeys/{admin_uuid}:revoke"))
            .json(&json!({})),
    )
    .await?;
    assert_eq!(
        body["code"],
        json!(Code::FailedPrecondition as i32),
        "{status} {body}"
    );
    assert_eq!(
        key_uuid(admin.clone()).await?,
        admin_uuid,
        "admin key works"
    );
    // With a second admin key, the first can go; then the second is the last.
    let second = admin_auth
        .create_api_key(create("second admin", &["*"], &[]))
        .await?
        .into_inner();
    let second_uuid = second.api_key.ok_or("no key")?.api_key_uuid;
    let mut second_auth = AuthServiceClient::new(keyed(&channel, &second.secret));
    second_auth
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: admin_uuid,
        })
        .await?;
    let last = second_auth
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: second_uuid,
        })
        .await;
    assert_eq!(code(last), Code::FailedPrecondition);
    Ok(())
}

on_both_backends!(key_management_is_bounded => key_management_is_bounded_on_sqlite, key_management_is_bounded_on_postgres);

async fn issued_tokens_end_with_their_key(backend: Backend) -> TestResult {
    let server = TestServer::start_with(backend, &[]).await?;
    let admin = server.channel().await?;
    let channel = server.raw_channel().await?;
    let created = AuthServiceClient::new(admin.clone())
        .create_api_key(CreateApiKeyRequest {
            name: "token source".into(),
            permissions: vec!["tasks:*".into()],
            namespaces: vec![],
            expires_at: None,
        })
        .await?
        .into_inner();
    let key_uuid = created.api_key.ok_or("no key")?.api_key_uuid;
    let issued = AuthServiceClient::new(channel.clone())
        .issue_token(IssueTokenRequest {
            api_key: created.secret,
            permissions: vec![],
            ttl: None,
        })
        .await?
        .into_inner();
    // A token of another issuer (no API key behind it), signed with the
    // configured secret: it lives until it expires.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let external = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({
            "sub": "user:idp", "iss": "tasker", "aud": "tasker",
            "iat": now, "nbf": now - 5, "exp": now + 600,
            "permissions": ["tasks:list"],
        }),
        &jsonwebtoken::EncodingKey::from_secret(TEST_JWT_SECRET.as_bytes()),
    )?;
    let base = server.url();
    let list = |token: &str| {
        let mut request = tonic::Request::new(ListTasksRequest::default());
        let value = format!("Bearer {token}").parse();
        if let Ok(value) = value {
            request.metadata_mut().insert("authorization", value);
        }
        let mut client = TaskServiceClient::new(channel.clone());
        async move { code(client.list_tasks(request).await) }
    };
    let list_rest = |token: &str| {
        let http = http_with("authorization", &format!("Bearer {token}"));
        let url = format!("{base}/v1/tasks");
        async move { TestResult::Ok(rest(http?.get(url)).await?.0) }
    };
    assert_eq!(list(&issued.access_token).await, Code::Ok);
    assert_eq!(list_rest(&issued.access_token).await?, StatusCode::OK);
    assert_eq!(list(&external).await, Code::Ok);

    AuthServiceClient::new(admin.clone())
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: key_uuid,
        })
        .await?;
    // At once: the server reads the key on every request, as for keys.
    assert_eq!(list(&issued.access_token).await, Code::Unauthenticated);
    assert_eq!(
        list_rest(&issued.access_token).await?,
        StatusCode::UNAUTHORIZED
    );
    let mut request = tonic::Request::new(WhoAmIRequest {});
    request.metadata_mut().insert(
        "authorization",
        format!("Bearer {}", issued.access_token).parse()?,
    );
    let refused = AuthServiceClient::new(channel.clone())
        .who_am_i(request)
        .await
        .err()
        .ok_or("a token of a revoked key still works")?;
    assert_eq!(refused.code(), Code::Unauthenticated);
    assert!(refused.message().contains("revoked"), "{refused:?}");
    assert_eq!(list(&external).await, Code::Ok);
    Ok(())
}

on_both_backends!(issued_tokens_end_with_their_key => issued_tokens_end_with_their_key_on_sqlite, issued_tokens_end_with_their_key_on_postgres);

/// On a worker's own port, which verifies tokens locally with the server's
/// secret: a token issued for a key is checked with the orchestrator (as the
/// key itself would be), so it stops working once the key is revoked, after
/// the worker's verdict cache (`auth.cache_ttl`, 1 s here).
#[tokio::test]
async fn issued_tokens_end_with_their_key_on_a_worker_port() -> TestResult {
    let server = TestServer::start().await?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("worker.toml");
    std::fs::write(
        &file,
        format!("[auth]\njwt_secret = {TEST_JWT_SECRET:?}\ncache_ttl = \"1s\"\n"),
    )?;
    let file = file.to_string_lossy().into_owned();
    let worker = tasker_e2e::TestWorker::start_with(
        &server,
        "[examples]",
        &[("TASKER_WORKER_CONFIG", file.as_str())],
    )
    .await?;
    let admin = server.channel().await?;
    let created = AuthServiceClient::new(admin.clone())
        .create_api_key(CreateApiKeyRequest {
            name: "template reader".into(),
            permissions: vec!["templates:read".into()],
            namespaces: vec![],
            expires_at: None,
        })
        .await?
        .into_inner();
    let issued = AuthServiceClient::new(server.raw_channel().await?)
        .issue_token(IssueTokenRequest {
            api_key: created.secret,
            permissions: vec![],
            ttl: None,
        })
        .await?
        .into_inner();
    let http = http_with("authorization", &format!("Bearer {}", issued.access_token))?;
    let url = format!("{}/worker/v1/templates", worker.url());
    let (status, body) = rest(http.get(&url)).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    AuthServiceClient::new(admin)
        .revoke_api_key(RevokeApiKeyRequest {
            api_key_uuid: created.api_key.map(|k| k.api_key_uuid).unwrap_or_default(),
        })
        .await?;
    let mut refused = None;
    for _ in 0..50 {
        let (status, body) = rest(http.get(&url)).await?;
        if status != StatusCode::OK {
            refused = Some((status, body));
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, body) =
        refused.ok_or("the token of a revoked key still works on the worker after 5 s")?;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body.to_string().contains("revoked"), "{body}");
    Ok(())
}
