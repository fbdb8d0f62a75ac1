/**
 * What the integration loop needs of DAEs, in one place: the capability check, and keeping
 * the state on the algebraic constraints (dae-init.ts) at the start and after every change a
 * handler makes, with the work it costs counted and a failure kept for the result. For a
 * system without a mass matrix every call is a no-op.
 */
import type { IntegrateOptions } from "./hybrid.js";
import { type ConsistencyResult, makeConsistent } from "./dae-init.js";
import { atolVector } from "./norms.js";
import { newStats } from "./stepper-common.js";
import type { OdeSystem, SolverStats } from "./types.js";
import { IssueError, issue } from "../issues.js";

export class Projector {
  /** Newton and relaxation work, reported with the steps'. */
  readonly stats: SolverStats = newStats();
  /** The projection that failed, if one did (the run ends there). */
  failure: ConsistencyResult | null = null;
  readonly dae: boolean;
  private readonly atol: Float64Array;

  /** Throws an IssueError when the method cannot integrate the system (a mass matrix, no `massMatrix`). */
  constructor(
    private readonly system: OdeSystem,
    private readonly p: Float64Array,
    private readonly y: Float64Array,
    private readonly options: IntegrateOptions,
  ) {
    this.dae = system.mass !== undefined;
    if (this.dae && !options.method.massMatrix)
      throw new IssueError(
        [
          issue(
            "unsupported",
            "method",
            `${options.method.name} cannot integrate a system with algebraic equations (a mass matrix: algebraic rules or fast reactions).`,
            { hint: "Use Rodas5P (the default), which integrates index-1 differential-algebraic systems." },
          ),
        ],
        "method cannot integrate this system",
      );
    this.atol = this.dae ? atolVector(system.size, options.atol) : new Float64Array(0);
  }

  /** Move y onto the constraints at t, keeping M·y; false (and `failure` set) when that fails. */
  project(t: number): boolean {
    if (!this.dae) return true;
    const r = makeConsistent(this.system, this.p, t, this.y, {
      rtol: this.options.rtol,
      atol: this.atol,
      method: this.options.method,
      stats: this.stats,
    });
    if (!r.ok) this.failure = r;
    return r.ok;
  }

  get failed(): boolean {
    return this.failure !== null;
  }
}
