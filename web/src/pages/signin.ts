// Sign-in: an API key (`tk_…`) or a token, checked with AuthService.WhoAmI
// before it is kept (in sessionStorage). A refusal says what is missing.
import { api, describe, setCredential } from "../api";
import { errorBox, fill, h } from "../dom";
import { go, type Route } from "../main";

export function signInPage(main: HTMLElement, _route: Route): void {
  const input = h("input", {
    id: "credential",
    name: "credential",
    type: "password",
    autocomplete: "off",
    required: true,
    placeholder: "tk_… or a JWT",
  }) as HTMLInputElement;
  const status = h("div", { id: "signin-status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card narrow", id: "signin" },
    h("h1", {}, "Sign in"),
    h("p", { class: "muted" }, "Use an API key (printed once on the server's first start, or made with `tasker-server admin create-key`) or a token from AuthService.IssueToken. It is kept in this tab only."),
    h("label", { for: "credential" }, "API key or token"),
    input,
    h("button", { type: "submit" }, "Sign in"),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    fill(status, h("p", { class: "muted" }, "Checking…"));
    setCredential(value);
    try {
      await api.auth.whoAmI({});
      window.dispatchEvent(new Event("tasker:signed-in"));
      go("tasks");
    } catch (error) {
      setCredential("");
      fill(status, errorBox(describe(error)));
      input.focus();
    }
  });
  fill(main, form);
  input.focus();
}
