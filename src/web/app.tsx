/**
 * The il6sim web app: scenario builder on the left; runs, the figure, the IL-6 system diagram,
 * the parameter table and the validation report on the right. All numbers come from the API;
 * this file only keeps the page's state and wires the panels together.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  api,
  ApiError,
  type Fluxes,
  type Issue,
  type ModelCatalogue,
  type Parameter,
  type RunSummary,
} from "./api";
import { Builder } from "./builder/builder";
import { blankState, type BuilderState, fromScenario, toScenario } from "./builder/state";
import { Diagram } from "./diagram";
import { Downloads, saveText } from "./downloads";
import { ParameterTable } from "./parameters";
import { Plot } from "./plot";
import { RunList } from "./runs";
import { ValidationReport } from "./validation";

export function App() {
  const [models, setModels] = useState<{ id: string; description: string }[]>([]);
  const [model, setModel] = useState<ModelCatalogue | null>(null);
  const [state, setState] = useState<BuilderState | null>(null);
  const [parameters, setParameters] = useState<Parameter[]>([]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [notice, setNotice] = useState<{ text: string; kind: "error" | "info" } | null>(null);
  const [runs, setRuns] = useState<{ runs: RunSummary[]; total: number }>({ runs: [], total: 0 });
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const limit = useRef(50);
  const [tab, setTab] = useState<"parameters" | "validation">("parameters");
  const [flux, setFlux] = useState<{
    id: string;
    t: number[];
    unit: string;
    fluxes: Fluxes | null;
    drugs: string[];
    name: string;
  } | null>(null);
  const [fluxIndex, setFluxIndex] = useState(0);
  const streams = useRef(new Map<string, EventSource>());

  const fail = (e: unknown) => {
    setNotice({ text: e instanceof ApiError ? e.message : String(e), kind: "error" });
    if (e instanceof ApiError && e.issues.length > 0) setIssues([...e.issues]);
  };
  const refresh = () => api.runs(limit.current).then(setRuns, fail);

  useEffect(() => {
    api.models().then((r) => {
      setModels(r.models);
      if (r.models[0]) chooseModel(r.models[0].id);
    }, fail);
    void refresh();
  }, []);

  const chooseModel = (id: string) =>
    api.model(id).then((m) => {
      setModel(m);
      setState(blankState(m));
      setIssues([]);
    }, fail);

  useEffect(() => {
    if (model && state)
      api.parameters(model.id, state.organism).then((r) => setParameters(r.parameters), fail);
  }, [model?.id, state?.organism]);

  // runs started elsewhere (another tab, a script): poll while any is active
  const anyActive = runs.runs.some((r) => r.status === "queued" || r.status === "running");
  useEffect(() => {
    if (!anyActive) return;
    const h = setInterval(() => void refresh(), 1500);
    return () => clearInterval(h);
  }, [anyActive]);

  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const follow = (id: string) => {
    const before = selectedRef.current.join(",");
    const es = new EventSource(`/api/runs/${id}/events`);
    streams.current.set(id, es);
    const update = (ev: MessageEvent<string>, end: boolean) => {
      const d = JSON.parse(ev.data) as Pick<RunSummary, "id" | "status" | "progress">;
      setRuns((rs) => ({
        ...rs,
        runs: rs.runs.map((r) => (r.id === id ? { ...r, status: d.status, progress: d.progress } : r)),
      }));
      if (!end) return;
      es.close();
      streams.current.delete(id);
      void refresh();
      // show the new run, unless the person has picked runs to plot since it started
      if (d.status === "done") setSelected((now) => (now.join(",") === before ? [id] : now));
      else setNotice({ text: `Run ${id} ${d.status}.`, kind: "info" });
    };
    es.addEventListener("progress", (ev) => update(ev as MessageEvent<string>, false));
    es.addEventListener("end", (ev) => update(ev as MessageEvent<string>, true));
    es.onerror = () => {
      es.close();
      streams.current.delete(id);
      void refresh();
    };
  };
  useEffect(() => () => streams.current.forEach((es) => es.close()), []);

  const run = async () => {
    if (!model || !state) return;
    setBusy(true);
    setNotice(null);
    try {
      const r = await api.start(toScenario(state, model));
      setIssues(r.warnings ?? []);
      setRuns((rs) => ({ total: rs.total + 1, runs: [r, ...rs.runs] }));
      follow(r.id);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const validate = async (): Promise<string | null> => {
    if (!model || !state) return null;
    try {
      const r = await api.validate(toScenario(state, model));
      setIssues(r.warnings);
      setNotice({ text: "The scenario is valid.", kind: "info" });
      return r.yaml;
    } catch (e) {
      fail(e);
      return null;
    }
  };
  const loadNamed = (id: string) =>
    model && api.scenario(id).then((r) => (setState(fromScenario(r.scenario, model)), setIssues([])), fail);
  const loadRun = (id: string) =>
    api.run(id).then((r) => {
      const go = (m: ModelCatalogue) => (setState(fromScenario(r.scenario, m)), setIssues([]));
      if (model?.id === r.model_id) go(model);
      else api.model(r.model_id).then((m) => (setModel(m), go(m)), fail);
    }, fail);
  const cancel = (id: string) =>
    api.cancel(id).then(
      () => refresh(),
      (e: unknown) => (fail(e), refresh()),
    );

  // the diagram follows the last run ticked
  const diagramRun = selected[selected.length - 1];
  useEffect(() => {
    if (!diagramRun) return setFlux(null);
    Promise.all([api.fluxes(diagramRun), api.run(diagramRun)]).then(([f, r]) => {
      const timeline = (Array.isArray(r.scenario.timeline) ? r.scenario.timeline : []) as {
        dose?: { drug?: string };
      }[];
      const drugs = [...new Set(timeline.flatMap((e) => (e.dose?.drug ? [e.dose.drug] : [])))];
      setFlux({ id: diagramRun, t: f.t, unit: f.time_unit, fluxes: f.fluxes, drugs, name: r.name });
      setFluxIndex(0);
    }, fail);
  }, [diagramRun]);
  const onHover = (time: number | null) => {
    if (time === null || !flux) return;
    let best = 0;
    flux.t.forEach((x, k) => Math.abs(x - time) < Math.abs(flux.t[best] - time) && (best = k));
    setFluxIndex(best);
  };
  const statusKey = useMemo(
    () => selected.map((id) => runs.runs.find((r) => r.id === id)?.status ?? "").join(","),
    [selected, runs],
  );
  const drugCatalogue = model?.drugs ?? [];

  return (
    <div class="app">
      <header>
        <h1>il6sim</h1>
        <span class="tagline">IL-6 classic and trans-signalling in liver damage and regeneration</span>
        <label class="model-choice">
          model{" "}
          <select
            aria-label="model"
            value={model?.id ?? ""}
            onChange={(e) => chooseModel(e.currentTarget.value)}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id} title={m.description}>
                {m.id}
              </option>
            ))}
          </select>
          {model && <span class="muted small"> v{model.version}</span>}
        </label>
      </header>
      {notice && (
        <div
          class={`notice ${notice.kind}`}
          role={notice.kind === "error" ? "alert" : "status"}
          data-testid="notice"
        >
          {notice.text}
          <button type="button" class="icon" onClick={() => setNotice(null)} aria-label="dismiss">
            ×
          </button>
        </div>
      )}
      <main>
        <aside>
          <h2>Scenario</h2>
          {model && state ? (
            <Builder
              model={model}
              state={state}
              parameters={parameters}
              issues={issues}
              busy={busy}
              onChange={setState}
              onLoadNamed={loadNamed}
              onRun={run}
              onValidate={() => void validate()}
              onDownloadYaml={async () => {
                const yaml = await validate();
                if (yaml) saveText(yaml, `${state.name || "scenario"}.yaml`, "application/yaml");
              }}
            />
          ) : (
            <p class="muted">loading the model catalogue…</p>
          )}
        </aside>
        <section class="results">
          <div class="card">
            <h2>Runs</h2>
            <RunList
              runs={runs.runs}
              total={runs.total}
              selected={selected}
              onSelect={setSelected}
              onCancel={cancel}
              onLoad={loadRun}
              onMore={() => {
                limit.current += 50;
                void refresh();
              }}
            />
          </div>
          <div class="card">
            <div class="card-head">
              <h2>{selected.length > 1 ? `${selected.length} runs overlaid` : "Time courses"}</h2>
              <Downloads runIds={selected} />
            </div>
            <Plot runIds={selected} version={statusKey} onHover={onHover} />
          </div>
          <div class="card">
            <h2>IL-6 system</h2>
            <Diagram
              fluxes={flux?.fluxes ?? null}
              t={flux?.t ?? []}
              timeUnit={flux?.unit ?? ""}
              index={fluxIndex}
              onIndex={setFluxIndex}
              drugs={drugCatalogue.filter((d) => flux?.drugs.includes(d.id))}
              runName={flux?.name ?? ""}
            />
          </div>
          <div class="card">
            <div class="tabs" role="tablist">
              <button
                type="button"
                role="tab"
                aria-selected={tab === "parameters"}
                onClick={() => setTab("parameters")}
              >
                Parameters and sources
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === "validation"}
                onClick={() => setTab("validation")}
              >
                Validation report
              </button>
            </div>
            {model && state && tab === "parameters" && (
              <ParameterTable
                parameters={parameters}
                organism={state.organism}
                overrides={Object.fromEntries(state.overrides.map((o) => [o.id, o.value]))}
              />
            )}
            {model && state && tab === "validation" && (
              <ValidationReport model={model.id} organism={state.organism} />
            )}
          </div>
        </section>
      </main>
    </div>
  );
}
