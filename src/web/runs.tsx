/** Past and running runs: status and progress, pick several to overlay, cancel, load back into the builder. */
import type { RunSummary } from "./api";

interface Props {
  runs: readonly RunSummary[];
  total: number;
  selected: readonly string[];
  onSelect: (ids: string[]) => void;
  onCancel: (id: string) => void;
  onLoad: (id: string) => void;
  onMore: () => void;
}

const when = (iso: string) => {
  const d = new Date(iso);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`;
};

export function RunList({ runs, total, selected, onSelect, onCancel, onLoad, onMore }: Props) {
  if (runs.length === 0) return <p class="muted">No runs yet: build a scenario and press Run.</p>;
  const toggle = (id: string, on: boolean) =>
    onSelect(on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id));
  return (
    <div class="runs-wrap">
      <table class="runs" data-testid="runs">
        <thead>
          <tr>
            <th title="show in the plot (tick several to compare)">plot</th>
            <th>name</th>
            <th>model</th>
            <th>status</th>
            <th>started</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const active = r.status === "queued" || r.status === "running";
            return (
              <tr
                key={r.id}
                data-testid="run-row"
                data-run-id={r.id}
                data-status={r.status}
                class={selected.includes(r.id) ? "selected" : ""}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`plot ${r.name}`}
                    data-testid="run-select"
                    disabled={r.status !== "done" && r.status !== "cancelled" && r.status !== "failed"}
                    checked={selected.includes(r.id)}
                    onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                  />
                </td>
                <td title={r.id}>
                  {r.name}
                  {Object.keys(r.parameters ?? {}).length > 0 && (
                    <span class="muted"> · {Object.keys(r.parameters).length} override(s)</span>
                  )}
                </td>
                <td>
                  {r.model_id} {r.model_version}
                  {r.organism ? ` · ${r.organism}` : ""}
                </td>
                <td>
                  <span class={`pill ${r.status}`} data-testid="run-status" title={r.message ?? ""}>
                    {r.status}
                  </span>
                  {active && <progress max={1} value={r.progress} data-testid="run-progress" />}
                  {!r.stored && (
                    <span
                      class="warn"
                      title="the database could not be written yet; the result is kept in memory"
                    >
                      {" "}
                      not yet stored
                    </span>
                  )}
                  {r.message && !active && <div class="muted small">{r.message}</div>}
                </td>
                <td class="small">{when(r.created_at)}</td>
                <td class="nowrap">
                  {active && (
                    <button type="button" onClick={() => onCancel(r.id)} data-testid="cancel">
                      Cancel
                    </button>
                  )}
                  <button
                    type="button"
                    title="load this run's scenario into the builder"
                    onClick={() => onLoad(r.id)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total > runs.length && (
        <p class="muted small">
          Showing the newest {runs.length} of {total} runs.{" "}
          <button type="button" onClick={onMore}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}
