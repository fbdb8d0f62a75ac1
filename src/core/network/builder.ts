/**
 * The builder: how models are written in code. Modules are plain functions that take a
 * NetworkBuilder and return the ids they created, so composing modules is calling functions.
 *
 *   const net = network("binding", (n) => {
 *     const plasma = n.compartment("plasma", { size: 3, unit: "L" });
 *     const a = n.species("A", { in: plasma, initial: 1, unit: "nM" });
 *     ...
 *     n.reaction("a_binds_b", [a, b], [c], massAction("kon", "koff"));
 *   });
 */
import { type Expr, num, sym, call, toExpr } from "../expr/ast.js";
import { parseExpr } from "../expr/parse.js";
import { type Issue, IssueError, hasErrors } from "../issues.js";
import type {
  Annotation,
  Compartment,
  Confidence,
  EventAssignment,
  Network,
  NetworkEvent,
  Parameter,
  Reaction,
  Species,
  SpeciesReference,
} from "./types.js";
import { validateNetwork } from "./validate.js";

export type Formula = Expr | string | number;

/** A rate law that needs to know the reaction's species and compartments to become an Expr. */
export interface RateLaw {
  readonly kind: "rateLaw";
  build(ctx: RateLawContext): Expr;
}

export interface RateLawContext {
  readonly reactants: readonly SpeciesReference[];
  readonly products: readonly SpeciesReference[];
  /** Compartment id of a species (undefined for an unknown species; validation reports it). */
  compartmentOf(species: string): string | undefined;
  /** Parse a formula, collecting any parse issue on the builder. */
  parse(f: Formula): Expr;
}

/**
 * Mass action, forward (and reverse when kr is given): rate = V·(kf·Π[reactant]^ν − kr·Π[product]^ν),
 * where each direction's volume V is the compartment of its first species (for zero-order
 * synthesis, the product's compartment), so kf and kr are in concentration units.
 */
export function massAction(kf: Formula, kr?: Formula): RateLaw {
  return {
    kind: "rateLaw",
    build(ctx) {
      const side = (
        k: Formula,
        refs: readonly SpeciesReference[],
        other: readonly SpeciesReference[],
      ): Expr => {
        const factors: Expr[] = [ctx.parse(k)];
        for (const r of refs)
          factors.push(
            r.stoichiometry === 1 ? sym(r.species) : call("^", sym(r.species), num(r.stoichiometry)),
          );
        const anchor = refs[0] ?? other[0];
        const volume = anchor && ctx.compartmentOf(anchor.species);
        if (volume) factors.push(sym(volume));
        return factors.length === 1 ? factors[0] : call("*", ...factors);
      };
      const fwd = side(kf, ctx.reactants, ctx.products);
      return kr === undefined ? fwd : call("-", fwd, side(kr, ctx.products, ctx.reactants));
    },
  };
}

function formulaToExpr(f: Formula, path: string, issues: Issue[]): Expr {
  if (typeof f !== "string") return toExpr(f);
  const r = parseExpr(f, path);
  if (r.ok) return r.expr;
  issues.push(...r.issues);
  return num(NaN);
}

export interface SpeciesOptions {
  /** Compartment id. */
  readonly in: string;
  /** Initial concentration (or amount when `amount` is true). */
  readonly initial?: number;
  readonly initialAmount?: number;
  /** The symbol means the amount (SBML hasOnlySubstanceUnits). */
  readonly amount?: boolean;
  readonly boundary?: boolean;
  readonly constant?: boolean;
  readonly unit?: string;
  readonly name?: string;
  readonly annotation?: Annotation;
  readonly notes?: string;
}

export interface ParameterOptions {
  readonly unit?: string;
  readonly source?: string;
  readonly confidence?: Confidence;
  readonly note?: string;
  readonly constant?: boolean;
  readonly name?: string;
}

export interface EventOptions {
  readonly trigger: Formula;
  readonly assign: Readonly<Record<string, Formula>>;
  readonly delay?: Formula;
  readonly priority?: Formula;
  readonly persistent?: boolean;
  readonly initialValue?: boolean;
  readonly useValuesFromTriggerTime?: boolean;
}

type ReactionSide = readonly (string | readonly [number, string] | SpeciesReference)[];

export class NetworkBuilder {
  private readonly compartments: Compartment[] = [];
  private readonly speciesList: Species[] = [];
  private readonly parameters: Parameter[] = [];
  private readonly reactions: Reaction[] = [];
  private readonly assignmentRules: { variable: string; math: Expr }[] = [];
  private readonly rateRules: { variable: string; math: Expr }[] = [];
  private readonly initialAssignments: { symbol: string; math: Expr }[] = [];
  private readonly events: NetworkEvent[] = [];
  private readonly issues: Issue[] = [];

  constructor(
    readonly id: string,
    readonly name?: string,
  ) {}

  private parse(f: Formula, path: string): Expr {
    return formulaToExpr(f, path, this.issues);
  }

  compartment(
    id: string,
    opts: { size: number; unit?: string; constant?: boolean; dims?: number; name?: string },
  ): string {
    this.compartments.push({
      id,
      size: opts.size,
      spatialDimensions: opts.dims ?? 3,
      constant: opts.constant ?? true,
      ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
    });
    return id;
  }

  species(id: string, opts: SpeciesOptions): string {
    const amountInit = opts.initialAmount ?? (opts.amount ? opts.initial : undefined);
    const concInit = amountInit === undefined ? (opts.initial ?? 0) : undefined;
    this.speciesList.push({
      id,
      compartment: opts.in,
      ...(amountInit !== undefined ? { initialAmount: amountInit } : { initialConcentration: concInit }),
      hasOnlySubstanceUnits: opts.amount ?? false,
      boundaryCondition: opts.boundary ?? false,
      constant: opts.constant ?? false,
      ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
      ...(opts.annotation !== undefined ? { annotation: opts.annotation } : {}),
      ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
    });
    return id;
  }

  parameter(id: string, value: number, opts: ParameterOptions = {}): string {
    const provenance =
      opts.source !== undefined
        ? {
            source: opts.source,
            confidence: opts.confidence ?? "assumed",
            ...(opts.note !== undefined ? { note: opts.note } : {}),
          }
        : undefined;
    this.parameters.push({
      id,
      value,
      constant: opts.constant ?? true,
      ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
      ...(provenance ? { provenance } : {}),
    });
    return id;
  }

  reaction(
    id: string,
    reactants: ReactionSide,
    products: ReactionSide,
    rate: Formula | RateLaw,
    opts: {
      modifiers?: readonly string[];
      reversible?: boolean;
      name?: string;
      annotation?: Annotation;
    } = {},
  ): string {
    const refs = (side: ReactionSide): SpeciesReference[] =>
      side.map((s) =>
        typeof s === "string"
          ? { species: s, stoichiometry: 1 }
          : Array.isArray(s)
            ? { species: s[1], stoichiometry: s[0] }
            : (s as SpeciesReference),
      );
    const r = refs(reactants);
    const p = refs(products);
    const isLaw = typeof rate === "object" && rate !== null && "kind" in rate && rate.kind === "rateLaw";
    const expr = isLaw
      ? (rate as RateLaw).build({
          reactants: r,
          products: p,
          compartmentOf: (s) => this.speciesList.find((x) => x.id === s)?.compartment,
          parse: (f) => this.parse(f, `reactions.${id}.rate`),
        })
      : this.parse(rate as Formula, `reactions.${id}.rate`);
    this.reactions.push({
      id,
      reactants: r,
      products: p,
      modifiers: opts.modifiers ?? [],
      rate: expr,
      reversible: opts.reversible ?? (isLaw ? expr.kind === "call" && expr.op === "-" : false),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
      ...(opts.annotation !== undefined ? { annotation: opts.annotation } : {}),
    });
    return id;
  }

  assignmentRule(variable: string, math: Formula): void {
    this.assignmentRules.push({ variable, math: this.parse(math, `assignmentRules.${variable}`) });
  }

  rateRule(variable: string, math: Formula): void {
    this.rateRules.push({ variable, math: this.parse(math, `rateRules.${variable}`) });
  }

  initialAssignment(symbol: string, math: Formula): void {
    this.initialAssignments.push({ symbol, math: this.parse(math, `initialAssignments.${symbol}`) });
  }

  event(id: string, opts: EventOptions): string {
    const assignments: EventAssignment[] = Object.entries(opts.assign).map(([variable, f]) => ({
      variable,
      math: this.parse(f, `events.${id}.assign.${variable}`),
    }));
    this.events.push({
      id,
      trigger: this.parse(opts.trigger, `events.${id}.trigger`),
      initialValue: opts.initialValue ?? true,
      persistent: opts.persistent ?? true,
      useValuesFromTriggerTime: opts.useValuesFromTriggerTime ?? true,
      assignments,
      ...(opts.delay !== undefined ? { delay: this.parse(opts.delay, `events.${id}.delay`) } : {}),
      ...(opts.priority !== undefined
        ? { priority: this.parse(opts.priority, `events.${id}.priority`) }
        : {}),
    });
    return id;
  }

  /** Is an id already defined (any kind)? Lets modules share a parameter without duplicating it. */
  has(id: string): boolean {
    return [this.compartments, this.speciesList, this.parameters, this.reactions].some((xs) =>
      xs.some((x) => x.id === id),
    );
  }

  /** The network and every issue (parse errors, then validation). */
  build(): { network: Network; issues: Issue[] } {
    const network: Network = {
      id: this.id,
      ...(this.name !== undefined ? { name: this.name } : {}),
      compartments: [...this.compartments],
      species: [...this.speciesList],
      parameters: [...this.parameters],
      reactions: [...this.reactions],
      assignmentRules: [...this.assignmentRules],
      rateRules: [...this.rateRules],
      algebraicRules: [],
      initialAssignments: [...this.initialAssignments],
      events: [...this.events],
    };
    return { network, issues: [...this.issues, ...validateNetwork(network)] };
  }
}

/** Build a network in code; throws IssueError listing every problem if it is invalid. */
export function network(id: string, define: (n: NetworkBuilder) => void, name?: string): Network {
  const b = new NetworkBuilder(id, name);
  define(b);
  const { network: net, issues } = b.build();
  if (hasErrors(issues)) throw new IssueError(issues, `network "${id}" is invalid`);
  return net;
}
