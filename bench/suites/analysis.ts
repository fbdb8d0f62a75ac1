/**
 * Analysis suite: (1) the cost of a gradient relative to one simulation, for the engine's
 * forward sensitivities (target ≤ 1 + np) and for central finite differences (1 + 2·np);
 * (2) virtual-population throughput per core and the scaling from 1 to 2 worker threads
 * (piscina), on the mouse PHx scenario when the library has one, else on the textbook
 * resection scenario and an IL-6 part-1 mouse scenario (said in the output).
 */
import { availableParallelism, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import type { BenchArgs, Suite } from "../main.js";
import { compileNetwork } from "../../src/core/compile/index.js";
import {
  compiledSimulationModel,
  createEvaluator,
  defaultGradient,
  finiteDifferenceGradient,
  type EstimationProblem,
  type SimulationModel,
} from "../../src/core/estimate/index.js";
import { parseTrusted } from "../../src/core/expr/index.js";
import { massAction, network } from "../../src/core/network/index.js";
import { runPopulation, type PopulationSpec } from "../../src/core/analysis/population/index.js";
import { libraryModels } from "../../src/models/registry.js";
import type { LibraryModel, NamedScenario } from "../../src/models/types.js";
import { runScenario } from "../../src/models/run.js";
import { workerPool } from "../../src/cli/commands/population-pool.js";

function conversionProblem(): {
  problem: EstimationProblem;
  model: ReturnType<typeof compiledSimulationModel>;
} {
  const c = compileNetwork(
    network("conversion", (n) => {
      n.compartment("c", { size: 1 });
      n.species("A", { in: "c", initial: 1 });
      n.species("B", { in: "c", initial: 0 });
      n.parameter("k1", 0.8);
      n.parameter("k2", 0.6);
      n.reaction("fwd", ["A"], ["B"], massAction("k1"));
      n.reaction("rev", ["B"], ["A"], massAction("k2"));
    }),
  );
  if (!c.ok) throw new Error("conversion model does not compile");
  const times = [0.5, 1, 2, 4, 8];
  return {
    model: compiledSimulationModel(c.model),
    problem: {
      parameters: ["k1", "k2"].map((id) => ({
        id,
        scale: "log10" as const,
        lower: 1e-3,
        upper: 1e2,
        nominal: 0.5,
        estimate: true,
      })),
      observables: [
        {
          id: "a",
          formula: parseTrusted("A"),
          noiseFormula: parseTrusted("0.02"),
          transformation: "lin",
          distribution: "normal",
        },
      ],
      conditions: [{ id: "c0", changes: {} }],
      measurements: times.map((time) => ({
        observableId: "a",
        simulationConditionId: "c0",
        time,
        value: 0.5,
        observableParameters: [],
        noiseParameters: [],
      })),
    },
  };
}

/**
 * CPU milliseconds per call (this thread) of each function, median over rounds that call them
 * in turn until each has had `minTime` seconds: alternating keeps a change in machine load (this
 * machine is shared) from landing on one side of a ratio, which a simulation timed before its
 * gradients let happen (a ratio moved from 3.4 to 6.3 between two runs of the same code).
 */
function cpuMsAlternating(runs: readonly (() => unknown)[], minTime: number): number[] {
  for (const run of runs) run(); // warm-up
  const per = runs.map(() => [] as number[]);
  const used = runs.map(() => 0);
  while (per[0].length < 5 || used.some((u) => u < minTime * 1e6)) {
    runs.forEach((run, k) => {
      const c0 = process.cpuUsage();
      run();
      const c = process.cpuUsage(c0);
      per[k].push(c.user + c.system);
      used[k] += c.user + c.system;
    });
  }
  return per.map((xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[sorted.length >> 1] / 1000;
  });
}

/** Gradient cost on one problem: both providers, relative to one evaluation. */
function gradientCost(
  args: BenchArgs,
  label: string,
  problem: EstimationProblem,
  model: SimulationModel,
  u: Float64Array,
): object[] {
  const ev = createEvaluator(problem, model);
  const providers = [defaultGradient(ev), finiteDifferenceGradient(ev)];
  // warm-up: V8 optimises the generated model functions only after many calls, and a first
  // simulation can cost 5x a warm one, which would distort every ratio below
  const warm = performance.now();
  while (performance.now() - warm < 3000) {
    ev.evaluate(u);
    for (const gp of providers) gp.jacobian(u);
  }
  const [simMs, ...gradMs] = cpuMsAlternating(
    [() => ev.evaluate(u), ...providers.map((gp) => () => gp.jacobian(u))],
    args.minTime,
  );
  const sim = { medianMs: simMs };
  const np = u.length;
  args.log(
    `\n## Gradient cost: ${label}, ${np} parameters; one simulation ${sim.medianMs.toFixed(3)} ms (CPU time, median of calls alternating with the gradients)`,
  );
  const rows: object[] = [];
  for (const [k, gp] of providers.entries()) {
    const grad = { medianMs: gradMs[k] };
    const ok = gp.jacobian(u).ok;
    const ratio = grad.medianMs / sim.medianMs;
    args.log(
      `${gp.method}: gradient ${grad.medianMs.toFixed(3)} ms = ${ratio.toFixed(2)} × one simulation${ok ? "" : " (FAILED)"} (target ≤ 1 + np = ${1 + np}; central differences need 1 + 2·np = ${1 + 2 * np})`,
    );
    rows.push({
      suite: "analysis",
      what: "gradient_cost",
      problem: label,
      method: gp.method,
      parameters: np,
      simulation_ms: sim.medianMs,
      gradient_ms: grad.medianMs,
      ratio,
      target: 1 + np,
      ok,
    });
  }
  return rows;
}

function gradientRows(args: BenchArgs): object[] {
  const { problem, model } = conversionProblem();
  const rows = gradientCost(
    args,
    "conversion reaction (2 states)",
    problem,
    model,
    Float64Array.of(-0.1, -0.2),
  );
  // a model of realistic size: the IL-6 network (part 1, mouse) from its initial values, 12 h
  const il6 = libraryModels().find((m) => m.id === "il6-liver");
  const net = il6?.network("mouse", []);
  if (net?.ok) {
    const c = compileNetwork(net.network);
    if (c.ok) {
      const species = c.model.network.species
        .filter((x) => !x.constant && !x.boundaryCondition)
        .slice(0, 3)
        .map((x) => x.id);
      const params = c.model.network.parameters.filter((x) => x.constant && x.value > 0).slice(0, 5);
      const times = [1, 2, 4, 8, 12];
      const big: EstimationProblem = {
        parameters: params.map((q) => ({
          id: q.id,
          scale: "log10" as const,
          lower: q.value / 100,
          upper: q.value * 100,
          nominal: q.value,
          estimate: true,
        })),
        observables: species.map((id) => ({
          id: `obs_${id}`,
          formula: parseTrusted(id),
          noiseFormula: parseTrusted("1"),
          transformation: "lin" as const,
          distribution: "normal" as const,
        })),
        conditions: [{ id: "c0", changes: {} }],
        measurements: species.flatMap((id) =>
          times.map((time) => ({
            observableId: `obs_${id}`,
            simulationConditionId: "c0",
            time,
            value: 0,
            observableParameters: [],
            noiseParameters: [],
          })),
        ),
      };
      const u = Float64Array.from(params, (q) => Math.log10(q.value));
      rows.push(
        ...gradientCost(
          args,
          `IL-6 network, mouse (${c.model.system.size} states), 12 h`,
          big,
          compiledSimulationModel(c.model, { rtol: 1e-6, atol: 1e-10 }),
          u,
        ),
      );
    }
  }
  return rows;
}

/**
 * How much parallelism the machine gives right now: the same busy loop on 1 and on 2 threads.
 * On a shared machine the population scaling can be no better than this control.
 */
async function controlScaling(): Promise<number> {
  const code =
    "const { parentPort } = require('node:worker_threads'); let s = 0; for (let i = 0; i < 2e8; i++) s += i % 7; parentPort.postMessage(s);";
  const run = async (k: number) => {
    const t0 = performance.now();
    await Promise.all(
      Array.from(
        { length: k },
        () =>
          new Promise<void>((resolve) => {
            const w = new Worker(code, { eval: true });
            w.on("message", () => void w.terminate().then(() => resolve()));
          }),
      ),
    );
    return performance.now() - t0;
  };
  const one = await run(1);
  const two = await run(2);
  return (2 * one) / two;
}

type Pick = { lib: LibraryModel; s: NamedScenario; note: string };

function scenarios(): Pick[] {
  const all = libraryModels().flatMap((lib) => lib.scenarios.map((s) => ({ lib, s })));
  const find = (id: string) => all.find((x) => x.s.id === id);
  const phx = find("mouse_phx70") ?? find("mouse_phx90");
  if (phx) return [{ ...phx, note: "the mouse PHx scenario" }];
  const out: Pick[] = [];
  const textbook = find("textbook_mouse_resection");
  if (textbook) out.push({ ...textbook, note: "textbook resection: the IL-6 model has no PHx scenario yet" });
  const il6 = find("mouse_sgp130fc_100ug_ip");
  if (il6)
    out.push({ ...il6, note: "IL-6 model part 1, mouse, 168 h: a proxy for the cost of a PHx member" });
  return out;
}

async function populationRows(args: BenchArgs, pick: Pick, n: number): Promise<object[]> {
  const { lib, s } = pick;
  const scenario = s.scenario;
  const nominal = runScenario(lib, scenario);
  if (!nominal.ok || nominal.result.status !== "ok") throw new Error(`nominal run of ${s.id} failed`);
  const net = lib.network(scenario.organism ?? lib.organisms[0], scenario.genotype);
  if (!net.ok) throw new Error("network");
  // the model's documented priors (what `il6sim population` samples by default; members of the
  // IL-6 model near liver failure cost up to 3x the median), else the first few positive constant
  // parameters by 30%
  const organism = scenario.organism ?? lib.organisms[0];
  const valueOf = new Map(net.network.parameters.map((p) => [p.id, p.value]));
  const documented = (lib.parameterPriors?.(organism) ?? [])
    .filter((d) => valueOf.has(d.id))
    .map((d) => ({ id: d.id, median: valueOf.get(d.id)!, cv: d.cv }));
  const varied =
    documented.length > 0
      ? documented
      : net.network.parameters
          .filter((p) => p.constant && p.value > 0)
          .slice(0, 6)
          .map((p) => ({ id: p.id, median: p.value, cv: 0.3 }));
  const observables = Object.keys(nominal.result.observables);
  const times = nominal.result.t;
  const spec: PopulationSpec = {
    n,
    seed: 1,
    observables,
    times,
    priors: { parameters: varied },
    chunkSize: Math.max(1, Math.min(25, Math.floor(n / 40))),
  };
  const setup = { scenario, priors: spec.priors, seed: 1, observables, nTimes: times.length };
  args.log(
    `\n## Population throughput: ${s.id} (${pick.note}; N = ${n}; priors ${varied.map((v) => `${v.id} CV ${v.cv}`).join(", ")}; ` +
      `${observables.length} observables × ${times.length} times; ` +
      `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );
  const rows: object[] = [];
  let base = 0;
  for (const workers of [1, 2]) {
    const pool = workerPool(workers, setup);
    await runPopulation({ ...spec, n: Math.min(spec.n, 10 * workers) }, pool.execute, {
      concurrency: 2 * workers,
    }); // warm-up: threads start, V8 optimises the model functions
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await runPopulation(spec, pool.execute, { concurrency: 2 * workers });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6; // all threads of this process
    await pool.close();
    const rate = r.membersSimulated / seconds;
    if (workers === 1) base = rate;
    const perCore = rate / workers;
    args.log(
      `${workers} worker(s): ${r.membersSimulated} members in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} members/s (${perCore.toFixed(1)} per core); ` +
        `10,000 members ≈ ${(10000 / rate).toFixed(0)} s${workers > 1 ? `; scaling 1→${workers}: ×${(rate / base).toFixed(2)}` : ""}; ` +
        `CPU ${cpuSeconds.toFixed(2)} s = ${(r.membersSimulated / cpuSeconds).toFixed(1)} members per CPU-second; failed ${r.membersFailed}`,
    );
    rows.push({
      suite: "analysis",
      what: "population",
      scenario: s.id,
      workers,
      n: r.membersSimulated,
      seconds,
      members_per_second: rate,
      per_core: perCore,
      scaling: rate / base,
      est_10000_s: 10000 / rate,
    });
  }
  return rows;
}

export const analysisSuite: Suite = {
  name: "analysis",
  description:
    "gradient cost vs one simulation (method named); virtual-population throughput per core and 1→2 worker scaling",
  async run(args: BenchArgs): Promise<object[]> {
    const rows = gradientRows(args);
    const control = await controlScaling();
    args.log(
      `\n## Parallelism available now (busy loop, 1 vs 2 threads): ×${control.toFixed(2)} (2.00 on an idle 2-core machine)`,
    );
    rows.push({ suite: "analysis", what: "control_scaling", scaling: control });
    const picks = scenarios();
    if (picks.length === 0) args.log("\n## Population throughput: no scenario to run");
    for (const pick of picks) {
      // an IL-6 PHx member costs ~12 ms: N = 1000 is ~15 s for both worker counts, enough that
      // warm-up (thread start, V8 optimising the model) is a few per cent of it
      const n = Number(
        process.env.IL6SIM_BENCH_POPULATION_N ?? (pick.lib.id === "textbook-pk" ? 2000 : 1000),
      );
      rows.push(...(await populationRows(args, pick, n)));
    }
    return rows;
  },
};
