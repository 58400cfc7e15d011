//! The worker runtime: register, claim, execute, heartbeat, report, drain,
//! deregister. [`Worker`] runs a `Runtime` whose parts live in the
//! submodules: `builder` (settings and the orchestrator's endpoint),
//! `status` (what health checks see), `session` (registration, retried
//! calls, deregistration), `claim` (the claim loop and each step's
//! execution), `report` (outcomes reported in batches) and `lease`
//! (heartbeats, lease loss and task cancellation).

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use tasker_proto::v1::worker_service_client::WorkerServiceClient;
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::{JoinHandle, JoinSet};
use tokio_util::sync::CancellationToken;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};

use crate::WorkerError;
use crate::handler::HandlerRegistry;
use crate::observe::StepMetrics;

mod builder;
mod claim;
mod lease;
mod report;
mod session;
mod status;

use builder::Auth;
pub use builder::{WorkerBuilder, orchestrator_endpoint};
use report::PendingReport;
pub use status::{StatusHandle, WorkerStatus};

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

type Client = WorkerServiceClient<InterceptedService<Channel, Auth>>;

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
}
