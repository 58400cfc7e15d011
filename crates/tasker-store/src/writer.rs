//! Write transactions, and group commit on SQLite.
//!
//! Every write goes through [`Writer::begin`], which hands out a [`WriteTx`]
//! that derefs to the connection and ends with [`WriteTx::commit`] — and
//! a durable write's `commit` returns only once it is on disk.
//!
//! Callers never hold a [`WriteTx`] in a request's future: every write runs
//! on a task of its own (`writes.rs`), so a dropped request cannot stop one
//! half-way. The bookkeeping here still assumes the worst — a `BEGIN` or a
//! `PRAGMA` whose outcome was never recorded is set right by the next write
//! — so a dropped write can cost at most its own work, never the writer.
//!
//! On PostgreSQL a write is an ordinary pooled transaction; the server groups
//! concurrent commits itself.
//!
//! On SQLite one connection does every write, and a durable commit costs an
//! fsync, so one commit per request would cap throughput at the disk's fsync
//! rate. Instead writes are grouped: the first write to arrive opens a batch
//! (`BEGIN IMMEDIATE`), and each write runs inside its own savepoint of that
//! batch, so a failed or abandoned write rolls back alone. When a write is
//! done it hands the connection on and waits; a committer queued behind the
//! writes that arrived in the meantime (the connection's lock is fair, first
//! come first served) commits them all with one fsync and then wakes every
//! writer of the batch with the outcome. At low load a batch holds one write
//! and commits at once; under load a batch holds every write that arrived
//! during the previous commit.
//!
//! Every statement is a hand-off to the SQLite connection's thread, so the
//! transaction control rides along with the write's first statement where it
//! can: [`Writer::begin_reading`] sends `[PRAGMA synchronous …;] [BEGIN
//! IMMEDIATE;] SAVEPOINT tasker_write; <the write's first read>` as one
//! multi-statement exchange. A finished write's savepoint is released by the
//! next write's control (`RELEASE …; SAVEPOINT …;`) or ended by `COMMIT`, so a
//! write costs no exchange of transaction control of its own, and one
//! savepoint is open at a time (SQLite journals each page a write changes
//! once per open savepoint, so nesting them would cost a batch quadratic
//! work). `ROLLBACK TO` names the
//! most recent savepoint, which is why the writer must know whether the
//! current write's savepoint exists: when that is unknown (the exchange that
//! creates it failed, or was dropped), the whole batch is rolled back and its
//! writers are told it failed, rather than risk undoing an earlier write that
//! was already answered for.
//!
//! Writes that can be redone from durable state — claims, heartbeats, the
//! timers' lease and retry moves — may be *relaxed*
//! ([`Writer::begin_relaxed`]): they commit without waiting for the disk
//! (SQLite `synchronous = NORMAL` in WAL mode; PostgreSQL
//! `synchronous_commit = off`). The database stays consistent; a power loss
//! may forget the latest relaxed commits, which only re-offers a claimed step
//! (execution is at-least-once anyway). Every durable commit also makes the
//! relaxed ones before it durable, since both share one sequential log, so no
//! acknowledged result can depend on a forgotten claim. On SQLite the safety
//! level cannot change inside a transaction, so a batch is either relaxed or
//! durable: a durable write that finds a relaxed batch open commits it first
//! (no fsync, microseconds) and opens a durable one, which relaxed writes may
//! join.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Execute as _, Executor as _, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

use crate::StoreError;
use crate::sql_count::SqlCounter;

/// A query on the Any driver, as `sqlx::query` builds it.
pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, Any, AnyArguments>;

/// The outcome of a batch's commit, once known.
type Outcome = Option<Result<(), Arc<str>>>;

const ROLLBACK_TO: &str = "ROLLBACK TO SAVEPOINT tasker_write";

/// The transaction control a write sends before its first statement, in
/// one exchange: when it opens a batch, the batch's safety level (when it
/// changes: `Some(durable)`) and `BEGIN IMMEDIATE`; when it joins one, the
/// release of the write before it (`release`); always its savepoint.
fn control(pragma: Option<bool>, begin: bool, release: bool) -> &'static str {
    match (begin, pragma) {
        (false, _) if release => "RELEASE SAVEPOINT tasker_write; SAVEPOINT tasker_write;",
        (false, _) => "SAVEPOINT tasker_write;",
        (true, None) => "BEGIN IMMEDIATE; SAVEPOINT tasker_write;",
        (true, Some(true)) => "PRAGMA synchronous = FULL; BEGIN IMMEDIATE; SAVEPOINT tasker_write;",
        (true, Some(false)) => {
            "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE; SAVEPOINT tasker_write;"
        }
    }
}

/// Whether the current write's savepoint exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Savepoint {
    /// No write is under way, or the last one ended (committed into the
    /// batch, or rolled back to its savepoint).
    None,
    /// The current write's savepoint exists: rolling back to it undoes
    /// exactly that write.
    Open,
    /// The last write finished into the batch (or was rolled back to its
    /// savepoint) and its savepoint is still open: the next write's control
    /// releases it (keeping one savepoint
    /// open at a time, since SQLite journals every page a write changes
    /// once per open savepoint), or the batch's `COMMIT` ends it.
    Finished,
    /// The exchange creating it was sent and its outcome is unknown.
    Unknown,
}

/// Group-commit figures since the store opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Writes committed.
    pub writes: u64,
    /// Commits that carried them; `writes / commits` is the mean batch size.
    /// Equal to `writes` on PostgreSQL.
    pub commits: u64,
    /// Commits that waited for the disk (the others were relaxed).
    pub synced_commits: u64,
}

/// Where write transactions come from.
#[derive(Debug, Clone)]
pub(crate) enum Writer {
    /// PostgreSQL: pooled transactions.
    Pool {
        pool: AnyPool,
        stats: Arc<Counters>,
        sql: Arc<SqlCounter>,
    },
    /// SQLite: grouped writes on one connection.
    Group(Arc<GroupWriter>),
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    writes: AtomicU64,
    commits: AtomicU64,
    synced_commits: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> WriteStats {
        WriteStats {
            writes: self.writes.load(Ordering::Relaxed),
            commits: self.commits.load(Ordering::Relaxed),
            synced_commits: self.synced_commits.load(Ordering::Relaxed),
        }
    }

    /// Counts a commit of `writes` writes whose `COMMIT` took `took`, and
    /// records both in the `tasker_store_batch_writes` and
    /// `tasker_store_commit_seconds` histograms (by `synced`) of the
    /// process's metrics recorder, when one is installed.
    fn committed(&self, writes: u64, synced: bool, took: std::time::Duration) {
        self.writes.fetch_add(writes, Ordering::Relaxed);
        self.commits.fetch_add(1, Ordering::Relaxed);
        if synced {
            self.synced_commits.fetch_add(1, Ordering::Relaxed);
        }
        #[allow(clippy::cast_precision_loss)] // a batch holds far fewer than 2^52 writes
        metrics::histogram!("tasker_store_batch_writes").record(writes as f64);
        let synced = if synced { "true" } else { "false" };
        metrics::histogram!("tasker_store_commit_seconds", "synced" => synced).record(took);
    }
}

impl Writer {
    /// Pooled transactions on `pool`.
    pub(crate) fn pooled(pool: AnyPool, sql: Arc<SqlCounter>) -> Self {
        Self::Pool {
            pool,
            stats: Arc::default(),
            sql,
        }
    }

    /// Grouped writes on `conn`, refusing new writes with
    /// [`StoreError::Busy`] while `max_queued` are already waiting.
    pub(crate) fn grouped(
        conn: PoolConnection<Any>,
        max_queued: usize,
        sql: Arc<SqlCounter>,
    ) -> Self {
        Self::Group(Arc::new(GroupWriter {
            batch: Arc::new(Mutex::new(Batch {
                conn,
                sql,
                open: false,
                relaxed: false,
                synchronous_full: Some(true),
                begin_unknown: false,
                generation: 0,
                committer: false,
                savepoint: Savepoint::None,
                closed: false,
                writes: 0,
                outcome: watch::channel(None).0,
            })),
            queued: AtomicUsize::new(0),
            max_queued,
            stats: Arc::default(),
        }))
    }

    /// Starts a durable write: its commit returns once it is on disk.
    ///
    /// # Errors
    /// [`StoreError::Busy`] when too many writes are already waiting (or no
    /// pooled connection frees up in time), [`StoreError::Closed`] after
    /// [`Writer::close`], [`StoreError::Database`] when the database fails.
    pub(crate) async fn begin(&self) -> Result<WriteTx, StoreError> {
        self.start(true).await
    }

    /// Starts a relaxed write, for changes that can be redone from durable
    /// state (see the module documentation).
    ///
    /// # Errors
    /// As [`Writer::begin`].
    pub(crate) async fn begin_relaxed(&self) -> Result<WriteTx, StoreError> {
        self.start(false).await
    }

    /// Starts a write whose first statement is the read `first`, and runs
    /// it: on SQLite the write's transaction control travels with it, one
    /// exchange for both. Returns the transaction and the rows read.
    ///
    /// # Errors
    /// As [`Writer::begin`]; on SQLite an error of this exchange also fails
    /// the other writes of the open batch (see the module documentation).
    pub(crate) async fn begin_reading(
        &self,
        durable: bool,
        first: AnyQuery<'_>,
    ) -> Result<(WriteTx, Vec<AnyRow>), StoreError> {
        match self {
            Self::Pool { .. } => {
                let mut tx = self.start(durable).await?;
                let rows = first.fetch_all(tx.conn()).await?;
                Ok((tx, rows))
            }
            Self::Group(group) => {
                let (tx, rows) = group.begin_reading(durable, first).await?;
                Ok((WriteTx::Group(tx), rows))
            }
        }
    }

    async fn start(&self, durable: bool) -> Result<WriteTx, StoreError> {
        match self {
            Self::Pool { pool, stats, sql } => {
                sql.control();
                let tx = if durable {
                    pool.begin().await?
                } else {
                    // One simple query: both statements, one round trip.
                    pool.begin_with("BEGIN; SET LOCAL synchronous_commit TO OFF")
                        .await?
                };
                Ok(WriteTx::Pool {
                    tx,
                    durable,
                    stats: Arc::clone(stats),
                    sql: Arc::clone(sql),
                })
            }
            Self::Group(group) => Ok(WriteTx::Group(group.begin(durable).await?)),
        }
    }

    /// Commit figures so far.
    pub(crate) fn stats(&self) -> WriteStats {
        match self {
            Self::Pool { stats, .. } => stats.snapshot(),
            Self::Group(group) => group.stats.snapshot(),
        }
    }

    /// Writes waiting for the connection right now (always 0 on PostgreSQL,
    /// where waiting happens in the pool).
    pub(crate) fn queued(&self) -> usize {
        match self {
            Self::Pool { .. } => 0,
            Self::Group(group) => group.queued.load(Ordering::Relaxed),
        }
    }

    /// Waits for running writes, commits the open batch and refuses later
    /// writes.
    pub(crate) async fn close(&self) {
        match self {
            Self::Pool { pool, .. } => pool.close().await,
            Self::Group(group) => {
                let mut batch = Arc::clone(&group.batch).lock_owned().await;
                if batch.open {
                    finish_batch(&mut batch, &group.stats).await;
                }
                if batch.synchronous_full != Some(true) {
                    let _ = exec(&mut batch, "PRAGMA synchronous = FULL").await;
                }
                batch.closed = true;
            }
        }
    }
}

/// The SQLite writer: one connection, shared by grouping writes.
#[derive(Debug)]
pub(crate) struct GroupWriter {
    batch: Arc<Mutex<Batch>>,
    queued: AtomicUsize,
    max_queued: usize,
    stats: Arc<Counters>,
}

#[derive(Debug)]
struct Batch {
    conn: PoolConnection<Any>,
    /// Counts what the writer sends.
    sql: Arc<SqlCounter>,
    /// A batch transaction is open.
    open: bool,
    /// The open batch commits without waiting for the disk.
    relaxed: bool,
    /// The connection's `synchronous` setting is FULL (else NORMAL); `None`
    /// while unknown (a `PRAGMA` was sent and its outcome never recorded).
    synchronous_full: Option<bool>,
    /// A `BEGIN` was sent but its outcome never recorded: the connection
    /// may hold a transaction that `open` does not know of. Since no write
    /// was released into it, rolling it back loses nothing.
    begin_unknown: bool,
    /// Counts batches, so a committer commits only the batch it was
    /// scheduled for.
    generation: u64,
    /// A committer is scheduled for the open batch.
    committer: bool,
    /// The current write's savepoint (see the module documentation).
    savepoint: Savepoint,
    /// The store is closed; no more writes.
    closed: bool,
    /// Writes released into the open batch.
    writes: u64,
    /// Tells the open batch's writers how its commit went.
    outcome: watch::Sender<Outcome>,
}

impl GroupWriter {
    /// Takes the connection for one write and readies the batch: what an
    /// earlier write left undone is undone, a relaxed batch is committed
    /// before a durable write. Returns the transaction control the write
    /// must send before its first statement (see [`control`]), with what
    /// to record once it ran.
    async fn take(self: &Arc<Self>, durable: bool) -> Result<(GroupTx, Opening), StoreError> {
        let waiting = self.queued.fetch_add(1, Ordering::AcqRel);
        if waiting >= self.max_queued {
            self.queued.fetch_sub(1, Ordering::AcqRel);
            return Err(StoreError::Busy(format!(
                "{waiting} writes are already waiting for the database"
            )));
        }
        let waiting = Waiting(&self.queued);
        let batch = Arc::clone(&self.batch).lock_owned().await;
        drop(waiting);
        let outcome = batch.outcome.subscribe();
        // From here on, dropping `tx` (on error or cancellation) leaves the
        // batch consistent and makes sure it is committed.
        let mut tx = GroupTx {
            batch,
            outcome,
            writer: Arc::clone(self),
        };
        if tx.batch.closed {
            return Err(StoreError::Closed);
        }
        settle_last_write(&mut tx.batch).await;
        if tx.batch.open && tx.batch.relaxed && durable {
            // A relaxed commit costs no fsync: close that batch now.
            finish_batch(&mut tx.batch, &self.stats).await;
        }
        let mut opening = Opening {
            begin: false,
            pragma: None,
            release: tx.batch.open && tx.batch.savepoint == Savepoint::Finished,
            durable,
        };
        if !tx.batch.open {
            if tx.batch.begin_unknown {
                // Fails harmlessly when the BEGIN never ran.
                let _ = exec(&mut tx.batch, "ROLLBACK").await;
                tx.batch.begin_unknown = false;
            }
            opening.begin = true;
            if tx.batch.synchronous_full != Some(durable) {
                opening.pragma = Some(durable);
            }
        }
        Ok((tx, opening))
    }

    /// A write whose transaction control is sent on its own.
    async fn begin(self: &Arc<Self>, durable: bool) -> Result<GroupTx, StoreError> {
        let (mut tx, opening) = self.take(durable).await?;
        opening.sending(&mut tx.batch);
        tx.batch.sql.control();
        tx.batch
            .conn
            .execute(control(opening.pragma, opening.begin, opening.release))
            .await?;
        opening.sent(&mut tx.batch);
        tx.outcome = tx.batch.outcome.subscribe();
        Ok(tx)
    }

    /// A write whose transaction control rides along with its first
    /// statement, `first` (a read): one exchange for both.
    async fn begin_reading(
        self: &Arc<Self>,
        durable: bool,
        mut first: AnyQuery<'_>,
    ) -> Result<(GroupTx, Vec<AnyRow>), StoreError> {
        let (mut tx, opening) = self.take(durable).await?;
        let arguments = first.take_arguments().map_err(sqlx::Error::Encode)?;
        let sql = format!(
            "{} {}",
            control(opening.pragma, opening.begin, opening.release),
            first.sql().as_str()
        );
        opening.sending(&mut tx.batch);
        let query = match arguments {
            Some(arguments) => sqlx::query_with(sqlx::AssertSqlSafe(sql), arguments),
            None => sqlx::query_with(sqlx::AssertSqlSafe(sql), AnyArguments::default()),
        };
        let batch = &mut *tx.batch;
        let rows = match query.fetch_all(batch.sql.on(&mut *batch.conn)).await {
            Ok(rows) => rows,
            Err(error) => {
                // A constraint is only checked by the write's own statement,
                // after the control before it ran: the savepoint exists and
                // the write rolls back alone. Any other error leaves the
                // control in doubt (see the module documentation).
                if let sqlx::Error::Database(database) = &error
                    && !matches!(database.kind(), sqlx::error::ErrorKind::Other)
                {
                    opening.sent(&mut tx.batch);
                }
                return Err(error.into());
            }
        };
        opening.sent(&mut tx.batch);
        tx.outcome = tx.batch.outcome.subscribe();
        Ok((tx, rows))
    }
}

/// What a write's transaction control changes, recorded around sending it.
#[derive(Debug, Clone, Copy)]
struct Opening {
    /// It opens a batch.
    begin: bool,
    /// It sets the safety level (`Some(durable)`).
    pragma: Option<bool>,
    /// It releases the savepoint of the write before it.
    release: bool,
    /// The write is durable.
    durable: bool,
}

impl Opening {
    /// Before sending: what may change is unknown until it is recorded.
    fn sending(self, batch: &mut Batch) {
        if self.pragma.is_some() {
            batch.synchronous_full = None;
        }
        if self.begin {
            batch.begin_unknown = true;
        }
        batch.savepoint = Savepoint::Unknown;
    }

    /// After it ran.
    fn sent(self, batch: &mut Batch) {
        if let Some(durable) = self.pragma {
            batch.synchronous_full = Some(durable);
        }
        if self.begin {
            batch.begin_unknown = false;
            batch.open = true;
            batch.relaxed = !self.durable;
            batch.generation += 1;
            batch.committer = false;
            batch.writes = 0;
            batch.outcome = watch::channel(None).0;
        }
        batch.savepoint = Savepoint::Open;
    }
}

/// Counts a write out of the queue when it stops waiting, even if it is
/// dropped while waiting.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Undoes what a write that did not finish left in the batch: its own
/// changes when its savepoint exists; the whole batch — failing every write
/// in it — when that is unknown, since rolling back to a savepoint that was
/// never made would undo the write before it.
async fn settle_last_write(batch: &mut Batch) {
    match batch.savepoint {
        Savepoint::None | Savepoint::Finished => {}
        Savepoint::Open => match exec(batch, ROLLBACK_TO).await {
            // `ROLLBACK TO` keeps the (now empty) savepoint open: the next
            // write's control releases it like a finished write's.
            Ok(()) => batch.savepoint = Savepoint::Finished,
            Err(error) => {
                let why = format!("rolling back a write that did not finish failed: {error}");
                abort_batch(batch, &why).await;
            }
        },
        Savepoint::Unknown => {
            if batch.open || batch.begin_unknown {
                abort_batch(batch, "a write's savepoint was left in an unknown state").await;
            }
            batch.savepoint = Savepoint::None;
        }
    }
}

/// Runs one fixed statement (transaction control) on the writer connection.
async fn exec(batch: &mut Batch, sql: &'static str) -> Result<(), StoreError> {
    batch.sql.control();
    batch.conn.execute(sql).await?;
    Ok(())
}

/// Rolls the open batch back and tells its writers it failed.
async fn abort_batch(batch: &mut Batch, why: &str) {
    tracing::error!(writes = batch.writes, why, "write batch rolled back");
    // Fails harmlessly when no transaction is open.
    let _ = exec(batch, "ROLLBACK").await;
    batch.open = false;
    batch.begin_unknown = false;
    batch.committer = false;
    batch.writes = 0;
    batch.savepoint = Savepoint::None;
    batch.outcome.send_replace(Some(Err(Arc::from(format!(
        "the write batch failed: {why}"
    )))));
}

/// Commits the open batch and tells its writers the outcome.
async fn finish_batch(batch: &mut Batch, stats: &Counters) {
    settle_last_write(batch).await;
    if !batch.open {
        // Settling aborted it.
        return;
    }
    let started = std::time::Instant::now();
    match exec(batch, "COMMIT").await {
        Ok(()) => {
            stats.committed(batch.writes, !batch.relaxed, started.elapsed());
            batch.open = false;
            batch.savepoint = Savepoint::None;
            batch.committer = false;
            batch.writes = 0;
            batch.outcome.send_replace(Some(Ok(())));
        }
        Err(error) => {
            let why = format!("commit failed: {error}");
            abort_batch(batch, &why).await;
        }
    }
}

/// A write inside the open batch, holding the connection.
#[derive(Debug)]
pub(crate) struct GroupTx {
    batch: OwnedMutexGuard<Batch>,
    outcome: watch::Receiver<Outcome>,
    writer: Arc<GroupWriter>,
}

impl GroupTx {
    async fn commit(mut self) -> Result<(), StoreError> {
        // The savepoint stays until the next write's control releases it
        // (or the batch's COMMIT ends it).
        self.batch.savepoint = Savepoint::Finished;
        self.batch.writes += 1;
        let mut outcome = self.outcome.clone();
        // Hands the connection on (scheduling the batch's committer).
        drop(self);
        let outcome = outcome
            .wait_for(Option::is_some)
            .await
            .map_err(|_| StoreError::Commit("the commit was abandoned".into()))?;
        match &*outcome {
            Some(Ok(())) => Ok(()),
            Some(Err(message)) => Err(StoreError::Commit(message.to_string())),
            None => Err(StoreError::Commit("the commit was abandoned".into())),
        }
    }

    async fn rollback(mut self) -> Result<(), StoreError> {
        settle_last_write(&mut self.batch).await;
        Ok(())
    }
}

impl Drop for GroupTx {
    fn drop(&mut self) {
        if self.batch.open && !self.batch.committer {
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => {
                    self.batch.committer = true;
                    let generation = self.batch.generation;
                    let batch = Arc::clone(&self.writer.batch);
                    let stats = Arc::clone(&self.writer.stats);
                    runtime.spawn(async move {
                        let mut batch = batch.lock_owned().await;
                        if batch.open && batch.generation == generation {
                            finish_batch(&mut batch, &stats).await;
                        }
                    });
                }
                Err(_) => tracing::error!("write finished outside a runtime; batch left open"),
            }
        }
    }
}

/// A write transaction; deref to run statements on its connection.
#[derive(Debug)]
pub(crate) enum WriteTx {
    /// A pooled PostgreSQL transaction.
    Pool {
        tx: Transaction<'static, Any>,
        durable: bool,
        stats: Arc<Counters>,
        sql: Arc<SqlCounter>,
    },
    /// A savepoint in a SQLite batch.
    Group(GroupTx),
}

impl WriteTx {
    /// Commits; a durable write returns once it is on disk.
    ///
    /// # Errors
    /// [`StoreError::Database`] or [`StoreError::Commit`] when the commit
    /// failed: nothing of the write was kept.
    ///
    /// How long it waited for the commit (on SQLite, for its batch's
    /// commit) is recorded in the running span's `commit_wait_ms`.
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        let started = std::time::Instant::now();
        let outcome = match self {
            Self::Pool {
                tx,
                durable,
                stats,
                sql,
            } => {
                sql.control();
                tx.commit().await?;
                stats.committed(1, durable, started.elapsed());
                Ok(())
            }
            Self::Group(tx) => tx.commit().await,
        };
        tracing::Span::current().record("commit_wait_ms", started.elapsed().as_secs_f64() * 1e3);
        outcome
    }

    /// Undoes the write.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database fails.
    pub(crate) async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Self::Pool { tx, sql, .. } => {
                sql.control();
                Ok(tx.rollback().await?)
            }
            Self::Group(tx) => tx.rollback().await,
        }
    }
}

impl WriteTx {
    /// The connection to run one statement on, counting that statement:
    /// every statement of a write takes its executor from here.
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        match self {
            Self::Pool { tx, sql, .. } => sql.on(&mut **tx),
            Self::Group(tx) => {
                let batch = &mut *tx.batch;
                batch.sql.on(&mut *batch.conn)
            }
        }
    }

    /// The connection to send one exchange of `statements` statements on
    /// (a SQLite multi-statement script), counting them.
    pub(crate) fn conn_for(&mut self, statements: u64) -> &mut AnyConnection {
        match self {
            Self::Pool { tx, sql, .. } => sql.on_exchange(statements, &mut **tx),
            Self::Group(tx) => {
                let batch = &mut *tx.batch;
                batch.sql.on_exchange(statements, &mut *batch.conn)
            }
        }
    }

    /// Whether this is a SQLite write, whose connection runs several
    /// statements in one exchange.
    pub(crate) fn is_grouped(&self) -> bool {
        matches!(self, Self::Group(_))
    }

    /// The backend's name, as sqlx reports it.
    pub(crate) fn backend_name(&self) -> &str {
        match self {
            Self::Pool { tx, .. } => tx.backend_name(),
            Self::Group(tx) => tx.batch.conn.backend_name(),
        }
    }
}
