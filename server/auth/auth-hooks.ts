/**
 * Auth hooks
 * ==========
 *
 * What `mountRoutes` calls on every request: who is asking (a `Bearer` service token, else the
 * `rs_session` cookie), whether a state-changing cookie request carries the CSRF secret, and the audit
 * records of denied access, of failed requests and failed authentication, and of routes that declare
 * `audit`. Records of reads (GET, and requests a route declares `queued`) are queued (the answer does not
 * wait for the chain); records of anything that changes state are committed before the answer (see
 * server/audit/sequencer.ts).
 */
import type { Request, Response } from "express";

import { actorOf } from "../audit/actor.js";
import type { AuditService } from "../audit/audit.service.js";
import { AppError, UnauthenticatedError } from "../common/errors.js";
import type { AuthHooks, Principal, RouteContext, RouteDef } from "../http/route.js";
import type { Logger } from "../logger.js";
import { INGESTED_IDS } from "../audit/written.js";
import type { AuthService, ResolvedSession } from "./auth.service.js";
import { CSRF_COOKIE, CSRF_HEADER, readCookies, SESSION_COOKIE } from "./cookies.js";
import { SIGN_IN_PATH, WRONG_CURRENT_PASSWORD } from "./rate-limits.js";
import { safeEqual, sha256Hex } from "../credentials/secrets.js";

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super("change your password before going on", "password_change_required", 403);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super("missing or wrong X-CSRF-Token header (send the value of the rs_csrf cookie)", "csrf_failed", 403);
  }
}

/** What a user who must change their password may still do. */
const PASSWORD_CHANGE_PATHS = new Set([
  "/api/auth/me",
  "/api/auth/password",
  "/api/auth/signin",
  "/api/auth/signout",
  "/api/health",
]);

function defaultTarget(action: string, params: unknown): { type: string; id: string } | null {
  const id = (params as Record<string, unknown> | null)?.id;
  return typeof id === "string" ? { type: action.replace(/^view_/, ""), id } : null;
}

function plainQuery(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((query as Record<string, unknown>) ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/** Failures their service records itself (with more detail), so the generic record would repeat them. */
const ALREADY_RECORDED = new Set([WRONG_CURRENT_PASSWORD]);

function presentedCredential(req: Request, res: Response): boolean {
  return Boolean(res.locals.authError || req.headers.authorization || readCookies(req.headers.cookie)[SESSION_COOKIE]);
}

export interface HookDeps {
  /** Cases with members among the given application ids (flags an ingest that rewrites case members). */
  casesWithMembers?(ids: string[]): Promise<{ case_id: string; application_ids: string[] }[]>;
}

export function createAuthHooks(auth: AuthService, audit: AuditService, log: Logger, deps: HookDeps = {}): AuthHooks {
  const sessions = new WeakMap<Request, ResolvedSession>();
  return {
    async authenticate(req: Request): Promise<Principal | null> {
      const header = req.headers.authorization;
      if (header) {
        // Only Bearer is ours; anything else (Basic from a proxy, a stray header) is refused on protected
        // routes and ignored on public ones (createApp holds the error back).
        const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (!m) throw new UnauthenticatedError("the Authorization header must be `Bearer <service token>`");
        const principal = await auth.resolveToken(m[1]!);
        if (!principal) throw new UnauthenticatedError("the service token is unknown, revoked or expired");
        return principal;
      }
      const token = readCookies(req.headers.cookie)[SESSION_COOKIE];
      if (!token) return null;
      const s = await auth.resolveSession(token);
      if (!s) return null;
      if (s.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(req.path)) throw new PasswordChangeRequiredError();
      sessions.set(req, s);
      return s.principal;
    },

    checkCsrf(req: Request, principal: Principal | null): void {
      // Only cookie sessions need it: browsers attach cookies to cross-site requests, never a Bearer token.
      const s = principal ? sessions.get(req) : undefined;
      if (!s) return;
      const sent = req.get(CSRF_HEADER) ?? "";
      const cookie = readCookies(req.headers.cookie)[CSRF_COOKIE] ?? "";
      if (!sent || !cookie || !safeEqual(sent, cookie) || !safeEqual(sha256Hex(sent), s.csrfHash))
        throw new CsrfError();
    },

    onDenied(req: Request, principal: Principal | null, route: RouteDef): void {
      // Signed-out requests are answered 401 without a record (the sign-in page would flood the trail);
      // a signed-in user reaching for something their role does not allow is worth an auditor's look.
      if (!principal) return;
      audit
        .recordRead(
          { principal, ip: req.ip ?? "", userAgent: String(req.headers["user-agent"] ?? ""), requestId: "" },
          {
            action: "access_denied",
            outcome: "denied",
            target: { type: "route", id: `${route.method.toUpperCase()} ${route.path}` },
            details: { path: req.path },
          },
        )
        .catch((err: unknown) => log.error({ err }, "audit: could not record a denied request"));
    },

    async record(route: RouteDef, ctx: RouteContext<unknown, unknown, unknown>, out: unknown): Promise<void> {
      const spec = typeof route.audit === "string" ? { action: route.audit } : route.audit;
      if (!spec) return;
      const target = "target" in spec && spec.target ? spec.target(ctx, out) : defaultTarget(spec.action, ctx.params);
      const details = "details" in spec && spec.details ? spec.details(ctx, out) : plainQuery(ctx.query);
      const written = (out as { [INGESTED_IDS]?: string[] } | null)?.[INGESTED_IDS];
      if (written?.length && deps.casesWithMembers) {
        // Data of applications frozen into a case was rewritten: the entry says which cases, for the auditor.
        const touched = await deps.casesWithMembers(written);
        if (touched.length) details.case_members_touched = touched.slice(0, 200);
      }
      const event = { action: spec.action, target, details };
      const read = (route.method === "get" && !route.mutates) || ("queued" in spec && spec.queued?.(ctx) === true);
      if (read) await audit.recordRead(actorOf(ctx), event);
      else await audit.record(actorOf(ctx), event);
    },

    onFailed(req: Request, res: Response, status: number, code: string, message: string): void {
      if (status < 400 || ALREADY_RECORDED.has(code)) return;
      const principal = (res.locals.principal as Principal | null) ?? null;
      const actor = {
        principal,
        ip: req.ip ?? "",
        userAgent: String(req.headers["user-agent"] ?? ""),
        requestId: String(res.locals.requestId ?? ""),
      };
      const target = { type: "request", id: `${req.method} ${req.path}`.slice(0, 600) };
      let event;
      if (principal)
        event = { action: "request_failed", outcome: "failed" as const, target, details: { status, code, message } };
      else if (status === 401 && req.path !== SIGN_IN_PATH && presentedCredential(req, res))
        // Failed authentication: a credential was sent and refused (a bad token, an unknown or expired session).
        event = { action: "auth_failed", outcome: "failed" as const, target, details: { status, code, message } };
      else return;
      audit.recordRead(actor, event).catch((err: unknown) => log.error({ err }, "audit: could not record a failure"));
    },
  };
}
