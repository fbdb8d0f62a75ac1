/**
 * The IL-6 system: IL-6 and the soluble receptors in the liver fluid above, four liver cell
 * types below with membrane IL-6R and gp130, and the drugs of the run with what they act on.
 * Arrow widths show the net rate of classic (IL-6·mIL-6R + gp130), trans (IL-6·sIL-6R + gp130)
 * and Hyper-IL-6 complex formation on each cell type at the chosen time, on a log scale over
 * four decades below the run's largest flux. The numbers come from the server (reaction rates
 * of the simulation); nothing is computed here but the drawing.
 */
import type { Fluxes } from "./api";
import "./diagram.css";

interface Props {
  fluxes: Fluxes | null;
  t: readonly number[];
  timeUnit: string;
  /** Index into t. */
  index: number;
  onIndex: (i: number) => void;
  /** Drugs dosed in the run, from the model's catalogue (what each one does). */
  drugs: readonly { id: string; name: string; description: string }[];
  runName: string;
}

const COLORS: Record<string, string> = { classic: "#0072B2", trans: "#D55E00", hil6: "#009E73" };
const ROUTE_LABEL: Record<string, string> = { classic: "classic", trans: "trans", hil6: "Hyper-IL-6" };
/** Cells without membrane IL-6R in the liver (classic signalling needs it). */
const NO_MIL6R = new Set(["lsec", "hsc"]);

const DECADES = 4;

function width(v: number, max: number): number {
  if (!(v > 0) || !(max > 0)) return 0;
  const x = (Math.log10(v) - Math.log10(max) + DECADES) / DECADES;
  return x <= 0 ? 0.75 : 1 + 9 * Math.min(1, x);
}

export function fmtFlux(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-2 ? v.toExponential(1) : String(Number(v.toPrecision(2)));
}

export function Diagram({ fluxes, t, timeUnit, index, onIndex, drugs, runName }: Props) {
  if (!fluxes || t.length === 0)
    return (
      <p class="muted">
        The IL-6 system diagram needs a finished run of a model with IL-6 receptors (il6-liver).
      </p>
    );
  const i = Math.max(0, Math.min(t.length - 1, index));
  const routes = Object.keys(fluxes.routes).filter(
    (r) => r !== "hil6" || Object.values(fluxes.routes.hil6).some((xs) => xs.some((v) => v > 0)),
  );
  const max = Math.max(
    ...routes.flatMap((r) => Object.values(fluxes.routes[r]).flatMap((xs) => xs.map(Math.abs))),
    0,
  );
  const cells = fluxes.cells;
  const W = 760;
  const cellW = (W - 40) / cells.length;
  const ligandX: Record<string, number> = { classic: 120, trans: 360, hil6: 600 };
  const cellY = 250;
  return (
    <div class="diagram" data-testid="diagram">
      <svg
        viewBox={`0 0 ${W} 400`}
        role="img"
        aria-label={`IL-6 classic and trans-signalling fluxes at t = ${t[i]} ${timeUnit}`}
      >
        <rect x="8" y="8" width={W - 16} height="130" rx="8" class="fluid" />
        <text x="20" y="28" class="region">
          liver fluid / plasma
        </text>
        <Ligand x={ligandX.classic} y={70} label="IL-6" sub="binds membrane IL-6R" color={COLORS.classic} />
        <Ligand
          x={ligandX.trans}
          y={70}
          label="IL-6·sIL-6R"
          sub="sIL-6R shed from cells; sgp130 traps it"
          color={COLORS.trans}
        />
        {routes.includes("hil6") && (
          <Ligand
            x={ligandX.hil6}
            y={70}
            label="Hyper-IL-6"
            sub="designer trans agonist"
            color={COLORS.hil6}
          />
        )}
        {drugs.length > 0 && (
          <text x="20" y="128" class="region" data-testid="diagram-drugs">
            dosed: {drugs.map((d) => d.name).join(" · ")}
          </text>
        )}
        {cells.map((c, k) => {
          const x0 = 20 + k * cellW;
          const cx = x0 + cellW / 2;
          return (
            <g key={c.id} data-cell={c.id}>
              <rect x={x0 + 6} y={cellY} width={cellW - 12} height="110" rx="10" class="cell" />
              <line x1={x0 + 6} x2={x0 + cellW - 6} y1={cellY} y2={cellY} class="membrane" />
              <text x={cx} y={cellY + 62} class="cell-label">
                {c.label}
              </text>
              <text x={cx - 30} y={cellY - 6} class="receptor">
                {NO_MIL6R.has(c.id) ? "no mIL-6R" : "mIL-6R"}
              </text>
              <text x={cx + 26} y={cellY - 6} class="receptor">
                gp130
              </text>
              {routes.map((r, j) => {
                const v = fluxes.routes[r]?.[c.id]?.[i] ?? 0;
                const w = width(v, max);
                const tx = cx - 30 + j * 30;
                return (
                  <g key={r} data-route={r} data-flux={v}>
                    <line
                      x1={ligandX[r]}
                      y1={100}
                      x2={tx}
                      y2={cellY - 18}
                      stroke={COLORS[r]}
                      stroke-width={w || 0.75}
                      stroke-dasharray={w ? undefined : "3 4"}
                      opacity={w ? 0.85 : 0.35}
                      marker-end={w ? `url(#arrow-${r})` : undefined}
                    />
                    <text x={cx} y={cellY + 80 + j * 13} class="flux" fill={COLORS[r]}>
                      {ROUTE_LABEL[r]} {fmtFlux(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <defs>
          {Object.entries(COLORS).map(([r, col]) => (
            <marker
              key={r}
              id={`arrow-${r}`}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="4"
              markerHeight="4"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={col} />
            </marker>
          ))}
        </defs>
      </svg>
      <div class="diagram-controls">
        <label>
          t ={" "}
          <input
            type="range"
            min={0}
            max={t.length - 1}
            value={i}
            data-testid="diagram-time"
            aria-label="time shown in the diagram"
            onInput={(e) => onIndex(Number(e.currentTarget.value))}
          />{" "}
          <b data-testid="diagram-t">
            {Number(t[i].toPrecision(4))} {timeUnit}
          </b>
        </label>
        <span class="muted small">
          {runName}: net complex formation in {fluxes.unit} (summed over the cells of a type); width on a log
          scale, {DECADES} decades; dashed: none. Hover the plot to follow time.
        </span>
      </div>
      {drugs.length > 0 && (
        <ul class="drug-actions">
          {drugs.map((d) => (
            <li key={d.id}>
              <b>{d.name}</b>: {d.description}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Ligand({
  x,
  y,
  label,
  sub,
  color,
}: {
  x: number;
  y: number;
  label: string;
  sub: string;
  color: string;
}) {
  return (
    <g>
      <rect
        x={x - 85}
        y={y - 22}
        width="170"
        height="36"
        rx="18"
        fill="white"
        stroke={color}
        stroke-width="2"
      />
      <text x={x} y={y + 1} class="ligand" fill={color}>
        {label}
      </text>
      <text x={x} y={y + 30} class="ligand-sub">
        {sub}
      </text>
    </g>
  );
}
