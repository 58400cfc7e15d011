// The dashboard's only way to the server: the clients generated from the
// protos (gen/ts), over gRPC-Web on the page's own origin. The credential is
// kept in sessionStorage (never in a URL) and sent as `x-api-key` (API keys,
// `tk_…`) or `authorization: Bearer` (tokens) by one interceptor.
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AnalyticsService } from "../../gen/ts/tasker/v1/analytics_pb";
import { AuthService } from "../../gen/ts/tasker/v1/auth_pb";
import { DlqService } from "../../gen/ts/tasker/v1/dlq_pb";
import { HealthService } from "../../gen/ts/tasker/v1/health_pb";
import { StepService } from "../../gen/ts/tasker/v1/step_pb";
import { TaskService } from "../../gen/ts/tasker/v1/task_pb";
import { TemplateService } from "../../gen/ts/tasker/v1/template_pb";

const STORAGE_KEY = "tasker.credential";

export function credential(): string {
  return sessionStorage.getItem(STORAGE_KEY) ?? "";
}

export function setCredential(value: string): void {
  if (value) sessionStorage.setItem(STORAGE_KEY, value);
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** Adds the stored credential to every call. */
const withCredential: Interceptor = (next) => async (req) => {
  const value = credential();
  if (value.startsWith("tk_")) req.header.set("x-api-key", value);
  else if (value) req.header.set("authorization", `Bearer ${value}`);
  return next(req);
};

const transport = createGrpcWebTransport({
  baseUrl: window.location.origin,
  useBinaryFormat: true,
  interceptors: [withCredential],
});

export const api = {
  tasks: createClient(TaskService, transport),
  steps: createClient(StepService, transport),
  templates: createClient(TemplateService, transport),
  dlq: createClient(DlqService, transport),
  analytics: createClient(AnalyticsService, transport),
  health: createClient(HealthService, transport),
  auth: createClient(AuthService, transport),
};

/** What an error means to the person looking at the page. */
export function describe(error: unknown): string {
  const e = ConnectError.from(error);
  switch (e.code) {
    case Code.Unauthenticated:
      return `Not signed in: ${e.rawMessage || "the credential is missing, unknown or expired"}. Sign in with an API key or a token.`;
    case Code.PermissionDenied:
      return `Not allowed: ${e.rawMessage || "this credential lacks the permission this page needs"}.`;
    case Code.NotFound:
      return `Not found: ${e.rawMessage}`;
    case Code.Unavailable:
      return `The server is busy or unreachable (${e.rawMessage}); try again shortly.`;
    default:
      return `${Code[e.code] ?? "Error"}: ${e.rawMessage}`;
  }
}

export function isAuthError(error: unknown): boolean {
  const code = ConnectError.from(error).code;
  return code === Code.Unauthenticated;
}

export { Code, ConnectError };
