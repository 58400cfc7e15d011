//! The transport seam: encoded protobuf in, encoded protobuf out.
//!
//! A transport moves one RPC, named by its fully-qualified method name
//! (`tasker.v1.TaskService.CreateTask`), with the request and response as
//! encoded protobuf. The typed clients encode and decode; the transports only
//! differ in how the bytes travel (gRPC frames, or proto3 JSON over the REST
//! binding of the method).

use std::fmt;
use std::pin::Pin;
use std::str::FromStr;
use std::time::Duration;

use bytes::Bytes;
use futures_util::Stream;

use crate::ClientError;

/// Which protocol a client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Transport {
    /// gRPC over HTTP/2 (the default).
    #[default]
    Grpc,
    /// REST/JSON over HTTP/1.1 or h2, through the `google.api.http` bindings.
    Rest,
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Grpc => "grpc",
            Self::Rest => "rest",
        })
    }
}

impl FromStr for Transport {
    type Err = ClientError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "grpc" => Ok(Self::Grpc),
            "rest" | "http" | "json" => Ok(Self::Rest),
            other => Err(ClientError::config(format!(
                "unknown transport {other:?} (expected grpc or rest)"
            ))),
        }
    }
}

/// Per-call settings.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Deadline of a unary call (sent to the server, and enforced locally).
    /// Streams are not limited by it.
    pub timeout: Option<Duration>,
}

/// A stream of encoded response messages.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, ClientError>> + Send>>;

/// Moves encoded RPCs to a server.
#[async_trait::async_trait]
pub trait RpcTransport: Send + Sync + fmt::Debug + 'static {
    /// Which protocol this is.
    fn kind(&self) -> Transport;

    /// Calls the unary RPC `method` (fully-qualified, `package.Service.Method`).
    async fn unary(
        &self,
        method: &str,
        request: Bytes,
        options: &CallOptions,
    ) -> Result<Bytes, ClientError>;

    /// Calls the server-streaming RPC `method`. An error before the first
    /// message is returned here; a later one ends the stream as its last item.
    async fn server_streaming(
        &self,
        method: &str,
        request: Bytes,
        options: &CallOptions,
    ) -> Result<ByteStream, ClientError>;
}

/// `package.Service.Method` → (`package.Service`, `Method`).
pub(crate) fn split_method(method: &str) -> Result<(&str, &str), ClientError> {
    method
        .rsplit_once('.')
        .filter(|(service, name)| !service.is_empty() && !name.is_empty())
        .ok_or_else(|| ClientError::config(format!("not a method name: {method:?}")))
}
