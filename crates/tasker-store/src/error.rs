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
    Database(#[from] sqlx::Error),
}
