/** Output of `il6sim population`: JSON, a table, CSV of the bands, and a band chart (Vega-Lite). */
import type { PopulationResult } from "../../core/analysis/population/index.js";
import { FONT, PALETTE, type ChartSpec, VEGA_LITE_SCHEMA } from "../../report/chart-spec.js";
import { prettyUnit } from "../../report/labels.js";
import { type Cell, fmtNum, renderCsv, renderTable } from "../table.js";

export interface PopulationMeta {
  readonly scenario: string;
  readonly timeUnit: string;
  readonly units: Record<string, string>;
  readonly workers: number;
  readonly priors: unknown;
}

export function populationJson(r: PopulationResult, meta: PopulationMeta) {
  return {
    status: r.status,
    scenario: meta.scenario,
    n: r.n,
    seed: r.seed,
    workers: meta.workers,
    members_simulated: r.membersSimulated,
    members_failed: r.membersFailed,
    failures: r.failures,
    priors: meta.priors,
    time_unit: meta.timeUnit,
    t: r.t,
    units: meta.units,
    bands: r.bands,
    outcomes: r.outcomes,
    wall_ms: r.wallMs,
    members_per_second: r.membersSimulated / (r.wallMs / 1000),
  };
}

export function populationTable(r: PopulationResult, meta: PopulationMeta): string {
  const head =
    `${meta.scenario}: ${r.membersSimulated} of ${r.n} members simulated (seed ${r.seed}, ${meta.workers} worker(s), ${fmtNum(r.wallMs / 1000)} s)` +
    (r.membersFailed ? `; ${r.membersFailed} failed` : "");
  const rows: Cell[][] = [];
  for (const [id, b] of Object.entries(r.bands)) {
    const last = r.t.length - 1;
    const peakIdx = b.percentiles.p50.reduce((k, v, i, a) => (v > a[k] ? i : k), 0);
    for (const [label, i] of [
      ["at peak of median", peakIdx],
      ["final", last],
    ] as const)
      rows.push([
        id,
        `${label} (t = ${fmtNum(r.t[i])} ${meta.timeUnit})`,
        b.percentiles.p5?.[i],
        b.percentiles.p25?.[i],
        b.percentiles.p50?.[i],
        b.percentiles.p75?.[i],
        b.percentiles.p95?.[i],
      ]);
  }
  let text = `${head}\n\n${renderTable(["observable", "when", "p5", "p25", "p50", "p75", "p95"], rows)}`;
  if (r.outcomes.length > 0)
    text += `\n${renderTable(
      ["outcome", "fraction", "95% CI", "members", "metric median"],
      r.outcomes.map((o) => [
        o.description ?? o.id,
        o.fraction,
        `${fmtNum(o.ci[0])}-${fmtNum(o.ci[1])}`,
        o.members,
        o.metric.p50,
      ]),
    )}`;
  return text;
}

export function populationCsv(r: PopulationResult): string {
  const rows: Cell[][] = [];
  for (const [id, b] of Object.entries(r.bands))
    r.t.forEach((t, i) =>
      rows.push([
        id,
        t,
        b.percentiles.p5?.[i],
        b.percentiles.p25?.[i],
        b.percentiles.p50?.[i],
        b.percentiles.p75?.[i],
        b.percentiles.p95?.[i],
        b.mean[i],
      ]),
    );
  return renderCsv(["observable", "t", "p5", "p25", "p50", "p75", "p95", "mean"], rows);
}

/** One panel per observable: 5–95% and 25–75% bands, median line. */
export function bandChart(r: PopulationResult, meta: PopulationMeta): ChartSpec {
  const panels = Object.entries(r.bands).map(([id, b]) => ({
    width: 420,
    height: 180,
    title: { text: id, fontSize: 12 },
    data: {
      values: r.t.map((t, i) => ({
        t,
        p5: b.percentiles.p5?.[i],
        p25: b.percentiles.p25?.[i],
        p50: b.percentiles.p50?.[i],
        p75: b.percentiles.p75?.[i],
        p95: b.percentiles.p95?.[i],
      })),
    },
    encoding: { x: { field: "t", type: "quantitative", title: `time (${meta.timeUnit})` } },
    layer: [
      {
        mark: { type: "area", color: PALETTE[0], opacity: 0.18 },
        encoding: {
          y: { field: "p5", type: "quantitative", title: prettyUnit(meta.units[id] ?? "") },
          y2: { field: "p95" },
        },
      },
      {
        mark: { type: "area", color: PALETTE[0], opacity: 0.35 },
        encoding: { y: { field: "p25", type: "quantitative" }, y2: { field: "p75" } },
      },
      {
        mark: { type: "line", color: PALETTE[0], strokeWidth: 2 },
        encoding: { y: { field: "p50", type: "quantitative" } },
      },
    ],
  }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${meta.scenario}: virtual population (N = ${r.membersSimulated})`,
      subtitle: "median, 25–75% and 5–95% bands",
      anchor: "start",
    },
    vconcat: panels,
    config: { font: FONT, view: { stroke: "#888", strokeWidth: 0.5 } },
  };
}
