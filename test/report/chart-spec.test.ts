import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../src/core/scenario/types.js";
import {
  capitalise,
  decadeTicks,
  displayTime,
  markersOf,
  sweepSpec,
  timeCourseSpec,
  timeTicks,
  wantsLog,
  wrapTitle,
} from "../../src/report/index.js";
import { renderSvg, svgToPng } from "../../src/report/render.js";

const t = [0, 1, 2, 3, 4];
const dose: TimelineEntry = {
  at: 0,
  intervention: { kind: "dose", drug: "hyper_il6", amount: { value: 2, unit: "ug" }, route: "ip" },
};
const phx: TimelineEntry = {
  at: 1,
  intervention: { kind: "injury", injury: "partial_hepatectomy", params: { fraction_removed: 0.7 } },
};

type Panel = {
  title: { text: string; subtitle: string };
  layer: {
    mark: { type: string };
    encoding: Record<string, { title?: string; scale?: { type?: string }; legend?: unknown }>;
  }[];
};

function spec(names: string[]) {
  return timeCourseSpec({
    title: "t",
    timeUnit: "h",
    series: names.map((name, k) => ({
      name,
      t,
      observables: {
        serum_IL6_pg_per_mL: [1, 10, 1000, 100, 10].map((v) => v * (k + 1)),
        liver_mass_percent_of_preop: [100, 30, 40, 60, 80],
      },
    })),
    observables: [
      { id: "serum_IL6_pg_per_mL", unit: "pg/mL", description: "free IL-6 in plasma" },
      { id: "liver_mass_percent_of_preop", unit: "%" },
    ],
    markers: markersOf([dose, phx]),
  }) as { concat: Panel[]; title: { subtitle: string[] }; $schema: string };
}

describe("chart specs", () => {
  it("one panel per observable, units on the axis, log y when values span decades", () => {
    const s = spec(["a"]);
    expect(s.$schema).toContain("vega-lite/v6");
    expect(s.concat).toHaveLength(2);
    const [il6, mass] = s.concat;
    expect(il6.title.text).toEqual(["Free IL-6 in plasma"]);
    const line = (p: Panel) => p.layer.find((l) => l.mark.type === "line")!;
    expect(line(il6).encoding.y.title).toBe("pg/mL");
    expect(line(il6).encoding.y.scale).toEqual({ type: "log" });
    expect(line(mass).encoding.y.scale).toEqual({ zero: false });
    expect(line(il6).encoding.x.title).toBe("Time (h)");
    expect(line(il6).encoding.color.legend).toBeNull(); // one scenario: no legend
  });

  it("show at most six decades on a log axis: solver noise near zero is not drawn", () => {
    const s = timeCourseSpec({
      title: "t",
      timeUnit: "h",
      series: [{ name: "a", t, observables: { x: [1, 1e-3, 1e-5, 1e-9, 1e-15] } }],
      observables: [{ id: "x", unit: "nM" }],
    }) as { concat: { layer: { data: { values: { value: number }[] } }[] }[] };
    expect(s.concat[0].layer[0].data.values.map((r) => r.value)).toEqual([1, 1e-3, 1e-5]);
  });

  it("mark doses and surgery with rules and name them", () => {
    const s = spec(["a"]);
    expect(s.concat[0].layer[0].mark.type).toBe("rule");
    expect(s.title.subtitle).toEqual(["Dashed lines: 0 h: hyper_il6 2 ug ip; 1 h: partial hepatectomy 70%"]);
  });

  it("give compared scenarios a legend", () => {
    const s = spec(["control", "treated"]);
    const line = s.concat[0].layer.find((l) => l.mark.type === "line")!;
    expect(line.encoding.color.legend).toEqual({ title: "Scenario" });
  });

  it("collapse repeated doses into one label", () => {
    const weekly = [0, 168, 336].map((at) => ({ ...dose, at }));
    expect(markersOf(weekly).map((m) => m.label)).toEqual(["hyper_il6 2 ug ip (×3)", "", ""]);
  });

  it("read long runs in days or weeks, keep names like sIL-6R as written", () => {
    expect(displayTime(48, "h")).toEqual({ unit: "h", factor: 1 });
    expect(displayTime(336, "h")).toEqual({ unit: "d", factor: 24 });
    expect(displayTime(4032, "h")).toEqual({ unit: "week", factor: 168 });
    expect(capitalise("free IL-6")).toBe("Free IL-6");
    expect(capitalise("sIL-6R free")).toBe("sIL-6R free");
    expect(wrapTitle("a b c d e f", 3)).toEqual(["a b", "c…"]);
    expect(wrapTitle("a b c d e f", 4)).toEqual(["a b", "c d…"]);
  });

  it("choose ticks: hours in days, decades on log axes", () => {
    expect(timeTicks(0, 168, "h", 10)).toEqual([0, 24, 48, 72, 96, 120, 144, 168]);
    expect(timeTicks(0, 168, "h")).toEqual([0, 48, 96, 144]);
    expect(timeTicks(-24, 336, "h", 7)).toEqual([0, 72, 144, 216, 288]);
    expect(decadeTicks([0.5, 3, 2000])).toEqual([0.1, 1, 10, 100, 1000, 10000]);
    expect(wantsLog([1, 10, 1000])).toBe(true);
    expect(wantsLog([0, 0, 0, 1, 1000])).toBe(false);
    expect(wantsLog([30, 100])).toBe(false);
  });

  it("render to SVG with the titles and to a PNG", async () => {
    const svg = await renderSvg(spec(["control", "treated"]));
    expect(svg).toContain("Free IL-6 in plasma");
    expect(svg).toContain("treated");
    expect(svg).toContain("pg/mL");
    const png = svgToPng(svg, 1);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    const sweep = await renderSvg(
      sweepSpec({
        title: "s",
        varied: { id: "kon", unit: "1/nM/h", log: true },
        values: [0.1, 1, 10],
        metrics: [{ text: "x:peak", unit: "pg/mL", values: [1, null, 3] }],
      }),
    );
    expect(sweep).toContain("kon (1/nM/h)");
  });
});
