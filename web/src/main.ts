// The dashboard: a hash router over a few pages. Each page gets an
// AbortSignal that fires when the page is left, which ends its streams and
// timers, so at most one watch stream is open at a time.
import { api, credential, describe, setCredential } from "./api";
import { errorBox, fill, h } from "./dom";
import { dlqPage } from "./pages/dlq";
import { analyticsPage } from "./pages/analytics";
import { healthPage } from "./pages/health";
import { signInPage } from "./pages/signin";
import { taskPage } from "./pages/task";
import { tasksPage } from "./pages/tasks";
import { templatePage, templatesPage } from "./pages/templates";

export interface Route {
  path: string[];
  query: URLSearchParams;
}

export type Page = (main: HTMLElement, route: Route, signal: AbortSignal) => Promise<void> | void;

let current: AbortController | null = null;

function parse(): Route {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = hash.split("?");
  return {
    path: path.split("/").filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(query),
  };
}

export function go(path: string): void {
  window.location.hash = `#/${path}`;
}

function pick(route: Route): Page {
  const [first, ...rest] = route.path;
  switch (first) {
    case "signin":
      return signInPage;
    case "tasks":
      return rest.length ? taskPage : tasksPage;
    case "dlq":
      return dlqPage;
    case "templates":
      return rest.length >= 3 ? templatePage : templatesPage;
    case "analytics":
      return analyticsPage;
    case "health":
      return healthPage;
    default:
      return tasksPage;
  }
}

async function render(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const route = parse();
  const main = document.getElementById("main");
  if (!main) return;
  const signedIn = credential() !== "";
  const signout = document.getElementById("signout");
  if (signout) signout.hidden = !signedIn;
  if (!signedIn && route.path[0] !== "signin" && route.path[0] !== "health") {
    go("signin");
    return;
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>("#nav a")) {
    const target = link.getAttribute("href")?.replace(/^#\//, "") ?? "";
    if (target === (route.path[0] ?? "tasks")) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  fill(main, h("p", { class: "muted" }, "Loading…"));
  try {
    await pick(route)(main, route, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return;
    fill(
      main,
      errorBox(describe(error)),
      h("p", {}, h("a", { href: "#/signin" }, "Sign in with another credential")),
    );
  }
}

async function showWho(): Promise<void> {
  const who = document.getElementById("who");
  if (!who) return;
  if (!credential()) {
    who.textContent = "";
    return;
  }
  try {
    const me = await api.auth.whoAmI({});
    who.textContent = me.subject;
  } catch {
    who.textContent = "";
  }
}

document.getElementById("signout")?.addEventListener("click", () => {
  setCredential("");
  void showWho();
  go("signin");
});
window.addEventListener("hashchange", () => void render());
window.addEventListener("tasker:signed-in", () => void showWho());
void showWho();
void render();
