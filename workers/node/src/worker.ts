/**
 * The worker runtime: register, claim (long poll), run handlers under
 * leases kept by heartbeats, report outcomes in batches that claim the next
 * steps, drain on SIGTERM, deregister.
 */

import { hostname } from "node:os";

import { create, type JsonObject } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";

import {
  ERROR_CLASS_CANCELLED,
  ERROR_CLASS_INVALID_RESULTS,
  ERROR_CLASS_NOT_FOUND,
  ERROR_CLASS_TIMEOUT,
  PermanentError,
  RetryableError,
  WorkerError,
  codeName,
} from "./errors.js";
import type { Status } from "./gen/google/rpc/status_pb.js";
import type { StepError } from "./gen/tasker/v1/common_pb.js";
import {
  WorkerService,
  type ClaimedStep,
  type StepReport,
  StepReportSchema,
} from "./gen/tasker/v1/worker_pb.js";
import { jsonLogger, type Logger } from "./log.js";
import { asConnectError, backoffDelay, classify, classifyCode, DEFAULT_BACKOFF, delayAfter, type Backoff } from "./retry.js";
import { durationMs, msDuration, resultsObject, StepContext, type Handler } from "./step.js";

/** Version of this SDK, sent at registration unless `version` overrides it. */
export const VERSION = "0.1.0";

/** Lease assumed when the registration answer names none, in ms. */
export const DEFAULT_LEASE_MS = 30_000;

/** Most reports sent in one ReportResults call (the orchestrator's bound). */
const MAX_REPORT_BATCH = 100;

/** Lease reason of a claim whose task was cancelled. */
const TASK_CANCELLED = "task_cancelled";

/** Settings of a worker. Durations are in milliseconds. */
export interface WorkerOptions {
  /** The orchestrator, `http://host:port` or `https://host:port` (default `TASKER_ENDPOINT`). */
  endpoint?: string;
  /** Sent as `x-api-key` (default `TASKER_API_KEY`). */
  apiKey?: string;
  /** Sent as `authorization: Bearer <token>`. */
  bearerToken?: string;
  /** The namespaces whose steps the worker claims (at least one). */
  namespaces: string[];
  /** How many steps run at once (default 8). */
  concurrency?: number;
  /** The most steps claimed in one ClaimSteps call (default: `concurrency`). */
  claimBatchSize?: number;
  /** The name the worker registers under (default `node-worker@<host>`). */
  name?: string;
  /** The version reported at registration (default: this SDK's version). */
  version?: string;
  /** How long a ClaimSteps call waits for work (long poll, default 20 s). */
  longPollWaitMs?: number;
  /** How long in-flight steps get to finish after shutdown begins (default 30 s). */
  drainTimeoutMs?: number;
  /** Timeout of steps whose template sets none (default 5 min). */
  defaultStepTimeoutMs?: number;
  /** How long a handler whose lease was lost gets to return after its signal fires (default 2 s). */
  cancelGraceMs?: number;
  /** How many times a report or DeregisterWorker is tried before giving up (default 5). */
  reportAttempts?: number;
  /** Deadline of each call; ClaimSteps gets the long-poll wait on top (default 10 s). */
  requestTimeoutMs?: number;
  /** Backoff between retries of failed calls (default 100 ms doubling up to 10 s, jittered). */
  backoff?: Partial<Backoff>;
  /** PEM certificate(s) of a private authority for an `https://` endpoint. */
  caPem?: string | Buffer;
  /** Drain on SIGTERM and SIGINT while `run()` runs; a second signal stops at once (default true). */
  handleSignals?: boolean;
  /** Where the worker logs (default: JSON lines on stderr from `info`). */
  logger?: Logger;
  /**
   * A transport of your own (tests, proxies). It carries its own credentials:
   * `endpoint`, `apiKey`, `bearerToken` and `caPem` are then unused.
   */
  transport?: Transport;
}

/** What the worker is doing. */
export interface WorkerStatus {
  /** Registered with the orchestrator and not yet deregistered. */
  registered: boolean;
  /** The identifier the orchestrator assigned, once registered. */
  workerUuid: string | undefined;
  /** Whether the last call to the orchestrator reached it. */
  orchestratorReachable: boolean;
  /** The last error talking to the orchestrator, cleared by a success. */
  lastError: string | undefined;
  /** Steps being run or reported. */
  inFlight: number;
  /** Attempts reported as succeeded. */
  stepsCompleted: number;
  /** Attempts reported as failed. */
  stepsFailed: number;
  /** Attempts whose outcome was not reported (lease lost, drain timeout). */
  stepsAbandoned: number;
  /** Shutdown began: no more claims. */
  shuttingDown: boolean;
  /** `run()` has returned or is about to. */
  stopped: boolean;
}

type Settings = Required<Omit<WorkerOptions, "apiKey" | "bearerToken" | "caPem" | "transport" | "backoff" | "logger">> & {
  backoff: Backoff;
};

/** How an attempt ended. */
export type Outcome =
  | { kind: "report"; results: JsonObject }
  | { kind: "report"; failure: StepError; retryAfterMs: number | undefined }
  | { kind: "abandon"; reason: string };

/** Why a running attempt is interrupted. */
type Interruption = "lease-lost" | "task-cancelled" | "hard-stop";

/** A claim being executed or reported. */
interface InFlight {
  /** Fires the handler's signal. */
  controller: AbortController;
  /** The lease is lost: nothing may be reported. */
  leaseLost: boolean;
  /** The task was cancelled: the attempt is reported as cancelled. */
  taskCancelled: boolean;
  /** When the lease expires unless a heartbeat extends it (monotonic ms). */
  leaseDeadline: number;
  /** Stops the running handler, while one runs. */
  interrupt: ((why: Interruption) => void) | undefined;
}

/** An outcome waiting for the reporter, with the concurrency slot its handler used. */
interface PendingReport {
  report: StepReport;
  slot: boolean;
  /** Called once: `true` when the orchestrator recorded the outcome. */
  settle: (recorded: boolean) => void;
}

/** A counting semaphore of concurrency slots. */
class Slots {
  private free: number;
  private readonly waiters: (() => void)[] = [];

  constructor(count: number) {
    this.free = count;
  }

  tryAcquire(): boolean {
    if (this.free > 0) {
      this.free -= 1;
      return true;
    }
    return false;
  }

  /** A slot, or `false` when `signal` fires first. */
  acquire(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) {
      return Promise.resolve(false);
    }
    if (this.tryAcquire()) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(wake);
        if (index >= 0) {
          this.waiters.splice(index, 1);
        }
        resolve(false);
      };
      const wake = () => {
        signal.removeEventListener("abort", onAbort);
        resolve(true);
      };
      this.waiters.push(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(count = 1): void {
    for (let i = 0; i < count; i += 1) {
      const wake = this.waiters.shift();
      if (wake === undefined) {
        this.free += 1;
      } else {
        wake();
      }
    }
  }
}

/** Resolves after `ms`, or early (with `true`) when `signal` fires. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(false);
    }, Math.min(Math.max(ms, 0), 2 ** 31 - 1));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function positive(setting: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new WorkerError(`${setting}: must be greater than zero (got ${value})`);
  }
  return value;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A worker: claims steps of its namespaces from the orchestrator and runs
 * them with the handlers registered by name.
 *
 * ```ts
 * const worker = new Worker({ endpoint: "http://127.0.0.1:9090", apiKey, namespaces: ["payments"] });
 * worker.handle("payments.charge", async (step) => ({ charged: step.context.amount }));
 * await worker.run(); // until SIGTERM or SIGINT, then drains
 * ```
 */
export class Worker {
  private readonly settings: Settings;
  private readonly handlers = new Map<string, Handler>();
  private readonly logger: Logger;
  private readonly transport: Transport;
  private readonly sessionManager: Http2SessionManager | undefined;
  private readonly client: Client<typeof WorkerService>;
  private readonly state: WorkerStatus;

  private running = false;
  private slots: Slots;
  private workerUuid = "";
  private leaseMs = DEFAULT_LEASE_MS;
  private heartbeatMs = DEFAULT_LEASE_MS / 3;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly executions = new Set<Promise<void>>();
  private readonly reportQueue: PendingReport[] = [];
  private reporter: Promise<void> | undefined;
  /** The orchestrator has no ReportResults: report with CompleteStep/FailStep. */
  private unaryReports = false;
  /** Fires when shutdown begins: no more claims. */
  private shutdown = new AbortController();
  /** Fires when the drain timeout is over: in-flight steps are abandoned. */
  private hardStop = new AbortController();

  constructor(options: WorkerOptions) {
    const concurrency = options.concurrency ?? 8;
    this.settings = {
      endpoint: options.endpoint ?? process.env["TASKER_ENDPOINT"] ?? "http://127.0.0.1:9090",
      namespaces: [...options.namespaces],
      concurrency,
      claimBatchSize: options.claimBatchSize ?? concurrency,
      name: options.name ?? `node-worker@${hostname()}`,
      version: options.version ?? VERSION,
      longPollWaitMs: options.longPollWaitMs ?? 20_000,
      drainTimeoutMs: options.drainTimeoutMs ?? 30_000,
      defaultStepTimeoutMs: options.defaultStepTimeoutMs ?? 5 * 60_000,
      cancelGraceMs: options.cancelGraceMs ?? 2_000,
      reportAttempts: options.reportAttempts ?? 5,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      handleSignals: options.handleSignals ?? true,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    };
    const s = this.settings;
    if (s.namespaces.length === 0 || s.namespaces.some((n) => n === "")) {
      throw new WorkerError("namespaces: name at least one namespace, none empty");
    }
    for (const [setting, value] of [
      ["concurrency", s.concurrency],
      ["claimBatchSize", s.claimBatchSize],
      ["reportAttempts", s.reportAttempts],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new WorkerError(`${setting}: must be a whole number of at least 1 (got ${value})`);
      }
    }
    positive("defaultStepTimeoutMs", s.defaultStepTimeoutMs);
    positive("requestTimeoutMs", s.requestTimeoutMs);
    positive("backoff.initialMs", s.backoff.initialMs);
    positive("backoff.maxMs", s.backoff.maxMs);
    if (s.longPollWaitMs < 0 || s.drainTimeoutMs < 0 || s.cancelGraceMs < 0) {
      throw new WorkerError("longPollWaitMs, drainTimeoutMs and cancelGraceMs: must not be negative");
    }
    this.logger = options.logger ?? jsonLogger("info");
    this.slots = new Slots(s.concurrency);
    this.state = {
      registered: false,
      workerUuid: undefined,
      orchestratorReachable: false,
      lastError: undefined,
      inFlight: 0,
      stepsCompleted: 0,
      stepsFailed: 0,
      stepsAbandoned: 0,
      shuttingDown: false,
      stopped: false,
    };

    const apiKey = options.apiKey ?? process.env["TASKER_API_KEY"] ?? "";
    const bearer = options.bearerToken ?? "";
    for (const [setting, value] of [
      ["apiKey", apiKey],
      ["bearerToken", bearer],
    ] as const) {
      // Header values: visible ASCII and spaces only.
      if (!/^[\x20-\x7e]*$/.test(value)) {
        throw new WorkerError(`${setting}: not a valid header value`);
      }
    }
    const auth: Interceptor = (next) => (request) => {
      if (apiKey !== "") {
        request.header.set("x-api-key", apiKey);
      }
      if (bearer !== "") {
        request.header.set("authorization", `Bearer ${bearer}`);
      }
      return next(request);
    };
    if (options.transport !== undefined) {
      this.transport = options.transport;
      this.sessionManager = undefined;
    } else {
      let url: URL;
      try {
        url = new URL(s.endpoint);
      } catch {
        throw new WorkerError(`endpoint: ${JSON.stringify(s.endpoint)} is not a URL (expected http://host:port)`);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new WorkerError(`endpoint: expected http://host:port or https://host:port, got ${s.endpoint}`);
      }
      if (url.protocol === "http:" && options.caPem !== undefined) {
        throw new WorkerError("caPem: a TLS certificate authority is set, but the endpoint is http:// (use https://)");
      }
      const nodeOptions = options.caPem === undefined ? {} : { ca: options.caPem };
      this.sessionManager = new Http2SessionManager(
        url,
        { pingIntervalMs: 30_000, pingTimeoutMs: 20_000, pingIdleConnection: true },
        nodeOptions,
      );
      this.transport = createGrpcTransport({
        baseUrl: url.toString(),
        sessionManager: this.sessionManager,
        interceptors: [auth],
      });
    }
    this.client = createClient(WorkerService, this.transport);
  }

  /**
   * Registers `handler` for the steps whose template names `name` as their
   * handler. Returns the worker, so calls chain.
   */
  handle(name: string, handler: Handler): this {
    if (name === "") {
      throw new WorkerError("handle: a handler needs a name");
    }
    if (this.running) {
      throw new WorkerError(`handle(${JSON.stringify(name)}): register handlers before run()`);
    }
    this.handlers.set(name, handler);
    return this;
  }

  /** The handler names the worker registers. */
  get handlerNames(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** A snapshot of what the worker is doing. */
  get status(): Readonly<WorkerStatus> {
    return { ...this.state };
  }

  /**
   * Begins a graceful shutdown: no more claims; in-flight steps get the
   * drain timeout to finish and be reported; then `run()` deregisters and
   * returns. Safe to call more than once.
   */
  stop(): void {
    if (!this.shutdown.signal.aborted) {
      this.logger.info("shutdown requested; draining");
      this.shutdown.abort();
    }
  }

  /**
   * Runs until `stop()` (or SIGTERM/SIGINT), then drains and deregisters.
   *
   * Registers (retrying while the orchestrator is unreachable), claims up to
   * the free slots with a long poll, runs each step's handler under its
   * timeout, heartbeats every in-flight claim and fires the signal of
   * handlers whose lease is lost, and reports outcomes in batches that also
   * claim the next steps.
   *
   * It resolves once the worker has deregistered. A handler that ignored
   * its signal and still runs then may keep the process alive: exit
   * explicitly if that matters.
   *
   * @throws WorkerError when the orchestrator refuses registration or
   * claiming for a reason retrying cannot fix (credentials, permissions, a
   * namespace the key may not use); in-flight steps are drained and the
   * worker deregistered first.
   */
  async run(): Promise<void> {
    if (this.running) {
      throw new WorkerError("run: the worker is already running");
    }
    if (this.handlers.size === 0) {
      throw new WorkerError("handlers: register at least one handler before run()");
    }
    this.running = true;
    if (this.state.stopped) {
      // Run again after a stop: fresh shutdown signals.
      this.shutdown = new AbortController();
      this.hardStop = new AbortController();
      this.slots = new Slots(this.settings.concurrency);
      Object.assign(this.state, { shuttingDown: false, stopped: false });
    }
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals === 1) {
        this.logger.info("signal received; draining", { signal });
        this.stop();
      } else {
        this.logger.warn("second signal; abandoning in-flight steps", { signal });
        this.stop();
        this.abandonAll();
      }
    };
    if (this.settings.handleSignals) {
      process.on("SIGTERM", onSignal);
      process.on("SIGINT", onSignal);
    }
    try {
      await this.runRegistered();
    } finally {
      if (this.settings.handleSignals) {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
      }
      this.sessionManager?.abort();
      this.state.stopped = true;
      this.running = false;
    }
  }

  private async runRegistered(): Promise<void> {
    if (!(await this.register())) {
      this.state.shuttingDown = true;
      this.logger.info("shutdown before registration; stopped");
      return;
    }
    const loops = new AbortController();
    const background = (name: string, loop: Promise<void>) =>
      loop.catch((error: unknown) => this.logger.error(`${name} stopped`, { error: message(error) }));
    const heartbeats = background("heartbeat loop", this.heartbeatLoop(loops.signal));
    const watch = background("claim watch", this.claimWatchLoop(loops.signal));

    let failure: unknown;
    try {
      await this.claimLoop();
    } catch (error) {
      failure = error;
      this.logger.error("cannot go on claiming; shutting down", { error: message(error) });
    }

    // Drain: no more claims; in-flight steps get the drain timeout.
    this.shutdown.abort();
    this.state.shuttingDown = true;
    const drainTimeoutMs = this.settings.drainTimeoutMs;
    this.logger.info("draining in-flight steps", { in_flight: this.executions.size, drain_timeout_ms: drainTimeoutMs });
    const deadline = AbortSignal.timeout(Math.max(drainTimeoutMs, 1));
    const drained = await this.settle(deadline);
    if (!drained) {
      this.logger.warn("drain timeout reached; abandoning the remaining steps (deregistration releases their leases)", {
        remaining: this.executions.size,
      });
      this.abandonAll();
      await this.settle(AbortSignal.timeout(1_000));
    }
    await this.reporter;

    loops.abort();
    await Promise.allSettled([heartbeats, watch]);
    await this.deregister();
    this.state.registered = false;
    this.logger.info("worker stopped", {
      steps_completed: this.state.stepsCompleted,
      steps_failed: this.state.stepsFailed,
      steps_abandoned: this.state.stepsAbandoned,
    });
    if (failure !== undefined) {
      throw failure;
    }
  }

  /** Waits until no step is in flight; `false` when `signal` fired first. */
  private async settle(signal: AbortSignal): Promise<boolean> {
    while (this.executions.size > 0) {
      const aborted = new Promise<"aborted">((resolve) => {
        if (signal.aborted) resolve("aborted");
        signal.addEventListener("abort", () => resolve("aborted"), { once: true });
      });
      if ((await Promise.race([Promise.allSettled([...this.executions]), aborted])) === "aborted") {
        return false;
      }
    }
    return true;
  }

  /** The drain timeout is over (or a second signal came): stop every attempt unreported. */
  private abandonAll(): void {
    this.hardStop.abort();
    for (const entry of this.inFlight.values()) {
      entry.interrupt?.("hard-stop");
    }
  }

  private reached(): void {
    this.state.orchestratorReachable = true;
    this.state.lastError = undefined;
  }

  private unreachable(rpc: string, error: unknown): void {
    const e = asConnectError(error);
    this.state.orchestratorReachable = false;
    this.state.lastError = `${rpc}: ${codeName(e.code)}: ${e.rawMessage}`;
  }

  private fields(rpc: string, error: unknown): Record<string, unknown> {
    const e = asConnectError(error);
    return { rpc, code: codeName(e.code), error: e.rawMessage };
  }

  /** Registers, retrying transient failures until shutdown; `false` when shutdown came first. */
  private async register(): Promise<boolean> {
    const s = this.settings;
    let failures = 0;
    for (;;) {
      if (this.shutdown.signal.aborted) {
        return false;
      }
      try {
        const response = await this.client.registerWorker(
          {
            name: s.name,
            namespaces: s.namespaces,
            handlers: this.handlerNames,
            maxConcurrency: s.concurrency,
            version: s.version,
          },
          { timeoutMs: s.requestTimeoutMs, signal: this.shutdown.signal },
        );
        const workerUuid = response.worker?.workerUuid ?? "";
        if (workerUuid === "") {
          throw new WorkerError("RegisterWorker: the answer names no worker_uuid", { rpc: "RegisterWorker" });
        }
        this.leaseMs = durationMs(response.leaseDuration) ?? DEFAULT_LEASE_MS;
        const heartbeat = durationMs(response.heartbeatInterval);
        this.heartbeatMs = heartbeat !== undefined && heartbeat < this.leaseMs ? heartbeat : this.leaseMs / 3;
        this.workerUuid = workerUuid;
        this.reached();
        Object.assign(this.state, { registered: true, workerUuid });
        this.logger.info("registered", {
          worker_uuid: workerUuid,
          name: s.name,
          namespaces: s.namespaces,
          handlers: this.handlerNames,
          lease_ms: this.leaseMs,
          heartbeat_ms: this.heartbeatMs,
        });
        return true;
      } catch (error) {
        if (error instanceof WorkerError) {
          throw error;
        }
        if (this.shutdown.signal.aborted) {
          return false;
        }
        this.unreachable("RegisterWorker", error);
        if (classify(error) !== "transient") {
          const e = asConnectError(error);
          throw new WorkerError(`RegisterWorker refused: ${codeName(e.code)}: ${e.rawMessage}`, {
            rpc: "RegisterWorker",
            code: e.code,
            cause: error,
          });
        }
        failures += 1;
        const delay = delayAfter(s.backoff, failures, error);
        this.logger.warn("cannot register; retrying", { ...this.fields("RegisterWorker", error), retry_in_ms: Math.round(delay) });
        if (await sleep(delay, this.shutdown.signal)) {
          return false;
        }
      }
    }
  }

  /** Claims and starts steps until shutdown or a permanent refusal. */
  private async claimLoop(): Promise<void> {
    const s = this.settings;
    const shutdown = this.shutdown.signal;
    let failures = 0;
    // Empty answers that came back at once (the server is draining, or the
    // wait is 0) are backed off like failures, so the worker does not spin.
    let earlyEmpty = 0;
    for (;;) {
      if (!(await this.slots.acquire(shutdown))) {
        return;
      }
      let slots = 1;
      while (slots < s.claimBatchSize && this.slots.tryAcquire()) {
        slots += 1;
      }
      const sent = performance.now();
      let steps: ClaimedStep[];
      try {
        const response = await this.client.claimSteps(
          { workerUuid: this.workerUuid, maxSteps: slots, waitTimeout: msDuration(s.longPollWaitMs) },
          { timeoutMs: s.longPollWaitMs + s.requestTimeoutMs, signal: shutdown },
        );
        steps = response.steps;
      } catch (error) {
        this.slots.release(slots);
        if (shutdown.aborted) {
          return;
        }
        this.unreachable("ClaimSteps", error);
        switch (classify(error)) {
          case "transient": {
            failures += 1;
            const delay = delayAfter(s.backoff, failures, error);
            this.logger.warn("claim failed; retrying", { ...this.fields("ClaimSteps", error), retry_in_ms: Math.round(delay) });
            if (await sleep(delay, shutdown)) {
              return;
            }
            break;
          }
          case "not-found":
          case "lease-lost":
            this.logger.warn("the orchestrator no longer knows this worker; registering again", this.fields("ClaimSteps", error));
            this.loseAll("the worker's registration was lost");
            if (!(await this.register())) {
              return;
            }
            break;
          case "permanent": {
            const e = asConnectError(error);
            throw new WorkerError(`ClaimSteps refused: ${codeName(e.code)}: ${e.rawMessage}`, {
              rpc: "ClaimSteps",
              code: e.code,
              cause: error,
            });
          }
        }
        continue;
      }
      failures = 0;
      this.reached();
      const received = performance.now();
      const atOnce = s.longPollWaitMs === 0 || received - sent < Math.min(s.longPollWaitMs / 2, 250);
      if (steps.length === 0 && atOnce) {
        this.slots.release(slots);
        earlyEmpty += 1;
        if (await sleep(backoffDelay(s.backoff, earlyEmpty), shutdown)) {
          return;
        }
        continue;
      }
      earlyEmpty = 0;
      for (const claim of steps) {
        const slot = slots > 0;
        if (slot) slots -= 1;
        this.start(claim, slot, received);
      }
      this.slots.release(slots);
    }
  }

  /** Records a claim as in flight and runs it. */
  private start(claim: ClaimedStep, slot: boolean, received: number): void {
    const entry: InFlight = {
      controller: new AbortController(),
      leaseLost: false,
      taskCancelled: false,
      leaseDeadline: received + this.leaseMs,
      interrupt: undefined,
    };
    this.inFlight.set(claim.claimUuid, entry);
    this.state.inFlight = this.inFlight.size;
    const execution = this.execute(claim, entry, slot)
      .catch((error: unknown) => {
        this.logger.error("step execution failed", { claim: claim.claimUuid, error: message(error) });
      })
      .finally(() => {
        this.inFlight.delete(claim.claimUuid);
        this.state.inFlight = this.inFlight.size;
        this.executions.delete(execution);
      });
    this.executions.add(execution);
  }

  private async execute(claim: ClaimedStep, entry: InFlight, hasSlot: boolean): Promise<void> {
    if (!hasSlot) {
      // More steps than asked for: wait for a free slot (or the lease's end).
      const waiting = new AbortController();
      entry.interrupt = () => waiting.abort();
      const onHardStop = () => waiting.abort();
      this.hardStop.signal.addEventListener("abort", onHardStop, { once: true });
      const acquired = await this.slots.acquire(waiting.signal);
      this.hardStop.signal.removeEventListener("abort", onHardStop);
      entry.interrupt = undefined;
      if (!acquired) {
        this.abandoned(claim, "no slot was free before the lease or the drain ended");
        return;
      }
    }
    const timeoutMs = durationMs(claim.step?.timeout) ?? this.settings.defaultStepTimeoutMs;
    const context = new StepContext(claim, entry.controller.signal, timeoutMs);
    const started = performance.now();
    const outcome = await this.runHandler(context, entry);
    const elapsed = performance.now() - started;
    if (outcome.kind === "abandon") {
      this.slots.release();
      this.abandoned(claim, outcome.reason);
      return;
    }
    const report = create(StepReportSchema, {
      claimUuid: claim.claimUuid,
      executionDuration: msDuration(elapsed),
      outcome:
        "results" in outcome
          ? { case: "results", value: outcome.results }
          : {
              case: "failure",
              value: {
                error: outcome.failure,
                retryAfter: outcome.retryAfterMs === undefined ? undefined : msDuration(outcome.retryAfterMs),
              },
            },
    });
    const recorded = await new Promise<boolean>((settle) => {
      this.reportQueue.push({ report, slot: true, settle });
      this.pumpReports();
    });
    const fields = { claim: claim.claimUuid, step: context.name, handler: context.handler, attempt: context.attempt, elapsed_ms: Math.round(elapsed) };
    if (!recorded) {
      this.state.stepsAbandoned += 1;
    } else if ("results" in outcome) {
      this.state.stepsCompleted += 1;
      this.logger.info("step completed", fields);
    } else {
      this.state.stepsFailed += 1;
      this.logger.warn("step failed", {
        ...fields,
        error_class: outcome.failure.errorClass,
        retryable: outcome.failure.retryable,
        error: outcome.failure.message,
      });
    }
  }

  private abandoned(claim: ClaimedStep, reason: string): void {
    this.state.stepsAbandoned += 1;
    this.logger.warn("attempt abandoned; nothing reported", { claim: claim.claimUuid, reason });
  }

  /** Runs the handler under the step's timeout and the attempt's interruptions. */
  private runHandler(context: StepContext, entry: InFlight): Promise<Outcome> {
    const handler = this.handlers.get(context.handler);
    if (handler === undefined) {
      return Promise.resolve({
        kind: "report",
        failure: failure(
          `no handler named ${JSON.stringify(context.handler)} is registered on this worker`,
          ERROR_CLASS_NOT_FOUND,
          false,
        ),
        retryAfterMs: undefined,
      });
    }
    const interrupted = (): Outcome | undefined => {
      if (entry.leaseLost) return { kind: "abandon", reason: "lease lost" };
      if (this.hardStop.signal.aborted) return { kind: "abandon", reason: "drain timeout reached during shutdown" };
      if (entry.taskCancelled) {
        return {
          kind: "report",
          failure: failure("the task was cancelled while the step ran", ERROR_CLASS_CANCELLED, false),
          retryAfterMs: undefined,
        };
      }
      return undefined;
    };
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        entry.interrupt = undefined;
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        const seconds = context.timeoutMs / 1000;
        entry.controller.abort(new RetryableError(`the step timeout of ${seconds}s passed`, { errorClass: ERROR_CLASS_TIMEOUT }));
        finish({
          kind: "report",
          failure: failure(`handler did not finish within the step timeout of ${seconds}s`, ERROR_CLASS_TIMEOUT, true),
          retryAfterMs: undefined,
        });
      }, Math.min(context.timeoutMs, 2 ** 31 - 1));
      entry.interrupt = (why) => {
        const reasons: Record<Interruption, string> = {
          "lease-lost": "the lease was lost",
          "task-cancelled": "the task was cancelled",
          "hard-stop": "the worker stopped",
        };
        entry.controller.abort(new Error(reasons[why]));
        const outcome = interrupted();
        if (outcome === undefined) return;
        if (why === "hard-stop") {
          finish(outcome);
        } else {
          // The handler gets the grace period to notice its signal and return.
          grace ??= setTimeout(() => finish(outcome), this.settings.cancelGraceMs);
        }
      };
      Promise.resolve()
        .then(() => handler(context))
        .then(
          (value) => {
            const stop = interrupted();
            if (stop !== undefined) return finish(stop);
            try {
              finish({ kind: "report", results: resultsObject(value) });
            } catch (error) {
              finish({
                kind: "report",
                failure: failure(`the handler's results are not JSON: ${message(error)}`, ERROR_CLASS_INVALID_RESULTS, false),
                retryAfterMs: undefined,
              });
            }
          },
          (error: unknown) => finish(interrupted() ?? failureOutcome(error)),
        );
    });
  }

  /** Starts the reporter unless it runs; it sends what queued while a batch was on the wire. */
  private pumpReports(): void {
    if (this.reporter !== undefined) {
      return;
    }
    this.reporter = (async () => {
      try {
        while (this.reportQueue.length > 0) {
          const batch = this.reportQueue.splice(0, MAX_REPORT_BATCH);
          if (this.unaryReports) {
            await Promise.all(batch.map((p) => this.reportUnary(p)));
          } else {
            await this.reportBatch(batch);
          }
        }
      } catch (error) {
        this.logger.error("reporter failed", { error: message(error) });
      } finally {
        this.reporter = undefined;
        if (this.reportQueue.length > 0) {
          this.pumpReports();
        }
      }
    })();
  }

  /**
   * Sends one batch with ReportResults, claiming the next steps into the
   * slots of the reports; retries what may be sent again a bounded number of
   * times.
   */
  private async reportBatch(batch: PendingReport[]): Promise<void> {
    const rpc = "ReportResults";
    const s = this.settings;
    let pending = batch;
    let attempt = 0;
    while (pending.length > 0) {
      attempt += 1;
      const slots = pending.filter((p) => p.slot).length;
      let error: unknown;
      try {
        const response = await this.client.reportResults(
          {
            workerUuid: this.workerUuid,
            reports: pending.map((p) => p.report),
            claimMaxSteps: this.shutdown.signal.aborted ? 0 : slots,
          },
          { timeoutMs: s.requestTimeoutMs },
        );
        this.reached();
        const received = performance.now();
        const again: PendingReport[] = [];
        let free = 0;
        pending.forEach((report, index) => {
          const verdict = this.verdict(rpc, response.results[index]?.status);
          if (verdict === "again") {
            again.push(report);
            return;
          }
          if (report.slot) free += 1;
          report.slot = false;
          report.settle(verdict === "recorded");
        });
        for (const claim of response.claimed) {
          const slot = free > 0;
          if (slot) free -= 1;
          this.start(claim, slot, received);
        }
        this.slots.release(free);
        pending = again;
        if (pending.length === 0) {
          return;
        }
        error = new ConnectError("some reports could not be recorded now", Code.Unavailable);
      } catch (caught) {
        if (asConnectError(caught).code === Code.Unimplemented) {
          this.logger.info("the orchestrator has no ReportResults; reporting one call per result");
          this.unaryReports = true;
          await Promise.all(pending.map((p) => this.reportUnary(p)));
          return;
        }
        error = caught;
      }
      if (classify(error) !== "transient" || attempt >= s.reportAttempts) {
        this.logger.error("reports not recorded; results dropped", {
          ...this.fields(rpc, error),
          attempt,
          reports: pending.length,
        });
        break;
      }
      this.unreachable(rpc, error);
      const delay = delayAfter(s.backoff, attempt, error);
      this.logger.warn("reports not recorded; retrying", { ...this.fields(rpc, error), attempt, retry_in_ms: Math.round(delay) });
      if (await sleep(delay, this.hardStop.signal)) {
        break;
      }
    }
    for (const report of pending) {
      if (report.slot) this.slots.release();
      report.slot = false;
      report.settle(false);
    }
  }

  /** What to do with one report of a batch, from its status. */
  private verdict(rpc: string, status: Status | undefined): "recorded" | "dropped" | "again" {
    if (status === undefined) {
      this.logger.error("the orchestrator answered fewer results than reports; result dropped", { rpc });
      return "dropped";
    }
    if (status.code === 0) {
      return "recorded";
    }
    const failure = classifyCode(status.code as Code);
    if (failure === "transient") {
      return "again";
    }
    const fields = { rpc, code: codeName(status.code as Code), error: status.message };
    if (failure === "permanent") {
      this.logger.error("report refused; result dropped", fields);
    } else {
      this.logger.warn("lease lost before the report; result dropped", fields);
    }
    return "dropped";
  }

  /** Reports one outcome with CompleteStep or FailStep (orchestrators without ReportResults). */
  private async reportUnary(pending: PendingReport): Promise<void> {
    const { report } = pending;
    const s = this.settings;
    let recorded = false;
    for (let attempt = 1; attempt <= s.reportAttempts; attempt += 1) {
      const rpc = report.outcome.case === "failure" ? "FailStep" : "CompleteStep";
      try {
        if (report.outcome.case === "failure") {
          await this.client.failStep(
            {
              workerUuid: this.workerUuid,
              claimUuid: report.claimUuid,
              error: report.outcome.value.error,
              executionDuration: report.executionDuration,
              retryAfter: report.outcome.value.retryAfter,
            },
            { timeoutMs: s.requestTimeoutMs },
          );
        } else {
          await this.client.completeStep(
            {
              workerUuid: this.workerUuid,
              claimUuid: report.claimUuid,
              results: report.outcome.value ?? {},
              executionDuration: report.executionDuration,
            },
            { timeoutMs: s.requestTimeoutMs },
          );
        }
        this.reached();
        recorded = true;
        break;
      } catch (error) {
        if (classify(error) !== "transient" || attempt === s.reportAttempts) {
          this.logger.warn("report not recorded; result dropped", this.fields(rpc, error));
          break;
        }
        this.unreachable(rpc, error);
        if (await sleep(delayAfter(s.backoff, attempt, error), this.hardStop.signal)) {
          break;
        }
      }
    }
    if (pending.slot) this.slots.release();
    pending.slot = false;
    pending.settle(recorded);
  }

  /**
   * Extends the leases of in-flight claims every heartbeat interval until
   * `stop`; interrupts the handlers of leases the orchestrator reports lost
   * or that expire locally because heartbeats keep failing.
   */
  private async heartbeatLoop(stop: AbortSignal): Promise<void> {
    let failures = 0;
    for (;;) {
      const wait = failures === 0 ? this.heartbeatMs : Math.min(backoffDelay(this.settings.backoff, failures), this.heartbeatMs);
      if (await sleep(wait, stop)) {
        return;
      }
      this.expireOverdueLeases();
      const claims = [...this.inFlight].filter(([, entry]) => !entry.leaseLost).map(([claim]) => claim);
      if (claims.length === 0) {
        failures = 0;
        continue;
      }
      const sent = performance.now();
      try {
        const response = await this.client.heartbeat(
          { workerUuid: this.workerUuid, claimUuids: claims },
          { timeoutMs: this.settings.requestTimeoutMs, signal: stop },
        );
        failures = 0;
        this.reached();
        for (const lease of response.leases) {
          const entry = this.inFlight.get(lease.claimUuid);
          if (entry === undefined) continue;
          if (lease.held) {
            entry.leaseDeadline = sent + this.leaseMs;
          } else if (lease.reason === TASK_CANCELLED) {
            this.cancelClaim(lease.claimUuid);
          } else {
            this.lose(lease.claimUuid, lease.reason === "" ? "not held" : lease.reason);
          }
        }
      } catch (error) {
        if (stop.aborted) {
          return;
        }
        this.unreachable("Heartbeat", error);
        const kind = classify(error);
        if (kind === "not-found" || kind === "lease-lost") {
          this.logger.warn("the orchestrator no longer knows this worker", this.fields("Heartbeat", error));
          this.loseAll("the worker's registration was lost");
          failures = 0;
        } else {
          failures += 1;
          this.logger.warn("heartbeat failed; retrying", this.fields("Heartbeat", error));
        }
      }
    }
  }

  /** Interrupts the handlers of claims whose lease ran out without a successful heartbeat. */
  private expireOverdueLeases(): void {
    const now = performance.now();
    for (const [claim, entry] of this.inFlight) {
      if (!entry.leaseLost && entry.leaseDeadline <= now) {
        this.lose(claim, "lease expired without a successful heartbeat");
      }
    }
  }

  /** Marks one claim's lease lost: its handler's signal fires and nothing is reported. */
  private lose(claimUuid: string, reason: string): void {
    const entry = this.inFlight.get(claimUuid);
    if (entry === undefined || entry.leaseLost) return;
    this.logger.warn("lease lost; stopping the handler", { claim: claimUuid, reason });
    entry.leaseLost = true;
    entry.interrupt?.("lease-lost");
  }

  private loseAll(reason: string): void {
    for (const claim of [...this.inFlight.keys()]) {
      this.lose(claim, reason);
    }
  }

  /** The step's task was cancelled: the handler is told to stop and the attempt reported as cancelled. */
  private cancelClaim(claimUuid: string): void {
    const entry = this.inFlight.get(claimUuid);
    if (entry === undefined || entry.leaseLost || entry.taskCancelled) return;
    this.logger.info("task cancelled; stopping the handler", { claim: claimUuid });
    entry.taskCancelled = true;
    entry.interrupt?.("task-cancelled");
  }

  /**
   * Streams the claims the orchestrator ends while they run (their task was
   * cancelled) and stops those handlers at once; reconnects with backoff
   * until `stop`. Heartbeats carry the same news later, so an orchestrator
   * without the stream (UNIMPLEMENTED) is not asked again.
   */
  private async claimWatchLoop(stop: AbortSignal): Promise<void> {
    let failures = 0;
    for (;;) {
      if (failures > 0 && (await sleep(backoffDelay(this.settings.backoff, failures), stop))) {
        return;
      }
      if (stop.aborted) return;
      try {
        for await (const message of this.client.watchClaims({ workerUuid: this.workerUuid }, { signal: stop })) {
          failures = 0;
          if (message.lease !== undefined) {
            this.cancelClaim(message.lease.claimUuid);
          }
        }
        failures += 1;
      } catch (error) {
        if (stop.aborted) return;
        if (asConnectError(error).code === Code.Unimplemented) return;
        failures += 1;
        this.logger.debug("claim watch ended; reconnecting", this.fields("WatchClaims", error));
      }
    }
  }

  /** Deregisters (which releases the worker's leases), retrying transient failures a bounded number of times. */
  private async deregister(): Promise<void> {
    const s = this.settings;
    for (let attempt = 1; attempt <= s.reportAttempts; attempt += 1) {
      try {
        const response = await this.client.deregisterWorker(
          { workerUuid: this.workerUuid },
          { timeoutMs: s.requestTimeoutMs },
        );
        this.logger.info("deregistered", { released_claims: response.releasedClaims });
        return;
      } catch (error) {
        if (classify(error) === "transient" && attempt < s.reportAttempts) {
          const delay = delayAfter(s.backoff, attempt, error);
          this.logger.warn("cannot deregister; retrying", { ...this.fields("DeregisterWorker", error), retry_in_ms: Math.round(delay) });
          await sleep(delay);
          continue;
        }
        this.logger.warn("cannot deregister; the orchestrator will expire the worker's leases", this.fields("DeregisterWorker", error));
        return;
      }
    }
  }
}

function failure(messageText: string, errorClass: string, retryable: boolean, details?: JsonObject): StepError {
  return { $typeName: "tasker.v1.StepError", message: messageText, errorClass, retryable, details };
}

/** The reported failure for what a handler threw. */
export function failureOutcome(error: unknown): Outcome {
  if (error instanceof PermanentError) {
    return { kind: "report", failure: failure(error.message, error.errorClass ?? error.name, false, error.details), retryAfterMs: undefined };
  }
  if (error instanceof RetryableError) {
    return {
      kind: "report",
      failure: failure(error.message, error.errorClass ?? error.name, true, error.details),
      retryAfterMs: error.retryAfterMs,
    };
  }
  if (error instanceof Error) {
    return { kind: "report", failure: failure(error.message, error.name || "Error", true), retryAfterMs: undefined };
  }
  return { kind: "report", failure: failure(String(error), "Error", true), retryAfterMs: undefined };
}
