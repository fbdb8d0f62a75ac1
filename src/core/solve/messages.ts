/**
 * The one place where numerical outcomes become text: what happened, where, which state, and
 * what to try. Tests check these sentences, so change them deliberately.
 */
import type { StatusCode } from "./types.js";

export interface OutcomeFacts {
  readonly status: StatusCode;
  readonly method: string;
  readonly implicit: boolean;
  readonly t: number;
  readonly t0: number;
  readonly tEnd: number;
  readonly h: number;
  readonly steps: number;
  readonly maxSteps: number;
  /** Name of the state that drove the failure, if known. */
  readonly state?: string;
  /** Value of that state when it is not finite. */
  readonly value?: number;
  /** Why a "terminated" run stopped. */
  readonly reason?: "event" | "cancelled";
}

export const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(2);
};

export function outcomeMessage(f: OutcomeFacts): string {
  const at = `t = ${fmt(f.t)}`;
  const who = f.state ?? "unknown";
  switch (f.status) {
    case "ok":
      return `Integrated from t = ${fmt(f.t0)} to ${fmt(f.tEnd)} with ${f.method} in ${f.steps} steps.`;
    case "terminated":
      return f.reason === "cancelled"
        ? `Stopped at ${at} because the run was cancelled.`
        : `Stopped at ${at} because an event asked the run to end.`;
    case "maxStepsReached":
      return (
        `Reached the limit of ${f.maxSteps} steps at ${at} of ${fmt(f.tEnd)} (step size ${fmt(f.h)}); ` +
        `state ${who} changes fastest. ` +
        (f.implicit
          ? `Raise maxSteps, loosen the tolerances, or check the rate laws of ${who} for fast oscillation.`
          : `Many small steps usually mean a stiff problem: try Rodas5P or BDF, or raise maxSteps.`)
      );
    case "stepSizeTooSmall":
      return (
        `Step size ${fmt(f.h)} at ${at} became too small; state ${who} changes fastest. ` +
        (f.implicit
          ? `Try looser tolerances, or check the rate laws of ${who} (a singularity or a blow-up in finite time).`
          : `Try a stiff method (Rodas5P or BDF), looser tolerances, or check the rate laws of ${who}.`)
      );
    case "newtonFailed":
      return (
        `The Newton iteration of ${f.method} did not converge at ${at} even with step size ${fmt(f.h)}; ` +
        `state ${who} had the largest correction. Check the Jacobian of ${who} (or leave it to finite ` +
        `differences), or try Rodas5P.`
      );
    case "nonFinite":
      return (
        `State ${who} became ${f.value === undefined ? "non-finite" : String(f.value)} at ${at} (step size ${fmt(f.h)}). ` +
        `Check the rate laws of ${who} for a division by zero, an overflow or a blow-up, and the parameter values.`
      );
    case "eventError":
      // raised by hybrid handlers (simulate layer), which write their own message
      return `An event could not be executed at ${at}.`;
  }
}
