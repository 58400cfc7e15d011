//! Tasker's domain model, independent of how it is transported or stored.
//!
//! This crate defines what a task and a step are and how they may change: the
//! identifiers, the two state machines and the rules around them. It depends on
//! neither tonic, axum nor sqlx; the server maps these types to the protobuf
//! API and the store maps them to rows.

pub mod error;
pub mod id;
pub mod state;

pub use error::CoreError;
pub use id::new_uuid;
pub use state::{StepState, TaskState};
