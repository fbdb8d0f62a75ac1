/**
 * Vega-Lite specifications of time courses and sweeps: pure functions of results, rendered to
 * SVG/PNG in Node (render.ts) and handed as-is to the browser. One panel per observable with
 * its unit on the axis, log y where values span decades, dashed rules at dosing and surgery
 * times, one colour per scenario with a legend when there is more than one.
 */
import {
  axisUnit,
  capitalise,
  decadeTicks,
  displayTime,
  prettyUnit,
  timeTicks,
  wantsLog,
  wrapTitle,
} from "./labels.js";
import type { Marker } from "./markers.js";

export type ChartSpec = Record<string, unknown>;

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** Okabe & Ito (2008) colour-blind-safe palette. */
export const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#F0E442",
];
export const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
/** Decades a log axis shows below the highest value. */
export const LOG_DECADES = 6;

export interface SeriesInput {
  /** Scenario name (legend entry). */
  readonly name: string;
  readonly t: readonly number[];
  readonly observables: Readonly<Record<string, readonly number[]>>;
}

export interface ObservableInfo {
  readonly id: string;
  readonly unit: string;
  readonly description?: string;
}

export interface TimeCourseInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly timeUnit: string;
  readonly series: readonly SeriesInput[];
  readonly observables: readonly ObservableInfo[];
  readonly markers?: readonly Marker[];
}

const CONFIG = {
  font: FONT,
  view: { stroke: "#888", strokeWidth: 0.5 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    grid: true,
    gridColor: "#e6e6e6",
    tickColor: "#888",
    domainColor: "#888",
  },
  title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: "#555", anchor: "start" },
  header: { labelFontSize: 12 },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    symbolStrokeWidth: 2.5,
    orient: "bottom",
    direction: "horizontal",
  },
  concat: { spacing: 28 },
};

export function timeCourseSpec(input: TimeCourseInput): ChartSpec {
  const { series, observables } = input;
  const tAll = series.flatMap((s) => [s.t[0], s.t[s.t.length - 1]]).filter(Number.isFinite);
  const tm0 = tAll.length > 0 ? Math.min(...tAll) : 0;
  const tm1 = tAll.length > 0 ? Math.max(...tAll) : 1;
  // long runs read in days or weeks; data and markers are divided into that unit
  const { unit: timeUnit, factor } = displayTime(tm1 - tm0, input.timeUnit);
  const t0 = tm0 / factor;
  const t1 = tm1 / factor;
  const many = series.length > 1;
  const names = series.map((s) => s.name);
  const single = observables.length === 1;
  const ticks = timeTicks(t0, t1, timeUnit, single ? 10 : 7);
  const inRun = (input.markers ?? []).filter((m) => m.t >= tm0 && m.t <= tm1);
  const markers = inRun.map((m) => ({ ...m, t: m.t / factor }));

  const panels = observables.map((o) => {
    const values = series.flatMap((s) => s.observables[o.id] ?? []);
    const log = wantsLog(values);
    // a log axis shows at most LOG_DECADES below the highest value: solver noise near zero is not data
    const top = values.reduce((a, b) => (Number.isFinite(b) && b > a ? b : a), 0);
    const floor = log ? top / 10 ** LOG_DECADES : -Infinity;
    const shown = values.filter((v) => Number.isFinite(v) && v >= floor);
    const rows = series.flatMap((s) =>
      (s.observables[o.id] ?? []).flatMap((v, i) =>
        Number.isFinite(v) && (!log || v >= floor)
          ? [{ scenario: s.name, t: s.t[i] / factor, value: v }]
          : [],
      ),
    );
    const x = {
      field: "t",
      type: "quantitative",
      title: `Time (${timeUnit || "model units"})`,
      scale: { domain: [t0, t1], nice: false, zero: false },
      axis: { values: ticks, format: ".6~g", labelOverlap: true },
    };
    const layers: ChartSpec[] = [];
    if (markers.length > 0) {
      layers.push({
        data: { values: markers.map((m) => ({ t: m.t, label: m.label, kind: m.kind })) },
        mark: { type: "rule", strokeDash: [4, 3], strokeWidth: 1.2 },
        encoding: {
          x,
          stroke: {
            field: "kind",
            type: "nominal",
            scale: { domain: ["dose", "injury", "set"], range: ["#777777", "#B2182B", "#4D4D4D"] },
            legend: null,
          },
        },
      });
    }
    layers.push({
      data: { values: rows },
      mark: { type: "line", strokeWidth: 1.8, clip: true, interpolate: "linear" },
      encoding: {
        x,
        y: {
          field: "value",
          type: "quantitative",
          title: axisUnit(o.id, o.unit),
          scale: log ? { type: "log" } : { zero: !o.id.endsWith("_percent_of_preop") },
          ...(log ? { axis: { values: decadeTicks(shown), format: "~g" } } : {}),
        },
        color: {
          field: "scenario",
          type: "nominal",
          scale: { domain: names, range: PALETTE },
          ...(many ? { legend: { title: "Scenario" } } : { legend: null }),
        },
        tooltip: [
          { field: "scenario", type: "nominal" },
          { field: "t", type: "quantitative", title: `t (${timeUnit})` },
          { field: "value", type: "quantitative", title: `${o.id} (${prettyUnit(o.unit)})`, format: ".4~g" },
        ],
      },
    });
    return {
      width: single ? 560 : 300,
      height: single ? 300 : 190,
      title: {
        text: wrapTitle(capitalise(o.description ?? o.id), single ? 80 : 44),
        subtitle: `${o.id}${log ? " (log scale)" : ""}`,
        fontSize: 13,
        subtitleFontSize: 10,
      },
      layer: layers,
    };
  });

  const fmtT = (t: number) => `${Number(t.toPrecision(4))} ${input.timeUnit}`.trim();
  const dashed = inRun.filter((m) => m.label !== "").map((m) => `${fmtT(m.t)}: ${m.label}`);
  const subtitle = [
    ...(input.subtitle ? [input.subtitle] : []),
    ...(dashed.length > 0 ? [`Dashed lines: ${dashed.join("; ")}`] : []),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: input.title, ...(subtitle.length > 0 ? { subtitle } : {}) },
    config: CONFIG,
    background: "white",
    padding: 12,
    ...(single ? { concat: panels, columns: 1 } : { concat: panels, columns: 2 }),
    resolve: { scale: { color: "shared" }, legend: { color: "shared" } },
  };
}

export interface SweepInput {
  readonly title: string;
  readonly subtitle?: string;
  /** What was varied, with its unit. */
  readonly varied: { readonly id: string; readonly unit: string; readonly log: boolean };
  readonly values: readonly number[];
  /** Metric text -> value per varied value (null where the run failed). */
  readonly metrics: readonly {
    readonly text: string;
    readonly unit: string;
    readonly values: readonly (number | null)[];
  }[];
}

export function sweepSpec(input: SweepInput): ChartSpec {
  const { varied } = input;
  const single = input.metrics.length === 1;
  const panels = input.metrics.map((m) => {
    const rows = input.values.flatMap((x, i) =>
      m.values[i] !== null && Number.isFinite(m.values[i]) ? [{ x, y: m.values[i] }] : [],
    );
    const logY = wantsLog(rows.map((r) => r.y as number));
    const enc = {
      x: {
        field: "x",
        type: "quantitative",
        title: `${varied.id}${varied.unit && varied.unit !== "1" ? ` (${prettyUnit(varied.unit)})` : ""}`,
        scale: varied.log ? { type: "log" } : { zero: false },
        ...(varied.log ? { axis: { values: decadeTicks(input.values), format: "~g", grid: true } } : {}),
      },
      y: {
        field: "y",
        type: "quantitative",
        title: prettyUnit(m.unit) || "value",
        scale: logY ? { type: "log" } : { zero: false },
        ...(logY ? { axis: { values: decadeTicks(rows.map((r) => r.y as number)), format: "~g" } } : {}),
      },
      tooltip: [
        { field: "x", type: "quantitative", title: varied.id },
        { field: "y", type: "quantitative", title: m.text, format: ".4~g" },
      ],
    };
    return {
      width: single ? 480 : 280,
      height: single ? 300 : 200,
      title: { text: m.text, fontSize: 13 },
      data: { values: rows },
      layer: [
        { mark: { type: "line", strokeWidth: 1.8, color: PALETTE[0] }, encoding: enc },
        { mark: { type: "point", filled: true, size: 40, color: PALETTE[0] }, encoding: enc },
      ],
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: input.title, ...(input.subtitle ? { subtitle: input.subtitle } : {}) },
    config: CONFIG,
    background: "white",
    padding: 12,
    concat: panels,
    columns: single ? 1 : 2,
  };
}
