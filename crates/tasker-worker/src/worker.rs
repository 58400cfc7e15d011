//! The worker runtime: register, claim, execute, heartbeat, report, drain,
//! deregister.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tasker_proto::v1::{
    AttemptFailure, ClaimStepsRequest, ClaimedStep, CompleteStepRequest, DeregisterWorkerRequest,
    FailStepRequest, HeartbeatRequest, RegisterWorkerRequest, ReportResultsRequest, StepReport,
    WatchClaimsRequest, step_report,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};
use tokio_util::sync::CancellationToken;
use tonic::metadata::{AsciiMetadataValue, MetadataValue};
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint};
use tracing::Instrument as _;

use crate::WorkerError;
use crate::convert;
use crate::handler::{HandlerRegistry, HandlerResult, StepContext, StepFailure};
use crate::observe::{StepMetrics, StepOutcome};
use crate::retry::{Backoff, Failure, classify, delay_after};

/// Version of this SDK, sent at registration unless [`WorkerBuilder::version`]
/// overrides it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Lease assumed when the orchestrator's registration answer names none.
pub const DEFAULT_LEASE_DURATION: Duration = Duration::from_secs(30);

/// Error class reported when a handler overruns its step's timeout.
pub const ERROR_CLASS_TIMEOUT: &str = "HandlerTimeout";
/// Error class reported when a handler panics.
pub const ERROR_CLASS_PANIC: &str = "HandlerPanic";
/// Error class reported when the worker has no handler of the step's name.
pub const ERROR_CLASS_NOT_FOUND: &str = "HandlerNotFound";
/// Error class reported for an attempt stopped because its task was
/// cancelled (the orchestrator records the step as cancelled).
pub const ERROR_CLASS_CANCELLED: &str = "TaskCancelled";

/// Lease reason of a claim whose task was cancelled.
const TASK_CANCELLED: &str = "task_cancelled";

/// Most reports sent in one `ReportResults` call (the orchestrator's bound).
const MAX_REPORT_BATCH: usize = 100;

type Client = WorkerServiceClient<InterceptedService<Channel, Auth>>;

/// Adds the configured credential to every call.
#[derive(Clone, Default)]
struct Auth {
    authorization: Option<AsciiMetadataValue>,
    api_key: Option<AsciiMetadataValue>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "[REDACTED]"),
            )
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

impl Interceptor for Auth {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.authorization {
            request
                .metadata_mut()
                .insert("authorization", value.clone());
        }
        if let Some(value) = &self.api_key {
            request.metadata_mut().insert("x-api-key", value.clone());
        }
        Ok(request)
    }
}

/// The endpoint of the orchestrator at `url`: `http://host:port`, or
/// `https://host:port` verified against the system's roots and `ca_pem`
/// (PEM certificates, for a private authority).
///
/// # Errors
/// [`WorkerError::InvalidUrl`] when the URL does not parse, has another
/// scheme, is `http://` with an authority given, or the TLS settings are
/// refused.
pub fn orchestrator_endpoint(url: &str, ca_pem: Option<&[u8]>) -> Result<Endpoint, WorkerError> {
    let invalid_url = |reason: String| WorkerError::InvalidUrl {
        url: url.to_owned(),
        reason,
    };
    let endpoint = Endpoint::from_shared(url.to_owned()).map_err(|e| invalid_url(e.to_string()))?;
    match endpoint.uri().scheme_str() {
        Some("http") if ca_pem.is_some() => Err(invalid_url(
            "a TLS certificate authority is set, but the URL is http:// (use https://)".into(),
        )),
        Some("http") => Ok(endpoint),
        Some("https") => {
            let mut tls = ClientTlsConfig::new().with_native_roots();
            if let Some(pem) = ca_pem {
                tls = tls.ca_certificate(Certificate::from_pem(pem));
            }
            endpoint
                .tls_config(tls)
                .map_err(|e| invalid_url(format!("TLS: {e}")))
        }
        _ => Err(invalid_url(
            "expected http://host:port or https://host:port".into(),
        )),
    }
}

/// Builds a [`Worker`]; start with [`Worker::builder`].
#[derive(Clone)]
pub struct WorkerBuilder {
    url: String,
    bearer_token: Option<String>,
    api_key: Option<String>,
    name: String,
    namespaces: Vec<String>,
    version: String,
    concurrency: usize,
    claim_batch_size: usize,
    long_poll_wait: Duration,
    drain_timeout: Duration,
    default_step_timeout: Duration,
    cancel_grace: Duration,
    report_attempts: u32,
    request_timeout: Duration,
    connect_timeout: Duration,
    tls_ca_pem: Option<Vec<u8>>,
    backoff: Backoff,
}

impl std::fmt::Debug for WorkerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerBuilder")
            .field("url", &self.url)
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("name", &self.name)
            .field("namespaces", &self.namespaces)
            .field("concurrency", &self.concurrency)
            .field("claim_batch_size", &self.claim_batch_size)
            .field("long_poll_wait", &self.long_poll_wait)
            .field("drain_timeout", &self.drain_timeout)
            .finish_non_exhaustive()
    }
}

impl WorkerBuilder {
    fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            bearer_token: None,
            api_key: None,
            name: "tasker-worker".to_owned(),
            namespaces: Vec::new(),
            version: VERSION.to_owned(),
            concurrency: 8,
            claim_batch_size: 8,
            long_poll_wait: Duration::from_secs(20),
            drain_timeout: Duration::from_secs(30),
            default_step_timeout: tasker_core::DEFAULT_STEP_TIMEOUT,
            cancel_grace: Duration::from_secs(2),
            report_attempts: 5,
            request_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            tls_ca_pem: None,
            backoff: Backoff::default(),
        }
    }

    /// Sends `authorization: Bearer <token>` with every call.
    #[must_use]
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// Sends `x-api-key: <key>` with every call.
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The name the worker registers under (default `tasker-worker`).
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The namespaces whose steps the worker claims (at least one).
    #[must_use]
    pub fn namespaces<I, S>(mut self, namespaces: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.namespaces = namespaces.into_iter().map(Into::into).collect();
        self
    }

    /// The version reported at registration (default: this SDK's version).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// How many steps run at once (default 8).
    #[must_use]
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency;
        self
    }

    /// The most steps claimed in one `ClaimSteps` call (default 8); each call
    /// asks for at most as many as there are free slots.
    #[must_use]
    pub fn claim_batch_size(mut self, size: usize) -> Self {
        self.claim_batch_size = size;
        self
    }

    /// How long a `ClaimSteps` call waits for work (long poll, default 20 s).
    #[must_use]
    pub fn long_poll_wait(mut self, wait: Duration) -> Self {
        self.long_poll_wait = wait;
        self
    }

    /// How long in-flight steps get to finish after shutdown begins (default
    /// 30 s); steps still running then are stopped unreported and their
    /// leases released by deregistration.
    #[must_use]
    pub fn drain_timeout(mut self, timeout: Duration) -> Self {
        self.drain_timeout = timeout;
        self
    }

    /// Timeout of steps whose definition sets none (default 5 min).
    #[must_use]
    pub fn default_step_timeout(mut self, timeout: Duration) -> Self {
        self.default_step_timeout = timeout;
        self
    }

    /// How long a handler whose lease was lost gets to return after its
    /// cancellation token fires before it is aborted (default 2 s).
    #[must_use]
    pub fn cancel_grace(mut self, grace: Duration) -> Self {
        self.cancel_grace = grace;
        self
    }

    /// How many times a report (`CompleteStep`, `FailStep`) or
    /// `DeregisterWorker` is tried before giving up (default 5).
    #[must_use]
    pub fn report_attempts(mut self, attempts: u32) -> Self {
        self.report_attempts = attempts;
        self
    }

    /// Deadline of each call except `ClaimSteps`, which gets the long-poll
    /// wait on top (default 10 s).
    #[must_use]
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Deadline of establishing a connection (default 5 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// PEM certificate(s) of the authority that signed an `https://`
    /// orchestrator's certificate, trusted in addition to the system's roots
    /// (for a private CA or a self-signed certificate).
    #[must_use]
    pub fn tls_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.tls_ca_pem = Some(pem.into());
        self
    }

    /// Backoff between retries of failed calls (default 100 ms doubling up to
    /// 10 s, with jitter).
    #[must_use]
    pub fn retry_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Checks the settings and builds the worker around `registry`.
    ///
    /// # Errors
    /// [`WorkerError::InvalidUrl`] when the URL does not parse or is neither
    /// `http://` nor `https://` (or is `http://` with a TLS authority set),
    /// [`WorkerError::Config`] for an empty
    /// registry or namespace list, a zero concurrency, batch size or report
    /// attempt count, or a credential that is not a valid header value.
    pub fn build(self, registry: HandlerRegistry) -> Result<Worker, WorkerError> {
        let endpoint = orchestrator_endpoint(&self.url, self.tls_ca_pem.as_deref())?;
        let endpoint = endpoint
            .connect_timeout(self.connect_timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_timeout(Duration::from_secs(20))
            .keep_alive_while_idle(true);
        if registry.is_empty() {
            return Err(WorkerError::Config(
                "handlers: register at least one handler".into(),
            ));
        }
        if self.namespaces.is_empty() || self.namespaces.iter().any(String::is_empty) {
            return Err(WorkerError::Config(
                "namespaces: name at least one namespace, none empty".into(),
            ));
        }
        for (setting, value) in [
            ("concurrency", self.concurrency),
            ("claim_batch_size", self.claim_batch_size),
            ("report_attempts", self.report_attempts as usize),
        ] {
            if value == 0 {
                return Err(WorkerError::Config(format!(
                    "{setting}: must be at least 1"
                )));
            }
        }
        if self.default_step_timeout.is_zero() {
            return Err(WorkerError::Config(
                "default_step_timeout: must be greater than zero".into(),
            ));
        }
        let header = |setting: &str, value: String| {
            MetadataValue::try_from(value)
                .map_err(|_| WorkerError::Config(format!("{setting}: not a valid header value")))
        };
        let auth = Auth {
            authorization: match self.bearer_token.as_deref() {
                Some(token) if !token.is_empty() => {
                    Some(header("bearer_token", format!("Bearer {token}"))?)
                }
                _ => None,
            },
            api_key: match self.api_key.as_deref() {
                Some(key) if !key.is_empty() => Some(header("api_key", key.to_owned())?),
                _ => None,
            },
        };
        let (status, _) = watch::channel(WorkerStatus {
            concurrency: self.concurrency,
            ..WorkerStatus::default()
        });
        Ok(Worker {
            settings: self,
            endpoint,
            auth,
            registry,
            status,
        })
    }
}

/// What the worker is doing, as seen by health checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkerStatus {
    /// Registered with the orchestrator and not yet deregistered.
    pub registered: bool,
    /// The identifier the orchestrator assigned, once registered.
    pub worker_uuid: Option<String>,
    /// Whether the last call to the orchestrator reached it.
    pub orchestrator_reachable: bool,
    /// The last error talking to the orchestrator, cleared by a success.
    pub last_error: Option<String>,
    /// Shutdown has begun: no more claims.
    pub shutting_down: bool,
    /// The run has ended.
    pub stopped: bool,
    /// Steps running now.
    pub in_flight: usize,
    /// Configured concurrency.
    pub concurrency: usize,
    /// Attempts reported complete and accepted.
    pub steps_completed: u64,
    /// Attempts reported failed and accepted.
    pub steps_failed: u64,
    /// Attempts not reported: lease lost, report refused or abandoned at
    /// shutdown.
    pub steps_abandoned: u64,
}

impl WorkerStatus {
    /// Registered, reachable and not shutting down: ready for work.
    pub fn is_ready(&self) -> bool {
        self.registered && self.orchestrator_reachable && !self.shutting_down
    }
}

/// A read handle on a worker's [`WorkerStatus`], usable while and after it
/// runs.
#[derive(Debug, Clone)]
pub struct StatusHandle(watch::Receiver<WorkerStatus>);

impl StatusHandle {
    /// The current status.
    pub fn snapshot(&self) -> WorkerStatus {
        self.0.borrow().clone()
    }

    /// Waits until `predicate` holds (or the worker is gone) and returns the
    /// status then.
    pub async fn wait_for(
        &mut self,
        mut predicate: impl FnMut(&WorkerStatus) -> bool,
    ) -> WorkerStatus {
        let found = self.0.wait_for(|s| predicate(s)).await.map(|s| s.clone());
        found.unwrap_or_else(|_| self.snapshot())
    }
}

/// A worker: claims steps of its namespaces from the orchestrator and runs
/// them with the handlers of its [`HandlerRegistry`].
///
/// ```no_run
/// use tasker_worker::{HandlerRegistry, Worker};
///
/// # async fn example() -> Result<(), tasker_worker::WorkerError> {
/// let registry = HandlerRegistry::new().with_fn("greet", |ctx| async move {
///     Ok(serde_json::json!({ "hello": ctx.task_context()["name"] }))
/// });
/// let worker = Worker::builder("http://127.0.0.1:9090")
///     .api_key("tk_...")
///     .namespaces(["examples"])
///     .concurrency(4)
///     .build(registry)?;
/// worker.run(async { let _ = tokio::signal::ctrl_c().await; }).await
/// # }
/// ```
pub struct Worker {
    settings: WorkerBuilder,
    endpoint: Endpoint,
    auth: Auth,
    registry: HandlerRegistry,
    status: watch::Sender<WorkerStatus>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("settings", &self.settings)
            .field("handlers", &self.registry.names())
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// A builder for a worker of the orchestrator at `url` (`http://host:port`).
    pub fn builder(url: impl Into<String>) -> WorkerBuilder {
        WorkerBuilder::new(url)
    }

    /// A handle on the worker's status.
    pub fn status(&self) -> StatusHandle {
        StatusHandle(self.status.subscribe())
    }

    /// The handler names the worker registers.
    pub fn handler_names(&self) -> Vec<String> {
        self.registry.names()
    }

    /// Runs until `shutdown` resolves, then drains and deregisters.
    ///
    /// Registers (retrying while the orchestrator is unreachable), then claims
    /// up to the free slots with a long poll, runs each step's handler on its
    /// own task under the step's timeout, heartbeats every in-flight claim and
    /// cancels handlers whose lease is lost, and reports each outcome. When
    /// `shutdown` resolves it stops claiming, fires the handlers' cancellation
    /// tokens, gives in-flight steps the drain timeout to finish and be
    /// reported, abandons the rest and deregisters, which releases their
    /// leases.
    ///
    /// # Errors
    /// [`WorkerError::Rejected`] when the orchestrator refuses registration
    /// or claiming for a reason retrying cannot fix (credentials, permissions,
    /// an invalid request). In-flight steps are drained and the worker
    /// deregistered first.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), WorkerError> {
        let channel = self.endpoint.connect_lazy();
        let client = WorkerServiceClient::with_interceptor(channel, self.auth);
        let (reports, report_queue) = mpsc::unbounded_channel();
        let runtime = Arc::new(Runtime {
            metrics: StepMetrics::new(self.registry.names()),
            semaphore: Arc::new(Semaphore::new(self.settings.concurrency)),
            tasks: Mutex::new(JoinSet::new()),
            reports,
            report_queue: Mutex::new(Some(report_queue)),
            unary_reports: AtomicBool::new(false),
            settings: self.settings,
            registry: self.registry,
            client,
            status: self.status,
            in_flight: Mutex::new(HashMap::new()),
            worker_uuid: RwLock::new(String::new()),
            lease: RwLock::new(LeaseSettings::from_server(None, None)),
            shutdown: CancellationToken::new(),
            hard_stop: CancellationToken::new(),
        });
        let signal = {
            let token = runtime.shutdown.clone();
            AbortOnDrop(tokio::spawn(async move {
                shutdown.await;
                token.cancel();
            }))
        };
        let result = runtime.run().await;
        drop(signal);
        result
    }
}

/// Lease timing granted at registration.
#[derive(Debug, Clone, Copy)]
struct LeaseSettings {
    duration: Duration,
    heartbeat_interval: Duration,
}

impl LeaseSettings {
    fn from_server(lease: Option<Duration>, heartbeat: Option<Duration>) -> Self {
        let duration = lease
            .filter(|d| !d.is_zero())
            .unwrap_or(DEFAULT_LEASE_DURATION);
        let heartbeat_interval = match heartbeat {
            Some(h) if !h.is_zero() && h < duration => h,
            _ => duration / 3,
        };
        Self {
            duration,
            heartbeat_interval,
        }
    }
}

/// A claim being executed.
struct InFlight {
    /// The handler's token; fires on lease loss and on shutdown.
    handler_token: CancellationToken,
    /// Fires when the lease is lost: the attempt must not be reported.
    lease_lost: CancellationToken,
    /// Fires when the step's task is cancelled: the handler is stopped and
    /// the attempt reported as cancelled.
    task_cancelled: CancellationToken,
    /// When the lease expires unless a heartbeat extends it (local clock).
    lease_deadline: Instant,
}

/// Aborts a task when dropped, so nothing outlives the worker.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How an attempt ended.
enum Outcome {
    /// The handler returned (or timed out, or panicked): report this.
    Report(HandlerResult),
    /// Nothing may be reported.
    Abandon(&'static str),
}

/// An attempt's outcome waiting for the reporter, with the concurrency slot
/// its handler used: the reporter claims the worker's next steps into the
/// slots of the reports it sends.
struct PendingReport {
    report: StepReport,
    permit: Option<OwnedSemaphorePermit>,
    /// `true` once the orchestrator recorded the outcome.
    recorded: oneshot::Sender<bool>,
}

/// What became of one report in a batch.
enum Verdict {
    Recorded,
    Dropped,
    Again,
}

struct Runtime {
    settings: WorkerBuilder,
    /// Steps run by handler, durations, steps in flight.
    metrics: StepMetrics,
    /// Handler tasks (claims being executed and reported).
    tasks: Mutex<JoinSet<()>>,
    /// Outcomes to report; the reporter coalesces what queues while a batch
    /// is on the wire into the next `ReportResults` call.
    reports: mpsc::UnboundedSender<PendingReport>,
    report_queue: Mutex<Option<mpsc::UnboundedReceiver<PendingReport>>>,
    /// The orchestrator answered `ReportResults` with UNIMPLEMENTED (an
    /// older server): report with CompleteStep and FailStep instead.
    unary_reports: AtomicBool,
    registry: HandlerRegistry,
    client: Client,
    status: watch::Sender<WorkerStatus>,
    semaphore: Arc<Semaphore>,
    in_flight: Mutex<HashMap<String, InFlight>>,
    worker_uuid: RwLock<String>,
    lease: RwLock<LeaseSettings>,
    /// Fires when shutdown begins (parent of every handler token).
    shutdown: CancellationToken,
    /// Fires when the drain timeout is over.
    hard_stop: CancellationToken,
}

impl Runtime {
    async fn run(self: &Arc<Self>) -> Result<(), WorkerError> {
        match self.register().await {
            Ok(true) => {}
            Ok(false) => {
                self.status.send_modify(|s| {
                    s.shutting_down = true;
                    s.stopped = true;
                });
                tracing::info!("shutdown before registration; stopped");
                return Ok(());
            }
            Err(error) => {
                self.status.send_modify(|s| s.stopped = true);
                return Err(error);
            }
        }

        let heartbeat_stop = CancellationToken::new();
        let mut heartbeats = AbortOnDrop(tokio::spawn(
            Arc::clone(self).heartbeat_loop(heartbeat_stop.clone()),
        ));
        let mut claim_watch = AbortOnDrop(tokio::spawn(
            Arc::clone(self).claim_watch_loop(heartbeat_stop.clone()),
        ));

        let report_queue = self
            .report_queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let reporter = report_queue
            .map(|queue| AbortOnDrop(tokio::spawn(Arc::clone(self).report_loop(queue))));

        let result = self.claim_loop().await;
        if let Err(error) = &result {
            tracing::error!(%error, "cannot go on claiming; shutting down");
        }

        // Drain: no more claims; in-flight steps get the drain timeout.
        self.shutdown.cancel();
        self.status.send_modify(|s| s.shutting_down = true);
        let drain_timeout = self.settings.drain_timeout;
        self.reap();
        tracing::info!(
            in_flight = self.tasks().len(),
            ?drain_timeout,
            "draining in-flight steps"
        );
        let drained = tokio::time::timeout(drain_timeout, self.join_all())
            .await
            .is_ok();
        if !drained {
            tracing::warn!(
                remaining = self.tasks().len(),
                "drain timeout reached; abandoning the remaining steps (their leases are released on deregistration)"
            );
            self.hard_stop.cancel();
            let settled = tokio::time::timeout(Duration::from_secs(1), self.join_all())
                .await
                .is_ok();
            if !settled {
                self.tasks().abort_all();
                self.join_all().await;
            }
        }
        drop(reporter);

        heartbeat_stop.cancel();
        let _ = (&mut heartbeats.0).await;
        let _ = (&mut claim_watch.0).await;

        self.deregister().await;
        self.status.send_modify(|s| {
            s.registered = false;
            s.stopped = true;
        });
        tracing::info!("worker stopped");
        result
    }

    fn worker_uuid(&self) -> String {
        self.worker_uuid
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn lease(&self) -> LeaseSettings {
        *self.lease.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn tasks(&self) -> std::sync::MutexGuard<'_, JoinSet<()>> {
        self.tasks.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets the handler tasks that have ended.
    fn reap(&self) {
        let mut tasks = self.tasks();
        while tasks.try_join_next().is_some() {}
    }

    /// Waits until every handler task has ended.
    async fn join_all(&self) {
        while std::future::poll_fn(|cx| self.tasks().poll_join_next(cx))
            .await
            .is_some()
        {}
    }

    fn in_flight(&self) -> std::sync::MutexGuard<'_, HashMap<String, InFlight>> {
        self.in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn reached(&self) {
        self.status.send_if_modified(|s| {
            let changed = !s.orchestrator_reachable || s.last_error.is_some();
            s.orchestrator_reachable = true;
            s.last_error = None;
            changed
        });
    }

    fn unreachable(&self, rpc: &str, status: &tonic::Status) {
        let message = format!("{rpc}: {:?}: {}", status.code(), status.message());
        self.status.send_modify(|s| {
            s.orchestrator_reachable = false;
            s.last_error = Some(message);
        });
    }

    /// Sends one call with a deadline (also sent as `grpc-timeout`).
    async fn call<Req, Resp, F, Fut>(
        &self,
        message: Req,
        deadline: Duration,
        send: F,
    ) -> Result<Resp, tonic::Status>
    where
        F: FnOnce(Client, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Resp>, tonic::Status>>,
    {
        let mut request = tonic::Request::new(message);
        request.set_timeout(deadline);
        // A little slack so the server's own DEADLINE_EXCEEDED wins the race.
        match tokio::time::timeout(
            deadline + Duration::from_millis(500),
            send(self.client.clone(), request),
        )
        .await
        {
            Ok(result) => result.map(tonic::Response::into_inner),
            Err(_) => Err(tonic::Status::deadline_exceeded(format!(
                "no answer within {deadline:?}"
            ))),
        }
    }

    /// Registers, retrying transient failures until shutdown. `Ok(false)`
    /// when shutdown came first.
    async fn register(&self) -> Result<bool, WorkerError> {
        let request = RegisterWorkerRequest {
            name: self.settings.name.clone(),
            namespaces: self.settings.namespaces.clone(),
            handlers: self.registry.names(),
            max_concurrency: i32::try_from(self.settings.concurrency).unwrap_or(i32::MAX),
            version: self.settings.version.clone(),
        };
        let mut failures = 0u32;
        loop {
            let result = tokio::select! {
                biased;
                () = self.shutdown.cancelled() => return Ok(false),
                result = self.call(request.clone(), self.settings.request_timeout, |mut c, r| async move { c.register_worker(r).await }) => result,
            };
            let status = match result {
                Ok(response) => {
                    let worker_uuid = response.worker.map(|w| w.worker_uuid).unwrap_or_default();
                    if worker_uuid.is_empty() {
                        return Err(WorkerError::Rejected {
                            rpc: "RegisterWorker",
                            code: tonic::Code::Internal,
                            message: "the answer names no worker_uuid".into(),
                        });
                    }
                    let lease = LeaseSettings::from_server(
                        convert::duration_from_proto(response.lease_duration.as_ref()),
                        convert::duration_from_proto(response.heartbeat_interval.as_ref()),
                    );
                    *self.lease.write().unwrap_or_else(PoisonError::into_inner) = lease;
                    worker_uuid.clone_into(
                        &mut self
                            .worker_uuid
                            .write()
                            .unwrap_or_else(PoisonError::into_inner),
                    );
                    self.reached();
                    self.status.send_modify(|s| {
                        s.registered = true;
                        s.worker_uuid = Some(worker_uuid.clone());
                    });
                    tracing::info!(
                        %worker_uuid,
                        name = %self.settings.name,
                        namespaces = ?self.settings.namespaces,
                        handlers = ?request.handlers,
                        lease = ?lease.duration,
                        heartbeat_interval = ?lease.heartbeat_interval,
                        "registered"
                    );
                    return Ok(true);
                }
                Err(status) => status,
            };
            self.unreachable("RegisterWorker", &status);
            if classify(&status) != Failure::Transient {
                return Err(WorkerError::rejected("RegisterWorker", &status));
            }
            failures = failures.saturating_add(1);
            let delay = delay_after(&self.settings.backoff, failures, &status);
            tracing::warn!(code = ?status.code(), message = status.message(), retry_in = ?delay, "cannot register; retrying");
            if self.sleep_unless_shutdown(delay).await {
                return Ok(false);
            }
        }
    }

    /// Sleeps; `true` when shutdown began meanwhile.
    async fn sleep_unless_shutdown(&self, delay: Duration) -> bool {
        tokio::select! {
            biased;
            () = self.shutdown.cancelled() => true,
            () = tokio::time::sleep(delay) => false,
        }
    }

    /// Claims and starts steps until shutdown or a permanent refusal.
    async fn claim_loop(self: &Arc<Self>) -> Result<(), WorkerError> {
        let mut failures = 0u32;
        // Empty answers that came back at once (no long poll: the server is
        // draining, or the wait is 0), which are backed off like failures so
        // the worker does not spin.
        let mut early_empty = 0u32;
        loop {
            self.reap();
            let first = tokio::select! {
                biased;
                () = self.shutdown.cancelled() => return Ok(()),
                permit = Arc::clone(&self.semaphore).acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => return Ok(()),
                },
            };
            let mut permits = vec![first];
            while permits.len() < self.settings.claim_batch_size {
                match Arc::clone(&self.semaphore).try_acquire_owned() {
                    Ok(permit) => permits.push(permit),
                    Err(_) => break,
                }
            }
            let wait = self.settings.long_poll_wait;
            let request = ClaimStepsRequest {
                worker_uuid: self.worker_uuid(),
                max_steps: i32::try_from(permits.len()).unwrap_or(i32::MAX),
                wait_timeout: Some(wait.into()),
            };
            let sent = Instant::now();
            let result = tokio::select! {
                biased;
                () = self.shutdown.cancelled() => return Ok(()),
                result = self.call(request, wait + self.settings.request_timeout, |mut c, r| async move { c.claim_steps(r).await }) => result,
            };
            match result {
                Ok(response) => {
                    failures = 0;
                    self.reached();
                    let received = Instant::now();
                    let at_once = wait.is_zero()
                        || received - sent < (wait / 2).min(Duration::from_millis(250));
                    if response.steps.is_empty() && at_once {
                        drop(permits);
                        early_empty = early_empty.saturating_add(1);
                        let delay = self.settings.backoff.delay(early_empty);
                        tracing::debug!(retry_in = ?delay, "empty claim answered at once; backing off");
                        if self.sleep_unless_shutdown(delay).await {
                            return Ok(());
                        }
                        continue;
                    }
                    early_empty = 0;
                    if response.steps.len() > permits.len() {
                        tracing::warn!(
                            asked = permits.len(),
                            got = response.steps.len(),
                            "the orchestrator sent more steps than asked for; the extra ones wait for a free slot"
                        );
                    }
                    for claim in response.steps {
                        self.start(claim, permits.pop(), received);
                    }
                }
                Err(status) => {
                    self.unreachable("ClaimSteps", &status);
                    drop(permits);
                    match classify(&status) {
                        Failure::Transient => {
                            failures = failures.saturating_add(1);
                            let delay = delay_after(&self.settings.backoff, failures, &status);
                            tracing::warn!(code = ?status.code(), message = status.message(), retry_in = ?delay, "claim failed; retrying");
                            if self.sleep_unless_shutdown(delay).await {
                                return Ok(());
                            }
                        }
                        Failure::NotFound | Failure::LeaseLost => {
                            tracing::warn!(
                                code = ?status.code(),
                                message = status.message(),
                                "the orchestrator no longer knows this worker; registering again"
                            );
                            self.lose_all("the worker's registration was lost");
                            if !self.register().await? {
                                return Ok(());
                            }
                        }
                        Failure::Permanent => {
                            return Err(WorkerError::rejected("ClaimSteps", &status));
                        }
                    }
                }
            }
        }
    }

    /// Records a claim as in flight and runs it on its own task.
    fn start(
        self: &Arc<Self>,
        claim: ClaimedStep,
        permit: Option<OwnedSemaphorePermit>,
        received: Instant,
    ) {
        let handler_token = self.shutdown.child_token();
        let lease_lost = CancellationToken::new();
        let task_cancelled = CancellationToken::new();
        let entry = InFlight {
            handler_token: handler_token.clone(),
            lease_lost: lease_lost.clone(),
            task_cancelled: task_cancelled.clone(),
            lease_deadline: received + self.lease().duration,
        };
        let count = {
            let mut in_flight = self.in_flight();
            in_flight.insert(claim.claim_uuid.clone(), entry);
            in_flight.len()
        };
        self.status.send_modify(|s| s.in_flight = count);
        self.metrics.set_in_flight(count);
        let span = tracing::info_span!(
            parent: None,
            "step",
            claim = %claim.claim_uuid,
            step = claim.step.as_ref().map_or("", |s| s.name.as_str()),
            handler = claim.step.as_ref().map_or("", |s| s.handler.as_str()),
            attempt = claim.attempt,
            trace_id = tracing::field::Empty,
        );
        // A step continues the trace its task was created in: with spans
        // exported, the step's span is a child of the creating request's.
        tasker_telemetry::continue_trace_from(&span, &claim.traceparent);
        let runtime = Arc::clone(self);
        self.tasks().spawn(
            async move {
                let guard = InFlightGuard {
                    runtime: Arc::clone(&runtime),
                    claim_uuid: claim.claim_uuid.clone(),
                };
                runtime
                    .execute(claim, permit, handler_token, lease_lost, task_cancelled)
                    .await;
                drop(guard);
            }
            .instrument(span),
        );
    }

    async fn execute(
        &self,
        claim: ClaimedStep,
        permit: Option<OwnedSemaphorePermit>,
        handler_token: CancellationToken,
        lease_lost: CancellationToken,
        task_cancelled: CancellationToken,
    ) {
        let permit = match permit {
            Some(permit) => permit,
            None => tokio::select! {
                biased;
                () = self.hard_stop.cancelled() => return self.abandoned("drain timeout reached before a slot was free"),
                () = lease_lost.cancelled() => return self.abandoned("lease lost before a slot was free"),
                permit = Arc::clone(&self.semaphore).acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => return self.abandoned("worker stopped"),
                },
            },
        };
        let ctx = StepContext::from_claim(
            &claim,
            self.settings.default_step_timeout,
            handler_token.clone(),
        );
        tracing::debug!(timeout = ?ctx.timeout(), "running handler");
        let started = Instant::now();
        let outcome = self
            .run_handler(ctx, &handler_token, &lease_lost, &task_cancelled)
            .await;
        let elapsed = started.elapsed();
        let handler = claim.step.as_ref().map_or("", |s| s.handler.as_str());
        let counted = match &outcome {
            Outcome::Abandon(_) => StepOutcome::Abandoned,
            Outcome::Report(Ok(_)) => StepOutcome::Succeeded,
            Outcome::Report(Err(failure)) if failure.retryable => StepOutcome::RetryableFailure,
            Outcome::Report(Err(_)) => StepOutcome::PermanentFailure,
        };
        self.metrics.record(handler, counted, elapsed);
        match outcome {
            Outcome::Abandon(reason) => self.abandoned(reason),
            Outcome::Report(result) => {
                self.report_outcome(&claim.claim_uuid, result, elapsed, permit)
                    .await;
            }
        }
    }

    async fn run_handler(
        &self,
        ctx: StepContext,
        handler_token: &CancellationToken,
        lease_lost: &CancellationToken,
        task_cancelled: &CancellationToken,
    ) -> Outcome {
        let Some(handler) = self.registry.get(ctx.handler_name()) else {
            return Outcome::Report(Err(StepFailure::permanent(format!(
                "no handler named {:?} is registered on this worker",
                ctx.handler_name()
            ))
            .with_class(ERROR_CLASS_NOT_FOUND)));
        };
        let timeout = ctx.timeout();
        let mut task = AbortOnDrop(tokio::spawn(async move { handler.call(ctx).await }));
        tokio::select! {
            biased;
            () = lease_lost.cancelled() => {
                handler_token.cancel();
                let _ = tokio::time::timeout(self.settings.cancel_grace, &mut task.0).await;
                Outcome::Abandon("lease lost")
            }
            () = task_cancelled.cancelled() => {
                handler_token.cancel();
                let _ = tokio::time::timeout(self.settings.cancel_grace, &mut task.0).await;
                Outcome::Report(Err(StepFailure::permanent("the task was cancelled while the step ran")
                    .with_class(ERROR_CLASS_CANCELLED)))
            }
            () = self.hard_stop.cancelled() => Outcome::Abandon("drain timeout reached during shutdown"),
            joined = &mut task.0 => match joined {
                Ok(_) if lease_lost.is_cancelled() => Outcome::Abandon("lease lost"),
                Ok(result) => Outcome::Report(result),
                Err(error) if error.is_panic() => {
                    let message = panic_message(error.into_panic());
                    tracing::error!(panic = %message, "handler panicked");
                    Outcome::Report(Err(StepFailure::retryable(format!("handler panicked: {message}"))
                        .with_class(ERROR_CLASS_PANIC)))
                }
                Err(_) => Outcome::Abandon("handler task was cancelled"),
            },
            () = tokio::time::sleep(timeout) => {
                handler_token.cancel();
                Outcome::Report(Err(StepFailure::retryable(format!(
                    "handler did not finish within the step timeout of {}",
                    tasker_core::format_duration(timeout)
                ))
                .with_class(ERROR_CLASS_TIMEOUT)))
            }
        }
    }

    fn abandoned(&self, reason: &'static str) {
        tracing::warn!(reason, "attempt abandoned; nothing reported");
        self.status.send_modify(|s| s.steps_abandoned += 1);
    }

    /// Hands an attempt's outcome (and its concurrency slot) to the reporter
    /// and waits until it is recorded or dropped.
    async fn report_outcome(
        &self,
        claim_uuid: &str,
        result: HandlerResult,
        elapsed: Duration,
        permit: OwnedSemaphorePermit,
    ) {
        let outcome = match &result {
            Ok(results) => step_report::Outcome::Results(convert::results_to_struct(results)),
            Err(failure) => step_report::Outcome::Failure(AttemptFailure {
                error: Some(failure.to_proto()),
                retry_after: failure.retry_after.map(Into::into),
            }),
        };
        let (recorded, answer) = oneshot::channel();
        let pending = PendingReport {
            report: StepReport {
                claim_uuid: claim_uuid.to_owned(),
                execution_duration: Some(elapsed.into()),
                outcome: Some(outcome),
            },
            permit: Some(permit),
            recorded,
        };
        let recorded = self.reports.send(pending).is_ok() && answer.await.unwrap_or(false);
        match (&result, recorded) {
            (Ok(_), true) => {
                tracing::info!(?elapsed, "step completed");
                self.status.send_modify(|s| s.steps_completed += 1);
            }
            (Err(failure), true) => {
                tracing::warn!(
                    error_class = %failure.error_class,
                    retryable = failure.retryable,
                    message = %failure.message,
                    ?elapsed,
                    "step failed"
                );
                self.status.send_modify(|s| s.steps_failed += 1);
            }
            (_, false) => self.status.send_modify(|s| s.steps_abandoned += 1),
        }
    }

    /// Sends the queued reports, coalescing whatever queued while the last
    /// batch was on the wire, until the worker stops.
    async fn report_loop(self: Arc<Self>, mut queue: mpsc::UnboundedReceiver<PendingReport>) {
        while let Some(first) = queue.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_REPORT_BATCH {
                match queue.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            if self.unary_reports.load(Ordering::Relaxed) {
                futures_util::future::join_all(batch.into_iter().map(|p| self.report_unary(p)))
                    .await;
            } else {
                self.report_batch(batch).await;
            }
        }
    }

    /// Reports one outcome with CompleteStep or FailStep (servers without
    /// `ReportResults`).
    async fn report_unary(&self, pending: PendingReport) {
        let PendingReport {
            report, recorded, ..
        } = pending;
        let worker_uuid = self.worker_uuid();
        let execution_duration = report.execution_duration;
        let accepted = match report.outcome {
            Some(step_report::Outcome::Results(results)) => {
                let request = CompleteStepRequest {
                    worker_uuid,
                    claim_uuid: report.claim_uuid,
                    results: Some(results),
                    execution_duration,
                };
                self.report("CompleteStep", &request, |mut c, r| async move {
                    c.complete_step(r).await
                })
                .await
            }
            Some(step_report::Outcome::Failure(failure)) => {
                let request = FailStepRequest {
                    worker_uuid,
                    claim_uuid: report.claim_uuid,
                    error: failure.error,
                    execution_duration,
                    retry_after: failure.retry_after,
                };
                self.report("FailStep", &request, |mut c, r| async move {
                    c.fail_step(r).await
                })
                .await
            }
            None => false,
        };
        let _ = recorded.send(accepted);
    }

    /// Sends one batch with `ReportResults`, claiming the next steps into
    /// the slots of the reports; retries what may be sent again a bounded
    /// number of times.
    async fn report_batch(self: &Arc<Self>, mut pending: Vec<PendingReport>) {
        const RPC: &str = "ReportResults";
        let attempts = self.settings.report_attempts;
        let mut attempt = 0;
        while !pending.is_empty() {
            attempt += 1;
            let slots = pending.iter().filter(|p| p.permit.is_some()).count();
            let request = ReportResultsRequest {
                worker_uuid: self.worker_uuid(),
                reports: pending.iter().map(|p| p.report.clone()).collect(),
                claim_max_steps: if self.shutdown.is_cancelled() {
                    0
                } else {
                    i32::try_from(slots).unwrap_or(i32::MAX)
                },
            };
            let status = match self
                .call(
                    request,
                    self.settings.request_timeout,
                    |mut c, r| async move { c.report_results(r).await },
                )
                .await
            {
                Ok(response) => {
                    self.reached();
                    let received = Instant::now();
                    let mut results = response.results.into_iter();
                    let mut again = Vec::new();
                    let mut free = Vec::new();
                    for mut report in pending {
                        let verdict = match results.next().and_then(|r| r.status) {
                            Some(status) => verdict(RPC, &status),
                            None => {
                                tracing::error!(
                                    "the orchestrator answered fewer results than reports; result dropped"
                                );
                                Verdict::Dropped
                            }
                        };
                        match verdict {
                            Verdict::Again => again.push(report),
                            Verdict::Recorded | Verdict::Dropped => {
                                free.extend(report.permit.take());
                                let _ = report.recorded.send(matches!(verdict, Verdict::Recorded));
                            }
                        }
                    }
                    for claim in response.claimed {
                        self.start(claim, free.pop(), received);
                    }
                    drop(free);
                    pending = again;
                    if pending.is_empty() {
                        return;
                    }
                    tonic::Status::unavailable("some reports could not be recorded now")
                }
                Err(status) if status.code() == tonic::Code::Unimplemented => {
                    tracing::info!(
                        "the orchestrator has no ReportResults; reporting one call per result"
                    );
                    self.unary_reports.store(true, Ordering::Relaxed);
                    futures_util::future::join_all(
                        pending.into_iter().map(|p| self.report_unary(p)),
                    )
                    .await;
                    return;
                }
                Err(status) => status,
            };
            let give_up = match classify(&status) {
                Failure::Transient => attempt >= attempts,
                Failure::LeaseLost | Failure::NotFound | Failure::Permanent => true,
            };
            if give_up {
                tracing::error!(rpc = RPC, attempt, code = ?status.code(), message = status.message(), reports = pending.len(), "reports not recorded; results dropped");
                break;
            }
            self.unreachable(RPC, &status);
            let delay = delay_after(&self.settings.backoff, attempt, &status);
            tracing::warn!(rpc = RPC, attempt, code = ?status.code(), message = status.message(), retry_in = ?delay, "reports not recorded; retrying");
            tokio::select! {
                biased;
                () = self.hard_stop.cancelled() => break,
                () = tokio::time::sleep(delay) => {}
            }
        }
        for report in pending {
            let _ = report.recorded.send(false);
        }
    }

    /// Sends a report, retrying transient failures a bounded number of times.
    /// `true` when the orchestrator accepted it.
    async fn report<Req, Resp, F, Fut>(&self, rpc: &'static str, request: &Req, send: F) -> bool
    where
        Req: Clone,
        F: Fn(Client, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Resp>, tonic::Status>>,
    {
        let attempts = self.settings.report_attempts;
        for attempt in 1..=attempts {
            let status = match self
                .call(request.clone(), self.settings.request_timeout, &send)
                .await
            {
                Ok(_) => {
                    self.reached();
                    return true;
                }
                Err(status) => status,
            };
            match classify(&status) {
                Failure::LeaseLost => {
                    tracing::warn!(
                        rpc,
                        message = status.message(),
                        "lease lost before the report; result dropped"
                    );
                    return false;
                }
                Failure::NotFound => {
                    tracing::warn!(
                        rpc,
                        message = status.message(),
                        "the orchestrator does not know this claim; result dropped"
                    );
                    return false;
                }
                Failure::Permanent => {
                    tracing::error!(rpc, code = ?status.code(), message = status.message(), "report refused; result dropped");
                    return false;
                }
                Failure::Transient => {
                    self.unreachable(rpc, &status);
                    if attempt == attempts {
                        tracing::error!(rpc, attempts, code = ?status.code(), message = status.message(), "report failed; giving up");
                        return false;
                    }
                    let delay = delay_after(&self.settings.backoff, attempt, &status);
                    tracing::warn!(rpc, attempt, code = ?status.code(), message = status.message(), retry_in = ?delay, "report failed; retrying");
                    tokio::select! {
                        biased;
                        () = self.hard_stop.cancelled() => return false,
                        () = tokio::time::sleep(delay) => {}
                    }
                }
            }
        }
        false
    }

    /// Extends the leases of in-flight claims every heartbeat interval until
    /// `stop`; cancels the handlers of leases the orchestrator reports lost
    /// or that expire locally because heartbeats keep failing.
    async fn heartbeat_loop(self: Arc<Self>, stop: CancellationToken) {
        let mut failures = 0u32;
        loop {
            let interval = self.lease().heartbeat_interval;
            let wait = if failures == 0 {
                interval
            } else {
                self.settings.backoff.delay(failures).min(interval)
            };
            tokio::select! {
                biased;
                () = stop.cancelled() => return,
                () = tokio::time::sleep(wait) => {}
            }
            self.expire_overdue_leases();
            let claims: Vec<String> = self
                .in_flight()
                .iter()
                .filter(|(_, entry)| !entry.lease_lost.is_cancelled())
                .map(|(claim, _)| claim.clone())
                .collect();
            if claims.is_empty() {
                failures = 0;
                continue;
            }
            let sent = Instant::now();
            let request = HeartbeatRequest {
                worker_uuid: self.worker_uuid(),
                claim_uuids: claims,
            };
            let result = tokio::select! {
                biased;
                () = stop.cancelled() => return,
                result = self.call(request, self.settings.request_timeout, |mut c, r| async move { c.heartbeat(r).await }) => result,
            };
            match result {
                Ok(response) => {
                    failures = 0;
                    self.reached();
                    let deadline = sent + self.lease().duration;
                    for lease in response.leases {
                        if lease.held {
                            if let Some(entry) = self.in_flight().get_mut(&lease.claim_uuid) {
                                entry.lease_deadline = deadline;
                            }
                        } else if lease.reason == TASK_CANCELLED {
                            self.cancel_claim(&lease.claim_uuid);
                        } else {
                            let reason = if lease.reason.is_empty() {
                                "not held".to_owned()
                            } else {
                                lease.reason
                            };
                            self.lose(&lease.claim_uuid, &reason);
                        }
                    }
                }
                Err(status) => {
                    self.unreachable("Heartbeat", &status);
                    match classify(&status) {
                        Failure::NotFound | Failure::LeaseLost => {
                            tracing::warn!(
                                message = status.message(),
                                "the orchestrator no longer knows this worker"
                            );
                            self.lose_all("the worker's registration was lost");
                            failures = 0;
                        }
                        Failure::Transient | Failure::Permanent => {
                            failures = failures.saturating_add(1);
                            tracing::warn!(code = ?status.code(), message = status.message(), "heartbeat failed; retrying");
                        }
                    }
                }
            }
        }
    }

    /// Cancels the handlers of claims whose lease ran out without a
    /// successful heartbeat.
    fn expire_overdue_leases(&self) {
        let now = Instant::now();
        let overdue: Vec<String> = self
            .in_flight()
            .iter()
            .filter(|(_, e)| e.lease_deadline <= now && !e.lease_lost.is_cancelled())
            .map(|(claim, _)| claim.clone())
            .collect();
        for claim in overdue {
            self.lose(&claim, "lease expired without a successful heartbeat");
        }
    }

    /// Marks one claim's lease lost: its handler is cancelled and nothing is
    /// reported.
    fn lose(&self, claim_uuid: &str, reason: &str) {
        if let Some(entry) = self.in_flight().get(claim_uuid)
            && !entry.lease_lost.is_cancelled()
        {
            tracing::warn!(
                claim = claim_uuid,
                reason,
                "lease lost; cancelling the handler"
            );
            entry.lease_lost.cancel();
            entry.handler_token.cancel();
        }
    }

    /// The step's task was cancelled: its handler is told to stop, and the
    /// attempt is reported (the orchestrator records it as cancelled).
    fn cancel_claim(&self, claim_uuid: &str) {
        if let Some(entry) = self.in_flight().get(claim_uuid)
            && !entry.lease_lost.is_cancelled()
            && !entry.task_cancelled.is_cancelled()
        {
            tracing::info!(claim = claim_uuid, "task cancelled; stopping the handler");
            entry.task_cancelled.cancel();
            entry.handler_token.cancel();
        }
    }

    /// Streams the claims the orchestrator ends while they run (their task
    /// was cancelled) and stops those handlers at once; reconnects with
    /// backoff until `stop`. Heartbeats carry the same news later, so an
    /// orchestrator without the stream (UNIMPLEMENTED) is simply not asked
    /// again.
    async fn claim_watch_loop(self: Arc<Self>, stop: CancellationToken) {
        let mut failures = 0u32;
        loop {
            if failures > 0 {
                tokio::select! {
                    biased;
                    () = stop.cancelled() => return,
                    () = tokio::time::sleep(self.settings.backoff.delay(failures)) => {}
                }
            }
            let request = WatchClaimsRequest {
                worker_uuid: self.worker_uuid(),
            };
            let mut client = self.client.clone();
            let opened = tokio::select! {
                biased;
                () = stop.cancelled() => return,
                opened = client.watch_claims(request) => opened,
            };
            let mut stream = match opened {
                Ok(response) => response.into_inner(),
                Err(status) if status.code() == tonic::Code::Unimplemented => return,
                Err(status) => {
                    failures = failures.saturating_add(1);
                    tracing::debug!(code = ?status.code(), message = status.message(), "claim watch failed; retrying");
                    continue;
                }
            };
            loop {
                let next = tokio::select! {
                    biased;
                    () = stop.cancelled() => return,
                    next = stream.message() => next,
                };
                match next {
                    Ok(Some(message)) => {
                        failures = 0;
                        if let Some(lease) = message.lease {
                            self.cancel_claim(&lease.claim_uuid);
                        }
                    }
                    Ok(None) => break,
                    Err(status) => {
                        failures = failures.saturating_add(1);
                        tracing::debug!(code = ?status.code(), message = status.message(), "claim watch ended; reconnecting");
                        break;
                    }
                }
            }
        }
    }

    fn lose_all(&self, reason: &str) {
        let claims: Vec<String> = self.in_flight().keys().cloned().collect();
        for claim in claims {
            self.lose(&claim, reason);
        }
    }

    /// Deregisters, retrying transient failures a bounded number of times.
    async fn deregister(&self) {
        let request = DeregisterWorkerRequest {
            worker_uuid: self.worker_uuid(),
        };
        let attempts = self.settings.report_attempts;
        for attempt in 1..=attempts {
            let result = self
                .call(
                    request.clone(),
                    self.settings.request_timeout,
                    |mut c, r| async move { c.deregister_worker(r).await },
                )
                .await;
            match result {
                Ok(response) => {
                    tracing::info!(released_claims = response.released_claims, "deregistered");
                    return;
                }
                Err(status) if classify(&status) == Failure::Transient && attempt < attempts => {
                    let delay = delay_after(&self.settings.backoff, attempt, &status);
                    tracing::warn!(code = ?status.code(), message = status.message(), retry_in = ?delay, "cannot deregister; retrying");
                    tokio::time::sleep(delay).await;
                }
                Err(status) => {
                    tracing::warn!(code = ?status.code(), message = status.message(), "cannot deregister; the orchestrator will expire the worker's leases");
                    return;
                }
            }
        }
    }
}

/// Removes a claim from the in-flight set when its task ends, however it ends.
struct InFlightGuard {
    runtime: Arc<Runtime>,
    claim_uuid: String,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let count = {
            let mut in_flight = self.runtime.in_flight();
            in_flight.remove(&self.claim_uuid);
            in_flight.len()
        };
        self.runtime.status.send_modify(|s| s.in_flight = count);
        self.runtime.metrics.set_in_flight(count);
    }
}

/// What to do with one report of a batch, from its status.
fn verdict(rpc: &str, status: &tasker_proto::pb::google::rpc::Status) -> Verdict {
    let code = tonic::Code::from_i32(status.code);
    if code == tonic::Code::Ok {
        return Verdict::Recorded;
    }
    match classify(&tonic::Status::new(code, status.message.clone())) {
        Failure::Transient => Verdict::Again,
        Failure::LeaseLost | Failure::NotFound => {
            tracing::warn!(
                rpc,
                message = %status.message,
                "lease lost before the report; result dropped"
            );
            Verdict::Dropped
        }
        Failure::Permanent => {
            tracing::error!(rpc, ?code, message = %status.message, "report refused; result dropped");
            Verdict::Dropped
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lease_settings_fall_back_sensibly() {
        let s = LeaseSettings::from_server(None, None);
        assert_eq!(s.duration, DEFAULT_LEASE_DURATION);
        assert_eq!(s.heartbeat_interval, DEFAULT_LEASE_DURATION / 3);
        let s =
            LeaseSettings::from_server(Some(Duration::from_secs(9)), Some(Duration::from_secs(2)));
        assert_eq!(
            (s.duration, s.heartbeat_interval),
            (Duration::from_secs(9), Duration::from_secs(2))
        );
        let s =
            LeaseSettings::from_server(Some(Duration::from_secs(9)), Some(Duration::from_secs(10)));
        assert_eq!(
            s.heartbeat_interval,
            Duration::from_secs(3),
            "a heartbeat slower than the lease is refused"
        );
    }

    #[test]
    fn builder_validates() {
        let registry =
            || HandlerRegistry::new().with_fn("noop", |_| async { Ok(serde_json::Value::Null) });
        let ok = Worker::builder("http://127.0.0.1:1")
            .namespaces(["examples"])
            .bearer_token("abc")
            .build(registry());
        let worker = ok.unwrap();
        assert_eq!(worker.handler_names(), ["noop"]);
        assert!(
            !format!("{worker:?}").contains("abc"),
            "credentials are not printed"
        );
        assert_eq!(worker.status().snapshot().concurrency, 8);

        let err = |b: WorkerBuilder, r: HandlerRegistry| b.build(r).unwrap_err().to_string();
        let base = || Worker::builder("http://127.0.0.1:1").namespaces(["examples"]);
        assert!(err(Worker::builder("not a url"), registry()).contains("not a url"));
        assert!(
            Worker::builder("https://x:1")
                .namespaces(["e"])
                .build(registry())
                .is_ok()
        );
        assert!(err(base().tls_ca_pem(b"pem".to_vec()), registry()).contains("use https://"));
        assert!(err(Worker::builder("ftp://x:1"), registry()).contains("expected http"));
        assert!(err(base(), HandlerRegistry::new()).contains("handlers"));
        assert!(err(Worker::builder("http://x:1"), registry()).contains("namespaces"));
        assert!(err(base().concurrency(0), registry()).contains("concurrency"));
        assert!(err(base().claim_batch_size(0), registry()).contains("claim_batch_size"));
        assert!(err(base().api_key("bad\nkey"), registry()).contains("api_key"));
    }

    #[test]
    fn auth_adds_metadata() {
        let mut auth = Auth {
            authorization: Some(AsciiMetadataValue::from_static("Bearer t")),
            api_key: Some(AsciiMetadataValue::from_static("k")),
        };
        let request = auth.call(tonic::Request::new(())).unwrap();
        assert_eq!(request.metadata().get("authorization").unwrap(), "Bearer t");
        assert_eq!(request.metadata().get("x-api-key").unwrap(), "k");
        assert!(!format!("{auth:?}").contains("Bearer"));
    }

    #[test]
    fn panic_messages() {
        assert_eq!(panic_message(Box::new("boom")), "boom");
        assert_eq!(panic_message(Box::new(String::from("bang"))), "bang");
        assert_eq!(panic_message(Box::new(3)), "non-string panic payload");
    }
}
