/**
 * Reading and writing model quantities by id in (y, p), with SBML's meaning: setting a
 * concentration species sets amount = value × current compartment size; setting an amount-only
 * species, a compartment or a parameter sets the slot itself.
 */
import type { CompiledModel, VecFn } from "../compile/index.js";
import { IssueError, issue, suggestion } from "../issues.js";

export interface SlotWriter {
  /** Set the symbol value of `id`. */
  set(t: number, y: Float64Array, p: Float64Array, id: string, value: number): void;
  /** Current symbol value of `id`. */
  get(t: number, y: Float64Array, p: Float64Array, id: string): number;
  /** Add an amount to a species (amount units, whatever the species' symbol means). */
  addAmount(y: Float64Array, p: Float64Array, id: string, amount: number): void;
  /** Multiply the slot of `id` (state or parameter) by a factor. */
  scale(y: Float64Array, p: Float64Array, id: string, factor: number): void;
}

const cache = new WeakMap<CompiledModel, SlotWriter>();

export function slotWriter(model: CompiledModel): SlotWriter {
  const hit = cache.get(model);
  if (hit) return hit;
  const { layout, network } = model;
  const species = new Map(network.species.map((s) => [s.id, s]));
  const compIds = network.compartments.map((c) => c.id);
  const compIndex = new Map(compIds.map((c, k) => [c, k]));
  const sizes: VecFn = model.observer(compIds);
  const sizeBuf = new Float64Array(compIds.length);
  const observers = new Map<string, VecFn>();
  const one = new Float64Array(1);
  const isConcentrationSpecies = (id: string) => {
    const s = species.get(id);
    return s !== undefined && !s.hasOnlySubstanceUnits;
  };
  const unknown = (id: string, what: string): never => {
    const ids = [...layout.stateIds, ...layout.paramIds];
    throw new IssueError([
      issue(
        "unknown-id",
        id,
        `Cannot ${what} "${id}": it is not a state or parameter of model "${network.id}".`,
        { hint: suggestion(id, ids) },
      ),
    ]);
  };

  /** Compartment id -> state slots of concentration species held as values (rate rules). */
  const concentrationStatesIn = new Map<string, number[]>();
  for (const s of network.species) {
    const j = layout.stateIndex.get(s.id);
    if (j === undefined || layout.stateKinds[j] !== "value" || s.hasOnlySubstanceUnits) continue;
    concentrationStatesIn.set(s.compartment, [...(concentrationStatesIn.get(s.compartment) ?? []), j]);
  }

  const w: SlotWriter = {
    get(t, y, p, id) {
      let f = observers.get(id);
      if (!f) {
        if (!layout.def.has(id)) unknown(id, "read");
        f = model.observer([id]);
        observers.set(id, f);
      }
      f(t, y, p, one);
      return one[0];
    },
    set(t, y, p, id, value) {
      const i = layout.stateIndex.get(id);
      const rescaled = concentrationStatesIn.get(id);
      if (rescaled && i !== undefined) {
        // A compartment changes size: species keep their amounts. Amount states need nothing;
        // species whose state is a concentration (rate rule) are rescaled by V_old / V_new.
        const old = y[i];
        y[i] = value;
        for (const j of rescaled) y[j] *= old / value;
        return;
      }
      if (i !== undefined) {
        if (layout.stateKinds[i] === "amount" && isConcentrationSpecies(id)) {
          sizes(t, y, p, sizeBuf);
          y[i] = value * sizeBuf[compIndex.get(species.get(id)!.compartment)!];
        } else y[i] = value;
        return;
      }
      const k = layout.paramIndex.get(id);
      if (k !== undefined) {
        p[k] = value;
        return;
      }
      unknown(id, "set");
    },
    addAmount(y, _p, id, amount) {
      const i = layout.stateIndex.get(id);
      if (i === undefined || layout.stateKinds[i] !== "amount") unknown(id, "dose");
      y[i!] += amount;
    },
    scale(y, p, id, factor) {
      const i = layout.stateIndex.get(id);
      if (i !== undefined) {
        y[i] *= factor;
        return;
      }
      const k = layout.paramIndex.get(id);
      if (k !== undefined) {
        p[k] *= factor;
        return;
      }
      unknown(id, "scale");
    },
  };
  cache.set(model, w);
  return w;
}
