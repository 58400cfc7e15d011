// Analytics: throughput and task durations for a time window, and the
// bottlenecks (slowest steps and tasks, retry hot spots, resource use), as
// small SVG bar charts.
import { timestampFromDate, type Duration } from "@bufbuild/protobuf/wkt";
import { api } from "../api";
import { duration, fill, h, seconds, svg } from "../dom";
import { go, type Route } from "../main";

const WINDOWS: [string, number][] = [
  ["15m", 15 * 60],
  ["1h", 3600],
  ["24h", 86400],
  ["7d", 7 * 86400],
];

function bars(title: string, rows: { label: string; value: number; text: string }[]): HTMLElement {
  const max = Math.max(...rows.map((r) => r.value), 1e-9);
  const rowH = 22;
  const labelW = 220;
  const barW = 300;
  const chart = svg("svg", { class: "bars", viewBox: `0 0 ${labelW + barW + 170} ${rows.length * rowH + 4}`, role: "img", "aria-label": title });
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    chart.append(
      svg("text", { x: 0, y: y + 15, class: "bar-label" }, r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label),
      svg("rect", { x: labelW, y: y + 3, height: rowH - 6, width: Math.max(1, (r.value / max) * barW), class: "bar" }),
      svg("text", { x: labelW + (r.value / max) * barW + 6, y: y + 15, class: "bar-value" }, r.text),
    );
  });
  return h("figure", { class: "card chart" }, h("figcaption", {}, title), rows.length ? chart : h("p", { class: "muted" }, "No data in this window."));
}

export async function analyticsPage(main: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const window_ = route.query.get("window") ?? "1h";
  const span = WINDOWS.find(([name]) => name === window_)?.[1] ?? 3600;
  const end = new Date();
  const start = new Date(end.getTime() - span * 1000);
  const range = { startTime: timestampFromDate(start), endTime: timestampFromDate(end) };
  const [perf, bottlenecks] = await Promise.all([
    api.analytics.getPerformanceMetrics(range, { signal }),
    api.analytics.getBottleneckAnalysis({ ...range, limit: 10 }, { signal }),
  ]);
  const picker = h(
    "div",
    { class: "actions", role: "group", "aria-label": "Time window" },
    WINDOWS.map(([name]) => {
      const b = h("button", { type: "button", "aria-pressed": name === window_ ? "true" : "false" }, name);
      b.addEventListener("click", () => go(`analytics?window=${name}`));
      return b;
    }),
  );
  const stat = (name: string, value: string) => h("div", { class: "card stat" }, h("span", {}, name), h("strong", {}, value));
  const d = perf.taskDuration;
  const durationRows = (pairs: [string, Duration | undefined][]) => pairs.map(([l, v]) => ({ label: l, value: seconds(v), text: duration(v) }));
  const r = bottlenecks.resources;
  fill(
    main,
    h("h1", {}, "Analytics"),
    picker,
    h(
      "div",
      { class: "cards", id: "perf" },
      stat("Created", String(perf.tasksCreated)),
      stat("Completed", String(perf.tasksCompleted)),
      stat("Failed", String(perf.tasksFailed)),
      stat("Cancelled", String(perf.tasksCancelled)),
      stat("Active", String(perf.activeTasks)),
      stat("Tasks / s", perf.tasksPerSecond.toFixed(3)),
      stat("Steps completed", String(perf.stepsCompleted)),
      stat("Error rate", `${(perf.errorRate * 100).toFixed(1)} %`),
    ),
    h(
      "div",
      { class: "charts" },
      bars(`Task duration (${d?.count ?? 0} tasks)`, d ? durationRows([["mean", d.mean], ["p50", d.p50], ["p95", d.p95], ["p99", d.p99], ["max", d.max]]) : []),
      bars(
        "Slowest steps (p95 execution)",
        bottlenecks.slowSteps.map((s) => ({ label: `${s.namespace}/${s.taskName}.${s.stepName}`, value: seconds(s.execution?.p95), text: `${duration(s.execution?.p95)}, ${(s.errorRate * 100).toFixed(0)} % errors` })),
      ),
      bars(
        "Slowest tasks (p95 duration)",
        bottlenecks.slowTasks.map((t) => ({ label: `${t.namespace}/${t.name}@${t.version}`, value: seconds(t.duration?.p95), text: duration(t.duration?.p95) })),
      ),
      bars(
        "Retry hot spots (retries)",
        bottlenecks.retryHotSpots.map((s) => ({ label: `${s.namespace}/${s.handler}`, value: Number(s.retries), text: `${s.retries} retries, ${s.exhausted} exhausted` })),
      ),
    ),
    r
      ? h(
          "dl",
          { class: "facts" },
          h("dt", {}, "Database pool"), h("dd", {}, `${r.dbPoolSize - r.dbPoolIdle}/${r.dbPoolSize} in use (${(r.dbPoolUtilization * 100).toFixed(0)} %)`),
          h("dt", {}, "Active workers"), h("dd", {}, String(r.activeWorkers)),
          h("dt", {}, "Ready steps"), h("dd", {}, String(r.readySteps)),
          h("dt", {}, "Steps in progress"), h("dd", {}, String(r.inProgressSteps)),
        )
      : null,
  );
}
