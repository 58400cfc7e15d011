// The interactive REST reference: Swagger UI over the server's generated
// /openapi.json, which declares the credentials the server accepts (an API
// key in `x-api-key`, or a bearer token from AuthService.IssueToken) and the
// operations that need none, so "Authorize" then "Try it out" send them.
(async () => {
  const response = await fetch("/openapi.json");
  const spec = await response.json();
  spec.servers = [{ url: window.location.origin }];
  window.ui = SwaggerUIBundle({
    spec,
    dom_id: "#api",
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: true,
  });
})();
