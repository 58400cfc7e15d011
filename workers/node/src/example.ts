#!/usr/bin/env node
/**
 * A runnable example worker whose handlers' behaviour is chosen on the
 * command line (used by the end-to-end tests, the mixed-fleet test and the
 * benchmark):
 *
 *   node dist/example.js --namespace ns --handlers a,b=fail:2,c=permanent,d=sleep:5000
 *
 * `--handlers` names the handlers, each with an optional behaviour:
 *   echo (default)  returns {handler, step, attempt, worker, language: "node", dependencies}
 *   noop            returns {}
 *   fail:N          throws a RetryableError on attempts 1..N, then echoes
 *   permanent       throws a PermanentError
 *   sleep:MS        waits MS milliseconds (stopping early when its signal fires), then echoes
 *
 * Other flags: --namespace (repeatable or comma-separated), --concurrency N,
 * --name NAME, --endpoint URL (default TASKER_ENDPOINT), --api-key KEY
 * (default TASKER_API_KEY), --long-poll-wait-ms, --drain-timeout-ms,
 * --log-level debug|info|warn|error. Logs are JSON lines on stdout, with a
 * `step started` line per attempt. Exits 0 after a drain (SIGTERM/SIGINT),
 * 1 when the orchestrator refuses the worker, 2 on bad usage.
 */

import { parseArgs } from "node:util";

import { jsonLogger, type LogLevel } from "./log.js";
import { PermanentError, RetryableError, WorkerError } from "./errors.js";
import type { Handler, StepContext } from "./step.js";
import { Worker } from "./worker.js";

function usage(problem: string): never {
  process.stderr.write(`example: ${problem}\nusage: example.js --namespace NS --handlers a,b=fail:2,c=permanent,d=sleep:MS [--concurrency N]\n`);
  process.exit(2);
}

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) usage(`${flag}: expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        handlers: { type: "string" },
        namespace: { type: "string", multiple: true },
        concurrency: { type: "string" },
        name: { type: "string" },
        endpoint: { type: "string" },
        "api-key": { type: "string" },
        "long-poll-wait-ms": { type: "string" },
        "drain-timeout-ms": { type: "string" },
        "log-level": { type: "string" },
      },
      strict: true,
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
})();

const namespaces = (values.namespace ?? []).flatMap((n) => n.split(",")).filter((n) => n !== "");
if (namespaces.length === 0) usage("--namespace: name at least one namespace");
if (values.handlers === undefined || values.handlers === "") usage("--handlers: name at least one handler");
const level = (values["log-level"] ?? "info") as LogLevel;
if (!["debug", "info", "warn", "error"].includes(level)) usage(`--log-level: unknown level ${level}`);
const name = values.name ?? `node-example-${process.pid}`;
const logger = jsonLogger(level, process.stdout);

function echo(step: StepContext): Record<string, string | number | string[]> {
  return {
    handler: step.handler,
    step: step.name,
    attempt: step.attempt,
    worker: name,
    language: "node",
    dependencies: Object.keys(step.dependencyResults).sort(),
  };
}

/** The handler a behaviour names. */
function behaviour(spec: string): Handler {
  const [kind, argument] = spec.split(":", 2) as [string, string | undefined];
  switch (kind) {
    case "echo":
      return echo;
    case "noop":
      return () => ({});
    case "fail": {
      const failures = count("fail:N", argument ?? "1") ?? 1;
      return (step) => {
        if (step.attempt <= failures) {
          throw new RetryableError(`planned failure of attempt ${step.attempt} of ${failures}`, { errorClass: "PlannedFailure" });
        }
        return echo(step);
      };
    }
    case "permanent":
      return () => {
        throw new PermanentError("planned permanent failure", { errorClass: "PlannedPermanentFailure", details: { planned: true } });
      };
    case "sleep": {
      const ms = count("sleep:MS", argument ?? "1000") ?? 1000;
      return async (step) => {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          step.signal.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(step.signal.reason);
          }, { once: true });
        });
        return echo(step);
      };
    }
    default:
      return usage(`--handlers: unknown behaviour ${JSON.stringify(spec)} (echo, noop, fail:N, permanent, sleep:MS)`);
  }
}

let worker: Worker;
try {
  worker = new Worker({
    endpoint: values.endpoint,
    apiKey: values["api-key"],
    namespaces,
    concurrency: count("--concurrency", values.concurrency),
    name,
    longPollWaitMs: count("--long-poll-wait-ms", values["long-poll-wait-ms"]),
    drainTimeoutMs: count("--drain-timeout-ms", values["drain-timeout-ms"]),
    logger,
  });
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
for (const entry of values.handlers.split(",")) {
  if (entry === "") continue;
  const [handlerName, spec] = entry.split("=", 2) as [string, string | undefined];
  const run = behaviour(spec ?? "echo");
  worker.handle(handlerName, (step) => {
    logger.info("step started", { claim: step.claimUuid, step: step.name, handler: step.handler, attempt: step.attempt });
    return run(step);
  });
}

try {
  await worker.run();
  // Handlers abandoned at the drain timeout may still hold timers.
  process.exit(0);
} catch (error) {
  if (error instanceof WorkerError) {
    process.stderr.write(`example: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
