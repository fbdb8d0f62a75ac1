/**
 * Worker thread of `il6sim population` (run by piscina): resolves the model once per thread,
 * then simulates the chunks of members it is sent. Pure function of its input.
 */
import { type ChunkResult, type ChunkTask, runChunk } from "../../core/analysis/population/index.js";
import type { PopulationPriors } from "../../core/analysis/population/priors.js";
import type { ResolvedScenario } from "../../core/scenario/types.js";
import { lookupModel } from "../models.js";
import type { MemberSimulator } from "../../core/analysis/population/member.js";
import { memberSimulator } from "./population-member.js";

export interface WorkerJob {
  readonly task: ChunkTask;
  readonly setup: {
    readonly scenario: ResolvedScenario;
    /** Scenario file the model path is relative to. */
    readonly baseFile?: string;
    readonly priors: PopulationPriors;
    readonly seed: number;
    readonly observables: readonly string[];
    readonly nTimes: number;
  };
}

let cached: { key: string; simulate: MemberSimulator } | undefined;

export default function runJob(job: WorkerJob): ChunkResult {
  const s = job.setup;
  const key = JSON.stringify([s.scenario, s.baseFile, s.observables, s.nTimes]);
  if (!cached || cached.key !== key) {
    const m = lookupModel(s.scenario.model, s.baseFile);
    if (!m.ok) throw new Error(m.message);
    cached = { key, simulate: memberSimulator(m.choice.model, s.scenario, s.observables, s.nTimes) };
  }
  return runChunk(
    { seed: s.seed, priors: s.priors, nObservables: s.observables.length, nTimes: s.nTimes },
    job.task,
    cached.simulate,
  );
}
