//! Tasker's storage layer: the only crate that talks SQL.
//!
//! A [`Database`] is opened from a URL: `sqlite://path` (the embedded default,
//! in WAL mode with durable commits) or `postgres://…` (several servers sharing
//! one database). Everything above this crate sees the same API whichever
//! backend is behind it.

mod error;

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use error::StoreError;

/// Which database engine a [`Database`] runs on.
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
    /// Maximum pooled connections.
    pub max_connections: u32,
    /// How long to wait for a pooled connection.
    pub acquire_timeout: Duration,
    /// How long SQLite waits on a locked database before failing.
    pub busy_timeout: Duration,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
            busy_timeout: Duration::from_secs(5),
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

#[derive(Debug, Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open database: a connection pool on one of the two backends.
#[derive(Debug, Clone)]
pub struct Database {
    pool: Pool,
}

impl Database {
    /// Opens the database at `url`, creating a SQLite file (and its directory)
    /// when it does not exist.
    ///
    /// # Errors
    /// [`StoreError::InvalidUrl`] for a URL of another scheme or one sqlx cannot
    /// parse, [`StoreError::Io`] when the SQLite directory cannot be created,
    /// and [`StoreError::Database`] when connecting fails.
    pub async fn connect(url: &str, options: &ConnectOptions) -> Result<Self, StoreError> {
        let pool = if url.starts_with("sqlite:") {
            let connect = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::InvalidUrl(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(options.busy_timeout);
            if let Some(parent) = Path::new(connect.get_filename()).parent()
                && !parent.as_os_str().is_empty()
            {
                tokio::fs::create_dir_all(parent).await?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(options.max_connections)
                .acquire_timeout(options.acquire_timeout)
                .connect_with(connect)
                .await?;
            Pool::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let connect = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::InvalidUrl(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(options.max_connections)
                .acquire_timeout(options.acquire_timeout)
                .connect_with(connect)
                .await?;
            Pool::Postgres(pool)
        } else {
            return Err(StoreError::InvalidUrl(
                "expected a sqlite:// or postgres:// URL".to_owned(),
            ));
        };
        Ok(Self { pool })
    }

    /// The engine behind this database.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs a trivial query and returns how long the round trip took.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database cannot be reached.
    pub async fn ping(&self) -> Result<Duration, StoreError> {
        let started = Instant::now();
        match &self.pool {
            Pool::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop)?,
            Pool::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop)?,
        };
        Ok(started.elapsed())
    }

    /// Current pool usage.
    pub fn pool_stats(&self) -> PoolStats {
        let (size, idle) = match &self.pool {
            Pool::Sqlite(pool) => (pool.size(), pool.num_idle()),
            Pool::Postgres(pool) => (pool.size(), pool.num_idle()),
        };
        PoolStats {
            size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
        }
    }

    /// Closes every pooled connection, waiting for those in use.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_file_and_directory_are_created() {
        let dir = std::env::temp_dir().join(format!("tasker-store-{}", std::process::id()));
        let file = dir.join("nested").join("tasker.db");
        let url = format!("sqlite://{}", file.display());
        let db = Database::connect(&url, &ConnectOptions::default())
            .await
            .unwrap();
        assert_eq!(db.backend(), Backend::Sqlite);
        db.ping().await.unwrap();
        assert!(file.exists());
        db.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn other_schemes_are_refused() {
        let err = Database::connect("mysql://localhost/x", &ConnectOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidUrl(_)), "{err}");
    }
}
