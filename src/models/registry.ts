/**
 * The model library by id. A library model is added here with one import and one list entry;
 * the CLI, the web app and the analysis tools find models only through this registry.
 */
import { suggestion } from "../core/issues.js";
import { didYouMean } from "../io/scenario-file/sink.js";
import { il6Liver } from "./il6-liver/index.js";
import { textbookPk } from "./textbook/index.js";
import type { LibraryModel } from "./types.js";

const MODELS: readonly LibraryModel[] = [il6Liver, textbookPk];

export function libraryModels(): readonly LibraryModel[] {
  return MODELS;
}

export function modelById(id: string): { ok: true; model: LibraryModel } | { ok: false; message: string } {
  const m = MODELS.find((x) => x.id === id);
  if (m) return { ok: true, model: m };
  return {
    ok: false,
    message: `Unknown model "${id}". ${suggestion(
      id,
      MODELS.map((x) => x.id),
      "model",
    )}`,
  };
}

/**
 * A library model for a scenario file's `model`, or why there is none: the message, and a hint
 * with the closest ids and `elsewhere` (what else the caller accepts instead).
 */
export function lookupLibraryModel(
  id: string,
  elsewhere: string,
): { ok: true; model: LibraryModel } | { ok: false; message: string; hint: string } {
  const m = MODELS.find((x) => x.id === id);
  if (m) return { ok: true, model: m };
  const ids = MODELS.map((x) => x.id);
  return {
    ok: false,
    message: `Unknown model "${id}".`,
    hint: `${didYouMean(id, ids, "model")} ${elsewhere}`,
  };
}
