//! What the worker is doing, as health checks see it.

use tokio::sync::watch;

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
pub struct StatusHandle(pub(super) watch::Receiver<WorkerStatus>);

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
