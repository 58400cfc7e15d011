//! `tasker.v1.WorkerService`: the orchestrator side of the worker protocol.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use tasker_auth::{Permission, Principal};
use tasker_proto::pb::google::rpc;
use tasker_proto::v1::worker_service_server::WorkerService;
use tasker_proto::v1::{
    ClaimStepsRequest, ClaimStepsResponse, ClaimedStep, CompleteStepRequest, CompleteStepResponse,
    DeregisterWorkerRequest, DeregisterWorkerResponse, FailStepRequest, FailStepResponse,
    HeartbeatRequest, HeartbeatResponse, LeaseStatus, RegisterWorkerRequest,
    RegisterWorkerResponse, ReportResultsRequest, ReportResultsResponse, StepError,
    StepReportResult, WatchClaimsRequest, WatchClaimsResponse, Worker, step_report,
};
use tasker_store::{ClaimedStepRecord, StepErrorRecord, StepRecord, WorkerRecord, now_us};
use tonic::{Request, Status};

use crate::auth::{principal, require_namespace};
use crate::convert::{from_proto, to_proto};
use crate::error::grpc_service;
use crate::services::{subject, uuid};
use crate::{AppState, ServerError};

/// Longest long-poll a claim may ask for.
pub const MAX_CLAIM_WAIT: Duration = Duration::from_secs(30);
/// Most steps one claim may return.
pub const MAX_CLAIM_BATCH: i32 = 100;
/// Most reports one `ReportResults` call may carry.
pub const MAX_REPORT_BATCH: usize = 100;

/// What one attempt came to, as a worker reports it.
enum Outcome {
    Completed(Map<String, Value>),
    Failed {
        error: StepErrorRecord,
        retry_after: Option<Duration>,
    },
}

impl Outcome {
    /// A failure; `field` names the request's `error` field for a refusal.
    fn failed(
        field: &str,
        error: Option<StepError>,
        retry_after: Option<&pbjson_types::Duration>,
    ) -> Result<Self, ServerError> {
        let error = error.unwrap_or_default();
        let details = match &error.details {
            Some(d) => Some(from_proto::object(&format!("{field}.details"), Some(d))?),
            None => None,
        };
        Ok(Self::Failed {
            error: StepErrorRecord {
                message: error.message,
                error_class: error.error_class,
                retryable: error.retryable,
                details,
            },
            retry_after: from_proto::duration(retry_after),
        })
    }
}

/// An outcome as recorded.
struct Recorded {
    step: StepRecord,
    will_retry: bool,
}

impl Recorded {
    fn next_retry_at(&self) -> Option<pbjson_types::Timestamp> {
        if self.will_retry {
            to_proto::maybe_timestamp(self.step.next_retry_at)
        } else {
            None
        }
    }
}

/// Implementation of `tasker.v1.WorkerService`.
#[derive(Debug, Clone)]
pub struct Workers {
    state: Arc<AppState>,
}

impl Workers {
    /// A worker service on `state`.
    pub fn new(state: Arc<AppState>) -> Self {
        Self { state }
    }

    async fn worker(&self, worker_uuid: &str) -> Result<WorkerRecord, ServerError> {
        self.state
            .store
            .get_worker(worker_uuid)
            .await?
            .ok_or_else(|| ServerError::NotFound(format!("worker {worker_uuid} (register first)")))
    }

    /// Refuses to act on a claim whose step is in a namespace the caller's
    /// credential does not allow, answering as for a claim that does not
    /// exist, so existence does not leak. Unknown claims pass: the store
    /// answers them.
    async fn check_claim(
        &self,
        caller: Option<&Principal>,
        claim_uuid: &str,
    ) -> Result<(), ServerError> {
        let Some(caller) = caller else { return Ok(()) };
        if caller.namespaces.is_empty() {
            return Ok(());
        }
        match self.state.store.claim_namespace(claim_uuid).await? {
            Some(namespace) if !caller.allows_namespace(&namespace) => {
                Err(tasker_store::StoreError::StateConflict(format!(
                    "claim {claim_uuid} is not held: its lease expired and the step was claimed again, or it never existed"
                ))
                .into())
            }
            _ => Ok(()),
        }
    }

    /// Records one attempt's outcome.
    async fn record(
        &self,
        caller: Option<&Principal>,
        worker_uuid: &str,
        claim_uuid: &str,
        outcome: Outcome,
        execution: Option<Duration>,
    ) -> Result<Recorded, ServerError> {
        self.check_claim(caller, claim_uuid).await?;
        let store = &self.state.store;
        let recorded = match outcome {
            Outcome::Completed(results) => Recorded {
                step: store
                    .complete_step(worker_uuid, claim_uuid, &results, execution)
                    .await?,
                will_retry: false,
            },
            Outcome::Failed { error, retry_after } => {
                let outcome = store
                    .fail_step(worker_uuid, claim_uuid, &error, execution, retry_after)
                    .await?;
                Recorded {
                    step: outcome.step,
                    will_retry: outcome.will_retry,
                }
            }
        };
        let outcome = match recorded.step.state {
            tasker_core::StepState::Complete => "completed",
            tasker_core::StepState::Cancelled => "cancelled",
            _ if recorded.will_retry => "retrying",
            _ => "failed",
        };
        metrics::counter!("tasker_step_results_total", "outcome" => outcome).increment(1);
        Ok(recorded)
    }

    /// Records the outcome a unary report (CompleteStep, FailStep) carries,
    /// for its `(worker_uuid, claim_uuid)` as sent.
    async fn record_one(
        &self,
        caller: Option<&Principal>,
        (worker_uuid, claim_uuid): (&str, &str),
        outcome: Outcome,
        execution: Option<&pbjson_types::Duration>,
    ) -> Result<Recorded, ServerError> {
        let worker_uuid = uuid("worker_uuid", worker_uuid)?;
        let claim_uuid = uuid("claim_uuid", claim_uuid)?;
        let execution = from_proto::duration(execution);
        self.record(caller, &worker_uuid, &claim_uuid, outcome, execution)
            .await
    }

    /// The worker as it may claim for `caller`: its namespaces narrowed to
    /// those the caller's credential allows.
    async fn claiming_worker(
        &self,
        caller: Option<&Principal>,
        worker_uuid: &str,
    ) -> Result<WorkerRecord, ServerError> {
        let mut worker = self.worker(worker_uuid).await?;
        // Claims are limited to the namespaces the caller's credential allows,
        // whoever registered the worker.
        if let Some(caller) = caller {
            let registered = worker.namespaces.join(",");
            worker.namespaces.retain(|n| caller.allows_namespace(n));
            if worker.namespaces.is_empty() {
                return Err(tasker_auth::AuthError::NamespaceDenied {
                    namespace: registered,
                }
                .into());
            }
        }
        Ok(worker)
    }

    /// Claims up to `max_steps` ready steps for `worker`, without waiting.
    async fn claim_now(
        &self,
        worker: &WorkerRecord,
        max_steps: i64,
    ) -> Result<Vec<ClaimedStep>, ServerError> {
        let claimed = self
            .state
            .store
            .claim_steps(
                &worker.worker_uuid,
                &worker.namespaces,
                &worker.handlers,
                max_steps,
                self.lease(),
            )
            .await?;
        if !claimed.is_empty() {
            metrics::counter!("tasker_steps_claimed_total").increment(claimed.len() as u64);
        }
        Ok(claimed.iter().map(claimed_message).collect())
    }

    fn lease(&self) -> Duration {
        Duration::from_secs(self.state.config.workers.lease_seconds)
    }
}

fn claimed_message(c: &ClaimedStepRecord) -> ClaimedStep {
    ClaimedStep {
        claim_uuid: c.claim_uuid.clone(),
        step: Some(to_proto::step(&c.step)),
        namespace: c.step.namespace.clone(),
        task_name: c.task_name.clone(),
        task_version: c.task_version.clone(),
        task_context: Some(to_proto::structure(&c.task_context)),
        dependency_results: c
            .dependency_results
            .iter()
            .map(|(name, r)| (name.clone(), to_proto::structure(r)))
            .collect(),
        attempt: i32::try_from(c.step.attempts).unwrap_or(i32::MAX),
        lease_expires_at: to_proto::maybe_timestamp(c.step.lease_expires_at),
        traceparent: c.traceparent.clone().unwrap_or_default(),
    }
}

/// What `WatchClaims` streams.
type ClaimStream =
    std::pin::Pin<Box<dyn tokio_stream::Stream<Item = Result<WatchClaimsResponse, Status>> + Send>>;

fn worker_message(record: &WorkerRecord) -> Worker {
    Worker {
        worker_uuid: record.worker_uuid.clone(),
        name: record.name.clone(),
        namespaces: record.namespaces.clone(),
        handlers: record.handlers.clone(),
        max_concurrency: i32::try_from(record.max_concurrency).unwrap_or(i32::MAX),
        version: record.version.clone(),
        registered_at: Some(to_proto::timestamp(record.registered_at)),
        last_seen_at: Some(to_proto::timestamp(record.last_seen_at)),
    }
}

/// The RPCs, answering [`ServerError`]; `grpc_service!` below serves them.
impl Workers {
    async fn register_worker(
        &self,
        request: Request<RegisterWorkerRequest>,
    ) -> Result<RegisterWorkerResponse, ServerError> {
        let registered_by = subject(&request);
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        if request.namespaces.is_empty() || request.namespaces.iter().any(String::is_empty) {
            return Err(ServerError::InvalidArgument(
                "namespaces: at least one non-empty namespace".into(),
            ));
        }
        if request.handlers.is_empty() || request.handlers.iter().any(String::is_empty) {
            return Err(ServerError::InvalidArgument(
                "handlers: at least one non-empty handler name".into(),
            ));
        }
        // A worker may only serve namespaces its credential allows.
        for namespace in &request.namespaces {
            require_namespace(caller.as_ref(), namespace)?;
        }
        let now = now_us();
        let record = WorkerRecord {
            worker_uuid: tasker_core::new_uuid().to_string(),
            name: request.name,
            namespaces: request.namespaces,
            handlers: request.handlers,
            max_concurrency: i64::from(request.max_concurrency.max(1)),
            version: request.version,
            registered_by,
            registered_at: now,
            last_seen_at: now,
        };
        self.state.store.register_worker(&record).await?;
        metrics::counter!("tasker_workers_registered_total").increment(1);
        let lease = self.lease();
        Ok(RegisterWorkerResponse {
            worker: Some(worker_message(&record)),
            lease_duration: Some(lease.into()),
            heartbeat_interval: Some((lease / 3).into()),
        })
    }

    async fn deregister_worker(
        &self,
        request: Request<DeregisterWorkerRequest>,
    ) -> Result<DeregisterWorkerResponse, ServerError> {
        let worker_uuid = uuid("worker_uuid", &request.get_ref().worker_uuid)?;
        let scope = crate::scope::caller(&request);
        if !scope.is_all() {
            // Only a worker serving nothing but the caller's namespaces can be
            // deregistered by it; any other is answered as if absent.
            let worker = self.state.store.get_worker(&worker_uuid).await;
            match worker? {
                Some(worker) if scope.contains_all(&worker.namespaces) => {}
                _ => return Err(ServerError::NotFound(format!("worker {worker_uuid}"))),
            }
        }
        let released = self.state.store.deregister_worker(&worker_uuid).await?;
        Ok(DeregisterWorkerResponse {
            released_claims: i32::try_from(released).unwrap_or(i32::MAX),
        })
    }

    async fn claim_steps(
        &self,
        request: Request<ClaimStepsRequest>,
    ) -> Result<ClaimStepsResponse, ServerError> {
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        let worker_uuid = uuid("worker_uuid", &request.worker_uuid)?;
        if request.max_steps < 0 {
            return Err(ServerError::InvalidArgument(
                "max_steps: must not be negative".into(),
            ));
        }
        let max_steps = i64::from(request.max_steps.clamp(1, MAX_CLAIM_BATCH));
        let wait = from_proto::duration(request.wait_timeout.as_ref())
            .unwrap_or_default()
            .min(MAX_CLAIM_WAIT);
        let worker = self.claiming_worker(caller.as_ref(), &worker_uuid).await?;
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Register interest before looking, so a wake-up in between is kept.
            let notified = self.state.store.work_available().notified();
            let steps = self.claim_now(&worker, max_steps).await?;
            if !steps.is_empty()
                || tokio::time::Instant::now() >= deadline
                || self.state.is_shutting_down()
            {
                return Ok(ClaimStepsResponse { steps });
            }
            // Other instances enqueue work too: wake up at least every 250 ms.
            let nap = tokio::time::Instant::now() + Duration::from_millis(250);
            tokio::select! {
                () = notified => {}
                () = tokio::time::sleep_until(nap.min(deadline)) => {}
                () = self.state.draining() => {}
            }
        }
    }

    async fn watch_claims(
        &self,
        request: Request<WatchClaimsRequest>,
    ) -> Result<ClaimStream, ServerError> {
        let scope = crate::scope::caller(&request);
        let worker_uuid = uuid("worker_uuid", &request.get_ref().worker_uuid)?;
        let worker = self.worker(&worker_uuid).await?;
        // Only through a worker serving one of the caller's namespaces; any
        // other is answered as if absent.
        if !worker.namespaces.iter().any(|n| scope.contains(n)) {
            return Err(ServerError::NotFound(format!("worker {worker_uuid}")));
        }
        let slot = self.state.auth.watch_slot(&subject(&request))?;
        // Subscribe before the first read, so no cancellation in between is
        // missed.
        let mut cancellations = self.state.store.subscribe_cancellations();
        let ended = |claims: Vec<String>| {
            claims.into_iter().map(|claim_uuid| {
                Ok(WatchClaimsResponse {
                    lease: Some(LeaseStatus {
                        claim_uuid,
                        held: false,
                        lease_expires_at: None,
                        reason: "task_cancelled".into(),
                    }),
                })
            })
        };
        let first = self
            .state
            .store
            .cancelled_claims(&worker_uuid, None)
            .await?;
        let (tx, rx) = tokio::sync::mpsc::channel(64);
        let state = Arc::clone(&self.state);
        tokio::spawn(async move {
            let _slot = slot;
            for message in ended(first) {
                if tx.send(message).await.is_err() {
                    return;
                }
            }
            loop {
                let task = tokio::select! {
                    task = cancellations.recv() => task,
                    () = tx.closed() => return,
                    () = state.draining() => {
                        let _ = tx.send(Err(ServerError::Draining(
                            "server shutting down; reconnect to keep watching claims",
                        ).into())).await;
                        return;
                    }
                };
                let task = match task {
                    Ok(task) => Some(task),
                    // Missed some: look at every cancelled task.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => None,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                };
                let claims = match state
                    .store
                    .cancelled_claims(&worker_uuid, task.as_deref())
                    .await
                {
                    Ok(claims) => claims,
                    Err(error) => {
                        let _ = tx.send(Err(ServerError::from(error).into())).await;
                        return;
                    }
                };
                for message in ended(claims) {
                    if tx.send(message).await.is_err() {
                        return;
                    }
                }
            }
        });
        Ok(Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx)))
    }

    async fn heartbeat(
        &self,
        request: Request<HeartbeatRequest>,
    ) -> Result<HeartbeatResponse, ServerError> {
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        let worker_uuid = uuid("worker_uuid", &request.worker_uuid)?;
        let claims = request
            .claim_uuids
            .iter()
            .map(|c| uuid("claim_uuids", c))
            .collect::<Result<Vec<_>, _>>()?;
        let worker = self.worker(&worker_uuid).await?;
        // As for claims: only through a worker serving one of the caller's
        // namespaces.
        if let Some(caller) = &caller
            && !worker.namespaces.iter().any(|n| caller.allows_namespace(n))
        {
            return Err(ServerError::from(tasker_auth::AuthError::NamespaceDenied {
                namespace: worker.namespaces.join(","),
            }));
        }
        for claim in &claims {
            self.check_claim(caller.as_ref(), claim).await?;
        }
        let leases = self
            .state
            .store
            .heartbeat(&worker_uuid, &claims, self.lease())
            .await?;
        Ok(HeartbeatResponse {
            leases: leases
                .iter()
                .map(|l| LeaseStatus {
                    claim_uuid: l.claim_uuid.clone(),
                    held: l.expires_at.is_some(),
                    lease_expires_at: to_proto::maybe_timestamp(l.expires_at),
                    reason: l.reason.clone(),
                })
                .collect(),
        })
    }

    async fn report_results(
        &self,
        request: Request<ReportResultsRequest>,
    ) -> Result<ReportResultsResponse, ServerError> {
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        let worker_uuid = uuid("worker_uuid", &request.worker_uuid)?;
        if request.reports.len() > MAX_REPORT_BATCH {
            return Err(ServerError::InvalidArgument(format!(
                "reports: {} reports, at most {MAX_REPORT_BATCH} per call",
                request.reports.len()
            )));
        }
        if !(0..=MAX_CLAIM_BATCH).contains(&request.claim_max_steps) {
            return Err(ServerError::InvalidArgument(format!(
                "claim_max_steps: {} is outside 0..={MAX_CLAIM_BATCH}",
                request.claim_max_steps
            )));
        }
        // Everything is checked before anything is recorded.
        let mut reports = Vec::with_capacity(request.reports.len());
        let mut seen = std::collections::HashSet::with_capacity(request.reports.len());
        for (i, report) in request.reports.into_iter().enumerate() {
            let claim_uuid = uuid(&format!("reports[{i}].claim_uuid"), &report.claim_uuid)?;
            if !seen.insert(claim_uuid.clone()) {
                return Err(ServerError::InvalidArgument(format!(
                    "reports[{i}].claim_uuid: claim {claim_uuid} is reported twice"
                )));
            }
            let outcome = match report.outcome {
                Some(step_report::Outcome::Results(results)) => Outcome::Completed(
                    from_proto::object(&format!("reports[{i}].results"), Some(&results))?,
                ),
                Some(step_report::Outcome::Failure(failure)) => Outcome::failed(
                    &format!("reports[{i}].failure.error"),
                    failure.error,
                    failure.retry_after.as_ref(),
                )?,
                None => {
                    return Err(ServerError::InvalidArgument(format!(
                        "reports[{i}]: one of `results` or `failure` is required"
                    )));
                }
            };
            let execution = from_proto::duration(report.execution_duration.as_ref());
            reports.push((claim_uuid, outcome, execution));
        }
        let claimer = if request.claim_max_steps > 0 {
            if let Some(caller) = &caller {
                let claim = Permission::Action {
                    resource: "worker".into(),
                    action: "claim".into(),
                };
                if !caller.allows(&claim) {
                    return Err(ServerError::from(
                        tasker_auth::AuthError::PermissionDenied {
                            permission: claim.to_string(),
                        },
                    ));
                }
            }
            Some(self.claiming_worker(caller.as_ref(), &worker_uuid).await?)
        } else {
            None
        };
        // The reports are recorded side by side: on SQLite they share one
        // group commit, on PostgreSQL each is its own transaction. Each
        // write runs detached from this future, so a dropped call leaves
        // every report recorded or not, never half-written.
        let recorded = futures_util::future::join_all(reports.into_iter().map(
            |(claim_uuid, outcome, execution)| {
                let (caller, worker_uuid) = (caller.as_ref(), worker_uuid.as_str());
                async move {
                    let result = self
                        .record(caller, worker_uuid, &claim_uuid, outcome, execution)
                        .await;
                    (claim_uuid, result)
                }
            },
        ))
        .await;
        let results = recorded
            .into_iter()
            .map(|(claim_uuid, result)| match result {
                Ok(recorded) => StepReportResult {
                    claim_uuid,
                    status: Some(rpc::Status::default()),
                    next_retry_at: recorded.next_retry_at(),
                    will_retry: recorded.will_retry,
                    step: Some(to_proto::step(&recorded.step)),
                },
                Err(error) => StepReportResult {
                    claim_uuid,
                    status: Some(error.into_rpc_status()),
                    ..StepReportResult::default()
                },
            })
            .collect();
        let claimed = match &claimer {
            Some(worker) if !self.state.is_shutting_down() => {
                self.claim_now(worker, i64::from(request.claim_max_steps))
                    .await?
            }
            _ => Vec::new(),
        };
        Ok(ReportResultsResponse { results, claimed })
    }

    async fn complete_step(
        &self,
        request: Request<CompleteStepRequest>,
    ) -> Result<CompleteStepResponse, ServerError> {
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        let outcome = Outcome::Completed(from_proto::object("results", request.results.as_ref())?);
        let recorded = self
            .record_one(
                caller.as_ref(),
                (&request.worker_uuid, &request.claim_uuid),
                outcome,
                request.execution_duration.as_ref(),
            )
            .await?;
        Ok(CompleteStepResponse {
            step: Some(to_proto::step(&recorded.step)),
        })
    }

    async fn fail_step(
        &self,
        request: Request<FailStepRequest>,
    ) -> Result<FailStepResponse, ServerError> {
        let caller = principal(&request).cloned();
        let request = request.into_inner();
        let outcome = Outcome::failed("error", request.error, request.retry_after.as_ref())?;
        let recorded = self
            .record_one(
                caller.as_ref(),
                (&request.worker_uuid, &request.claim_uuid),
                outcome,
                request.execution_duration.as_ref(),
            )
            .await?;
        Ok(FailStepResponse {
            next_retry_at: recorded.next_retry_at(),
            will_retry: recorded.will_retry,
            step: Some(to_proto::step(&recorded.step)),
        })
    }
}

grpc_service! {
    impl WorkerService for Workers {
        type WatchClaimsStream = ClaimStream;
        fn register_worker(RegisterWorkerRequest) -> RegisterWorkerResponse;
        fn deregister_worker(DeregisterWorkerRequest) -> DeregisterWorkerResponse;
        fn claim_steps(ClaimStepsRequest) -> ClaimStepsResponse;
        fn watch_claims(WatchClaimsRequest) -> Self::WatchClaimsStream;
        fn heartbeat(HeartbeatRequest) -> HeartbeatResponse;
        fn report_results(ReportResultsRequest) -> ReportResultsResponse;
        fn complete_step(CompleteStepRequest) -> CompleteStepResponse;
        fn fail_step(FailStepRequest) -> FailStepResponse;
    }
}
