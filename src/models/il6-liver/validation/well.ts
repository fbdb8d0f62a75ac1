/**
 * An in-vitro well: cells of one type in culture medium, built from the same module functions
 * and the same organism parameters as the liver (receptors + JAK/STAT + soluble binding in the
 * medium; no production or clearance except a daily medium change). Used for dose-response checks: ligands are added at
 * t = 0 to unstimulated cells at their steady state, and the response read is the peak nuclear
 * pSTAT3 fraction within the first hour (Western blots and imaging are read at 15-60 min).
 */
import { compileNetwork, type CompiledModel } from "../../../core/compile/index.js";
import { parseTrusted } from "../../../core/expr/index.js";
import { network } from "../../../core/network/builder.js";
import { simulate } from "../../../core/simulate/index.js";
import type { SimulationResult } from "../../../core/simulate/types.js";
import { steadyState } from "../../../core/solve/index.js";
import { cellType } from "../cell.js";
import { CELLS } from "../compartments.js";
import { addReaction, context } from "../context.js";
import { genotypeOverrides } from "../genotypes.js";
import { nuclearFraction } from "../jak-stat.js";
import { SOLUBLE, type SolubleBase, solubleLigands } from "../ligands.js";
import { type Organism, parameterSet } from "../parameters/index.js";
import { p } from "../parameters/types.js";

const WELL = {
  well_volume_ml: p(1, "mL", "assumed", "assumed", "culture medium per well (12-well plate)"),
  well_cells: p(1e5, "cells", "assumed", "assumed", "cells per well; ligand depletion by the cells is < 1% at the tested concentrations"),
  rux_medium: p(0, "nM", "scenario input", "assumed", "ruxolitinib in the medium (unbound)"),
  k_SOCS3_tx_basal: p(3.2, "nM/h", "Sobotta 2017 Front Physiol 8:775, PMID 29062282 (BioModels MODEL2307050001)", "fitted",
    "basal SOCS3 transcription of cultured primary hepatocytes (0.0533 nM/min in scaled units); the liver in vivo has a lower value (parameters/shared.ts)"),
  k_medium_change: p(1 / 24, "1/h", "assumed", "assumed",
    "daily medium change, as first-order removal of every soluble species; without it, sIL-6R shed by the cells accumulates without bound and the unstimulated well has no steady state"),
};

export interface Well {
  readonly model: CompiledModel;
  readonly cell: string;
  /** Unstimulated steady state. */
  readonly y0: Float64Array;
  readonly p: Float64Array;
}

const cache = new Map<string, Well>();

export function well(organism: Organism, cellId: string, genotype: readonly string[] = []): Well {
  const key = `${organism}|${cellId}|${genotype.join(",")}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cell = CELLS.find((c) => c.id === cellId)!;
  const g = genotypeOverrides(genotype, parameterSet(organism));
  if (!g.ok) throw new Error(`il6sim internal error: ${g.issues[0].message}`);
  const set = { ...parameterSet(organism, g.overrides), ...WELL };
  const net = network(`il6_well_${organism}_${cellId}`, (n) => {
    const ctx = context(n, set, "rux_medium");
    ctx.P("rux_medium");
    n.compartment("medium", { size: 1, unit: "mL", name: "culture medium" });
    n.initialAssignment("medium", ctx.P("well_volume_ml"));
    solubleLigands(ctx, "medium");
    for (const b of SOLUBLE) addReaction(ctx, `medium_change_${b}`, [`${b}_medium`], [], `${ctx.P("k_medium_change")} * ${b}_medium * medium`);
    cellType(ctx, cell, { fluid: "medium", count: "well_cells" });
  });
  const c = compileNetwork(net);
  if (!c.ok) throw new Error(`il6sim internal error: the well does not compile: ${c.issues[0].message}`);
  const init = c.model.initial({});
  const ss = steadyState(c.model.system, init.p, init.y0, {});
  if (ss.status !== "ok") throw new Error(`il6sim internal error: no unstimulated steady state in the well: ${ss.message}`);
  const w = { model: c.model, cell: cellId, y0: ss.y, p: init.p };
  cache.set(key, w);
  return w;
}

/** Concentrations (nM) of soluble species added to the medium at t = 0. */
export type Stimulus = Partial<Record<SolubleBase, number>>;

export function stimulate(w: Well, stimulus: Stimulus, tEnd: number, times: readonly number[]): SimulationResult {
  return simulate(w.model, {
    tEnd,
    outputTimes: times,
    y0: w.y0,
    p: w.p,
    rtol: 1e-8,
    atol: 1e-14,
    actions: [
      {
        t: 0,
        label: "stimulus",
        apply: (s) => {
          for (const [b, c] of Object.entries(stimulus)) s.set(`${b}_medium`, c!);
        },
      },
    ],
  });
}

const premixCache = new Map<string, CompiledModel>();

/**
 * Ligands pre-incubated in medium without cells (the soluble binding module alone) for `hours`,
 * as when an inhibitor is mixed with IL-6 and sIL-6R before it is put on cells. Returns every
 * soluble species (nM) to use as a stimulus.
 */
export function premix(organism: Organism, stimulus: Stimulus, hours = 1): Stimulus {
  let m = premixCache.get(organism);
  if (!m) {
    const set = { ...parameterSet(organism), ...WELL };
    const net = network(`il6_premix_${organism}`, (n) => {
      const ctx = context(n, set, "rux_medium");
      n.compartment("medium", { size: 1, unit: "mL", name: "culture medium" });
      solubleLigands(ctx, "medium");
    });
    const c = compileNetwork(net);
    if (!c.ok) throw new Error(`il6sim internal error: the premix does not compile: ${c.issues[0].message}`);
    m = c.model;
    premixCache.set(organism, m);
  }
  const init = m.initial(Object.fromEntries(Object.entries(stimulus).map(([b, v]) => [`${b}_medium`, v!])));
  const r = simulate(m, { tEnd: hours, outputTimes: [hours], y0: init.y0, p: init.p, rtol: 1e-10, atol: 1e-16 });
  const last = r.seriesMany(SOLUBLE.map((b) => `${b}_medium`));
  return Object.fromEntries(SOLUBLE.map((b, k) => [b, last[k][0]]));
}

/** Nuclear pSTAT3 fraction of the well's cell type at every output time. */
export function nuclearSeries(w: Well, r: SimulationResult): number[] {
  const f = w.model.expressions([parseTrusted(nuclearFraction(w.cell))]);
  const out = new Float64Array(1);
  return r.states.map((y, i) => {
    f(r.times[i], y, r.params[i], out);
    return out[0];
  });
}

const WINDOW = Array.from({ length: 31 }, (_, i) => i * 2 / 60); // 0-60 min every 2 min

/** Peak nuclear pSTAT3 fraction within the first hour, minus the unstimulated value. */
export function peakResponse(w: Well, stimulus: Stimulus): number {
  const series = nuclearSeries(w, stimulate(w, stimulus, 1, WINDOW));
  return Math.max(...series) - series[0];
}

/** Log-spaced concentrations (nM). */
export const logRange = (from: number, to: number, perDecade: number): number[] => {
  const n = Math.round(Math.log10(to / from) * perDecade);
  return Array.from({ length: n + 1 }, (_, i) => from * Math.pow(10, i / perDecade));
};

/**
 * Half-maximal concentration of a monotone dose-response (log-linear interpolation), relative to
 * the response at the highest concentration; NaN when the response never reaches half.
 */
export function halfMax(concs: readonly number[], responses: readonly number[], rising = true): number {
  const top = rising ? responses[responses.length - 1] : responses[0];
  const bottom = rising ? responses[0] : responses[responses.length - 1];
  const half = bottom + 0.5 * (top - bottom);
  for (let i = 1; i < concs.length; i++) {
    const a = responses[i - 1];
    const b = responses[i];
    if ((a - half) * (b - half) <= 0 && a !== b) {
      const f = (half - a) / (b - a);
      return Math.pow(10, Math.log10(concs[i - 1]) + f * (Math.log10(concs[i]) - Math.log10(concs[i - 1])));
    }
  }
  return NaN;
}
