//! The crate's one error type.

use std::path::PathBuf;

use tasker_core::CoreError;

/// Everything that can go wrong in the worker runtime and the worker process.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// A setting is missing or invalid; the message names it.
    #[error("configuration: {0}")]
    Config(String),

    /// The orchestrator URL cannot be used.
    #[error("orchestrator URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The orchestrator refused a call with an error that retrying cannot fix
    /// (for example `UNAUTHENTICATED` or `PERMISSION_DENIED`).
    #[error("{rpc} refused by the orchestrator: {code:?}: {message}")]
    Rejected {
        /// The RPC that was refused, e.g. `RegisterWorker`.
        rpc: &'static str,
        /// The gRPC status code.
        code: tonic::Code,
        /// The status message.
        message: String,
    },

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

impl WorkerError {
    /// A [`WorkerError::Rejected`] for `rpc` from a gRPC status.
    pub(crate) fn rejected(rpc: &'static str, status: &tonic::Status) -> Self {
        Self::Rejected {
            rpc,
            code: status.code(),
            message: status.message().to_owned(),
        }
    }
}
