/** Summaries and chart specs shared by the CLI and the web app; rendering for Node. */
export * from "./summary.js";
export * from "./metrics.js";
export * from "./markers.js";
export * from "./labels.js";
export * from "./chart-spec.js";
