/**
 * Rules (assignment, rate, algebraic), initial assignments and events. A construct whose math
 * is missing (allowed in L3V2) has no effect, as the specification says; we warn about it.
 */
import type {
  AlgebraicRule,
  AssignmentRule,
  EventAssignment,
  InitialAssignment,
  NetworkEvent,
  RateRule,
} from "../../core/network/types.js";
import { named } from "./annotation.js";
import {
  boolAttr,
  describe,
  l3Required,
  mathOf,
  type ReadContext,
  items,
  remember,
  report,
  warn,
} from "./context.js";
import { attr, child, type XmlElement } from "./xml.js";

export interface Dynamics {
  assignmentRules: AssignmentRule[];
  rateRules: RateRule[];
  algebraicRules: AlgebraicRule[];
  initialAssignments: InitialAssignment[];
  events: NetworkEvent[];
}

const noMath = (ctx: ReadContext, el: XmlElement, what: string) =>
  warn(ctx, el, "no-math", `${what} has no math, so it has no effect (SBML L3V2).`);

export function readDynamics(ctx: ReadContext, model: XmlElement): Dynamics {
  const out: Dynamics = {
    assignmentRules: [],
    rateRules: [],
    algebraicRules: [],
    initialAssignments: [],
    events: [],
  };
  for (const el of items(ctx, model, "listOfInitialAssignments", ["initialAssignment"])) {
    const symbol = attr(el, "symbol") ?? "";
    remember(ctx, el, "initialAssignments", symbol);
    const math = mathOf(ctx, el, `initial assignment to "${symbol}"`);
    if (math) out.initialAssignments.push({ symbol, math });
    else noMath(ctx, el, `The initial assignment to "${symbol}"`);
  }
  const ruleNames = ["assignmentRule", "rateRule", "algebraicRule"];
  const l1Rules = ["compartmentVolumeRule", "speciesConcentrationRule", "parameterRule"];
  for (const el of items(ctx, model, "listOfRules", [...ruleNames, ...l1Rules])) {
    if (l1Rules.includes(el.name)) {
      report(ctx, el, "unsupported", `<${el.name}> is SBML Level 1, which il6sim does not read.`, {
        hint: "Convert the model to Level 2 or 3 (e.g. with libSBML).",
      });
      continue;
    }
    const variable = attr(el, "variable") ?? "";
    const what = el.name === "algebraicRule" ? "An algebraic rule" : `The ${el.name} for "${variable}"`;
    const math = mathOf(ctx, el, what);
    if (el.name === "algebraicRule") {
      remember(ctx, el, "algebraicRules", String(out.algebraicRules.length));
      if (math) out.algebraicRules.push({ math });
      else noMath(ctx, el, what);
      continue;
    }
    remember(ctx, el, el.name === "assignmentRule" ? "assignmentRules" : "rateRules", variable);
    if (!math) noMath(ctx, el, what);
    else if (el.name === "assignmentRule") out.assignmentRules.push({ variable, math });
    else out.rateRules.push({ variable, math });
  }
  for (const el of items(ctx, model, "listOfEvents", ["event"])) {
    const ev = readEvent(ctx, el, out.events.length);
    if (ev) out.events.push(ev);
  }
  return out;
}

function readEvent(ctx: ReadContext, el: XmlElement, index: number): NetworkEvent | undefined {
  const id = attr(el, "id") ?? "";
  remember(ctx, el, "events", id || String(index));
  const name = id ? `event "${id}"` : `event #${index + 1}`;
  const triggerEl = child(el, "trigger", ctx.ns);
  const trigger = mathOf(ctx, triggerEl, `trigger of ${name}`);
  if (!triggerEl || !trigger) {
    if (!triggerEl && ctx.level >= 3 && ctx.version < 2)
      report(ctx, el, "missing-element", `${describe(el)} has no <trigger>.`);
    else warn(ctx, triggerEl ?? el, "no-math", `The trigger of ${name} has no math, so it never fires.`);
    return undefined;
  }
  // L2 events behave as L3 events with initialValue = true and persistent = true.
  const initialValue = l3Required(
    ctx,
    triggerEl,
    "initialValue",
    boolAttr(ctx, triggerEl, "initialValue"),
    true,
    true,
  );
  const persistent = l3Required(
    ctx,
    triggerEl,
    "persistent",
    boolAttr(ctx, triggerEl, "persistent"),
    true,
    true,
  );
  const uvftt = boolAttr(ctx, el, "useValuesFromTriggerTime");
  const useValuesFromTriggerTime = l3Required(ctx, el, "useValuesFromTriggerTime", uvftt, true, true);
  const delayEl = child(el, "delay", ctx.ns);
  const delay = mathOf(ctx, delayEl, `delay of ${name}`);
  if (delayEl && !delay) noMath(ctx, delayEl, `The delay of ${name}`);
  const priorityEl = child(el, "priority", ctx.ns);
  const priority = mathOf(ctx, priorityEl, `priority of ${name}`);
  if (priorityEl && !priority) noMath(ctx, priorityEl, `The priority of ${name}`);
  const assignments: EventAssignment[] = [];
  for (const a of items(ctx, el, "listOfEventAssignments", ["eventAssignment"])) {
    const variable = attr(a, "variable") ?? "";
    const math = mathOf(ctx, a, `assignment to "${variable}" in ${name}`);
    if (math) assignments.push({ variable, math });
    else noMath(ctx, a, `The assignment to "${variable}" in ${name}`);
  }
  return {
    id,
    ...named(el),
    trigger,
    initialValue,
    persistent,
    useValuesFromTriggerTime,
    assignments,
    ...(delay ? { delay } : {}),
    ...(priority ? { priority } : {}),
  };
}
