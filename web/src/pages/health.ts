// Health: the server's detailed health and its readiness checks.
import { HealthStatus } from "../../../gen/ts/tasker/v1/common_pb";
import { api } from "../api";
import { duration, fill, h, label, time } from "../dom";
import type { Route } from "../main";

const TONE: Record<number, string> = {
  [HealthStatus.HEALTHY]: "ok",
  [HealthStatus.DEGRADED]: "warn",
  [HealthStatus.UNHEALTHY]: "bad",
};

export async function healthPage(main: HTMLElement, _route: Route, signal: AbortSignal): Promise<void> {
  const [detailed, ready] = await Promise.all([
    api.health.detailedHealth({}, { signal }),
    api.health.readiness({}, { signal }),
  ]);
  const badge = (s: HealthStatus) => h("span", { class: `badge ${TONE[s] ?? "idle"}`, "data-health": HealthStatus[s] ?? "" }, label(HealthStatus[s]));
  fill(
    main,
    h("h1", {}, "Health"),
    h(
      "dl",
      { class: "facts", id: "health" },
      h("dt", {}, "Status"), h("dd", {}, badge(detailed.status)),
      h("dt", {}, "Ready"), h("dd", {}, ready.ready ? "yes" : "no"),
      h("dt", {}, "Version"), h("dd", {}, detailed.version),
      h("dt", {}, "Environment"), h("dd", {}, detailed.environment),
      h("dt", {}, "Up for"), h("dd", {}, duration(detailed.uptime)),
      h("dt", {}, "Checked"), h("dd", {}, time(detailed.checkedAt)),
    ),
    h("h2", {}, "Components"),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "list" },
        h("thead", {}, h("tr", {}, h("th", {}, "Component"), h("th", {}, "Status"), h("th", {}, "Latency"), h("th", {}, "Message"), h("th", {}, "Details"))),
        h(
          "tbody",
          {},
          detailed.components.map((c) =>
            h(
              "tr",
              {},
              h("td", {}, c.name),
              h("td", {}, badge(c.status)),
              h("td", {}, duration(c.latency)),
              h("td", { class: "wrap" }, c.message),
              h("td", { class: "wrap" }, Object.entries(c.details).map(([k, v]) => `${k}=${v}`).join(", ")),
            ),
          ),
        ),
      ),
    ),
  );
}
