/**
 * The HTTP API against the real server (the built CLI's `serve`, an ephemeral port, a real
 * SQLite file): catalogues, validation, runs from start to stored result, and every kind of
 * bad input the issue lists, each answered with a clear 4xx while the server keeps serving.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, quickScenario, ROOT, type Running, SLOW, startServer, waitFor } from "./helpers.js";

let s: Running;
beforeAll(async () => {
  s = await startServer(["--workers", "2"]);
}, SLOW);
afterAll(async () => {
  expect(await s.stop()).toBe(0);
}, SLOW);

describe("catalogues", { timeout: SLOW }, () => {
  it("health answers ok with the store's state and the limits", async () => {
    const r = await http(`${s.url}/api/health`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "ok", store: { ok: true, file: s.db, readonly: false } });
    expect(r.body.limits).toMatchObject({ max_body_bytes: 262144 });
  });

  it("lists models, scenarios, observables, drugs, genotypes and injuries from the registry", async () => {
    const models = await http<{ models: { id: string }[] }>(`${s.url}/api/models`);
    expect(models.body.models.map((m) => m.id)).toContain("il6-liver");
    const m = await http(`${s.url}/api/models/il6-liver`);
    expect(m.body).toMatchObject({ id: "il6-liver", time_unit: "h" });
    for (const name of ["scenarios", "observables", "drugs", "genotypes", "injuries"]) {
      const r = await http(`${s.url}/api/${name}?model=il6-liver`);
      expect(r.status, name).toBe(200);
      expect(Array.isArray(r.body[name]), name).toBe(true);
    }
    const drugs = await http<{ drugs: { id: string }[] }>(`${s.url}/api/drugs?organism=mouse`);
    expect(drugs.body.drugs.map((d) => d.id)).not.toContain("tocilizumab");
    const named = await http<{ scenario: { model: string }; yaml: string }>(
      `${s.url}/api/scenarios/mouse_il6_step`,
    );
    expect(named.body.scenario.model).toBe("il6-liver");
    expect(named.body.yaml).toContain("model: il6-liver");
  });

  it("gives parameters with their provenance, and SBML of a model", async () => {
    const p = await http<{ parameters: { id: string; provenance?: { source: string } }[] }>(
      `${s.url}/api/models/il6-liver/parameters?organism=mouse`,
    );
    expect(p.status).toBe(200);
    expect(p.body.parameters.length).toBeGreaterThan(50);
    expect(p.body.parameters.some((x) => x.provenance?.source)).toBe(true);
    const sbml = await http(`${s.url}/api/models/il6-liver/sbml?organism=human`);
    expect(sbml.status).toBe(200);
    expect(sbml.headers.get("content-type")).toContain("application/sbml+xml");
    expect(sbml.text).toContain("<sbml");
  });

  it("answers 404 for unknown models and scenarios, and 400 for an unknown organism", async () => {
    const m = await http(`${s.url}/api/models/il6-livr`);
    expect(m.status).toBe(404);
    expect(m.body.message).toContain('Did you mean "il6-liver"?');
    expect((await http(`${s.url}/api/scenarios/nope`)).status).toBe(404);
    expect((await http(`${s.url}/api/models/il6-liver/parameters?organism=dog`)).status).toBe(400);
    expect((await http(`${s.url}/api/nowhere`)).status).toBe(404);
  });
});

describe("scenarios and runs", { timeout: SLOW }, () => {
  it("validates a scenario: 200 with the resolved scenario, 400 with every issue", async () => {
    const ok = await http<{ scenario: Record<string, unknown>; yaml: string }>(
      `${s.url}/api/scenarios/validate`,
      { body: quickScenario() },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.scenario).toMatchObject({ model: "il6-liver", organism: "mouse", end: "12 h" });
    const bad = await http<{ issues: { path: string; code: string }[] }>(`${s.url}/api/scenarios/validate`, {
      body: { model: "il6-liver", organism: "mose", end: "12 x", output: { observables: ["serum_IL7"] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(expect.arrayContaining(["end", "organism"]));
  });

  it("refuses what the model refuses before simulating (a human drug in a mouse, unknown observables and parameters)", async () => {
    const r = await http<{ issues: { path: string; message: string }[] }>(`${s.url}/api/runs`, {
      body: {
        ...quickScenario(),
        parameters: { no_such_parameter: 1 },
        timeline: [{ at: "0 h", dose: { drug: "tocilizumab", amount: "8 mg/kg", route: "iv" } }],
        output: { observables: ["serum_IL7_pg_per_mL"] },
      },
    });
    expect(r.status).toBe(400);
    const paths = r.body.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["parameters.no_such_parameter", "output.observables[0]"]));
    expect(paths.some((p) => p.startsWith("timeline[0]"))).toBe(true);
  });

  it("runs a scenario: 202, progress, a result shaped like `run --format json`, stored in SQLite", async () => {
    const start = await http<{ id: string; status: string }>(`${s.url}/api/runs`, {
      body: quickScenario("api-run"),
    });
    expect(start.status).toBe(202);
    expect(start.headers.get("location")).toBe(`/api/runs/${start.body.id}`);
    const done = await waitFor(s.url, start.body.id);
    expect(done).toMatchObject({ id: start.body.id, status: "done", progress: 1, stored: true });
    const result = done.result as Record<string, unknown>;
    expect(Object.keys(result)).toEqual([
      "status",
      "scenario",
      "time_unit",
      "t",
      "observables",
      "units",
      "summary",
      "solver",
      "log",
    ]);
    // the same document as the CLI's, number for number
    const file = join(dirname(s.db), "api-run.json");
    writeFileSync(file, JSON.stringify(quickScenario("api-run")));
    const cli = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, "bin", "il6sim.js"), "run", file, "--format", "json"], {
        encoding: "utf8",
      }),
    );
    expect(result.observables).toEqual(cli.observables);
    expect(result.scenario).toEqual(cli.scenario);
    const row = new Database(s.db, { readonly: true })
      .prepare("SELECT status, model_version, scenario_json, result_json FROM runs WHERE id = ?")
      .get(start.body.id) as Record<string, string>;
    expect(row.status).toBe("done");
    expect(JSON.parse(row.result_json).t).toEqual(result.t);
    expect(JSON.parse(row.scenario_json)).toMatchObject({ model: "il6-liver", name: "api-run" });
  });

  it("serves a run's CSV, scenario YAML, SBML, fluxes and figures", async () => {
    const { body } = await http<{ id: string }>(`${s.url}/api/runs`, { body: quickScenario("files") });
    await waitFor(s.url, body.id);
    const csv = await http(`${s.url}/api/runs/${body.id}/result.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("time_h,serum_hyper_il6_ug_per_mL,hepatocyte_pSTAT3_nuclear_fraction");
    expect(lines).toHaveLength(26); // header + 0, 0.5, ..., 12 h
    const yaml = await http(`${s.url}/api/runs/${body.id}/scenario.yaml`);
    expect(yaml.text).toContain("name: files");
    expect((await http(`${s.url}/api/runs/${body.id}/sbml`)).text).toContain("<sbml");
    const fl = await http<{ t: number[]; fluxes: { routes: Record<string, Record<string, number[]>> } }>(
      `${s.url}/api/runs/${body.id}/fluxes`,
    );
    expect(Object.keys(fl.body.fluxes.routes)).toEqual(["classic", "trans", "hil6"]);
    expect(fl.body.fluxes.routes.hil6.hep).toHaveLength(fl.body.t.length);
    const spec = await http<{ spec: { $schema: string } }>(`${s.url}/api/runs/${body.id}/chart`);
    expect(spec.body.spec.$schema).toContain("vega-lite");
    const svg = await http(`${s.url}/api/charts?runs=${body.id}&format=svg`);
    expect(svg.status).toBe(200);
    expect(svg.text).toContain("<svg");
  });

  it("streams progress as server-sent events ending with the final status", async () => {
    const { body } = await http<{ id: string }>(`${s.url}/api/runs`, { body: quickScenario("sse") });
    const res = await fetch(`${s.url}/api/runs/${body.id}/events`);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text(); // the server ends the stream after the last event
    expect(text).toMatch(/event: end\ndata: \{"id":"[^"]+","status":"done","progress":1\}/);
  });

  it("lists past runs newest first, with paging and a status filter", async () => {
    const page = await http<{ runs: { id: string; status: string }[]; total: number; limit: number }>(
      `${s.url}/api/runs?limit=2&offset=0`,
    );
    expect(page.status).toBe(200);
    expect(page.body.runs.length).toBeLessThanOrEqual(2);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    const done = await http<{ runs: { status: string }[] }>(`${s.url}/api/runs?status=done`);
    expect(done.body.runs.every((r) => r.status === "done")).toBe(true);
    expect((await http(`${s.url}/api/runs?limit=0`)).status).toBe(400);
    expect((await http(`${s.url}/api/runs?status=finished`)).status).toBe(400);
  });
});

describe("bad input gets a clear 4xx and the server keeps serving", { timeout: SLOW }, () => {
  it("malformed JSON, an empty body, a wrong content type, an oversized body", async () => {
    const malformed = await http(`${s.url}/api/runs`, { raw: '{"model": "il6-liver",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: "malformed-json" });
    expect((await http(`${s.url}/api/runs`, { raw: "" })).status).toBe(400);
    expect((await http(`${s.url}/api/runs`, { raw: "x", type: "application/octet-stream" })).status).toBe(
      415,
    );
    const big = await http(`${s.url}/api/runs`, {
      raw: JSON.stringify({ model: "il6-liver", pad: "x".repeat(300_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/larger than 256 KiB/);
    expect((await http(`${s.url}/api/health`)).body.status).toBe("ok");
  });

  it("a JSON value that is not a scenario, and YAML with line numbers", async () => {
    const arr = await http<{ issues: unknown[] }>(`${s.url}/api/runs`, { raw: "[1, 2]" });
    expect(arr.status).toBe(400);
    expect(arr.body.issues.length).toBeGreaterThan(0);
    const yaml = await http<{ issues: { line?: number; path: string }[] }>(`${s.url}/api/runs`, {
      raw: "model: il6-liver\norganism: mouse\nend: 12 h\ngenotype: [IL6_KOO]\n",
      type: "application/yaml",
    });
    expect(yaml.status).toBe(400);
    expect(yaml.body.issues[0]).toMatchObject({ line: 4 });
    const good = await http(`${s.url}/api/runs`, {
      raw: "model: il6-liver\norganism: mouse\nend: 2 h\n",
      type: "application/yaml",
    });
    expect(good.status).toBe(202);
  });

  it("an SBML path instead of a library model is refused (no files are read on the server)", async () => {
    const r = await http<{ issues: { message: string; hint?: string }[] }>(`${s.url}/api/runs`, {
      body: { model: "/etc/passwd.xml", end: "1 h" },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues[0].hint).toContain("library models only");
  });

  it("unknown run ids, and cancelling a run that has finished", async () => {
    for (const path of ["", "/result.csv", "/events", "/fluxes"])
      expect((await http(`${s.url}/api/runs/nope${path}`)).status, path).toBe(404);
    expect((await http(`${s.url}/api/runs/nope`, { method: "DELETE" })).status).toBe(404);
    const { body } = await http<{ id: string }>(`${s.url}/api/runs`, { body: quickScenario("finished") });
    await waitFor(s.url, body.id);
    const again = await http(`${s.url}/api/runs/${body.id}`, { method: "DELETE" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: "already-finished", status: "done" });
    expect((await http(`${s.url}/api/charts?runs=${body.id},nope`)).status).toBe(404);
    expect((await http(`${s.url}/api/charts`)).status).toBe(400);
    expect((await http(`${s.url}/api/charts?runs=${body.id}&format=gif`)).status).toBe(400);
  });
});
