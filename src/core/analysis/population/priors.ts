/**
 * Parameter priors of a virtual population: lognormal with a median and either a coefficient of
 * variation (ω² = ln(1 + CV²)) or a geometric standard deviation (ω = ln GSD), optionally
 * truncated, with correlations on the log scale (Cholesky factor of the correlation matrix).
 * Member i's values depend only on (seed, i): its own random stream, so any split of members
 * across workers gives identical populations.
 */
import { cholesky } from "../../estimate/dense.js";
import { rngFor } from "../../estimate/rng.js";
import { type Issue, issue } from "../../issues.js";

export interface LognormalPrior {
  readonly id: string;
  readonly median: number;
  /** Coefficient of variation of the parameter (e.g. 0.3 for 30%). */
  readonly cv?: number;
  /** Geometric standard deviation (> 1); alternative to cv. */
  readonly gsd?: number;
  /** Truncation bounds (resampled within them). */
  readonly lower?: number;
  readonly upper?: number;
  readonly source?: string;
}

export interface PopulationPriors {
  readonly parameters: readonly LognormalPrior[];
  /** Correlations of the log-parameters, by pair (all other pairs 0). */
  readonly correlations?: readonly { readonly a: string; readonly b: string; readonly rho: number }[];
}

export interface PriorSampler {
  readonly ids: readonly string[];
  /** Values for member i (length = ids.length). */
  sample(seed: number, member: number): Float64Array;
}

export function omegaOf(p: LognormalPrior): number {
  if (p.gsd !== undefined) return Math.log(p.gsd);
  return Math.sqrt(Math.log(1 + (p.cv ?? 0) ** 2));
}

export function validatePriors(priors: PopulationPriors, path = "priors"): Issue[] {
  const issues: Issue[] = [];
  const ids = priors.parameters.map((p) => p.id);
  priors.parameters.forEach((p, k) => {
    const at = `${path}.parameters[${k}]`;
    if (!(p.median > 0))
      issues.push(issue("bad-prior", at, `"${p.id}": a lognormal median must be positive, not ${p.median}.`));
    if (p.cv === undefined && p.gsd === undefined)
      issues.push(
        issue("bad-prior", at, `"${p.id}" has neither cv nor gsd.`, {
          hint: "Give cv (e.g. 0.3) or gsd (e.g. 1.5).",
        }),
      );
    if (p.cv !== undefined && !(p.cv >= 0))
      issues.push(issue("bad-prior", at, `"${p.id}": cv must be ≥ 0, not ${p.cv}.`));
    if (p.gsd !== undefined && !(p.gsd >= 1))
      issues.push(issue("bad-prior", at, `"${p.id}": gsd must be ≥ 1, not ${p.gsd}.`));
    if (p.lower !== undefined && p.upper !== undefined && !(p.lower < p.upper))
      issues.push(
        issue("bad-prior", at, `"${p.id}": truncation lower ${p.lower} is not below upper ${p.upper}.`),
      );
    if (ids.indexOf(p.id) !== k) issues.push(issue("duplicate-id", at, `"${p.id}" has two priors.`));
  });
  (priors.correlations ?? []).forEach((c, k) => {
    const at = `${path}.correlations[${k}]`;
    for (const id of [c.a, c.b])
      if (!ids.includes(id))
        issues.push(issue("unknown-id", at, `Correlation names "${id}", which has no prior.`));
    if (!(c.rho > -1 && c.rho < 1))
      issues.push(issue("bad-prior", at, `Correlation ${c.rho} is not in (−1, 1).`));
  });
  if (issues.length === 0 && !correlationFactor(priors)) {
    issues.push(
      issue(
        "not-positive-definite",
        `${path}.correlations`,
        "The correlations do not form a valid (positive-definite) correlation matrix.",
        { hint: "Weaken some correlations." },
      ),
    );
  }
  return issues;
}

function correlationFactor(priors: PopulationPriors): Float64Array | undefined {
  const n = priors.parameters.length;
  const ids = priors.parameters.map((p) => p.id);
  const R = new Float64Array(n * n);
  for (let i = 0; i < n; i++) R[i * n + i] = 1;
  for (const c of priors.correlations ?? []) {
    const a = ids.indexOf(c.a);
    const b = ids.indexOf(c.b);
    R[a * n + b] = c.rho;
    R[b * n + a] = c.rho;
  }
  return cholesky(R, n) ? R : undefined;
}

/** A sampler; assumes validatePriors() found nothing. */
export function priorSampler(priors: PopulationPriors): PriorSampler {
  const ps = priors.parameters;
  const n = ps.length;
  const L = correlationFactor(priors)!;
  const mu = ps.map((p) => Math.log(p.median));
  const omega = ps.map(omegaOf);
  return {
    ids: ps.map((p) => p.id),
    sample(seed, member) {
      const rng = rngFor(seed, member);
      const out = new Float64Array(n);
      const z = new Float64Array(n);
      for (let attempt = 0; attempt < 1000; attempt++) {
        for (let i = 0; i < n; i++) z[i] = rng.normal();
        let inside = true;
        for (let i = 0; i < n; i++) {
          let w = 0;
          for (let j = 0; j <= i; j++) w += L[i * n + j] * z[j];
          out[i] = Math.exp(mu[i] + omega[i] * w);
          const p = ps[i];
          if ((p.lower !== undefined && out[i] < p.lower) || (p.upper !== undefined && out[i] > p.upper))
            inside = false;
        }
        if (inside) return out;
      }
      // truncation so tight that rejection fails: clamp (reported by the caller's summary)
      ps.forEach((p, i) => (out[i] = Math.min(p.upper ?? Infinity, Math.max(p.lower ?? 0, out[i]))));
      return out;
    },
  };
}
