/**
 * Error rendering
 * ===============
 *
 * The one place errors become HTTP responses: `{ error: { code, message, details? } }`. Unknown errors
 * are logged with their stack and rendered as a 500 without it. A signed-out caller's 429 is held back
 * for up to `refusalHoldMs` (see REFUSAL_HOLD_MS in server/config.ts): a flood that waits for answers
 * then slows to one request a second per connection, and a held answer costs a timer, not CPU.
 */
import type { NextFunction, Request, Response } from "express";

import { AppError, PayloadTooLargeError, RateLimitedError, ValidationError } from "../common/errors.js";
import type { Logger } from "../logger.js";

export function errorMiddleware(
  log: Logger,
  onFailed?: (req: Request, res: Response, status: number, code: string, message: string) => void,
  hold: { refusalHoldMs: number; refusalsHeld: number } = { refusalHoldMs: 0, refusalsHeld: 0 },
) {
  let held = 0;
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    void _next;
    let appErr: AppError;
    const e = err as { type?: string; status?: number; message?: string; code?: string };
    if (err instanceof AppError) appErr = err;
    else if (e?.type === "entity.too.large")
      appErr = new PayloadTooLargeError(`request body is larger than the limit (${e.message})`);
    else if (e?.type === "entity.parse.failed")
      appErr = new ValidationError(`request body is not valid JSON: ${e.message}`);
    else if (e?.status && e.status >= 400 && e.status < 500)
      appErr = new AppError(e.message ?? "bad request", "bad_request", e.status);
    else if (typeof e?.code === "string" && e.code.startsWith("ServiceUnavailable"))
      appErr = new AppError("the database is unavailable", "database_unavailable", 503);
    else {
      log.error({ err, path: req.path }, "unhandled error");
      appErr = new AppError("internal error", "internal", 500);
    }
    if (appErr instanceof RateLimitedError && appErr.retryAfterSeconds)
      res.setHeader("Retry-After", String(appErr.retryAfterSeconds));
    if (appErr.status >= 500) log.warn({ code: appErr.code, path: req.path }, appErr.message);
    res.locals.errorCode = appErr.code;
    if (!res.locals.failureRecorded) onFailed?.(req, res, appErr.status, appErr.code, appErr.message);
    const body = {
      error: { code: appErr.code, message: appErr.message, ...(appErr.details ? { details: appErr.details } : {}) },
    };
    const send = () => void res.status(appErr.status).json(body);
    const signedOut = !res.locals.principal;
    if (!(appErr instanceof RateLimitedError && signedOut && hold.refusalHoldMs > 0 && held < hold.refusalsHeld))
      return send();
    held++;
    let done = false;
    const release = () => {
      if (done) return false;
      done = true;
      held--;
      clearTimeout(timer);
      return true;
    };
    const ms = Math.min(hold.refusalHoldMs, (appErr.retryAfterSeconds ?? 1) * 1000);
    const timer = setTimeout(() => {
      if (release() && !res.headersSent && !res.destroyed) send();
    }, ms);
    res.once("close", release);
  };
}
