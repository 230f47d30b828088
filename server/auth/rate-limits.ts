/**
 * Rate limits
 * ===========
 *
 * express-rate-limit limiters, each answering with the usual JSON error (429, `rate_limited`):
 * - requests: a signed-in caller is limited per session (or service token), `SESSION_RATE_LIMIT` a
 *   minute, so fifty investigators behind one office address do not share one budget; a signed-out
 *   caller per address, `API_RATE_LIMIT` a minute. Runs after authentication, before bodies are read;
 * - failed sign-ins per address and normalised user name (trimmed, NFKC, case-folded, so padding or
 *   capitals do not make a fresh key), `SIGNIN_RATE_LIMIT` per 15 minutes; successful ones do not count,
 *   so a colleague's typo cannot lock out the office;
 * - wrong current passwords on a password change, per user, `PASSWORD_CHANGE_RATE_LIMIT` per 15 minutes.
 *
 * The address is `req.ip`, which honours X-Forwarded-For only when `TRUST_PROXY` says so.
 */
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";

import type { Config } from "../config.js";
import { RateLimitedError } from "../errors.js";
import type { Principal } from "../http/route.js";

export const SIGN_IN_PATH = "/api/auth/signin";
export const PASSWORD_PATH = "/api/auth/password";
const WINDOW_15_MIN = 15 * 60_000;
/** The error code of a wrong current password (auth.service.ts), the only failure the limiter counts. */
export const WRONG_CURRENT_PASSWORD = "wrong_current_password";

/** The user-name form the sign-in limiter keys on: what a person would call the same name. */
export function normaliseUsername(name: unknown): string {
  return typeof name === "string" ? name.normalize("NFKC").trim().toLowerCase().slice(0, 128) : "";
}

const principalOf = (res: Response): Principal | null => (res.locals.principal as Principal | null) ?? null;
const retryAfter = (req: Request) => {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : undefined;
};

export interface Limits {
  /** Before bodies are read (needs `res.locals.principal`). */
  requests: RequestHandler[];
  /** After bodies are read (the sign-in limiter keys on the user name in the body). */
  afterBody: RequestHandler[];
}

export function rateLimits(config: Config): Limits {
  const { apiRateLimit, sessionRateLimit, signinRateLimit, passwordChangeRateLimit } = config.auth;
  const common = {
    standardHeaders: "draft-8" as const,
    legacyHeaders: false,
    // X-Forwarded-For is trusted only through TRUST_PROXY; a header sent anyway is not a misconfiguration.
    validate: { xForwardedForHeader: false },
  };
  const requests = rateLimit({
    ...common,
    windowMs: 60_000,
    limit: (_req, res) => (principalOf(res) ? sessionRateLimit : apiRateLimit),
    skip: (req, res) =>
      !req.path.startsWith("/api/") || (principalOf(res) ? sessionRateLimit === 0 : apiRateLimit === 0),
    keyGenerator: (req, res) => {
      const p = principalOf(res);
      if (p) return p.sessionId ? `session:${p.sessionId}` : `principal:${p.id}`;
      return `ip:${ipKeyGenerator(req.ip ?? "")}`;
    },
    handler: (req, res, next) =>
      next(
        new RateLimitedError(
          principalOf(res)
            ? "too many requests in this session: wait a minute"
            : "too many requests from this address: wait a minute",
          retryAfter(req),
        ),
      ),
  });
  const signIn = rateLimit({
    ...common,
    windowMs: WINDOW_15_MIN,
    limit: signinRateLimit,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${normaliseUsername(req.body?.username)}`,
    handler: (req, _res, next) =>
      next(
        new RateLimitedError(
          "too many failed sign-ins for this user from this address: try again in 15 minutes",
          retryAfter(req),
        ),
      ),
  });
  const passwordChange = rateLimit({
    ...common,
    windowMs: WINDOW_15_MIN,
    limit: passwordChangeRateLimit,
    // Only a wrong current password counts: a weak new password is the user's typo, not a guess.
    requestWasSuccessful: (_req, res) => res.locals.errorCode !== WRONG_CURRENT_PASSWORD,
    skipSuccessfulRequests: true,
    keyGenerator: (req, res) => `user:${principalOf(res)?.id ?? `ip:${ipKeyGenerator(req.ip ?? "")}`}`,
    handler: (req, _res, next) =>
      next(new RateLimitedError("too many wrong current passwords: try again in 15 minutes", retryAfter(req))),
  });
  return {
    requests: [requests],
    afterBody: [
      (req, res, next) => (req.method === "POST" && req.path === SIGN_IN_PATH ? signIn(req, res, next) : next()),
      (req, res, next) =>
        req.method === "POST" && req.path === PASSWORD_PATH ? passwordChange(req, res, next) : next(),
    ],
  };
}
