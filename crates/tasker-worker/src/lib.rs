//! The Tasker worker runtime: a Rust SDK for writing step handlers.
//!
//! A worker registers with the orchestrator (`tasker.v1.WorkerService`) for
//! some namespaces and the handler names in its [`HandlerRegistry`], claims
//! ready steps with a long poll under a lease, runs each step's [`Handler`] on
//! its own task with the step's timeout, heartbeats every in-flight claim (and
//! cancels handlers whose lease is lost), and reports each attempt with
//! `CompleteStep` or `FailStep`. Transport errors are retried with capped,
//! jittered exponential backoff; on shutdown the worker stops claiming, drains
//! in-flight steps and deregisters. [`Worker`] is the entry point;
//! [`observe`] records the worker's metrics (steps by handler and outcome,
//! handler durations, steps in flight) through the `metrics` facade, kept
//! only when the process installs a recorder.
//!
//! This crate is the library other programs link; the `tasker-worker`
//! binary, with its own port, configuration and services, is the
//! `tasker-worker-process` crate, and the example handlers are
//! `tasker-examples`. Errors are [`WorkerError`].
//!
//! ```no_run
//! use tasker_worker::{HandlerRegistry, StepFailure, Worker};
//!
//! # async fn example() -> Result<(), tasker_worker::WorkerError> {
//! let registry = HandlerRegistry::new().with_fn("payments.charge", |ctx| async move {
//!     let amount = ctx.task_context()["amount"]
//!         .as_f64()
//!         .ok_or_else(|| StepFailure::permanent("amount is missing"))?;
//!     Ok(serde_json::json!({ "charged": amount }))
//! });
//! Worker::builder("http://127.0.0.1:9090")
//!     .api_key("tk_...")
//!     .namespaces(["payments"])
//!     .build(registry)?
//!     .run(async { let _ = tokio::signal::ctrl_c().await; })
//!     .await
//! # }
//! ```

pub mod convert;
mod error;
mod handler;
pub mod observe;
mod retry;
mod worker;

pub use async_trait::async_trait;
pub use error::WorkerError;
pub use handler::{
    DEFAULT_ERROR_CLASS, FnHandler, Handler, HandlerRegistry, HandlerResult, StepContext,
    StepFailure, handler_fn,
};
pub use retry::Backoff;
pub use tokio_util::sync::CancellationToken;
pub use worker::{
    DEFAULT_LEASE_DURATION, ERROR_CLASS_CANCELLED, ERROR_CLASS_NOT_FOUND, ERROR_CLASS_PANIC,
    ERROR_CLASS_TIMEOUT, StatusHandle, VERSION, Worker, WorkerBuilder, WorkerStatus,
    orchestrator_endpoint,
};
