/**
 * How the API says no. Every error body is {error, message, issues?}: `error` a stable code,
 * `message` a sentence that says what to do, `issues` the scenario's issue list. 4xx for what
 * a request got wrong, 429/503 for a busy or degraded server, 500 only for bugs.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { Issue } from "../core/issues.js";
import { StoreError } from "./store/db.js";
import { TooBusy } from "./runs/manager.js";

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly issues?: readonly Issue[];
  readonly [k: string]: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string, hint = ""): HttpError =>
  new HttpError(404, "not-found", `No ${what} "${id}".${hint ? ` ${hint}` : ""}`);

export function invalid(
  issues: readonly Issue[],
  message = "The scenario has problems; see issues.",
): HttpError {
  return new HttpError(400, "invalid-scenario", message, { issues });
}

/** Fastify's own 4xx errors (body parsing, limits) in our shape. */
function fromFastify(err: FastifyError, maxBodyBytes: number): HttpError | undefined {
  const status = err.statusCode ?? 500;
  if (status >= 500) return undefined;
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError(
        413,
        "body-too-large",
        `The request body is larger than ${Math.round(maxBodyBytes / 1024)} KiB. A scenario is a few KiB; send less.`,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HttpError(
        415,
        "unsupported-media-type",
        "Send the scenario as application/json or application/yaml.",
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new HttpError(400, "empty-body", "The request body is empty; send a scenario as JSON.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new HttpError(400, "malformed-json", `Malformed JSON: ${err.message}`);
    default:
      if (err instanceof SyntaxError || /JSON/.test(err.message))
        return new HttpError(
          400,
          "malformed-json",
          `Malformed JSON: ${err.message}. Check quotes, commas and brackets.`,
        );
      return new HttpError(status, "bad-request", err.message);
  }
}

export function errorHandler(maxBodyBytes: number, log: (msg: string) => void) {
  return (err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void => {
    let e: HttpError;
    if (err instanceof HttpError) e = err;
    else if (err instanceof StoreError)
      e = new HttpError(
        err.kind === "corrupt" || err.kind === "io" ? 500 : 503,
        `store-${err.kind}`,
        err.message,
      );
    else if (err instanceof TooBusy)
      e = new HttpError(429, "busy", `${err.message} Try again in a few seconds.`);
    else {
      const f = fromFastify(err, maxBodyBytes);
      if (f) e = f;
      else {
        log(`il6sim internal error: ${err.stack ?? err.message}`);
        e = new HttpError(
          500,
          "internal",
          `il6sim internal error: ${err.message}. This is a bug; please report it.`,
        );
      }
    }
    if (e.status === 429 || e.status === 503) void reply.header("retry-after", "5");
    void reply.code(e.status).send({ error: e.code, message: e.message, ...e.extra } satisfies ErrorBody);
  };
}
