/**
 * An SBML <model> element (core, already flattened if it used `comp`) -> Network.
 * Level 2 defaults are filled in here; Level 3 requires the attributes and we warn if missing.
 */
import { num } from "../../core/expr/ast.js";
import type {
  Compartment,
  InitialAssignment,
  Network,
  Parameter,
  Species,
  UnitDefinition,
} from "../../core/network/types.js";
import { named, readUnitDefinition } from "./annotation.js";
import {
  boolAttr,
  describe,
  items,
  l3Required,
  numberAttr,
  type ReadContext,
  remember,
  report,
  warn,
} from "./context.js";
import { readLambda } from "./mathml.js";
import { readDynamics } from "./read-dynamics.js";
import { readReactions } from "./read-reactions.js";
import { attr, type XmlElement } from "./xml.js";

const MODEL_CHILDREN = new Set([
  "notes",
  "annotation",
  "listOfFunctionDefinitions",
  "listOfUnitDefinitions",
  "listOfCompartmentTypes",
  "listOfSpeciesTypes",
  "listOfCompartments",
  "listOfSpecies",
  "listOfParameters",
  "listOfInitialAssignments",
  "listOfRules",
  "listOfConstraints",
  "listOfReactions",
  "listOfEvents",
]);

export function readModel(ctx: ReadContext, model: XmlElement): Network {
  for (const c of model.children) {
    if (c.uri === ctx.ns && !MODEL_CHILDREN.has(c.name))
      report(ctx, c, "unknown-element", `<${c.name}> is not an SBML model component.`, {
        hint: `Allowed in <model>: ${[...MODEL_CHILDREN].map((n) => `<${n}>`).join(", ")}.`,
      });
  }
  for (const f of items(ctx, model, "listOfFunctionDefinitions", ["functionDefinition"])) {
    const id = attr(f, "id") ?? "";
    remember(ctx, f, "functionDefinitions", id);
    const mathEl = f.children.find((c) => c.name === "math");
    ctx.math.functions.set(id, readLambda(id, f, mathEl, ctx.math));
  }
  const unitDefinitions: UnitDefinition[] = items(ctx, model, "listOfUnitDefinitions", [
    "unitDefinition",
  ]).map((u) => readUnitDefinition(ctx, u));
  for (const c of items(ctx, model, "listOfConstraints", ["constraint"]))
    warn(ctx, c, "constraint-ignored", "Constraints are not checked during simulation; this one is ignored.");

  const compartments = items(ctx, model, "listOfCompartments", ["compartment"]).map((c) =>
    readCompartment(ctx, c),
  );
  const dims = new Map(compartments.map((c) => [c.id, c.spatialDimensions]));
  const species = items(ctx, model, "listOfSpecies", ["species"]).map((s) => readSpecies(ctx, s, dims));
  const parameterEls = items(ctx, model, "listOfParameters", ["parameter"]);
  const parameters = parameterEls.map((p) => readParameter(ctx, p));
  const { reactions, stoichiometryRules } = readReactions(ctx, model);
  const dyn = readDynamics(ctx, model);

  const units: Record<string, string> = {};
  for (const k of ["time", "substance", "volume", "area", "length", "extent"] as const) {
    const u = attr(model, `${k}Units`);
    if (u !== undefined) units[k] = u;
  }
  const conversionFactor = attr(model, "conversionFactor");
  const id = attr(model, "id") ?? "model";
  return {
    id,
    ...named(model),
    compartments,
    species,
    parameters,
    reactions,
    assignmentRules: [...dyn.assignmentRules, ...stoichiometryRules],
    rateRules: dyn.rateRules,
    algebraicRules: dyn.algebraicRules,
    initialAssignments: [...declaredNaN(parameterEls, dyn.initialAssignments), ...dyn.initialAssignments],
    events: dyn.events,
    ...(conversionFactor !== undefined ? { conversionFactor } : {}),
    ...(unitDefinitions.length ? { unitDefinitions } : {}),
    ...(Object.keys(units).length ? { units } : {}),
  };
}

function readCompartment(ctx: ReadContext, el: XmlElement): Compartment {
  const id = attr(el, "id") ?? "";
  remember(ctx, el, "compartments", id);
  const dimsRaw = numberAttr(ctx, el, "spatialDimensions");
  const spatialDimensions = l3Required(ctx, el, "spatialDimensions", dimsRaw, 3, 3);
  const size = numberAttr(ctx, el, "size") ?? numberAttr(ctx, el, "volume");
  const constant = l3Required(ctx, el, "constant", boolAttr(ctx, el, "constant"), true, true);
  const unit = attr(el, "units");
  if (ctx.level < 3 && spatialDimensions === 0 && size !== undefined)
    report(ctx, el, "bad-attribute", `${describe(el)} has 0 dimensions, so it cannot have a size.`);
  return {
    id,
    ...named(el),
    // A 0-D compartment has no size; species in it are amounts, so its symbol is never a volume.
    size: size ?? (spatialDimensions === 0 ? 1 : NaN),
    spatialDimensions,
    constant,
    ...(unit !== undefined ? { unit } : {}),
  };
}

function readSpecies(ctx: ReadContext, el: XmlElement, dims: ReadonlyMap<string, number>): Species {
  const id = attr(el, "id") ?? "";
  remember(ctx, el, "species", id);
  const compartment = attr(el, "compartment") ?? "";
  const initialAmount = numberAttr(ctx, el, "initialAmount");
  const initialConcentration = numberAttr(ctx, el, "initialConcentration");
  const hosu = l3Required(
    ctx,
    el,
    "hasOnlySubstanceUnits",
    boolAttr(ctx, el, "hasOnlySubstanceUnits"),
    false,
    false,
  );
  const boundaryCondition = l3Required(
    ctx,
    el,
    "boundaryCondition",
    boolAttr(ctx, el, "boundaryCondition"),
    false,
    false,
  );
  const constant = l3Required(ctx, el, "constant", boolAttr(ctx, el, "constant"), false, false);
  if (ctx.level < 3 && initialConcentration !== undefined && dims.get(compartment) === 0)
    report(
      ctx,
      el,
      "bad-attribute",
      `${describe(el)} is in a 0-dimensional compartment, so it cannot have an initial concentration.`,
      {
        hint: "Give an initialAmount.",
      },
    );
  const unit = attr(el, "substanceUnits") ?? attr(el, "units");
  const conversionFactor = attr(el, "conversionFactor");
  return {
    id,
    ...named(el),
    compartment,
    ...(initialAmount !== undefined ? { initialAmount } : {}),
    ...(initialConcentration !== undefined && initialAmount === undefined ? { initialConcentration } : {}),
    // L2: a species in a 0-D compartment is an amount (L3 has no such rule: a 0-D compartment
    // with a size behaves like any other)
    hasOnlySubstanceUnits: hosu || (ctx.level < 3 && dims.get(compartment) === 0),
    boundaryCondition,
    constant,
    ...(unit !== undefined ? { unit } : {}),
    ...(conversionFactor !== undefined ? { conversionFactor } : {}),
  };
}

/**
 * A network's NaN value means "no value" (validateNetwork reports it), but SBML may declare a
 * parameter's value to be NaN (value="NaN", test case 00951): such a value becomes an initial
 * assignment of NaN, unless the model assigns the parameter itself.
 */
function declaredNaN(
  els: readonly XmlElement[],
  assigned: readonly InitialAssignment[],
): InitialAssignment[] {
  return els
    .filter((el) => attr(el, "value")?.trim() === "NaN")
    .map((el) => attr(el, "id") ?? "")
    .filter((id) => id !== "" && !assigned.some((a) => a.symbol === id))
    .map((id) => ({ symbol: id, math: num(NaN) }));
}

function readParameter(ctx: ReadContext, el: XmlElement): Parameter {
  const id = attr(el, "id") ?? "";
  remember(ctx, el, "parameters", id);
  const value = numberAttr(ctx, el, "value");
  const constant = l3Required(ctx, el, "constant", boolAttr(ctx, el, "constant"), true, true);
  const unit = attr(el, "units");
  return { id, ...named(el), value: value ?? NaN, constant, ...(unit !== undefined ? { unit } : {}) };
}
