/**
 * The load test, small (bench/suites/server.ts runs it larger and reports timings): concurrent
 * clients starting runs lose nothing, mix nothing up, and health answers throughout. No
 * assertion on time: tests assert correctness, benchmarks measure.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadTest } from "../../bench/suites/server.js";
import { type Running, SLOW, startServer } from "./helpers.js";

let s: Running;
beforeAll(async () => {
  s = await startServer(["--workers", "2"]);
}, SLOW);
afterAll(async () => {
  expect(await s.stop()).toBe(0);
}, SLOW);

it("six concurrent clients, three runs each: every run done with its own result, health answered throughout", async () => {
  const r = await loadTest({ url: s.url, clients: 6, runsPerClient: 3, timeoutMs: 120_000 });
  expect(r.problems).toEqual([]);
  expect(r.runs).toBe(18);
  expect(r.lost).toBe(0);
  expect(r.mixed).toBe(0);
  expect(r.health.count).toBeGreaterThan(0);
  expect(r.health.failures).toBe(0);
}, 180_000);

it("refuses to load anything but this machine", async () => {
  await expect(loadTest({ url: "http://192.0.2.1:8080", clients: 1, runsPerClient: 1 })).rejects.toThrow(
    /loopback/,
  );
});
