/**
 * Runs over HTTP: validate a scenario, start a run (202), poll it, stream its progress
 * (server-sent events), cancel it, list past runs, and fetch what it produced (JSON document,
 * CSV, scenario YAML, SBML of its model, fluxes for the diagram).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { stringify } from "yaml";
import { exportSbml } from "../../io/sbml/export/index.js";
import { HttpError, invalid, notFound } from "../errors.js";
import type { RunManager, RunView } from "../runs/manager.js";
import { type PrepareLimits, prepareScenario } from "../scenario.js";
import { docOf, runCsvOf } from "../charts.js";
import { FINISHED, RUN_STATUSES, type RunStatus } from "../store/runs.js";
import { modelOr404, networkOr400 } from "./catalog.js";

/** The contract's shape first: id, status, progress, result; then everything else. */
export function publicRun(v: RunView, withResult = true) {
  const { id, status, progress, result, fluxes: _f, ...rest } = v;
  return { id, status, progress, result: withResult ? (result ?? null) : undefined, ...rest };
}

export function runOr404(manager: RunManager, id: string): RunView {
  const v = manager.get(id);
  if (!v) throw notFound("run", id, "List runs with GET /api/runs.");
  return v;
}

function needResult(v: RunView): NonNullable<ReturnType<typeof docOf>> {
  const d = docOf(v);
  if (!d)
    throw new HttpError(
      409,
      "no-result",
      `Run ${v.id} is ${v.status} and has no result${v.message ? `: ${v.message}` : ""}.`,
      {
        status: v.status,
      },
    );
  return d;
}

function attachment(reply: FastifyReply, type: string, name: string): FastifyReply {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "run";
  return reply.type(type).header("content-disposition", `attachment; filename="${safe}"`);
}

export function runRoutes(app: FastifyInstance, manager: RunManager, limits: PrepareLimits): void {
  app.post("/api/scenarios/validate", async (req) => {
    const r = prepareScenario(req.body, limits, isText(req.headers["content-type"]));
    if (!r.ok) throw invalid(r.issues);
    return {
      ok: true,
      scenario: r.prepared.file,
      yaml: stringify(r.prepared.file, { lineWidth: 0, flowCollectionPadding: false }),
      warnings: r.prepared.warnings,
    };
  });

  app.post("/api/runs", async (req, reply) => {
    const r = prepareScenario(req.body, limits, isText(req.headers["content-type"]));
    if (!r.ok) throw invalid(r.issues);
    const v = manager.start(r.prepared);
    return reply
      .code(202)
      .header("location", `/api/runs/${v.id}`)
      .send({ ...publicRun(v), warnings: r.prepared.warnings });
  });

  app.get<{ Querystring: { limit?: string; offset?: string; status?: string; q?: string } }>(
    "/api/runs",
    async (req) => {
      const limit = intParam(req.query.limit, "limit", 50, 1, 500);
      const offset = intParam(req.query.offset, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
      const status = req.query.status;
      if (status !== undefined && !(RUN_STATUSES as readonly string[]).includes(status))
        throw new HttpError(
          400,
          "bad-query",
          `Unknown status "${status}". Use one of ${RUN_STATUSES.join(", ")}.`,
        );
      const page = manager.list({
        limit,
        offset,
        ...(status ? { status: status as RunStatus } : {}),
        ...(req.query.q ? { q: req.query.q } : {}),
      });
      return { ...page, limit, offset };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { result?: string } }>("/api/runs/:id", async (req) =>
    publicRun(runOr404(manager, req.params.id), req.query.result !== "false"),
  );

  app.delete<{ Params: { id: string } }>("/api/runs/:id", async (req, reply) => {
    const c = manager.cancel(req.params.id);
    if (!c.found) throw notFound("run", req.params.id, "List runs with GET /api/runs.");
    if (c.finished)
      throw new HttpError(
        409,
        "already-finished",
        `Run ${req.params.id} has already finished (${c.finished}); there is nothing to cancel.`,
        {
          status: c.finished,
        },
      );
    return reply.code(202).send({ ...publicRun(c.view, false), cancelling: true });
  });

  app.get<{ Params: { id: string } }>("/api/runs/:id/events", (req, reply) => {
    const first = runOr404(manager, req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    let last = "";
    const send = (v: RunView) => {
      const data = JSON.stringify({
        id: v.id,
        status: v.status,
        progress: v.progress,
        ...(v.message ? { message: v.message } : {}),
      });
      if (data === last) return;
      last = data;
      const end = (FINISHED as readonly string[]).includes(v.status);
      res.write(`event: ${end ? "end" : "progress"}\ndata: ${data}\n\n`);
      if (end) close();
    };
    const unsubscribe = manager.subscribe(first.id, send);
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    keepAlive.unref();
    let closed = false;
    function close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(keepAlive);
      res.end();
    }
    req.raw.on("close", close);
    send(first);
  });

  app.get<{ Params: { id: string } }>("/api/runs/:id/result.json", async (req, reply) => {
    const v = runOr404(manager, req.params.id);
    needResult(v);
    return attachment(reply, "application/json; charset=utf-8", `${v.name}-${v.id}.json`).send(
      JSON.stringify(v.result, null, 1),
    );
  });

  app.get<{ Params: { id: string } }>("/api/runs/:id/result.csv", async (req, reply) => {
    const v = runOr404(manager, req.params.id);
    needResult(v);
    return attachment(reply, "text/csv; charset=utf-8", `${v.name}-${v.id}.csv`).send(runCsvOf(v));
  });

  app.get<{ Params: { id: string } }>("/api/runs/:id/scenario.yaml", async (req, reply) => {
    const v = runOr404(manager, req.params.id);
    const yaml = stringify(v.scenario, { lineWidth: 0, flowCollectionPadding: false });
    return attachment(reply, "application/yaml; charset=utf-8", `${v.name}.yaml`).send(yaml);
  });

  app.get<{ Params: { id: string } }>("/api/runs/:id/fluxes", async (req) => {
    const v = runOr404(manager, req.params.id);
    const d = needResult(v);
    return { id: v.id, time_unit: d.time_unit, t: d.t, fluxes: v.fluxes ?? null };
  });

  app.get<{ Params: { id: string } }>("/api/runs/:id/sbml", async (req, reply) => {
    const v = runOr404(manager, req.params.id);
    const m = modelOr404(v.model_id);
    const genotype = Array.isArray(v.scenario.genotype) ? (v.scenario.genotype as string[]) : [];
    const net = networkOr400(m, v.organism ?? m.organisms[0], genotype);
    // the run's parameter overrides become the exported parameter values; the timeline is not SBML
    const withOverrides = {
      ...net,
      parameters: net.parameters.map((p) =>
        v.parameters[p.id] !== undefined ? { ...p, value: v.parameters[p.id] } : p,
      ),
    };
    const xml = exportSbml(withOverrides).xml;
    return attachment(reply, "application/sbml+xml; charset=utf-8", `${v.name}-${v.id}.xml`).send(
      xml.endsWith("\n") ? xml : `${xml}\n`,
    );
  });
}

/** Bodies sent as YAML (or plain text) are parsed by the scenario-file layer, with line numbers. */
export const TEXT_TYPES = [
  "application/yaml",
  "application/x-yaml",
  "text/yaml",
  "text/x-yaml",
  "text/plain",
];
const isText = (ct: string | undefined) => TEXT_TYPES.some((t) => (ct ?? "").toLowerCase().startsWith(t));

export function intParam(
  s: string | undefined,
  name: string,
  dflt: number,
  min: number,
  max: number,
): number {
  if (s === undefined || s === "") return dflt;
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HttpError(
      400,
      "bad-query",
      `"${name}" must be a whole number from ${min} to ${max}; got "${s}".`,
    );
  return n;
}
