//! `tasker`: the Tasker command line. Every command is one or a few calls of
//! `tasker-client`, over gRPC or REST; answers print as tables, canonical
//! proto3 JSON or YAML; failures print one line (plus field violations) and
//! exit with a code per error class.

mod cli;
mod commands;
mod output;
mod profile;

use std::process::ExitCode;

use clap::Parser as _;
use tasker_client::ClientError;

use crate::cli::Cli;

/// Exit codes by class (documented in `tasker --help`).
pub(crate) mod exit {
    /// Any other failure.
    pub(crate) const OTHER: u8 = 1;
    /// The command line asks for something impossible (as clap's own
    /// usage errors).
    pub(crate) const USAGE: u8 = 2;
    /// Not found.
    pub(crate) const NOT_FOUND: u8 = 3;
    /// No or bad credential.
    pub(crate) const UNAUTHENTICATED: u8 = 4;
    /// Credential lacks the permission.
    pub(crate) const PERMISSION_DENIED: u8 = 5;
    /// Invalid argument or failed precondition.
    pub(crate) const INVALID: u8 = 6;
    /// Already exists.
    pub(crate) const ALREADY_EXISTS: u8 = 7;
    /// Unavailable or unreachable.
    pub(crate) const UNAVAILABLE: u8 = 8;
    /// Deadline exceeded.
    pub(crate) const DEADLINE: u8 = 9;
    /// A watched task ended in error, was cancelled or is blocked by a
    /// failed step.
    pub(crate) const TASK_FAILED: u8 = 10;
}

/// A watched task that did not complete.
#[derive(Debug)]
pub(crate) struct TaskFailed {
    pub(crate) task_uuid: String,
    pub(crate) state: String,
}

impl std::fmt::Display for TaskFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.state == "blocked_by_failures" {
            write!(
                f,
                "task {} is blocked by a failed step: reset or resolve it \
                 (tasker step resolve), or cancel the task",
                self.task_uuid
            )
        } else {
            write!(f, "task {} ended {}", self.task_uuid, self.state)
        }
    }
}

impl std::error::Error for TaskFailed {}

/// A command line that parses but cannot be carried out as given (a value
/// that is not JSON, an unknown state name, a file that cannot be read):
/// exit 2, like the usage errors clap reports itself.
#[derive(Debug)]
pub(crate) struct Usage(pub(crate) String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A [`Usage`] error.
pub(crate) fn usage(message: impl Into<String>) -> anyhow::Error {
    Usage(message.into()).into()
}

fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<TaskFailed>().is_some() {
        return exit::TASK_FAILED;
    }
    if error.downcast_ref::<Usage>().is_some() {
        return exit::USAGE;
    }
    match error.downcast_ref::<ClientError>() {
        Some(ClientError::NotFound { .. }) => exit::NOT_FOUND,
        Some(ClientError::Unauthenticated { .. }) => exit::UNAUTHENTICATED,
        Some(ClientError::PermissionDenied { .. }) => exit::PERMISSION_DENIED,
        Some(ClientError::InvalidArgument { .. } | ClientError::FailedPrecondition { .. }) => {
            exit::INVALID
        }
        // The client's settings come from the command line (or its
        // profile): an unusable endpoint or CA file is a usage error.
        Some(ClientError::Config { .. }) => exit::USAGE,
        Some(ClientError::AlreadyExists { .. }) => exit::ALREADY_EXISTS,
        Some(ClientError::Unavailable { .. } | ClientError::Transport { .. }) => exit::UNAVAILABLE,
        Some(ClientError::DeadlineExceeded { .. }) => exit::DEADLINE,
        Some(ClientError::Other { .. }) | None => exit::OTHER,
    }
}

/// What `tasker` prints for `error`: one line, then the field violations
/// the line does not already say, and the delay the server asks for.
fn error_text(error: &anyhow::Error) -> String {
    let mut text = format!("error: {error:#}");
    if let Some(client) = error.downcast_ref::<ClientError>() {
        let headline = text.clone();
        for violation in client.violations() {
            let description = violation
                .description
                .strip_prefix(&format!("{}: ", violation.field))
                .unwrap_or(&violation.description);
            let line = if violation.field.is_empty() {
                description.to_owned()
            } else {
                format!("{}: {description}", violation.field)
            };
            if !headline.contains(&line) {
                text.push_str(&format!("\n  - {line}"));
            }
        }
        if let Some(delay) = client.retry_after() {
            text.push_str(&format!("\n  retry after {:.1}s", delay.as_secs_f64()));
        }
    }
    text
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            output::note(&format!("error: cannot start the runtime: {error}"));
            return ExitCode::from(exit::OTHER);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`tasker … | head`): stop quietly, as
        // other command line tools do.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            output::note(&error_text(&error));
            ExitCode::from(exit_code(&error))
        }
    }
}

#[cfg(test)]
mod tests {
    use tasker_client::FieldViolation;

    use super::*;

    fn violation(field: &str, description: &str) -> FieldViolation {
        FieldViolation {
            field: field.into(),
            description: description.into(),
        }
    }

    #[test]
    fn violations_are_listed_once_without_their_field_twice() {
        let error = anyhow::Error::from(ClientError::InvalidArgument {
            message: "task_uuid: \"nope\" is not a UUID".into(),
            violations: vec![violation("task_uuid", "task_uuid: \"nope\" is not a UUID")],
        });
        assert_eq!(
            error_text(&error),
            "error: invalid argument: task_uuid: \"nope\" is not a UUID"
        );
        let error = anyhow::Error::from(ClientError::InvalidArgument {
            message: "the template is invalid".into(),
            violations: vec![
                violation(
                    "steps[1].depends_on",
                    "steps[1].depends_on: a cycle a → b → a",
                ),
                violation("name", "must not be empty"),
                violation("", "not a YAML mapping"),
            ],
        });
        assert_eq!(
            error_text(&error),
            "error: invalid argument: the template is invalid\n  \
             - steps[1].depends_on: a cycle a → b → a\n  - name: must not be empty\n  \
             - not a YAML mapping"
        );
    }

    #[test]
    fn the_retry_delay_is_shown() {
        let error = anyhow::Error::from(ClientError::Unavailable {
            message: "too many ready steps".into(),
            retry_after: Some(std::time::Duration::from_millis(1500)),
        });
        assert_eq!(
            error_text(&error),
            "error: unavailable: too many ready steps\n  retry after 1.5s"
        );
    }
}
