/**
 * Assemble src/core/solve/linalg/wasm/lu-kernel.wat into lu-kernel-binary.ts. Run after editing
 * the .wat: `npm run build:wasm`. A test checks that the committed bytes are this script's
 * output for the committed .wat.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assembleWat, binaryModuleSource } from "./wat.js";

const dir = fileURLToPath(new URL("../src/core/solve/linalg/wasm/", import.meta.url));
const bytes = await assembleWat(readFileSync(`${dir}lu-kernel.wat`, "utf8"));
writeFileSync(`${dir}lu-kernel-binary.ts`, binaryModuleSource(bytes));
console.log(`lu-kernel.wasm: ${bytes.length} bytes`);
