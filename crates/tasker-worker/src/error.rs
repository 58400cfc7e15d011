//! The crate's one error type.

/// Everything that can go wrong in the worker runtime.
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
