/**
 * Rate limits
 * ===========
 *
 * Two express-rate-limit limiters installed before the routes: failed sign-ins per IP address and user
 * name (successful ones do not count, so a colleague's typo cannot lock out the office), and all API
 * requests per IP address. Both answer with the usual JSON error (429, `rate_limited`).
 */
import express, { type RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";

import type { Config } from "../config.js";
import { RateLimitedError } from "../errors.js";

const SIGN_IN_PATH = "/api/auth/signin";
const SIGN_IN_WINDOW_MS = 15 * 60_000;

export function rateLimits(config: Config): RequestHandler[] {
  const out: RequestHandler[] = [];
  const { apiRateLimit, signinRateLimit } = config.auth;
  if (apiRateLimit > 0)
    out.push(
      rateLimit({
        windowMs: 60_000,
        limit: apiRateLimit,
        standardHeaders: "draft-8",
        legacyHeaders: false,
        skip: (req) => !req.path.startsWith("/api/"),
        handler: (_req, _res, next) => next(new RateLimitedError("too many requests from this address: wait a minute")),
      }),
    );
  // The sign-in limiter keys on the user name, so it needs the parsed body: parse it here (express.json
  // marks the body as read, and the app's own JSON parser then leaves it alone).
  const json = express.json({ limit: "16kb" });
  const signIn = rateLimit({
    windowMs: SIGN_IN_WINDOW_MS,
    limit: signinRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const username = typeof req.body?.username === "string" ? req.body.username.toLowerCase().slice(0, 128) : "";
      return `${ipKeyGenerator(req.ip ?? "")}|${username}`;
    },
    handler: (_req, _res, next) =>
      next(new RateLimitedError("too many failed sign-ins for this user from this address: try again in 15 minutes")),
  });
  out.push((req, res, next) => {
    if (req.method !== "POST" || req.path !== SIGN_IN_PATH) return next();
    json(req, res, (err?: unknown) => (err ? next(err) : signIn(req, res, next)));
  });
  return out;
}
