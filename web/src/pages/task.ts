// One task: its step DAG, updated live from StreamTaskStatus (one stream,
// closed when the page is left); each step's results, error, attempts and
// audit trail; cancel; resolve a step by hand with a reason.
import type { JsonObject } from "@bufbuild/protobuf";
import { StepState, TaskState } from "../../../gen/ts/tasker/v1/common_pb";
import { ManualResolutionAction, type Step } from "../../../gen/ts/tasker/v1/step_pb";
import type { Task } from "../../../gen/ts/tasker/v1/task_pb";
import { api, describe } from "../api";
import { drawDag } from "../dag";
import { duration, errorBox, fill, h, json, label, time } from "../dom";
import type { Route } from "../main";
import { stepBadge, taskBadge, TERMINAL_TASK_STATES } from "../states";

const RESOLVABLE = [
  StepState.ERROR,
  StepState.WAITING_FOR_RETRY,
  StepState.PENDING,
  StepState.ENQUEUED,
  StepState.IN_PROGRESS,
];

export async function taskPage(main: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const taskUuid = route.path[1] ?? "";
  let task: Task | undefined = (await api.tasks.getTask({ taskUuid }, { signal })).task;
  let steps: Step[] = await listSteps(taskUuid, signal);
  let selected = route.query.get("step") ?? "";

  const header = h("div", { class: "task-head" });
  const live = h("span", { id: "live", class: "muted", "aria-live": "polite" });
  const graph = h("div", { class: "scroll graph", id: "dag" });
  const stepsBody = h("tbody");
  const detail = h("section", { class: "card", id: "step-detail", "aria-live": "polite" });
  const status = h("div", { "aria-live": "assertive" });

  const renderHeader = (): void => {
    if (!task) return;
    const t = task;
    const terminal = TERMINAL_TASK_STATES.includes(t.state);
    const cancel = h("button", { type: "button", id: "cancel-task", class: "danger", disabled: terminal }, "Cancel task");
    cancel.addEventListener("click", async () => {
      if (!window.confirm("Cancel this task? Its unfinished steps are cancelled.")) return;
      try {
        const response = await api.tasks.cancelTask({ taskUuid, reason: "cancelled from the dashboard" });
        task = response.task ?? task;
        renderHeader();
      } catch (e) {
        fill(status, errorBox(describe(e)));
      }
    });
    fill(
      header,
      h("h1", {}, `${t.namespace}/${t.name}@${t.version}`),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Task"), h("dd", { class: "mono" }, t.taskUuid),
        h("dt", {}, "State"), h("dd", { id: "task-state", "data-state": TaskState[t.state] ?? "" }, taskBadge(t.state)),
        h("dt", {}, "Progress"), h("dd", {}, `${Math.round(t.completionPercentage)}% (${t.stepCounts?.complete ?? 0}/${t.stepCounts?.total ?? 0} complete)`),
        h("dt", {}, "Health"), h("dd", {}, label(healthName(t.health))),
        h("dt", {}, "Created"), h("dd", {}, `${time(t.createdAt)} by ${t.createdBy || "—"}`),
        h("dt", {}, "Completed"), h("dd", {}, time(t.completedAt)),
      ),
      h("div", { class: "actions" }, cancel, live),
      t.context && Object.keys(t.context).length ? h("details", {}, h("summary", {}, "Context"), json(t.context)) : null,
    );
  };

  const select = (name: string): void => {
    selected = name;
    renderGraph();
    renderSteps();
    void renderDetail();
  };

  const renderGraph = (): void => {
    fill(
      graph,
      drawDag(
        steps.map((s) => ({ name: s.name, dependsOn: s.dependsOn, state: s.state })),
        select,
        selected,
      ),
    );
  };

  const renderSteps = (): void => {
    fill(
      stepsBody,
      ...steps.map((s) => {
        const link = h("button", { type: "button", class: "link" }, s.name);
        link.addEventListener("click", () => select(s.name));
        return h(
          "tr",
          { "data-step": s.name, class: s.name === selected ? "selected" : "" },
          h("td", {}, link),
          h("td", {}, s.handler),
          h("td", {}, stepBadge(s.state)),
          h("td", {}, `${s.attempts}/${s.maxAttempts}`),
          h("td", { class: "wrap" }, s.lastError?.message ?? ""),
        );
      }),
    );
  };

  const renderDetail = async (): Promise<void> => {
    const step = steps.find((s) => s.name === selected);
    if (!step) {
      fill(detail, h("p", { class: "muted" }, "Select a step in the graph or the table to see its results, errors, audit trail and manual resolution."));
      return;
    }
    const audit = await api.steps
      .getStepAudit({ taskUuid, stepUuid: step.stepUuid, pageSize: 100 }, { signal })
      .then((r) => r.records)
      .catch(() => []);
    if (selected !== step.name) return;
    fill(
      detail,
      h("h2", {}, `Step ${step.name}`),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "State"), h("dd", { id: "step-state" }, stepBadge(step.state)),
        h("dt", {}, "Handler"), h("dd", {}, step.handler),
        h("dt", {}, "Attempts"), h("dd", {}, `${step.attempts} of ${step.maxAttempts}${step.retryable ? "" : " (not retryable)"}`),
        h("dt", {}, "Next retry"), h("dd", {}, time(step.nextRetryAt)),
        h("dt", {}, "Worker"), h("dd", { class: "mono" }, step.workerUuid || "—"),
      ),
      step.lastError
        ? h("div", { class: "step-error" }, h("h3", {}, "Last error"), errorBox(`${step.lastError.errorClass ? `${step.lastError.errorClass}: ` : ""}${step.lastError.message}`), step.lastError.details ? json(step.lastError.details) : null)
        : null,
      step.results && Object.keys(step.results).length ? h("div", {}, h("h3", {}, "Results"), json(step.results)) : null,
      RESOLVABLE.includes(step.state) ? resolveForm(taskUuid, step, async () => refresh()) : null,
      h("h3", {}, "Audit trail"),
      h(
        "div",
        { class: "scroll" },
        h(
          "table",
          { class: "list", id: "audit" },
          h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Transition"), h("th", {}, "Event"), h("th", {}, "By"), h("th", {}, "Attempt"), h("th", {}, "Took"), h("th", {}, "Reason / error"))),
          h(
            "tbody",
            {},
            audit.map((r) =>
              h(
                "tr",
                {},
                h("td", {}, time(r.occurredAt)),
                h("td", {}, label(StepState[r.fromState]), " → ", label(StepState[r.toState])),
                h("td", {}, r.event),
                h("td", {}, r.performedBy || r.workerUuid || "—"),
                h("td", {}, r.attempt || ""),
                h("td", {}, r.executionDuration ? duration(r.executionDuration) : ""),
                h("td", { class: "wrap" }, r.reason || r.error?.message || ""),
              ),
            ),
          ),
        ),
      ),
    );
  };

  let refreshing: Promise<void> | null = null;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        steps = await listSteps(taskUuid, signal);
        task = (await api.tasks.getTask({ taskUuid }, { signal })).task ?? task;
      } while (again);
      renderHeader();
      renderGraph();
      renderSteps();
      await renderDetail();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  renderHeader();
  renderGraph();
  renderSteps();
  await renderDetail();
  fill(
    main,
    header,
    status,
    h("h2", {}, "Steps"),
    graph,
    h(
      "div",
      { class: "scroll" },
      h("table", { class: "list", id: "steps" }, h("thead", {}, h("tr", {}, h("th", {}, "Step"), h("th", {}, "Handler"), h("th", {}, "State"), h("th", {}, "Attempts"), h("th", {}, "Last error"))), stepsBody),
    ),
    detail,
  );
  void watch(taskUuid, signal, live, async (update) => {
    if (update.task) task = update.task;
    const change = update.stepChange;
    if (change) {
      const step = steps.find((s) => s.stepUuid === change.stepUuid);
      if (step) step.state = change.toState;
    }
    renderHeader();
    renderGraph();
    renderSteps();
    await refresh();
  });
}

/** Watches the task until it is terminal or the page is left, reconnecting after an error. */
async function watch(
  taskUuid: string,
  signal: AbortSignal,
  live: HTMLElement,
  onUpdate: (update: { task?: Task; stepChange?: { stepUuid: string; toState: StepState } }) => Promise<void>,
): Promise<void> {
  while (!signal.aborted) {
    try {
      live.textContent = "● live";
      for await (const update of api.tasks.streamTaskStatus({ taskUuid }, { signal })) {
        await onUpdate(update);
        if (update.terminal) {
          live.textContent = "finished";
          return;
        }
      }
      live.textContent = "finished";
      return;
    } catch (error) {
      if (signal.aborted) return;
      live.textContent = `watch interrupted (${describe(error)}); reconnecting…`;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

async function listSteps(taskUuid: string, signal: AbortSignal): Promise<Step[]> {
  const steps: Step[] = [];
  let pageToken = "";
  do {
    const page = await api.steps.listSteps({ taskUuid, pageSize: 500, pageToken }, { signal });
    steps.push(...page.steps);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return steps;
}

function healthName(health: number): string {
  return ["unspecified", "healthy", "recovering", "warning", "stale", "blocked"][health] ?? "unspecified";
}

function resolveForm(taskUuid: string, step: Step, done: () => Promise<void>): HTMLElement {
  const action = h(
    "select",
    { id: "resolve-action", name: "action" },
    h("option", { value: ManualResolutionAction.RESET_FOR_RETRY }, "Reset for retry (run it again)"),
    h("option", { value: ManualResolutionAction.RESOLVE_MANUALLY }, "Resolve manually (count as done, no results)"),
    h("option", { value: ManualResolutionAction.COMPLETE_MANUALLY }, "Complete manually (with results)"),
  ) as HTMLSelectElement;
  const reason = h("input", { id: "resolve-reason", name: "reason", required: true, placeholder: "why (kept in the audit trail)" }) as HTMLInputElement;
  const results = h("textarea", { id: "resolve-results", name: "results", rows: 2, spellcheck: false }, "{}") as HTMLTextAreaElement;
  const status = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "resolve", id: "resolve-step" },
    h("h3", {}, "Resolve by hand"),
    h("label", { for: "resolve-action" }, "Action"),
    action,
    h("label", { for: "resolve-reason" }, "Reason"),
    reason,
    h("label", { for: "resolve-results" }, "Results (JSON, for complete manually)"),
    results,
    h("button", { type: "submit" }, "Resolve step"),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let parsed: JsonObject | undefined;
    const chosen = Number(action.value) as ManualResolutionAction;
    if (chosen === ManualResolutionAction.COMPLETE_MANUALLY) {
      try {
        parsed = JSON.parse(results.value || "{}") as JsonObject;
      } catch (e) {
        fill(status, errorBox(`Results are not JSON: ${String(e)}`));
        return;
      }
    }
    try {
      // The operator is the signed-in credential (the server records it).
      const me = await api.auth.whoAmI({});
      await api.steps.resolveStep({
        taskUuid,
        stepUuid: step.stepUuid,
        action: chosen,
        reason: reason.value.trim(),
        performedBy: me.subject,
        results: parsed,
      });
      fill(status, h("p", { class: "ok-text" }, "Resolved."));
      await done();
    } catch (e) {
      fill(status, errorBox(describe(e)));
    }
  });
  return form;
}
