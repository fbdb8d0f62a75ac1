/**
 * SBML event semantics (L3V2 §3.4.10-3.4.12) on top of the solver's root finding:
 * - an event triggers when its trigger goes from false to true (initialValue is the value
 *   before t0, so initialValue = false and a true trigger fires at t0);
 * - the delay is evaluated at trigger time; assignments are computed at trigger time when
 *   useValuesFromTriggerTime, else at execution;
 * - of the events due at one time, the highest priority (evaluated at that moment) executes
 *   first; after each execution every trigger is re-evaluated (cascades), and pending
 *   non-persistent events whose trigger has turned false are dropped;
 * - ties in priority execute in document order (SBML leaves that order open).
 */
import type { CompiledModel, VecFn } from "../compile/index.js";
import type { NetworkEvent } from "../network/types.js";
import { slotWriter } from "./slots.js";
import type { AtomTable, TriggerFn } from "./triggers.js";

/** An event's functions, compiled once per model (compileEvents) and shared by every run. */
export interface CompiledEvent {
  readonly source: NetworkEvent;
  readonly index: number;
  readonly trigger: TriggerFn;
  readonly delay?: VecFn;
  readonly priority?: VecFn;
  /** out[k] = value for assignment k. */
  readonly values: VecFn;
  /**
   * Species targets first: an assigned concentration becomes an amount with the compartment size
   * from before the event (SBML test cases 01779/01780); a compartment assigned in the same event
   * then changes the concentration, amounts being kept.
   */
  readonly order: number[];
}

interface Pending {
  readonly event: CompiledEvent;
  readonly time: number;
  readonly values?: Float64Array;
  readonly seq: number;
}

/** Max events executed at one time point before the run is declared stuck. */
const MAX_CASCADE = 10000;

/** The model's events as functions of (t, y, p) and the atom values in `atoms` (once per model). */
export function compileEvents(model: CompiledModel, atoms: AtomTable): CompiledEvent[] {
  const speciesIds = new Set(model.network.species.map((s) => s.id));
  return model.network.events.map((ev, index) => {
    const order = ev.assignments.map((_, k) => k);
    order.sort(
      (a, b) =>
        Number(speciesIds.has(ev.assignments[b].variable)) -
        Number(speciesIds.has(ev.assignments[a].variable)),
    );
    return {
      source: ev,
      index,
      trigger: atoms.compileTrigger(atoms.rewrite(ev.trigger)),
      ...(ev.delay ? { delay: model.expressions([ev.delay]) } : {}),
      ...(ev.priority ? { priority: model.expressions([ev.priority]) } : {}),
      values: model.expressions(ev.assignments.map((a) => a.math)),
      order,
    };
  });
}

/** The event state of one run (what is pending, each trigger's last value) over compiled events. */
export class EventEngine {
  private readonly last: boolean[];
  private pending: Pending[] = [];
  private seq = 0;
  private rng = 2463534242;
  private readonly one = new Float64Array(1);
  private readonly writer;
  readonly log: { t: number; what: string }[] = [];

  constructor(
    model: CompiledModel,
    private readonly events: readonly CompiledEvent[],
  ) {
    this.writer = slotWriter(model);
    this.last = this.events.map((e) => e.source.initialValue);
  }

  get count(): number {
    return this.events.length;
  }

  /** Earliest pending execution time strictly after t. */
  nextTime(t: number): number {
    let best = Infinity;
    for (const q of this.pending) if (q.time > t && q.time < best) best = q.time;
    return best;
  }

  /**
   * Evaluate triggers and execute everything due at t. `g` holds the atom values to use
   * (crossed atoms already carry their post-crossing sign). Returns true if the state changed.
   */
  process(t: number, y: Float64Array, p: Float64Array, atomValues: () => Float64Array): boolean {
    let changed = false;
    for (let round = 0; ; round++) {
      if (round > MAX_CASCADE)
        throw new Error(
          `More than ${MAX_CASCADE} events executed at t = ${t}; the events retrigger each other.`,
        );
      this.updateTriggers(t, y, p, atomValues());
      const due = this.pending.filter((q) => q.time <= t + 1e-13 * Math.max(1, Math.abs(t)));
      if (due.length === 0) return changed;
      const next = this.choose(due, t, y, p);
      this.pending = this.pending.filter((q) => q !== next);
      this.execute(next, t, y, p);
      changed = true;
    }
  }

  private updateTriggers(t: number, y: Float64Array, p: Float64Array, g: Float64Array): void {
    for (const e of this.events) {
      const now = e.trigger(t, y, p, g) !== 0;
      if (now && !this.last[e.index]) this.schedule(e, t, y, p);
      if (!now && !e.source.persistent) this.pending = this.pending.filter((q) => q.event !== e);
      this.last[e.index] = now;
    }
  }

  private schedule(e: CompiledEvent, t: number, y: Float64Array, p: Float64Array): void {
    let delay = 0;
    if (e.delay) {
      e.delay(t, y, p, this.one);
      delay = this.one[0];
      if (!(delay >= 0))
        throw new Error(`Event "${e.source.id}" has delay ${delay} at t = ${t}; delays must be >= 0.`);
    }
    let values: Float64Array | undefined;
    if (e.source.useValuesFromTriggerTime) {
      values = new Float64Array(e.source.assignments.length);
      e.values(t, y, p, values);
    }
    this.pending.push({ event: e, time: t + delay, seq: this.seq++, ...(values ? { values } : {}) });
  }

  private choose(due: Pending[], t: number, y: Float64Array, p: Float64Array): Pending {
    const pr = due.map((q) => this.priority(q, t, y, p));
    const top = Math.max(...pr);
    const tied = due.filter((_, k) => pr[k] === top);
    // Equal defined priorities: SBML says the order is random (seeded, so runs repeat).
    // Events without a priority keep document order, as SBML leaves that order to the tool.
    if (tied.length > 1 && top !== -Infinity) return tied[Math.floor(this.random() * tied.length)];
    return tied.reduce((a, b) =>
      b.event.index < a.event.index || (b.event.index === a.event.index && b.seq < a.seq) ? b : a,
    );
  }

  /** xorshift32 in [0, 1): a small seeded generator for tie-breaking. */
  private random(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng / 4294967296;
  }

  private priority(q: Pending, t: number, y: Float64Array, p: Float64Array): number {
    if (!q.event.priority) return -Infinity;
    q.event.priority(t, y, p, this.one);
    return Number.isNaN(this.one[0]) ? -Infinity : this.one[0];
  }

  private execute(q: Pending, t: number, y: Float64Array, p: Float64Array): void {
    const ev = q.event.source;
    let values = q.values;
    if (!values) {
      values = new Float64Array(ev.assignments.length);
      q.event.values(t, y, p, values);
    }
    for (const k of q.event.order) this.writer.set(t, y, p, ev.assignments[k].variable, values[k]);
    this.log.push({ t, what: `event ${ev.id || `#${q.event.index}`}` });
  }
}
