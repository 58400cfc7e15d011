// The real @connectrpc/connect-node client against a running server: the
// Connect (JSON and binary, HTTP/1.1 and h2, POST and GET), gRPC-Web and gRPC
// transports in turn, each making the same calls — unary, server streaming,
// errors with details — through service descriptors read at run time from
// the committed descriptor set (gen/descriptor/tasker.binpb).
//
// Usage: node tests/connect/clients.mjs <base url> <api key> <descriptor set>
// Prints one line per check ("ok <transport> <check>") and exits non-zero
// at the first failure.

import { readFileSync } from "node:fs";
import { createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import {
  Http2SessionManager,
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";

const [baseUrl, apiKey, descriptorPath] = process.argv.slice(2);
const registry = createFileRegistry(
  fromBinary(FileDescriptorSetSchema, readFileSync(descriptorPath)),
);
const TaskService = registry.getService("tasker.v1.TaskService");
const BadRequest = registry.getMessage("google.rpc.BadRequest");
const CANCELLED = registry.getEnum("tasker.v1.TaskState").values.find(
  (v) => v.name === "TASK_STATE_CANCELLED",
).number;

function check(condition, what) {
  if (!condition) {
    throw new Error(`check failed: ${what}`);
  }
}

// Adds the credential.
function interceptors(key) {
  return [
    (next) => async (request) => {
      if (key) {
        request.header.set("x-api-key", key);
      }
      return next(request);
    },
  ];
}

// An HTTP/2 session manager that records the method of each request as it
// goes on the wire (interceptors see the call before the transport picks
// GET).
class Recording extends Http2SessionManager {
  constructor(url, methods) {
    super(url);
    this.methods = methods;
  }

  request(method, path, headers, options) {
    this.methods.push(method);
    return super.request(method, path, headers, options);
  }
}

async function expectError(call, code, what) {
  try {
    await call();
  } catch (error) {
    const connectError = ConnectError.from(error);
    check(
      connectError.code === code,
      `${what}: code ${Code[connectError.code]} (${connectError.message}), expected ${Code[code]}`,
    );
    return connectError;
  }
  throw new Error(`${what}: no error`);
}

const transports = [
  ["connect-h1-json", (o) => createConnectTransport({ ...o, httpVersion: "1.1" })],
  [
    "connect-h1-binary",
    (o) => createConnectTransport({ ...o, httpVersion: "1.1", useBinaryFormat: true }),
  ],
  ["connect-h2-json-get", (o) => createConnectTransport({ ...o, httpVersion: "2", useHttpGet: true })],
  [
    "connect-h2-binary-get",
    (o) =>
      createConnectTransport({ ...o, httpVersion: "2", useBinaryFormat: true, useHttpGet: true }),
  ],
  ["grpc-web-h1", (o) => createGrpcWebTransport({ ...o, httpVersion: "1.1" })],
  ["grpc-web-h2", (o) => createGrpcWebTransport({ ...o, httpVersion: "2" })],
  ["grpc", (o) => createGrpcTransport({ ...o })],
];

let run = 0;
for (const [name, make] of transports) {
  const methods = [];
  const h2 = !name.includes("-h1");
  const client = createClient(
    TaskService,
    make({
      baseUrl,
      interceptors: interceptors(apiKey),
      ...(h2 ? { sessionManager: new Recording(baseUrl, methods) } : {}),
    }),
  );
  const anonymous = createClient(TaskService, make({ baseUrl, interceptors: interceptors(null) }));
  const ok = (what) => console.log(`ok ${name} ${what}`);

  // Unary: create, then read back (GET where the transport uses it).
  const created = await client.createTask({
    namespace: "examples",
    name: "linear",
    idempotencyKey: `connect-node-${name}-${process.pid}-${run++}`,
  });
  const uuid = created.task.taskUuid;
  check(uuid.length === 36, `a task uuid, got ${uuid}`);
  ok("create");
  let headers;
  const got = await client.getTask({ taskUuid: uuid }, { onHeader: (h) => (headers = h) });
  check(got.task.taskUuid === uuid, "GetTask returns the task");
  check(headers.get("x-request-id"), "a request id in the response headers");
  const sent = h2 ? methods.at(-1) : "POST";
  check(sent === (name.endsWith("-get") ? "GET" : "POST"), `GetTask went as ${sent}`);
  ok(`get (${sent})`);

  // Errors: code, message and typed details.
  const invalid = await expectError(
    () => client.getTask({ taskUuid: "not-a-uuid" }),
    Code.InvalidArgument,
    "GetTask of a malformed uuid",
  );
  const [bad] = invalid.findDetails(BadRequest);
  check(bad?.fieldViolations?.[0]?.field === "task_uuid", "a BadRequest naming task_uuid");
  ok("error details");
  await expectError(
    () => client.getTask({ taskUuid: "0190f0a0-0000-7000-8000-000000000000" }),
    Code.NotFound,
    "GetTask of an unknown task",
  );
  await expectError(
    () => anonymous.getTask({ taskUuid: uuid }),
    Code.Unauthenticated,
    "GetTask without a credential",
  );
  // Refused before its body is read, a call leaves the (reused, on HTTP/1.1)
  // connection usable: the same client is refused again, with a body far
  // larger than a socket buffer, and again.
  for (const [what, call] of [
    ["a large CreateTask", () =>
      anonymous.createTask({
        namespace: "examples",
        name: "linear",
        idempotencyKey: "k".repeat(1 << 20),
      })],
    ["GetTask again", () => anonymous.getTask({ taskUuid: uuid })],
  ]) {
    await expectError(call, Code.Unauthenticated, `${what} without a credential`);
  }
  ok("error codes");

  // Server streaming: a cancelled task's stream shows the state and ends.
  await client.cancelTask({ taskUuid: uuid, reason: "connect-node" });
  const seen = [];
  for await (const message of client.streamTaskStatus({ taskUuid: uuid })) {
    seen.push(message);
  }
  check(seen.length >= 1, "at least one stream message");
  check(seen.at(-1).terminal === true, "the last message is terminal");
  check(seen.at(-1).task.state === CANCELLED, "the task is cancelled");
  ok(`stream (${seen.length} messages)`);
  await expectError(
    async () => {
      for await (const _ of client.streamTaskStatus({
        taskUuid: "0190f0a0-0000-7000-8000-000000000000",
      })) {
        // nothing arrives
      }
    },
    Code.NotFound,
    "streaming an unknown task",
  );
  const streamInvalid = await expectError(
    async () => {
      for await (const _ of client.streamTaskStatus({ taskUuid: "nope" })) {
        // nothing arrives
      }
    },
    Code.InvalidArgument,
    "streaming a malformed uuid",
  );
  check(
    streamInvalid.findDetails(BadRequest)[0]?.fieldViolations?.[0]?.field === "task_uuid",
    "stream error details",
  );
  ok("stream errors");
}
console.log("all transports passed");
