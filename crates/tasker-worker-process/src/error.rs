//! The crate's one error type.

use std::path::PathBuf;

use tasker_core::CoreError;
use tasker_worker::WorkerError;

/// Everything that can go wrong in the worker process besides running the
/// worker.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    /// A setting is missing or invalid; the message names it.
    #[error("configuration: {0}")]
    Config(String),

    /// The worker could not be built from the settings.
    #[error(transparent)]
    Worker(#[from] WorkerError),

    /// A listener could not be bound or a service could not be assembled.
    #[error("transport: {0}")]
    Transport(String),

    /// A template file could not be read or is invalid.
    #[error("template {}: {source}", path.display())]
    Template {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: TemplateSource,
    },

    /// An I/O error outside template loading.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Why a template file was refused.
#[derive(Debug, thiserror::Error)]
pub enum TemplateSource {
    /// The file could not be read.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is not a valid template.
    #[error(transparent)]
    Invalid(#[from] CoreError),
}
