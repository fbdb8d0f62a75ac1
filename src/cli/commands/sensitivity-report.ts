/** Output of `il6sim sensitivity`: rows per metric and parameter, and tornado/bar charts. */
import { type ChartSpec, FONT, PALETTE, VEGA_LITE_SCHEMA } from "../../report/chart-spec.js";
import { type Cell, fmtNum, renderCsv, renderTable } from "../table.js";

export interface SensitivityRow {
  readonly metric: string;
  readonly parameter: string;
  /** local: d ln metric / d ln p; morris: μ*; sobol: ST. */
  readonly value: number;
  readonly extra: Record<string, number | readonly [number, number] | null>;
}

export interface SensitivityOutput {
  readonly status: "ok" | "partial" | "cancelled";
  readonly scenario: string;
  readonly method: "local" | "morris" | "sobol";
  /** How derivatives or indices were computed, in words. */
  readonly estimator: string;
  readonly runs: number;
  readonly wallMs: number;
  readonly nominal: Record<string, number | null>;
  readonly rows: readonly SensitivityRow[];
  readonly failures: readonly string[];
  readonly settings: Record<string, unknown>;
}

const HEAD: Record<SensitivityOutput["method"], string[]> = {
  local: ["S = d ln m / d ln p"],
  morris: ["μ*", "μ*: 95% CI", "μ", "σ"],
  sobol: ["ST", "ST: 95% CI", "S1", "S1: 95% CI"],
};

const ci = (x: unknown) => (Array.isArray(x) ? `${fmtNum(x[0], 3)} to ${fmtNum(x[1], 3)}` : "-");

function cells(o: SensitivityOutput, r: SensitivityRow): Cell[] {
  if (o.method === "local") return [r.value];
  if (o.method === "morris")
    return [r.value, ci(r.extra.muStarCi), r.extra.mu as number, r.extra.sigma as number];
  return [r.value, ci(r.extra.STCi), r.extra.S1 as number, ci(r.extra.S1Ci)];
}

export function sensitivityTable(o: SensitivityOutput): string {
  const head = `${o.scenario}: ${o.method} sensitivity (${o.estimator}); ${o.runs} simulations in ${fmtNum(o.wallMs / 1000)} s`;
  const rows = [...o.rows].sort((a, b) =>
    a.metric === b.metric ? Math.abs(b.value) - Math.abs(a.value) : a.metric < b.metric ? -1 : 1,
  );
  const body = renderTable(
    ["metric", "parameter", ...HEAD[o.method]],
    rows.map((r) => [r.metric, r.parameter, ...cells(o, r)]),
  );
  const fails = o.failures.length
    ? `\n${o.failures.length} failure(s): ${o.failures.slice(0, 3).join("; ")}\n`
    : "";
  return `${head}\n\n${body}${fails}`;
}

export function sensitivityCsv(o: SensitivityOutput): string {
  return renderCsv(
    ["metric", "parameter", "method", "value", "details"],
    o.rows.map((r) => [r.metric, r.parameter, o.method, r.value, JSON.stringify(r.extra)]),
  );
}

/** Tornado (local: signed bars) or bar chart (μ*, ST with CI whiskers), one panel per metric, top 15. */
export function sensitivityChart(o: SensitivityOutput): ChartSpec {
  const metrics = [...new Set(o.rows.map((r) => r.metric))];
  const axis =
    o.method === "local"
      ? "d ln(metric) / d ln(p)"
      : o.method === "morris"
        ? "μ* (elementary effect)"
        : "total-order index ST";
  const panels = metrics.map((m) => {
    const rows = o.rows
      .filter((r) => r.metric === m && Number.isFinite(r.value))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
      .slice(0, 15);
    const ciKey = o.method === "morris" ? "muStarCi" : "STCi";
    const values = rows.map((r) => {
      const c = r.extra[ciKey];
      return {
        parameter: r.parameter,
        value: r.value,
        lo: Array.isArray(c) ? c[0] : null,
        hi: Array.isArray(c) ? c[1] : null,
        sign: r.value >= 0 ? "increases" : "decreases",
      };
    });
    const y = {
      field: "parameter",
      type: "nominal",
      sort: { field: "abs", order: "descending" },
      title: null,
    };
    const layer: unknown[] = [
      {
        mark: { type: "bar", height: { band: 0.7 } },
        encoding: {
          y,
          x: { field: "value", type: "quantitative", title: axis },
          color: {
            field: "sign",
            type: "nominal",
            scale: { domain: ["increases", "decreases"], range: [PALETTE[0], PALETTE[1]] },
            legend: o.method === "local" ? { title: "raising p" } : null,
          },
        },
      },
    ];
    if (o.method !== "local")
      layer.push({
        mark: { type: "rule", color: "#333" },
        encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } },
      });
    return {
      width: 380,
      height: { step: 18 },
      title: { text: m, fontSize: 12 },
      data: { values: values.map((v) => ({ ...v, abs: Math.abs(v.value) })) },
      layer,
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${o.scenario}: ${o.method} sensitivity`, subtitle: o.estimator, anchor: "start" },
    vconcat: panels,
    config: { font: FONT, view: { stroke: "#888", strokeWidth: 0.5 } },
  };
}
