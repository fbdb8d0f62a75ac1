/** --plot: SVG and PNG files that hold the expected series, axis titles, units and markers. */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { il6sim, tempDir } from "./helpers.js";

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe("plots", () => {
  it("run --plot out.svg draws one panel per observable with units, log axes and the surgery marked", () => {
    const dir = tempDir();
    const svgFile = join(dir, "run.svg");
    const r = il6sim(["run", "textbook_mouse_resection", "--plot", svgFile]);
    expect(r.code).toBe(0);
    const svg = readFileSync(svgFile, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of [
      "textbook_mouse_resection",
      "Free drug in plasma",
      "plasma_drug_ug_per_mL",
      "µg/mL",
      "free_receptor_nM (log scale)",
      "Tissue mass as % of the pre-operative mass",
      "Time (d)",
      "Dashed lines: -24 h: mab 0.5 mg ip; 0 h: resection 50%",
    ])
      expect(svg).toContain(text.replace(/&/g, "&amp;"));
    // four line series, and dashed rules at the dose and the resection in each panel
    expect(svg.match(/class="mark-line role-mark/g)?.length).toBe(4);
    expect(svg.match(/stroke-dasharray="4,3"/g)?.length).toBeGreaterThanOrEqual(8);
  });

  it("run --plot out.png writes a PNG at print resolution", () => {
    const dir = tempDir();
    const png = join(dir, "run.png");
    expect(il6sim(["run", "textbook_iv_10mgkg", "--plot", png]).code).toBe(0);
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThan(1500);
    expect(height).toBeGreaterThan(1000);
    expect(statSync(png).size).toBeGreaterThan(50_000);
  });

  it("compare --plot overlays the scenarios with a legend", () => {
    const dir = tempDir();
    const svgFile = join(dir, "compare.svg");
    const r = il6sim(["compare", "textbook_sc_weekly", "textbook_iv_10mgkg", "--plot", svgFile]);
    expect(r.code).toBe(0);
    const svg = readFileSync(svgFile, "utf8");
    expect(svg).toContain("textbook_sc_weekly vs textbook_iv_10mgkg");
    expect(svg).toContain("Scenario");
    expect(svg).toContain("role-legend");
    expect(svg.match(/textbook_iv_10mgkg/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it("sweep --plot draws each metric against the varied value", () => {
    const dir = tempDir();
    const svgFile = join(dir, "sweep.svg");
    const r = il6sim([
      "sweep",
      "textbook_mouse_resection",
      "--vary",
      "kgrow=0.02,0.05,0.1",
      "--metric",
      "tissue_mass_percent_of_preop:t_recovery_90",
      "--plot",
      svgFile,
    ]);
    expect(r.code).toBe(0);
    const svg = readFileSync(svgFile, "utf8");
    expect(svg).toContain("sweep of kgrow");
    expect(svg).toContain("kgrow (1/h)");
    expect(svg).toContain("tissue_mass_percent_of_preop:t_recovery_90");
    expect(svg.match(/role-mark/g)!.length).toBeGreaterThanOrEqual(2);
  });
});
