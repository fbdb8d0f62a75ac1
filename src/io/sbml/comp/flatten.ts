import { type ReadContext, report } from "../context.js";
import type { XmlElement } from "../xml.js";

export function flattenComp(ctx: ReadContext, _root: XmlElement, model: XmlElement): XmlElement {
  report(ctx, model, "unsupported-package", "comp is not supported yet.");
  return model;
}
