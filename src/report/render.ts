/**
 * Chart specs to pictures in Node: Vega-Lite -> Vega -> SVG (vega's headless View), and
 * SVG -> PNG with resvg, using the DejaVu Sans font shipped as an npm package so figures look
 * the same on every machine.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./chart-spec.js";

export async function renderSvg(spec: ChartSpec): Promise<string> {
  const vg = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vg), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function fontFiles(): string[] {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** PNG bytes; `scale` 3 gives about 300 dpi at the SVG's size in points. */
export function svgToPng(svg: string, scale = 3): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: {
      fontFiles: fontFiles(),
      loadSystemFonts: true,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  return r.render().asPng();
}

/** Render to the format a file name asks for (".svg" or ".png"). */
export async function renderChart(spec: ChartSpec, format: "svg" | "png"): Promise<Buffer> {
  const svg = await renderSvg(spec);
  return format === "svg" ? Buffer.from(svg, "utf8") : svgToPng(svg);
}
