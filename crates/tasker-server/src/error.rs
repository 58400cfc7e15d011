//! The server's error type and its single mapping to `tonic::Status`.
//!
//! Handlers answer `Result<_, ServerError>`; [`grpc_service!`] implements a
//! tonic service trait over them, so this file is the only place in the
//! server that builds a `tonic::Status` (`tests/tidy.rs` checks it). Storage
//! errors arrive in storage terms ([`StoreError`]); which gRPC code each gets
//! is decided here, and corrupt stored data is INTERNAL with a generic
//! message, logged with its detail.

use prost::Message as _;
use tasker_core::CoreError;
use tasker_proto::pb::google::rpc;
use tasker_store::StoreError;
use tonic::{Code, Status};

/// Everything that can go wrong in the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The configuration is invalid; the message names the setting.
    #[error("configuration error: {0}")]
    Config(String),
    /// The storage layer failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A domain rule was violated.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// A request field is missing or malformed; the message is safe to show.
    #[error("{0}")]
    InvalidArgument(String),
    /// The named entity does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// Binding or serving the listener failed.
    #[error("transport error: {0}")]
    Transport(String),
    /// The server sheds load: a backlog is over its configured limit; the
    /// message says which (safe to show).
    #[error("overloaded: {0}")]
    Overloaded(String),
    /// Authentication or authorisation failed, or a credential request is
    /// invalid.
    #[error(transparent)]
    Auth(#[from] tasker_auth::AuthError),
    /// An I/O error outside the storage layer.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A task with the same idempotency identity exists: the existing task,
    /// sent back in the error's details.
    #[error("a task with the same idempotency key (or template and context) exists: {}", .0.task_uuid)]
    DuplicateTask(Box<tasker_proto::v1::Task>),
    /// The caller holds as many watch streams as a credential may.
    #[error(
        "this credential already watches {0} tasks (auth.max_watch_streams_per_credential); close a watch first"
    )]
    TooManyWatches(usize),
    /// The server is shutting down while a stream is open; the message says
    /// how to resume (safe to show).
    #[error("{0}")]
    Draining(&'static str),
    /// A broken invariant of the server itself; logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Implements a tonic service trait over inherent methods of the same names
/// that answer `Result<Response message, ServerError>`: each RPC's error
/// becomes a `tonic::Status` here, through the one `From` impl below.
///
/// ```ignore
/// grpc_service! {
///     impl TaskService for Tasks {
///         type StreamTaskStatusStream = StatusStream;
///         fn get_task(GetTaskRequest) -> GetTaskResponse;
///     }
/// }
/// ```
macro_rules! grpc_service {
    (impl $service:ident for $ty:ident {
        $(type $stream:ident = $stream_ty:ty;)*
        $(fn $rpc:ident($request:ty) -> $response:ty;)*
    }) => {
        #[tonic::async_trait]
        impl $service for $ty {
            $(type $stream = $stream_ty;)*
            $(
                async fn $rpc(
                    &self,
                    request: tonic::Request<$request>,
                ) -> Result<tonic::Response<$response>, tonic::Status> {
                    // The inherent method (inherent items come first); a
                    // call of this trait method would not type-check.
                    $ty::$rpc(self, request)
                        .await
                        .map(tonic::Response::new)
                        .map_err(tonic::Status::from)
                }
            )*
        }
    };
}
pub(crate) use grpc_service;

fn any<M: prost::Message + prost::Name>(message: &M) -> pbjson_types::Any {
    pbjson_types::Any {
        type_url: format!("type.googleapis.com/{}", M::full_name()),
        value: message.encode_to_vec().into(),
    }
}

/// A status with `google.rpc` details.
fn with_details(code: Code, message: String, details: Vec<pbjson_types::Any>) -> Status {
    let status = rpc::Status {
        code: code as i32,
        message: message.clone(),
        details,
    };
    Status::with_details(code, message, status.encode_to_vec().into())
}

/// UNAVAILABLE with a `google.rpc.RetryInfo` saying when to retry (REST:
/// 503 with `Retry-After`).
fn unavailable(message: &str, retry_after_ms: u32) -> Status {
    let retry = rpc::RetryInfo {
        retry_delay: Some(pbjson_types::Duration {
            seconds: i64::from(retry_after_ms / 1_000),
            nanos: i32::try_from((retry_after_ms % 1_000) * 1_000_000).unwrap_or(0),
        }),
    };
    with_details(Code::Unavailable, message.to_owned(), vec![any(&retry)])
}

fn bad_request(message: String, violations: Vec<(String, String)>) -> Status {
    let detail = rpc::BadRequest {
        field_violations: violations
            .into_iter()
            .map(|(field, description)| rpc::bad_request::FieldViolation {
                field,
                description,
                ..Default::default()
            })
            .collect(),
    };
    with_details(Code::InvalidArgument, message, vec![any(&detail)])
}

/// ALREADY_EXISTS for a duplicate task creation, carrying the existing task
/// (as a detail) and its uuid (in an ErrorInfo).
fn already_exists(task: &tasker_proto::v1::Task) -> Status {
    let info = rpc::ErrorInfo {
        reason: "TASK_ALREADY_EXISTS".into(),
        domain: "tasker.v1".into(),
        metadata: [("task_uuid".to_owned(), task.task_uuid.clone())]
            .into_iter()
            .collect(),
    };
    with_details(
        Code::AlreadyExists,
        format!(
            "a task with the same idempotency key (or template and context) exists: {}",
            task.task_uuid
        ),
        vec![any(&info), any(task)],
    )
}

impl From<ServerError> for Status {
    /// The one place server errors become gRPC statuses. Internal details are
    /// logged, never sent: clients get a generic message for anything that is
    /// not their fault.
    fn from(error: ServerError) -> Self {
        match error {
            ServerError::InvalidArgument(message) => {
                let field = message.split(':').next().unwrap_or_default().to_owned();
                bad_request(message.clone(), vec![(field, message)])
            }
            ServerError::NotFound(what) => Status::not_found(format!("{what} not found")),
            ServerError::Auth(error) => Status::from(error),
            ServerError::Core(
                error @ (CoreError::IllegalTransition { .. } | CoreError::UnknownEvent { .. }),
            ) => Status::failed_precondition(error.to_string()),
            ServerError::Core(CoreError::InvalidTemplate { violations }) => bad_request(
                format!("invalid template: {} problem(s)", violations.len()),
                violations
                    .into_iter()
                    .map(|v| (v.field, v.description))
                    .collect(),
            ),
            ServerError::Core(
                error @ (CoreError::InvalidDuration { .. } | CoreError::UnknownState { .. }),
            ) => Status::invalid_argument(error.to_string()),
            ServerError::DuplicateTask(task) => already_exists(&task),
            error @ ServerError::TooManyWatches(_) => Status::resource_exhausted(error.to_string()),
            ServerError::Draining(message) => Status::unavailable(message),
            ServerError::Store(error @ StoreError::NotFound { .. }) => {
                Status::not_found(error.to_string())
            }
            ServerError::Store(StoreError::StateConflict(message)) => {
                Status::failed_precondition(message)
            }
            ServerError::Store(StoreError::KeyTaken(message)) => Status::already_exists(message),
            ServerError::Store(StoreError::DuplicateTask { existing }) => {
                Status::already_exists(format!("task {existing} already exists"))
            }
            ServerError::Store(StoreError::Core(error)) => match error {
                CoreError::IllegalTransition { .. } => {
                    Status::failed_precondition(error.to_string())
                }
                // Any other domain error the store reports was read back
                // from a stored row: corruption, not the caller's input.
                other => {
                    tracing::error!(error = %other, "corrupt stored data");
                    Status::internal("internal error")
                }
            },
            ServerError::Store(StoreError::Corrupt(detail)) => {
                tracing::error!(%detail, "corrupt stored data");
                Status::internal("internal error")
            }
            ServerError::Store(StoreError::Database(error)) => {
                tracing::error!(%error, "storage failure");
                unavailable("storage is unavailable; retry later", 1_000)
            }
            ServerError::Store(StoreError::Commit(error)) => {
                tracing::error!(%error, "commit failed");
                unavailable("storage is unavailable; retry later", 1_000)
            }
            ServerError::Store(StoreError::Busy(why)) => {
                tracing::warn!(%why, "request shed: storage saturated");
                unavailable("the server is saturated; retry later", 200)
            }
            ServerError::Overloaded(why) => {
                tracing::warn!(%why, "request shed");
                unavailable(
                    &format!("the server is saturated ({why}); retry later"),
                    1_000,
                )
            }
            ServerError::Store(StoreError::Closed) => unavailable(
                "the server is shutting down; retry on another instance",
                1_000,
            ),
            other => {
                tracing::error!(error = %other, "internal error");
                Status::internal("internal error")
            }
        }
    }
}

impl ServerError {
    /// The error as the `google.rpc.Status` of one item of a batch, with the
    /// same code, message and details the RPC of one item would answer.
    pub(crate) fn into_rpc_status(self) -> rpc::Status {
        let status = Status::from(self);
        if !status.details().is_empty()
            && let Ok(details) = rpc::Status::decode(status.details())
        {
            return details;
        }
        rpc::Status {
            code: status.code() as i32,
            message: status.message().to_owned(),
            details: Vec::new(),
        }
    }
}

/// Adds a `google.rpc.RequestInfo` detail naming `request_id` to the error
/// status in `headers` (a trailers-only answer), keeping its other details.
pub(crate) fn add_request_info(headers: &mut http::HeaderMap, request_id: &str) {
    let Some(status) = Status::from_header_map(headers) else {
        return;
    };
    if status.code() == Code::Ok {
        return;
    }
    let mut rich = if status.details().is_empty() {
        None
    } else {
        rpc::Status::decode(status.details()).ok()
    }
    .unwrap_or_else(|| rpc::Status {
        code: status.code() as i32,
        message: status.message().to_owned(),
        details: Vec::new(),
    });
    let info = rpc::RequestInfo {
        request_id: request_id.to_owned(),
        serving_data: String::new(),
    };
    let info = any(&info);
    if rich.details.iter().any(|d| d.type_url == info.type_url) {
        return;
    }
    rich.details.push(info);
    let enriched = Status::with_details(
        status.code(),
        status.message().to_owned(),
        rich.encode_to_vec().into(),
    );
    // Only the status headers are replaced; a failure leaves the answer as
    // it was.
    let _ = enriched.add_header(headers);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_details_do_not_reach_clients() {
        let status = Status::from(ServerError::Config("secret path /etc/x".into()));
        assert_eq!(status.code(), Code::Internal);
        assert_eq!(status.message(), "internal error");
        let status = Status::from(ServerError::Store(StoreError::InvalidUrl(
            "postgres://admin:hunter2@db".into(),
        )));
        assert_eq!(status.code(), Code::Internal);
        assert!(
            !status.message().contains("hunter2"),
            "{}",
            status.message()
        );
    }

    #[test]
    fn domain_errors_get_client_codes() {
        let illegal = tasker_core::TaskState::Complete
            .on(tasker_core::machine::TaskEvent::Cancel)
            .unwrap_err();
        let status = Status::from(ServerError::Core(illegal));
        assert_eq!(status.code(), Code::FailedPrecondition);
        assert!(status.message().contains("cancel"), "{}", status.message());
        let invalid = tasker_core::parse_duration("soon").unwrap_err();
        assert_eq!(
            Status::from(ServerError::Core(invalid)).code(),
            Code::InvalidArgument
        );
        let stale = Status::from(ServerError::Store(StoreError::StateConflict(
            "lease expired".into(),
        )));
        assert_eq!(stale.code(), Code::FailedPrecondition);
    }

    #[test]
    fn invalid_arguments_carry_a_field_violation() {
        let status = Status::from(ServerError::InvalidArgument("task_uuid: not a UUID".into()));
        assert_eq!(status.code(), Code::InvalidArgument);
        assert_eq!(status.message(), "task_uuid: not a UUID");
        let details = rpc::Status::decode(status.details()).unwrap();
        let bad = rpc::BadRequest::decode(details.details[0].value.as_ref()).unwrap();
        assert_eq!(bad.field_violations[0].field, "task_uuid");
    }

    #[test]
    fn corrupt_stored_data_is_internal_and_generic() {
        let unreadable = [
            StoreError::Corrupt("tasks.context: expected value at line 1".into()),
            StoreError::from("exploded".parse::<tasker_core::TaskState>().unwrap_err()),
            StoreError::from(serde_json::from_str::<serde_json::Value>("{").unwrap_err()),
            StoreError::Core(tasker_core::CoreError::UnknownState {
                machine: "step",
                value: "exploded".into(),
            }),
        ];
        for error in unreadable {
            let status = Status::from(ServerError::Store(error));
            assert_eq!(status.code(), Code::Internal);
            assert_eq!(status.message(), "internal error");
        }
    }

    #[test]
    fn storage_outcomes_keep_their_client_codes_and_messages() {
        let cases = [
            (
                StoreError::not_found("task", "0190"),
                Code::NotFound,
                "task 0190 not found",
            ),
            (
                StoreError::KeyTaken("API key prefix ab12 is taken".into()),
                Code::AlreadyExists,
                "API key prefix ab12 is taken",
            ),
            (
                StoreError::DuplicateTask {
                    existing: "0190".into(),
                },
                Code::AlreadyExists,
                "task 0190 already exists",
            ),
        ];
        for (error, code, message) in cases {
            let status = Status::from(ServerError::Store(error));
            assert_eq!((status.code(), status.message()), (code, message));
        }
    }
}
