//! A fake orchestrator: an in-memory `tasker.v1.WorkerService` on
//! 127.0.0.1:0 that hands out queued steps, records every call, and can be
//! told to fail calls or to report leases lost.

// Each test binary uses a different part of the fake.
#![allow(dead_code, unreachable_pub)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tasker_proto::v1::auth_service_server::{AuthService, AuthServiceServer};
use tasker_proto::v1::worker_service_server::{WorkerService, WorkerServiceServer};
use tasker_proto::v1::{
    ClaimStepsRequest, ClaimStepsResponse, ClaimedStep, CompleteStepRequest, CompleteStepResponse,
    DeregisterWorkerRequest, DeregisterWorkerResponse, FailStepRequest, FailStepResponse,
    HeartbeatRequest, HeartbeatResponse, LeaseStatus, RegisterWorkerRequest,
    RegisterWorkerResponse, ReportResultsRequest, ReportResultsResponse, Step, StepReportResult,
    Worker, step_report,
};
use tasker_worker::convert;
use tokio::sync::Notify;
use tonic::{Request, Response, Status};

/// Everything the fake knows and has seen.
#[derive(Debug)]
pub struct State {
    /// Lease granted at registration.
    pub lease: Duration,
    /// Heartbeat interval granted at registration.
    pub heartbeat_interval: Duration,
    /// Registration requests, in order.
    pub registrations: Vec<RegisterWorkerRequest>,
    /// `(authorization, x-api-key)` metadata of each registration.
    pub credentials: Vec<(Option<String>, Option<String>)>,
    /// Steps waiting to be claimed.
    pub pending: VecDeque<ClaimedStep>,
    /// Claims handed out and still held.
    pub held: HashMap<String, ClaimedStep>,
    /// Every claim handed out, in order.
    pub claimed: Vec<String>,
    /// Claim requests, in order.
    pub claim_requests: Vec<ClaimStepsRequest>,
    /// Heartbeat requests, in order.
    pub heartbeats: Vec<HeartbeatRequest>,
    /// Accepted CompleteStep reports.
    pub completed: Vec<CompleteStepRequest>,
    /// Accepted FailStep reports.
    pub failed: Vec<FailStepRequest>,
    /// Reports refused with FAILED_PRECONDITION.
    pub refused_reports: Vec<String>,
    /// Number of reports of each accepted ReportResults call, in order.
    pub report_batches: Vec<usize>,
    /// Steps handed out in answers to ReportResults.
    pub claimed_with_reports: usize,
    /// Answer ReportResults with UNIMPLEMENTED, as an older server would.
    pub no_report_results: bool,
    /// Deregistered worker ids.
    pub deregistered: Vec<String>,
    /// Leases released by deregistration.
    pub released: usize,
    /// Claims the next heartbeat reports as not held.
    pub to_lose: HashSet<String>,
    /// Fail this many RegisterWorker calls with UNAVAILABLE.
    pub unavailable_registrations: u32,
    /// Fail this many ClaimSteps calls with UNAVAILABLE.
    pub unavailable_claims: u32,
    /// Fail this many CompleteStep/FailStep/ReportResults calls with UNAVAILABLE.
    pub unavailable_reports: u32,
    /// Refuse registration with this code.
    pub reject_registration: Option<tonic::Code>,
    /// RegisterWorker calls, including failed ones.
    pub register_calls: u32,
    /// ClaimSteps calls, including failed ones.
    pub claim_calls: u32,
    /// CompleteStep/FailStep/ReportResults calls, including failed ones.
    pub report_calls: u32,
    /// API keys `AuthService.WhoAmI` accepts, with their permissions.
    pub api_keys: HashMap<String, Vec<String>>,
    /// WhoAmI calls, including refused ones.
    pub who_am_i_calls: u32,
    next_id: u64,
}

impl Default for State {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(3),
            heartbeat_interval: Duration::from_millis(100),
            registrations: Vec::new(),
            credentials: Vec::new(),
            pending: VecDeque::new(),
            held: HashMap::new(),
            claimed: Vec::new(),
            claim_requests: Vec::new(),
            heartbeats: Vec::new(),
            completed: Vec::new(),
            failed: Vec::new(),
            refused_reports: Vec::new(),
            report_batches: Vec::new(),
            claimed_with_reports: 0,
            no_report_results: false,
            deregistered: Vec::new(),
            released: 0,
            to_lose: HashSet::new(),
            unavailable_registrations: 0,
            unavailable_claims: 0,
            unavailable_reports: 0,
            reject_registration: None,
            register_calls: 0,
            claim_calls: 0,
            report_calls: 0,
            api_keys: HashMap::new(),
            who_am_i_calls: 0,
            next_id: 0,
        }
    }
}

impl State {
    /// The accepted CompleteStep report of `claim`.
    pub fn completion(&self, claim: &str) -> Option<&CompleteStepRequest> {
        self.completed.iter().find(|c| c.claim_uuid == claim)
    }

    /// The accepted FailStep report of `claim`.
    pub fn failure(&self, claim: &str) -> Option<&FailStepRequest> {
        self.failed.iter().find(|c| c.claim_uuid == claim)
    }

    /// Releases a held claim for its report; refuses one not held.
    fn accept(&mut self, claim_uuid: &str) -> Result<(), Status> {
        if self.held.remove(claim_uuid).is_none() {
            self.refused_reports.push(claim_uuid.to_owned());
            return Err(Status::failed_precondition("fake: lease not held"));
        }
        Ok(())
    }

    /// Hands out up to `max` pending steps.
    fn hand_out(&mut self, max: usize) -> Vec<ClaimedStep> {
        let mut steps = Vec::new();
        while steps.len() < max {
            let Some(step) = self.pending.pop_front() else {
                break;
            };
            self.held.insert(step.claim_uuid.clone(), step.clone());
            self.claimed.push(step.claim_uuid.clone());
            steps.push(step);
        }
        steps
    }

    /// Number of accepted reports.
    pub fn reports(&self) -> usize {
        self.completed.len() + self.failed.len()
    }
}

/// A step to queue.
#[derive(Debug, Clone)]
pub struct StepSpec {
    pub name: String,
    pub handler: String,
    pub attempt: i32,
    pub context: Value,
    pub dependencies: Vec<(String, Value)>,
    pub handler_config: Value,
    pub timeout: Option<Duration>,
}

impl StepSpec {
    pub fn new(name: &str, handler: &str) -> Self {
        Self {
            name: name.into(),
            handler: handler.into(),
            attempt: 1,
            context: serde_json::json!({}),
            dependencies: Vec::new(),
            handler_config: serde_json::json!({}),
            timeout: None,
        }
    }

    pub fn attempt(mut self, attempt: i32) -> Self {
        self.attempt = attempt;
        self
    }

    pub fn context(mut self, context: Value) -> Self {
        self.context = context;
        self
    }

    pub fn dependency(mut self, name: &str, results: Value) -> Self {
        self.dependencies.push((name.into(), results));
        self
    }

    pub fn config(mut self, config: Value) -> Self {
        self.handler_config = config;
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

fn object(value: &Value) -> pbjson_types::Struct {
    convert::map_to_struct(value.as_object().expect("a JSON object"))
}

/// The fake orchestrator.
#[derive(Clone, Default)]
pub struct Fake {
    state: Arc<Mutex<State>>,
    work: Arc<Notify>,
}

impl Fake {
    /// Starts the fake on 127.0.0.1:0; it stops when the runtime ends.
    pub async fn start() -> (Self, SocketAddr) {
        Self::start_at("127.0.0.1:0".parse().expect("address")).await
    }

    /// Starts the fake on `addr`.
    pub async fn start_at(addr: SocketAddr) -> (Self, SocketAddr) {
        let fake = Self::default();
        let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let service = WorkerServiceServer::new(fake.clone());
        let auth = AuthServiceServer::new(fake.clone());
        tokio::spawn(async move {
            tonic::transport::Server::builder()
                .add_service(service)
                .add_service(auth)
                .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
                .await
                .expect("fake orchestrator");
        });
        (fake, addr)
    }

    /// The state, locked.
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("state lock")
    }

    /// Queues a step and returns its claim id.
    pub fn push(&self, spec: StepSpec) -> String {
        let claim_uuid = {
            let mut state = self.state();
            state.next_id += 1;
            let id = state.next_id;
            let claim_uuid = format!("claim-{id}");
            state.pending.push_back(ClaimedStep {
                claim_uuid: claim_uuid.clone(),
                step: Some(Step {
                    step_uuid: format!("step-{id}"),
                    task_uuid: "task-1".into(),
                    name: spec.name,
                    handler: spec.handler,
                    attempts: spec.attempt,
                    max_attempts: 3,
                    handler_config: Some(object(&spec.handler_config)),
                    timeout: spec.timeout.map(Into::into),
                    ..Step::default()
                }),
                namespace: "examples".into(),
                task_name: "test".into(),
                task_version: "1.0.0".into(),
                task_context: Some(object(&spec.context)),
                dependency_results: spec
                    .dependencies
                    .iter()
                    .map(|(name, results)| (name.clone(), object(results)))
                    .collect(),
                attempt: spec.attempt,
                lease_expires_at: None,
                traceparent: String::new(),
            });
            claim_uuid
        };
        self.work.notify_waiters();
        claim_uuid
    }

    /// Makes the next heartbeat report `claim` as not held.
    pub fn lose(&self, claim: &str) {
        self.state().to_lose.insert(claim.to_owned());
    }

    /// Polls until `done` holds, panicking with the state after `timeout`.
    pub async fn wait_until(&self, timeout: Duration, what: &str, done: impl Fn(&State) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if done(&self.state()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; state: {:#?}",
                *self.state()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn report(&self, claim_uuid: &str) -> Result<(), Status> {
        self.report_call()?;
        self.state().accept(claim_uuid)
    }

    /// Counts a report call; fails it while told to.
    fn report_call(&self) -> Result<(), Status> {
        let mut state = self.state();
        state.report_calls += 1;
        if state.unavailable_reports > 0 {
            state.unavailable_reports -= 1;
            return Err(Status::unavailable("fake: reports unavailable"));
        }
        Ok(())
    }
}

fn metadata(request: &Request<impl Sized>, key: &str) -> Option<String> {
    request
        .metadata()
        .get(key)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// `WhoAmI` only: answers for the keys in [`State::api_keys`].
#[tonic::async_trait]
impl AuthService for Fake {
    async fn issue_token(
        &self,
        _request: Request<tasker_proto::v1::IssueTokenRequest>,
    ) -> Result<Response<tasker_proto::v1::IssueTokenResponse>, Status> {
        Err(Status::unimplemented("fake"))
    }

    async fn who_am_i(
        &self,
        request: Request<tasker_proto::v1::WhoAmIRequest>,
    ) -> Result<Response<tasker_proto::v1::WhoAmIResponse>, Status> {
        let key = metadata(&request, "x-api-key");
        let mut state = self.state();
        state.who_am_i_calls += 1;
        match key.and_then(|k| state.api_keys.get(&k).cloned().map(|p| (k, p))) {
            Some((key, permissions)) => Ok(Response::new(tasker_proto::v1::WhoAmIResponse {
                subject: format!("api_key:{}", &key[..11]),
                kind: tasker_proto::v1::CredentialKind::ApiKey.into(),
                permissions,
                ..tasker_proto::v1::WhoAmIResponse::default()
            })),
            None => Err(Status::unauthenticated("fake: unknown API key")),
        }
    }

    async fn create_api_key(
        &self,
        _request: Request<tasker_proto::v1::CreateApiKeyRequest>,
    ) -> Result<Response<tasker_proto::v1::CreateApiKeyResponse>, Status> {
        Err(Status::unimplemented("fake"))
    }

    async fn list_api_keys(
        &self,
        _request: Request<tasker_proto::v1::ListApiKeysRequest>,
    ) -> Result<Response<tasker_proto::v1::ListApiKeysResponse>, Status> {
        Err(Status::unimplemented("fake"))
    }

    async fn revoke_api_key(
        &self,
        _request: Request<tasker_proto::v1::RevokeApiKeyRequest>,
    ) -> Result<Response<tasker_proto::v1::RevokeApiKeyResponse>, Status> {
        Err(Status::unimplemented("fake"))
    }
}

#[tonic::async_trait]
impl WorkerService for Fake {
    type WatchClaimsStream = std::pin::Pin<
        Box<
            dyn tokio_stream::Stream<Item = Result<tasker_proto::v1::WatchClaimsResponse, Status>>
                + Send,
        >,
    >;

    /// Like an orchestrator without the stream: the worker falls back to
    /// heartbeats alone.
    async fn watch_claims(
        &self,
        _request: Request<tasker_proto::v1::WatchClaimsRequest>,
    ) -> Result<Response<Self::WatchClaimsStream>, Status> {
        Err(Status::unimplemented("fake"))
    }

    async fn register_worker(
        &self,
        request: Request<RegisterWorkerRequest>,
    ) -> Result<Response<RegisterWorkerResponse>, Status> {
        let mut state = self.state();
        state.register_calls += 1;
        if state.unavailable_registrations > 0 {
            state.unavailable_registrations -= 1;
            return Err(Status::unavailable("fake: starting up"));
        }
        if let Some(code) = state.reject_registration {
            return Err(Status::new(code, "fake: refused"));
        }
        let credentials = (
            metadata(&request, "authorization"),
            metadata(&request, "x-api-key"),
        );
        state.credentials.push(credentials);
        let request = request.into_inner();
        let worker_uuid = format!("worker-{}", state.registrations.len() + 1);
        let response = RegisterWorkerResponse {
            worker: Some(Worker {
                worker_uuid,
                name: request.name.clone(),
                namespaces: request.namespaces.clone(),
                handlers: request.handlers.clone(),
                max_concurrency: request.max_concurrency,
                version: request.version.clone(),
                registered_at: None,
                last_seen_at: None,
            }),
            lease_duration: Some(state.lease.into()),
            heartbeat_interval: Some(state.heartbeat_interval.into()),
        };
        state.registrations.push(request);
        Ok(Response::new(response))
    }

    async fn deregister_worker(
        &self,
        request: Request<DeregisterWorkerRequest>,
    ) -> Result<Response<DeregisterWorkerResponse>, Status> {
        let mut state = self.state();
        let released = state.held.len();
        state.held.clear();
        state.released += released;
        state.deregistered.push(request.into_inner().worker_uuid);
        Ok(Response::new(DeregisterWorkerResponse {
            released_claims: i32::try_from(released).unwrap_or(i32::MAX),
        }))
    }

    async fn claim_steps(
        &self,
        request: Request<ClaimStepsRequest>,
    ) -> Result<Response<ClaimStepsResponse>, Status> {
        let request = request.into_inner();
        {
            let mut state = self.state();
            state.claim_calls += 1;
            if state.unavailable_claims > 0 {
                state.unavailable_claims -= 1;
                return Err(Status::unavailable("fake: claims unavailable"));
            }
            state.claim_requests.push(request.clone());
        }
        let wait = request
            .wait_timeout
            .and_then(|d| Duration::try_from(d).ok())
            .unwrap_or_default()
            .min(Duration::from_secs(5));
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let notified = self.work.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mut state = self.state();
                let steps = state.hand_out(usize::try_from(request.max_steps).unwrap_or(0));
                if !steps.is_empty() || tokio::time::Instant::now() >= deadline {
                    return Ok(Response::new(ClaimStepsResponse { steps }));
                }
            }
            tokio::select! {
                () = notified => {}
                () = tokio::time::sleep_until(deadline) => {}
            }
        }
    }

    async fn heartbeat(
        &self,
        request: Request<HeartbeatRequest>,
    ) -> Result<Response<HeartbeatResponse>, Status> {
        let request = request.into_inner();
        let mut state = self.state();
        let mut leases = Vec::new();
        for claim in &request.claim_uuids {
            let lose = state.to_lose.remove(claim);
            if lose {
                state.held.remove(claim);
            }
            let held = state.held.contains_key(claim);
            leases.push(LeaseStatus {
                claim_uuid: claim.clone(),
                held,
                lease_expires_at: None,
                reason: if held {
                    String::new()
                } else {
                    "expired".into()
                },
            });
        }
        state.heartbeats.push(request);
        Ok(Response::new(HeartbeatResponse { leases }))
    }

    async fn report_results(
        &self,
        request: Request<ReportResultsRequest>,
    ) -> Result<Response<ReportResultsResponse>, Status> {
        if self.state().no_report_results {
            return Err(Status::unimplemented("fake: no ReportResults"));
        }
        self.report_call()?;
        let request = request.into_inner();
        let mut state = self.state();
        state.report_batches.push(request.reports.len());
        let mut results = Vec::new();
        for report in request.reports {
            let claim_uuid = report.claim_uuid.clone();
            let mut result = StepReportResult {
                claim_uuid: claim_uuid.clone(),
                status: Some(Default::default()),
                ..StepReportResult::default()
            };
            if let Err(status) = state.accept(&claim_uuid) {
                result.status = Some(tasker_proto::pb::google::rpc::Status {
                    code: status.code() as i32,
                    message: status.message().to_owned(),
                    details: Vec::new(),
                });
                results.push(result);
                continue;
            }
            match report.outcome {
                Some(step_report::Outcome::Results(results)) => {
                    state.completed.push(CompleteStepRequest {
                        worker_uuid: request.worker_uuid.clone(),
                        claim_uuid,
                        results: Some(results),
                        execution_duration: report.execution_duration,
                    });
                }
                Some(step_report::Outcome::Failure(failure)) => {
                    result.will_retry = failure.error.as_ref().is_some_and(|e| e.retryable);
                    state.failed.push(FailStepRequest {
                        worker_uuid: request.worker_uuid.clone(),
                        claim_uuid,
                        error: failure.error,
                        execution_duration: report.execution_duration,
                        retry_after: failure.retry_after,
                    });
                }
                None => return Err(Status::invalid_argument("fake: no outcome")),
            }
            results.push(result);
        }
        let claimed = state.hand_out(usize::try_from(request.claim_max_steps).unwrap_or(0));
        state.claimed_with_reports += claimed.len();
        Ok(Response::new(ReportResultsResponse { results, claimed }))
    }

    async fn complete_step(
        &self,
        request: Request<CompleteStepRequest>,
    ) -> Result<Response<CompleteStepResponse>, Status> {
        let request = request.into_inner();
        self.report(&request.claim_uuid)?;
        self.state().completed.push(request);
        Ok(Response::new(CompleteStepResponse { step: None }))
    }

    async fn fail_step(
        &self,
        request: Request<FailStepRequest>,
    ) -> Result<Response<FailStepResponse>, Status> {
        let request = request.into_inner();
        self.report(&request.claim_uuid)?;
        let will_retry = request.error.as_ref().is_some_and(|e| e.retryable);
        self.state().failed.push(request);
        Ok(Response::new(FailStepResponse {
            step: None,
            will_retry,
            next_retry_at: None,
        }))
    }
}
