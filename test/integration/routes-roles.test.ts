/**
 * The whole routes × roles table: every route the container mounts is called signed out, as each role
 * and with a service token, and must answer 401 (signed out), 403 (role not allowed) or something else
 * (allowed: 2xx, or 400/404 for the dummy input). A route missing from EXPECTED fails the test, so a
 * new route cannot ship without deciding who may call it.
 *
 * Principles behind the table: investigators and leads investigate; only leads export, start runs and
 * ingest by hand; auditors read the audit trail, cases and run summaries, never applicants' data
 * outside a case; admins manage users and tokens, no investigations; service tokens reach only the
 * routes of their scopes. Screening at intake is for leads and for applicant-tracking systems (tokens with
 * the `screen` scope); investigators read the watchlist, leads change it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RouteDef } from "../../server/http/route.js";
import { createTestContext, type TestContext, type TestRole } from "../helpers/context.js";

type Who = "anonymous" | TestRole;
const WHO: Who[] = ["anonymous", "investigator", "lead", "auditor", "admin", "service"];
const PUBLIC = "public" as const;

/** Who may call each route ("public": everyone, signed in or not). */
const EXPECTED: Record<string, readonly TestRole[] | typeof PUBLIC> = {
  "GET /api/health": PUBLIC,
  "GET /api/applications/:id": ["investigator", "lead"],
  "GET /api/identifiers/:kind/:value": ["investigator", "lead"],
  "GET /api/search": ["investigator", "lead"],
  "GET /api/applications/:id/context": ["investigator", "lead"],
  "GET /api/identifiers/:kind/:value/context": ["investigator", "lead"],
  "POST /api/ingest": ["lead", "service"],
  "POST /api/detect": ["lead", "service"],
  "GET /api/runs": ["investigator", "lead", "auditor"],
  "GET /api/runs/:id": ["investigator", "lead", "auditor"],
  "GET /api/clusters": ["investigator", "lead"],
  "GET /api/clusters/:id": ["investigator", "lead"],
  "GET /api/clusters/:id/triage": ["investigator", "lead"],
  "PUT /api/clusters/:id/triage": ["investigator", "lead"],
  "GET /api/clusters/:id/successors": ["investigator", "lead"],
  "GET /api/explain": ["investigator", "lead"],
  "GET /api/nodes/:ref/neighbours": ["investigator", "lead"],
  "POST /api/auth/signin": PUBLIC,
  "POST /api/auth/signout": PUBLIC,
  "GET /api/auth/me": ["investigator", "lead", "auditor", "admin", "service"],
  "POST /api/auth/password": ["investigator", "lead", "auditor", "admin"],
  "GET /api/users": ["admin"],
  "GET /api/users/assignable": ["investigator", "lead"],
  "POST /api/users": ["admin"],
  "PATCH /api/users/:id": ["admin"],
  "POST /api/users/:id/reset-password": ["admin"],
  "GET /api/tokens": ["admin"],
  "POST /api/tokens": ["admin"],
  "DELETE /api/tokens/:id": ["admin"],
  "GET /api/audit": ["auditor"],
  "GET /api/audit/verify": ["auditor"],
  "GET /api/cases": ["investigator", "lead", "auditor"],
  "POST /api/cases": ["investigator", "lead"],
  "GET /api/cases/:id": ["investigator", "lead", "auditor"],
  "PATCH /api/cases/:id": ["investigator", "lead"],
  "POST /api/cases/:id/export": ["lead"],
  "GET /api/evidence/options": ["lead"],
  "GET /api/evidence/public-key": PUBLIC,
  "POST /api/screen": ["lead", "service"],
  "GET /api/watchlist": ["investigator", "lead"],
  "POST /api/watchlist": ["lead"],
  "DELETE /api/watchlist/:id": ["lead"],
  "GET /api/rules": ["investigator", "lead", "auditor"],
};

/** Placeholder values that pass routing; the answer past the role check is then 400 or 404. */
function concretePath(path: string): string {
  return path
    .replace("/api/users/:id", "/api/users/00000000-0000-4000-8000-000000000000")
    .replace("/api/tokens/:id", "/api/tokens/00000000-0000-4000-8000-000000000000")
    .replace("/api/cases/:id", "/api/cases/CASE-9999")
    .replace(":kind", "email")
    .replace(":value", "nobody%40example.com")
    .replace(":ref", "application%3AX-NOPE")
    .replace(":id", "X-NOPE");
}

let ctx: TestContext;
let routes: RouteDef[];
const key = (r: RouteDef) => `${r.method.toUpperCase()} ${r.path}`;

beforeAll(async () => {
  ctx = await createTestContext();
  routes = ctx.container.appDeps.routes;
});
afterAll(async () => ctx.close());

describe("the routes × roles table", () => {
  it("covers every mounted route, and nothing that is not mounted", () => {
    const mounted = routes.map(key);
    const missing = mounted.filter((k) => !(k in EXPECTED));
    expect(missing, `routes missing from EXPECTED in ${import.meta.filename}: decide who may call them`).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !mounted.includes(k)),
      "stale rows in EXPECTED",
    ).toEqual([]);
  });

  it("matches what each route declares", () => {
    for (const r of routes) {
      const declared = r.roles === "public" ? PUBLIC : [...r.roles].sort();
      const expected = EXPECTED[key(r)];
      expect(declared, key(r)).toEqual(expected === PUBLIC ? PUBLIC : [...(expected ?? [])].sort());
    }
  });

  it("is enforced: 401 signed out, 403 for other roles, allowed for the listed ones", async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const expected = EXPECTED[key(r)];
      if (!expected) continue;
      for (const who of WHO) {
        const api = who === "anonymous" ? ctx.anonymous : ctx.as(who);
        const init: RequestInit = { method: r.method.toUpperCase() };
        if (r.method !== "get") {
          init.headers = { "content-type": "application/json" };
          init.body = "{}";
        }
        const { status } = await api(concretePath(r.path), init);
        const allowed = expected === PUBLIC || (who !== "anonymous" && expected.includes(who));
        const want = allowed ? "allowed" : who === "anonymous" ? "401" : "403";
        const got = status === 401 ? "401" : status === 403 ? "403" : "allowed";
        if (want !== got) wrong.push(`${key(r)} as ${who}: expected ${want}, got ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
