/**
 * The time-course figure: the report layer's Vega-Lite spec from the server, embedded as-is,
 * with one addition for the browser: a hover selection on each panel's lines, whose time is
 * reported (in model time) so the IL-6 diagram can show the fluxes at that moment.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import embed, { type Result } from "vega-embed";
import { api, ApiError } from "./api";

interface Props {
  runIds: readonly string[];
  /** Changes when a run's result changes (status), to draw again. */
  version: string;
  onHover: (modelTime: number | null) => void;
}

type Spec = Record<string, unknown> & { concat?: { layer?: Record<string, unknown>[] }[] };

/**
 * The spec with a hover selection on every panel: an invisible point layer over the same data
 * picks the nearest point (line marks cannot), and a rule marks the time under the cursor.
 */
export function withHover(spec: Spec): { spec: Spec; signals: string[] } {
  const s = structuredClone(spec);
  const signals: string[] = [];
  (s.concat ?? []).forEach((panel, i) => {
    const layers = panel.layer ?? [];
    const line = layers.find((l) => (l.mark as { type?: string } | undefined)?.type === "line");
    if (!line) return;
    const name = `hover_${i}`;
    const enc = line.encoding as Record<string, unknown>;
    layers.push(
      {
        data: line.data,
        mark: { type: "point", opacity: 0, size: 30 },
        encoding: { x: enc.x, y: enc.y },
        params: [
          {
            name,
            select: { type: "point", on: "pointermove", nearest: true, fields: ["t"], clear: "pointerout" },
          },
        ],
      },
      {
        data: line.data,
        mark: { type: "rule", color: "#444", strokeWidth: 0.8 },
        encoding: { x: enc.x },
        transform: [{ filter: { param: name, empty: false } }],
      },
    );
    signals.push(name);
  });
  return { spec: s, signals };
}

export function Plot({ runIds, version, onHover }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const hover = useRef(onHover);
  hover.current = onHover;

  useEffect(() => {
    let result: Result | undefined;
    let cancelled = false;
    if (runIds.length === 0 || !el.current) return;
    setLoading(true);
    setError(null);
    api
      .chart(runIds, [])
      .then(async (c) => {
        if (cancelled || !el.current) return;
        const { spec, signals } = withHover(c.spec);
        result = await embed(el.current, spec as never, { actions: false, renderer: "svg", tooltip: true });
        if (cancelled) return result.finalize();
        for (const name of signals)
          result.view.addSignalListener(name, (_n, value: unknown) => {
            const t = (value as { t?: number[] } | null)?.t?.[0];
            hover.current(typeof t === "number" ? t * c.time_factor : null);
          });
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
      result?.finalize();
    };
  }, [runIds.join(","), version]);

  if (runIds.length === 0)
    return <p class="muted">Tick one or more finished runs to plot them; several are overlaid.</p>;
  return (
    <div class="plot">
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {loading && <p class="muted">drawing…</p>}
      <div ref={el} data-testid="plot" />
    </div>
  );
}
