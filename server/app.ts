/**
 * Application factory
 * ===================
 *
 * `createApp(deps)` assembles the Express app (security headers, body limits, request ids, routes,
 * the client, one error middleware) without listening, so tests and `server/index.ts` share it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import express, { type Express } from "express";
import helmet from "helmet";

import { PROJECT_ROOT, type Config } from "./config.js";
import { NotFoundError } from "./errors.js";
import { errorMiddleware } from "./http/error.middleware.js";
import { mountRoutes, type AuthHooks, type RouteDef } from "./http/route.js";
import type { Logger } from "./logger.js";

export interface AppDeps {
  config: Config;
  log: Logger;
  routes: RouteDef[];
  auth: AuthHooks;
  /** Extra middleware installed before the routes (rate limits, cookies). */
  before?: express.RequestHandler[];
  /** Built client to serve at `/`, when present. */
  clientDir?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
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
  for (const mw of deps.before ?? []) app.use(mw);
  const textRoutes = deps.routes.filter((r) => r.bodyKind === "text").map((r) => r.path);
  app.use(textRoutes, express.text({ type: () => true, limit: deps.config.ingest.maxBody }));
  app.use(express.json({ limit: "1mb" }));
  const router = express.Router();
  mountRoutes(router, deps.routes, deps.auth);
  app.use(router);
  app.use("/api", (req, _res, next) => next(new NotFoundError(`no route ${req.method} ${req.originalUrl}`)));
  const clientDir = deps.clientDir ?? path.join(PROJECT_ROOT, "dist", "client");
  if (fs.existsSync(path.join(clientDir, "index.html"))) {
    app.use(express.static(clientDir, { index: false, maxAge: "1h" }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, "index.html")));
  }
  app.use(errorMiddleware(deps.log));
  return app;
}
