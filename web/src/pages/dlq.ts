// The dead-letter queue: statistics, the investigation queue (most urgent
// first) with an inline update of an entry, and staleness monitoring.
import {
  DlqReason,
  DlqResolutionStatus,
  StalenessHealth,
  type DlqEntry,
  type InvestigationQueueItem,
} from "../../../gen/ts/tasker/v1/dlq_pb";
import { TaskState } from "../../../gen/ts/tasker/v1/common_pb";
import { api, describe } from "../api";
import { duration, errorBox, fill, h, label, time } from "../dom";
import type { Route } from "../main";

const HEALTH_TONE: Record<number, string> = {
  [StalenessHealth.HEALTHY]: "ok",
  [StalenessHealth.WARNING]: "warn",
  [StalenessHealth.STALE]: "bad",
};

export async function dlqPage(main: HTMLElement, _route: Route, signal: AbortSignal): Promise<void> {
  const [stats, queue, staleness] = await Promise.all([
    api.dlq.getStats({}, { signal }),
    api.dlq.getInvestigationQueue({ pageSize: 100 }, { signal }),
    api.dlq.getStalenessMonitoring({ pageSize: 100 }, { signal }),
  ]);
  const editor = h("section", { id: "dlq-editor", "aria-live": "polite" });
  fill(
    main,
    h("h1", {}, "Dead letters"),
    h(
      "div",
      { class: "cards" },
      h("div", { class: "card stat" }, h("span", {}, "Entries"), h("strong", { id: "dlq-total" }, String(stats.total))),
      h("div", { class: "card stat" }, h("span", {}, "Pending"), h("strong", { id: "dlq-pending" }, String(stats.pending))),
      h("div", { class: "card stat" }, h("span", {}, "Average resolution"), h("strong", {}, duration(stats.averageResolutionTime))),
    ),
    stats.byReason.length
      ? h(
          "table",
          { class: "list" },
          h("thead", {}, h("tr", {}, h("th", {}, "Reason"), h("th", {}, "Total"), h("th", {}, "Pending"), h("th", {}, "Resolved"), h("th", {}, "Failed"), h("th", {}, "Oldest pending"))),
          h(
            "tbody",
            {},
            stats.byReason.map((r) =>
              h("tr", {}, h("td", {}, label(DlqReason[r.reason])), h("td", {}, String(r.total)), h("td", {}, String(r.pending)), h("td", {}, String(r.manuallyResolved)), h("td", {}, String(r.permanentlyFailed)), h("td", {}, time(r.oldestPendingAt))),
            ),
          ),
        )
      : null,
    h("h2", {}, "Investigation queue"),
    queueTable(queue.items, editor),
    editor,
    h("h2", {}, "Staleness"),
    h("p", { class: "muted" }, "Time in the current state against the template's threshold: healthy under 80 %, warning 80–100 %, stale above."),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "list", id: "staleness" },
        h("thead", {}, h("tr", {}, h("th", {}, "Task"), h("th", {}, "Template"), h("th", {}, "State"), h("th", {}, "In state"), h("th", {}, "Threshold"), h("th", {}, "Health"))),
        h(
          "tbody",
          {},
          staleness.records.length
            ? staleness.records.map((r) =>
                h(
                  "tr",
                  {},
                  h("td", {}, h("a", { href: `#/tasks/${r.taskUuid}`, class: "mono" }, r.taskUuid)),
                  h("td", {}, `${r.namespace}/${r.name}@${r.version}`),
                  h("td", {}, label(TaskState[r.state])),
                  h("td", {}, duration(r.timeInState)),
                  h("td", {}, `${duration(r.threshold)} (${r.thresholdPercentage.toFixed(0)} %)`),
                  h("td", {}, h("span", { class: `badge ${HEALTH_TONE[r.health] ?? "idle"}`, "data-health": StalenessHealth[r.health] ?? "" }, label(StalenessHealth[r.health]))),
                ),
              )
            : h("tr", {}, h("td", { colspan: 6, class: "muted" }, "No running task is being watched for staleness.")),
        ),
      ),
    ),
  );
}

function queueTable(items: InvestigationQueueItem[], editor: HTMLElement): HTMLElement {
  if (!items.length) return h("p", { class: "muted", id: "dlq-queue" }, "Nothing to investigate.");
  return h(
    "div",
    { class: "scroll" },
    h(
      "table",
      { class: "list", id: "dlq-queue" },
      h("thead", {}, h("tr", {}, h("th", {}, "Task"), h("th", {}, "Template"), h("th", {}, "Reason"), h("th", {}, "Status"), h("th", {}, "Score"), h("th", {}, "Age"), h("th", {}, ""))),
      h(
        "tbody",
        {},
        items.map((item) => {
          const e = item.entry;
          if (!e) return null;
          const update = h("button", { type: "button", class: "link", "data-entry": e.dlqEntryUuid }, "Update");
          update.addEventListener("click", () => edit(e, editor));
          return h(
            "tr",
            { "data-task": e.taskUuid },
            h("td", {}, h("a", { href: `#/tasks/${e.taskUuid}`, class: "mono" }, e.taskUuid)),
            h("td", {}, `${e.namespace}/${e.name}@${e.version}`),
            h("td", {}, label(DlqReason[e.reason])),
            h("td", {}, label(DlqResolutionStatus[e.resolutionStatus])),
            h("td", {}, item.priorityScore.toFixed(1)),
            h("td", {}, duration(item.age)),
            h("td", {}, update),
          );
        }),
      ),
    ),
  );
}

function edit(entry: DlqEntry, editor: HTMLElement): void {
  const statusSelect = h(
    "select",
    { id: "dlq-status", name: "status" },
    [DlqResolutionStatus.PENDING, DlqResolutionStatus.MANUALLY_RESOLVED, DlqResolutionStatus.PERMANENTLY_FAILED, DlqResolutionStatus.CANCELLED].map((s) =>
      h("option", { value: s, selected: s === entry.resolutionStatus }, label(DlqResolutionStatus[s])),
    ),
  ) as HTMLSelectElement;
  const notes = h("textarea", { id: "dlq-notes", name: "notes", rows: 3 }, entry.resolutionNotes) as HTMLTextAreaElement;
  const status = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card" },
    h("h3", {}, "Investigation of ", h("span", { class: "mono" }, entry.taskUuid)),
    h("label", { for: "dlq-status" }, "Resolution"),
    statusSelect,
    h("label", { for: "dlq-notes" }, "Notes"),
    notes,
    h("button", { type: "submit" }, "Save"),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api.dlq.updateInvestigation({
        entry: { ...entry, resolutionStatus: Number(statusSelect.value), resolutionNotes: notes.value },
        updateMask: { paths: ["resolution_status", "resolution_notes"] },
      });
      fill(status, h("p", { class: "ok-text" }, "Saved."));
    } catch (e) {
      fill(status, errorBox(describe(e)));
    }
  });
  fill(editor, form);
  statusSelect.focus();
}
