// Templates: the registered templates, one template's step DAG, and a YAML
// editor that validates or registers a template and lists its violations.
import { StepState } from "../../../gen/ts/tasker/v1/common_pb";
import { BadRequestSchema } from "../../../gen/ts/google/rpc/error_details_pb";
import type { TemplateViolation } from "../../../gen/ts/tasker/v1/template_pb";
import { api, ConnectError, describe } from "../api";
import { drawDag } from "../dag";
import { duration, errorBox, fill, h, json } from "../dom";
import { go, type Route } from "../main";

const EXAMPLE = `namespace: demo
name: hello
version: 1.0.0
steps:
  - name: first
    handler: noop
  - name: second
    handler: noop
    depends_on: [first]
`;

export async function templatesPage(main: HTMLElement, _route: Route, signal: AbortSignal): Promise<void> {
  const list = await api.templates.listTemplates({ pageSize: 500 }, { signal });
  fill(
    main,
    h("h1", {}, "Templates"),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "list", id: "templates" },
        h("thead", {}, h("tr", {}, h("th", {}, "Template"), h("th", {}, "Steps"), h("th", {}, "Description"))),
        h(
          "tbody",
          {},
          list.templates.map((t) =>
            h(
              "tr",
              {},
              h("td", {}, h("a", { href: `#/templates/${t.namespace}/${t.name}/${t.version}` }, `${t.namespace}/${t.name}@${t.version}`)),
              h("td", {}, String(t.steps.length)),
              h("td", { class: "wrap" }, t.description),
            ),
          ),
        ),
      ),
    ),
    editor(),
  );
}

export async function templatePage(main: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const [, namespace = "", name = "", version = ""] = route.path;
  const template = (await api.templates.getTemplate({ namespace, name, version }, { signal })).template;
  if (!template) throw new Error("no template in the answer");
  fill(
    main,
    h("p", {}, h("a", { href: "#/templates" }, "← Templates")),
    h("h1", {}, `${template.namespace}/${template.name}@${template.version}`),
    h("p", {}, template.description),
    h("div", { class: "scroll graph", id: "template-dag" }, drawDag(template.steps.map((s) => ({ name: s.name, dependsOn: s.dependsOn, state: StepState.UNSPECIFIED })))),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "list" },
        h("thead", {}, h("tr", {}, h("th", {}, "Step"), h("th", {}, "Handler"), h("th", {}, "Depends on"), h("th", {}, "Attempts"), h("th", {}, "Timeout"), h("th", {}, "Description"))),
        h(
          "tbody",
          {},
          template.steps.map((s) =>
            h(
              "tr",
              {},
              h("td", {}, s.name),
              h("td", {}, s.handler),
              h("td", {}, s.dependsOn.join(", ") || "—"),
              h("td", {}, String(s.retry?.maxAttempts ?? template.defaultRetry?.maxAttempts ?? "")),
              h("td", {}, duration(s.timeout)),
              h("td", { class: "wrap" }, s.description),
            ),
          ),
        ),
      ),
    ),
    template.contextSchema ? h("details", {}, h("summary", {}, "Context schema"), json(template.contextSchema)) : null,
    h("p", { class: "muted mono" }, `content hash ${template.contentHash}`),
  );
}

function violationsList(violations: TemplateViolation[]): HTMLElement {
  return h(
    "ul",
    { class: "violations", id: "violations" },
    violations.map((v) => h("li", {}, h("code", {}, v.field || "(template)"), " ", v.description)),
  );
}

function editor(): HTMLElement {
  const yaml = h("textarea", { id: "template-yaml", rows: 12, spellcheck: false }, EXAMPLE) as HTMLTextAreaElement;
  const result = h("div", { id: "template-result", "aria-live": "polite" });
  const validate = h("button", { type: "button", id: "validate-template" }, "Validate");
  const register = h("button", { type: "submit", id: "register-template" }, "Register");
  validate.addEventListener("click", async () => {
    try {
      const answer = await api.templates.validateTemplate({ source: { case: "yaml", value: yaml.value } });
      fill(
        result,
        answer.valid ? h("p", { class: "ok-text" }, "Valid.") : h("div", {}, errorBox(`${answer.violations.length} violation(s):`), violationsList(answer.violations)),
      );
    } catch (e) {
      fill(result, errorBox(describe(e)));
    }
  });
  const form = h(
    "form",
    { class: "card", id: "template-editor" },
    h("h2", {}, "Register a template"),
    h("label", { for: "template-yaml" }, "Template (YAML)"),
    yaml,
    h("div", { class: "actions" }, validate, register),
    result,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const answer = await api.templates.registerTemplate({ source: { case: "yaml", value: yaml.value } });
      const t = answer.template;
      if (t) go(`templates/${t.namespace}/${t.name}/${t.version}`);
    } catch (e) {
      const details = ConnectError.from(e).findDetails(BadRequestSchema);
      const violations = details.flatMap((d) => d.fieldViolations.map((v) => ({ field: v.field, description: v.description }) as TemplateViolation));
      fill(result, errorBox(describe(e)), violations.length ? violationsList(violations) : null);
    }
  });
  return form;
}
