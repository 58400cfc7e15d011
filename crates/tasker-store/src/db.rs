//! Opening the database: pools, pragmas, migrations, health.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{ConnectOptions as _, Executor as _};
use tokio::sync::{Notify, broadcast};

use crate::StoreError;
use crate::sql_count::{ReadPool, SqlCounter, SqlStats};
use crate::writer::{WriteStats, Writer};

/// NOTIFY channel carrying the uuids of tasks that changed.
const CHANGES_CHANNEL: &str = "tasker_task_changes";
/// NOTIFY channel saying that steps may have become claimable.
const WORK_CHANNEL: &str = "tasker_work";
/// PostgreSQL channel on which a cancelled task's uuid is announced, so the
/// workers running its steps are told by whichever server they stream from.
const CANCEL_CHANNEL: &str = "tasker_cancellations";

/// Which database engine a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Lower-case name for logs and health details.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Connection settings that do not belong in the URL.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Maximum pooled connections (readers, and writers on PostgreSQL).
    pub max_connections: u32,
    /// How long to wait for a pooled connection.
    pub acquire_timeout: Duration,
    /// How long SQLite waits on a locked database before failing.
    pub busy_timeout: Duration,
    /// SQLite: writes allowed to wait for the writer connection before new
    /// ones are refused as busy (backpressure instead of unbounded queues).
    pub max_queued_writes: usize,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
            busy_timeout: Duration::from_secs(5),
            max_queued_writes: 10_000,
        }
    }
}

/// Pool usage figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Open connections.
    pub size: u32,
    /// Idle connections.
    pub idle: u32,
}

/// An open store: connection pools on one of the two backends, plus the
/// in-process signals that wake waiting claimers and watchers.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) read: ReadPool,
    /// SQL sent so far (`sql_count.rs`).
    pub(crate) sql: Arc<SqlCounter>,
    pub(crate) writer: Writer,
    pub(crate) backend: Backend,
    pub(crate) work: Arc<Notify>,
    /// Watchers of single tasks (`subscriptions.rs`).
    pub(crate) changes: Arc<crate::subscriptions::TaskChanges>,
    /// Uuids of tasks cancelled, as they commit (on every server).
    pub(crate) cancellations: broadcast::Sender<String>,
    /// Template versions read recently (`templates.rs`).
    pub(crate) templates: Arc<crate::templates::TemplateCache>,
    /// Writes running on tasks of their own (`writes.rs`), whether or not
    /// anyone still waits for them.
    pub(crate) in_flight: Arc<std::sync::atomic::AtomicUsize>,
}

impl Store {
    /// Opens the database at `url` (creating a SQLite file and its directory
    /// when missing) and applies pending migrations.
    ///
    /// # Errors
    /// [`StoreError::InvalidUrl`] for another scheme, [`StoreError::Io`] when
    /// the SQLite directory cannot be created, [`StoreError::Database`] or
    /// [`StoreError::Migrate`] when connecting or migrating fails.
    pub async fn connect(url: &str, options: &ConnectOptions) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::InvalidUrl(
                "expected a sqlite:// or postgres:// URL".into(),
            ));
        };
        let mut url = url.to_owned();
        if backend == Backend::Sqlite {
            let path = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let path = path.split('?').next().unwrap_or_default().to_owned();
            if path != ":memory:" {
                if let Some(parent) = Path::new(&path).parent()
                    && !parent.as_os_str().is_empty()
                {
                    tokio::fs::create_dir_all(parent).await?;
                }
                if !url.contains("mode=") {
                    url.push_str(if url.contains('?') {
                        "&mode=rwc"
                    } else {
                        "?mode=rwc"
                    });
                }
            }
        }
        let connect: AnyConnectOptions = url
            .parse()
            .map_err(|e: sqlx::Error| StoreError::InvalidUrl(e.to_string()))?;
        let connect = connect.disable_statement_logging();
        let busy_ms = options.busy_timeout.as_millis();
        let pragmas = higher_ranked(move |conn, _meta| {
            Box::pin(async move {
                if conn.backend_name().eq_ignore_ascii_case("sqlite") {
                    conn.execute(sqlx::AssertSqlSafe(format!(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busy_ms};"
                    )))
                    .await?;
                }
                Ok(())
            })
        });
        // sqlx pings a pooled connection before handing it out by default:
        // a round trip (on SQLite a hand-off to the connection's thread) in
        // front of every statement of a read. A SQLite file cannot hang up,
        // so its connections are never pinged; a PostgreSQL connection is
        // pinged only after it sat idle long enough for the server or a
        // proxy to have dropped it.
        let mut read = AnyPoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            .test_before_acquire(false)
            .after_connect(pragmas);
        if backend == Backend::Postgres {
            read = read.before_acquire(ping_when_idle);
        }
        let read = read.connect_with(connect.clone()).await?;
        let write = match backend {
            // One writer: SQLite allows one write transaction at a time, and a
            // single connection avoids lock upgrades between deferred readers.
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(1)
                    .test_before_acquire(false)
                    .acquire_timeout(options.acquire_timeout.max(Duration::from_secs(30)))
                    .after_connect(pragmas)
                    .connect_with(connect)
                    .await?
            }
            Backend::Postgres => read.clone(),
        };
        let sql = Arc::new(SqlCounter::default());
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.run(&write).await?;
        let writer = match backend {
            Backend::Sqlite => Writer::grouped(
                write.acquire().await?,
                options.max_queued_writes,
                Arc::clone(&sql),
            ),
            Backend::Postgres => Writer::pooled(write, Arc::clone(&sql)),
        };
        let (cancellations, _) = broadcast::channel(1024);
        let store = Self {
            read: ReadPool::new(read, Arc::clone(&sql)),
            sql,
            writer,
            backend,
            work: Arc::new(Notify::new()),
            changes: Arc::default(),
            cancellations,
            templates: Arc::default(),
            in_flight: Arc::default(),
        };
        if backend == Backend::Postgres {
            store.listen(&url).await?;
        }
        Ok(store)
    }

    /// The engine behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs a trivial query and returns how long the round trip took.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database cannot be reached.
    pub async fn ping(&self) -> Result<Duration, StoreError> {
        let started = Instant::now();
        sqlx::query("SELECT 1").execute(self.read.get()).await?;
        Ok(started.elapsed())
    }

    /// Current pool usage.
    pub fn pool_stats(&self) -> PoolStats {
        PoolStats {
            size: self.read.uncounted().size(),
            idle: u32::try_from(self.read.uncounted().num_idle()).unwrap_or(u32::MAX),
        }
    }

    /// How writes have been grouped into commits so far.
    pub fn write_stats(&self) -> WriteStats {
        self.writer.stats()
    }

    /// SQL statements and round trips this store has sent so far; the
    /// difference of two readings prices the operations between them.
    pub fn sql_stats(&self) -> SqlStats {
        self.sql.snapshot()
    }

    /// Writes running right now, including those whose caller stopped
    /// waiting (a dropped request's write still finishes).
    pub fn writes_in_flight(&self) -> usize {
        self.in_flight.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Writes waiting for the SQLite writer right now (0 on PostgreSQL).
    pub fn queued_writes(&self) -> usize {
        self.writer.queued()
    }

    /// Resolves when steps may have become claimable (in this process).
    pub fn work_available(&self) -> &Notify {
        &self.work
    }

    /// The changes of one task (its state or its steps), as they commit — on
    /// PostgreSQL, on any server sharing the database. Only the watchers of
    /// a task are woken by its commits.
    pub fn subscribe_task(&self, task_uuid: &str) -> crate::subscriptions::TaskSubscription {
        self.changes.subscribe(task_uuid)
    }

    /// Uuids of tasks cancelled, as they commit (on PostgreSQL, on any
    /// server sharing the database).
    pub fn subscribe_cancellations(&self) -> broadcast::Receiver<String> {
        self.cancellations.subscribe()
    }

    /// Tells the claim watchers of this process — and, on PostgreSQL, of
    /// every server sharing the database — that a task was cancelled.
    pub(crate) fn announce_cancellation(&self, task_uuid: &str) {
        let _ = self.cancellations.send(task_uuid.to_owned());
        if self.backend == Backend::Postgres {
            let pool = self.read.uncounted().clone();
            let task = task_uuid.to_owned();
            tokio::spawn(async move {
                let _ = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CANCEL_CHANNEL)
                    .bind(task)
                    .execute(&pool)
                    .await;
            });
        }
    }

    /// Wakes this process's watchers of `tasks` and (with `work`) its
    /// claimers.
    fn announce_here(&self, tasks: &[String], work: bool) {
        for (i, task) in tasks.iter().enumerate() {
            if !tasks[..i].contains(task) {
                self.changes.announce(task);
            }
        }
        if work {
            self.work.notify_waiters();
        }
    }

    /// Tells watchers and claimers of this process — and, on PostgreSQL,
    /// of every server sharing the database (NOTIFY) — that tasks changed and
    /// work may be claimable. Called after the change committed: a NOTIFY
    /// inside the write would hold PostgreSQL's notification lock through
    /// the commit's WAL flush, one committing writer at a time.
    pub(crate) fn announce(&self, tasks: impl IntoIterator<Item = String>, work: bool) {
        let mut tasks: Vec<String> = tasks.into_iter().collect();
        // Once per task, however many of its steps changed.
        let mut seen = std::collections::HashSet::new();
        tasks.retain(|task| seen.insert(task.clone()));
        self.announce_here(&tasks, work);
        if self.backend == Backend::Postgres && (work || !tasks.is_empty()) {
            let pool = self.read.uncounted().clone();
            self.sql
                .statements(u64::try_from(tasks.len()).unwrap_or(u64::MAX) + u64::from(work));
            tokio::spawn(async move {
                for task in &tasks {
                    let _ = sqlx::query("SELECT pg_notify($1, $2)")
                        .bind(CHANGES_CHANNEL)
                        .bind(task)
                        .execute(&pool)
                        .await;
                }
                if work {
                    let _ = sqlx::query("SELECT pg_notify($1, '')")
                        .bind(WORK_CHANNEL)
                        .execute(&pool)
                        .await;
                }
            });
        }
    }

    /// Relays NOTIFYs from other servers on the same PostgreSQL database to
    /// this process's watchers and claimers.
    async fn listen(&self, url: &str) -> Result<(), StoreError> {
        let mut listener = sqlx::postgres::PgListener::connect(url).await?;
        listener
            .listen_all([CHANGES_CHANNEL, WORK_CHANNEL, CANCEL_CHANNEL])
            .await?;
        let changes = Arc::clone(&self.changes);
        let cancellations = self.cancellations.clone();
        let work = Arc::clone(&self.work);
        tokio::spawn(async move {
            loop {
                match listener.recv().await {
                    Ok(notification) if notification.channel() == WORK_CHANNEL => {
                        work.notify_waiters()
                    }
                    Ok(notification) if notification.channel() == CANCEL_CHANNEL => {
                        let _ = cancellations.send(notification.payload().to_owned());
                    }
                    Ok(notification) => changes.announce(notification.payload()),
                    Err(error) => {
                        tracing::warn!(%error, "PostgreSQL LISTEN connection lost; reconnecting");
                        // Notifications sent meanwhile are lost: every
                        // watcher and claimer looks again.
                        changes.announce_all();
                        work.notify_waiters();
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                }
            }
        });
        Ok(())
    }

    /// `FOR UPDATE SKIP LOCKED` on PostgreSQL, nothing on SQLite (whose
    /// single writer already serialises claims).
    pub(crate) fn skip_locked(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// Closes every pooled connection, waiting for those in use.
    pub async fn close(&self) {
        self.writer.close().await;
        self.read.uncounted().close().await;
    }
}

/// Idle time after which a pooled PostgreSQL connection is pinged before use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// The check run before a pooled PostgreSQL connection is handed out: a
/// ping, only after [`PING_AFTER_IDLE`] unused.
fn ping_when_idle(
    conn: &mut sqlx::AnyConnection,
    meta: sqlx::pool::PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if meta.idle_for >= PING_AFTER_IDLE {
            sqlx::Connection::ping(conn).await?;
        }
        Ok(true)
    })
}

type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Pins down the higher-ranked signature `after_connect` expects.
fn higher_ranked<F>(f: F) -> F
where
    F: for<'c> Fn(
        &'c mut sqlx::AnyConnection,
        sqlx::pool::PoolConnectionMetadata,
    ) -> BoxFuture<'c, Result<(), sqlx::Error>>,
{
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_file_and_directory_are_created_and_migrated() {
        let dir = std::env::temp_dir().join(format!("tasker-store-{}", std::process::id()));
        let file = dir.join("nested").join("tasker.db");
        let url = format!("sqlite://{}", file.display());
        let store = Store::connect(&url, &ConnectOptions::default())
            .await
            .unwrap();
        assert_eq!(store.backend(), Backend::Sqlite);
        store.ping().await.unwrap();
        assert!(file.exists());
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tasks")
            .fetch_one(store.read.get())
            .await
            .unwrap();
        assert_eq!(count, 0);
        store.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn other_schemes_are_refused() {
        let err = Store::connect("mysql://localhost/x", &ConnectOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidUrl(_)), "{err}");
    }
}
