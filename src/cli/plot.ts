/** --plot FILE.svg|FILE.png: render a chart spec and write it atomically. */
import { extname } from "node:path";
import type { ChartSpec } from "../report/chart-spec.js";
import { renderChart } from "../report/render.js";
import { atomicWrite, checkTarget } from "./output.js";

export const PLOT_EXTENSIONS = [".svg", ".png"];

export function checkPlotTarget(file: string | undefined): void {
  if (file !== undefined) checkTarget(file, "--plot", PLOT_EXTENSIONS);
}

export async function writePlot(spec: ChartSpec, file: string): Promise<void> {
  const format = extname(file).toLowerCase() === ".png" ? "png" : "svg";
  const bytes = await renderChart(spec, format);
  atomicWrite(file, bytes);
  process.stderr.write(`il6sim: wrote ${file}\n`);
}
