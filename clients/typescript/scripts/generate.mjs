// Generates src/schema.ts (openapi-typescript) and src/operations.ts from the
// one OpenAPI document, docs/openapi.yaml. `--check` writes nothing and exits 1
// when the committed files differ from what the document generates (stale).
//
// Fields with a default are optional (defaultNonNullable: false): a request may
// leave them out and the server fills them in (an address's `country`).
//
// One change to the document on the way: the `Idempotency-Key` header becomes
// optional in the generated types, because the client sends one by itself on
// every operation that declares it (the API still requires it on the wire).
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const DOCUMENT = here("../../../docs/openapi.yaml");
const SCHEMA = here("../src/schema.ts");
const OPERATIONS = here("../src/operations.ts");
const IDEMPOTENCY_REF = "#/components/parameters/IdempotencyKey";
const METHODS = ["get", "put", "post", "delete", "patch"];
const HEADER = "// Generated from docs/openapi.yaml by scripts/generate.mjs (npm run generate). Do not edit.\n";

export async function generate() {
  const doc = parse(await readFile(DOCUMENT, "utf8"));
  const idempotent = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const parameters = [...(item.parameters ?? []), ...(item[method]?.parameters ?? [])];
      if (item[method] && parameters.some((p) => p.$ref === IDEMPOTENCY_REF)) {
        idempotent.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  doc.components.parameters.IdempotencyKey.required = false;
  const schema = HEADER + astToString(await openapiTS(doc, { alphabetize: false, defaultNonNullable: false }));
  const operations =
    HEADER +
    "\n/** Operations that take an `Idempotency-Key` (money routes): the client sends one unless the caller does. */\n" +
    `export const IDEMPOTENT_OPERATIONS: readonly string[] = ${JSON.stringify(idempotent.sort(), null, 2)};\n`;
  return { [SCHEMA]: schema, [OPERATIONS]: operations };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await generate();
  const check = process.argv.includes("--check");
  const stale = [];
  for (const [path, text] of Object.entries(files)) {
    const current = await readFile(path, "utf8").catch(() => null);
    if (current === text) continue;
    if (check) stale.push(path);
    else await writeFile(path, text);
  }
  if (stale.length) {
    console.error(
      `Generated files are stale against docs/openapi.yaml: ${stale.join(", ")}\nRun \`npm run generate\` in clients/typescript and commit the result.`,
    );
    process.exit(1);
  }
  if (check) console.log("generated types are up to date with docs/openapi.yaml");
}
