/**
 * The scenario builder: everything comes from the model's catalogues (organisms, injuries and
 * their parameters, drugs, genotypes, observables, named scenarios), so a model that gains an
 * injury or a scenario shows it here without a change to this file.
 */
import type { Issue, ModelCatalogue, Parameter } from "../api";
import { DosesEditor } from "./doses";
import { OverridesEditor } from "./overrides";
import type { BuilderState } from "./state";

interface Props {
  model: ModelCatalogue;
  state: BuilderState;
  parameters: readonly Parameter[];
  issues: readonly Issue[];
  busy: boolean;
  onChange: (s: BuilderState) => void;
  onLoadNamed: (id: string) => void;
  onRun: () => void;
  onValidate: () => void;
  onDownloadYaml: () => void;
}

export function Builder(p: Props) {
  const { model: m, state: s, onChange } = p;
  const set = (patch: Partial<BuilderState>) => onChange({ ...s, ...patch });
  const injury = s.injury ? m.injuries.find((i) => i.id === s.injury!.id) : undefined;
  // the chosen observables first (in their order), then the others
  const usable = m.observables.filter((o) => o.organisms.includes(s.organism));
  const observables = [
    ...s.observables.flatMap((id) => usable.filter((o) => o.id === id)),
    ...usable.filter((o) => !s.observables.includes(o.id)),
  ];
  return (
    <form
      class="builder"
      data-testid="builder"
      onSubmit={(e) => {
        e.preventDefault();
        p.onRun();
      }}
    >
      <label class="row">
        Start from
        <select
          aria-label="named scenario"
          data-testid="named-scenario"
          value=""
          onChange={(e) => e.currentTarget.value && p.onLoadNamed(e.currentTarget.value)}
        >
          <option value="">a named scenario…</option>
          {m.scenarios.map((x) => (
            <option value={x.id} key={x.id} title={x.mirrors}>
              {x.id} — {x.description}
            </option>
          ))}
        </select>
      </label>
      <label class="row">
        Name{" "}
        <input
          aria-label="scenario name"
          data-testid="scenario-name"
          value={s.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </label>
      <div class="row">
        <label>
          Organism{" "}
          <select
            aria-label="organism"
            data-testid="organism"
            value={s.organism}
            onChange={(e) => set({ organism: e.currentTarget.value })}
          >
            {m.organisms.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Duration{" "}
          <input
            aria-label="duration"
            data-testid="end"
            type="number"
            min="0"
            step="any"
            value={s.end}
            onInput={(e) => set({ end: Number(e.currentTarget.value) })}
          />
          <select
            aria-label="duration unit"
            value={s.endUnit}
            onChange={(e) => set({ endUnit: e.currentTarget.value as "h" | "d" })}
          >
            <option value="h">h</option>
            <option value="d">d</option>
          </select>
        </label>
      </div>

      <fieldset>
        <legend>Injury</legend>
        <select
          aria-label="injury"
          data-testid="injury"
          value={s.injury?.id ?? ""}
          onChange={(e) => {
            const inj = m.injuries.find((i) => i.id === e.currentTarget.value);
            set({
              injury: inj
                ? {
                    id: inj.id,
                    at: 0,
                    params: Object.fromEntries(inj.params.map((q) => [q.name, defaultValue(q)])),
                  }
                : null,
            });
          }}
        >
          <option value="">none</option>
          {m.injuries.map((i) => (
            <option value={i.id} key={i.id} title={i.description}>
              {i.id.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        {m.injuries.length === 0 && <span class="muted"> (this model version has no injuries yet)</span>}
        {s.injury && injury && (
          <div class="injury-params">
            <label>
              at{" "}
              <input
                aria-label="injury time (h)"
                type="number"
                step="any"
                value={s.injury.at}
                onInput={(e) => set({ injury: { ...s.injury!, at: Number(e.currentTarget.value) } })}
              />{" "}
              h
            </label>
            {injury.params.map((q) => (
              <label key={q.name} title={q.description}>
                {q.name.replace(/_/g, " ")}{" "}
                <input
                  aria-label={q.name}
                  type="number"
                  step="any"
                  min={q.min}
                  max={q.max}
                  value={s.injury!.params[q.name]}
                  onInput={(e) =>
                    set({
                      injury: {
                        ...s.injury!,
                        params: { ...s.injury!.params, [q.name]: Number(e.currentTarget.value) },
                      },
                    })
                  }
                />{" "}
                {q.unit !== "1" ? q.unit : ""}{" "}
                <span class="muted">
                  ({q.min}–{q.max})
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <DosesEditor
        drugs={m.drugs}
        organism={s.organism}
        doses={s.doses}
        onChange={(doses) => set({ doses })}
      />

      <fieldset class="genotypes">
        <legend>Genotype</legend>
        {m.genotypes.map((g) => (
          <label key={g.id} title={g.description} class="check">
            <input
              type="checkbox"
              checked={s.genotype.includes(g.id)}
              onChange={(e) =>
                set({
                  genotype: e.currentTarget.checked
                    ? [...s.genotype, g.id]
                    : s.genotype.filter((x) => x !== g.id),
                })
              }
            />
            {g.id}
          </label>
        ))}
      </fieldset>

      <OverridesEditor
        parameters={p.parameters}
        overrides={s.overrides}
        onChange={(overrides) => set({ overrides })}
      />

      <fieldset class="observables">
        <legend>
          Observables{" "}
          <span class="muted small">
            ({s.observables.length} of {usable.length})
          </span>
        </legend>
        <div class="observable-list">
          {observables.map((o) => (
            <label key={o.id} title={`${o.description} (${o.unit})`} class="check">
              <input
                type="checkbox"
                checked={s.observables.includes(o.id)}
                onChange={(e) =>
                  set({
                    observables: e.currentTarget.checked
                      ? [...s.observables, o.id]
                      : s.observables.filter((x) => x !== o.id),
                  })
                }
              />
              {o.id}
            </label>
          ))}
        </div>
        <label>
          output every{" "}
          <input
            aria-label="output step"
            placeholder="default"
            value={s.every}
            onInput={(e) => set({ every: e.currentTarget.value })}
          />
        </label>
      </fieldset>

      {p.issues.length > 0 && (
        <ul class="issues" data-testid="issues" role="alert">
          {p.issues.map((i, k) => (
            <li key={k} class={i.severity}>
              <b>{i.path}</b>: {i.message} {i.hint && <span class="hint">{i.hint}</span>}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="submit" class="primary" data-testid="run" disabled={p.busy}>
          Run
        </button>
        <button type="button" onClick={p.onValidate}>
          Check
        </button>
        <button type="button" onClick={p.onDownloadYaml} title="the scenario as a file for il6sim run">
          Scenario YAML
        </button>
      </div>
    </form>
  );
}

function defaultValue(q: { min: number; max: number; unit: string }): number {
  if (q.unit === "1" && q.max <= 1) return Number(Math.min(q.max, Math.max(q.min, 0.7)).toFixed(2));
  return q.min > 0 ? q.min : Number(((q.min + q.max) / 2).toPrecision(2));
}
