/**
 * Route declarations
 * ==================
 *
 * Every API route is a declaration: method, path, the roles allowed, zod schemas for params, query and
 * body, and a handler that receives validated input. `mountRoutes` turns them into Express handlers
 * with validation and role checks; the declarations double as the routes × roles table the tests walk.
 */
import type { NextFunction, Request, Response, Router } from "express";
import { z, type ZodType } from "zod";

import { ForbiddenError, UnauthenticatedError, ValidationError } from "../common/errors.js";

import type { Role } from "../common/roles.js";

export { ROLES, type Role } from "../common/roles.js";

export interface Principal {
  id: string;
  username: string;
  role: Role;
  /** Scopes of a service token; undefined for signed-in users. */
  scopes?: string[];
  /** Id (not the secret) of the session a signed-in user came with; undefined for service tokens. */
  sessionId?: string;
  /** For service tokens: the admin who issued the token (recorded with what the token does). */
  issuedBy?: string;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | null;
  ip: string;
  requestId: string;
  userAgent: string;
}

/** A handler returns plain JSON, or a Reply for other statuses, file downloads and streams. */
export class Reply {
  private constructor(
    readonly kind: "json" | "file" | "raw",
    readonly status: number,
    readonly body: unknown,
    readonly file?: { contentType: string; filename: string; data: Buffer },
    readonly handle?: (res: Response) => void,
  ) {}
  static json(status: number, body: unknown): Reply {
    return new Reply("json", status, body);
  }
  static file(contentType: string, filename: string, data: Buffer): Reply {
    return new Reply("file", 200, null, { contentType, filename, data });
  }
  static raw(handle: (res: Response) => void): Reply {
    return new Reply("raw", 200, null, undefined, handle);
  }
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  /** Roles allowed; "public" routes need no principal (health, sign-in). */
  roles: readonly Role[] | "public";
  /** Extra scope required of service tokens (they must also hold the `service` role in `roles`). */
  scope?: string;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** "ndjson" routes receive the raw text body; others get parsed JSON. */
  bodyKind?: "json" | "text";
  /** Whether the route changes state (CSRF-protected for cookie sessions). Defaults to method !== GET. */
  mutates?: boolean;
  summary: string;
  /** Audit-trail record written after the handler succeeds and before the reply is sent (see RouteAudit). */
  audit?: RouteAudit<P, Q, B>;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
}

/**
 * What a route records in the audit trail. A bare action (e.g. "view_cluster") records the route's `:id`
 * parameter as the target and the query as details; the object form chooses target and details itself.
 */
export type RouteAudit<P = unknown, Q = unknown, B = unknown> =
  | string
  | {
      action: string;
      target?: (ctx: RouteContext<P, Q, B>, out: unknown) => { type: string; id: string } | null;
      details?: (ctx: RouteContext<P, Q, B>, out: unknown) => Record<string, unknown>;
      /**
       * Whether this request is a read although its method is not GET (a screen without `record`): its
       * entry is queued and the answer does not wait for the chain, as for GET routes.
       */
      queued?: (ctx: RouteContext<P, Q, B>) => boolean;
    };

/** Identity helper that keeps P/Q/B inferred from the schemas. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  def: RouteDef<P, Q, B>,
): RouteDef {
  return def as unknown as RouteDef;
}

export interface AuthHooks {
  /** Resolves the principal of a request (session cookie or service token); null when signed out. */
  authenticate(req: Request): Promise<Principal | null>;
  /** Checks CSRF for state-changing requests made with a session cookie. */
  checkCsrf(req: Request, principal: Principal | null): void;
  /** Records denied access in the audit trail. */
  onDenied?(req: Request, principal: Principal | null, route: RouteDef): void;
  /** Records a failed request (4xx/5xx of a signed-in caller, failed authentication) in the audit trail. */
  onFailed?(req: Request, res: Response, status: number, code: string, message: string): void;
  /** Writes a route's declared `audit` record; a failure fails the request (no unrecorded views). */
  record?(route: RouteDef, ctx: RouteContext<unknown, unknown, unknown>, out: unknown): Promise<void>;
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return (where === "body" ? undefined : {}) as T;
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message }));
    throw new ValidationError(`invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`, details);
  }
  return r.data;
}

export function authorise(route: RouteDef, principal: Principal | null): void {
  if (route.roles === "public") return;
  if (!principal) throw new UnauthenticatedError();
  if (!route.roles.includes(principal.role))
    throw new ForbiddenError(`role "${principal.role}" may not ${route.summary.toLowerCase()}`);
  if (principal.role === "service" && route.scope && !principal.scopes?.includes(route.scope))
    throw new ForbiddenError(`service token lacks scope "${route.scope}"`);
}

export function mountRoutes(router: Router, routes: RouteDef[], auth: AuthHooks): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        // createApp authenticates every API request up front (res.locals); apps without it do it here.
        const principal: Principal | null = res.locals.authenticated
          ? ((res.locals.principal as Principal | null) ?? null)
          : await auth.authenticate(req);
        if (res.locals.authError && route.roles !== "public") throw res.locals.authError;
        try {
          authorise(route, principal);
        } catch (err) {
          if (principal) res.locals.failureRecorded = true;
          auth.onDenied?.(req, principal, route);
          throw err;
        }
        const mutates = route.mutates ?? route.method !== "get";
        if (mutates) auth.checkCsrf(req, principal);
        const ctx: RouteContext<unknown, unknown, unknown> = {
          params: parse(route.params, req.params, "params"),
          query: parse(route.query, req.query, "query"),
          body: parse(
            route.body,
            route.bodyKind === "text" ? (typeof req.body === "string" ? req.body : "") : req.body,
            "body",
          ),
          principal,
          ip: req.ip ?? "",
          requestId: String(res.locals.requestId ?? ""),
          userAgent: String(req.headers["user-agent"] ?? ""),
        };
        const out = await route.handler(ctx);
        if (route.audit && auth.record) await auth.record(route, ctx, out);
        sendReply(res, out);
      } catch (err) {
        next(err);
      }
    });
  }
}

function sendReply(res: Response, out: unknown): void {
  if (!(out instanceof Reply)) return void res.status(200).json(out);
  if (out.kind === "json") return void res.status(out.status).json(out.body);
  if (out.kind === "file" && out.file) {
    res.setHeader("Content-Type", out.file.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${out.file.filename.replace(/[^\w.-]/g, "_")}"`);
    return void res.status(200).send(out.file.data);
  }
  out.handle?.(res);
}

/** Shared schema pieces. */
export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
