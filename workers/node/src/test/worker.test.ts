import assert from "node:assert/strict";
import { test } from "node:test";

import { Code, ConnectError } from "@connectrpc/connect";

import { RetryInfoSchema } from "../gen/google/rpc/error_details_pb.js";
import type { StepReport } from "../gen/tasker/v1/worker_pb.js";
import {
  ERROR_CLASS_CANCELLED,
  ERROR_CLASS_NOT_FOUND,
  ERROR_CLASS_TIMEOUT,
  PermanentError,
  RetryableError,
  silentLogger,
  Worker,
  WorkerError,
  type StepContext,
  type WorkerOptions,
} from "../index.js";
import { FakeOrchestrator, until } from "./fake.js";

function worker(fake: FakeOrchestrator, options: Partial<WorkerOptions> = {}): Worker {
  return new Worker({
    namespaces: ["ns"],
    transport: fake.transport,
    longPollWaitMs: 200,
    handleSignals: false,
    logger: silentLogger,
    backoff: { initialMs: 5, maxMs: 20 },
    ...options,
  });
}

function reportOf(fake: FakeOrchestrator, claim: string): StepReport {
  const report = fake.reports.find((r) => r.claimUuid === claim);
  assert.ok(report, `no report of ${claim}: ${fake.reports.map((r) => r.claimUuid).join(",")}`);
  return report;
}

function failureOf(fake: FakeOrchestrator, claim: string) {
  const outcome = reportOf(fake, claim).outcome;
  assert.equal(outcome.case, "failure", `${claim} was not a failure`);
  return outcome.value;
}

test("settings are checked", () => {
  const transport = new FakeOrchestrator().transport;
  const base = { namespaces: ["ns"], transport };
  assert.throws(() => new Worker({ ...base, namespaces: [] }), /namespaces/);
  assert.throws(() => new Worker({ ...base, concurrency: 0 }), /concurrency/);
  assert.throws(() => new Worker({ ...base, claimBatchSize: 1.5 }), /claimBatchSize/);
  assert.throws(() => new Worker({ namespaces: ["ns"], endpoint: "not a url" }), /endpoint/);
  assert.throws(() => new Worker({ namespaces: ["ns"], endpoint: "ftp://x:1" }), /expected http/);
  assert.throws(() => new Worker({ namespaces: ["ns"], endpoint: "http://x:1", caPem: "pem" }), /use https/);
  assert.throws(() => new Worker({ namespaces: ["ns"], endpoint: "http://x:1", apiKey: "bad\nkey" }), /apiKey/);
  const ok = new Worker({ namespaces: ["ns"], endpoint: "https://x:1", caPem: "pem", apiKey: "k" });
  ok.handle("b", () => ({})).handle("a", () => ({}));
  assert.deepEqual(ok.handlerNames, ["a", "b"]);
  assert.ok(!JSON.stringify(ok.status).includes("k\""), "the status carries no credential");
});

test("a worker without handlers refuses to run", async () => {
  await assert.rejects(worker(new FakeOrchestrator()).run(), WorkerError);
});

test("steps run with their inputs and are reported in batches that claim the next steps", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake, { concurrency: 2 });
  const seen: StepContext[] = [];
  w.handle("double", async (step) => {
    seen.push(step);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { doubled: Number(step.context["n"]) * 2, from: step.dependencyResult("a") ?? null };
  });
  const first = fake.add("double", {
    dependencyResults: { a: { x: 1 } },
    traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
  });
  for (let i = 0; i < 9; i += 1) fake.add("double");
  const running = w.run();
  await until(() => fake.reports.length === 10);
  w.stop();
  await running;

  const firstResults = reportOf(fake, first).outcome;
  assert.equal(firstResults.case, "results");
  assert.deepEqual(firstResults.value, { doubled: 2, from: { x: 1 } });
  assert.equal(seen[0]?.attempt, 1);
  assert.equal(seen[0]?.namespace, "ns");
  assert.equal(seen[0]?.stepUuid, "s1");
  assert.equal(seen[0]?.traceparent, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  assert.ok(reportOf(fake, first).executionDuration !== undefined);
  // Ten steps, two slots: after the first claim, the reports' answers
  // carried the next steps, so ClaimSteps was not needed for most of them.
  const claimCalls = fake.calls.filter((c) => c === "ClaimSteps").length;
  assert.ok(claimCalls < 10, `${claimCalls} ClaimSteps calls for 10 steps`);
  assert.ok(
    fake.batches.every((b) => b.reports <= 2 && (b.claimMaxSteps === b.reports || b.claimMaxSteps === 0)),
    `each report claims into its own slot: ${JSON.stringify(fake.batches)}`,
  );
  assert.equal(fake.deregistrations, 1);
  const status = w.status;
  assert.equal(status.stepsCompleted, 10);
  assert.equal(status.inFlight, 0);
  assert.equal(status.stopped, true);
  assert.equal(status.registered, false);
});

test("failures are reported retryable or permanent with their class, details and retry delay", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake);
  w.handle("flaky", () => {
    throw new RetryableError("try later", { retryAfterMs: 1_500, errorClass: "Upstream", details: { status: 503 } });
  });
  w.handle("broken", () => {
    throw new PermanentError("bad input", { errorClass: "Validation" });
  });
  w.handle("crash", () => {
    throw new TypeError("oops");
  });
  w.handle("bigint", () => ({ n: 1n }) as never);
  const flaky = fake.add("flaky");
  const broken = fake.add("broken");
  const crash = fake.add("crash");
  const unknown = fake.add("missing");
  const bigint = fake.add("bigint");
  const running = w.run();
  await until(() => fake.reports.length === 5);
  w.stop();
  await running;

  const f = failureOf(fake, flaky);
  assert.equal(f.error?.retryable, true);
  assert.equal(f.error?.errorClass, "Upstream");
  assert.deepEqual(f.error?.details, { status: 503 });
  assert.deepEqual(f.retryAfter, { $typeName: "google.protobuf.Duration", seconds: 1n, nanos: 500_000_000 });
  const b = failureOf(fake, broken);
  assert.equal(b.error?.retryable, false);
  assert.equal(b.error?.errorClass, "Validation");
  assert.equal(b.error?.message, "bad input");
  const c = failureOf(fake, crash);
  assert.equal(c.error?.retryable, true, "an unexpected error is worth a retry");
  assert.equal(c.error?.errorClass, "TypeError");
  const u = failureOf(fake, unknown);
  assert.equal(u.error?.retryable, false);
  assert.equal(u.error?.errorClass, ERROR_CLASS_NOT_FOUND);
  assert.equal(failureOf(fake, bigint).error?.retryable, false, "results that are not JSON fail for good");
  assert.equal(w.status.stepsFailed, 5);
});

test("a step past its timeout is stopped and reported as a retryable timeout", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake);
  let aborted: unknown;
  w.handle("slow", (step) => new Promise((resolve) => {
    step.signal.addEventListener("abort", () => {
      aborted = step.signal.reason;
      resolve({});
    });
  }));
  const slow = fake.add("slow", {}, { timeout: { nanos: 50_000_000 } });
  const running = w.run();
  await until(() => fake.reports.length === 1);
  w.stop();
  await running;
  const f = failureOf(fake, slow);
  assert.equal(f.error?.errorClass, ERROR_CLASS_TIMEOUT);
  assert.equal(f.error?.retryable, true);
  assert.ok(aborted instanceof RetryableError, "the handler's signal fired with the timeout");
});

test("a heartbeat answering held:false fires the handler's signal and nothing is reported", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake, { cancelGraceMs: 50 });
  let signalled = false;
  w.handle("long", (step) => new Promise((resolve) => {
    step.signal.addEventListener("abort", () => {
      signalled = true;
      resolve({ late: true });
    });
  }));
  const lost = fake.add("long");
  fake.notHeld.set(lost, "expired");
  const running = w.run();
  await until(() => signalled);
  await until(() => w.status.stepsAbandoned === 1);
  w.stop();
  await running;
  assert.ok(fake.heartbeats.some((h) => h.includes(lost)), "the claim was heartbeated");
  assert.equal(fake.reports.length, 0, "a lost lease's result is dropped");
});

test("a cancelled task stops its handler and the attempt is reported as cancelled", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake, { cancelGraceMs: 1_000 });
  w.handle("long", (step) => new Promise((_resolve, reject) => {
    step.signal.addEventListener("abort", () => reject(step.signal.reason));
  }));
  const cancelled = fake.add("long");
  fake.notHeld.set(cancelled, "task_cancelled");
  const running = w.run();
  await until(() => fake.reports.length === 1);
  w.stop();
  await running;
  const f = failureOf(fake, cancelled);
  assert.equal(f.error?.errorClass, ERROR_CLASS_CANCELLED);
  assert.equal(f.error?.retryable, false);
});

test("UNAVAILABLE is retried after the delay the server asks for", async () => {
  const fake = new FakeOrchestrator();
  const busy = new ConnectError("draining", Code.Unavailable, undefined, [
    { desc: RetryInfoSchema, value: { retryDelay: { nanos: 300_000_000 } } },
  ]);
  fake.fail("RegisterWorker", busy);
  fake.fail("ClaimSteps", new ConnectError("down", Code.Unavailable), 2);
  const w = worker(fake);
  w.handle("h", () => ({}));
  const claim = fake.add("h");
  const started = Date.now();
  const running = w.run();
  await until(() => fake.reports.length === 1);
  const elapsed = Date.now() - started;
  w.stop();
  await running;
  assert.ok(elapsed >= 300, `registered again after ${elapsed} ms, before the 300 ms RetryInfo`);
  assert.equal(fake.registrations, 1);
  assert.equal(reportOf(fake, claim).outcome.case, "results");
});

test("reports refused with UNAVAILABLE are sent again", async () => {
  const fake = new FakeOrchestrator();
  fake.fail("ReportResults", new ConnectError("busy", Code.Unavailable));
  const w = worker(fake);
  w.handle("h", () => ({ ok: true }));
  fake.add("h");
  const running = w.run();
  await until(() => w.status.stepsCompleted === 1);
  w.stop();
  await running;
  assert.equal(fake.calls.filter((c) => c === "ReportResults").length, 2);
});

test("a refused credential stops the worker with a WorkerError naming the code", async () => {
  const fake = new FakeOrchestrator();
  fake.fail("RegisterWorker", new ConnectError("namespace other is not allowed", Code.PermissionDenied));
  const w = worker(fake);
  w.handle("h", () => ({}));
  await assert.rejects(w.run(), (error: unknown) => {
    assert.ok(error instanceof WorkerError);
    assert.equal(error.code, Code.PermissionDenied);
    assert.match(error.message, /PERMISSION_DENIED/);
    return true;
  });
});

test("a claim refused for good drains and deregisters before run() rejects", async () => {
  const fake = new FakeOrchestrator();
  fake.fail("ClaimSteps", new ConnectError("denied", Code.PermissionDenied));
  const w = worker(fake);
  w.handle("h", () => ({}));
  await assert.rejects(w.run(), WorkerError);
  assert.equal(fake.deregistrations, 1);
});

test("stop() lets in-flight steps finish and be reported, then deregisters", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake, { concurrency: 2 });
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  w.handle("gated", async () => {
    started += 1;
    await gate;
    return { drained: true };
  });
  fake.add("gated");
  fake.add("gated");
  const running = w.run();
  await until(() => started === 2);
  fake.add("gated");
  w.stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(fake.deregistrations, 0, "deregistered before the in-flight steps finished");
  release();
  await running;
  assert.equal(fake.reports.length, 2, "both in-flight steps were reported");
  assert.ok(fake.batches.every((b) => b.claimMaxSteps === 0), "nothing is claimed while draining");
  assert.equal(fake.ready.length, 1, "the step queued after stop() was not claimed");
  assert.equal(fake.deregistrations, 1);
  assert.ok(fake.calls.indexOf("DeregisterWorker") > fake.calls.lastIndexOf("ReportResults"));
});

test("the drain timeout abandons handlers that do not finish", async () => {
  const fake = new FakeOrchestrator();
  const w = worker(fake, { drainTimeoutMs: 50 });
  let signalled = false;
  w.handle("stuck", (step) => {
    step.signal.addEventListener("abort", () => (signalled = true));
    return new Promise(() => {});
  });
  fake.add("stuck");
  const running = w.run();
  await until(() => w.status.inFlight === 1);
  w.stop();
  await running;
  assert.ok(signalled, "the stuck handler's signal fired");
  assert.equal(fake.reports.length, 0);
  assert.equal(w.status.stepsAbandoned, 1);
  assert.equal(fake.deregistrations, 1);
});

test("a registration the orchestrator forgot is made again", async () => {
  const fake = new FakeOrchestrator();
  fake.fail("ClaimSteps", new ConnectError("no such worker", Code.NotFound));
  const w = worker(fake);
  w.handle("h", () => ({}));
  fake.add("h");
  const running = w.run();
  await until(() => fake.reports.length === 1);
  w.stop();
  await running;
  assert.equal(fake.registrations, 2);
});

test("heartbeats failing until the lease runs out stop the handler, and nothing is reported", async () => {
  const fake = new FakeOrchestrator();
  fake.leaseMs = 300;
  fake.heartbeatMs = 50;
  fake.fail("Heartbeat", new ConnectError("down", Code.Unavailable), 1_000);
  const w = worker(fake, { cancelGraceMs: 20 });
  let reason: unknown;
  w.handle("long", (step) => new Promise((resolve) => {
    step.signal.addEventListener("abort", () => {
      reason = step.signal.reason;
      resolve({});
    });
  }));
  fake.add("long");
  const running = w.run();
  await until(() => w.status.stepsAbandoned === 1);
  w.stop();
  await running;
  assert.match(String(reason), /lease/);
  assert.equal(fake.reports.length, 0);
  assert.ok(fake.calls.filter((c) => c === "Heartbeat").length >= 2, "heartbeats were retried");
});

test("a cancellation announced on WatchClaims stops the handler before any heartbeat", async () => {
  const fake = new FakeOrchestrator();
  fake.heartbeatMs = 60_000;
  fake.leaseMs = 180_000;
  const w = worker(fake);
  w.handle("long", (step) => new Promise((_resolve, reject) => {
    step.signal.addEventListener("abort", () => reject(step.signal.reason));
  }));
  const claim = fake.add("long");
  const running = w.run();
  await until(() => w.status.inFlight === 1);
  fake.cancel(claim);
  await until(() => fake.reports.length === 1);
  w.stop();
  await running;
  assert.equal(failureOf(fake, claim).error?.errorClass, ERROR_CLASS_CANCELLED);
  assert.equal(fake.heartbeats.length, 0, "no heartbeat was needed");
});

test("an orchestrator without ReportResults gets CompleteStep and FailStep", async () => {
  const fake = new FakeOrchestrator();
  fake.fail("ReportResults", new ConnectError("unknown method", Code.Unimplemented));
  const w = worker(fake);
  w.handle("ok", () => ({ fine: true }));
  w.handle("bad", () => {
    throw new PermanentError("no");
  });
  const ok = fake.add("ok");
  const bad = fake.add("bad");
  const running = w.run();
  await until(() => fake.unary.length === 2);
  w.stop();
  await running;
  assert.deepEqual([...fake.unary].sort(), [ok, bad].sort());
  assert.ok(fake.calls.includes("CompleteStep") && fake.calls.includes("FailStep"));
  assert.equal(fake.calls.filter((c) => c === "ReportResults").length, 1, "asked once");
  assert.equal(w.status.stepsCompleted, 1);
  assert.equal(w.status.stepsFailed, 1);
});
