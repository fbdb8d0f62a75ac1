/**
 * Figures of stored runs: the Vega-Lite spec the browser embeds as-is (format=json), or the
 * same spec rendered to SVG/PNG by the report layer (in the worker pool); and the comparison CSV.
 */
import type { FastifyInstance } from "fastify";
import { chartSpecOf, compareCsvOf, docOf } from "../charts.js";
import { HttpError } from "../errors.js";
import { displayTime } from "../../report/labels.js";
import type { RunManager, RunView } from "../runs/manager.js";
import type { RunPool } from "../runs/pool.js";
import { runOr404 } from "./runs.js";

const FORMATS = ["json", "svg", "png"] as const;
type Format = (typeof FORMATS)[number];
const MAX_RUNS = 12;

function idsOf(s: string | undefined, name: string): string[] {
  const ids = (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  if (name === "runs" && ids.length === 0)
    throw new HttpError(400, "bad-query", "Name the runs to draw: ?runs=<id>,<id> (ids from GET /api/runs).");
  if (name === "runs" && ids.length > MAX_RUNS)
    throw new HttpError(400, "bad-query", `At most ${MAX_RUNS} runs in one figure; got ${ids.length}.`);
  return ids;
}

function withResults(manager: RunManager, ids: readonly string[]): RunView[] {
  const runs = ids.map((id) => runOr404(manager, id));
  const missing = runs.filter((r) => !docOf(r));
  if (missing.length > 0)
    throw new HttpError(
      409,
      "no-result",
      `No result yet for ${missing.map((r) => `${r.id} (${r.status})`).join(", ")}; wait until it is done.`,
    );
  return runs;
}

export function chartRoutes(app: FastifyInstance, manager: RunManager, pool: RunPool): void {
  const draw = async (
    ids: string[],
    observables: string[],
    format: string | undefined,
    reply: import("fastify").FastifyReply,
  ) => {
    const f = (format ?? "json") as Format;
    if (!FORMATS.includes(f))
      throw new HttpError(400, "bad-query", `Unknown format "${format}". Use json, svg or png.`);
    const runs = withResults(manager, ids);
    const spec = chartSpecOf(runs, observables);
    if (f === "json") {
      // the chart reads long runs in days or weeks: the browser maps hovered times back to model time
      const docs = runs.map((r) => docOf(r)!);
      const ts = docs.flatMap((d) => (d.t.length > 0 ? [d.t[0], d.t[d.t.length - 1]] : []));
      const span = ts.length > 0 ? Math.max(...ts) - Math.min(...ts) : 0;
      const shown = displayTime(span, docs[0].time_unit);
      return reply.send({
        spec,
        time_factor: shown.factor,
        time_unit: shown.unit,
        model_time_unit: docs[0].time_unit,
      });
    }
    const bytes = await pool.render({ kind: "render", spec, format: f });
    const name = runs.length === 1 ? runs[0].name : "comparison";
    return reply
      .type(f === "svg" ? "image/svg+xml" : "image/png")
      .header("content-disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]+/g, "_")}.${f}"`)
      .send(bytes);
  };

  app.get<{ Querystring: { runs?: string; observables?: string; format?: string } }>(
    "/api/charts",
    async (req, reply) =>
      draw(
        idsOf(req.query.runs, "runs"),
        idsOf(req.query.observables, "observables"),
        req.query.format,
        reply,
      ),
  );
  app.get<{ Params: { id: string }; Querystring: { observables?: string; format?: string } }>(
    "/api/runs/:id/chart",
    async (req, reply) =>
      draw([req.params.id], idsOf(req.query.observables, "observables"), req.query.format, reply),
  );
  app.get<{ Querystring: { runs?: string } }>("/api/compare.csv", async (req, reply) => {
    const runs = withResults(manager, idsOf(req.query.runs, "runs"));
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="comparison.csv"')
      .send(compareCsvOf(runs));
  });
}
