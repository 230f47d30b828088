/**
 * Sign-in, sessions, CSRF, service tokens, forced password changes, role changes, rate limits,
 * security headers and the first-start bootstrap, against the real Neo4j.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_USERS } from "../../server/users/demo-users.js";
import { TokenRepository } from "../../server/users/tokens.repository.js";
import { sha256Hex } from "../../server/credentials/secrets.js";
import { createTestContext, emptyDatabase, type TestContext } from "../helpers/context.js";

let ctx: TestContext;

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

function cookiesOf(res: { headers: Headers }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    out[pair!.slice(0, pair!.indexOf("="))] = c;
  }
  return out;
}

const value = (setCookie: string) => setCookie.split(";")[0]!.split("=").slice(1).join("=");

/** Runs Cypher directly, as an attacker or a clock would (not through the app). */
async function cypher(text: string, params: Record<string, unknown> = {}): Promise<void> {
  await ctx.db.driver.executeQuery(text, params, { database: ctx.db.name });
}

async function signInRaw(username: string, password: string) {
  const res = await fetch(`${ctx.baseUrl}/api/auth/signin`, json({ username, password }));
  const cookies = cookiesOf(res);
  return {
    res,
    body: await res.json().catch(() => null),
    cookie: cookies.rs_session ? `rs_session=${value(cookies.rs_session)}; rs_csrf=${value(cookies.rs_csrf!)}` : "",
    csrf: cookies.rs_csrf ? value(cookies.rs_csrf) : "",
    cookies,
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe("sign-in and sessions", () => {
  it("sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie", async () => {
    const { username, password } = await ctx.credentials("investigator");
    const s = await signInRaw(username, password);
    expect(s.res.status).toBe(200);
    expect(s.body.user).toMatchObject({ username, role: "investigator", must_change_password: false });
    expect(s.cookies.rs_session).toMatch(/HttpOnly/i);
    expect(s.cookies.rs_session).toMatch(/SameSite=Strict/i);
    expect(s.cookies.rs_session).toMatch(/Path=\//);
    expect(s.cookies.rs_session).toMatch(/Expires=/);
    expect(s.cookies.rs_csrf).not.toMatch(/HttpOnly/i);
    expect(s.cookies.rs_csrf).toMatch(/SameSite=Strict/i);
    const me = await fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { cookie: s.cookie } });
    expect(await me.json()).toMatchObject({ username, role: "investigator" });
  }, 180_000); // the first sign-in of the run starts the hashing thread and warms Neo4j

  it("stores only hashes of the session and CSRF secrets", async () => {
    const { username, password } = await ctx.credentials("auditor");
    const s = await signInRaw(username, password);
    const secret = value(s.cookies.rs_session!);
    const res = await ctx.db.driver.executeQuery(
      "MATCH (s:Session) RETURN properties(s) AS p",
      {},
      { database: ctx.db.name },
    );
    const stored = JSON.stringify(res.records.map((r) => r.get("p")));
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(s.csrf);
    expect(stored).toMatch(/[0-9a-f]{64}/);
  });

  it("answers every failure alike and records it, with who was tried and from where", async () => {
    const { username } = await ctx.credentials("lead");
    const wrong = await signInRaw(username, "not-the-password");
    const unknown = await signInRaw("nobody-here", "whatever-password");
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.cookies.rs_session).toBeUndefined();
    const audit = await ctx.as("auditor")("/api/audit?action=sign_in_failed");
    const tried = audit.body.entries.map((e: { actor: { username: string } }) => e.actor.username);
    expect(tried).toEqual(expect.arrayContaining([username, "nobody-here"]));
    expect(audit.body.entries[0]).toMatchObject({
      outcome: "failed",
      ip: "127.0.0.1",
      details: { reason: expect.any(String) },
    });
  });

  it("ends the session at sign-out and clears the cookies", async () => {
    const { username, password } = await ctx.credentials("investigator");
    const s = await signInRaw(username, password);
    const out = await fetch(`${ctx.baseUrl}/api/auth/signout`, {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    });
    expect(out.status).toBe(204);
    expect(cookiesOf(out).rs_session).toMatch(/Expires=Thu, 01 Jan 1970/);
    const after = await fetch(`${ctx.baseUrl}/api/search?q=ring`, { headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
  });

  it("expires idle sessions and sessions past their absolute limit", async () => {
    const { username, password } = await ctx.credentials("investigator");
    const idle = await signInRaw(username, password);
    await cypher("MATCH (s:Session) SET s.last_seen_at = datetime() - duration({minutes: 61})");
    expect((await fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { cookie: idle.cookie } })).status).toBe(401);
    const old = await signInRaw(username, password);
    await cypher("MATCH (s:Session) SET s.expires_at = datetime() - duration({seconds: 1})");
    expect((await fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { cookie: old.cookie } })).status).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses state-changing cookie requests without the matching header", async () => {
    const { username, password } = await ctx.credentials("investigator");
    const s = await signInRaw(username, password);
    const body = JSON.stringify({ application_ids: ["X-1"] });
    const post = (headers: Record<string, string>) =>
      fetch(`${ctx.baseUrl}/api/cases`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    const none = await post({ cookie: s.cookie });
    expect(none.status).toBe(403);
    expect((await none.json()).error.code).toBe("csrf_failed");
    expect((await post({ cookie: s.cookie, "x-csrf-token": "wrong" })).status).toBe(403);
    // A cookie planted by a sibling host plus the same header: matches the cookie, not the session.
    const planted = `rs_session=${value(s.cookies.rs_session!)}; rs_csrf=planted-value`;
    expect((await post({ cookie: planted, "x-csrf-token": "planted-value" })).status).toBe(403);
    const ok = await post({ cookie: s.cookie, "x-csrf-token": s.csrf });
    expect(ok.status).toBe(400); // past CSRF: the application does not exist
    expect((await ok.json()).error.code).toBe("validation_failed");
  });
});

describe("service tokens", () => {
  it("are scoped, need no CSRF, and stop working when revoked", async () => {
    const admin = ctx.as("admin");
    const created = await admin("/api/tokens", json({ name: "nightly-ingest", scopes: ["ingest"] }));
    expect(created.status).toBe(200);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^rst_/);
    const bearer = (path: string, init: RequestInit = {}) =>
      fetch(`${ctx.baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers ?? {}), authorization: `Bearer ${secret}` },
      });
    const ingest = await bearer("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ application_id: "T-1", submitted_at: "2026-01-01T00:00:00Z" }]),
    });
    expect(ingest.status).toBe(200);
    expect((await bearer("/api/detect", { method: "POST" })).status).toBe(403); // lacks the detect scope
    expect((await bearer("/api/clusters")).status).toBe(403); // not a service route
    const listed = await admin("/api/tokens");
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.tokens.find((t: { id: string }) => t.id === token.id)).toMatchObject({
      scopes: ["ingest"],
      revoked_at: null,
    });
    expect((await admin(`/api/tokens/${token.id}`, { method: "DELETE" })).status).toBe(200);
    const revoked = await bearer("/api/auth/me");
    expect(revoked.status).toBe(401);
    expect((await bearer("/api/auth/me", { headers: { authorization: "Bearer rst_made-up" } })).status).toBe(401);
  });
});

describe("service tokens kept in memory", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("are read once while kept, dropped at once by a revocation here, and at expiry", async () => {
    const admin = ctx.as("admin");
    const issue = async (name: string) => (await admin("/api/tokens", json({ name, scopes: ["screen"] }))).body;
    const server = new TokenRepository(ctx.db, 60_000);
    const a = await issue("kept-a");
    const kept = await server.byHash(sha256Hex(a.secret));
    expect(kept).toMatchObject({ id: a.token.id, scopes: ["screen"] });
    // Kept: the same object comes back without a read (a revocation elsewhere is not seen yet)…
    await new TokenRepository(ctx.db).revoke(a.token.id, "elsewhere");
    expect(await server.byHash(sha256Hex(a.secret))).toBe(kept);
    // …but a revocation through this repository (this server) drops it at once.
    const b = await issue("kept-b");
    expect(await server.byHash(sha256Hex(b.secret))).not.toBeNull();
    await server.revoke(b.token.id, "here");
    expect(await server.byHash(sha256Hex(b.secret))).toBeNull();
    // An expiry is checked on every use, kept or not.
    const c = await issue("kept-c");
    await ctx.db.driver.executeQuery(
      "MATCH (t:ServiceToken {id: $id}) SET t.expires_at = datetime() + duration('PT1S')",
      { id: c.token.id },
      { database: ctx.db.name },
    );
    expect(await server.byHash(sha256Hex(c.secret))).not.toBeNull();
    await sleep(1100);
    expect(await server.byHash(sha256Hex(c.secret))).toBeNull();
  });

  it("honour a revocation made elsewhere once the kept copy runs out", async () => {
    const admin = ctx.as("admin");
    const { secret, token } = (await admin("/api/tokens", json({ name: "kept-d", scopes: ["screen"] }))).body;
    const server = new TokenRepository(ctx.db, 300);
    expect(await server.byHash(sha256Hex(secret))).not.toBeNull();
    await new TokenRepository(ctx.db).revoke(token.id, "cli");
    await sleep(350);
    expect(await server.byHash(sha256Hex(secret))).toBeNull();
  });

  it("stop working at once when revoked through the API, though the server kept them", async () => {
    const admin = ctx.as("admin");
    const { secret, token } = (await admin("/api/tokens", json({ name: "kept-e", scopes: ["ingest"] }))).body;
    const me = () => fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    expect((await admin(`/api/tokens/${token.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await me()).status).toBe(401);
  });
});

describe("users", () => {
  it("forces a change of a one-time password before anything else", async () => {
    const admin = ctx.as("admin");
    const created = await admin("/api/users", json({ username: "new.person", role: "investigator" }));
    expect(created.status).toBe(200);
    const otp = created.body.one_time_password;
    expect(otp).toHaveLength(20);
    const s = await signInRaw("new.person", otp);
    expect(s.body.user.must_change_password).toBe(true);
    const blocked = await fetch(`${ctx.baseUrl}/api/search?q=ring`, { headers: { cookie: s.cookie } });
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe("password_change_required");
    // Sign-in itself stays reachable with such a session, and replaces it.
    const again = await fetch(
      `${ctx.baseUrl}/api/auth/signin`,
      json({ username: "new.person", password: otp }, { cookie: s.cookie, "x-csrf-token": s.csrf }),
    );
    expect(again.status).toBe(200);
    const jar = cookiesOf(again);
    const s2 = {
      cookie: `rs_session=${value(jar.rs_session!)}; rs_csrf=${value(jar.rs_csrf!)}`,
      csrf: value(jar.rs_csrf!),
    };
    expect((await fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { cookie: s.cookie } })).status).toBe(401);
    const weak = await fetch(
      `${ctx.baseUrl}/api/auth/password`,
      json({ current_password: otp, new_password: "short" }, { cookie: s2.cookie, "x-csrf-token": s2.csrf }),
    );
    expect(weak.status).toBe(400);
    const changed = await fetch(
      `${ctx.baseUrl}/api/auth/password`,
      json(
        { current_password: otp, new_password: "a much better passphrase" },
        { cookie: s2.cookie, "x-csrf-token": s2.csrf },
      ),
    );
    expect(changed.status).toBe(200);
    expect((await fetch(`${ctx.baseUrl}/api/search?q=ring`, { headers: { cookie: s2.cookie } })).status).toBe(200);
    expect((await signInRaw("new.person", otp)).res.status).toBe(401);
  });

  it("applies role changes at once, records them, and keeps one admin", async () => {
    const admin = ctx.as("admin");
    const created = await admin(
      "/api/users",
      json({ username: "role.changer", role: "investigator", password: "role changer passphrase" }),
    );
    const id = created.body.user.id;
    const s = await signInRaw("role.changer", "role changer passphrase");
    expect((await fetch(`${ctx.baseUrl}/api/audit`, { headers: { cookie: s.cookie } })).status).toBe(403);
    const patched = await admin(`/api/users/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "auditor" }),
    });
    expect(patched.body.user.role).toBe("auditor");
    expect((await fetch(`${ctx.baseUrl}/api/audit`, { headers: { cookie: s.cookie } })).status).toBe(200);
    const audit = await ctx.as("auditor")("/api/audit?action=role_change");
    expect(audit.body.entries[0]).toMatchObject({
      actor: { username: "test-admin", role: "admin" },
      target: { type: "user", id },
      details: { username: "role.changer", from: "investigator", to: "auditor" },
    });
    const disabled = await admin(`/api/users/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.body.user.disabled).toBe(true);
    expect((await fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { cookie: s.cookie } })).status).toBe(401);
    expect((await signInRaw("role.changer", "role changer passphrase")).res.status).toBe(401);
    const adminId = (await admin("/api/auth/me")).body.id;
    const self = await admin(`/api/users/${adminId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "lead" }),
    });
    expect(self.status).toBe(409);
  });
});

describe("limits and headers", () => {
  it("limits failed sign-ins per address and user name, not successful ones", async () => {
    const limited = await createTestContext({ empty: false, env: { SIGNIN_RATE_LIMIT: "3" } });
    try {
      const { username, password } = await limited.credentials("lead");
      const attempt = (u: string, p: string) =>
        fetch(`${limited.baseUrl}/api/auth/signin`, json({ username: u, password: p }));
      for (let i = 0; i < 5; i++) expect((await attempt(username, password)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await attempt(username, "wrong-password!")).status).toBe(401);
      const blocked = await attempt(username, password);
      expect(blocked.status).toBe(429);
      expect((await blocked.json()).error.code).toBe("rate_limited");
      expect((await attempt("someone-else", "wrong-password!")).status).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it("limits API requests per address", async () => {
    const limited = await createTestContext({ empty: false, env: { API_RATE_LIMIT: "5" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await limited.anonymous("/api/health")).status);
      expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it("sends security headers", async () => {
    const res = await ctx.anonymous("/api/health");
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("first start", () => {
  it("creates the admin from RINGSCOPE_ADMIN_PASSWORD, once", async () => {
    await emptyDatabase(ctx.db);
    const withPassword = await createTestContext({
      empty: false,
      env: { RINGSCOPE_ADMIN_PASSWORD: "first operator passphrase" },
    });
    try {
      const r = await withPassword.container.bootstrap({ demoLoaded: false });
      expect(r).toEqual({
        admin: { username: "admin", oneTimePassword: undefined },
        demo: false,
        demoUsersCreated: [],
      });
      const s = await fetch(
        `${withPassword.baseUrl}/api/auth/signin`,
        json({ username: "admin", password: "first operator passphrase" }),
      );
      expect((await s.json()).user).toMatchObject({ role: "admin", must_change_password: false });
      expect((await withPassword.container.bootstrap({ demoLoaded: false })).admin).toBeNull();
    } finally {
      await withPassword.close();
    }
  });

  it("prints a one-time password without it, and creates demo users only in a demo database", async () => {
    await emptyDatabase(ctx.db);
    const plain = await createTestContext({ empty: false });
    try {
      const r = await plain.container.bootstrap({ demoLoaded: false });
      expect(r.admin?.oneTimePassword).toHaveLength(20);
      expect(r.demoUsersCreated).toEqual([]);
      const s = await fetch(
        `${plain.baseUrl}/api/auth/signin`,
        json({ username: "admin", password: r.admin!.oneTimePassword }),
      );
      expect((await s.json()).user.must_change_password).toBe(true);
      const demo = await plain.container.bootstrap({ demoLoaded: true });
      expect(demo.demo).toBe(true);
      expect(demo.demoUsersCreated).toEqual(DEMO_USERS.map((u) => u.username));
      for (const u of DEMO_USERS) {
        const res = await fetch(
          `${plain.baseUrl}/api/auth/signin`,
          json({ username: u.username, password: u.password }),
        );
        expect((await res.json()).user).toMatchObject({ username: u.username, role: u.role });
      }
      expect((await plain.container.bootstrap({ demoLoaded: false })).demoUsersCreated).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
