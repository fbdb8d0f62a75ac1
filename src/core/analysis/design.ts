/**
 * Factors of a global sensitivity analysis: each a parameter with a range, sampled uniformly on
 * a linear or log scale. Points are built in the unit hypercube and mapped to values here.
 */
import { type Issue, issue } from "../issues.js";

export interface Factor {
  readonly id: string;
  readonly lower: number;
  readonly upper: number;
  /** "log": uniform in ln p (for rate constants spanning decades). */
  readonly scale: "lin" | "log";
}

export function validateFactors(factors: readonly Factor[], path = "factors"): Issue[] {
  const issues: Issue[] = [];
  if (factors.length === 0) issues.push(issue("no-factors", path, "No parameters to vary."));
  factors.forEach((f, k) => {
    if (!(f.lower < f.upper))
      issues.push(
        issue("bad-range", `${path}[${k}]`, `"${f.id}": lower ${f.lower} is not below upper ${f.upper}.`),
      );
    if (f.scale === "log" && !(f.lower > 0))
      issues.push(
        issue(
          "log-scale-nonpositive",
          `${path}[${k}]`,
          `"${f.id}" is sampled on a log scale but its lower bound is ${f.lower}.`,
        ),
      );
  });
  return issues;
}

/** Map z in [0,1] to the factor's value. */
export function factorValue(f: Factor, z: number): number {
  return f.scale === "log"
    ? Math.exp(Math.log(f.lower) + z * (Math.log(f.upper) - Math.log(f.lower)))
    : f.lower + z * (f.upper - f.lower);
}

/** Range around a nominal value: ×/÷ fold on a log scale (default 2-fold, as is common for rate constants). */
export function foldRange(id: string, nominal: number, fold = 2): Factor {
  return { id, lower: nominal / fold, upper: nominal * fold, scale: "log" };
}

/** A model of the analyses: values of the factors -> outputs (NaN for a failed run). */
export type VectorModel = (values: Float64Array) => number[];
