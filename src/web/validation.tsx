/** The model's validation report: published observations, the expected band and the simulated value. */
import { useState } from "preact/hooks";
import { api, ApiError, type ValidationRow } from "./api";

export function ValidationReport({ model, organism }: { model: string; organism: string }) {
  const [state, setState] = useState<{
    key: string;
    rows?: ValidationRow[];
    passed?: number;
    error?: string;
    loading?: boolean;
  }>({ key: "" });
  const key = `${model}|${organism}`;
  const load = () => {
    setState({ key, loading: true });
    api.validation(model, organism).then(
      (r) => setState({ key, rows: r.rows, passed: r.passed }),
      (e: unknown) => setState({ key, error: e instanceof ApiError ? e.message : String(e) }),
    );
  };
  const s = state.key === key ? state : { key };
  return (
    <div class="validation">
      <button type="button" onClick={load} disabled={s.loading} data-testid="validation-load">
        {s.rows ? "Compute again" : `Compute the ${organism} validation report`}
      </button>
      {s.loading && <span class="muted"> simulating the published experiments…</span>}
      {s.error && <p class="error">{s.error}</p>}
      {s.rows && (
        <>
          <p>
            <b>{s.passed}</b> of {s.rows.length} observations reproduced.
          </p>
          <div class="table-scroll">
            <table data-testid="validation-table">
              <thead>
                <tr>
                  <th />
                  <th>observation</th>
                  <th>expected</th>
                  <th>simulated</th>
                  <th>source</th>
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={r.id} class={r.pass ? "pass" : "fail"}>
                    <td>{r.pass ? "✓" : "✗"}</td>
                    <td title={r.note}>{r.observation}</td>
                    <td>{r.expected}</td>
                    <td class="num">
                      {typeof r.simulated === "number"
                        ? `${Number(r.simulated.toPrecision(3))} ${r.unit}`
                        : r.simulated}
                    </td>
                    <td class="small">{r.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
