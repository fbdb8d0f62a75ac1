/** Parameter overrides: pick a parameter, give a value in its own unit; its default and source are shown. */
import type { Parameter } from "../api";
import type { Override } from "./state";

interface Props {
  parameters: readonly Parameter[];
  overrides: Override[];
  onChange: (o: Override[]) => void;
}

export function OverridesEditor({ parameters, overrides, onChange }: Props) {
  const byId = new Map(parameters.map((p) => [p.id, p]));
  const set = (i: number, patch: Partial<Override>) =>
    onChange(overrides.map((o, k) => (k === i ? { ...o, ...patch } : o)));
  return (
    <fieldset class="overrides">
      <legend>Parameter overrides</legend>
      <datalist id="parameter-ids">
        {parameters.map((p) => (
          <option value={p.id} key={p.id}>
            {p.name ?? ""}
          </option>
        ))}
      </datalist>
      {overrides.map((o, i) => {
        const p = byId.get(o.id);
        return (
          <div class="override-row" data-testid="override-row" key={i}>
            <input
              aria-label="parameter id"
              list="parameter-ids"
              value={o.id}
              placeholder="parameter id"
              onChange={(e) => {
                const q = byId.get(e.currentTarget.value);
                set(i, { id: e.currentTarget.value, ...(q && o.value === 0 ? { value: q.value } : {}) });
              }}
            />
            <input
              aria-label="parameter value"
              type="number"
              step="any"
              value={o.value}
              onInput={(e) => set(i, { value: Number(e.currentTarget.value) })}
            />
            <span class="unit">{p?.unit ?? ""}</span>
            <button
              type="button"
              class="icon"
              title="remove this override"
              onClick={() => onChange(overrides.filter((_, k) => k !== i))}
            >
              ×
            </button>
            <div class="source">
              {p ? (
                <>
                  default {fmt(p.value)} {p.unit}
                  {p.provenance ? ` · source: ${p.provenance.source}` : ""}
                  {p.provenance?.confidence && p.provenance.confidence !== p.provenance.source
                    ? ` (${p.provenance.confidence})`
                    : ""}
                </>
              ) : o.id ? (
                <span class="warn">unknown parameter</span>
              ) : null}
            </div>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...overrides, { id: "", value: 0 }])}>
        + override a parameter
      </button>
    </fieldset>
  );
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}
