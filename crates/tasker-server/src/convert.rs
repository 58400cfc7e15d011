//! Conversions between domain types and their protobuf messages.
//!
//! Every state maps 1:1 in both directions; `UNSPECIFIED` (and numbers the
//! schema does not know) are refused rather than guessed.

use tasker_core::{StepState, TaskState};
use tasker_proto::v1 as pb;

use crate::ServerError;

/// Proto task state for a domain state.
pub fn task_state_to_proto(state: TaskState) -> pb::TaskState {
    match state {
        TaskState::Pending => pb::TaskState::Pending,
        TaskState::Initializing => pb::TaskState::Initializing,
        TaskState::EnqueuingSteps => pb::TaskState::EnqueuingSteps,
        TaskState::StepsInProcess => pb::TaskState::StepsInProcess,
        TaskState::EvaluatingResults => pb::TaskState::EvaluatingResults,
        TaskState::WaitingForDependencies => pb::TaskState::WaitingForDependencies,
        TaskState::WaitingForRetry => pb::TaskState::WaitingForRetry,
        TaskState::BlockedByFailures => pb::TaskState::BlockedByFailures,
        TaskState::Complete => pb::TaskState::Complete,
        TaskState::Error => pb::TaskState::Error,
        TaskState::Cancelled => pb::TaskState::Cancelled,
        TaskState::ResolvedManually => pb::TaskState::ResolvedManually,
    }
}

/// Domain task state for a proto enum number.
///
/// # Errors
/// [`ServerError::InvalidArgument`] for `UNSPECIFIED` or an unknown number.
pub fn task_state_from_proto(value: i32) -> Result<TaskState, ServerError> {
    let state = pb::TaskState::try_from(value)
        .map_err(|_| ServerError::InvalidArgument(format!("unknown task state {value}")))?;
    Ok(match state {
        pb::TaskState::Unspecified => {
            return Err(ServerError::InvalidArgument(
                "task state must be specified".into(),
            ));
        }
        pb::TaskState::Pending => TaskState::Pending,
        pb::TaskState::Initializing => TaskState::Initializing,
        pb::TaskState::EnqueuingSteps => TaskState::EnqueuingSteps,
        pb::TaskState::StepsInProcess => TaskState::StepsInProcess,
        pb::TaskState::EvaluatingResults => TaskState::EvaluatingResults,
        pb::TaskState::WaitingForDependencies => TaskState::WaitingForDependencies,
        pb::TaskState::WaitingForRetry => TaskState::WaitingForRetry,
        pb::TaskState::BlockedByFailures => TaskState::BlockedByFailures,
        pb::TaskState::Complete => TaskState::Complete,
        pb::TaskState::Error => TaskState::Error,
        pb::TaskState::Cancelled => TaskState::Cancelled,
        pb::TaskState::ResolvedManually => TaskState::ResolvedManually,
    })
}

/// Proto step state for a domain state.
pub fn step_state_to_proto(state: StepState) -> pb::StepState {
    match state {
        StepState::Pending => pb::StepState::Pending,
        StepState::Enqueued => pb::StepState::Enqueued,
        StepState::InProgress => pb::StepState::InProgress,
        StepState::EnqueuedForOrchestration => pb::StepState::EnqueuedForOrchestration,
        StepState::EnqueuedAsErrorForOrchestration => {
            pb::StepState::EnqueuedAsErrorForOrchestration
        }
        StepState::WaitingForRetry => pb::StepState::WaitingForRetry,
        StepState::Complete => pb::StepState::Complete,
        StepState::Error => pb::StepState::Error,
        StepState::Cancelled => pb::StepState::Cancelled,
        StepState::ResolvedManually => pb::StepState::ResolvedManually,
    }
}

/// Domain step state for a proto enum number.
///
/// # Errors
/// [`ServerError::InvalidArgument`] for `UNSPECIFIED` or an unknown number.
pub fn step_state_from_proto(value: i32) -> Result<StepState, ServerError> {
    let state = pb::StepState::try_from(value)
        .map_err(|_| ServerError::InvalidArgument(format!("unknown step state {value}")))?;
    Ok(match state {
        pb::StepState::Unspecified => {
            return Err(ServerError::InvalidArgument(
                "step state must be specified".into(),
            ));
        }
        pb::StepState::Pending => StepState::Pending,
        pb::StepState::Enqueued => StepState::Enqueued,
        pb::StepState::InProgress => StepState::InProgress,
        pb::StepState::EnqueuedForOrchestration => StepState::EnqueuedForOrchestration,
        pb::StepState::EnqueuedAsErrorForOrchestration => {
            StepState::EnqueuedAsErrorForOrchestration
        }
        pb::StepState::WaitingForRetry => StepState::WaitingForRetry,
        pb::StepState::Complete => StepState::Complete,
        pb::StepState::Error => StepState::Error,
        pb::StepState::Cancelled => StepState::Cancelled,
        pb::StepState::ResolvedManually => StepState::ResolvedManually,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn task_states_round_trip_losslessly() {
        let mut seen = HashSet::new();
        for state in TaskState::ALL {
            let proto = task_state_to_proto(*state);
            assert!(seen.insert(proto), "{state} shares a proto value");
            assert_eq!(task_state_from_proto(proto as i32).unwrap(), *state);
            // The proto name is the storage name, upper-cased and prefixed.
            assert_eq!(
                proto.as_str_name(),
                format!("TASK_STATE_{}", state.as_str().to_uppercase())
            );
        }
        // Every proto value except UNSPECIFIED was reached.
        let proto_values = (0..=64)
            .filter(|n| pb::TaskState::try_from(*n).is_ok())
            .count();
        assert_eq!(seen.len(), proto_values - 1);
        assert!(task_state_from_proto(0).is_err());
        assert!(task_state_from_proto(99).is_err());
    }

    #[test]
    fn step_states_round_trip_losslessly() {
        let mut seen = HashSet::new();
        for state in StepState::ALL {
            let proto = step_state_to_proto(*state);
            assert!(seen.insert(proto), "{state} shares a proto value");
            assert_eq!(step_state_from_proto(proto as i32).unwrap(), *state);
            assert_eq!(
                proto.as_str_name(),
                format!("STEP_STATE_{}", state.as_str().to_uppercase())
            );
        }
        let proto_values = (0..=64)
            .filter(|n| pb::StepState::try_from(*n).is_ok())
            .count();
        assert_eq!(seen.len(), proto_values - 1);
        assert!(step_state_from_proto(0).is_err());
        assert!(step_state_from_proto(-1).is_err());
    }
}
