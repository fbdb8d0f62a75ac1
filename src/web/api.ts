/** The il6sim HTTP API as the browser sees it (docs/web.md): typed fetch helpers, errors with issues. */

export interface Issue {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

export interface Entry {
  readonly id: string;
  readonly description: string;
}
export interface Drug extends Entry {
  readonly name: string;
  readonly organisms: readonly string[];
  readonly routes: readonly string[];
  readonly units: readonly string[];
}
export interface InjuryParam {
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly description: string;
}
export interface Injury extends Entry {
  readonly params: readonly InjuryParam[];
}
export interface Observable extends Entry {
  readonly unit: string;
  readonly organisms: readonly string[];
}
export interface NamedScenario extends Entry {
  readonly model: string;
  readonly organism: string;
  readonly mirrors: string;
}
export interface ModelCatalogue {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly time_unit: string;
  readonly organisms: readonly string[];
  readonly genotypes: readonly Entry[];
  readonly drugs: readonly Drug[];
  readonly injuries: readonly Injury[];
  readonly observables: readonly Observable[];
  readonly default_observables: readonly string[];
  readonly scenarios: readonly NamedScenario[];
}
export interface Parameter {
  readonly id: string;
  readonly name?: string;
  readonly value: number;
  readonly unit: string;
  readonly provenance?: { readonly source: string; readonly confidence?: string; readonly note?: string };
}
export type ScenarioFile = Record<string, unknown>;

export type RunStatus = "queued" | "running" | "done" | "failed" | "cancelled";
export interface RunSummary {
  readonly id: string;
  readonly status: RunStatus;
  readonly progress: number;
  readonly name: string;
  readonly model_id: string;
  readonly model_version: string;
  readonly organism?: string;
  readonly created_at: string;
  readonly finished_at?: string;
  readonly message?: string;
  readonly stored: boolean;
  readonly parameters: Readonly<Record<string, number>>;
  readonly solver?: { method: string; steps: number; wall_ms: number };
}
export interface Fluxes {
  readonly unit: string;
  readonly cells: readonly { readonly id: string; readonly label: string }[];
  readonly routes: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
}
export interface ValidationRow {
  readonly id: string;
  readonly organism: string;
  readonly observation: string;
  readonly source: string;
  readonly expected: string;
  readonly simulated: number | string;
  readonly unit: string;
  readonly pass: boolean;
  readonly note?: string;
}

/** A refused request: the server's message and, for scenarios, every issue. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body !== undefined ? { "content-type": "application/json" } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, "The il6sim server does not answer. Is `il6sim serve` still running?");
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(res.status, `Unexpected answer from the server (${res.status}).`);
  }
  if (!res.ok) {
    const e = data as { message?: string; issues?: Issue[] };
    throw new ApiError(res.status, e.message ?? `Request failed (${res.status}).`, e.issues ?? []);
  }
  return data as T;
}

export const api = {
  models: () => call<{ models: { id: string; description: string }[] }>("GET", "/api/models"),
  model: (id: string) => call<ModelCatalogue>("GET", `/api/models/${encodeURIComponent(id)}`),
  parameters: (model: string, organism: string) =>
    call<{ parameters: Parameter[] }>(
      "GET",
      `/api/models/${encodeURIComponent(model)}/parameters?organism=${encodeURIComponent(organism)}`,
    ),
  validation: (model: string, organism: string) =>
    call<{ rows: ValidationRow[]; passed: number; failed: number }>(
      "GET",
      `/api/models/${encodeURIComponent(model)}/validation?organism=${encodeURIComponent(organism)}`,
    ),
  scenario: (id: string) =>
    call<{ scenario: ScenarioFile; yaml: string }>("GET", `/api/scenarios/${encodeURIComponent(id)}`),
  validate: (s: ScenarioFile) =>
    call<{ scenario: ScenarioFile; yaml: string; warnings: Issue[] }>("POST", "/api/scenarios/validate", s),
  start: (s: ScenarioFile) => call<RunSummary & { warnings: Issue[] }>("POST", "/api/runs", s),
  runs: (limit = 50) => call<{ runs: RunSummary[]; total: number }>("GET", `/api/runs?limit=${limit}`),
  run: (id: string) => call<RunSummary & { scenario: ScenarioFile }>("GET", `/api/runs/${id}?result=false`),
  cancel: (id: string) => call<RunSummary>("DELETE", `/api/runs/${id}`),
  fluxes: (id: string) =>
    call<{ t: number[]; time_unit: string; fluxes: Fluxes | null }>("GET", `/api/runs/${id}/fluxes`),
  chart: (ids: readonly string[], observables: readonly string[]) =>
    call<{ spec: Record<string, unknown>; time_factor: number; time_unit: string }>(
      "GET",
      `/api/charts?runs=${ids.join(",")}${observables.length ? `&observables=${observables.join(",")}` : ""}`,
    ),
  health: () =>
    call<{ status: string; store: { ok: boolean; error?: { message: string }; unsaved: number } }>(
      "GET",
      "/api/health",
    ),
};
