// How states look: each task and step state falls in one of a few tones.
// A task blocked by failures is not terminal, and not running either: it
// needs someone, so it reads "needs attention".
import { StepState, TaskState } from "../../gen/ts/tasker/v1/common_pb";
import { h } from "./dom";

export type Tone = "ok" | "bad" | "run" | "warn" | "idle" | "off";

export function stepTone(state: StepState): Tone {
  switch (state) {
    case StepState.COMPLETE:
    case StepState.RESOLVED_MANUALLY:
      return "ok";
    case StepState.ERROR:
      return "bad";
    case StepState.WAITING_FOR_RETRY:
      return "warn";
    case StepState.CANCELLED:
      return "off";
    case StepState.PENDING:
    case StepState.UNSPECIFIED:
      return "idle";
    default:
      return "run";
  }
}

export function taskTone(state: TaskState): Tone {
  switch (state) {
    case TaskState.COMPLETE:
    case TaskState.RESOLVED_MANUALLY:
      return "ok";
    case TaskState.ERROR:
      return "bad";
    case TaskState.BLOCKED_BY_FAILURES:
    case TaskState.WAITING_FOR_RETRY:
      return "warn";
    case TaskState.CANCELLED:
      return "off";
    case TaskState.PENDING:
      return "idle";
    default:
      return "run";
  }
}

export const TERMINAL_TASK_STATES = [
  TaskState.COMPLETE,
  TaskState.ERROR,
  TaskState.CANCELLED,
  TaskState.RESOLVED_MANUALLY,
];

export function taskStateName(state: TaskState): string {
  return TaskState[state] ?? "UNSPECIFIED";
}

export function stepStateName(state: StepState): string {
  return StepState[state] ?? "UNSPECIFIED";
}

export function taskStateLabel(state: TaskState): string {
  if (state === TaskState.BLOCKED_BY_FAILURES) return "needs attention";
  return taskStateName(state).toLowerCase().replace(/_/g, " ");
}

export function taskBadge(state: TaskState): HTMLElement {
  return h(
    "span",
    { class: `badge ${taskTone(state)}`, "data-state": taskStateName(state) },
    taskStateLabel(state),
  );
}

export function stepBadge(state: StepState): HTMLElement {
  return h(
    "span",
    { class: `badge ${stepTone(state)}`, "data-state": stepStateName(state) },
    stepStateName(state).toLowerCase().replace(/_/g, " "),
  );
}
