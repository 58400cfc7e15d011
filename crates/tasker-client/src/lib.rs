//! Typed Rust client for Tasker, over gRPC or REST, with one error type.
//!
//! [`OrchestrationClient`] calls every `tasker.v1` RPC of the orchestrator
//! (tasks, steps, templates, analytics, dead-letter queue, health,
//! configuration, auth, workers); [`WorkerClient`] calls a worker process's
//! own health, template and configuration services. Both are built with
//! [`ClientBuilder`] and talk through an [`RpcTransport`]: [`GrpcTransport`]
//! (a tonic channel with keep-alive and rustls TLS) or [`RestTransport`],
//! which is driven by the route table generated from the `google.api.http`
//! annotations (`tasker_proto::ROUTES`), so no REST call is written by hand.
//! Server streaming works on both (a gRPC stream; newline-delimited JSON over
//! REST). Every failure is a [`ClientError`], the same variant for the same
//! server answer whatever the transport.
//!
//! ```no_run
//! # async fn run() -> Result<(), tasker_client::ClientError> {
//! use tasker_client::{OrchestrationClient, Transport, proto::GetTaskRequest};
//!
//! let client = OrchestrationClient::builder()
//!     .endpoint("http://127.0.0.1:9090")
//!     .transport(Transport::Rest)
//!     .api_key("tk_...")
//!     .build()
//!     .await?;
//! let task = client
//!     .get_task(GetTaskRequest { task_uuid: "0190...".into() })
//!     .await?;
//! # let _ = task;
//! # Ok(())
//! # }
//! ```

mod builder;
mod client;
mod error;
mod grpc;
mod rest;
mod transport;

pub use builder::{ClientBuilder, Credential, DEFAULT_ENDPOINT, DEFAULT_WORKER_ENDPOINT};
pub use client::{FromConnection, MessageStream, OrchestrationClient, WorkerClient};
pub use error::{ClientError, FieldViolation};
pub use grpc::GrpcTransport;
pub use rest::RestTransport;
pub use transport::{ByteStream, CallOptions, RpcTransport, Transport};

/// The `tasker.v1` messages the client sends and receives.
pub use tasker_proto::v1 as proto;
/// The message types of a worker port's own API (`tasker.worker.v1`), the
/// requests and answers of [`WorkerClient`].
pub use tasker_proto::worker::v1 as worker_proto;
