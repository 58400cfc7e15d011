//! The crate's one error type.

/// What can go wrong while a process assembles its scaffolding.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RuntimeError {
    /// The Prometheus recorder could not be installed (invalid buckets, or
    /// another recorder was installed first).
    #[error("metrics: {0}")]
    Metrics(String),

    /// The reflection service could not read the descriptor set.
    #[error("reflection: {0}")]
    Reflection(String),
}
