// Tasks: filter by state, namespace and template; keyset paging; the
// server's counts by state of every task the filters match (CountTasks),
// refreshed every few seconds with the page; a form to create a task from a
// registered template.
import { TaskState } from "../../../gen/ts/tasker/v1/common_pb";
import type { CountTasksResponse, Task } from "../../../gen/ts/tasker/v1/task_pb";
import type { JsonObject } from "@bufbuild/protobuf";
import { api, describe } from "../api";
import { errorBox, fill, h, time } from "../dom";
import { go, type Route } from "../main";
import { taskBadge, taskStateLabel, taskStateName, taskTone } from "../states";

const REFRESH_MS = 3000;
const STATES = Object.values(TaskState).filter((v): v is TaskState => typeof v === "number" && v !== 0);

function query(params: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `tasks?${s}` : "tasks";
}

export async function tasksPage(main: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const state = route.query.get("state") ?? "";
  const namespace = route.query.get("namespace") ?? "";
  const name = route.query.get("name") ?? "";
  const size = Number(route.query.get("size") ?? "50") || 50;
  const tokens: string[] = [""];

  const stateSelect = h(
    "select",
    { id: "filter-state", name: "state" },
    h("option", { value: "" }, "any state"),
    STATES.map((s) => h("option", { value: taskStateName(s), selected: taskStateName(s) === state }, taskStateLabel(s))),
  ) as HTMLSelectElement;
  const nsInput = h("input", { id: "filter-namespace", name: "namespace", value: namespace, placeholder: "namespace" }) as HTMLInputElement;
  const nameInput = h("input", { id: "filter-name", name: "name", value: name, placeholder: "template name" }) as HTMLInputElement;
  const sizeSelect = h(
    "select",
    { id: "filter-size", name: "size" },
    [25, 50, 100, 250, 500].map((n) => h("option", { value: n, selected: n === size }, `${n} per page`)),
  ) as HTMLSelectElement;
  const filters = h(
    "form",
    { class: "filters", role: "search" },
    h("label", {}, "State ", stateSelect),
    h("label", {}, "Namespace ", nsInput),
    h("label", {}, "Template ", nameInput),
    h("label", {}, "Page ", sizeSelect),
    h("button", { type: "submit" }, "Filter"),
  );
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    go(query({ state: stateSelect.value, namespace: nsInput.value.trim(), name: nameInput.value.trim(), size: sizeSelect.value }));
  });

  const counts = h("div", { class: "counts", id: "task-counts", "aria-live": "polite" });
  const body = h("tbody");
  const table = h(
    "table",
    { class: "list", id: "tasks-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Task"), h("th", {}, "Template"), h("th", {}, "State"), h("th", {}, "Progress"), h("th", {}, "Created"))),
    body,
  );
  const status = h("div", { "aria-live": "polite" });
  const prev = h("button", { type: "button", id: "prev-page" }, "← Previous") as HTMLButtonElement;
  const next = h("button", { type: "button", id: "next-page" }, "Next →") as HTMLButtonElement;
  const more = h("button", { type: "button", id: "more-tasks" }, "Show more") as HTMLButtonElement;
  const pageInfo = h("span", { class: "muted" });
  let nextToken = "";
  // Pages appended with "Show more": the list keeps them and stops refreshing.
  let appended = 0;
  let shown: Task[] = [];
  let totals: CountTasksResponse | null = null;
  const showCounts = (): void => {
    fill(
      counts,
      totals ? h("span", { class: "muted", id: "task-total", "data-total": String(totals.total) }, `${totals.total} match:`) : null,
      (totals?.counts ?? []).map((c) =>
        h("span", { class: `badge ${taskTone(c.state)}`, "data-count": taskStateName(c.state) }, `${taskStateLabel(c.state)} ${c.count}`),
      ),
      h("span", { class: "muted" }, `${shown.length} shown`),
    );
  };

  const row = (task: Task): HTMLElement =>
    h(
      "tr",
      { "data-task": task.taskUuid, class: taskTone(task.state) },
      h("td", {}, h("a", { href: `#/tasks/${task.taskUuid}`, class: "mono" }, task.taskUuid)),
      h("td", {}, `${task.namespace}/${task.name}@${task.version}`),
      h("td", {}, taskBadge(task.state)),
      h("td", {}, h("progress", { max: 100, value: Math.round(task.completionPercentage) }), ` ${Math.round(task.completionPercentage)}%`),
      h("td", {}, time(task.createdAt)),
    );

  const load = async (): Promise<void> => {
    const token = tokens[tokens.length - 1] ?? "";
    const stateValue = state ? TaskState[state as keyof typeof TaskState] : undefined;
    const states = stateValue ? [stateValue] : [];
    const [response, counted] = await Promise.all([
      api.tasks.listTasks({ pageSize: size, pageToken: token, namespace, name, states }, { signal }),
      api.tasks.countTasks({ namespace, name, states }, { signal }),
    ]);
    nextToken = response.nextPageToken;
    totals = counted;
    shown = response.tasks;
    showCounts();
    const fragment = document.createDocumentFragment();
    for (const task of response.tasks) fragment.append(row(task));
    fill(body, fragment);
    if (response.tasks.length === 0) body.append(h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No tasks match.")));
    appended = 0;
    prev.disabled = tokens.length <= 1;
    next.disabled = !nextToken;
    more.disabled = !nextToken;
    pageInfo.textContent = `page ${tokens.length}`;
    status.replaceChildren();
  };
  const showMore = async (): Promise<void> => {
    if (!nextToken) return;
    const stateValue = state ? TaskState[state as keyof typeof TaskState] : undefined;
    const response = await api.tasks.listTasks(
      { pageSize: size, pageToken: nextToken, namespace, name, states: stateValue ? [stateValue] : [] },
      { signal },
    );
    nextToken = response.nextPageToken;
    appended += 1;
    shown = shown.concat(response.tasks);
    showCounts();
    const fragment = document.createDocumentFragment();
    for (const task of response.tasks) fragment.append(row(task));
    body.append(fragment);
    next.disabled = true;
    more.disabled = !nextToken;
    pageInfo.textContent = `${body.childElementCount} tasks shown; live refresh paused (Previous/Next or Filter resumes it)`;
  };
  more.addEventListener("click", () => void showMore().catch((e) => fill(status, errorBox(describe(e)))));
  prev.addEventListener("click", () => {
    if (tokens.length > 1) tokens.pop();
    void load().catch((e) => fill(status, errorBox(describe(e))));
  });
  next.addEventListener("click", () => {
    if (nextToken && !appended) tokens.push(nextToken);
    void load().catch((e) => fill(status, errorBox(describe(e))));
  });

  fill(
    main,
    h("h1", {}, "Tasks"),
    await createForm(signal),
    filters,
    counts,
    status,
    h("div", { class: "scroll" }, table),
    h("div", { class: "pager" }, prev, pageInfo, next, more),
  );
  await load();
  const timer = window.setInterval(() => {
    if (document.visibilityState !== "visible" || appended) return;
    void load().catch((e) => {
      if (!signal.aborted) fill(status, errorBox(describe(e)));
    });
  }, REFRESH_MS);
  signal.addEventListener("abort", () => window.clearInterval(timer));
}

async function createForm(signal: AbortSignal): Promise<HTMLElement> {
  const templates = await api.templates.listTemplates({ pageSize: 500 }, { signal }).catch(() => null);
  const select = h(
    "select",
    { id: "create-template", name: "template", required: true },
    (templates?.templates ?? []).map((t) =>
      h("option", { value: `${t.namespace}/${t.name}/${t.version}` }, `${t.namespace}/${t.name}@${t.version}`),
    ),
  ) as HTMLSelectElement;
  const context = h("textarea", { id: "create-context", name: "context", rows: 2, spellcheck: false }, "{}") as HTMLTextAreaElement;
  const status = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card create", id: "create-task" },
    h("h2", {}, "Create a task"),
    h("label", { for: "create-template" }, "Template"),
    select,
    h("label", { for: "create-context" }, "Context (JSON object)"),
    context,
    h("button", { type: "submit" }, "Create"),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const [namespace = "", name = "", version = ""] = select.value.split("/");
    let parsed: JsonObject;
    try {
      parsed = JSON.parse(context.value || "{}") as JsonObject;
    } catch (e) {
      fill(status, errorBox(`Context is not JSON: ${String(e)}`));
      return;
    }
    try {
      const created = await api.tasks.createTask({ namespace, name, version, context: parsed, initiator: "dashboard" });
      if (created.task) go(`tasks/${created.task.taskUuid}`);
    } catch (e) {
      fill(status, errorBox(describe(e)));
    }
  });
  return form;
}
