//! State shared by every service of one server process.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tasker_core::staleness::StalenessThresholds;
use tasker_store::Store;
use tokio::sync::watch;

use crate::auth::Auth;
use crate::config::Config;

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
    shutting_down: AtomicBool,
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
            shutting_down: AtomicBool::new(false),
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

    /// Whether shutdown has begun.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }
}
