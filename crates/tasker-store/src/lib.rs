//! Tasker's storage layer: the only crate that talks SQL.
//!
//! A [`Store`] is opened from a URL: `sqlite://path` (the embedded default, in
//! WAL mode with durable commits and a single writer connection) or
//! `postgres://…` (several servers sharing one database; claims use
//! `FOR UPDATE SKIP LOCKED`). Both run the same SQL through sqlx's `Any`
//! driver and the same migrations, kept per backend. Every state change is a
//! compare-and-set inside a transaction that also writes an immutable
//! transition row, applying the rules of `tasker-core`; callers are answered
//! only after the transaction commits. On SQLite, concurrent writes are
//! grouped into one durable commit (see `writer`), so durability does not cap
//! throughput at one fsync per request.

mod analytics;
mod api_keys;
mod db;
mod dlq;
mod engine;
mod error;
mod figures;
mod history;
pub mod model;
mod scope;
mod script;
mod sql_count;
mod subscriptions;
mod tasks;
mod templates;
mod workers;
mod writer;
mod writes;

pub use analytics::{AttemptRow, Backlog, TaskDurationRow, WindowFigures};
pub use db::{Backend, ConnectOptions, PoolStats, Store};
pub use dlq::{ActiveTask, DlqReasonStats};
pub use error::StoreError;
pub use figures::{FinishedTasks, TransitionFigures};
pub use history::{Change, HistoryEntry};
pub use model::*;
pub use sql_count::SqlStats;
pub use subscriptions::TaskSubscription;
pub use writer::WriteStats;

/// Microseconds since the Unix epoch, now.
pub fn now_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
