//! State shared by every service of one server process.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tasker_store::Database;

use crate::config::Config;

/// What the services of one process share.
#[derive(Debug)]
pub struct AppState {
    /// The effective configuration.
    pub config: Config,
    /// The open database.
    pub db: Database,
    /// When the process started serving.
    pub started_at: Instant,
    shutting_down: AtomicBool,
}

impl AppState {
    /// State for a process that starts now.
    pub fn new(config: Config, db: Database) -> Self {
        Self {
            config,
            db,
            started_at: Instant::now(),
            shutting_down: AtomicBool::new(false),
        }
    }

    /// Marks the process as draining: readiness turns false.
    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
    }

    /// Whether shutdown has begun.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }
}
