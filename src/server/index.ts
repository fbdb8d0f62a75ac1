/** The il6sim HTTP API and web app server (see docs/web.md). */
export { createServer, startServer, type Server } from "./app.js";
export { defaultOptions, defaultDbPath, DEFAULT_DB, type ServerOptions } from "./options.js";
export { StoreError } from "./store/db.js";
