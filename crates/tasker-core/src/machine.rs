//! The task and step state machines, as explicit transition tables.
//!
//! Each machine is one `const` table of `(from, event, to)` rows
//! ([`TASK_TRANSITIONS`], [`STEP_TRANSITIONS`]); [`task_transition`] and
//! [`step_transition`] look an event up and refuse anything the table does not
//! list with [`CoreError::IllegalTransition`]. Storage applies a transition as a
//! compare-and-set on the current state and records the event's
//! [`as_str`](TaskEvent::as_str) name in the immutable transition row.
//!
//! The machines follow the tasker-core orchestrator (tasker-systems), adapted:
//!
//! * Final states accept no event at all: `complete`, `error`, `cancelled` and
//!   `resolved_manually` for tasks; `complete`, `cancelled` and
//!   `resolved_manually` for steps. A step in `error` is *not* final: an
//!   operator may reset it for retry, resolve it or complete it by hand.
//! * The task machine is driven by the evaluation of its steps
//!   ([`mod@crate::evaluate`]): every outcome of `evaluating_results` has its own
//!   event, so the audit trail says why the task moved.
//! * Operator actions on a step (`reset_for_retry`, `resolve_manually`,
//!   `complete_manually`) are accepted only where no worker holds a lease and
//!   no report is being processed: `pending`, `enqueued`, `waiting_for_retry`
//!   and `error` (reset only from `error`). A step `in_progress` must first be
//!   reported, expire its lease or be cancelled.

use std::fmt;
use std::str::FromStr;

use crate::{CoreError, StepState, TaskState};

macro_rules! event_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $machine:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, $action:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every event, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name recorded in transition rows and logs.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// What the event does, as a verb phrase that reads in
            /// "cannot {action} a task/step": `cancel`, `claim`, ...
            pub const fn action(self) -> &'static str {
                match self {
                    $($name::$variant => $action),+
                }
            }
        }

        $crate::state::text_forms!($name, UnknownEvent, $machine, $($variant => $text),+);
    };
}

event_enum! {
    /// Something that happens to a task. Which events a state accepts is
    /// decided by [`TASK_TRANSITIONS`].
    TaskEvent, "task" {
        /// The orchestrator picks a new task up.
        Start => "start", "start",
        /// Initialisation or evaluation found pending steps whose dependencies
        /// are satisfied.
        ReadyStepsFound => "ready_steps_found", "enqueue ready steps of",
        /// The ready steps were made claimable.
        StepsEnqueued => "steps_enqueued", "mark steps enqueued for",
        /// A worker reported a step's success.
        StepCompleted => "step_completed", "record a step completion for",
        /// A worker reported a step's failure.
        StepFailed => "step_failed", "record a step failure for",
        /// Evaluation: every step is complete or resolved.
        AllStepsSuccessful => "all_steps_successful", "complete",
        /// Evaluation: nothing new to enqueue, steps are still claimable or
        /// running.
        StepsStillRunning => "steps_still_running", "resume step processing of",
        /// Evaluation: pending steps wait on dependencies and nothing runs.
        NoDependenciesReady => "no_dependencies_ready", "wait for dependencies of",
        /// Evaluation: a failed step waits for its backoff and nothing else runs.
        RetryScheduled => "retry_scheduled", "wait for a step retry of",
        /// Evaluation: a step failed for good (or was cancelled) and nothing
        /// else can run.
        PermanentFailure => "permanent_failure", "block",
        /// A step's retry backoff elapsed; it is claimable again.
        RetryReady => "retry_ready", "resume retries of",
        /// Steps changed outside the normal flow (an operator resolved,
        /// completed or reset a step); evaluate again.
        Reevaluate => "reevaluate", "re-evaluate",
        /// An operator reset a failed step of a blocked task for retry.
        StepReset => "step_reset", "resume after a step reset of",
        /// An operator or policy abandons a blocked task.
        GiveUp => "give_up", "give up on",
        /// An operator closes the task by hand.
        ResolveManually => "resolve_manually", "manually resolve",
        /// A client cancels the task.
        Cancel => "cancel", "cancel",
    }
}

event_enum! {
    /// Something that happens to a step. Which events a state accepts is
    /// decided by [`STEP_TRANSITIONS`].
    StepEvent, "step" {
        /// The step's dependencies are satisfied; make it claimable.
        Enqueue => "enqueue", "enqueue",
        /// A worker claimed the step under a lease.
        Claim => "claim", "claim",
        /// The worker reported success; the result awaits orchestration.
        ReportSuccess => "report_success", "report success for",
        /// The worker reported failure; the retry decision awaits orchestration.
        ReportFailure => "report_failure", "report failure for",
        /// The lease ran out without a report; the step is claimable again.
        LeaseExpired => "lease_expired", "expire the lease of",
        /// Orchestration recorded the reported success.
        Complete => "complete", "complete",
        /// Orchestration decided to retry: attempts are left and the failure is
        /// retryable.
        WaitForRetry => "wait_for_retry", "schedule a retry of",
        /// Orchestration decided not to retry: attempts exhausted or the failure
        /// is permanent.
        Fail => "fail", "fail",
        /// The retry backoff elapsed.
        Retry => "retry", "retry",
        /// Operator: make a failed step claimable again with a fresh attempt
        /// count.
        ResetForRetry => "reset_for_retry", "reset for retry",
        /// Operator: mark the step resolved without results.
        ResolveManually => "resolve_manually", "manually resolve",
        /// Operator: mark the step complete with given results.
        CompleteManually => "complete_manually", "manually complete",
        /// The step is cancelled, usually with its task.
        Cancel => "cancel", "cancel",
    }
}

/// Every legal task transition, as `(from, event, to)`. Anything not listed is
/// refused.
pub const TASK_TRANSITIONS: &[(TaskState, TaskEvent, TaskState)] = {
    use TaskEvent as E;
    use TaskState as S;
    &[
        (S::Pending, E::Start, S::Initializing),
        (S::Initializing, E::ReadyStepsFound, S::EnqueuingSteps),
        (S::EnqueuingSteps, E::StepsEnqueued, S::StepsInProcess),
        (S::StepsInProcess, E::StepCompleted, S::EvaluatingResults),
        (S::StepsInProcess, E::StepFailed, S::EvaluatingResults),
        (S::StepsInProcess, E::Reevaluate, S::EvaluatingResults),
        (S::EvaluatingResults, E::AllStepsSuccessful, S::Complete),
        (S::EvaluatingResults, E::ReadyStepsFound, S::EnqueuingSteps),
        (
            S::EvaluatingResults,
            E::StepsStillRunning,
            S::StepsInProcess,
        ),
        (
            S::EvaluatingResults,
            E::NoDependenciesReady,
            S::WaitingForDependencies,
        ),
        (S::EvaluatingResults, E::RetryScheduled, S::WaitingForRetry),
        (
            S::EvaluatingResults,
            E::PermanentFailure,
            S::BlockedByFailures,
        ),
        (
            S::WaitingForDependencies,
            E::Reevaluate,
            S::EvaluatingResults,
        ),
        (
            S::WaitingForDependencies,
            E::ResolveManually,
            S::ResolvedManually,
        ),
        (S::WaitingForRetry, E::RetryReady, S::EnqueuingSteps),
        (S::WaitingForRetry, E::Reevaluate, S::EvaluatingResults),
        (S::WaitingForRetry, E::ResolveManually, S::ResolvedManually),
        (S::BlockedByFailures, E::StepReset, S::EnqueuingSteps),
        (S::BlockedByFailures, E::Reevaluate, S::EvaluatingResults),
        (S::BlockedByFailures, E::GiveUp, S::Error),
        (
            S::BlockedByFailures,
            E::ResolveManually,
            S::ResolvedManually,
        ),
        (S::Pending, E::Cancel, S::Cancelled),
        (S::Initializing, E::Cancel, S::Cancelled),
        (S::EnqueuingSteps, E::Cancel, S::Cancelled),
        (S::StepsInProcess, E::Cancel, S::Cancelled),
        (S::EvaluatingResults, E::Cancel, S::Cancelled),
        (S::WaitingForDependencies, E::Cancel, S::Cancelled),
        (S::WaitingForRetry, E::Cancel, S::Cancelled),
        (S::BlockedByFailures, E::Cancel, S::Cancelled),
    ]
};

/// Every legal step transition, as `(from, event, to)`. Anything not listed is
/// refused.
pub const STEP_TRANSITIONS: &[(StepState, StepEvent, StepState)] = {
    use StepEvent as E;
    use StepState as S;
    &[
        (S::Pending, E::Enqueue, S::Enqueued),
        (S::Enqueued, E::Claim, S::InProgress),
        (S::InProgress, E::ReportSuccess, S::EnqueuedForOrchestration),
        (
            S::InProgress,
            E::ReportFailure,
            S::EnqueuedAsErrorForOrchestration,
        ),
        (S::InProgress, E::LeaseExpired, S::Enqueued),
        (S::EnqueuedForOrchestration, E::Complete, S::Complete),
        (
            S::EnqueuedAsErrorForOrchestration,
            E::WaitForRetry,
            S::WaitingForRetry,
        ),
        (S::EnqueuedAsErrorForOrchestration, E::Fail, S::Error),
        (S::WaitingForRetry, E::Retry, S::Enqueued),
        (S::Error, E::ResetForRetry, S::Enqueued),
        (S::Pending, E::ResolveManually, S::ResolvedManually),
        (S::Enqueued, E::ResolveManually, S::ResolvedManually),
        (S::WaitingForRetry, E::ResolveManually, S::ResolvedManually),
        (S::Error, E::ResolveManually, S::ResolvedManually),
        (S::Pending, E::CompleteManually, S::Complete),
        (S::Enqueued, E::CompleteManually, S::Complete),
        (S::WaitingForRetry, E::CompleteManually, S::Complete),
        (S::Error, E::CompleteManually, S::Complete),
        (S::Pending, E::Cancel, S::Cancelled),
        (S::Enqueued, E::Cancel, S::Cancelled),
        (S::InProgress, E::Cancel, S::Cancelled),
        (S::EnqueuedForOrchestration, E::Cancel, S::Cancelled),
        (S::EnqueuedAsErrorForOrchestration, E::Cancel, S::Cancelled),
        (S::WaitingForRetry, E::Cancel, S::Cancelled),
        (S::Error, E::Cancel, S::Cancelled),
    ]
};

/// The state a task moves to when `event` happens in state `from`.
///
/// # Errors
///
/// [`CoreError::IllegalTransition`] when [`TASK_TRANSITIONS`] has no such row;
/// the message lists the events `from` accepts.
pub fn task_transition(from: TaskState, event: TaskEvent) -> Result<TaskState, CoreError> {
    lookup(TASK_TRANSITIONS, from, event).ok_or_else(|| CoreError::IllegalTransition {
        machine: "task",
        from: from.as_str(),
        event: event.as_str(),
        action: event.action(),
        accepted: task_events_accepted(from).map(TaskEvent::as_str).collect(),
    })
}

/// The state a step moves to when `event` happens in state `from`.
///
/// # Errors
///
/// [`CoreError::IllegalTransition`] when [`STEP_TRANSITIONS`] has no such row;
/// the message lists the events `from` accepts.
pub fn step_transition(from: StepState, event: StepEvent) -> Result<StepState, CoreError> {
    lookup(STEP_TRANSITIONS, from, event).ok_or_else(|| CoreError::IllegalTransition {
        machine: "step",
        from: from.as_str(),
        event: event.as_str(),
        action: event.action(),
        accepted: step_events_accepted(from).map(StepEvent::as_str).collect(),
    })
}

/// The events a task in state `from` accepts, in table order.
pub fn task_events_accepted(from: TaskState) -> impl Iterator<Item = TaskEvent> {
    accepted(TASK_TRANSITIONS, from)
}

/// The events a step in state `from` accepts, in table order.
pub fn step_events_accepted(from: StepState) -> impl Iterator<Item = StepEvent> {
    accepted(STEP_TRANSITIONS, from)
}

fn lookup<S: Copy + Eq, E: Copy + Eq>(table: &[(S, E, S)], from: S, event: E) -> Option<S> {
    table
        .iter()
        .find(|(f, e, _)| *f == from && *e == event)
        .map(|(_, _, to)| *to)
}

fn accepted<S: Copy + Eq, E: Copy + Eq>(
    table: &'static [(S, E, S)],
    from: S,
) -> impl Iterator<Item = E> {
    let mut seen: Vec<E> = Vec::new();
    table
        .iter()
        .filter(move |(f, _, _)| *f == from)
        .filter_map(move |(_, e, _)| {
            if seen.contains(e) {
                None
            } else {
                seen.push(*e);
                Some(*e)
            }
        })
}

impl TaskState {
    /// The state after `event`; see [`task_transition`].
    ///
    /// # Errors
    ///
    /// [`CoreError::IllegalTransition`] when the state does not accept `event`.
    pub fn on(self, event: TaskEvent) -> Result<Self, CoreError> {
        task_transition(self, event)
    }
}

impl StepState {
    /// The state after `event`; see [`step_transition`].
    ///
    /// # Errors
    ///
    /// [`CoreError::IllegalTransition`] when the state does not accept `event`.
    pub fn on(self, event: StepEvent) -> Result<Self, CoreError> {
        step_transition(self, event)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet, VecDeque};

    use super::*;

    /// Final states for the purpose of the tables: no event is accepted.
    fn task_final(state: TaskState) -> bool {
        state.is_terminal()
    }

    fn step_final(state: StepState) -> bool {
        state.is_terminal()
    }

    #[test]
    fn every_task_row_is_applied_as_listed() {
        for &(from, event, to) in TASK_TRANSITIONS {
            assert_eq!(task_transition(from, event), Ok(to), "{from} --{event}-->");
            assert_eq!(from.on(event), Ok(to));
        }
    }

    #[test]
    fn every_step_row_is_applied_as_listed() {
        for &(from, event, to) in STEP_TRANSITIONS {
            assert_eq!(step_transition(from, event), Ok(to), "{from} --{event}-->");
            assert_eq!(from.on(event), Ok(to));
        }
    }

    #[test]
    fn tables_are_deterministic() {
        let mut task = HashSet::new();
        for &(from, event, _) in TASK_TRANSITIONS {
            assert!(
                task.insert((from, event)),
                "duplicate task row {from} {event}"
            );
        }
        let mut step = HashSet::new();
        for &(from, event, _) in STEP_TRANSITIONS {
            assert!(
                step.insert((from, event)),
                "duplicate step row {from} {event}"
            );
        }
    }

    #[test]
    fn every_pair_not_in_the_task_table_is_refused() {
        let listed: HashSet<_> = TASK_TRANSITIONS.iter().map(|&(f, e, _)| (f, e)).collect();
        let mut refused = 0;
        for &from in TaskState::ALL {
            for &event in TaskEvent::ALL {
                if listed.contains(&(from, event)) {
                    continue;
                }
                refused += 1;
                let err = task_transition(from, event).unwrap_err();
                let CoreError::IllegalTransition {
                    machine,
                    from: f,
                    event: e,
                    ..
                } = &err
                else {
                    panic!("unexpected error {err:?}");
                };
                assert_eq!((*machine, *f, *e), ("task", from.as_str(), event.as_str()));
            }
        }
        assert_eq!(
            refused,
            TaskState::ALL.len() * TaskEvent::ALL.len() - TASK_TRANSITIONS.len()
        );
    }

    #[test]
    fn every_pair_not_in_the_step_table_is_refused() {
        let listed: HashSet<_> = STEP_TRANSITIONS.iter().map(|&(f, e, _)| (f, e)).collect();
        for &from in StepState::ALL {
            for &event in StepEvent::ALL {
                if !listed.contains(&(from, event)) {
                    assert!(
                        matches!(
                            step_transition(from, event),
                            Err(CoreError::IllegalTransition {
                                machine: "step",
                                ..
                            })
                        ),
                        "{from} --{event}--> should be refused"
                    );
                }
            }
        }
    }

    #[test]
    fn final_states_accept_nothing_and_others_accept_something() {
        for &state in TaskState::ALL {
            let accepted: Vec<_> = task_events_accepted(state).collect();
            assert_eq!(
                accepted.is_empty(),
                task_final(state),
                "task {state}: {accepted:?}"
            );
            if task_final(state) {
                for &event in TaskEvent::ALL {
                    assert!(task_transition(state, event).is_err());
                }
            }
        }
        for &state in StepState::ALL {
            let accepted: Vec<_> = step_events_accepted(state).collect();
            assert_eq!(
                accepted.is_empty(),
                step_final(state),
                "step {state}: {accepted:?}"
            );
        }
        // An errored step is not final: operators can act on it.
        assert!(step_events_accepted(StepState::Error).any(|e| e == StepEvent::ResetForRetry));
    }

    #[test]
    fn cancel_is_accepted_by_every_non_final_task_state() {
        for &state in TaskState::ALL {
            assert_eq!(
                task_transition(state, TaskEvent::Cancel).is_ok(),
                !state.is_terminal(),
                "{state}"
            );
        }
    }

    fn reachable<S: Copy + Ord, E>(table: &[(S, E, S)], initial: S) -> BTreeSet<S> {
        let mut seen = BTreeSet::from([initial]);
        let mut queue = VecDeque::from([initial]);
        while let Some(state) = queue.pop_front() {
            for (from, _, to) in table {
                if *from == state && seen.insert(*to) {
                    queue.push_back(*to);
                }
            }
        }
        seen
    }

    #[test]
    fn every_state_is_reachable_from_pending() {
        let tasks = reachable(TASK_TRANSITIONS, TaskState::Pending);
        assert_eq!(tasks.len(), TaskState::ALL.len(), "{tasks:?}");
        let steps = reachable(STEP_TRANSITIONS, StepState::Pending);
        assert_eq!(steps.len(), StepState::ALL.len(), "{steps:?}");
    }

    #[test]
    fn every_event_is_used() {
        for event in TaskEvent::ALL {
            assert!(
                TASK_TRANSITIONS.iter().any(|(_, e, _)| e == event),
                "{event}"
            );
        }
        for event in StepEvent::ALL {
            assert!(
                STEP_TRANSITIONS.iter().any(|(_, e, _)| e == event),
                "{event}"
            );
        }
    }

    #[test]
    fn refusals_read_well() {
        let err = task_transition(TaskState::Complete, TaskEvent::Cancel).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot cancel a task in state complete (complete is a final state)"
        );
        let err = step_transition(StepState::Pending, StepEvent::Claim).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot claim a step in state pending (pending accepts: enqueue, \
             resolve_manually, complete_manually, cancel)"
        );
        let err = step_transition(StepState::InProgress, StepEvent::ResolveManually).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot manually resolve a step in state in_progress"),
            "{err}"
        );
    }

    #[test]
    fn the_happy_paths() {
        use StepEvent as E;
        let mut step = StepState::Pending;
        for event in [E::Enqueue, E::Claim, E::ReportSuccess, E::Complete] {
            step = step.on(event).unwrap();
        }
        assert_eq!(step, StepState::Complete);

        let mut step = StepState::Pending;
        for event in [
            E::Enqueue,
            E::Claim,
            E::ReportFailure,
            E::WaitForRetry,
            E::Retry,
            E::Claim,
            E::LeaseExpired,
            E::Claim,
            E::ReportFailure,
            E::Fail,
            E::ResetForRetry,
            E::Claim,
            E::ReportSuccess,
            E::Complete,
        ] {
            step = step.on(event).unwrap();
        }
        assert_eq!(step, StepState::Complete);

        use TaskEvent as T;
        let mut task = TaskState::Pending;
        for event in [
            T::Start,
            T::ReadyStepsFound,
            T::StepsEnqueued,
            T::StepFailed,
            T::RetryScheduled,
            T::RetryReady,
            T::StepsEnqueued,
            T::StepCompleted,
            T::AllStepsSuccessful,
        ] {
            task = task.on(event).unwrap();
        }
        assert_eq!(task, TaskState::Complete);
    }

    #[test]
    fn event_names_round_trip() {
        for event in TaskEvent::ALL {
            assert_eq!(event.as_str().parse::<TaskEvent>(), Ok(*event));
        }
        for event in StepEvent::ALL {
            assert_eq!(event.as_str().parse::<StepEvent>(), Ok(*event));
        }
        assert_eq!(
            "explode".parse::<StepEvent>().unwrap_err().to_string(),
            "unknown step event \"explode\""
        );
    }
}
