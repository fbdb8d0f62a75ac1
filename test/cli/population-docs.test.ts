/**
 * docs/populations.md is executable: its ```yaml file=NAME blocks are written out, the priors
 * file is read, and the 80% vs 90% PHx populations run with the IL-6 model (N = 200 here; the
 * page reports N = 10,000).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { population } from "../../src/cli/commands/population.js";
import { readPriorsFile } from "../../src/cli/commands/population-spec.js";
import { libraryModels } from "../../src/models/registry.js";

const dir = mkdtempSync(join(tmpdir(), "il6sim-popdocs-"));
const files = new Map<string, string>();
for (const m of readFileSync("docs/populations.md", "utf8").matchAll(/```yaml file=(\S+)\n([\s\S]*?)```/g)) {
  writeFileSync(join(dir, m[1]), m[2]);
  files.set(m[1], join(dir, m[1]));
}
const il6 = libraryModels().find((m) => m.id === "il6-liver");
const ready =
  !!il6 &&
  il6.injuries.some((i) => i.id === "partial_hepatectomy") &&
  ["survival_probability", "liver_mass_percent_of_preop"].every((id) =>
    il6.observables.some((o) => o.id === id),
  );

describe("docs/populations.md worked example (80% vs 90% mouse PHx)", () => {
  it("has the two scenarios and the priors file, and the priors file reads", () => {
    expect([...files.keys()]).toEqual(["phx80.yaml", "phx90.yaml", "phx-priors.yaml"]);
    const r = readPriorsFile(files.get("phx-priors.yaml")!, () => 1, []);
    expect(r.issues).toEqual([]);
    expect(r.priors.parameters.map((p) => p.id)).toEqual(["M", "k_cd", "theta_cd"]);
    expect(r.outcomes[0].metric.label).toBe("survival_probability:final");
  });

  it("the IL-6 model has partial hepatectomy and survival", () => {
    expect(ready).toBe(true);
  });

  it("90% PHx is lethal (survivors at day 7 < 10%) and 80% PHx leaves clearly more survivors", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const run = async (f: string) => {
      const out = join(dir, `${f}.json`);
      const code = await population(files.get(f)!, {
        n: "200",
        seed: "1",
        priors: files.get("phx-priors.yaml")!,
        format: "json",
        out,
      });
      expect(code, err.mock.calls.map((c) => String(c[0])).join("")).toBe(0);
      return JSON.parse(readFileSync(out, "utf8")).outcomes[0].fraction as number;
    };
    const s80 = await run("phx80.yaml");
    const s90 = await run("phx90.yaml");
    err.mockRestore();
    console.log(
      `survival at day 7: 80% PHx ${s80.toFixed(3)}, 90% PHx ${s90.toFixed(3)} (design/model.md: 90% PHx lethal)`,
    );
    expect(s90).toBeLessThan(0.1);
    expect(s80).toBeGreaterThan(s90 + 0.2);
  }, 600_000);
});
