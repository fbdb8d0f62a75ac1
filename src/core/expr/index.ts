export * from "./ast.js";
export { parseExpr, parseTrusted, KNOWN_FUNCTIONS, type ParseResult } from "./parse.js";
export { toText, formatNumber } from "./print.js";
export { evaluate, envOf, type EvalEnv } from "./evaluate.js";
export { simplify } from "./simplify.js";
export { differentiate, gradient, NotDifferentiable } from "./differentiate.js";
export {
  CodeBuilder,
  compileExpr,
  makeFunction,
  jsNumber,
  UnknownSymbolError,
  type CodegenScope,
} from "./codegen.js";
export { MATH, gamma, digamma } from "./functions.js";
