//! The server's error type and its single mapping to `tonic::Status`.

use tonic::Status;

/// Everything that can go wrong in the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The configuration is invalid; the message names the setting.
    #[error("configuration error: {0}")]
    Config(String),
    /// The storage layer failed.
    #[error(transparent)]
    Store(#[from] tasker_store::StoreError),
    /// A domain rule was violated.
    #[error(transparent)]
    Core(#[from] tasker_core::CoreError),
    /// A request field is missing or malformed; the message is safe to show.
    #[error("{0}")]
    InvalidArgument(String),
    /// Binding or serving the listener failed.
    #[error("transport error: {0}")]
    Transport(String),
    /// An I/O error outside the storage layer.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<ServerError> for Status {
    /// The one place server errors become gRPC statuses. Internal details are
    /// logged, never sent: clients get a generic message for anything that is
    /// not their fault.
    fn from(error: ServerError) -> Self {
        match error {
            ServerError::InvalidArgument(message) => Status::invalid_argument(message),
            ServerError::Core(
                error @ (tasker_core::CoreError::IllegalTransition { .. }
                | tasker_core::CoreError::UnknownEvent { .. }),
            ) => Status::failed_precondition(error.to_string()),
            ServerError::Core(
                error @ (tasker_core::CoreError::InvalidTemplate { .. }
                | tasker_core::CoreError::InvalidDuration { .. }
                | tasker_core::CoreError::UnknownState { .. }),
            ) => Status::invalid_argument(error.to_string()),
            ServerError::Store(tasker_store::StoreError::Database(_)) => {
                tracing::error!(%error, "storage failure");
                Status::unavailable("storage is unavailable; retry later")
            }
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
        assert_eq!(status.code(), tonic::Code::Internal);
        assert_eq!(status.message(), "internal error");
        let status = Status::from(ServerError::Store(tasker_store::StoreError::InvalidUrl(
            "postgres://admin:hunter2@db".into(),
        )));
        assert_eq!(status.code(), tonic::Code::Internal);
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
        assert_eq!(status.code(), tonic::Code::FailedPrecondition);
        assert!(status.message().contains("cancel"), "{}", status.message());
        let invalid = tasker_core::parse_duration("soon").unwrap_err();
        assert_eq!(
            Status::from(ServerError::Core(invalid)).code(),
            tonic::Code::InvalidArgument
        );
    }

    #[test]
    fn invalid_arguments_keep_their_message() {
        let status = Status::from(ServerError::InvalidArgument("task_uuid: not a UUID".into()));
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert_eq!(status.message(), "task_uuid: not a UUID");
    }
}
