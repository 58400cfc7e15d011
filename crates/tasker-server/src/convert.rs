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

/// Records and JSON to protobuf messages.
pub mod to_proto {
    use serde_json::{Map, Value};
    use tasker_core::staleness::{StalenessHealth, StalenessThresholds, staleness_health};
    use tasker_core::{StepCounts, TaskState};
    use tasker_proto::v1 as pb;
    use tasker_store::{
        DlqRecord, StepErrorRecord, StepRecord, StepTransitionRecord, TaskRecord, TemplateRecord,
    };

    use super::{step_state_to_proto, task_state_to_proto};

    /// A timestamp from microseconds since the epoch.
    pub fn timestamp(us: i64) -> pbjson_types::Timestamp {
        pbjson_types::Timestamp {
            seconds: us.div_euclid(1_000_000),
            nanos: (us.rem_euclid(1_000_000) * 1000) as i32,
        }
    }

    /// An optional timestamp.
    pub fn maybe_timestamp(us: Option<i64>) -> Option<pbjson_types::Timestamp> {
        us.map(timestamp)
    }

    /// A duration from microseconds.
    pub fn duration_us(us: i64) -> pbjson_types::Duration {
        pbjson_types::Duration {
            seconds: us / 1_000_000,
            nanos: ((us % 1_000_000) * 1000) as i32,
        }
    }

    /// A protobuf Struct from a JSON object (`tasker_proto::json`'s rules:
    /// numbers become doubles).
    pub fn structure(map: &Map<String, Value>) -> pbjson_types::Struct {
        tasker_proto::json::json_to_struct(map)
    }

    /// Step counts.
    pub fn step_counts(counts: &StepCounts) -> pb::StepCounts {
        let n = |v: usize| i32::try_from(v).unwrap_or(i32::MAX);
        pb::StepCounts {
            total: n(counts.total),
            pending: n(counts.pending),
            enqueued: n(counts.enqueued),
            in_progress: n(counts.in_progress),
            enqueued_for_orchestration: n(counts.enqueued_for_orchestration),
            enqueued_as_error_for_orchestration: n(counts.enqueued_as_error_for_orchestration),
            waiting_for_retry: n(counts.waiting_for_retry),
            complete: n(counts.complete),
            error: n(counts.error),
            cancelled: n(counts.cancelled),
            resolved_manually: n(counts.resolved_manually),
        }
    }

    /// Health of a task from its state and time in state.
    pub fn task_health(
        task: &TaskRecord,
        thresholds: &StalenessThresholds,
        now_us: i64,
    ) -> pb::TaskHealth {
        match task.state {
            TaskState::BlockedByFailures => return pb::TaskHealth::Blocked,
            TaskState::WaitingForRetry => return pb::TaskHealth::Recovering,
            state if state.is_terminal() => return pb::TaskHealth::Healthy,
            _ => {}
        }
        let Some(threshold) = thresholds.threshold_for(task.state) else {
            return pb::TaskHealth::Healthy;
        };
        let in_state = std::time::Duration::from_micros(
            u64::try_from(now_us - task.state_entered_at).unwrap_or(0),
        );
        match staleness_health(in_state, threshold).health {
            StalenessHealth::Healthy => pb::TaskHealth::Healthy,
            StalenessHealth::Warning => pb::TaskHealth::Warning,
            StalenessHealth::Stale => pb::TaskHealth::Stale,
        }
    }

    /// A task.
    pub fn task(task: &TaskRecord, thresholds: &StalenessThresholds) -> pb::Task {
        pb::Task {
            task_uuid: task.task_uuid.clone(),
            namespace: task.namespace.clone(),
            name: task.name.clone(),
            version: task.version.clone(),
            state: task_state_to_proto(task.state).into(),
            context: Some(structure(&task.context)),
            correlation_id: task.correlation_id.clone(),
            parent_correlation_id: task.parent_correlation_id.clone(),
            initiator: task.initiator.clone(),
            source_system: task.source_system.clone(),
            reason: task.reason.clone(),
            priority: i32::try_from(task.priority).unwrap_or_default(),
            tags: task.tags.clone(),
            idempotency_key: task.idempotency_key.clone(),
            step_counts: Some(step_counts(&task.step_counts)),
            completion_percentage: task.step_counts.completion_percentage(),
            health: task_health(task, thresholds, tasker_store::now_us()).into(),
            created_by: task.created_by.clone(),
            created_at: Some(timestamp(task.created_at)),
            updated_at: Some(timestamp(task.updated_at)),
            completed_at: maybe_timestamp(task.completed_at),
        }
    }

    /// A step error.
    pub fn step_error(error: &StepErrorRecord) -> pb::StepError {
        pb::StepError {
            message: error.message.clone(),
            error_class: error.error_class.clone(),
            retryable: error.retryable,
            details: error.details.as_ref().map(structure),
        }
    }

    /// A step.
    pub fn step(step: &StepRecord) -> pb::Step {
        pb::Step {
            step_uuid: step.step_uuid.clone(),
            task_uuid: step.task_uuid.clone(),
            name: step.name.clone(),
            handler: step.handler.clone(),
            state: step_state_to_proto(step.state).into(),
            depends_on: step.depends_on.clone(),
            attempts: i32::try_from(step.attempts).unwrap_or(i32::MAX),
            max_attempts: i32::try_from(step.max_attempts).unwrap_or(i32::MAX),
            retryable: step.retryable(),
            next_retry_at: maybe_timestamp(step.next_retry_at),
            last_error: step.last_error.as_ref().map(step_error),
            results: step.results.as_ref().map(structure),
            handler_config: Some(structure(&step.handler_config)),
            timeout: Some(duration_us(step.timeout_ms.saturating_mul(1000))),
            worker_uuid: if step.state == tasker_core::StepState::InProgress {
                step.worker_uuid.clone().unwrap_or_default()
            } else {
                String::new()
            },
            lease_expires_at: if step.state == tasker_core::StepState::InProgress {
                maybe_timestamp(step.lease_expires_at)
            } else {
                None
            },
            created_at: Some(timestamp(step.created_at)),
            updated_at: Some(timestamp(step.updated_at)),
            last_attempted_at: maybe_timestamp(step.last_attempted_at),
            completed_at: maybe_timestamp(step.completed_at),
        }
    }

    /// A step transition.
    pub fn audit(record: &StepTransitionRecord) -> pb::StepAuditRecord {
        pb::StepAuditRecord {
            transition_uuid: record.transition_uuid.clone(),
            step_uuid: record.step_uuid.clone(),
            task_uuid: record.task_uuid.clone(),
            from_state: record
                .from_state
                .map(|s| step_state_to_proto(s).into())
                .unwrap_or_default(),
            to_state: step_state_to_proto(record.to_state).into(),
            event: record.event.clone(),
            performed_by: record.performed_by.clone(),
            worker_uuid: record.worker_uuid.clone().unwrap_or_default(),
            attempt: i32::try_from(record.attempt).unwrap_or(i32::MAX),
            execution_duration: record.execution_us.map(duration_us),
            results: record.results.as_ref().map(structure),
            error: record.error.as_ref().map(step_error),
            reason: record.reason.clone(),
            occurred_at: Some(timestamp(record.occurred_at)),
        }
    }

    /// A retry policy.
    pub fn retry(policy: &tasker_core::retry::RetryPolicy) -> pb::RetryPolicy {
        pb::RetryPolicy {
            max_attempts: i32::try_from(policy.max_attempts).unwrap_or(i32::MAX),
            initial_backoff: Some(policy.initial_backoff.into()),
            max_backoff: Some(policy.max_backoff.into()),
            backoff_multiplier: policy.backoff_multiplier,
            jitter: policy.jitter,
        }
    }

    /// A template.
    pub fn template(record: &TemplateRecord) -> pb::Template {
        let t = &record.template;
        pb::Template {
            namespace: t.namespace.clone(),
            name: t.name.clone(),
            version: t.version.clone(),
            description: t.description.clone(),
            steps: t
                .steps
                .iter()
                .map(|s| pb::StepDefinition {
                    name: s.name.clone(),
                    description: s.description.clone(),
                    handler: s.handler.clone(),
                    depends_on: s.depends_on.clone(),
                    retry: Some(retry(&s.retry)),
                    timeout: Some(s.timeout.into()),
                    handler_config: Some(structure(&s.handler_config)),
                })
                .collect(),
            default_retry: Some(retry(&t.default_retry)),
            context_schema: t.context_schema.as_ref().map(structure),
            staleness: Some(pb::StalenessThresholds {
                waiting: t.staleness.waiting.map(Into::into),
                processing: t.staleness.processing.map(Into::into),
            }),
            content_hash: record.content_hash.clone(),
            created_at: Some(timestamp(record.created_at)),
        }
    }

    /// A dead-letter entry.
    pub fn dlq_entry(record: &DlqRecord) -> pb::DlqEntry {
        pb::DlqEntry {
            dlq_entry_uuid: record.dlq_entry_uuid.clone(),
            task_uuid: record.task_uuid.clone(),
            namespace: record.namespace.clone(),
            name: record.name.clone(),
            version: record.version.clone(),
            original_state: task_state_to_proto(record.original_state).into(),
            reason: pb::DlqReason::from_str_name(&format!(
                "DLQ_REASON_{}",
                record.reason.to_uppercase()
            ))
            .unwrap_or_default()
            .into(),
            resolution_status: pb::DlqResolutionStatus::from_str_name(&format!(
                "DLQ_RESOLUTION_STATUS_{}",
                record.resolution_status.to_uppercase()
            ))
            .unwrap_or_default()
            .into(),
            resolution_notes: record.resolution_notes.clone(),
            resolved_by: record.resolved_by.clone(),
            metadata: Some(structure(&record.metadata)),
            task_snapshot: Some(structure(&record.task_snapshot)),
            step_uuid: record.step_uuid.clone().unwrap_or_default(),
            priority: i32::try_from(record.priority).unwrap_or_default(),
            created_at: Some(timestamp(record.created_at)),
            updated_at: Some(timestamp(record.updated_at)),
            resolved_at: maybe_timestamp(record.resolved_at),
        }
    }
}

/// Protobuf messages to JSON.
pub mod from_proto {
    use serde_json::{Map, Value};

    use crate::ServerError;

    /// A JSON object from the protobuf Struct in the request field `field`
    /// (absent → empty), by `tasker_proto::json`'s rules: whole numbers
    /// within ±2^53 become integers; NaN or ±infinity, which JSON cannot
    /// hold, is refused as INVALID_ARGUMENT naming where it is.
    pub fn object(
        field: &str,
        value: Option<&pbjson_types::Struct>,
    ) -> Result<Map<String, Value>, ServerError> {
        value
            .map(tasker_proto::json::struct_to_json)
            .transpose()
            .map(Option::unwrap_or_default)
            .map_err(|e| {
                let at = if e.path.is_empty() {
                    field.to_owned()
                } else {
                    format!("{field}.{}", e.path)
                };
                ServerError::InvalidArgument(format!("{at}: {} is not a JSON number", e.number))
            })
    }

    /// A std duration from a protobuf Duration (negative → zero).
    pub fn duration(value: Option<&pbjson_types::Duration>) -> Option<std::time::Duration> {
        value.map(|d| {
            std::time::Duration::new(
                u64::try_from(d.seconds).unwrap_or(0),
                u32::try_from(d.nanos).unwrap_or(0),
            )
        })
    }

    /// Microseconds since the epoch from a protobuf Timestamp.
    pub fn micros(value: &pbjson_types::Timestamp) -> i64 {
        value
            .seconds
            .saturating_mul(1_000_000)
            .saturating_add(i64::from(value.nanos / 1000))
    }
}
