//! [`ClientError`]: one error type for every transport.
//!
//! A server answer becomes a `google.rpc.Status` first — from the gRPC
//! trailers (`grpc-status-details-bin`) or from the REST error body — and
//! [`ClientError::from_status`] classifies that status, so the same answer
//! gives the same variant, message and details over gRPC and REST.

use std::time::Duration;

use prost::Message as _;
use tasker_proto::pb::google::rpc;
use tasker_proto::v1::Task;
use tonic::Code;

/// One field violation of a `google.rpc.BadRequest` detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldViolation {
    /// The offending field, as a path (`context.amount`).
    pub field: String,
    /// What is wrong with it.
    pub description: String,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The object does not exist, or lies outside the caller's namespaces.
    #[error("{}", classed("not found", message))]
    NotFound {
        /// The server's message.
        message: String,
    },
    /// No credential, or one the server does not accept.
    #[error("{}", classed("unauthenticated", message))]
    Unauthenticated {
        /// The server's message.
        message: String,
    },
    /// The credential lacks the permission the RPC needs.
    #[error("{}", classed("permission denied", message))]
    PermissionDenied {
        /// The server's message.
        message: String,
    },
    /// The request is invalid; `violations` lists the fields at fault.
    #[error("{}", classed("invalid argument", message))]
    InvalidArgument {
        /// The server's message.
        message: String,
        /// The field violations of the `google.rpc.BadRequest` detail.
        violations: Vec<FieldViolation>,
    },
    /// The object exists already. For an idempotent task creation,
    /// `existing_task` is the task created before.
    #[error("{}", classed("already exists", message))]
    AlreadyExists {
        /// The server's message.
        message: String,
        /// The existing task, when the server sent it.
        existing_task: Option<Box<Task>>,
    },
    /// The object is not in a state that allows the operation.
    #[error("{}", classed("failed precondition", message))]
    FailedPrecondition {
        /// The server's message.
        message: String,
    },
    /// The server is overloaded or shutting down; retry after `retry_after`
    /// when it says so (`google.rpc.RetryInfo` or `Retry-After`).
    #[error("{}", classed("unavailable", message))]
    Unavailable {
        /// The server's message.
        message: String,
        /// The delay the server asked for.
        retry_after: Option<Duration>,
    },
    /// The deadline passed before the server answered.
    #[error("{}", classed("deadline exceeded", message))]
    DeadlineExceeded {
        /// What timed out.
        message: String,
    },
    /// The server could not be reached, or its answer was not understood.
    #[error("transport error: {message}")]
    Transport {
        /// What went wrong.
        message: String,
    },
    /// The client's own settings are unusable (endpoint, credential, CA file).
    #[error("invalid client settings: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },
    /// Any other status.
    #[error("{}", classed(&format!("{code:?}"), message))]
    Other {
        /// The gRPC status code.
        code: Code,
        /// The server's message.
        message: String,
    },
}

/// `label: message`, or the message alone when it already says as much
/// (`task … not found`, never `not found: task … not found`).
fn classed(label: &str, message: &str) -> String {
    if message.to_lowercase().contains(&label.to_lowercase()) {
        message.to_owned()
    } else if message.is_empty() {
        label.to_owned()
    } else {
        format!("{label}: {message}")
    }
}

impl ClientError {
    /// Classifies a status answered by a server. `retry_after_header` is the
    /// REST `Retry-After` value, used when the status carries no RetryInfo.
    pub fn from_status(status: rpc::Status, retry_after_header: Option<Duration>) -> Self {
        let message = status.message;
        let mut violations = Vec::new();
        let mut retry_after = None;
        let mut existing_task = None;
        for detail in &status.details {
            let type_name = detail.type_url.rsplit('/').next().unwrap_or_default();
            match type_name {
                "google.rpc.BadRequest" => {
                    if let Ok(bad) = rpc::BadRequest::decode(detail.value.as_ref()) {
                        violations.extend(bad.field_violations.into_iter().map(|v| {
                            FieldViolation {
                                field: v.field,
                                description: v.description,
                            }
                        }));
                    }
                }
                "google.rpc.RetryInfo" => {
                    if let Ok(info) = rpc::RetryInfo::decode(detail.value.as_ref())
                        && let Some(delay) = info.retry_delay
                    {
                        retry_after = Some(Duration::new(
                            u64::try_from(delay.seconds).unwrap_or(0),
                            u32::try_from(delay.nanos).unwrap_or(0),
                        ));
                    }
                }
                "tasker.v1.Task" => {
                    if let Ok(task) = Task::decode(detail.value.as_ref()) {
                        existing_task = Some(Box::new(task));
                    }
                }
                _ => {}
            }
        }
        match Code::from_i32(status.code) {
            Code::NotFound => Self::NotFound { message },
            Code::Unauthenticated => Self::Unauthenticated { message },
            Code::PermissionDenied => Self::PermissionDenied { message },
            Code::InvalidArgument => Self::InvalidArgument {
                message,
                violations,
            },
            Code::AlreadyExists => Self::AlreadyExists {
                message,
                existing_task,
            },
            Code::FailedPrecondition => Self::FailedPrecondition { message },
            Code::Unavailable => Self::Unavailable {
                message,
                retry_after: retry_after.or(retry_after_header),
            },
            Code::DeadlineExceeded => Self::DeadlineExceeded { message },
            code => Self::Other { code, message },
        }
    }

    /// A transport failure.
    pub(crate) fn transport(message: impl std::fmt::Display) -> Self {
        Self::Transport {
            message: message.to_string(),
        }
    }

    /// A settings failure.
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Self::Config {
            message: message.into(),
        }
    }

    /// The gRPC code this error corresponds to (`Unavailable` for transport
    /// failures, `InvalidArgument` for unusable settings).
    pub fn code(&self) -> Code {
        match self {
            Self::NotFound { .. } => Code::NotFound,
            Self::Unauthenticated { .. } => Code::Unauthenticated,
            Self::PermissionDenied { .. } => Code::PermissionDenied,
            Self::InvalidArgument { .. } | Self::Config { .. } => Code::InvalidArgument,
            Self::AlreadyExists { .. } => Code::AlreadyExists,
            Self::FailedPrecondition { .. } => Code::FailedPrecondition,
            Self::Unavailable { .. } | Self::Transport { .. } => Code::Unavailable,
            Self::DeadlineExceeded { .. } => Code::DeadlineExceeded,
            Self::Other { code, .. } => *code,
        }
    }

    /// The field violations of an [`ClientError::InvalidArgument`]; empty
    /// otherwise.
    pub fn violations(&self) -> &[FieldViolation] {
        match self {
            Self::InvalidArgument { violations, .. } => violations,
            _ => &[],
        }
    }

    /// The delay to wait before retrying an [`ClientError::Unavailable`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Unavailable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

impl From<tonic::Status> for ClientError {
    fn from(status: tonic::Status) -> Self {
        // A status tonic made up on the client side (connection refused,
        // broken stream) carries the underlying error as its source; a status
        // the server answered does not.
        if std::error::Error::source(&status).is_some()
            && matches!(status.code(), Code::Unavailable | Code::Unknown)
        {
            // Each link once, without tonic's bare "transport error" (the
            // variant says so already).
            let mut parts: Vec<String> = Vec::new();
            let mut texts = vec![status.message().to_owned()];
            let mut source = std::error::Error::source(&status);
            while let Some(inner) = source {
                texts.push(inner.to_string());
                source = inner.source();
            }
            for text in texts {
                let redundant = text.is_empty()
                    || text.eq_ignore_ascii_case("transport error")
                    || parts.iter().any(|part| part.contains(&text));
                if !redundant {
                    parts.push(text);
                }
            }
            return Self::transport(parts.join(": "));
        }
        let decoded = if status.details().is_empty() {
            None
        } else {
            rpc::Status::decode(status.details()).ok()
        };
        let rpc_status = decoded.unwrap_or_else(|| rpc::Status {
            code: status.code() as i32,
            message: status.message().to_owned(),
            details: Vec::new(),
        });
        // The trailer's code and message are authoritative.
        Self::from_status(
            rpc::Status {
                code: status.code() as i32,
                message: status.message().to_owned(),
                details: rpc_status.details,
            },
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn any<M: prost::Message + prost::Name>(message: &M) -> pbjson_types::Any {
        pbjson_types::Any {
            type_url: format!("type.googleapis.com/{}", M::full_name()),
            value: message.encode_to_vec().into(),
        }
    }

    #[test]
    fn details_are_read_into_the_variant() {
        let bad = rpc::BadRequest {
            field_violations: vec![rpc::bad_request::FieldViolation {
                field: "name".into(),
                description: "required".into(),
                ..Default::default()
            }],
        };
        let error = ClientError::from_status(
            rpc::Status {
                code: Code::InvalidArgument as i32,
                message: "bad".into(),
                details: vec![any(&bad)],
            },
            None,
        );
        assert_eq!(
            error.violations(),
            &[FieldViolation {
                field: "name".into(),
                description: "required".into()
            }]
        );
        let retry = rpc::RetryInfo {
            retry_delay: Some(pbjson_types::Duration {
                seconds: 1,
                nanos: 500_000_000,
            }),
        };
        let error = ClientError::from_status(
            rpc::Status {
                code: Code::Unavailable as i32,
                message: "busy".into(),
                details: vec![any(&retry)],
            },
            Some(Duration::from_secs(9)),
        );
        assert_eq!(error.retry_after(), Some(Duration::from_millis(1500)));
        let task = Task {
            task_uuid: "t".into(),
            ..Default::default()
        };
        let error = ClientError::from_status(
            rpc::Status {
                code: Code::AlreadyExists as i32,
                message: "dup".into(),
                details: vec![any(&task)],
            },
            None,
        );
        assert!(matches!(
            error,
            ClientError::AlreadyExists { existing_task: Some(t), .. } if t.task_uuid == "t"
        ));
    }

    /// An error with a source, as tonic's transport errors are.
    #[derive(Debug)]
    struct Link(&'static str, Option<Box<Link>>);

    impl std::fmt::Display for Link {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Link {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn a_connection_failure_names_each_cause_once() {
        let chain = Link(
            "transport error",
            Some(Box::new(Link(
                "tcp connect error",
                Some(Box::new(Link("Connection refused (os error 111)", None))),
            ))),
        );
        let error = ClientError::from(tonic::Status::from_error(Box::new(chain)));
        assert_eq!(
            error.to_string(),
            "transport error: tcp connect error: Connection refused (os error 111)"
        );
    }

    #[test]
    fn a_message_that_names_its_class_is_not_prefixed_again() {
        let not_found = ClientError::NotFound {
            message: "task 0190 not found".into(),
        };
        assert_eq!(not_found.to_string(), "task 0190 not found");
        let denied = ClientError::PermissionDenied {
            message: "missing permission tasks:write".into(),
        };
        assert_eq!(
            denied.to_string(),
            "permission denied: missing permission tasks:write"
        );
        let exists = ClientError::AlreadyExists {
            message: "Task Already Exists for key k".into(),
            existing_task: None,
        };
        assert_eq!(exists.to_string(), "Task Already Exists for key k");
        let other = ClientError::Other {
            code: Code::Internal,
            message: String::new(),
        };
        assert_eq!(other.to_string(), "Internal");
    }

    #[test]
    fn a_tonic_status_keeps_code_and_message() {
        let error = ClientError::from(tonic::Status::not_found("no task x"));
        assert_eq!(
            error,
            ClientError::NotFound {
                message: "no task x".into()
            }
        );
        assert_eq!(error.code(), Code::NotFound);
    }
}
