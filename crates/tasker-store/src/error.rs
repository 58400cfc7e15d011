//! The storage error type.

/// Everything that can go wrong in the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not one this crate can open.
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    /// A file system operation failed (creating the SQLite directory).
    #[error("file system error: {0}")]
    Io(#[from] std::io::Error),
    /// The database answered with an error or could not be reached.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// The store is saturated (too many writes waiting, or no pooled
    /// connection free in time); the caller should retry later.
    #[error("storage is busy: {0}")]
    Busy(String),
    /// A grouped commit failed; nothing of the write was kept.
    #[error("commit failed: {0}")]
    Commit(String),
    /// The store has been closed.
    #[error("the store is closed")]
    Closed,
    /// Applying migrations failed.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The named entity does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// A task with the same idempotency identity exists.
    #[error("a task with the same idempotency key (or template and context) exists: {existing}")]
    AlreadyExists {
        /// The existing task.
        existing: String,
    },
    /// A template version exists with different content.
    #[error("{0}")]
    Conflict(String),
    /// The operation is not allowed in the current state; the message says why.
    #[error("{0}")]
    FailedPrecondition(String),
    /// A request value is invalid; the message says which and why.
    #[error("{0}")]
    InvalidArgument(String),
    /// A domain rule was violated.
    #[error(transparent)]
    Core(#[from] tasker_core::CoreError),
    /// A stored document is not valid JSON (corruption).
    #[error("corrupt stored document: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// A short name of the error's variant, for spans and logs: never the
    /// message, which may quote stored values.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidUrl(_) => "invalid_url",
            Self::Io(_) => "io",
            Self::Database(_) => "database",
            Self::Busy(_) => "busy",
            Self::Commit(_) => "commit",
            Self::Closed => "closed",
            Self::Migrate(_) => "migrate",
            Self::NotFound(_) => "not_found",
            Self::AlreadyExists { .. } => "already_exists",
            Self::Conflict(_) => "conflict",
            Self::FailedPrecondition(_) => "failed_precondition",
            Self::InvalidArgument(_) => "invalid_argument",
            Self::Core(_) => "core",
            Self::Corrupt(_) => "corrupt",
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut => {
                Self::Busy("no database connection became free in time".into())
            }
            other => Self::Database(other),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        Self::Corrupt(error.to_string())
    }
}
