//! Tasker's domain model, independent of how it is transported or stored.
//!
//! This crate defines what a task and a step are and how they may change: the
//! identifiers ([`id`]), the 12 task and 10 step states ([`state`]) and their
//! two state machines as explicit transition tables ([`machine`]); templates,
//! a versioned DAG of steps read from YAML, validated with every violation
//! reported, and content-hashed ([`template`], [`dag`]); the evaluation that
//! decides a task's next state from its steps ([`mod@evaluate`]); retry policies
//! with capped, jittered exponential backoff ([`retry`]); staleness
//! thresholds and health ([`staleness`]); namespace scopes, what a caller may
//! reach ([`scope`]); human-readable durations
//! ([`duration`]); and the one domain error, [`CoreError`]. It depends on
//! neither tonic, axum, prost nor sqlx; the server maps these types to the
//! protobuf API and the store maps them to rows.

pub mod dag;
pub mod duration;
pub mod error;
pub mod evaluate;
pub mod id;
pub mod machine;
pub mod plan;
pub mod retry;
pub mod scope;
pub mod staleness;
pub mod state;
pub mod template;

pub use dag::Dag;
pub use duration::{format_duration, parse_duration};
pub use error::{CoreError, SourceLocation, Violation};
pub use evaluate::{StepCounts, TaskEvaluation, evaluate, evaluate_given};
pub use id::new_uuid;
pub use machine::{
    STEP_TRANSITIONS, StepEvent, TASK_TRANSITIONS, TaskEvent, step_transition, task_transition,
};
pub use plan::{PlannedTransition, TaskPlan};
pub use retry::RetryPolicy;
pub use scope::NamespaceScope;
pub use staleness::{
    Staleness, StalenessClass, StalenessHealth, StalenessOverrides, StalenessThresholds,
    staleness_health,
};
pub use state::{StepState, TaskState};
pub use template::{DEFAULT_STEP_TIMEOUT, StepDefinition, Template};
