/**
 * What can be named, read from the model registry: models with their catalogues, named
 * scenarios, observables, drugs, genotypes, injuries, parameters with provenance, SBML export,
 * and each model's validation report (computed in the worker pool, then kept per model version).
 */
import type { FastifyInstance } from "fastify";
import { exportSbml } from "../../io/sbml/export/index.js";
import { toScenarioFile, toScenarioYaml } from "../../io/scenario-file/index.js";
import { libraryModels, modelById } from "../../models/registry.js";
import type { LibraryModel, ValidationRow } from "../../models/types.js";
import { didYouMean } from "../../io/scenario-file/sink.js";
import { HttpError, notFound } from "../errors.js";
import type { RunPool } from "../runs/pool.js";

type Q = { model?: string; organism?: string; genotype?: string };

export function modelOr404(id: string): LibraryModel {
  const m = modelById(id);
  if (!m.ok)
    throw notFound(
      "model",
      id,
      didYouMean(
        id,
        libraryModels().map((x) => x.id),
        "model",
      ),
    );
  return m.model;
}

function models(q: Q): readonly LibraryModel[] {
  return q.model ? [modelOr404(q.model)] : libraryModels();
}

function organismOf(m: LibraryModel, organism: string | undefined): string {
  const o = organism ?? m.organisms[0];
  if (!m.organisms.includes(o))
    throw new HttpError(
      400,
      "unknown-organism",
      `Unknown organism "${o}" for ${m.id}. ${didYouMean(o, m.organisms, "organism")}`,
    );
  return o;
}

function genotypeOf(q: Q): string[] {
  return (q.genotype ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function networkOr400(m: LibraryModel, organism: string, genotype: readonly string[]) {
  const net = m.network(organism, genotype);
  if (!net.ok)
    throw new HttpError(400, "invalid-model-choice", net.issues.map((i) => i.message).join(" "), {
      issues: net.issues,
    });
  return net.network;
}

const scenarioRow = (m: LibraryModel, s: LibraryModel["scenarios"][number]) => ({
  id: s.id,
  model: m.id,
  organism: s.scenario.organism ?? m.organisms[0],
  description: s.description,
  mirrors: s.mirrors,
});

export function catalogue(m: LibraryModel) {
  return {
    id: m.id,
    version: m.version,
    description: m.description,
    time_unit: m.timeUnit,
    organisms: m.organisms,
    genotypes: m.genotypes,
    drugs: m.drugs,
    injuries: m.injuries,
    observables: m.observables.map((o) => ({
      id: o.id,
      unit: o.unit,
      description: o.description,
      organisms: o.organisms ?? m.organisms,
    })),
    default_observables: m.defaultObservables,
    scenarios: m.scenarios.map((s) => scenarioRow(m, s)),
  };
}

export function catalogRoutes(app: FastifyInstance, pool: RunPool): void {
  app.get("/api/models", async () => ({
    models: libraryModels().map((m) => ({
      id: m.id,
      version: m.version,
      description: m.description,
      organisms: m.organisms,
      time_unit: m.timeUnit,
    })),
  }));
  app.get<{ Params: { model: string } }>("/api/models/:model", async (req) =>
    catalogue(modelOr404(req.params.model)),
  );

  app.get<{ Querystring: Q }>("/api/scenarios", async (req) => ({
    scenarios: models(req.query).flatMap((m) =>
      m.scenarios
        .map((s) => scenarioRow(m, s))
        .filter((s) => !req.query.organism || s.organism === req.query.organism),
    ),
  }));
  app.get<{ Params: { id: string } }>("/api/scenarios/:id", async (req) => {
    const all = libraryModels().flatMap((m) => m.scenarios.map((s) => ({ m, s })));
    const hit = all.find((x) => x.s.id === req.params.id);
    if (!hit)
      throw notFound(
        "named scenario",
        req.params.id,
        didYouMean(
          req.params.id,
          all.map((x) => x.s.id),
          "scenario",
        ),
      );
    return {
      ...scenarioRow(hit.m, hit.s),
      scenario: toScenarioFile(hit.s.scenario, hit.m.timeUnit),
      yaml: toScenarioYaml(hit.s.scenario, hit.m.timeUnit),
    };
  });

  const list = (name: string, rows: (m: LibraryModel, organism?: string) => unknown[]) =>
    app.get<{ Querystring: Q }>(`/api/${name}`, async (req) => ({
      [name]: models(req.query).flatMap((m) => rows(m, req.query.organism)),
    }));
  list("observables", (m, org) =>
    m.observables
      .filter((o) => !org || !o.organisms || o.organisms.includes(org))
      .map((o) => ({
        id: o.id,
        unit: o.unit,
        model: m.id,
        description: o.description,
        organisms: o.organisms ?? m.organisms,
      })),
  );
  list("drugs", (m, org) =>
    m.drugs.filter((d) => !org || d.organisms.includes(org)).map((d) => ({ ...d, model: m.id })),
  );
  list("genotypes", (m) => m.genotypes.map((g) => ({ ...g, model: m.id })));
  list("injuries", (m) => m.injuries.map((i) => ({ ...i, model: m.id })));

  app.get<{ Params: { model: string }; Querystring: Q }>("/api/models/:model/parameters", async (req) => {
    const m = modelOr404(req.params.model);
    const organism = organismOf(m, req.query.organism);
    const net = networkOr400(m, organism, genotypeOf(req.query));
    return {
      model: m.id,
      version: m.version,
      organism,
      parameters: net.parameters.map((p) => ({
        id: p.id,
        ...(p.name ? { name: p.name } : {}),
        value: p.value,
        unit: p.unit ?? "",
        constant: p.constant,
        ...(p.provenance ? { provenance: p.provenance } : {}),
      })),
    };
  });

  app.get<{ Params: { model: string }; Querystring: Q }>("/api/models/:model/sbml", async (req, reply) => {
    const m = modelOr404(req.params.model);
    const organism = organismOf(m, req.query.organism);
    const genotype = genotypeOf(req.query);
    const xml = exportSbml(networkOr400(m, organism, genotype)).xml;
    const name = [m.id, organism, ...genotype].join("_");
    return reply
      .type("application/sbml+xml; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}.xml"`)
      .send(xml.endsWith("\n") ? xml : `${xml}\n`);
  });

  const validations = new Map<string, Promise<ValidationRow[]>>();
  app.get<{ Params: { model: string }; Querystring: Q }>("/api/models/:model/validation", async (req) => {
    const m = modelOr404(req.params.model);
    if (req.query.organism !== undefined) organismOf(m, req.query.organism);
    const key = `${m.id}@${m.version}|${req.query.organism ?? ""}`;
    let p = validations.get(key);
    if (!p) {
      p = pool
        .validate({
          kind: "validate",
          model: m.id,
          ...(req.query.organism ? { organism: req.query.organism } : {}),
        })
        .then((o) => [...o.rows]);
      validations.set(key, p);
      p.catch(() => validations.delete(key));
    }
    const rows = (await p).map((r) => ({ model: m.id, ...r }));
    const passed = rows.filter((r) => r.pass).length;
    return { rows, passed, failed: rows.length - passed };
  });
}
