//! Plans: what re-evaluating a task changes, decided as a pure function of
//! the task's state and its steps' states.
//!
//! The store reads the states, asks [`reevaluation`] for a [`TaskPlan`] and
//! applies it in its transaction (one UPDATE for the enqueued steps, one for
//! the task, the transition rows in one INSERT per table), so the rules live
//! here and are tested without a database.

use crate::machine::task_events_accepted;
use crate::{CoreError, Dag, StepState, TaskEvent, TaskState, evaluate::evaluate_given};

/// One task transition of a plan, in the order it is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedTransition {
    /// The state the task leaves.
    pub from: TaskState,
    /// The event the machine accepts for it.
    pub event: TaskEvent,
    /// The state the task enters.
    pub to: TaskState,
}

/// The changes one re-evaluation makes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskPlan {
    /// Declaration indexes of the `pending` steps to enqueue, in topological
    /// order.
    pub enqueue: Vec<usize>,
    /// The task's transitions, in order (empty when its state stays).
    pub transitions: Vec<PlannedTransition>,
}

impl TaskPlan {
    /// The task's state once the plan is applied, given the state it starts
    /// from.
    pub fn final_state(&self, current: TaskState) -> TaskState {
        self.transitions.last().map_or(current, |t| t.to)
    }

    /// Whether the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.enqueue.is_empty() && self.transitions.is_empty()
    }
}

/// Re-evaluates a task in state `current` whose steps (by `dag`'s
/// declaration index) are in `states`: every `pending` step whose
/// dependencies are satisfied is enqueued, then the task moves to the state
/// the steps call for (rules in [`crate::evaluate`]) through
/// `evaluating_results`. A task in a final state is left alone, so late
/// results never revive it.
///
/// `states` is updated to the states after the plan (enqueued steps become
/// `enqueued`).
///
/// # Errors
/// [`CoreError`] when the machine has no way from `current` to
/// `evaluating_results` (a state the orchestrator never re-evaluates from).
pub fn reevaluation(
    current: TaskState,
    dag: &Dag,
    states: &mut [StepState],
) -> Result<TaskPlan, CoreError> {
    let mut plan = TaskPlan::default();
    if current.is_terminal() {
        return Ok(plan);
    }
    plan.enqueue = dag.ready_indexes(states);
    for &i in &plan.enqueue {
        if let Some(state) = states.get_mut(i) {
            *state = state.on(crate::StepEvent::Enqueue)?;
        }
    }
    let evaluation = evaluate_given(dag, states);
    let target = evaluation.next_state;
    if target == current {
        return Ok(plan);
    }
    let mut from = current;
    if from != TaskState::EvaluatingResults {
        let event = task_events_accepted(from)
            .find(|e| from.on(*e) == Ok(TaskState::EvaluatingResults))
            .ok_or_else(|| CoreError::IllegalTransition {
                machine: "task",
                from: from.as_str(),
                event: "evaluate",
                action: "re-evaluate",
                accepted: task_events_accepted(from).map(TaskEvent::as_str).collect(),
            })?;
        plan.transitions.push(PlannedTransition {
            from,
            event,
            to: TaskState::EvaluatingResults,
        });
        from = TaskState::EvaluatingResults;
    }
    let to = from.on(evaluation.event)?;
    plan.transitions.push(PlannedTransition {
        from,
        event: evaluation.event,
        to,
    });
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepState::{Complete, Enqueued, Error, InProgress, Pending, WaitingForRetry};

    fn linear() -> Dag {
        Dag::new([("a", vec![]), ("b", vec!["a"]), ("c", vec!["b"])]).unwrap()
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

    #[test]
    fn a_completed_step_enqueues_its_dependents_and_the_task_keeps_running() {
        let mut states = [Complete, Pending, Pending];
        let plan = reevaluation(TaskState::StepsInProcess, &linear(), &mut states).unwrap();
        assert_eq!(plan.enqueue, vec![1]);
        assert!(plan.transitions.is_empty());
        assert_eq!(states, [Complete, Enqueued, Pending]);
    }

    #[test]
    fn the_last_step_completes_the_task_through_evaluating_results() {
        let mut states = [Complete, Complete, Complete];
        let plan = reevaluation(TaskState::StepsInProcess, &linear(), &mut states).unwrap();
        assert!(plan.enqueue.is_empty());
        let path: Vec<_> = plan.transitions.iter().map(|t| (t.from, t.to)).collect();
        assert_eq!(
            path,
            vec![
                (TaskState::StepsInProcess, TaskState::EvaluatingResults),
                (TaskState::EvaluatingResults, TaskState::Complete),
            ]
        );
        assert_eq!(
            plan.final_state(TaskState::StepsInProcess),
            TaskState::Complete
        );
    }

    #[test]
    fn a_join_waits_for_every_branch() {
        let mut states = [Complete, Complete, InProgress, Pending];
        let plan = reevaluation(TaskState::StepsInProcess, &diamond(), &mut states).unwrap();
        assert!(plan.is_empty());
        let mut states = [Complete, Complete, Complete, Pending];
        let plan = reevaluation(TaskState::StepsInProcess, &diamond(), &mut states).unwrap();
        assert_eq!(plan.enqueue, vec![3]);
    }

    #[test]
    fn a_failed_step_blocks_the_task_and_a_retry_waits() {
        let mut states = [Error, Pending, Pending];
        let plan = reevaluation(TaskState::StepsInProcess, &linear(), &mut states).unwrap();
        assert_eq!(
            plan.final_state(TaskState::StepsInProcess),
            TaskState::BlockedByFailures
        );
        let mut states = [WaitingForRetry, Pending, Pending];
        let plan = reevaluation(TaskState::StepsInProcess, &linear(), &mut states).unwrap();
        assert_eq!(
            plan.final_state(TaskState::StepsInProcess),
            TaskState::WaitingForRetry
        );
    }

    #[test]
    fn a_final_task_is_left_alone() {
        for state in [TaskState::Complete, TaskState::Cancelled] {
            let mut states = [Complete, Pending, Pending];
            let plan = reevaluation(state, &linear(), &mut states).unwrap();
            assert!(plan.is_empty());
            assert_eq!(states, [Complete, Pending, Pending]);
        }
    }

    #[test]
    fn every_planned_transition_is_one_the_machine_accepts() {
        let all = StepState::ALL;
        for current in TaskState::ALL.iter().copied().filter(|s| !s.is_terminal()) {
            for a in all {
                for b in all {
                    let mut states = [*a, *b, Pending];
                    let Ok(plan) = reevaluation(current, &linear(), &mut states) else {
                        continue;
                    };
                    let mut at = current;
                    for t in &plan.transitions {
                        assert_eq!(t.from, at);
                        assert_eq!(at.on(t.event), Ok(t.to));
                        at = t.to;
                    }
                }
            }
        }
    }
}
