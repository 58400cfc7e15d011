//! Task evaluation: from the states of a task's steps, where the task goes
//! next.
//!
//! The orchestrator evaluates a task in `evaluating_results` and applies the
//! returned [`TaskEvaluation::event`]. The rules, first match wins:
//!
//! 1. every step is `complete` or `resolved_manually` → `complete`;
//! 2. some `pending` step has all its dependencies satisfied →
//!    `enqueuing_steps` (independent branches keep going even when another
//!    branch has failed);
//! 3. some step is claimable or being worked on (`enqueued`, `in_progress`,
//!    `enqueued_for_orchestration`, `enqueued_as_error_for_orchestration`) →
//!    `steps_in_process`;
//! 4. some step is `waiting_for_retry` → `waiting_for_retry`;
//! 5. some step is in `error` or `cancelled` → `blocked_by_failures`: nothing
//!    can run until an operator acts;
//! 6. otherwise (pending steps whose dependencies are not satisfied, and
//!    nothing that could satisfy them is moving) → `waiting_for_dependencies`.
//!    For a DAG this cannot happen (the first pending step in topological
//!    order would be ready, or something before it is moving or failed), so
//!    it is the safe answer to inconsistent input, such as states read in the
//!    middle of an update.

use crate::{Dag, StepState, TaskEvent, TaskState};

/// Number of a task's steps in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StepCounts {
    /// All steps.
    pub total: usize,
    /// Steps in `pending`.
    pub pending: usize,
    /// Steps in `enqueued`.
    pub enqueued: usize,
    /// Steps in `in_progress`.
    pub in_progress: usize,
    /// Steps in `enqueued_for_orchestration`.
    pub enqueued_for_orchestration: usize,
    /// Steps in `enqueued_as_error_for_orchestration`.
    pub enqueued_as_error_for_orchestration: usize,
    /// Steps in `waiting_for_retry`.
    pub waiting_for_retry: usize,
    /// Steps in `complete`.
    pub complete: usize,
    /// Steps in `error`.
    pub error: usize,
    /// Steps in `cancelled`.
    pub cancelled: usize,
    /// Steps in `resolved_manually`.
    pub resolved_manually: usize,
}

impl StepCounts {
    /// Counts the given step states.
    pub fn from_states(states: impl IntoIterator<Item = StepState>) -> Self {
        let mut counts = Self::default();
        for state in states {
            counts.add(state);
        }
        counts
    }

    /// Counts one more step in `state`.
    pub fn add(&mut self, state: StepState) {
        self.total += 1;
        *self.slot(state) += 1;
    }

    /// Number of steps in `state`.
    pub fn get(&self, state: StepState) -> usize {
        match state {
            StepState::Pending => self.pending,
            StepState::Enqueued => self.enqueued,
            StepState::InProgress => self.in_progress,
            StepState::EnqueuedForOrchestration => self.enqueued_for_orchestration,
            StepState::EnqueuedAsErrorForOrchestration => self.enqueued_as_error_for_orchestration,
            StepState::WaitingForRetry => self.waiting_for_retry,
            StepState::Complete => self.complete,
            StepState::Error => self.error,
            StepState::Cancelled => self.cancelled,
            StepState::ResolvedManually => self.resolved_manually,
        }
    }

    fn slot(&mut self, state: StepState) -> &mut usize {
        match state {
            StepState::Pending => &mut self.pending,
            StepState::Enqueued => &mut self.enqueued,
            StepState::InProgress => &mut self.in_progress,
            StepState::EnqueuedForOrchestration => &mut self.enqueued_for_orchestration,
            StepState::EnqueuedAsErrorForOrchestration => {
                &mut self.enqueued_as_error_for_orchestration
            }
            StepState::WaitingForRetry => &mut self.waiting_for_retry,
            StepState::Complete => &mut self.complete,
            StepState::Error => &mut self.error,
            StepState::Cancelled => &mut self.cancelled,
            StepState::ResolvedManually => &mut self.resolved_manually,
        }
    }

    /// Steps whose dependents may run: `complete` plus `resolved_manually`.
    pub fn satisfied(&self) -> usize {
        self.complete + self.resolved_manually
    }

    /// Steps claimable or being worked on: `enqueued`, `in_progress` and both
    /// `enqueued_*_for_orchestration` states.
    pub fn in_flight(&self) -> usize {
        self.enqueued
            + self.in_progress
            + self.enqueued_for_orchestration
            + self.enqueued_as_error_for_orchestration
    }

    /// Share of steps that are complete or resolved, from 0 to 100. A task
    /// without steps has nothing left to do: 100.
    pub fn completion_percentage(&self) -> f64 {
        if self.total == 0 {
            return 100.0;
        }
        #[allow(clippy::cast_precision_loss)] // Step counts are far below 2^52.
        let share = self.satisfied() as f64 / self.total as f64;
        share * 100.0
    }
}

/// Where a task goes next, and the numbers behind the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskEvaluation {
    /// The state the task should move to.
    pub next_state: TaskState,
    /// The event that takes a task from `evaluating_results` to `next_state`.
    pub event: TaskEvent,
    /// Steps in each state.
    pub counts: StepCounts,
    /// Pending steps whose dependencies are satisfied, in topological order.
    pub ready_steps: Vec<String>,
    /// Share of steps that are complete or resolved, from 0 to 100.
    pub completion_percentage: f64,
}

/// Evaluates a task from its step graph and each step's current state
/// (`state_of`; steps it does not know are taken as `pending`). See the module
/// documentation for the rules.
pub fn evaluate(dag: &Dag, state_of: impl Fn(&str) -> Option<StepState>) -> TaskEvaluation {
    evaluate_given(dag, &dag.states(state_of))
}

/// [`evaluate`] for states given by declaration index.
pub fn evaluate_given(dag: &Dag, states: &[StepState]) -> TaskEvaluation {
    let counts = StepCounts::from_states(states.iter().copied());
    let ready_steps: Vec<String> = dag
        .ready_given(states)
        .into_iter()
        .map(str::to_owned)
        .collect();

    let (next_state, event) = if counts.satisfied() == counts.total {
        (TaskState::Complete, TaskEvent::AllStepsSuccessful)
    } else if !ready_steps.is_empty() {
        (TaskState::EnqueuingSteps, TaskEvent::ReadyStepsFound)
    } else if counts.in_flight() > 0 {
        (TaskState::StepsInProcess, TaskEvent::StepsStillRunning)
    } else if counts.waiting_for_retry > 0 {
        (TaskState::WaitingForRetry, TaskEvent::RetryScheduled)
    } else if counts.error + counts.cancelled > 0 {
        (TaskState::BlockedByFailures, TaskEvent::PermanentFailure)
    } else {
        (
            TaskState::WaitingForDependencies,
            TaskEvent::NoDependenciesReady,
        )
    };

    TaskEvaluation {
        next_state,
        event,
        counts,
        ready_steps,
        completion_percentage: counts.completion_percentage(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::machine::task_transition;

    use StepState::{
        Cancelled, Complete, Enqueued, EnqueuedAsErrorForOrchestration, EnqueuedForOrchestration,
        Error, InProgress, ResolvedManually, WaitingForRetry,
    };

    fn linear() -> Dag {
        Dag::new([
            ("a", vec![]),
            ("b", vec!["a"]),
            ("c", vec!["b"]),
            ("d", vec!["c"]),
        ])
        .unwrap()
    }

    fn diamond() -> Dag {
        Dag::new([
            ("a", vec![]),
            ("b", vec!["a"]),
            ("c", vec!["a"]),
            ("d", vec!["b", "c"]),
        ])
        .unwrap()
    }

    /// root → (left → (l1, l2), right → r1)
    fn tree() -> Dag {
        Dag::new([
            ("root", vec![]),
            ("left", vec!["root"]),
            ("right", vec!["root"]),
            ("l1", vec!["left"]),
            ("l2", vec!["left"]),
            ("r1", vec!["right"]),
        ])
        .unwrap()
    }

    fn eval(dag: &Dag, states: &[(&str, StepState)]) -> TaskEvaluation {
        let map: HashMap<&str, StepState> = states.iter().copied().collect();
        let evaluation = evaluate(dag, |name| map.get(name).copied());
        // Whatever the outcome, the evaluating_results machine accepts it.
        assert_eq!(
            task_transition(TaskState::EvaluatingResults, evaluation.event),
            Ok(evaluation.next_state)
        );
        evaluation
    }

    #[test]
    fn linear_dag_walks_one_step_at_a_time() {
        let dag = linear();
        let e = eval(&dag, &[]);
        assert_eq!(e.next_state, TaskState::EnqueuingSteps);
        assert_eq!(e.ready_steps, ["a"]);
        assert_eq!(e.counts.pending, 4);
        assert_eq!(e.completion_percentage, 0.0);

        let e = eval(&dag, &[("a", InProgress)]);
        assert_eq!(e.next_state, TaskState::StepsInProcess);
        assert!(e.ready_steps.is_empty());

        let e = eval(&dag, &[("a", Complete)]);
        assert_eq!(e.next_state, TaskState::EnqueuingSteps);
        assert_eq!(e.ready_steps, ["b"]);
        assert_eq!(e.completion_percentage, 25.0);

        let e = eval(&dag, &[("a", Complete), ("b", WaitingForRetry)]);
        assert_eq!(e.next_state, TaskState::WaitingForRetry);
        assert_eq!(e.event, TaskEvent::RetryScheduled);

        let e = eval(&dag, &[("a", Complete), ("b", Error)]);
        assert_eq!(e.next_state, TaskState::BlockedByFailures);
        assert_eq!(e.event, TaskEvent::PermanentFailure);

        let e = eval(
            &dag,
            &[
                ("a", Complete),
                ("b", ResolvedManually),
                ("c", Complete),
                ("d", Complete),
            ],
        );
        assert_eq!(e.next_state, TaskState::Complete);
        assert_eq!(e.event, TaskEvent::AllStepsSuccessful);
        assert_eq!(e.completion_percentage, 100.0);
        assert_eq!(e.counts.satisfied(), 4);
    }

    #[test]
    fn diamond_joins_wait_for_both_branches() {
        let dag = diamond();
        let e = eval(&dag, &[("a", Complete)]);
        assert_eq!(e.ready_steps, ["b", "c"]);

        let e = eval(&dag, &[("a", Complete), ("b", Complete), ("c", Enqueued)]);
        assert_eq!(e.next_state, TaskState::StepsInProcess);
        assert_eq!(e.event, TaskEvent::StepsStillRunning);
        assert_eq!(e.completion_percentage, 50.0);

        let e = eval(&dag, &[("a", Complete), ("b", Complete), ("c", Complete)]);
        assert_eq!(e.ready_steps, ["d"]);

        // One branch failed for good, the other still runs: keep going.
        let e = eval(&dag, &[("a", Complete), ("b", Error), ("c", InProgress)]);
        assert_eq!(e.next_state, TaskState::StepsInProcess);
        // ... and once it is done, the join cannot run: blocked.
        let e = eval(&dag, &[("a", Complete), ("b", Error), ("c", Complete)]);
        assert_eq!(e.next_state, TaskState::BlockedByFailures);
        assert_eq!(e.counts.error, 1);
        // A retry pending on one branch beats a failure on the other.
        let e = eval(
            &dag,
            &[("a", Complete), ("b", Error), ("c", WaitingForRetry)],
        );
        assert_eq!(e.next_state, TaskState::WaitingForRetry);
        // An operator resolving the failed branch unblocks the join.
        let e = eval(
            &dag,
            &[("a", Complete), ("b", ResolvedManually), ("c", Complete)],
        );
        assert_eq!(e.next_state, TaskState::EnqueuingSteps);
        assert_eq!(e.ready_steps, ["d"]);
    }

    #[test]
    fn tree_branches_progress_independently() {
        let dag = tree();
        let e = eval(
            &dag,
            &[
                ("root", Complete),
                ("left", Complete),
                ("right", Error),
                ("l1", EnqueuedForOrchestration),
            ],
        );
        assert_eq!(e.next_state, TaskState::EnqueuingSteps, "l2 is ready");
        assert_eq!(e.ready_steps, ["l2"]);

        let e = eval(
            &dag,
            &[
                ("root", Complete),
                ("left", Complete),
                ("right", Cancelled),
                ("l1", Complete),
                ("l2", EnqueuedAsErrorForOrchestration),
            ],
        );
        assert_eq!(e.next_state, TaskState::StepsInProcess);

        let e = eval(
            &dag,
            &[
                ("root", Complete),
                ("left", Complete),
                ("right", Cancelled),
                ("l1", Complete),
                ("l2", Complete),
            ],
        );
        assert_eq!(e.next_state, TaskState::BlockedByFailures);
        assert_eq!(e.counts.cancelled, 1);
        assert_eq!(e.counts.pending, 1);
        assert_eq!(e.counts.total, 6);
        assert!((e.completion_percentage - 400.0 / 6.0).abs() < 1e-9);
    }

    #[test]
    fn an_empty_dag_is_complete() {
        let dag = Dag::new(Vec::<(String, Vec<String>)>::new()).unwrap();
        let e = eval(&dag, &[]);
        assert_eq!(e.next_state, TaskState::Complete);
        assert_eq!(e.completion_percentage, 100.0);
    }

    #[test]
    fn counts_cover_every_state() {
        let counts = StepCounts::from_states(StepState::ALL.iter().copied());
        assert_eq!(counts.total, StepState::ALL.len());
        for state in StepState::ALL {
            assert_eq!(counts.get(*state), 1, "{state}");
        }
        assert_eq!(counts.in_flight(), 4);
        assert_eq!(counts.satisfied(), 2);
    }
}
