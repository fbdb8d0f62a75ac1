import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { population } from "../../src/cli/commands/population.js";
import { BadInput } from "../../src/cli/errors.js";

const dir = mkdtempSync(join(tmpdir(), "il6sim-pop-"));
const quiet = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);

async function runJson(extra: Record<string, unknown>, name: string) {
  const out = join(dir, `${name}.json`);
  const code = await population("textbook_mouse_resection", {
    n: "60",
    seed: "5",
    prior: ["kgrow:0.3", "CL:0.25"],
    outcome: ["recovered=tissue_mass_percent_of_preop:at=48>90"],
    format: "json",
    out,
    ...extra,
  });
  return { code, json: JSON.parse(readFileSync(out, "utf8")) };
}

describe("il6sim population", () => {
  it("gives identical bands and outcome fractions in this thread and on 2 worker threads", async () => {
    const err = quiet();
    const a = await runJson({ workers: "0", chunk: "7" }, "w0");
    const b = await runJson({ workers: "2", chunk: "7" }, "w2");
    err.mockRestore();
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.json.bands).toEqual(a.json.bands);
    expect(b.json.outcomes).toEqual(a.json.outcomes);
    expect(a.json.members_simulated).toBe(60);
    const o = a.json.outcomes[0];
    expect(o.fraction).toBeGreaterThan(0);
    expect(o.fraction).toBeLessThan(1); // kgrow ± 30% straddles 90% recovery at 48 h
    expect(a.json.bands.tissue_mass_percent_of_preop.percentiles.p5.length).toBe(a.json.t.length);
  }, 60_000);

  it("writes a band chart", async () => {
    const err = quiet();
    const plot = join(dir, "bands.svg");
    const r = await runJson({ workers: "0", n: "20", plot }, "plot");
    err.mockRestore();
    expect(r.code).toBe(0);
    expect(readFileSync(plot, "utf8")).toContain("<svg");
  });

  it("rejects unknown parameters, bad outcomes and bad priors with every issue, before any work", async () => {
    const out = join(dir, "never.json");
    const err = await population("textbook_mouse_resection", {
      n: "10",
      prior: ["kgrwo:0.3", "kgrow:cv=-1"],
      outcome: ["tissue:peak~3"],
      out,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(BadInput);
    const text = (err as BadInput).text();
    expect(text).toContain('Unknown parameter "kgrwo". Did you mean "kgrow"?');
    expect(text).toContain('"tissue:peak~3" is not an outcome');
    expect(existsSync(out)).toBe(false);
    const none = await population("textbook_mouse_resection", { n: "10" }).catch((e) => e);
    expect((none as BadInput).text()).toContain("No parameter varies");
    const badN = await population("textbook_mouse_resection", { n: "ten", prior: ["kgrow:0.3"] }).catch(
      (e) => e,
    );
    expect((badN as BadInput).text()).toContain("--n must be an integer");
  });

  it("stops on Ctrl-C, says so, exits 130 and writes nothing", async () => {
    const out = join(dir, "cancelled.json");
    const err = quiet();
    setTimeout(() => process.emit("SIGINT"), 30);
    const code = await population("textbook_mouse_resection", {
      n: "100000",
      workers: "0",
      prior: ["kgrow:0.3"],
      format: "json",
      out,
    });
    const said = err.mock.calls.map((c) => String(c[0])).join("");
    err.mockRestore();
    expect(code).toBe(130);
    expect(said).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
    expect(process.listenerCount("SIGINT")).toBe(0);
  });

  it("reads priors, correlations and outcomes from a file", async () => {
    const file = join(dir, "priors.yaml");
    writeFileSync(
      file,
      "parameters:\n  - { id: kgrow, cv: 0.3 }\n  - { id: CL, median: 0.05, gsd: 1.3 }\ncorrelations:\n  - { a: kgrow, b: CL, rho: 0.5 }\noutcomes:\n  - { id: slow, metric: 'tissue_mass_percent_of_preop:at=72', below: 80 }\n",
    );
    const err = quiet();
    const r = await runJson({ workers: "0", n: "30", prior: [], outcome: [], priors: file }, "file");
    err.mockRestore();
    expect(r.code).toBe(0);
    expect(r.json.priors.correlations).toEqual([{ a: "kgrow", b: "CL", rho: 0.5 }]);
    expect(r.json.outcomes[0].id).toBe("slow");
  });
});

describe("il6sim population with a model's default priors", () => {
  it("varies the parameters the model documents, each with its source, when none are named", async () => {
    const messages: string[] = [];
    const err = vi.spyOn(process.stderr, "write").mockImplementation((m) => {
      messages.push(String(m));
      return true;
    });
    const out = join(dir, "defaults.json");
    const code = await population("mouse_phx70", { n: "4", seed: "3", workers: "0", format: "json", out });
    err.mockRestore();
    expect(code).toBe(0);
    expect(messages.join("")).toContain(
      "using the model's default priors: M (CV 0.3), theta_cd (CV 0.15), k_cd (CV 0.5)",
    );
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.members_simulated).toBe(4);
    const ids = (json.priors.parameters ?? json.priors).map((p: { id: string }) => p.id);
    expect(ids).toEqual(["M", "theta_cd", "k_cd"]);
  }, 120_000);
});
