/**
 * npm run docs:models: write the generated pages of the library models from the code:
 * docs/models/il6-liver.md (structure, catalogues, every parameter with provenance) and
 * docs/models/il6-liver-validation.md (the validation report, the rows of `il6sim validate`).
 * test/models/il6-liver/docs.test.ts fails when a checked-in page differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { modelDocs } from "../src/models/il6-liver/docs.js";
import { validationDocs } from "../src/models/il6-liver/validation-docs.js";

for (const [file, text] of [
  ["docs/models/il6-liver.md", () => modelDocs()],
  ["docs/models/il6-liver-validation.md", () => validationDocs()],
] as const) {
  const target = resolve(process.cwd(), file);
  writeFileSync(target, text());
  process.stdout.write(`wrote ${target}\n`);
}
