/** The classic PEtab example: conversion reaction A ⇄ B (k1, k2), A observed with noise. */
import { compileNetwork } from "../../../src/core/compile/index.js";
import { parseTrusted } from "../../../src/core/expr/index.js";
import { massAction, network } from "../../../src/core/network/index.js";
import {
  compiledSimulationModel,
  type EstimationProblem,
  type MeasurementSpec,
  rngFor,
} from "../../../src/core/estimate/index.js";

export const TRUE_K1 = 0.8;
export const TRUE_K2 = 0.6;

export function conversionModel(opts: { sensitivities?: boolean } = {}) {
  const c = compileNetwork(
    network("conversion_reaction", (n) => {
      n.compartment("compartment", { size: 1 });
      n.species("A", { in: "compartment", initial: 1 });
      n.species("B", { in: "compartment", initial: 0 });
      n.parameter("k1", 0.5);
      n.parameter("k2", 0.5);
      n.reaction("fwd", ["A"], ["B"], massAction("k1"));
      n.reaction("rev", ["B"], ["A"], massAction("k2"));
    }),
  );
  if (!c.ok) throw new Error(c.issues.map((i) => i.message).join("\n"));
  return compiledSimulationModel(c.model, { rtol: 1e-10, atol: 1e-12, ...opts });
}

/** A(t) for A0 = 1, B0 = 0, and its derivatives in k1, k2 (closed form). */
export function analyticA(t: number, k1: number, k2: number): { a: number; d1: number; d2: number } {
  const s = k1 + k2;
  const e = Math.exp(-s * t);
  const a = k2 / s + (k1 / s) * e;
  const d1 = -k2 / (s * s) + (k2 / (s * s)) * e - (k1 / s) * t * e;
  const d2 = k1 / (s * s) - (k1 / (s * s)) * e - (k1 / s) * t * e;
  return { a, d1, d2 };
}

export const TIMES = [0.5, 1, 2, 3, 4, 6, 8, 10];

export function conversionProblem(
  opts: { sigma?: number; noiseSeed?: number; estimateSigma?: boolean; transformation?: "lin" | "log" } = {},
): EstimationProblem {
  const sigma = opts.sigma ?? 0.02;
  const rng = rngFor(opts.noiseSeed ?? 7);
  const measurements: MeasurementSpec[] = TIMES.flatMap((t) =>
    [0, 1].map(() => ({
      observableId: "obs_a",
      simulationConditionId: "c0",
      time: t,
      value: analyticA(t, TRUE_K1, TRUE_K2).a + sigma * rng.normal(),
      observableParameters: [],
      noiseParameters: [opts.estimateSigma ? "sigma_a" : sigma],
    })),
  );
  return {
    id: "conversion_reaction",
    parameters: [
      { id: "k1", scale: "log10", lower: 1e-3, upper: 1e2, nominal: 0.3, estimate: true },
      { id: "k2", scale: "log10", lower: 1e-3, upper: 1e2, nominal: 0.3, estimate: true },
      ...(opts.estimateSigma
        ? [{ id: "sigma_a", scale: "log10" as const, lower: 1e-4, upper: 1, nominal: 0.1, estimate: true }]
        : []),
    ],
    observables: [
      {
        id: "obs_a",
        formula: parseTrusted("A"),
        noiseFormula: parseTrusted("noiseParameter1_obs_a"),
        transformation: opts.transformation ?? "lin",
        distribution: "normal",
      },
    ],
    conditions: [{ id: "c0", changes: {} }],
    measurements,
  };
}
