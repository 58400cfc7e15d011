// The interactive REST reference: Swagger UI over the server's generated
// /openapi.json. The document is fetched here and given the credentials the
// server accepts (an API key in `x-api-key`, or a bearer JWT from
// AuthService.IssueToken), so "Authorize" then "Try it out" send them.
(async () => {
  const response = await fetch("/openapi.json");
  const spec = await response.json();
  spec.components = spec.components || {};
  spec.components.securitySchemes = {
    apiKey: {
      type: "apiKey",
      in: "header",
      name: "x-api-key",
      description: "A Tasker API key (tk_…), as printed on the server's first start or made by CreateApiKey.",
    },
    bearer: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "A token from POST /v1/auth/token (AuthService.IssueToken).",
    },
  };
  spec.security = [{ apiKey: [] }, { bearer: [] }];
  // Health probes and IssueToken need no credential.
  for (const [path, item] of Object.entries(spec.paths || {})) {
    if (path.startsWith("/health") || path === "/v1/auth/token") {
      for (const operation of Object.values(item)) operation.security = [];
    }
  }
  spec.servers = [{ url: window.location.origin }];
  window.ui = SwaggerUIBundle({
    spec,
    dom_id: "#api",
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: true,
  });
})();
