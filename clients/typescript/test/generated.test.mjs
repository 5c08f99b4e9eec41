// The committed generated files are what docs/openapi.yaml generates now
// (the same check as `npm run check:types`).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { generate } from "../scripts/generate.mjs";

test("src/schema.ts and src/operations.ts are up to date with docs/openapi.yaml", async () => {
  for (const [path, text] of Object.entries(await generate())) {
    const committed = await readFile(path, "utf8");
    assert.ok(committed === text, `${path} is stale: run \`npm run generate\` in clients/typescript and commit it`);
  }
});
