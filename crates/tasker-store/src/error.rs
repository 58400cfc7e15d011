//! The storage error type: what went wrong in storage terms. Which gRPC
//! code a caller gets for each is the server's decision, not the store's.

use tasker_core::CoreError;

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
    /// No row of `entity` has the key `key` (empty when the caller named no
    /// key of its own).
    #[error("{entity}{}{key} not found", if key.is_empty() { "" } else { " " })]
    NotFound {
        /// What was looked for: `task`, `step`, `worker`, `API key`, ...
        entity: &'static str,
        /// Its key as the caller gave it.
        key: String,
    },
    /// A task with the same idempotency identity is stored; it is kept and
    /// the new one was not written.
    #[error("a task with the same idempotency key (or template and context) exists: {existing}")]
    DuplicateTask {
        /// The existing task.
        existing: String,
    },
    /// A unique key is taken by a row with other content (a template version
    /// registered with other content, an API key prefix); the message says
    /// which.
    #[error("{0}")]
    KeyTaken(String),
    /// The stored state does not allow the write (a lease no longer held, a
    /// row changed concurrently, a final task, the last admin key); the
    /// message says why.
    #[error("{0}")]
    StateConflict(String),
    /// The write would take an entity through a transition its state
    /// machine does not have.
    #[error(transparent)]
    Core(CoreError),
    /// A stored row does not read back (a JSON document that does not parse,
    /// a state name that is not one, a step graph that is not one): the
    /// data is corrupt, never the caller's fault.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// [`StoreError::NotFound`] of `entity` `key`.
    pub fn not_found(entity: &'static str, key: impl Into<String>) -> Self {
        Self::NotFound {
            entity,
            key: key.into(),
        }
    }

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
            Self::NotFound { .. } => "not_found",
            Self::DuplicateTask { .. } => "duplicate_task",
            Self::KeyTaken(_) => "key_taken",
            Self::StateConflict(_) => "state_conflict",
            Self::Core(_) => "core",
            Self::Corrupt(_) => "corrupt",
        }
    }
}

/// A pool that has no connection free in time is [`StoreError::Busy`]; a
/// stored value that does not decode as its column's type is
/// [`StoreError::Corrupt`]; anything else is the database's own failure.
impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut => {
                Self::Busy("no database connection became free in time".into())
            }
            error @ (sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_)) => {
                Self::Corrupt(error.to_string())
            }
            other => Self::Database(other),
        }
    }
}

/// The store reads its JSON documents back from its own rows: one that does
/// not parse is corruption.
impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        Self::Corrupt(error.to_string())
    }
}

/// In the store, the one domain error a caller can cause is a transition its
/// state machine does not have. Every other [`CoreError`] comes from reading
/// back what the store wrote — a state or event name, a step graph — and is
/// corruption, reported as such (never as the caller's bad input).
impl From<CoreError> for StoreError {
    fn from(error: CoreError) -> Self {
        match error {
            CoreError::IllegalTransition { .. } => Self::Core(error),
            other => Self::Corrupt(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_stored_values_are_corruption() {
        let state = "exploded".parse::<tasker_core::TaskState>().unwrap_err();
        assert!(matches!(StoreError::from(state), StoreError::Corrupt(_)));
        let json = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        assert!(matches!(StoreError::from(json), StoreError::Corrupt(_)));
        let column = sqlx::Error::ColumnDecode {
            index: "state".into(),
            source: "not a string".into(),
        };
        assert!(matches!(StoreError::from(column), StoreError::Corrupt(_)));
        let illegal = tasker_core::TaskState::Complete
            .on(tasker_core::machine::TaskEvent::Cancel)
            .unwrap_err();
        assert!(matches!(StoreError::from(illegal), StoreError::Core(_)));
    }

    #[test]
    fn not_found_names_the_entity_and_its_key() {
        assert_eq!(
            StoreError::not_found("task", "0190").to_string(),
            "task 0190 not found"
        );
        assert_eq!(
            StoreError::not_found("step", "").to_string(),
            "step not found"
        );
    }
}
