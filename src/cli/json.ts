/**
 * JSON for people and programs: objects indented, arrays of numbers or strings on one line
 * (a time course stays readable), non-finite numbers as null (as JSON.stringify does).
 */

const isPrimitive = (v: unknown) => v === null || typeof v !== "object";

export function jsonText(value: unknown, indent = "  "): string {
  const walk = (v: unknown, pad: string): string => {
    if (v === undefined) return "null";
    if (isPrimitive(v)) return JSON.stringify(v) ?? "null";
    if (typeof (v as { toJSON?: unknown }).toJSON === "function")
      return walk((v as { toJSON(): unknown }).toJSON(), pad);
    const inner = pad + indent;
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      if (v.every(isPrimitive)) return `[${v.map((x) => JSON.stringify(x) ?? "null").join(", ")}]`;
      return `[\n${v.map((x) => inner + walk(x, inner)).join(",\n")}\n${pad}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(
      ([, x]) => x !== undefined && typeof x !== "function",
    );
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${walk(x, inner)}`).join(",\n")}\n${pad}}`;
  };
  return walk(value, "") + "\n";
}
