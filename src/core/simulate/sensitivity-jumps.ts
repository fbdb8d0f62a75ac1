/**
 * Sensitivities across jumps (doses, surgery, `set`, model events, switches in rate laws).
 * A jump maps (y⁻, p⁻) to (y⁺, p⁺) = Φ(y⁻, p⁻) at time τ. When τ is fixed (a timed action):
 *   S⁺ = Φ_y S⁻ + Φ_p Sp⁻,   Sp⁺ = (∂p⁺/∂y) S⁻ + (∂p⁺/∂p) Sp⁻.
 * When τ is a root of g(t, y, p) (a state event, or a switch inside a rate law), τ moves with
 * θ, dτ/dθ_k = −(∂g/∂y S_k + ∂g/∂p Sp_k) / (∂g/∂t + ∂g/∂y f⁻), and (Hairer et al.; CVODES)
 *   S⁺_k = Φ_y (S⁻_k + f⁻ dτ/dθ_k) + Φ_p Sp_k − f⁺ dτ/dθ_k.
 * Both are directional derivatives of the jump itself, taken here by central differences
 * along (S⁻_k + f⁻ dτ/dθ_k, Sp_k): exact to rounding for jumps linear or quadratic in (y, p)
 * (adding a dose, scaling by a factor, setting a value, bilinear assignments). Components the
 * jump leaves alone keep their sensitivity exactly.
 *
 * The jump is the simulation's own handler, replayed on perturbed copies: "shadow" handlers
 * that see the same causes, so SBML event semantics (priorities, cascades, trigger-time
 * values, delays) are exactly those of the plain run. A shadow that executes something else
 * than the nominal run (a delay or priority that depends on θ) makes the run fail with a
 * message rather than return wrong numbers.
 */
import type { HandleCause, HandleResult, HybridHandler } from "../solve/hybrid.js";
import type { OdeSystem } from "../solve/types.js";
import type { SimulationHandler } from "./handler.js";
import type { SensitivitySystem } from "./sensitivity-system.js";

/** Relative size of the perturbations that difference a jump (central: error ~ DELTA²). */
const DELTA = 1e-5;
/** Relative time nudge that puts a state on one side of a switch to read f⁻ or f⁺. */
const NUDGE = 1e-9;

export class SensitivityError extends Error {}

export class SensitivityHandler implements HybridHandler {
  readonly nRoots: number;
  /** dp/dθ after each change (right-continuous), starting at t0. */
  readonly spLog: { t: number; sp: Float64Array }[] = [];
  private readonly f: OdeSystem;
  private readonly n: number;
  private readonly m: number;
  private readonly nP: number;
  private readonly y0: Float64Array;
  private readonly p0: Float64Array;
  private readonly s0: Float64Array;
  private readonly dy: Float64Array;
  private readonly ya: Float64Array;
  private readonly yb: Float64Array;
  private readonly pa: Float64Array;
  private readonly pb: Float64Array;
  private readonly spNew: Float64Array;
  private readonly fMinus: Float64Array;
  private readonly fPlus: Float64Array;
  private readonly yPlus: Float64Array;
  private readonly ftmp: Float64Array;
  private readonly ytmp: Float64Array;
  private readonly f2: Float64Array;
  private readonly ga: Float64Array;
  private readonly gb: Float64Array;
  private readonly tau: Float64Array;
  private lastT = NaN;
  /** Execution times of delayed events scheduled at a moving event time, with its dτ/dθ. */
  private readonly delayed = new Map<number, Float64Array>();

  /**
   * @param shadows 2·np handlers (direction k: 2k plus, 2k+1 minus) when the model has events
   *   (their state must follow the perturbed runs), or one shared handler when jumps are
   *   stateless (timed actions only).
   * @param floor per state, the size below which it is negligible (atol/rtol).
   */
  constructor(
    private readonly inner: SimulationHandler,
    private readonly shadows: readonly SimulationHandler[],
    private readonly system: SensitivitySystem,
    private readonly floor: Float64Array,
    t0: number,
  ) {
    this.nRoots = inner.nRoots;
    this.f = system.blocks.block;
    const { n, m, nP } = system;
    this.n = n;
    this.m = m;
    this.nP = nP;
    const v = (k: number) => new Float64Array(k);
    this.y0 = v(n);
    this.p0 = v(nP);
    this.s0 = v(n * m);
    this.dy = v(n);
    this.ya = v(n);
    this.yb = v(n);
    this.pa = v(nP);
    this.pb = v(nP);
    this.spNew = v(nP * m);
    this.fMinus = v(n);
    this.fPlus = v(n);
    this.yPlus = v(n);
    this.ftmp = v(n);
    this.ytmp = v(n);
    this.f2 = v(n);
    this.ga = v(this.nRoots);
    this.gb = v(this.nRoots);
    this.tau = v(m);
    this.spLog.push({ t: t0, sp: Float64Array.from(system.sp) });
  }

  roots(t: number, y: Float64Array, p: Float64Array, out: Float64Array): void {
    this.inner.roots(t, y, p, out);
  }

  nextStop(t: number): number {
    return this.inner.nextStop(t);
  }

  start(t0: number, y: Float64Array, p: Float64Array): HandleResult {
    return this.jump(t0, y, p, null, (h, yy, pp) => h.start(t0, yy, pp));
  }

  handle(t: number, y: Float64Array, p: Float64Array, cause: HandleCause): HandleResult {
    return this.jump(t, y, p, cause.roots, (h, yy, pp) => h.handle(t, yy, pp, cause));
  }

  private jump(
    t: number,
    Y: Float64Array,
    p: Float64Array,
    roots: Int8Array | null,
    call: (h: SimulationHandler, y: Float64Array, p: Float64Array) => HandleResult,
  ): HandleResult {
    const { n, m, nP, y0, p0, s0, tau, system } = this;
    for (let i = 0; i < n; i++) y0[i] = Y[i];
    for (let i = 0; i < n * m; i++) s0[i] = Y[n + i];
    p0.set(p);
    // Calls at one time after the first are cascades: they share the first call's dτ/dθ.
    if (t !== this.lastT) {
      tau.fill(0);
      if (roots && roots.some((d) => d !== 0)) this.eventTime(t, roots);
      else {
        // a delayed execution moves with the time its trigger fired
        const inherited = this.delayed.get(t);
        if (inherited) tau.set(inherited);
      }
      this.delayed.delete(t);
      this.lastT = t;
    }
    const timed = tau.some((x) => x !== 0);
    if (timed) this.sideRhs(t, y0, p0, -1, this.fMinus);
    const stopsBefore = timed ? this.futureStops(t) : null;

    const logStart = this.inner.log.length;
    const r = call(this.inner, Y, p);
    const nominal = this.inner.log.slice(logStart).map((e) => e.what);
    if (stopsBefore)
      for (const ts of this.futureStops(t))
        if (!stopsBefore.has(ts)) this.delayed.set(ts, Float64Array.from(tau));
    const update = r.changed || timed;
    const stateful = this.shadows.length > 1;
    if (!update && !stateful) return r;
    if (timed) {
      for (let i = 0; i < n; i++) this.yPlus[i] = Y[i];
      this.sideRhs(t, this.yPlus, p, 1, this.fPlus);
    }

    const { dy, ya, yb, pa, pb, spNew } = this;
    const sp = system.sp;
    let changed = false;
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < n; i++) dy[i] = s0[k * n + i] + (timed ? this.fMinus[i] * tau[k] : 0);
      const eps = stepFor(y0, dy, this.floor, p0, sp, k, m);
      for (let i = 0; i < n; i++) {
        ya[i] = y0[i] + eps * dy[i];
        yb[i] = y0[i] - eps * dy[i];
      }
      for (let s = 0; s < nP; s++) {
        pa[s] = p0[s] + eps * sp[s * m + k];
        pb[s] = p0[s] - eps * sp[s * m + k];
      }
      this.replay(k, 0, ya, pa, call, nominal);
      this.replay(k, 1, yb, pb, call, nominal);
      if (!update) continue;
      const off = n * (k + 1);
      for (let i = 0; i < n; i++) {
        const untouched = ya[i] === y0[i] + eps * dy[i] && yb[i] === y0[i] - eps * dy[i];
        let v = untouched ? dy[i] : (ya[i] - yb[i]) / (2 * eps);
        if (timed) v -= this.fPlus[i] * tau[k];
        if (v !== Y[off + i]) changed = true;
        Y[off + i] = v;
      }
      for (let s = 0; s < nP; s++) {
        const d = sp[s * m + k];
        const untouched = pa[s] === p0[s] + eps * d && pb[s] === p0[s] - eps * d;
        spNew[s * m + k] = untouched ? d : (pa[s] - pb[s]) / (2 * eps);
      }
    }
    if (update && !sameArray(spNew, sp)) {
      system.setParameterSensitivities(spNew);
      this.spLog.push({ t, sp: Float64Array.from(spNew) });
      changed = true;
    }
    return { changed: r.changed || changed, ...(r.terminate ? { terminate: true } : {}) };
  }

  /** Every scheduled stop after t (actions and pending delayed events). */
  private futureStops(t: number): Set<number> {
    const out = new Set<number>();
    for (let s = this.inner.nextStop(t); Number.isFinite(s) && out.size < 100000; s = this.inner.nextStop(s))
      out.add(s);
    return out;
  }

  /** Run one shadow on a perturbed copy; it must do what the nominal run did. */
  private replay(
    k: number,
    sign: 0 | 1,
    y: Float64Array,
    p: Float64Array,
    call: (h: SimulationHandler, y: Float64Array, p: Float64Array) => HandleResult,
    nominal: string[],
  ): void {
    const h = this.shadows.length > 1 ? this.shadows[2 * k + sign] : this.shadows[0];
    const start = h.log.length;
    call(h, y, p);
    const did = h.log.slice(start).map((e) => e.what);
    if (did.length !== nominal.length || did.some((w, i) => w !== nominal[i])) {
      throw new SensitivityError(
        `Sensitivities with respect to "${this.system.parameterIds[k]}" are not available here: ` +
          `perturbing it changes which actions or events run at t = ${this.lastT} ` +
          `(nominal: ${nominal.join(", ") || "none"}; perturbed: ${did.join(", ") || "none"}). ` +
          `Event delays and priorities that depend on a sensitivity parameter are not differentiated.`,
      );
    }
    if (this.shadows.length === 1) {
      // a shared stateless shadow: keep its logs from growing without bound
      h.log.length = start;
      h.pLog.length = Math.min(h.pLog.length, 1);
    }
  }

  /**
   * dτ/dθ_k for the first crossed root: −(∂g/∂y S_k + ∂g/∂p Sp_k) / (dg/dt along f⁻), each by
   * central differences of the root functions.
   */
  private eventTime(t: number, roots: Int8Array): void {
    const { n, m, nP, y0, p0, s0, ga, gb, tau, dy, ya, yb, pa, pb, system } = this;
    const r = roots.findIndex((d) => d !== 0);
    const fm = this.fMinus;
    this.sideRhs(t, y0, p0, -1, fm);
    const dt = stepFor(y0, fm, this.floor, p0, null, 0, 0, t);
    for (let i = 0; i < n; i++) {
      ya[i] = y0[i] + dt * fm[i];
      yb[i] = y0[i] - dt * fm[i];
    }
    this.inner.roots(t + dt, ya, p0, ga);
    this.inner.roots(t - dt, yb, p0, gb);
    const gdot = (ga[r] - gb[r]) / (2 * dt);
    if (!(Math.abs(gdot) > 0) || !Number.isFinite(gdot)) return; // tangential: no first-order shift
    const sp = system.sp;
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < n; i++) dy[i] = s0[k * n + i];
      const eps = stepFor(y0, dy, this.floor, p0, sp, k, m);
      for (let i = 0; i < n; i++) {
        ya[i] = y0[i] + eps * dy[i];
        yb[i] = y0[i] - eps * dy[i];
      }
      for (let s = 0; s < nP; s++) {
        pa[s] = p0[s] + eps * sp[s * m + k];
        pb[s] = p0[s] - eps * sp[s * m + k];
      }
      this.inner.roots(t, ya, pa, ga);
      this.inner.roots(t, yb, pb, gb);
      tau[k] = -(ga[r] - gb[r]) / (2 * eps) / gdot;
    }
  }

  /**
   * f on one side of time t (side −1: just before, +1: just after), so that a switch inside a
   * rate law at t reads its own branch: f at t ± d and t ± 2d along the trajectory (d a relative
   * NUDGE), extrapolated back to t (2·f₁ − f₂: error O(d²), so continuous components of f⁻ and
   * f⁺ agree to rounding), once with the trajectory's slope refined from the first pass.
   */
  private sideRhs(t: number, y: Float64Array, p: Float64Array, side: -1 | 1, out: Float64Array): void {
    const { n, ftmp, ytmp, f2 } = this;
    this.f.rhs(t, y, p, ftmp);
    const d = side * stepFor(y, ftmp, this.floor, p, null, 0, 0, t) * (NUDGE / DELTA);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < n; i++) ytmp[i] = y[i] + d * ftmp[i];
      this.f.rhs(t + d, ytmp, p, out);
      for (let i = 0; i < n; i++) ytmp[i] = y[i] + 2 * d * ftmp[i];
      this.f.rhs(t + 2 * d, ytmp, p, f2);
      for (let i = 0; i < n; i++) out[i] = 2 * out[i] - f2[i];
      ftmp.set(out);
    }
  }
}

/**
 * Step ε along a direction (dy in y, column k of sp in p, and 1 in time when t is given) that
 * moves every component by at most DELTA of its size (states: of |y_i| + floor_i; parameters:
 * of |p_s|, or 1 when p_s = 0).
 */
function stepFor(
  y: Float64Array,
  dy: Float64Array,
  floor: Float64Array,
  p: Float64Array,
  sp: Float64Array | null,
  k: number,
  m: number,
  t?: number,
): number {
  let worst = 0;
  for (let i = 0; i < y.length; i++) {
    const r = Math.abs(dy[i]) / (Math.abs(y[i]) + floor[i]);
    if (r > worst) worst = r;
  }
  if (sp) {
    for (let s = 0; s < p.length; s++) {
      const d = sp[s * m + k];
      if (d === 0) continue;
      const r = Math.abs(d) / (Math.abs(p[s]) || 1);
      if (r > worst) worst = r;
    }
  }
  if (t !== undefined) worst = Math.max(worst, 1 / Math.max(1, Math.abs(t)));
  return worst > 0 && Number.isFinite(worst) ? DELTA / worst : DELTA;
}

function sameArray(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
