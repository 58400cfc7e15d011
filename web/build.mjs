// Builds the dashboard (web/src → web/dist/ui) and the API reference page
// (web/src/docs + the vendored Swagger UI → web/dist/docs). The output is
// committed and embedded into tasker-server; `scripts/make web-check`
// rebuilds it and fails when it differs from what is committed, so the build
// must be deterministic: fixed file names, no source maps, no timestamps.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = dirname(fileURLToPath(import.meta.url));
const root = dirname(web);
const dist = join(web, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "ui"), { recursive: true });
mkdirSync(join(dist, "docs"), { recursive: true });

await build({
  entryPoints: [join(web, "src/main.ts")],
  outfile: join(dist, "ui/app.js"),
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  legalComments: "none",
  charset: "utf8",
  nodePaths: [join(root, "node_modules")],
  logLevel: "warning",
});
await build({
  entryPoints: [join(web, "src/style.css")],
  outfile: join(dist, "ui/app.css"),
  bundle: true,
  minify: true,
  logLevel: "warning",
});
copyFileSync(join(web, "src/index.html"), join(dist, "ui/index.html"));

const swagger = join(root, "node_modules/swagger-ui-dist");
copyFileSync(join(swagger, "swagger-ui-bundle.js"), join(dist, "docs/swagger-ui-bundle.js"));
copyFileSync(join(swagger, "swagger-ui.css"), join(dist, "docs/swagger-ui.css"));
copyFileSync(join(swagger, "LICENSE"), join(dist, "docs/SWAGGER-UI-LICENSE"));
copyFileSync(join(web, "src/docs/index.html"), join(dist, "docs/index.html"));
copyFileSync(join(web, "src/docs/docs.js"), join(dist, "docs/docs.js"));
