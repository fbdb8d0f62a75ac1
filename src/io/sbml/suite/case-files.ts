/**
 * One SBML Test Suite semantic case on disk: its tags (from NNNNN-model.m), its settings
 * (NNNNN-settings.txt), its expected results (NNNNN-results.csv) and the SBML file we run
 * (Level 3 Version 2 where present, else the newest level/version given).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface CaseSettings {
  readonly start: number;
  readonly duration: number;
  readonly steps: number;
  readonly variables: readonly string[];
  readonly absolute: number;
  readonly relative: number;
  readonly amount: readonly string[];
  readonly concentration: readonly string[];
}

export interface CaseTags {
  readonly componentTags: readonly string[];
  readonly testTags: readonly string[];
  readonly testType: string;
  readonly packages: readonly string[];
  readonly synopsis: string;
}

export interface SuiteCase {
  readonly id: string;
  readonly dir: string;
  readonly tags: CaseTags;
  /** Path of the SBML file to run, or undefined if the case has none we read. */
  readonly sbmlFile: string | undefined;
  readonly levelVersion: string | undefined;
}

export interface ExpectedResults {
  readonly header: readonly string[];
  readonly rows: readonly (readonly number[])[];
}

const PREFERENCE = ["l3v2", "l3v1", "l2v5", "l2v4", "l2v3", "l2v2", "l2v1"];

export function caseId(n: number | string): string {
  return String(n).padStart(5, "0");
}

function listField(v: string | undefined): string[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** "key: value" lines (values may continue on following indented lines for synopsis). */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (m) {
      last = m[1];
      out.set(last, m[2].trim());
    } else if (last === "synopsis" && line.trim() && !line.startsWith("*)")) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
    } else last = undefined;
  }
  return out;
}

export function parseTags(modelM: string): CaseTags {
  const header = modelM.split("*)")[0];
  const f = fields(header);
  return {
    componentTags: listField(f.get("componentTags")),
    testTags: listField(f.get("testTags")),
    testType: f.get("testType") ?? "",
    packages: listField(f.get("packagesPresent")),
    synopsis: f.get("synopsis") ?? "",
  };
}

export function parseSettings(text: string): CaseSettings {
  const f = fields(text);
  const n = (k: string) => Number(f.get(k) ?? "NaN");
  return {
    start: n("start"),
    duration: n("duration"),
    steps: n("steps"),
    variables: listField(f.get("variables")),
    absolute: n("absolute"),
    relative: n("relative"),
    amount: listField(f.get("amount")),
    concentration: listField(f.get("concentration")),
  };
}

/** Parse the suite's number conventions: NaN, INF, -INF (case-insensitive). */
export function parseValue(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === "nan") return NaN;
  if (t === "inf" || t === "+inf" || t === "infinity") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  return Number(t);
}

export function parseResults(text: string): ExpectedResults {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const first = lines[0] ?? "";
  const hasHeader = /[A-Za-z_]/.test(first.replace(/\b(nan|inf)\b/gi, ""));
  const header = hasHeader ? first.split(",").map((s) => s.trim()) : [];
  const rows = (hasHeader ? lines.slice(1) : lines).map((l) => l.split(",").map(parseValue));
  return { header, rows };
}

export function loadCase(casesDir: string, id: string): SuiteCase {
  const dir = join(casesDir, id);
  const modelM = join(dir, `${id}-model.m`);
  const tags = existsSync(modelM)
    ? parseTags(readFileSync(modelM, "utf8"))
    : { componentTags: [], testTags: [], testType: "", packages: [], synopsis: "" };
  let sbmlFile: string | undefined;
  let levelVersion: string | undefined;
  for (const lv of PREFERENCE) {
    const f = join(dir, `${id}-sbml-${lv}.xml`);
    if (existsSync(f)) {
      sbmlFile = f;
      levelVersion = lv;
      break;
    }
  }
  return { id, dir, tags, sbmlFile, levelVersion };
}

export function loadSettings(c: SuiteCase): CaseSettings {
  return parseSettings(readFileSync(join(c.dir, `${c.id}-settings.txt`), "utf8"));
}

export function loadExpected(c: SuiteCase): ExpectedResults {
  return parseResults(readFileSync(join(c.dir, `${c.id}-results.csv`), "utf8"));
}
