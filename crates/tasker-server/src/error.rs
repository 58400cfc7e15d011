//! The server's error type and its single mapping to `tonic::Status`.

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
}

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
pub(crate) fn already_exists(task: &tasker_proto::v1::Task) -> Status {
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
            ServerError::Store(StoreError::NotFound(what)) => {
                Status::not_found(format!("{what} not found"))
            }
            ServerError::Store(StoreError::FailedPrecondition(message)) => {
                Status::failed_precondition(message)
            }
            ServerError::Store(StoreError::InvalidArgument(message)) => {
                Status::invalid_argument(message)
            }
            ServerError::Store(StoreError::Conflict(message)) => Status::already_exists(message),
            ServerError::Store(StoreError::AlreadyExists { existing }) => {
                Status::already_exists(format!("task {existing} already exists"))
            }
            ServerError::Store(StoreError::Core(error)) => Status::from(ServerError::Core(error)),
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
        let stale = Status::from(ServerError::Store(StoreError::FailedPrecondition(
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
}
