/** Output of `il6sim fit`: a table, CSV of residuals, and charts (data vs fit; residuals; profiles). */
import type { FitReport } from "../../core/estimate/report.js";
import { type ChartSpec, FONT, PALETTE, VEGA_LITE_SCHEMA } from "../../report/chart-spec.js";
import { type Cell, fmtNum, renderCsv, renderTable } from "../table.js";

export function fitTable(r: FitReport): string {
  const lines = [
    `${r.problem}: ${r.status}${r.nll !== undefined ? `, −log L = ${fmtNum(r.nll, 6)}, AIC = ${fmtNum(r.aic!, 6)}, BIC = ${fmtNum(r.bic!, 6)}` : ""}`,
    `optimiser: ${r.optimizer ?? "-"}; gradients: ${r.gradientMethod ?? "-"}; ${r.nData} data points; ${r.simulations} simulations in ${fmtNum(r.wallMs / 1000)} s`,
    r.starts.length > 1
      ? `starts: ${r.startsAtBest} of ${r.starts.length} reached the best value (within 0.1)`
      : "",
  ].filter(Boolean);
  const rows: Cell[][] = r.parameters
    .filter((p) => p.estimated)
    .map((p) => [
      p.id,
      p.value,
      p.ci?.lower ?? (p.ci ? "open" : null),
      p.ci?.upper ?? (p.ci ? "open" : null),
      p.ci?.method ?? "-",
      p.scale,
      `${fmtNum(p.lower)}-${fmtNum(p.upper)}`,
    ]);
  const level = `${Math.round(r.level * 100)}%`;
  return `${lines.join("\n")}\n\n${renderTable(["parameter", "estimate", `${level} lower`, `${level} upper`, "CI", "scale", "bounds"], rows)}`;
}

export function residualsCsv(r: FitReport): string {
  return renderCsv(
    ["observable", "condition", "time", "measurement", "simulation", "sigma", "residual"],
    r.residuals.map((x) => [
      x.observableId,
      x.conditionId,
      x.time,
      x.measurement,
      x.simulation,
      x.sigma,
      x.residual,
    ]),
  );
}

/** Data (points) and fit (lines) per observable, coloured by condition; standardised residuals below. */
export function fitChart(r: FitReport): ChartSpec {
  const values = r.residuals.map((x) => ({ ...x, series: `${x.observableId} · ${x.conditionId}` }));
  const color = { field: "conditionId", type: "nominal", title: "condition", scale: { range: PALETTE } };
  const panel = (layer: unknown[], height: number, title: string) => ({
    width: 460,
    height,
    title: { text: title, fontSize: 12 },
    layer,
  });
  const fit = panel(
    [
      {
        mark: { type: "point", filled: true, size: 28 },
        encoding: {
          x: { field: "time", type: "quantitative" },
          y: { field: "measurement", type: "quantitative", title: "value" },
          color,
        },
      },
      {
        mark: { type: "line", strokeWidth: 1.6 },
        encoding: {
          x: { field: "time", type: "quantitative" },
          y: { field: "simulation", type: "quantitative" },
          color,
          detail: { field: "series" },
        },
      },
    ],
    220,
    "data (points) and fit (lines)",
  );
  const res = panel(
    [
      { mark: { type: "rule", color: "#888" }, encoding: { y: { datum: 0 } } },
      {
        mark: { type: "point", filled: true, size: 24 },
        encoding: {
          x: { field: "time", type: "quantitative" },
          y: { field: "residual", type: "quantitative", title: "(sim − data) / σ" },
          color,
        },
      },
    ],
    140,
    "standardised residuals",
  );
  const profiles = r.profiles.map((p) => ({
    width: 220,
    height: 140,
    title: { text: `profile of ${p.parameter}`, fontSize: 12 },
    data: { values: p.points },
    layer: [
      {
        mark: { type: "line", point: true, color: PALETTE[0] },
        encoding: {
          x: {
            field: "value",
            type: "quantitative",
            scale: {
              type: r.parameters.find((q) => q.id === p.parameter)?.scale === "lin" ? "linear" : "log",
              zero: false,
            },
            title: p.parameter,
          },
          y: { field: "delta", type: "quantitative", title: "Δ(2·NLL)" },
        },
      },
      {
        mark: { type: "rule", color: PALETTE[1], strokeDash: [4, 3] },
        encoding: { y: { datum: p.threshold } },
      },
    ],
  }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Fit: ${r.problem}`,
      subtitle: `${r.status}; −log L = ${r.nll !== undefined ? fmtNum(r.nll, 6) : "-"}; gradients: ${r.gradientMethod ?? "-"}`,
      anchor: "start",
    },
    data: { values },
    vconcat: [fit, res, ...(profiles.length ? [{ hconcat: profiles }] : [])],
    config: {
      font: FONT,
      view: { stroke: "#888", strokeWidth: 0.5 },
      legend: { orient: "bottom", direction: "horizontal" },
    },
  };
}
