import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelDocs } from "../../../src/models/il6-liver/docs.js";
import { validationDocs } from "../../../src/models/il6-liver/validation-docs.js";

describe("il6-liver generated docs", () => {
  it("docs/models/il6-liver.md is what the code generates (run `npm run docs:models` after changing the model)", () => {
    const onDisk = readFileSync("docs/models/il6-liver.md", "utf8");
    expect(onDisk === modelDocs(), "docs/models/il6-liver.md is stale: run `npm run docs:models`").toBe(true);
  });

  it("lists every parameter of every organism with its provenance", () => {
    const text = modelDocs();
    for (const id of [
      "kon_IL6_IL6R",
      "k_STAT3_phos",
      "CL_aIL6R",
      "Vmax_aIL6R",
      "K_CRP",
      "IL6R_per_cell_hep",
      "N_hep",
      "G_rate",
      "M",
      "k_cd",
      "theta_cd",
    ])
      expect(text).toContain(`| \`${id}\` |`);
    expect(text).toContain("### Shared by mouse, rat and human");
  });

  it("docs/models/il6-liver-validation.md is the validation report the code generates, with every row and each failing row explained", () => {
    const onDisk = readFileSync("docs/models/il6-liver-validation.md", "utf8");
    const text = validationDocs();
    expect(onDisk === text, "docs/models/il6-liver-validation.md is stale: run `npm run docs:models`").toBe(
      true,
    );
    expect(text).toContain("| `mouse_phx70_dna_synthesis_peak` |");
    expect(text).toContain("| `rat_volume_per_animal_rmse` |");
    expect(text).toMatch(
      /## Failing rows\n\n- \*\*`mouse_phx70_sgp130fc_less_proliferation`\*\*.*Why it fails:/,
    );
  }, 300_000);
});
