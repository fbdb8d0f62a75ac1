/**
 * BDF step-size and order selection after an accepted step (CVODE's cvPrepareNextStep,
 * cvComputeEtaqm1/qp1, cvChooseEta): the step ratio each order q − 1, q, q + 1 would allow
 * from its local error estimate, with CVODE's bias factors favouring the current order.
 */
import { type BdfCoefficients } from "./nordsieck.js";
import type { Norm } from "./block-norm.js";
import { wrmsNorm } from "./norms.js";

const ADDON = 1e-6;
const BIAS1 = 6;
const BIAS2 = 6;
const BIAS3 = 10;
/** Step changes below this ratio are not worth the history rescaling (CVODE's THRESH). */
export const THRESH = 1.5;

/** Step ratio allowed at the current order q from the scaled error dsm (≤ 1 when accepted). */
export function etaq(dsm: number, q: number): number {
  return 1 / (Math.pow(BIAS2 * dsm, 1 / (q + 1)) + ADDON);
}

/**
 * Order for the next step and its step ratio: the largest of the ratios at q − 1 (from the
 * top history column), q, and q + 1 (from the difference of the last two corrections, saved
 * in zn[qmax]); below THRESH nothing changes. For an increase the correction is saved into
 * zn[qmax] as cvIncreaseBDF needs it. `tempv` is scratch; the choice goes into `out` (no
 * allocation per step).
 */
export function chooseOrder(
  zn: Float64Array[],
  c: BdfCoefficients,
  q: number,
  qmax: number,
  h: number,
  dsm: number,
  savedTq5: number,
  acor: Float64Array,
  ewt: Float64Array,
  tempv: Float64Array,
  out: { q: number; eta: number },
  norm: Norm = wrmsNorm,
): void {
  const { tq, tau } = c;
  const n = acor.length;
  const L = q + 1;
  const eq = etaq(dsm, q);
  let eqm1 = 0;
  if (q > 1) {
    const ddn = norm(zn[q], ewt) * tq[1];
    eqm1 = 1 / (Math.pow(BIAS1 * ddn, 1 / q) + ADDON);
  }
  let eqp1 = 0;
  if (q !== qmax && savedTq5 !== 0) {
    const cquot = (tq[5] / savedTq5) * Math.pow(h / tau[2], L);
    const zq = zn[qmax];
    for (let i = 0; i < n; i++) tempv[i] = acor[i] - cquot * zq[i];
    const dup = norm(tempv, ewt) * tq[3];
    eqp1 = 1 / (Math.pow(BIAS3 * dup, 1 / (L + 1)) + ADDON);
  }
  const etam = Math.max(eqm1, eq, eqp1);
  out.q = q;
  out.eta = etam < THRESH ? 1 : eq;
  if (etam < THRESH || etam === eq) return;
  if (etam === eqm1) {
    out.q = q - 1;
    out.eta = eqm1;
    return;
  }
  zn[qmax].set(acor);
  out.q = q + 1;
  out.eta = eqp1;
}
