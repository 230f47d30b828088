/**
 * Limits and HTTP hygiene from issue 11, against the real server and Neo4j: sign-in hashing refused
 * early (429 + Retry-After) when its queue is full, the sign-in limiter keyed on the normalised user
 * name, requests limited per session (signed in) and per address (signed out), X-Forwarded-For honoured
 * only with TRUST_PROXY, body limits by who is asking (gzip counted inflated), wrong current passwords
 * limited, `Cache-Control: no-store` on API answers, and a non-Bearer Authorization header harmless on
 * public routes.
 */
import zlib from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashJobsRun } from "../../server/credentials/hash-pool.js";
import { usernameLookupCount } from "../../server/users/users.repository.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe("sign-in hashing", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Slower hashes (2^16) and a queue of 2, so a burst overflows it.
    ctx = await createTestContext({
      env: {
        RINGSCOPE_SCRYPT_LOG_N: "16",
        SIGNIN_HASH_THREADS: "1",
        SIGNIN_HASH_QUEUE: "2",
        SIGNIN_RATE_LIMIT: "1000",
      },
    });
    await ctx.credentials("investigator");
  });
  afterAll(async () => ctx.close());

  it("refuses a flood early with 429 and Retry-After, then lets a real user in", async () => {
    const t0 = performance.now();
    const lookupsBefore = usernameLookupCount();
    const flood = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        ctx.anonymous("/api/auth/signin", json("POST", { username: `ghost-${i}`, password: "not-the-password-1" })),
      ),
    );
    const statuses = flood.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const refused = flood.filter((r) => r.status === 429);
    // One running and two queued at most get hashed at once; the rest are refused without hashing.
    expect(refused.length).toBeGreaterThanOrEqual(24 - 3 - 3);
    for (const r of refused) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(r.body.error.code).toBe("rate_limited");
    }
    const hashed = statuses.filter((s) => s === 401).length;
    // Refused before the user is looked up: only the sign-ins that were hashed read a user.
    expect(usernameLookupCount() - lookupsBefore).toBe(hashed);
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`sign-in flood: ${hashed} hashed, ${refused.length} refused in ${seconds.toFixed(2)} s\n`);
    const creds = await ctx.credentials("investigator");
    expect((await ctx.anonymous("/api/auth/signin", json("POST", creds))).status).toBe(200);
  }, 60_000);

  it("spends the same work on unknown users as on known ones", async () => {
    const creds = await ctx.credentials("investigator");
    // Counted, not timed: the hashing thread runs at a lower priority, so on a loaded machine its
    // timings say more about the load than about the work.
    const try_ = async (username: string) => {
      const before = hashJobsRun();
      const t = performance.now();
      const r = await ctx.anonymous("/api/auth/signin", json("POST", { username, password: "wrong-password-xyz" }));
      expect(r.status).toBe(401);
      return { jobs: hashJobsRun() - before, ms: performance.now() - t };
    };
    const known: { jobs: number; ms: number }[] = [];
    const unknown: { jobs: number; ms: number }[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await try_(creds.username));
      unknown.push(await try_(`nobody-${i}`));
    }
    // One scrypt at 2^16 each, whether the name exists or not.
    expect(known.map((k) => k.jobs)).toEqual([1, 1, 1]);
    expect(unknown.map((k) => k.jobs)).toEqual([1, 1, 1]);
    process.stdout.write(
      `failed sign-in, ms: known ${known.map((k) => k.ms.toFixed(0)).join(", ")}; unknown ${unknown.map((k) => k.ms.toFixed(0)).join(", ")}\n`,
    );
  }, 60_000);
});

describe("limits", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { API_RATE_LIMIT: "5", SESSION_RATE_LIMIT: "25" } });
    // Sessions first: sign-ins count against the address's signed-out budget.
    await ctx.as("investigator")("/api/auth/me");
    await ctx.as("lead")("/api/auth/me");
  });
  afterAll(async () => ctx.close());

  it("limits signed-in callers per session, so one address serves many investigators", async () => {
    const inv = ctx.as("investigator");
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++) statuses.push((await inv("/api/auth/me")).status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
    expect(statuses.at(-1)).toBe(429);
    // Same address, another session: its own budget.
    expect((await ctx.as("lead")("/api/auth/me")).status).toBe(200);
  });

  it("limits signed-out callers per address and ignores X-Forwarded-For without TRUST_PROXY", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await ctx.anonymous("/api/health", { headers: { "x-forwarded-for": `198.51.100.${i}` } })).status);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("refusal hold", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({
      env: { API_RATE_LIMIT: "2", SESSION_RATE_LIMIT: "3", REFUSAL_HOLD_MS: "1500", REFUSALS_HELD: "3" },
    });
    await ctx.as("investigator")("/api/auth/me");
  });
  afterAll(async () => ctx.close());

  const timed = async (send: () => Promise<{ status: number; headers: Headers }>) => {
    const t0 = performance.now();
    const r = await send();
    return { status: r.status, retryAfter: r.headers.get("retry-after"), ms: performance.now() - t0 };
  };

  it("answers a signed-out caller's 429 late (up to REFUSALS_HELD at once), a signed-in caller's at once", async () => {
    const anon = () => ctx.anonymous("/api/health", { headers: { "x-forwarded-for": "198.51.100.9" } });
    // Burn the address's budget (earlier requests of this file's context may have used part of it).
    for (let i = 0; i < 3; i++) await anon();
    const burst = await Promise.all(Array.from({ length: 5 }, () => timed(anon)));
    expect(burst.every((r) => r.status === 429 && Number(r.retryAfter) >= 1)).toBe(true);
    const late = burst.filter((r) => r.ms >= 1400);
    const atOnce = burst.filter((r) => r.ms < 1000);
    expect(late).toHaveLength(3);
    expect(atOnce).toHaveLength(2);
    process.stdout.write(`refused burst, ms: ${burst.map((r) => r.ms.toFixed(0)).join(", ")}\n`);
    // Signed in: over the session's budget the 429 comes at once.
    const inv = ctx.as("investigator");
    const statuses: { status: number; ms: number }[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await timed(() => inv("/api/auth/me")));
    const refused = statuses.filter((r) => r.status === 429);
    const answered = statuses.filter((r) => r.status !== 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    // A held refusal waits a second on top of the request's own time: compare with the same session's
    // answered requests, so a loaded machine's slow request is not taken for a hold.
    const slowestAnswered = Math.max(...answered.map((r) => r.ms));
    for (const r of refused) expect(r.ms).toBeLessThan(Math.max(1000, slowestAnswered + 700));
  }, 60_000);
});

describe("sign-in and password-change limits", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({
      empty: false,
      env: { API_RATE_LIMIT: "1000", SIGNIN_RATE_LIMIT: "3", PASSWORD_CHANGE_RATE_LIMIT: "2" },
    });
  });
  afterAll(async () => ctx.close());

  it("keys the failed sign-in limiter on the trimmed, case-folded user name", async () => {
    const tries = ["victim", " victim", "VICTIM  ", "\tVictim"];
    const statuses: number[] = [];
    for (const username of tries)
      statuses.push(
        (
          await fetch(`${ctx.baseUrl}/api/auth/signin`, {
            ...json("POST", { username, password: "guess-guess-guess" }),
          })
        ).status,
      );
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
  });

  it("limits wrong current passwords on a password change", async () => {
    const inv = ctx.as("investigator");
    const wrong = () => inv("/api/auth/password", json("POST", { current_password: "nope", new_password: "x" }));
    expect((await wrong()).status).toBe(400);
    expect((await wrong()).status).toBe(400);
    const third = await wrong();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("TRUST_PROXY", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ empty: false, env: { API_RATE_LIMIT: "3", TRUST_PROXY: "loopback" } });
  });
  afterAll(async () => ctx.close());

  it("counts X-Forwarded-For from a trusted proxy as the client's address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await ctx.anonymous("/api/health", { headers: { "x-forwarded-for": `198.51.100.${i}` } })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});

describe("HTTP hygiene", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ empty: false });
  });
  afterAll(async () => ctx.close());

  it("refuses a signed-out body over 16 KB before reading it, and counts gzip inflated", async () => {
    const big = "x".repeat(200_000);
    const anon = await ctx.anonymous("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: big,
    });
    expect(anon.status).toBe(413);
    const bomb = zlib.gzipSync(JSON.stringify({ username: "a", password: " ".repeat(5_000_000) }));
    expect(bomb.length).toBeLessThan(20_000);
    const inflated = await ctx.anonymous("/api/auth/signin", {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: bomb,
    });
    expect(inflated.status).toBe(413);
    // Signed in, the limit is 1 MB (inflated) for JSON.
    const signedIn = await ctx.as("investigator")("/api/cases", {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: zlib.gzipSync(JSON.stringify({ notes: " ".repeat(2_000_000) })),
    });
    expect(signedIn.status).toBe(413);
  });

  it("marks API answers no-store", async () => {
    for (const p of ["/api/clusters", "/api/auth/me", "/api/search?q=ab"])
      expect((await ctx.as("investigator")(p)).headers.get("cache-control")).toBe("no-store");
  });

  it("ignores a non-Bearer Authorization header on public routes and refuses it on others", async () => {
    const basic = { authorization: "Basic dXNlcjpwYXNz" };
    expect((await ctx.anonymous("/api/health", { headers: basic })).status).toBe(200);
    const creds = await ctx.credentials("investigator");
    expect((await ctx.anonymous("/api/auth/signin", json("POST", creds, basic))).status).toBe(200);
    const other = await ctx.anonymous("/api/clusters", { headers: basic });
    expect(other.status).toBe(401);
    expect(other.body.error.message).toMatch(/Bearer/);
  });
});
