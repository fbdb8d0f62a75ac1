/**
 * Triggers as root functions. Every relational atom a ⋚ b inside a trigger becomes a root
 * function g = a − b; the trigger is then evaluated from the atoms' values, so that at a located
 * root the crossing direction (not a rounding-level sign of g) decides the atom's truth.
 */
import { call, type Expr, isRelational, num, sym } from "../expr/ast.js";
import { CodeBuilder } from "../expr/codegen.js";
import { modelFunction, scopeFor } from "../compile/emit.js";
import type { CompiledModel, VecFn } from "../compile/index.js";
import { primitivesOf } from "../compile/layout.js";
import { dependsOnTime } from "../expr/ast.js";

export interface Atom {
  readonly op: "lt" | "le" | "gt" | "ge" | "eq" | "neq";
  /** a − b, in primitive terms. */
  readonly g: Expr;
  /** False when g depends only on parameters: it cannot cross between stops. */
  readonly continuous: boolean;
}

export type TriggerFn = (t: number, y: Float64Array, p: Float64Array, g: Float64Array) => number;

/** Collects atoms across many expressions; identical atoms share one root function. */
export class AtomTable {
  readonly atoms: Atom[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly model: CompiledModel) {}

  /** Replace each relational atom of a (model-level) boolean expression by `op(atom:k, 0)`. */
  rewrite(e: Expr): Expr {
    if (e.kind !== "call") return e;
    if (isRelational(e.op)) {
      const parts: Expr[] = [];
      for (let i = 0; i + 1 < e.args.length; i++) {
        const g = this.model.primitive(call("-", e.args[i], e.args[i + 1]));
        const k = this.add(e.op as Atom["op"], g);
        parts.push(call(e.op, sym(`atom:${k}`), num(0)));
      }
      return parts.length === 1 ? parts[0] : call("and", ...parts);
    }
    return { kind: "call", op: e.op, args: e.args.map((a) => this.rewrite(a)) };
  }

  /** Register the atoms of a relational expression that is already in slot terms. */
  rewritePrimitive(e: Expr & { kind: "call" }): void {
    for (let i = 0; i + 1 < e.args.length; i++)
      this.add(e.op as Atom["op"], call("-", e.args[i], e.args[i + 1]));
  }

  private add(op: Atom["op"], g: Expr): number {
    const key = `${op}|${JSON.stringify(g)}`;
    const hit = this.index.get(key);
    if (hit !== undefined) return hit;
    const continuous =
      dependsOnTime(g) ||
      primitivesOf(g, "y").length > 0 ||
      primitivesOf(g, "r").length > 0 ||
      primitivesOf(g, "v").length > 0;
    this.atoms.push({ op, g, continuous });
    this.index.set(key, this.atoms.length - 1);
    return this.atoms.length - 1;
  }

  /** out[k] = g_k(t, y, p) for every atom. */
  compileRoots(): VecFn {
    return this.model.primitiveExpressions(this.atoms.map((a) => a.g));
  }

  /** A trigger (already rewritten) as a function of (t, y, p, atom values). */
  compileTrigger(rewritten: Expr): TriggerFn {
    const eq = this.model.equations;
    const b = new CodeBuilder(
      scopeFor(eq, (name) => (name.startsWith("atom:") ? `g[${Number(name.slice(5))}]` : undefined)),
    );
    const atomNames = new Map(this.atoms.map((_, k) => [`atom:${k}`, sym(`atom:${k}`)] as const));
    const e = this.model.primitive(rewritten, atomNames);
    for (const x of eq.intermediates) b.count(x.expr);
    b.count(e);
    eq.intermediates.forEach((x, m) => {
      const code = b.emit(x.expr);
      b.lines.push(`const i${m} = ${code};`);
    });
    const code = b.emitCond(e);
    return modelFunction<TriggerFn>(
      eq,
      ["t", "y", "p", "g"],
      `${b.lines.join("\n")}\nreturn ${code} ? 1 : 0;`,
    );
  }
}
