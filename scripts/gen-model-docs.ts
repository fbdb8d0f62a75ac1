/**
 * npm run docs:models: write the generated reference pages of the library models
 * (docs/models/<model>.md) from the code. test/models/il6-liver/docs.test.ts fails when a
 * checked-in page differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { modelDocs } from "../src/models/il6-liver/docs.js";

const target = resolve(process.cwd(), "docs/models/il6-liver.md");
writeFileSync(target, modelDocs());
process.stdout.write(`wrote ${target}\n`);
