/**
 * Dormant states: states that are exactly zero at the start of a run, that nothing in the run
 * sets (no event assigns them, no timed action changes them), and whose rate of change is zero
 * whenever all dormant states are zero — so, by uniqueness of the solution, they stay exactly
 * zero throughout. A scenario without a drug leaves the drug's compartments, complexes and
 * receptor occupancies dormant (73 of the IL-6 liver model's 199 states after 70 % PHx).
 *
 * Found symbolically on the compiled equations (greatest fixed point: drop a candidate whose
 * derivative does not vanish with the candidates at zero, until none is dropped). "Vanishes" is
 * decided conservatively from the expression's structure (a product with a zero factor, a sum of
 * zeros, a quotient with a zero numerator, zero to a positive constant power, ...): a state may
 * be missed, never wrongly taken. The solver then integrates the other states only (see
 * ReducedSystem); the handler's calls are guarded, and a run in which a dormant state wakes
 * anyway is repeated on the full system (simulate.ts).
 */
import type { CompiledModel } from "../compile/index.js";
import type { Expr } from "../expr/ast.js";

export interface Dormancy {
  /** Indices of the states integrated, ascending. */
  readonly active: Int32Array;
  /** Indices of the dormant states, ascending. */
  readonly dormant: Int32Array;
  /** Parameter slots taken as zero (zero at the start and not set in the run). */
  readonly zeroParams: Int32Array;
}

const CACHE = new WeakMap<CompiledModel, Map<string, Dormancy | null>>();

/** At most this many distinct candidate sets are remembered per model. */
const CACHE_MAX = 64;

/**
 * The dormant states of a run starting from (y0, p0), given the states and parameter slots that
 * something in the run may set (`touched`); null when there are none. A parameter that is zero
 * and stays so (the infusion rate of a drug not given) counts as zero in the analysis.
 */
export function dormantStates(
  model: CompiledModel,
  y0: Float64Array,
  p0: Float64Array,
  touched: { readonly states: ReadonlySet<number>; readonly params: ReadonlySet<number> },
): Dormancy | null {
  const flags: string[] = [];
  for (let i = 0; i < y0.length; i++) flags.push(y0[i] === 0 && !touched.states.has(i) ? "1" : "0");
  flags.push("|");
  for (let s = 0; s < p0.length; s++) flags.push(p0[s] === 0 && !touched.params.has(s) ? "1" : "0");
  const key = flags.join("");
  let byKey = CACHE.get(model);
  if (!byKey) CACHE.set(model, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key)!;
  const result = analyse(model, key);
  if (byKey.size >= CACHE_MAX) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, result);
  return result;
}

function analyse(model: CompiledModel, key: string): Dormancy | null {
  const { intermediates, derivatives } = model.equations;
  const [stateFlags, paramFlags] = key.split("|");
  const candidates = new Set<number>();
  for (let i = 0; i < stateFlags.length; i++) if (stateFlags[i] === "1") candidates.add(i);
  const zeroParams: number[] = [];
  for (let s = 0; s < paramFlags.length; s++) if (paramFlags[s] === "1") zeroParams.push(s);
  for (let changed = true; changed && candidates.size > 0;) {
    changed = false;
    const zero = new Set<string>(zeroParams.map((s) => `p:${s}`));
    for (const i of candidates) zero.add(`y:${i}`);
    for (const x of intermediates) if (vanishes(x.expr, zero)) zero.add(x.name);
    for (const i of [...candidates]) {
      if (!vanishes(derivatives[i], zero)) {
        candidates.delete(i);
        changed = true;
      }
    }
  }
  if (candidates.size === 0) return null;
  const dormant = Int32Array.from([...candidates].sort((a, b) => a - b));
  const active: number[] = [];
  for (let i = 0; i < stateFlags.length; i++) if (!candidates.has(i)) active.push(i);
  return { active: Int32Array.from(active), dormant, zeroParams: Int32Array.from(zeroParams) };
}

/** True when e is zero whenever the symbols in `zero` are (decided from structure alone). */
export function vanishes(e: Expr, zero: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case "num":
      return e.value === 0;
    case "sym":
      return zero.has(e.name);
    case "time":
      return false;
    case "call": {
      const a = e.args;
      switch (e.op) {
        case "*":
          return a.some((x) => vanishes(x, zero));
        case "/":
          return vanishes(a[0], zero);
        case "+":
        case "-":
        case "min":
        case "max":
          return a.every((x) => vanishes(x, zero));
        case "neg":
        case "sqrt":
        case "abs":
          return vanishes(a[0], zero);
        case "^":
          return a[1].kind === "num" && a[1].value > 0 && vanishes(a[0], zero);
        case "piecewise":
          // every value (the even positions, and the last when there is an otherwise)
          return a.every((x, k) => (k % 2 === 1 && k !== a.length - 1 ? true : vanishes(x, zero)));
        default:
          return false;
      }
    }
  }
}
