/** The model's parameters for one organism: value, unit and where each number comes from. */
import { useState } from "preact/hooks";
import type { Parameter } from "./api";
import { fmt } from "./builder/overrides";

export function ParameterTable({
  parameters,
  organism,
  overrides,
}: {
  parameters: readonly Parameter[];
  organism: string;
  overrides: Readonly<Record<string, number>>;
}) {
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  const rows = parameters.filter(
    (p) =>
      !needle ||
      [p.id, p.name ?? "", p.provenance?.source ?? "", p.provenance?.note ?? ""].some((s) =>
        s.toLowerCase().includes(needle),
      ),
  );
  return (
    <div class="parameters">
      <input
        type="search"
        placeholder="filter by id, name or source"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        aria-label="filter parameters"
      />
      <span class="muted small">
        {" "}
        {rows.length} of {parameters.length} parameters ({organism})
      </span>
      <div class="table-scroll">
        <table data-testid="parameter-table">
          <thead>
            <tr>
              <th>id</th>
              <th>value</th>
              <th>unit</th>
              <th>source</th>
              <th>confidence</th>
              <th>note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} class={overrides[p.id] !== undefined ? "overridden" : ""}>
                <td title={p.name}>{p.id}</td>
                <td class="num">
                  {fmt(p.value)}
                  {overrides[p.id] !== undefined && <div class="warn">→ {fmt(overrides[p.id])}</div>}
                </td>
                <td>{p.unit}</td>
                <td>{p.provenance?.source ?? <span class="muted">—</span>}</td>
                <td>{p.provenance?.confidence ?? ""}</td>
                <td class="small">{p.provenance?.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
