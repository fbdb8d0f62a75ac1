/**
 * importSbml(text) -> { ok, network, issues, warnings }: SBML Level 2 (V1-V5) and Level 3 (V1, V2)
 * core, plus the `comp` package (flattened). Every issue carries a line and column.
 */
import { compileNetwork } from "../../core/compile/index.js";
import { type Issue, issue } from "../../core/issues.js";
import type { Network } from "../../core/network/types.js";
import { validateNetwork } from "../../core/network/validate.js";
import { solveAlgebraicRules } from "./algebraic.js";
import { flattenComp } from "./comp/flatten.js";
import { locate, type ReadContext, readContext, report, warn } from "./context.js";
import { readModel } from "./read-model.js";
import { attr, child, parseXml, type XmlElement } from "./xml.js";

export interface SbmlImportResult {
  /** True when there is no error: the network is faithful (and, if checked, simulatable). */
  readonly ok: boolean;
  readonly network?: Network;
  /** Errors (severity "error"). */
  readonly issues: Issue[];
  /** Warnings: things that are kept approximately or ignored, each said out loud. */
  readonly warnings: Issue[];
  readonly level?: number;
  readonly version?: number;
}

export interface SbmlImportOptions {
  /** Name used in issue paths (default "model.xml"). */
  readonly file?: string;
  /** Also compile the network and report what il6sim cannot simulate (default true). */
  readonly checkSimulation?: boolean;
  /** Text of an external file a comp:externalModelDefinition names (relative to this file). */
  readonly resolve?: (source: string) => string | undefined;
}

const CORE_NS: Record<string, [number, number]> = {
  "http://www.sbml.org/sbml/level2": [2, 1],
  "http://www.sbml.org/sbml/level2/version2": [2, 2],
  "http://www.sbml.org/sbml/level2/version3": [2, 3],
  "http://www.sbml.org/sbml/level2/version4": [2, 4],
  "http://www.sbml.org/sbml/level2/version5": [2, 5],
  "http://www.sbml.org/sbml/level3/version1/core": [3, 1],
  "http://www.sbml.org/sbml/level3/version2/core": [3, 2],
};
const PACKAGE_NS = /^http:\/\/www\.sbml\.org\/sbml\/level3\/version\d\/([a-z]+)\/version\d+$/;
/** Packages that do not change a deterministic time course, ignored with a warning when not required. */
const IGNORABLE: Record<string, string> = {
  fbc: "flux bounds and objectives do not change a time course",
  layout: "diagram layout does not change the model",
  render: "rendering information does not change the model",
  groups: "groups do not change the model",
  distrib: "distributions are ignored (il6sim is deterministic)",
  qual: "qualitative models are not read",
};

function split(issues: Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === "error"),
    warnings: issues.filter((i) => i.severity === "warning"),
  };
}

export function importSbml(text: string, options: SbmlImportOptions = {}): SbmlImportResult {
  const file = options.file ?? "model.xml";
  const xml = parseXml(text, file);
  if (!xml.ok) return { ok: false, issues: xml.issues, warnings: [] };
  const root = xml.root;
  const fail = (message: string, hint?: string): SbmlImportResult => ({
    ok: false,
    issues: [
      issue("not-sbml", file, message, { line: root.line, column: root.column, ...(hint ? { hint } : {}) }),
    ],
    warnings: [],
  });
  if (root.name !== "sbml")
    return fail(`The root element is <${root.name}>, not <sbml>.`, "Is this an SBML file?");
  const lv = CORE_NS[root.uri];
  if (!lv) {
    if (/level1/.test(root.uri))
      return fail("SBML Level 1 is not supported.", "Convert the model to Level 2 or 3.");
    return fail(
      `Unknown SBML namespace "${root.uri}".`,
      "Supported: SBML Level 2 Versions 1-5, Level 3 Versions 1-2.",
    );
  }
  const [level, version] = lv;
  if (attr(root, "level") !== String(level) || attr(root, "version") !== String(version))
    return fail(
      `level="${attr(root, "level")}" version="${attr(root, "version")}" do not match the namespace (Level ${level} Version ${version}).`,
    );
  const ctx = readContext(file, level, version, root.uri);
  const usesComp = checkPackages(ctx, root);
  let model = child(root, "model", root.uri);
  if (!model) {
    report(ctx, root, "missing-element", "The document has no <model>.");
    return { ok: false, ...splitResult(ctx.issues), level, version };
  }
  if (usesComp) model = flattenComp(ctx, root, model, options.resolve ? { resolve: options.resolve } : {});
  const read = readModel(ctx, model);
  const solved = solveAlgebraicRules(read, file, (i) => ctx.positions.get(`algebraicRules:${i}`));
  ctx.issues.push(...solved.warnings);
  const network = solved.network;
  for (const i of validateNetwork(network)) ctx.issues.push(locate(ctx, i, model));
  if (options.checkSimulation !== false && !ctx.issues.some((i) => i.severity === "error")) {
    const compiled = compileNetwork(network, { jacobian: false });
    for (const i of compiled.issues) ctx.issues.push(locate(ctx, i, model));
  }
  const { errors, warnings } = split(ctx.issues);
  return { ok: errors.length === 0, network, issues: errors, warnings, level, version };
}

function splitResult(issues: Issue[]) {
  const { errors, warnings } = split(issues);
  return { issues: errors, warnings };
}

/** Report packages; returns whether `comp` is used (and must be flattened). */
function checkPackages(ctx: ReadContext, root: XmlElement): boolean {
  let comp = false;
  for (const [prefix, uri] of Object.entries(root.ns)) {
    const m = PACKAGE_NS.exec(uri);
    if (!m) continue;
    const pkg = m[1];
    const required = root.attributes.find((a) => a.local === "required" && a.uri === uri)?.value === "true";
    if (pkg === "comp") {
      comp = true;
      continue;
    }
    const why = IGNORABLE[pkg];
    if (!required && why !== undefined)
      warn(ctx, root, "package-ignored", `The SBML package "${pkg}" (${prefix}:) is ignored: ${why}.`);
    else if (!required)
      warn(
        ctx,
        root,
        "package-ignored",
        `The SBML package "${pkg}" is not supported and is ignored (it says it is not required).`,
      );
    else
      report(
        ctx,
        root,
        "unsupported-package",
        `The SBML package "${pkg}" is required by this model but il6sim does not support it.`,
        {
          hint: "Supported: SBML core and the comp package (flattened); fbc, layout, render and groups are ignored when not required.",
        },
      );
  }
  return comp;
}
