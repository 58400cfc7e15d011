// The TypeScript examples of the guides (docs/workers.md) and of this
// package's README are type-checked against the package as built, so an
// example cannot drift from the API it shows. They are programs that run
// until SIGTERM, so they are compiled, not run; the end-to-end tests run
// the same calls (tests/e2e/sdk_node.rs).

import { strict as assert } from "node:assert";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import ts from "typescript";

const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const repoRoot = join(packageDir, "../..");

/** The ```ts blocks of `markdown`, with the line each starts on. */
export function tsBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  let current: { line: number; code: string } | undefined;
  markdown.split("\n").forEach((text, index) => {
    const fence = text.trimEnd();
    if (current === undefined) {
      if (fence === "```ts" || fence === "```typescript") current = { line: index + 1, code: "" };
    } else if (fence === "```") {
      blocks.push(current);
      current = undefined;
    } else {
      current.code += text + "\n";
    }
  });
  return blocks;
}

test("the ts blocks of a document are found with their lines", () => {
  const blocks = tsBlocks("intro\n```ts\nconst a = 1;\n```\n```sh\nls\n```\n```ts\nlet b;\n```\n");
  assert.deepEqual(blocks, [
    { line: 2, code: "const a = 1;\n" },
    { line: 8, code: "let b;\n" },
  ]);
});

test("the guides' and the README's TypeScript examples type-check against the package", () => {
  const documents = [join(repoRoot, "docs/workers.md"), join(packageDir, "README.md")];
  // Inside the package, so `@tasker/worker` resolves to it by its own name.
  const scratch = join(packageDir, "dist/.doc-examples");
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const files = new Map<string, string>();
  for (const document of documents) {
    for (const block of tsBlocks(readFileSync(document, "utf8"))) {
      const file = join(scratch, `example${files.size}.ts`);
      // A module of its own (top-level await needs one).
      writeFileSync(file, `${block.code}\nexport {};\n`);
      files.set(file, `${document}:${block.line}`);
    }
  }
  assert.ok(files.size >= 2, `too few TypeScript examples found: ${files.size}`);
  const program = ts.createProgram([...files.keys()], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
    typeRoots: [join(packageDir, "node_modules/@types")],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.has(d.file.fileName))
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.file === undefined || d.start === undefined) return message;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${files.get(d.file.fileName)} (+${line}): ${message}`;
    });
  rmSync(scratch, { recursive: true, force: true });
  assert.deepEqual(problems, []);
});
