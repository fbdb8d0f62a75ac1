/**
 * Running a chunk of members [start, start + count): sample each member's parameters from
 * (seed, index), simulate, and pack the trajectories into one Float64Array (NaN rows for failed
 * members) that crosses a worker boundary cheaply. The same function runs in a worker thread
 * or in this thread, so results never depend on where a member ran.
 */
import { type PopulationPriors, priorSampler } from "./priors.js";

export interface ChunkTask {
  readonly start: number;
  readonly count: number;
}

export interface ChunkResult {
  readonly start: number;
  readonly count: number;
  /** count × nObservables × nTimes, member-major. */
  readonly data: Float64Array;
  readonly failures: { member: number; message: string }[];
}

/** One member's simulation: observable series at the population's times, or a failure. */
export type MemberSimulator = (
  values: ReadonlyMap<string, number>,
) => { ok: true; series: ArrayLike<number>[] } | { ok: false; message: string };

export interface ChunkContext {
  readonly seed: number;
  readonly priors: PopulationPriors;
  readonly nObservables: number;
  readonly nTimes: number;
}

export function runChunk(ctx: ChunkContext, task: ChunkTask, simulate: MemberSimulator): ChunkResult {
  const sampler = priorSampler(ctx.priors);
  const stride = ctx.nObservables * ctx.nTimes;
  const data = new Float64Array(task.count * stride).fill(NaN);
  const failures: { member: number; message: string }[] = [];
  for (let j = 0; j < task.count; j++) {
    const member = task.start + j;
    const x = sampler.sample(ctx.seed, member);
    const values = new Map(sampler.ids.map((id, k) => [id, x[k]]));
    let r: ReturnType<MemberSimulator>;
    try {
      r = simulate(values);
    } catch (err) {
      r = { ok: false, message: (err as Error).message };
    }
    if (!r.ok) {
      failures.push({ member, message: r.message });
      continue;
    }
    for (let o = 0; o < ctx.nObservables; o++) {
      const s = r.series[o];
      for (let i = 0; i < ctx.nTimes; i++) data[j * stride + o * ctx.nTimes + i] = s[i];
    }
  }
  return { start: task.start, count: task.count, data, failures };
}
