import assert from "node:assert/strict";
import { test } from "node:test";

import { Code, ConnectError } from "@connectrpc/connect";

import { RetryInfoSchema } from "../gen/google/rpc/error_details_pb.js";
import { backoffDelay, classify, classifyCode, delayAfter, nominalDelay, retryInfoMs } from "../retry.js";
import { durationMs, msDuration, resultsObject } from "../step.js";
import { codeName } from "../errors.js";

test("backoff grows, caps and jitters into the upper half", () => {
  const b = { initialMs: 100, maxMs: 1_000 };
  assert.equal(nominalDelay(b, 0), 100);
  assert.equal(nominalDelay(b, 1), 100);
  assert.equal(nominalDelay(b, 2), 200);
  assert.equal(nominalDelay(b, 4), 800);
  assert.equal(nominalDelay(b, 5), 1_000);
  assert.equal(nominalDelay(b, 1e9), 1_000);
  for (let attempt = 1; attempt < 40; attempt += 1) {
    const d = backoffDelay(b, attempt);
    const nominal = nominalDelay(b, attempt);
    assert.ok(d >= nominal / 2 && d <= nominal, `${attempt}: ${d}`);
  }
  assert.equal(backoffDelay(b, 3, () => 0), 200);
  assert.equal(backoffDelay(b, 3, () => 1), 400);
  assert.ok(new Set(Array.from({ length: 20 }, () => backoffDelay(b, 3))).size > 1, "jitter varies the delay");
});

test("statuses are classified as the Rust SDK does", () => {
  for (const code of [Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted, Code.Aborted, Code.Internal]) {
    assert.equal(classifyCode(code), "transient", Code[code]);
  }
  assert.equal(classifyCode(Code.FailedPrecondition), "lease-lost");
  assert.equal(classifyCode(Code.NotFound), "not-found");
  for (const code of [Code.Unauthenticated, Code.PermissionDenied, Code.InvalidArgument, Code.Unimplemented]) {
    assert.equal(classifyCode(code), "permanent", Code[code]);
  }
  assert.equal(classify(new Error("ECONNREFUSED")), "transient", "a network error is transient");
  assert.equal(codeName(Code.PermissionDenied), "PERMISSION_DENIED");
  assert.equal(codeName(Code.Canceled), "CANCELLED");
});

test("RetryInfo raises the delay, capped at a minute", () => {
  const busy = (seconds: bigint) =>
    new ConnectError("busy", Code.Unavailable, undefined, [{ desc: RetryInfoSchema, value: { retryDelay: { seconds } } }]);
  assert.equal(retryInfoMs(busy(2n)), 2_000);
  assert.equal(retryInfoMs(new ConnectError("busy", Code.Unavailable)), undefined);
  assert.equal(retryInfoMs(new Error("plain")), undefined);
  const b = { initialMs: 100, maxMs: 10_000 };
  assert.ok(delayAfter(b, 1, busy(2n)) >= 2_000);
  assert.ok(delayAfter(b, 1, new ConnectError("", Code.Unavailable)) <= 100);
  assert.equal(delayAfter({ initialMs: 1, maxMs: 1 }, 1, busy(3_600n)), 60_000);
});

test("durations convert both ways", () => {
  assert.deepEqual(msDuration(1500.5), { seconds: 1n, nanos: 500_500_000 });
  assert.deepEqual(msDuration(-3), { seconds: 0n, nanos: 0 });
  assert.equal(durationMs({ $typeName: "google.protobuf.Duration", seconds: 2n, nanos: 5_000_000 }), 2005);
  assert.equal(durationMs({ $typeName: "google.protobuf.Duration", seconds: 0n, nanos: 0 }), undefined);
  assert.equal(durationMs(undefined), undefined);
});

test("handler results become a JSON object", () => {
  assert.deepEqual(resultsObject({ a: 1 }), { a: 1 });
  assert.deepEqual(resultsObject(undefined), {});
  assert.deepEqual(resultsObject(null), {});
  assert.deepEqual(resultsObject(7), { result: 7 });
  assert.deepEqual(resultsObject([1, "x"]), { result: [1, "x"] });
  assert.deepEqual(resultsObject({ at: new Date(0), gone: undefined }), { at: "1970-01-01T00:00:00.000Z" });
  assert.throws(() => resultsObject({ big: 1n }), TypeError);
  assert.throws(() => resultsObject(() => 1), TypeError);
});
