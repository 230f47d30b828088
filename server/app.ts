/**
 * Application factory
 * ===================
 *
 * `createApp(deps)` assembles the Express app (security headers, request ids, authentication, rate
 * limits, body limits, routes, the client, one error middleware) without listening, so tests and
 * `server/index.ts` share it. API requests are authenticated before anything else is done with them:
 * the rate limit keys on the session, and a body is read only up to what the caller may send (16 KB
 * signed out, 1 MB signed in, `INGEST_MAX_BODY` for a caller whose role may ingest; limits count
 * decompressed bytes, so a gzip bomb stops at the limit).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import express, { type Express } from "express";
import helmet from "helmet";

import { PROJECT_ROOT, type Config } from "./config.js";
import { AppError, DatabaseUnavailableError, NotFoundError } from "./common/errors.js";
import { errorMiddleware } from "./http/error.middleware.js";
import { mountRoutes, type AuthHooks, type Principal, type RouteDef } from "./http/route.js";
import type { Logger } from "./logger.js";

export interface AppDeps {
  config: Config;
  log: Logger;
  routes: RouteDef[];
  auth: AuthHooks;
  /** Middleware installed after authentication, before bodies are read (request rate limits). */
  before?: express.RequestHandler[];
  /** Middleware installed after bodies are read (limits keyed on the body, e.g. the sign-in's user name). */
  afterBody?: express.RequestHandler[];
  /** Built client to serve at `/`, when present. */
  clientDir?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // API answers are no-store, so an ETag (a hash over every body, 40 KB for a cluster detail) buys nothing;
  // static files keep theirs (express.static sets its own).
  app.set("etag", false);
  // X-Forwarded-For counts only behind a proxy the operator declares (TRUST_PROXY, off by default).
  app.set("trust proxy", deps.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "img-src": ["'self'", "data:", "blob:"],
          "worker-src": ["'self'", "blob:"],
          "script-src": ["'self'"],
        },
      },
    }),
  );
  app.use((req, res, next) => {
    const requestId = crypto.randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const t0 = performance.now();
    res.on("finish", () =>
      deps.log.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - t0),
        },
        "request",
      ),
    );
    next();
  });
  // The client's files come before authentication, limits and body parsing: they are public, and a flood
  // of sign-ins (or anything else on /api) must not hold up the page that investigators load.
  const clientDir = deps.clientDir ?? path.join(PROJECT_ROOT, "dist", "client");
  if (fs.existsSync(path.join(clientDir, "index.html"))) {
    const files = express.static(clientDir, { index: false, maxAge: "1h" });
    // API requests skip the file lookup (a stat per request otherwise).
    app.use((req, res, next) => (req.path === "/api" || req.path.startsWith("/api/") ? next() : files(req, res, next)));
    app.get(/^\/(?!api(\/|$)).*/, (_req, res) => res.sendFile(path.join(clientDir, "index.html")));
  }
  app.use("/api", (_req, res, next) => {
    // Answers carry personal data (names, addresses, identifiers): no browser or proxy keeps a copy.
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  app.use(async (req, res, next) => {
    // Who is asking, once per API request (not mounted at /api: the hooks look at the full req.path); a
    // bad credential is held back and refused only on routes that need one, so a stray Authorization
    // header does not break public routes.
    if (!req.path.startsWith("/api/")) return next();
    try {
      res.locals.principal = await deps.auth.authenticate(req);
    } catch (err) {
      // A credential that could not be checked (the database is away) is not a signed-out caller: treated
      // as one, an ingest body met the signed-out 16 KB limit and was answered 413 during a Neo4j restart
      // (found by npm run chaos). Answer 503 so the client retries.
      if (!(err instanceof AppError))
        return next(new DatabaseUnavailableError("the credential could not be checked: the database is unavailable"));
      res.locals.principal = null;
      res.locals.authError = err;
    }
    res.locals.authenticated = true;
    next();
  });
  for (const mw of deps.before ?? []) app.use(mw);
  app.use(bodyParsers(deps));
  for (const mw of deps.afterBody ?? []) app.use(mw);
  const router = express.Router();
  mountRoutes(router, deps.routes, deps.auth);
  app.use(router);
  app.use("/api", (req, _res, next) => next(new NotFoundError(`no route ${req.method} ${req.originalUrl}`)));
  app.use(
    errorMiddleware(deps.log, deps.auth.onFailed, {
      refusalHoldMs: deps.config.auth.refusalHoldMs,
      refusalsHeld: deps.config.auth.refusalsHeld,
    }),
  );
  return app;
}

const SIGNED_OUT_BODY = "16kb";
const SIGNED_IN_BODY = "1mb";

/** Picks the body parser (and so the limit) by who is asking, before a byte of the body is read. */
function bodyParsers(deps: AppDeps): express.RequestHandler {
  const textRoutes = new Map(deps.routes.filter((r) => r.bodyKind === "text").map((r) => [r.path, r]));
  const json = { out: express.json({ limit: SIGNED_OUT_BODY }), in: express.json({ limit: SIGNED_IN_BODY }) };
  const text = {
    out: express.text({ type: () => true, limit: SIGNED_OUT_BODY }),
    in: express.text({ type: () => true, limit: SIGNED_IN_BODY }),
    large: express.text({ type: () => true, limit: deps.config.ingest.maxBody }),
  };
  return (req, res, next) => {
    const principal = (res.locals.principal as Principal | null) ?? null;
    const textRoute = textRoutes.get(req.path);
    if (textRoute) {
      const mayPost = principal && textRoute.roles !== "public" && textRoute.roles.includes(principal.role);
      return (mayPost ? text.large : principal ? text.in : text.out)(req, res, next);
    }
    return (principal ? json.in : json.out)(req, res, next);
  };
}
