/**
 * An in-memory WorkerService for unit tests: hands out queued steps, records
 * every call, and fails calls on demand.
 */

import { create } from "@bufbuild/protobuf";
import { ConnectError, createRouterTransport, type Transport } from "@connectrpc/connect";

import { msDuration } from "../step.js";
import {
  ClaimedStepSchema,
  WorkerService,
  type ClaimedStep,
  type StepReport,
} from "../gen/tasker/v1/worker_pb.js";

/** Fields of a queued claim other than its step. */
export interface StepInit {
  attempt?: number;
  taskContext?: Record<string, string | number>;
  dependencyResults?: Record<string, Record<string, string | number>>;
  traceparent?: string;
}

export class FakeOrchestrator {
  readonly ready: ClaimedStep[] = [];
  /** Every report received, in order. */
  readonly reports: StepReport[] = [];
  /** Sizes and claim_max_steps of each ReportResults call. */
  readonly batches: { reports: number; claimMaxSteps: number }[] = [];
  readonly heartbeats: string[][] = [];
  readonly calls: string[] = [];
  /** Errors thrown by the next calls of an RPC, first first. */
  readonly failures = new Map<string, ConnectError[]>();
  /** Claims answered `held: false` (with this reason) by heartbeats. */
  readonly notHeld = new Map<string, string>();
  /** Claims whose report is answered with this gRPC code. */
  readonly reportCodes = new Map<string, number>();
  /** Claims reported with CompleteStep or FailStep. */
  readonly unary: string[] = [];
  /** Credentials seen. */
  readonly apiKeys = new Set<string>();
  /** Lease and heartbeat interval granted at registration, in ms. */
  leaseMs = 3_000;
  heartbeatMs = 50;
  /** Claims whose task was cancelled, for WatchClaims to announce. */
  private readonly cancelled: string[] = [];
  private announce: (() => void) | undefined;
  registrations = 0;
  deregistrations = 0;
  private claims = 0;
  private wake: (() => void)[] = [];

  readonly transport: Transport = createRouterTransport(({ service }) => {
    service(WorkerService, {
      registerWorker: (request, context) => {
        this.record("RegisterWorker", context.requestHeader.get("x-api-key"));
        this.registrations += 1;
        return {
          worker: { workerUuid: `w${this.registrations}`, name: request.name, namespaces: request.namespaces },
          leaseDuration: msDuration(this.leaseMs),
          heartbeatInterval: msDuration(this.heartbeatMs),
        };
      },
      claimSteps: async (request, context) => {
        this.record("ClaimSteps");
        const waitMs = Number(request.waitTimeout?.seconds ?? 0n) * 1000 + (request.waitTimeout?.nanos ?? 0) / 1e6;
        if (this.ready.length === 0 && waitMs > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, waitMs);
            function done() {
              clearTimeout(timer);
              resolve();
            }
            this.wake.push(done);
            context.signal.addEventListener("abort", done, { once: true });
          });
        }
        return { steps: this.take(request.maxSteps) };
      },
      heartbeat: (request) => {
        this.record("Heartbeat");
        this.heartbeats.push([...request.claimUuids]);
        return {
          leases: request.claimUuids.map((claimUuid) => {
            const reason = this.notHeld.get(claimUuid);
            return { claimUuid, held: reason === undefined, reason: reason ?? "" };
          }),
        };
      },
      watchClaims: (_request, context) => this.watch(context.signal),
      reportResults: (request) => {
        this.record("ReportResults");
        this.batches.push({ reports: request.reports.length, claimMaxSteps: request.claimMaxSteps });
        this.reports.push(...request.reports);
        return {
          results: request.reports.map((report) => ({
            claimUuid: report.claimUuid,
            status: { code: this.reportCodes.get(report.claimUuid) ?? 0, message: "" },
          })),
          claimed: this.take(request.claimMaxSteps),
        };
      },
      completeStep: (request) => {
        this.record("CompleteStep");
        this.unary.push(request.claimUuid);
        return {};
      },
      failStep: (request) => {
        this.record("FailStep");
        this.unary.push(request.claimUuid);
        return {};
      },
      deregisterWorker: () => {
        this.record("DeregisterWorker");
        this.deregistrations += 1;
        return { releasedClaims: 0 };
      },
    });
  });

  /** Queues a step to be claimed; returns its claim uuid. */
  add(handler: string, init: StepInit = {}, stepInit: Record<string, unknown> = {}): string {
    this.claims += 1;
    const claimUuid = `c${this.claims}`;
    this.ready.push(
      create(ClaimedStepSchema, {
        claimUuid,
        namespace: "ns",
        taskName: "t",
        taskVersion: "1.0.0",
        attempt: 1,
        taskContext: { n: this.claims },
        ...init,
        step: { stepUuid: `s${this.claims}`, taskUuid: "task", name: `step${this.claims}`, handler, maxAttempts: 3, ...stepInit },
      }),
    );
    for (const wake of this.wake.splice(0)) wake();
    return claimUuid;
  }

  /** Announces on WatchClaims that the task of `claimUuid` was cancelled. */
  cancel(claimUuid: string): void {
    this.cancelled.push(claimUuid);
    this.announce?.();
  }

  /** The WatchClaims stream: each cancelled claim once, open until the worker closes it. */
  private async *watch(signal: AbortSignal) {
    while (!signal.aborted) {
      const claimUuid = this.cancelled.shift();
      if (claimUuid !== undefined) {
        yield { lease: { claimUuid, held: false, reason: "task_cancelled" } };
        continue;
      }
      await new Promise<void>((resolve) => {
        this.announce = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
  }

  /** The next `n` calls of `rpc` fail with `error`. */
  fail(rpc: string, error: ConnectError, n = 1): void {
    const queue = this.failures.get(rpc) ?? [];
    for (let i = 0; i < n; i += 1) queue.push(error);
    this.failures.set(rpc, queue);
  }

  private record(rpc: string, apiKey?: string | null): void {
    this.calls.push(rpc);
    if (apiKey) this.apiKeys.add(apiKey);
    const error = this.failures.get(rpc)?.shift();
    if (error !== undefined) {
      throw error;
    }
  }

  private take(max: number): ClaimedStep[] {
    return this.ready.splice(0, Math.max(0, max));
  }
}

/** Resolves once `predicate` holds, polling; rejects after `ms`. */
export async function until(predicate: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error("condition not met in time");
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
