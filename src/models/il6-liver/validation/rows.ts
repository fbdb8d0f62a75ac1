/** Building validation rows: a band check that says what was expected and what was simulated. */
import type { ValidationRow } from "../../types.js";

export interface Band {
  readonly lo: number;
  readonly hi: number;
}

export const within = (x: number, b: Band): boolean => Number.isFinite(x) && x >= b.lo && x <= b.hi;

/** Round for display without hiding what was computed. */
export const sig = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);

export function bandRow(
  r: Omit<ValidationRow, "pass" | "simulated" | "expected"> & { expected?: string },
  value: number,
  band: Band,
): ValidationRow {
  const expected = r.expected ?? `${band.lo}-${band.hi} ${r.unit}`;
  return { ...r, expected, simulated: sig(value), pass: within(value, band) };
}

/** A row whose check failed to run: reported as failing, with the reason. */
export function errorRow(id: string, organism: string, observation: string, source: string, err: unknown): ValidationRow {
  return {
    id,
    organism,
    observation,
    source,
    expected: "-",
    simulated: "error",
    unit: "",
    pass: false,
    note: err instanceof Error ? err.message : String(err),
  };
}

/** When a row fails, say why and what in the biology or the data would fix it. */
export function ifFailing(row: ValidationRow, why: string): ValidationRow {
  return row.pass ? row : { ...row, note: `${row.note ? `${row.note}. ` : ""}Why it fails: ${why}` };
}
