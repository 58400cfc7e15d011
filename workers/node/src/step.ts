/** What a handler gets: one claimed step, its inputs and its cancellation. */

import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import type { Duration } from "@bufbuild/protobuf/wkt";
import type { ClaimedStep } from "./gen/tasker/v1/worker_pb.js";

/** A Duration in milliseconds; `undefined` when absent or not positive. */
export function durationMs(duration: Duration | undefined): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  const ms = Number(duration.seconds) * 1000 + duration.nanos / 1e6;
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** A Duration of `ms` milliseconds (not negative). */
export function msDuration(ms: number): { seconds: bigint; nanos: number } {
  const whole = Math.max(0, Math.floor(ms));
  const nanos = Math.round((Math.max(0, ms) - whole) * 1e6);
  return { seconds: BigInt(Math.floor(whole / 1000)), nanos: (whole % 1000) * 1e6 + nanos };
}

/**
 * One attempt at a step. `signal` fires when the attempt should stop: the
 * lease was lost (a heartbeat answered `held: false`, or heartbeats failed
 * until the lease ran out), the step's task was cancelled, the step's
 * timeout passed, or the worker's drain timeout ran out. A handler that
 * ignores it is left running, but its result is not reported.
 */
export class StepContext {
  /** The claim as the orchestrator sent it (the generated message). */
  readonly claim: ClaimedStep;
  /** Fires when the attempt should stop; `signal.reason` says why. */
  readonly signal: AbortSignal;
  /** How long this attempt may run, in ms (the step's template `timeout`). */
  readonly timeoutMs: number;

  constructor(claim: ClaimedStep, signal: AbortSignal, timeoutMs: number) {
    this.claim = claim;
    this.signal = signal;
    this.timeoutMs = timeoutMs;
  }

  /** Identifier of this claim (one attempt). */
  get claimUuid(): string {
    return this.claim.claimUuid;
  }

  /** Identifier of the step, the same for every attempt: key side effects by it. */
  get stepUuid(): string {
    return this.claim.step?.stepUuid ?? "";
  }

  /** Identifier of the step's task. */
  get taskUuid(): string {
    return this.claim.step?.taskUuid ?? "";
  }

  /** The step's name in its template. */
  get name(): string {
    return this.claim.step?.name ?? "";
  }

  /** The handler the step names. */
  get handler(): string {
    return this.claim.step?.handler ?? "";
  }

  /** Namespace of the task. */
  get namespace(): string {
    return this.claim.namespace;
  }

  /** Template name of the task. */
  get taskName(): string {
    return this.claim.taskName;
  }

  /** Template version of the task. */
  get taskVersion(): string {
    return this.claim.taskVersion;
  }

  /** This attempt's number, from 1. */
  get attempt(): number {
    return this.claim.attempt;
  }

  /** How many attempts the step's retry policy allows (0 when not said). */
  get maxAttempts(): number {
    return this.claim.step?.maxAttempts ?? 0;
  }

  /**
   * W3C trace context (a `traceparent` header value) of the request that
   * created the task; empty when there is none. Continue it in the step's
   * span (e.g. OpenTelemetry's propagator) so one trace follows the task
   * from its client to its workers.
   */
  get traceparent(): string {
    return this.claim.traceparent;
  }

  /** The task's input context. */
  get context(): JsonObject {
    return this.claim.taskContext ?? {};
  }

  /** The step's `handler_config` from its template. */
  get handlerConfig(): JsonObject {
    return this.claim.step?.handlerConfig ?? {};
  }

  /** Results of the steps this one depends on, by step name. */
  get dependencyResults(): Readonly<Record<string, JsonObject>> {
    return this.claim.dependencyResults;
  }

  /** The results of dependency `name`, if this step depends on it. */
  dependencyResult(name: string): JsonObject | undefined {
    return Object.prototype.hasOwnProperty.call(this.claim.dependencyResults, name)
      ? this.claim.dependencyResults[name]
      : undefined;
  }

  /** Throws `signal.reason` when the attempt should stop (a check for long loops). */
  throwIfAborted(): void {
    this.signal.throwIfAborted();
  }
}

/** What a handler may return: a JSON object (others are wrapped as `{"result": value}`). */
export type HandlerResult = JsonValue | undefined | void;

/** A step handler. Throw `RetryableError` or `PermanentError` to fail the attempt. */
export type Handler = (step: StepContext) => HandlerResult | Promise<HandlerResult>;

/**
 * The results object reported for what a handler returned: an object as it
 * is, `null`/`undefined` as `{}`, anything else as `{"result": value}`.
 * Values go through JSON (so `toJSON`, such as a Date's, applies).
 *
 * @throws TypeError when the value is not JSON-serialisable (a BigInt, a cycle).
 */
export function resultsObject(value: unknown): JsonObject {
  if (value === undefined || value === null) {
    return {};
  }
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) {
    throw new TypeError(`a ${typeof value} is not JSON`);
  }
  const parsed = JSON.parse(json) as JsonValue;
  if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
    return parsed;
  }
  return parsed === null ? {} : { result: parsed };
}
