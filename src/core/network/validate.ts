/**
 * validateNetwork: every problem at once, each with a path and what to do about it.
 * A network that validates without errors compiles; errors here are the user's to fix.
 */
import { type Expr, symbols } from "../expr/ast.js";
import { type Issue, issue, suggestion } from "../issues.js";
import type { Network } from "./types.js";

const SID = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateNetwork(net: Network): Issue[] {
  const out: Issue[] = [];
  const err = (code: string, path: string, message: string, hint?: string) =>
    out.push(issue(code, path, message, hint !== undefined ? { hint } : {}));

  // ---- ids: well-formed and unique across every kind
  const kinds = new Map<string, string>();
  const declare = (id: string | undefined, kind: string, path: string) => {
    if (id === undefined) return;
    if (!SID.test(id)) {
      err(
        "bad-id",
        path,
        `Id "${id}" is not a valid identifier.`,
        "Ids start with a letter or _ and contain only letters, digits and _.",
      );
    }
    const prev = kinds.get(id);
    if (prev)
      err(
        "duplicate-id",
        path,
        `Id "${id}" is already used by a ${prev}.`,
        "Every id in a network must be unique.",
      );
    else kinds.set(id, kind);
  };
  net.compartments.forEach((c, i) => declare(c.id, "compartment", `compartments[${i}]`));
  net.species.forEach((s, i) => declare(s.id, "species", `species[${i}]`));
  net.parameters.forEach((p, i) => declare(p.id, "parameter", `parameters[${i}]`));
  net.reactions.forEach((r, i) => {
    declare(r.id, "reaction", `reactions[${i}]`);
    [...r.reactants, ...r.products].forEach((ref) =>
      declare(ref.id, "species reference", `reactions[${i}] (${r.id})`),
    );
  });
  net.events.forEach((e, i) => declare(e.id || undefined, "event", `events[${i}]`));

  const compartmentIds = net.compartments.map((c) => c.id);
  const speciesIds = net.species.map((s) => s.id);
  const speciesById = new Map(net.species.map((s) => [s.id, s]));
  const valueIds = [...kinds.entries()].filter(([, k]) => k !== "event").map(([id]) => id);
  const valueSet = new Set(valueIds);

  const checkExpr = (e: Expr, path: string, locals: ReadonlySet<string> = new Set()) => {
    for (const name of symbols(e)) {
      if (!valueSet.has(name) && !locals.has(name)) {
        err(
          "unknown-id",
          path,
          `Unknown symbol "${name}".`,
          suggestion(name, [...valueIds, ...locals], "symbol"),
        );
      }
    }
  };

  // ---- who sets what
  const assigned = new Map<string, string>(); // variable -> "an assignment rule" | "a rate rule"
  const setByInitial = new Set(net.initialAssignments.map((a) => a.symbol));
  const constantOf = (id: string): boolean | undefined => {
    const c = net.compartments.find((x) => x.id === id);
    if (c) return c.constant;
    const s = speciesById.get(id);
    if (s) return s.constant;
    const p = net.parameters.find((x) => x.id === id);
    if (p) return p.constant;
    for (const r of net.reactions)
      for (const ref of [...r.reactants, ...r.products]) if (ref.id === id) return ref.constant ?? false;
    return undefined;
  };
  const checkTarget = (id: string, path: string, what: string) => {
    if (!valueSet.has(id)) {
      err("unknown-id", path, `${what} targets unknown id "${id}".`, suggestion(id, valueIds));
      return false;
    }
    if (kinds.get(id) === "reaction") {
      err("bad-target", path, `${what} cannot set reaction "${id}"; a reaction's rate is its kinetic law.`);
      return false;
    }
    if (constantOf(id) === true) {
      err(
        "constant-target",
        path,
        `${what} sets "${id}", which is declared constant.`,
        `Declare "${id}" with constant: false.`,
      );
    }
    return true;
  };

  net.assignmentRules.forEach((r, i) => {
    const path = `assignmentRules[${i}] (${r.variable})`;
    if (checkTarget(r.variable, path, "Assignment rule")) {
      if (assigned.has(r.variable))
        err(
          "multiple-rules",
          path,
          `"${r.variable}" is already set by ${assigned.get(r.variable)}.`,
          "A variable can have at most one rule.",
        );
      else assigned.set(r.variable, "an assignment rule");
      if (setByInitial.has(r.variable))
        err(
          "rule-and-initial-assignment",
          path,
          `"${r.variable}" has both an assignment rule and an initial assignment.`,
          "Remove the initial assignment: the rule defines the value at all times.",
        );
    }
    checkExpr(r.math, `${path}.math`);
  });
  net.rateRules.forEach((r, i) => {
    const path = `rateRules[${i}] (${r.variable})`;
    if (checkTarget(r.variable, path, "Rate rule")) {
      if (assigned.has(r.variable))
        err(
          "multiple-rules",
          path,
          `"${r.variable}" is already set by ${assigned.get(r.variable)}.`,
          "A variable can have at most one rule.",
        );
      else assigned.set(r.variable, "a rate rule");
    }
    checkExpr(r.math, `${path}.math`);
  });
  net.algebraicRules.forEach((r, i) => checkExpr(r.math, `algebraicRules[${i}].math`));

  // ---- compartments, species, parameters
  // a quantity an algebraic rule refers to may be the one it determines (compile matches them)
  const inAlgebraic = new Set(net.algebraicRules.flatMap((r) => [...symbols(r.math)]));
  const settable = (id: string) =>
    setByInitial.has(id) || assigned.get(id) === "an assignment rule" || inAlgebraic.has(id);
  net.compartments.forEach((c, i) => {
    const path = `compartments[${i}] (${c.id})`;
    if (!Number.isFinite(c.size) && !settable(c.id))
      err(
        "bad-value",
        path,
        `Compartment size ${c.size} is not a finite number.`,
        "Give a size, or an initial assignment.",
      );
    else if (c.size < 0) err("bad-value", path, `Compartment size ${c.size} is negative.`, "Sizes are >= 0.");
  });
  net.species.forEach((s, i) => {
    const path = `species[${i}] (${s.id})`;
    if (!compartmentIds.includes(s.compartment)) {
      err(
        "unknown-id",
        `${path}.compartment`,
        `Unknown compartment "${s.compartment}".`,
        suggestion(s.compartment, compartmentIds, "compartment"),
      );
    }
    const hasA = s.initialAmount !== undefined;
    const hasC = s.initialConcentration !== undefined;
    if (hasA && hasC)
      err(
        "bad-value",
        path,
        "Both an initial amount and an initial concentration are given.",
        "Give one of them.",
      );
    const v = s.initialAmount ?? s.initialConcentration;
    if ((v === undefined || Number.isNaN(v)) && !settable(s.id)) {
      err(
        "missing-value",
        path,
        `Species "${s.id}" has no initial value.`,
        "Give an initial amount or concentration, or an initial assignment.",
      );
    } else if (v !== undefined && !Number.isNaN(v) && !Number.isFinite(v))
      err("bad-value", path, `Initial value ${v} is not finite.`);
    if (s.conversionFactor !== undefined && kinds.get(s.conversionFactor) !== "parameter") {
      err(
        "unknown-id",
        `${path}.conversionFactor`,
        `Conversion factor "${s.conversionFactor}" is not a parameter.`,
        suggestion(
          s.conversionFactor,
          net.parameters.map((p) => p.id),
          "parameter",
        ),
      );
    }
  });
  net.parameters.forEach((p, i) => {
    if (Number.isNaN(p.value) && !settable(p.id) && !assigned.has(p.id)) {
      err(
        "missing-value",
        `parameters[${i}] (${p.id})`,
        `Parameter "${p.id}" has no value.`,
        "Give a value, an initial assignment or a rule.",
      );
    }
  });
  if (net.conversionFactor !== undefined && kinds.get(net.conversionFactor) !== "parameter") {
    err("unknown-id", "conversionFactor", `Conversion factor "${net.conversionFactor}" is not a parameter.`);
  }

  // ---- reactions
  net.reactions.forEach((r, i) => {
    const path = `reactions[${i}] (${r.id})`;
    const locals = new Set((r.localParameters ?? []).map((p) => p.id));
    const refs = [
      ...r.reactants.map((x) => ["reactant", x] as const),
      ...r.products.map((x) => ["product", x] as const),
    ];
    for (const [role, ref] of refs) {
      const s = speciesById.get(ref.species);
      if (!s) {
        err(
          "unknown-id",
          `${path}.${role}s`,
          `Unknown species "${ref.species}".`,
          suggestion(ref.species, speciesIds, "species"),
        );
        continue;
      }
      if (
        !Number.isFinite(ref.stoichiometry) &&
        !(ref.id && (setByInitial.has(ref.id) || assigned.has(ref.id)))
      ) {
        err(
          "bad-value",
          `${path}.${role}s`,
          `Stoichiometry of "${ref.species}" is ${ref.stoichiometry}.`,
          "Stoichiometries are finite numbers.",
        );
      }
      if (s.constant && !s.boundaryCondition) {
        err(
          "constant-species-in-reaction",
          path,
          `Species "${s.id}" is constant but not a boundary species, so reaction "${r.id}" cannot change it.`,
          `Mark "${s.id}" boundary: true, or not constant.`,
        );
      }
      if (!s.boundaryCondition && assigned.has(s.id)) {
        err(
          "rule-and-reaction",
          path,
          `Species "${s.id}" is set by ${assigned.get(s.id)} and changed by reaction "${r.id}".`,
          `Mark "${s.id}" boundary: true (the rule then sets it), or remove the rule.`,
        );
      }
    }
    for (const m of r.modifiers) {
      if (!speciesById.has(m))
        err(
          "unknown-id",
          `${path}.modifiers`,
          `Unknown species "${m}".`,
          suggestion(m, speciesIds, "species"),
        );
    }
    checkExpr(r.rate, `${path}.rate`, locals);
  });

  // ---- initial assignments
  const seenIA = new Set<string>();
  net.initialAssignments.forEach((a, i) => {
    const path = `initialAssignments[${i}] (${a.symbol})`;
    if (!valueSet.has(a.symbol))
      err(
        "unknown-id",
        path,
        `Initial assignment targets unknown id "${a.symbol}".`,
        suggestion(a.symbol, valueIds),
      );
    if (seenIA.has(a.symbol))
      err("multiple-initial-assignments", path, `"${a.symbol}" has more than one initial assignment.`);
    seenIA.add(a.symbol);
    checkExpr(a.math, `${path}.math`);
  });

  // ---- events
  net.events.forEach((e, i) => {
    const path = `events[${i}]${e.id ? ` (${e.id})` : ""}`;
    checkExpr(e.trigger, `${path}.trigger`);
    if (e.delay) checkExpr(e.delay, `${path}.delay`);
    if (e.priority) checkExpr(e.priority, `${path}.priority`);
    const seen = new Set<string>();
    e.assignments.forEach((a, j) => {
      const apath = `${path}.assignments[${j}] (${a.variable})`;
      if (
        checkTarget(a.variable, apath, "Event assignment") &&
        assigned.get(a.variable) === "an assignment rule"
      ) {
        err(
          "event-sets-rule-variable",
          apath,
          `"${a.variable}" is defined by an assignment rule, so an event cannot set it.`,
        );
      }
      if (seen.has(a.variable))
        err("duplicate-event-assignment", apath, `The event assigns "${a.variable}" twice.`);
      seen.add(a.variable);
      checkExpr(a.math, `${apath}.math`);
    });
  });

  // ---- assignment rules must not depend on themselves (algebraic loop)
  const ruleDeps = new Map(net.assignmentRules.map((r) => [r.variable, [...symbols(r.math)]]));
  const state = new Map<string, 1 | 2>();
  const visit = (v: string, stack: string[]): void => {
    if (state.get(v) === 2) return;
    if (state.get(v) === 1) {
      const cycle = [...stack.slice(stack.indexOf(v)), v];
      err(
        "rule-cycle",
        `assignmentRules (${v})`,
        `Assignment rules form a cycle: ${cycle.join(" -> ")}.`,
        "Break the cycle, or write it as an algebraic rule.",
      );
      return;
    }
    state.set(v, 1);
    for (const d of ruleDeps.get(v) ?? []) if (ruleDeps.has(d)) visit(d, [...stack, v]);
    state.set(v, 2);
  };
  for (const v of ruleDeps.keys()) visit(v, []);

  return out;
}
