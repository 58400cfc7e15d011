//! The task and step states.
//!
//! Both enums are stored as their snake_case names and map 1:1 onto the
//! protobuf enums; `ALL` lists every state so conversions can be checked to be
//! lossless.

use std::fmt;
use std::str::FromStr;

use crate::CoreError;

/// `Display` (the snake_case name) and `FromStr` (that name back, anything
/// else the `CoreError` variant `$unknown` naming the machine) of an enum
/// of states or events.
macro_rules! text_forms {
    ($name:ident, $unknown:ident, $machine:literal, $($variant:ident => $text:literal),+) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = CoreError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($text => Ok($name::$variant),)+
                    _ => Err(CoreError::$unknown { machine: $machine, value: value.to_owned() }),
                }
            }
        }
    };
}
pub(crate) use text_forms;

macro_rules! state_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $machine:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every state, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name used in storage and logs.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        $crate::state::text_forms!($name, UnknownState, $machine, $($variant => $text),+);
    };
}

state_enum! {
    /// Lifecycle state of a task.
    TaskState, "task" {
        /// Created and durable; not yet picked up.
        Pending => "pending",
        /// Steps are being prepared.
        Initializing => "initializing",
        /// Ready steps are being made claimable.
        EnqueuingSteps => "enqueuing_steps",
        /// At least one step is claimable or running.
        StepsInProcess => "steps_in_process",
        /// Step results are being evaluated.
        EvaluatingResults => "evaluating_results",
        /// Remaining steps wait for dependencies.
        WaitingForDependencies => "waiting_for_dependencies",
        /// A failed step waits for its backoff.
        WaitingForRetry => "waiting_for_retry",
        /// A step failed for good; an operator is needed.
        BlockedByFailures => "blocked_by_failures",
        /// Every step completed or was resolved.
        Complete => "complete",
        /// Failed for good.
        Error => "error",
        /// Cancelled by a client.
        Cancelled => "cancelled",
        /// Resolved by an operator.
        ResolvedManually => "resolved_manually",
    }
}

state_enum! {
    /// Lifecycle state of a step.
    StepState, "step" {
        /// Waiting for dependencies.
        Pending => "pending",
        /// Claimable by a worker.
        Enqueued => "enqueued",
        /// Claimed under a lease.
        InProgress => "in_progress",
        /// Success reported; being recorded.
        EnqueuedForOrchestration => "enqueued_for_orchestration",
        /// Failure reported; retry being decided.
        EnqueuedAsErrorForOrchestration => "enqueued_as_error_for_orchestration",
        /// Waiting for the retry backoff.
        WaitingForRetry => "waiting_for_retry",
        /// Finished successfully.
        Complete => "complete",
        /// Failed with no attempts left; may be reset by an operator.
        Error => "error",
        /// Cancelled with its task.
        Cancelled => "cancelled",
        /// Resolved by an operator.
        ResolvedManually => "resolved_manually",
    }
}

impl TaskState {
    /// Whether the task can no longer change.
    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Complete | Self::Error | Self::Cancelled | Self::ResolvedManually
        )
    }
}

impl StepState {
    /// Whether dependents of a step in this state may run.
    pub const fn satisfies_dependencies(self) -> bool {
        matches!(self, Self::Complete | Self::ResolvedManually)
    }

    /// Whether the step is finished for good. `Error` is not: an operator may
    /// reset it for retry.
    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Complete | Self::Cancelled | Self::ResolvedManually
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_twelve_task_states_and_ten_step_states() {
        assert_eq!(TaskState::ALL.len(), 12);
        assert_eq!(StepState::ALL.len(), 10);
    }

    #[test]
    fn names_round_trip() {
        for state in TaskState::ALL {
            assert_eq!(state.as_str().parse::<TaskState>(), Ok(*state));
        }
        for state in StepState::ALL {
            assert_eq!(state.as_str().parse::<StepState>(), Ok(*state));
        }
    }

    #[test]
    fn unknown_names_are_rejected_with_the_machine() {
        let err = "done".parse::<TaskState>().unwrap_err();
        assert_eq!(err.to_string(), "unknown task state \"done\"");
        assert!(
            "Complete".parse::<StepState>().is_err(),
            "names are case-sensitive"
        );
    }

    #[test]
    fn terminal_and_dependency_rules() {
        let terminal: Vec<_> = TaskState::ALL.iter().filter(|s| s.is_terminal()).collect();
        assert_eq!(
            terminal,
            [
                &TaskState::Complete,
                &TaskState::Error,
                &TaskState::Cancelled,
                &TaskState::ResolvedManually
            ]
        );
        let satisfying: Vec<_> = StepState::ALL
            .iter()
            .filter(|s| s.satisfies_dependencies())
            .collect();
        assert_eq!(
            satisfying,
            [&StepState::Complete, &StepState::ResolvedManually]
        );
        assert!(!StepState::Error.is_terminal());
    }
}
