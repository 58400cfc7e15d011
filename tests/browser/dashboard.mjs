// Drives the dashboard in Chromium (playwright-core + the system's chromium)
// against a real server started by tests/e2e/dashboard.rs, which passes:
//   TASKER_UI_URL       the server's origin (http:// → HTTP/1.1, https:// → h2)
//   TASKER_UI_KEY       an API key that may do everything
//   TASKER_UI_SHOTS     the folder for screenshots
//   TASKER_UI_SCENARIO  "full" (every page, over HTTP/1.1) or "h2" (live task over h2)
//   TASKER_CHROMIUM     the browser binary (default /usr/bin/chromium)
//   TASKER_UI_BULK_NAMESPACE / TASKER_UI_BULK_TASKS  (full) a namespace with that
//                       many waiting tasks, listed in one table
//   TASKER_UI_READ_ONLY_TOKEN  (full) a token with tasks:read only
// Lines starting with "@" on stdout are requests to the Rust side (e.g.
// "@worker": start a worker now), answered by one line on stdin.
import { createInterface } from "node:readline";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.env.TASKER_UI_URL;
const key = process.env.TASKER_UI_KEY;
const shots = process.env.TASKER_UI_SHOTS ?? "target/dashboard-screenshots";
const scenario = process.env.TASKER_UI_SCENARIO ?? "full";
const expectedProtocol = base?.startsWith("https:") ? "h2" : "http/1.1";
if (!base || !key) throw new Error("TASKER_UI_URL and TASKER_UI_KEY are required");
mkdirSync(shots, { recursive: true });

const stdin = createInterface({ input: process.stdin });
const answers = stdin[Symbol.asyncIterator]();
async function ask(request) {
  process.stdout.write(`@${request}\n`);
  const { value, done } = await answers.next();
  if (done || value.trim() !== "ok") throw new Error(`${request}: no answer (${value})`);
}

function log(message) {
  process.stdout.write(`${message}\n`);
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const browser = await chromium.launch({
  executablePath: process.env.TASKER_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--ignore-certificate-errors",
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ignoreHTTPSErrors: true });
context.setDefaultTimeout(30_000);
const page = await context.newPage();
const pageErrors = [];
page.on("pageerror", (error) => pageErrors.push(String(error)));

async function shot(name, target = page) {
  const full = !name.includes("long-list");
  await target.screenshot({ path: join(shots, `${scenario}-${name}.png`), fullPage: full });
}

/** Every API call the page made used gRPC-Web over the expected protocol. */
async function checkProtocol(target = page) {
  const calls = await target.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("/tasker.v1."))
      .map((e) => `${e.nextHopProtocol} ${new URL(e.name).pathname}`),
  );
  check(calls.length > 0, "the page made API calls");
  const other = calls.filter((c) => !c.startsWith(`${expectedProtocol} `));
  check(other.length === 0, `every call over ${expectedProtocol}: ${other.join(", ")}`);
  log(`${calls.length} gRPC-Web calls over ${expectedProtocol}`);
}

async function signIn(credential, target = page) {
  await target.goto(`${base}/ui/`);
  await target.waitForSelector("#signin");
  await target.fill("#credential", credential);
  await target.click("#signin button[type=submit]");
}

async function createTask(template) {
  await page.goto(`${base}/ui/#/tasks`);
  await page.waitForSelector(`#create-template option[value="${template}"]`, { state: "attached" });
  await page.selectOption("#create-template", template);
  await page.click("#create-task button[type=submit]");
  await page.waitForURL(/#\/tasks\/[0-9a-f-]{36}/);
  await page.waitForSelector("#dag svg");
  return page.url().split("#/tasks/")[1];
}

async function waitForTaskState(states, target = page) {
  const selector = states.map((s) => `#task-state[data-state="${s}"]`).join(", ");
  await target.waitForSelector(selector);
}

try {
  // ------------------------------------------------------------------ sign-in
  await signIn("tk_wrong_key");
  const refusal = await page.waitForSelector("#signin-status .error");
  const refusalText = await refusal.textContent();
  check(/Not signed in/.test(refusalText ?? ""), `a bad key says what is missing: ${refusalText}`);
  check((await page.evaluate(() => sessionStorage.length)) === 0, "a refused key is not kept");
  await shot("01-signin-refused");
  log("bad key refused with a message");

  await signIn(key);
  await page.waitForSelector("#tasks-table");
  check(!page.url().includes(key), "the key never appears in a URL");
  check((await page.evaluate(() => sessionStorage.getItem("tasker.credential"))) === key, "the key is kept in sessionStorage");
  log("signed in");

  // ------------------------------------------------------------- a live task
  const linear = await createTask("examples/linear/1.0.0");
  log(`created ${linear}`);
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  if (scenario === "full") {
    // No worker yet: the steps wait; the page shows them and keeps watching.
    await page.waitForSelector('#dag g.node[data-step="a"][data-state="ENQUEUED"]');
    const state = await page.getAttribute("#task-state", "data-state");
    check(state !== "COMPLETE", `no worker yet, task not complete (${state})`);
    await shot("02-task-waiting");
    await ask("worker");
    log("worker started");
  }
  await waitForTaskState(["COMPLETE"]);
  for (const step of ["a", "b", "c", "d"]) {
    await page.waitForSelector(`#dag g.node[data-step="${step}"][data-state="COMPLETE"]`);
  }
  check(await page.evaluate(() => window.__sameDocument === true), "updated live, without a reload");
  await shot("03-task-complete");
  log("DAG went green live");

  // Keyboard: a step of the graph can be focused and opened with Enter.
  await page.focus('#dag g.node[data-step="b"]');
  await page.keyboard.press("Enter");
  await page.waitForSelector("#step-detail h2:has-text('Step b')");
  await page.waitForSelector("#audit tbody tr");
  await shot("04-step-detail");
  await checkProtocol();

  if (scenario === "full") {
    // ------------------------------------------------ dead letters, resolution
    const doomed = await createTask("examples/always_fails/1.0.0");
    log(`created ${doomed}`);
    await waitForTaskState(["BLOCKED_BY_FAILURES"]);
    await page.waitForSelector('#dag g.node[data-step="doomed"][data-state="ERROR"]');
    const label = await page.textContent("#task-state");
    check(/needs attention/.test(label ?? ""), `a blocked task reads "needs attention": ${label}`);
    await shot("05-task-blocked");

    await page.goto(`${base}/ui/#/dlq`);
    for (let i = 0; i < 30; i++) {
      if (await page.$(`#dlq-queue tr[data-task="${doomed}"]`)) break;
      await page.waitForTimeout(500);
      await page.reload();
      await page.waitForSelector("#dlq-total");
    }
    await page.waitForSelector(`#dlq-queue tr[data-task="${doomed}"]`);
    await page.click(`#dlq-queue tr[data-task="${doomed}"] button`);
    await page.fill("#dlq-notes", "looked at it: the handler always fails");
    await page.click("#dlq-editor button[type=submit]");
    await page.waitForSelector("#dlq-editor .ok-text");
    await shot("06-dlq");
    log("dead-letter entry found and updated");

    // A second tab watches the task while the first resolves its step.
    // (A credential is kept per tab: the new tab signs in too.)
    const watcher = await context.newPage();
    await signIn(key, watcher);
    await watcher.waitForSelector("#tasks-table");
    await watcher.goto(`${base}/ui/#/tasks/${doomed}`);
    await watcher.waitForSelector('#task-state[data-state="BLOCKED_BY_FAILURES"]');
    await page.click(`#dlq-queue tr[data-task="${doomed}"] a`);
    await page.waitForSelector('#dag g.node[data-step="doomed"]');
    await page.click('#dag g.node[data-step="doomed"]');
    await page.waitForSelector("#resolve-step");
    await page.selectOption("#resolve-action", "2");
    await page.fill("#resolve-reason", "fixed by hand in the dashboard test");
    await shot("07-resolve-form");
    await page.click("#resolve-step button[type=submit]");
    await waitForTaskState(["COMPLETE", "RESOLVED_MANUALLY"], watcher);
    await watcher.waitForSelector('#dag g.node[data-step="doomed"][data-state="RESOLVED_MANUALLY"]');
    await shot("08-task-resolved", watcher);
    await watcher.close();
    log("step resolved by hand; the watching tab saw the task finish");

    // ---------------------------------------------------------- other pages
    await page.goto(`${base}/ui/#/templates`);
    await page.waitForSelector("#templates tbody tr");
    await page.fill("#template-yaml", "namespace: demo\nname: loop\nversion: 1.0.0\nsteps:\n  - {name: a, handler: noop, depends_on: [b]}\n  - {name: b, handler: noop, depends_on: [a]}\n");
    await page.click("#validate-template");
    await page.waitForSelector("#violations li");
    await shot("09-templates");
    await page.goto(`${base}/ui/#/templates/examples/diamond/1.0.0`);
    await page.waitForSelector('#template-dag g.node[data-step="d"]');
    await shot("10-template");
    log("templates: list, DAG, violations");

    // Register a template from the editor (no worker serves its handler, so
    // its task waits), create a task of it, and cancel that task.
    await page.goto(`${base}/ui/#/templates`);
    await page.waitForSelector("#template-yaml");
    await page.fill("#template-yaml", "namespace: demo\nname: parked\nversion: 1.0.0\nsteps:\n  - {name: wait, handler: nobody_serves_this}\n");
    await page.click("#register-template");
    await page.waitForURL(/#\/templates\/demo\/parked\/1\.0\.0/);
    await page.waitForSelector('#template-dag g.node[data-step="wait"]');
    const parked = await createTask("demo/parked/1.0.0");
    page.once("dialog", (dialog) => dialog.accept());
    await page.click("#cancel-task");
    await waitForTaskState(["CANCELLED"]);
    await page.waitForSelector('#dag g.node[data-step="wait"][data-state="CANCELLED"]');
    check(await page.isDisabled("#cancel-task"), "a cancelled task cannot be cancelled again");
    await shot("10b-cancelled");
    log(`template registered from the editor; task ${parked} cancelled`);

    await page.goto(`${base}/ui/#/analytics`);
    await page.waitForSelector("#perf");
    // The figures are the server's: at least the tasks this test created.
    const created = await page.$eval("#perf", (el) => {
      const card = [...el.querySelectorAll(".stat")].find((c) => c.querySelector("span")?.textContent === "Created");
      return Number(card?.querySelector("strong")?.textContent ?? "NaN");
    });
    check(created >= 3, `analytics counts the created tasks: ${created}`);
    await shot("11-analytics");
    await page.goto(`${base}/ui/#/health`);
    await page.waitForSelector("#health");
    await shot("12-health");

    await page.goto(`${base}/ui/#/tasks`);
    await page.waitForSelector(`#tasks-table tr[data-task="${linear}"]`);
    await shot("13-tasks");
    // A long list: two pages of 500 in one table.
    const bulk = process.env.TASKER_UI_BULK_NAMESPACE;
    const bulkCount = Number(process.env.TASKER_UI_BULK_TASKS ?? "0");
    if (bulk && bulkCount) {
      const rows = (n) => page.waitForFunction((want) => document.querySelectorAll("#tasks-table tbody tr[data-task]").length === want, n);
      const started = Date.now();
      await page.goto(`${base}/ui/#/tasks?namespace=${bulk}&size=500`);
      await rows(Math.min(500, bulkCount));
      // The counts are the server's, over every match, not just the page.
      const total = await page.getAttribute("#task-total", "data-total");
      check(total === String(bulkCount), `the server counts every match on the first page: ${total}`);
      for (let shown = Math.min(500, bulkCount); shown < bulkCount; ) {
        await page.click("#more-tasks");
        shown = Math.min(shown + 500, bulkCount);
        await rows(shown);
      }
      log(`${bulkCount} tasks listed in ${Date.now() - started} ms`);
      const counted = await page.textContent("#task-counts");
      check(counted?.includes(`${bulkCount} shown`), `the counts cover the whole list: ${counted}`);
      await page.keyboard.press("Tab");
      await shot("13b-long-list");
    }

    await page.goto(`${base}/ui/#/tasks?state=COMPLETE`);
    await page.waitForSelector(`#tasks-table tr[data-task="${linear}"]`);
    check(!(await page.$(`#tasks-table tr[data-task="${doomed}"] [data-state="BLOCKED_BY_FAILURES"]`)), "the state filter applies");

    // A narrow window: nothing wider than the screen but the tables' own scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/ui/#/tasks/${linear}`);
    await waitForTaskState(["COMPLETE"]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `no horizontal overflow in a narrow window (${overflow}px)`);
    await shot("14-narrow");
    await page.setViewportSize({ width: 1280, height: 860 });
    await checkProtocol();

    // ---------------------------------------------------------- API reference
    await page.goto(`${base}/docs`);
    await page.waitForSelector(".swagger-ui .info .title");
    const schemes = await page.evaluate(() => window.ui.specSelectors.securityDefinitions()?.toJS() ?? {});
    check(schemes.apiKey?.name === "x-api-key", `the API key scheme is declared: ${JSON.stringify(schemes)}`);
    await page.evaluate((k) => window.ui.preauthorizeApiKey("apiKey", k), key);
    const op = "#operations-TaskService-TaskService_ListTasks";
    await page.click(`${op} .opblock-summary`);
    await page.click(`${op} .execute`);
    const status = await page.waitForSelector(`${op} .live-responses-table .response .response-col_status`);
    const code = (await status.textContent())?.trim();
    check(code === "200", `"try it" with the API key answers 200 (got ${code})`);
    await shot("15-docs");
    log("API reference: try it works with the API key");

    // Signing out forgets the key.
    await page.goto(`${base}/ui/#/tasks`);
    await page.click("#signout");
    await page.waitForSelector("#signin");
    check((await page.evaluate(() => sessionStorage.length)) === 0, "signing out forgets the key");

    // A token (not an API key) signs in; one without tasks:list is told so.
    const token = process.env.TASKER_UI_READ_ONLY_TOKEN;
    if (token) {
      await signIn(token);
      const denied = await page.waitForSelector("main .error");
      const deniedText = (await denied.textContent()) ?? "";
      check(/Not allowed/.test(deniedText) && deniedText.includes("tasks:list"), `a missing permission is named: ${deniedText}`);
      await shot("16-permission-denied");
      log("token sign-in; the missing permission is named");
    }
  }

} catch (error) {
  // What every open page showed when a check failed.
  let n = 0;
  for (const open of context.pages()) {
    await open.screenshot({ path: join(shots, `${scenario}-failure-${n++}.png`), fullPage: true }).catch(() => {});
  }
  log(`page errors: ${pageErrors.join("; ")}`);
  await browser.close();
  throw error;
}

check(pageErrors.length === 0, `no errors in the page: ${pageErrors.join("; ")}`);
await browser.close();
stdin.close();
log(`dashboard ${scenario}: all checks passed`);
