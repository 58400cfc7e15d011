//! The `tasker-worker` process: a worker built with the `tasker-worker` SDK
//! that runs the example handlers of `tasker-examples`, and serves its own
//! port beside it.
//!
//! [`config`] is its layered configuration (`config/default.toml` of this
//! crate, a TOML file, `TASKER_WORKER_*` variables), [`templates`] the
//! catalogue of templates it serves, and [`services`] its own services,
//! package `tasker.worker.v1` (`WorkerHealthService`,
//! `WorkerTemplateService`, `WorkerConfigService`), served as gRPC,
//! gRPC-Web, Connect and REST on one port; [`auth`] checks the callers of
//! those (JWTs locally, other credentials through the orchestrator). Errors
//! are [`ProcessError`]. The SDK itself knows nothing of this process:
//! programs that link it run their own.

pub mod auth;
pub mod config;
mod error;
pub mod services;
pub mod templates;

pub use error::{ProcessError, TemplateSource};
