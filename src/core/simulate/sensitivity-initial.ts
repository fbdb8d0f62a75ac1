/**
 * Where sensitivities start.
 * - At t0: dy0/dθ and dp/dθ through declared values and initial assignments, by fourth-order
 *   central differences of model.initial(overrides) (step 1e-3 relative: truncation ~1e-12
 *   relative for smooth assignments, exact to rounding for linear ones such as
 *   amount = concentration × volume). A parameter's own slot gets dp_s/dθ = 1 exactly.
 * - At a steady state y_ss(θ) with f(y_ss, p(θ)) = 0 and J nonsingular (implicit function theorem):
 *   dy_ss/dθ = −J⁻¹ ∂f/∂p · dp/dθ. A singular or numerically singular J (conservation laws: the
 *   steady state then depends on the initial totals) is detected by a condition estimate and
 *   handled by integrating the sensitivity system to the steady state (as AMICI does).
 */
import type { CompiledModel } from "../compile/index.js";
import { type Expr, symbols } from "../expr/ast.js";
import { type Issue, issue, suggestion } from "../issues.js";

/** dy0/dθ (n × np) and dp/dθ (nP × np), row-major: dy0[i·np + k], dp0[s·np + k]. */
export interface InitialSensitivities {
  readonly dy0: Float64Array;
  readonly dp0: Float64Array;
}

/** What a sensitivity parameter is: a parameter slot, or the initial value of a state. */
export type ThetaKind = { kind: "slot"; slot: number } | { kind: "initial"; state: number };

/** Classify sensitivity parameter ids; unknown ids become issues (all at once). */
export function resolveParameters(
  model: CompiledModel,
  ids: readonly string[],
): { kinds: ThetaKind[]; issues: Issue[] } {
  const { layout } = model;
  const issues: Issue[] = [];
  const kinds: ThetaKind[] = [];
  const seen = new Set<string>();
  ids.forEach((id, k) => {
    const slot = layout.paramIndex.get(id);
    const state = layout.stateIndex.get(id);
    if (seen.has(id))
      issues.push(
        issue("duplicate-id", `parameters[${k}]`, `"${id}" is listed twice as a sensitivity parameter.`),
      );
    seen.add(id);
    if (slot !== undefined) kinds.push({ kind: "slot", slot });
    else if (state !== undefined) kinds.push({ kind: "initial", state });
    else
      issues.push(
        issue(
          "unknown-id",
          `parameters[${k}]`,
          `"${id}" is neither a parameter nor a state of model "${model.network.id}", so there is no sensitivity with respect to it.`,
          { hint: suggestion(id, [...layout.paramIds, ...layout.stateIds], "parameter or state") },
        ),
      );
  });
  return { kinds, issues };
}

/**
 * Recent nominal values per model: a sensitivity run asks twice (differences, then tolerances),
 * and a fit's gradients ask again with the same overrides.
 */
const NOMINAL = new WeakMap<CompiledModel, Map<string, Float64Array>>();
const NOMINAL_KEPT = 8;

/** Nominal value of each sensitivity parameter (for tolerances and difference steps). */
export function nominalValues(
  model: CompiledModel,
  ids: readonly string[],
  overrides: ReadonlyMap<string, number>,
  t0: number,
): Float64Array {
  let key = `${t0}|${ids.join(",")}|`;
  for (const [id, v] of overrides) key += `${id}=${v};`;
  let kept = NOMINAL.get(model);
  if (!kept) NOMINAL.set(model, (kept = new Map()));
  const hit = kept.get(key);
  if (hit) return Float64Array.from(hit);
  const init = model.initial(overrides, t0);
  const values = Float64Array.from(ids, (id) => {
    const s = model.layout.paramIndex.get(id);
    return init.symbols.get(id) ?? (s !== undefined ? init.p[s] : NaN);
  });
  if (kept.size >= NOMINAL_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, values);
  return Float64Array.from(values);
}

/** dy0/dθ and dp/dθ at t0 from differences of model.initial (see the file comment). */
export function initialSensitivities(
  model: CompiledModel,
  ids: readonly string[],
  overrides: ReadonlyMap<string, number> = new Map(),
  t0 = 0,
): { value: InitialSensitivities; issues: Issue[] } {
  const n = model.system.size;
  const nP = model.layout.paramIds.length;
  const m = ids.length;
  const dy0 = new Float64Array(n * m);
  const dp0 = new Float64Array(nP * m);
  const issues: Issue[] = [];
  const nominal = nominalValues(model, ids, overrides, t0);
  const weights = [-1, 8, -8, 1];
  const offsets = [2, 1, -1, -2];
  const free = independentSlotsOf(model);
  ids.forEach((id, k) => {
    const own = model.layout.paramIndex.get(id);
    if (own !== undefined && free.has(id)) {
      dp0[own * m + k] = 1; // nothing at t0 is computed from it
      return;
    }
    const v = nominal[k];
    const h = 1e-3 * (Math.abs(v) || 1);
    const runs = offsets.map((o) => model.initial(new Map(overrides).set(id, v + o * h), t0));
    const d = (a: readonly number[]): number =>
      a.every((x) => x === a[0])
        ? 0
        : (weights[0] * a[0] + weights[1] * a[1] + weights[2] * a[2] + weights[3] * a[3]) / (12 * h);
    for (let i = 0; i < n; i++) dy0[i * m + k] = d(runs.map((r) => r.y0[i]));
    for (let s = 0; s < nP; s++) dp0[s * m + k] = d(runs.map((r) => r.p[s]));
    if (own !== undefined) dp0[own * m + k] = 1;
    let bad = !Number.isFinite(v);
    for (let i = 0; i < n; i++) if (!Number.isFinite(dy0[i * m + k])) bad = true;
    for (let s = 0; s < nP; s++) if (!Number.isFinite(dp0[s * m + k])) bad = true;
    if (bad)
      issues.push(
        issue(
          "bad-initial-value",
          `parameters[${k}]`,
          `The initial values are not differentiable with respect to "${id}" at ${v} (a perturbation of ±${2 * h} gives non-finite values).`,
          { hint: "Check initial assignments that take roots or logarithms of it." },
        ),
      );
  });
  return { value: { dy0, dp0 }, issues };
}

const INDEPENDENT = new WeakMap<CompiledModel, Set<string>>();

/** independentSlots, once per model (a structural property). */
function independentSlotsOf(model: CompiledModel): Set<string> {
  let free = INDEPENDENT.get(model);
  if (!free) INDEPENDENT.set(model, (free = independentSlots(model)));
  return free;
}

/**
 * Parameter slots that no value at t0 is computed from: not a compartment (species
 * concentrations depend on sizes) and not reachable from any initial assignment, through the
 * assignment rules, other initial assignments, reaction rates and stoichiometries it reads.
 * Differences of model.initial are needed only for the others.
 */
function independentSlots(model: CompiledModel): Set<string> {
  const net = model.network;
  const mathOf = new Map<string, Expr>();
  for (const r of net.assignmentRules) mathOf.set(r.variable, r.math);
  for (const a of net.initialAssignments) mathOf.set(a.symbol, a.math);
  for (const r of net.reactions) mathOf.set(r.id, r.rate);
  const reached = new Set<string>();
  const todo = net.initialAssignments.map((a) => a.math);
  for (let e = todo.pop(); e; e = todo.pop()) {
    for (const s of symbols(e)) {
      if (reached.has(s)) continue;
      reached.add(s);
      const next = mathOf.get(s);
      if (next) todo.push(next);
    }
  }
  const compartments = new Set(net.compartments.map((c) => c.id));
  const out = new Set<string>();
  for (const id of model.layout.paramIds) {
    const dot = id.indexOf(".");
    // a reaction's local parameter is reached when its reaction's rate is
    const reachedAs = dot > 0 ? reached.has(id.slice(0, dot)) : reached.has(id);
    if (!reachedAs && !compartments.has(id)) out.add(id);
  }
  return out;
}
