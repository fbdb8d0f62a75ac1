/** Interventions of a scenario as labelled times for plots (dosing and surgery marked). */
import type { Intervention, TimelineEntry } from "../core/scenario/types.js";

export interface Marker {
  readonly t: number;
  readonly kind: "dose" | "injury" | "set";
  readonly label: string;
}

const num = (x: number) => Number(x.toPrecision(4)).toString();

export function interventionLabel(iv: Intervention): string {
  switch (iv.kind) {
    case "dose":
      return `${iv.drug} ${num(iv.amount.value)} ${iv.amount.unit} ${iv.route === "iv_infusion" ? "infusion" : iv.route}`;
    case "set":
      return `${iv.id} = ${num(iv.value)}`;
    case "injury": {
      const params = Object.entries(iv.params).map(([k, v]) =>
        typeof v !== "number"
          ? `${num(v.value)} ${v.unit}`
          : k.startsWith("fraction") && v > 0 && v < 1
            ? `${num(v * 100)}%`
            : `${k} ${num(v)}`,
      );
      return [iv.injury.replace(/_/g, " "), ...params].join(" ");
    }
  }
}

/**
 * One marker per timeline entry; a repeated label (weekly doses) is written once, with its
 * count, at its first time.
 */
export function markersOf(timeline: readonly TimelineEntry[]): Marker[] {
  const counts = new Map<string, number>();
  for (const e of timeline) {
    const l = interventionLabel(e.intervention);
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const seen = new Set<string>();
  return timeline.map((e) => {
    const l = interventionLabel(e.intervention);
    const first = !seen.has(l);
    seen.add(l);
    const n = counts.get(l)!;
    return { t: e.at, kind: e.intervention.kind, label: first ? (n > 1 ? `${l} (×${n})` : l) : "" };
  });
}
