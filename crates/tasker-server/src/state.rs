//! State shared by every service of one server process.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use tasker_core::staleness::StalenessThresholds;
use tasker_store::Store;
use tokio::sync::watch;

use crate::auth::Auth;
use crate::config::Config;
use crate::figures::TemplateCounters;

/// What the services of one process share.
#[derive(Debug)]
pub struct AppState {
    /// The effective configuration.
    pub config: Config,
    /// The open store.
    pub store: Store,
    /// Staleness thresholds of the server (templates may override them).
    pub staleness: StalenessThresholds,
    /// When the process started serving.
    pub started_at: Instant,
    /// Credentials, permissions and per-credential limits.
    pub auth: Auth,
    /// Tasks created, by namespace and template name.
    pub tasks_created: TemplateCounters,
    shutting_down: AtomicBool,
    ready_steps: AtomicU64,
    draining: watch::Sender<bool>,
}

impl AppState {
    /// State for a process that starts now.
    pub fn new(config: Config, store: Store, auth: Auth) -> Self {
        Self {
            store,
            auth,
            staleness: StalenessThresholds {
                waiting: std::time::Duration::from_secs(config.dlq.waiting_threshold_seconds),
                processing: std::time::Duration::from_secs(config.dlq.processing_threshold_seconds),
            },
            started_at: Instant::now(),
            tasks_created: TemplateCounters::new("tasker_tasks_created_total"),
            shutting_down: AtomicBool::new(false),
            ready_steps: AtomicU64::new(0),
            draining: watch::channel(false).0,
            config,
        }
    }

    /// Marks the process as draining: readiness turns false, long polls
    /// return and watch streams end.
    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
        self.draining.send_replace(true);
    }

    /// Resolves once shutdown has begun.
    pub async fn draining(&self) {
        let mut receiver = self.draining.subscribe();
        let _ = receiver.wait_for(|draining| *draining).await;
    }

    /// Steps ready to be claimed, over every namespace, as the backlog
    /// watch last counted them (every second while `workers.max_ready_steps`
    /// is set).
    pub fn ready_steps(&self) -> u64 {
        self.ready_steps.load(Ordering::Relaxed)
    }

    /// Records the ready backlog counted by the backlog watch.
    pub fn set_ready_steps(&self, ready: u64) {
        self.ready_steps.store(ready, Ordering::Relaxed);
    }

    /// Sheds new work while the ready backlog is over
    /// `workers.max_ready_steps` (refreshed every second).
    ///
    /// # Errors
    /// [`ServerError::Overloaded`] naming the backlog and the limit.
    pub fn admit_new_work(&self) -> Result<(), crate::ServerError> {
        let limit = self.config.workers.max_ready_steps;
        let ready = self.ready_steps.load(Ordering::Relaxed);
        if limit > 0 && ready >= limit {
            return Err(crate::ServerError::Overloaded(format!(
                "{ready} steps are waiting for workers (limit {limit})"
            )));
        }
        Ok(())
    }

    /// Whether shutdown has begun.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }
}
