//! Process scaffolding shared by Tasker's binaries, `tasker-server` and
//! `tasker-worker`, so that each is written once: [`config`], the layered
//! configuration (compiled-in defaults, a TOML file, prefixed environment
//! variables) and the error that names a bad setting and its source;
//! [`metrics`], the Prometheus recorder and its exposition, served on a
//! process's port or on a listener of its own; [`port`], the standard
//! services of a port (gRPC health, reflection over the process's own
//! descriptor set, the OpenAPI document); [`exit`], how a binary ends (exit
//! status, the error's causes, the span exporter flushed). Errors are
//! [`RuntimeError`].
//!
//! What is here knows the shape of a Tasker process but none of its
//! services: the domain stays in `tasker-core`, the generic HTTP and
//! transcoding machinery in `tasker-gateway`.

pub mod config;
mod error;
pub mod exit;
pub mod metrics;
pub mod port;

pub use error::RuntimeError;
