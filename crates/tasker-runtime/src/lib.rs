//! Process scaffolding shared by Tasker's binaries, `tasker-server` and
//! `tasker-worker`, so that each is written once: [`metrics`], the
//! Prometheus recorder and its exposition, served on a process's port or on a
//! listener of its own. Errors are [`RuntimeError`].
//!
//! What is here knows the shape of a Tasker process but none of its
//! services: the domain stays in `tasker-core`, the generic HTTP and
//! transcoding machinery in `tasker-gateway`.

mod error;
pub mod metrics;

pub use error::RuntimeError;
