/**
 * Tasker worker SDK for Node: register handlers by name and run them as
 * steps of Tasker workflows.
 *
 * ```ts
 * import { Worker, PermanentError } from "@tasker/worker";
 *
 * const worker = new Worker({ endpoint: "http://127.0.0.1:9090", apiKey: process.env.TASKER_API_KEY, namespaces: ["payments"] });
 * worker.handle("payments.charge", async (step) => {
 *   const amount = step.context["amount"];
 *   if (typeof amount !== "number") throw new PermanentError("amount is missing");
 *   return { charged: amount };
 * });
 * await worker.run();
 * ```
 */

export { Worker, VERSION, DEFAULT_LEASE_MS, type WorkerOptions, type WorkerStatus } from "./worker.js";
export { StepContext, resultsObject, type Handler, type HandlerResult } from "./step.js";
export {
  RetryableError,
  PermanentError,
  WorkerError,
  ERROR_CLASS_CANCELLED,
  ERROR_CLASS_INVALID_RESULTS,
  ERROR_CLASS_NOT_FOUND,
  ERROR_CLASS_TIMEOUT,
  type FailureOptions,
} from "./errors.js";
export { jsonLogger, silentLogger, type Logger, type LogFields, type LogLevel } from "./log.js";
export { DEFAULT_BACKOFF, type Backoff } from "./retry.js";
