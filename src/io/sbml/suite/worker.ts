/** Worker thread: runs the case ids it is sent and posts back each outcome. */
import { parentPort, workerData } from "node:worker_threads";
import { loadCase } from "./case-files.js";
import { runCase } from "./run-case.js";
import { SKIP_LIST } from "./runner.js";

const { casesDir } = workerData as { casesDir: string };
parentPort?.on("message", (id: string) => {
  parentPort!.postMessage(runCase(loadCase(casesDir, id), SKIP_LIST));
});
