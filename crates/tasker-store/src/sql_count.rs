//! Counting the SQL the store sends, so the hot path's cost is a number a
//! test can hold.
//!
//! Every statement a store operation runs takes its executor through
//! [`SqlCounter::on`] (the read pool) or
//! [`crate::writer::WriteTx::conn`] (a write), which add one to the store's
//! counters; [`crate::writer`] counts the transaction control it sends
//! (`BEGIN`, savepoints, `COMMIT`, `PRAGMA synchronous`) as round trips that
//! are not statements. Two relaxed atomic additions per statement: cheap
//! enough to stay on in release builds.

use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

tokio::task_local! {
    /// The SQL of the store operation running on this task, when one is
    /// being priced ([`priced`]).
    static OPERATION: Cell<SqlStats>;
}

/// Runs `work`, counting the SQL it sends on this task (the statements and
/// round trips of one store operation, for its span); returns its output
/// and those counts. A SQLite group commit sent by another task is not
/// included: the operation's span records how long it waited for it.
pub(crate) async fn priced<F: Future>(work: F) -> (F::Output, SqlStats) {
    OPERATION
        .scope(Cell::new(SqlStats::default()), async move {
            let output = work.await;
            (output, OPERATION.with(Cell::get))
        })
        .await
}

/// Adds to the running operation's counts, if any.
fn add_to_operation(statements: u64, round_trips: u64) {
    let _ = OPERATION.try_with(|cell| {
        let mut stats = cell.get();
        stats.statements += statements;
        stats.round_trips += round_trips;
        cell.set(stats);
    });
}

/// SQL sent by a store since it opened; subtract two snapshots
/// ([`SqlStats::since`]) to price one operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqlStats {
    /// Statements of the store's operations (queries, inserts, updates,
    /// and `pg_notify` announcements on PostgreSQL).
    pub statements: u64,
    /// Every exchange with the database the store starts: the statements,
    /// plus transaction control (`BEGIN`, `SAVEPOINT`, `RELEASE`, `COMMIT`,
    /// `ROLLBACK`, `PRAGMA synchronous`, `SET LOCAL`). A SQLite group commit
    /// is counted once, by the write that starts it. sqlx's own pool
    /// checks (a ping when a pooled connection is handed out) are not
    /// counted.
    pub round_trips: u64,
}

impl SqlStats {
    /// The SQL sent between `earlier` and `self`.
    #[must_use]
    pub fn since(self, earlier: Self) -> Self {
        Self {
            statements: self.statements.saturating_sub(earlier.statements),
            round_trips: self.round_trips.saturating_sub(earlier.round_trips),
        }
    }
}

/// The store's counters, shared by its pools and its writer.
#[derive(Debug, Default)]
pub(crate) struct SqlCounter {
    statements: AtomicU64,
    round_trips: AtomicU64,
}

impl SqlCounter {
    /// Counts one statement about to run on `executor`, and hands it back.
    pub(crate) fn on<E>(&self, executor: E) -> E {
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        add_to_operation(1, 1);
        executor
    }

    /// Counts one exchange carrying `statements` statements about to run
    /// on `executor`, and hands it back.
    pub(crate) fn on_exchange<E>(&self, statements: u64, executor: E) -> E {
        self.statements.fetch_add(statements, Ordering::Relaxed);
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        add_to_operation(statements, 1);
        executor
    }

    /// Counts `n` statements sent outside [`SqlCounter::on`] (announcements).
    pub(crate) fn statements(&self, n: u64) {
        self.statements.fetch_add(n, Ordering::Relaxed);
        self.round_trips.fetch_add(n, Ordering::Relaxed);
        add_to_operation(n, n);
    }

    /// Counts one transaction-control exchange.
    pub(crate) fn control(&self) {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        add_to_operation(0, 1);
    }

    /// The counts so far.
    pub(crate) fn snapshot(&self) -> SqlStats {
        SqlStats {
            statements: self.statements.load(Ordering::Relaxed),
            round_trips: self.round_trips.load(Ordering::Relaxed),
        }
    }
}

/// The read pool; every statement takes it through [`ReadPool::get`].
#[derive(Debug, Clone)]
pub(crate) struct ReadPool {
    pool: sqlx::AnyPool,
    sql: std::sync::Arc<SqlCounter>,
}

impl ReadPool {
    pub(crate) fn new(pool: sqlx::AnyPool, sql: std::sync::Arc<SqlCounter>) -> Self {
        Self { pool, sql }
    }

    /// The pool to run one statement on, counting that statement.
    pub(crate) fn get(&self) -> &sqlx::AnyPool {
        self.sql.on(&self.pool)
    }

    /// The pool itself, for what sends no statement of an operation
    /// (sizes, closing, background announcements counted on their own).
    pub(crate) fn uncounted(&self) -> &sqlx::AnyPool {
        &self.pool
    }
}
