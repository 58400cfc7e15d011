//! The domain error type.

/// Everything that can go wrong in the domain layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// A stored or transmitted state name is not one of the machine's states.
    #[error("unknown {machine} state {value:?}")]
    UnknownState {
        /// Which machine: `task` or `step`.
        machine: &'static str,
        /// The text that did not match.
        value: String,
    },
}
