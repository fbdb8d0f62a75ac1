/** Drug doses of the scenario: drug (the model's catalogue, for this organism), amount, route, time. */
import type { Drug } from "../api";
import type { DoseRow } from "./state";

interface Props {
  drugs: readonly Drug[];
  organism: string;
  doses: DoseRow[];
  onChange: (d: DoseRow[]) => void;
}

export function DosesEditor({ drugs, organism, doses, onChange }: Props) {
  const usable = drugs.filter((d) => d.organisms.includes(organism));
  const set = (i: number, patch: Partial<DoseRow>) =>
    onChange(doses.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const add = () => {
    const d = usable[0];
    if (!d) return;
    onChange([
      ...doses,
      {
        drug: d.id,
        amount: 1,
        unit: d.units.includes("ug") ? "ug" : d.units[0],
        route: d.routes[0],
        at: 0,
        duration: 1,
      },
    ]);
  };
  return (
    <fieldset class="doses">
      <legend>Drugs</legend>
      {doses.length === 0 && <p class="muted">No drug given.</p>}
      {doses.map((d, i) => {
        const drug = drugs.find((x) => x.id === d.drug);
        const wrongOrganism = drug && !drug.organisms.includes(organism);
        return (
          <div class="dose-row" data-testid="dose-row" key={i}>
            <select
              aria-label="drug"
              value={d.drug}
              title={drug?.description}
              onChange={(e) => {
                const nd = drugs.find((x) => x.id === e.currentTarget.value)!;
                set(i, {
                  drug: nd.id,
                  unit: nd.units.includes(d.unit) ? d.unit : nd.units[0],
                  route: nd.routes.includes(d.route) ? d.route : nd.routes[0],
                });
              }}
            >
              {drugs.map((x) => (
                <option value={x.id} key={x.id} disabled={!x.organisms.includes(organism)}>
                  {x.name}
                </option>
              ))}
            </select>
            <input
              aria-label="amount"
              type="number"
              min="0"
              step="any"
              value={d.amount}
              onInput={(e) => set(i, { amount: Number(e.currentTarget.value) })}
            />
            <select
              aria-label="dose unit"
              value={d.unit}
              onChange={(e) => set(i, { unit: e.currentTarget.value })}
            >
              {(drug?.units ?? [d.unit]).map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
            <select
              aria-label="route"
              value={d.route}
              onChange={(e) => set(i, { route: e.currentTarget.value })}
            >
              {(drug?.routes ?? [d.route]).map((r) => (
                <option key={r} value={r}>
                  {r === "iv_infusion"
                    ? "i.v. infusion"
                    : r.replace(/^(iv|sc|ip)$/, (x) => x.split("").join(".") + ".")}
                </option>
              ))}
            </select>
            <label>
              at{" "}
              <input
                aria-label="dose time (h)"
                type="number"
                step="any"
                value={d.at}
                onInput={(e) => set(i, { at: Number(e.currentTarget.value) })}
              />{" "}
              h
            </label>
            {d.route === "iv_infusion" && (
              <label>
                over{" "}
                <input
                  aria-label="infusion duration (h)"
                  type="number"
                  min="0"
                  step="any"
                  value={d.duration}
                  onInput={(e) => set(i, { duration: Number(e.currentTarget.value) })}
                />{" "}
                h
              </label>
            )}
            <button
              type="button"
              class="icon"
              title="remove this dose"
              onClick={() => onChange(doses.filter((_, k) => k !== i))}
            >
              ×
            </button>
            {wrongOrganism && <span class="warn">not active in {organism}</span>}
          </div>
        );
      })}
      <button type="button" data-testid="add-dose" onClick={add} disabled={usable.length === 0}>
        + add a dose
      </button>
    </fieldset>
  );
}
