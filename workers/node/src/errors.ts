/**
 * What a handler throws to say how its attempt failed, and the error a
 * worker stops with when the orchestrator refuses it for good.
 */

import type { JsonObject } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";

/** Error class reported when a handler overruns its step's timeout. */
export const ERROR_CLASS_TIMEOUT = "HandlerTimeout";
/** Error class reported when the worker has no handler of the step's name. */
export const ERROR_CLASS_NOT_FOUND = "HandlerNotFound";
/** Error class reported for an attempt stopped because its task was cancelled. */
export const ERROR_CLASS_CANCELLED = "TaskCancelled";
/** Error class reported when a handler's results are not JSON. */
export const ERROR_CLASS_INVALID_RESULTS = "InvalidResults";

/** Options of a failure a handler throws. */
export interface FailureOptions {
  /** A class for grouping failures (default: the error's `name`). */
  errorClass?: string;
  /** Any JSON object with more about the failure, stored with the step. */
  details?: JsonObject;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * A failure worth another attempt: the step is retried while its template's
 * retry policy allows. Any other error a handler throws counts as retryable
 * too; throw this one to set `retryAfterMs`, a class or details.
 */
export class RetryableError extends Error {
  /** The least delay before the next attempt, in ms (e.g. an upstream's Retry-After). */
  readonly retryAfterMs: number | undefined;
  readonly errorClass: string | undefined;
  readonly details: JsonObject | undefined;

  constructor(message: string, options: FailureOptions & { retryAfterMs?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RetryableError";
    this.retryAfterMs = options.retryAfterMs;
    this.errorClass = options.errorClass;
    this.details = options.details;
  }
}

/**
 * A failure no retry can fix (bad input, a refused payment): the step fails
 * at once, its task is blocked and a dead-letter entry is opened.
 */
export class PermanentError extends Error {
  readonly errorClass: string | undefined;
  readonly details: JsonObject | undefined;

  constructor(message: string, options: FailureOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PermanentError";
    this.errorClass = options.errorClass;
    this.details = options.details;
  }
}

/**
 * The worker cannot go on: invalid settings, or the orchestrator refused a
 * call for a reason retrying cannot fix (credentials, permissions, a
 * namespace the key may not use).
 */
export class WorkerError extends Error {
  /** The RPC refused, when the orchestrator refused one. */
  readonly rpc: string | undefined;
  /** The gRPC code of the refusal. */
  readonly code: Code | undefined;

  constructor(message: string, options: { rpc?: string; code?: Code; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WorkerError";
    this.rpc = options.rpc;
    this.code = options.code;
  }
}

/** The name of a gRPC code as the protocol spells it (`PERMISSION_DENIED`). */
export function codeName(code: Code): string {
  const name = Code[code] ?? `CODE_${code}`;
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase().replace("CANCELED", "CANCELLED");
}
