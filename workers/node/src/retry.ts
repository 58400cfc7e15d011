/**
 * Retrying calls to the orchestrator: which gRPC errors are worth retrying,
 * capped exponential backoff with jitter, and the delay a server asks for in
 * a `google.rpc.RetryInfo` detail.
 */

import { Code, ConnectError } from "@connectrpc/connect";
import { RetryInfoSchema } from "./gen/google/rpc/error_details_pb.js";

/** Capped exponential backoff, in milliseconds. */
export interface Backoff {
  /** First nominal delay (default 100 ms). */
  initialMs: number;
  /** Largest nominal delay (default 10 s). */
  maxMs: number;
}

/** 100 ms doubling up to 10 s. */
export const DEFAULT_BACKOFF: Readonly<Backoff> = Object.freeze({ initialMs: 100, maxMs: 10_000 });

/** The longest server-requested delay honoured, so a confused server cannot park a worker. */
export const MAX_RETRY_INFO_MS = 60_000;

/** The nominal delay before retry `attempt` (from 1), before jitter. */
export function nominalDelay(backoff: Backoff, attempt: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 31);
  return Math.min(backoff.initialMs * 2 ** exponent, backoff.maxMs);
}

/**
 * The delay before retry `attempt` (from 1): the nominal delay drawn
 * uniformly from its upper half ("equal jitter"), so retries of many workers
 * spread out while each still waits at least half the nominal delay.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const half = nominalDelay(backoff, attempt) / 2;
  return half + half * random();
}

/** How a failed call to the orchestrator is handled. */
export type Failure =
  /** The network or the server is (perhaps briefly) unavailable: retry. */
  | "transient"
  /** The lease is no longer held (FAILED_PRECONDITION): drop the report. */
  | "lease-lost"
  /** The orchestrator does not know the worker or the claim (NOT_FOUND). */
  | "not-found"
  /** Retrying cannot help: bad credentials, a bad request, ... */
  | "permanent";

/** Classifies a gRPC status code. */
export function classifyCode(code: Code): Failure {
  switch (code) {
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.ResourceExhausted:
    case Code.Aborted:
    case Code.Internal:
    case Code.Unknown:
    case Code.Canceled:
      return "transient";
    case Code.FailedPrecondition:
      return "lease-lost";
    case Code.NotFound:
      return "not-found";
    default:
      return "permanent";
  }
}

/** Classifies a failed call (anything that is not a ConnectError is a network failure). */
export function classify(error: unknown): Failure {
  return classifyCode(asConnectError(error).code);
}

/** The error as a ConnectError (a network failure becomes UNAVAILABLE). */
export function asConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) {
    return error;
  }
  return ConnectError.from(error, Code.Unavailable);
}

/** The delay the server asked for in a `google.rpc.RetryInfo` detail, in ms. */
export function retryInfoMs(error: unknown): number | undefined {
  if (!(error instanceof ConnectError)) {
    return undefined;
  }
  for (const info of error.findDetails(RetryInfoSchema)) {
    const delay = info.retryDelay;
    if (delay !== undefined) {
      return Number(delay.seconds) * 1000 + delay.nanos / 1e6;
    }
  }
  return undefined;
}

/**
 * The delay before retry `attempt` after `error`: the backoff, raised to the
 * server's RetryInfo when it asks for longer (capped at one minute).
 */
export function delayAfter(backoff: Backoff, attempt: number, error: unknown): number {
  const delay = backoffDelay(backoff, attempt);
  const asked = retryInfoMs(error);
  return asked === undefined ? delay : Math.max(delay, Math.min(asked, MAX_RETRY_INFO_MS));
}
