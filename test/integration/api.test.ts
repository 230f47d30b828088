/**
 * Core API against the real Neo4j: health, applications, identifiers (normalised as ingest does),
 * search, ingest over HTTP, and JSON errors for bad requests.
 */
import fs from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestContext, type TestContext } from "../helpers/context.js";

const FIX = path.resolve(import.meta.dirname, "../fixtures/ingest");
let ctx: TestContext;

const post = (body: string, contentType = "application/json") => ({
  method: "POST",
  headers: { "content-type": contentType },
  body,
});

beforeAll(async () => {
  ctx = await createTestContext();
  const ndjson = fs.readFileSync(path.join(FIX, "good.ndjson"), "utf8");
  const res = await ctx.api("/api/ingest", post(ndjson, "application/x-ndjson"));
  expect(res.status).toBe(200);
});
afterAll(async () => ctx.close());

describe("POST /api/ingest", () => {
  it("ingests NDJSON and reports the summary", async () => {
    const ndjson = fs.readFileSync(path.join(FIX, "bad.ndjson"), "utf8");
    const res = await ctx.api("/api/ingest", post(ndjson, "application/x-ndjson"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ read: 11, accepted: 2, rejected: 9 });
    expect(res.body.rejects[0]).toMatchObject({ line: 2, reason: "application_id is required" });
  });

  it("ingests a JSON array", async () => {
    const body = JSON.stringify([
      { application_id: "H-1", submitted_at: "2026-04-01T00:00:00Z", email: "h1@example.com" },
      { nope: 1 },
    ]);
    const res = await ctx.api("/api/ingest", post(body));
    expect(res.body).toMatchObject({ read: 2, accepted: 1, rejected: 1, unknownFields: {} });
    expect(res.body.rejects[0]).toMatchObject({
      line: 2,
      reason: expect.stringContaining("application_id is required"),
    });
  });

  it("rejects an empty body and a malformed JSON array with a clear error", async () => {
    const empty = await ctx.api("/api/ingest", post(""));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("validation_failed");
    const broken = await ctx.api("/api/ingest", post("[{"));
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not a JSON array/);
  });

  it("refuses bodies over the size limit with 413", async () => {
    const big = "x".repeat(21 * 1024 * 1024);
    const res = await ctx.api("/api/ingest", post(big, "application/x-ndjson"));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });
});

describe("GET /api/health", () => {
  it("reports Neo4j's version and counts", async () => {
    const res = await ctx.api("/api/health");
    expect(res.status).toBe(200);
    expect(res.body.neo4j).toMatchObject({ reachable: true, edition: "community" });
    expect(res.body.neo4j.version).toMatch(/^5\.26\./);
    expect(res.body.counts.applications).toBeGreaterThanOrEqual(4);
    expect(Object.keys(res.body.counts.identifiers).sort()).toEqual([
      "address",
      "device",
      "email",
      "ip",
      "payment",
      "phone",
      "profile",
    ]);
  });
});

describe("GET /api/applications/:id", () => {
  it("returns fields, raw values as typed, indicators and identifiers with usage counts", async () => {
    const res = await ctx.api("/api/applications/A-3");
    expect(res.status).toBe(200);
    expect(res.body.props).toMatchObject({
      id: "A-3",
      full_name: "Ana Lima",
      indicators: ["malformed_phone", "non_routable_ip_only"],
    });
    expect(res.body.props.raw).toMatchObject({ phone: "555-12", ip: "192.168.1.4" });
    const device = res.body.identifiers.find((i: { ref: string }) => i.ref === "device:dev-aaa");
    expect(device.usedBy).toBe(2);
  });
  it("404s on an unknown id", async () => {
    const res = await ctx.api("/api/applications/NOPE-404");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: 'application "NOPE-404" not found' } });
  });
});

describe("GET /api/identifiers/:kind/:value", () => {
  it("normalises the value as ingest does", async () => {
    const res = await ctx.api(`/api/identifiers/phone/${encodeURIComponent("+1 (415) 555-2671")}`);
    expect(res.status).toBe(200);
    expect(res.body.normalised).toBe("+14155552671");
    expect(res.body.applications.map((a: { id: string }) => a.id).sort()).toEqual(["A-1", "A-2"]);
    const addr = await ctx.api(
      `/api/identifiers/address/${encodeURIComponent("123 MAIN STREET APT 4, Springfield IL 62701")}`,
    );
    expect(addr.body.total).toBe(2);
    const email = await ctx.api(`/api/identifiers/email/${encodeURIComponent("J.A.N.E.DOE@googlemail.com")}`);
    expect(email.body.applications.map((a: { id: string }) => a.id)).toEqual(["A-1"]);
  });
  it("rejects an unknown kind and explains non-routable addresses", async () => {
    const bad = await ctx.api("/api/identifiers/ssn/123");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("params.kind");
    const priv = await ctx.api("/api/identifiers/ip/10.0.0.5");
    expect(priv.status).toBe(404);
    expect(priv.body.error.message).toMatch(/not routable/);
  });
});

describe("GET /api/search", () => {
  it("finds applications by name, tolerating a typo", async () => {
    const res = await ctx.api("/api/search?q=jane%20dooe");
    expect(res.body.applications.map((a: { id: string }) => a.id)).toEqual(["A-1"]);
  });
  it("finds identifiers typed in any form", async () => {
    const res = await ctx.api(`/api/search?q=${encodeURIComponent("DEV-AAA")}`);
    const hit = res.body.identifiers.find((i: { kind: string }) => i.kind === "device");
    expect(hit.total).toBe(2);
    const phone = await ctx.api(`/api/search?q=${encodeURIComponent("(415) 555-2671")}`);
    expect(phone.body.identifiers.find((i: { kind: string }) => i.kind === "phone").key).toBe("+14155552671");
  });
  it("finds an application by id", async () => {
    const res = await ctx.api("/api/search?q=A-4");
    expect(res.body.applications[0]).toMatchObject({ id: "A-4", matched: "id" });
  });
  it("validates the query", async () => {
    const res = await ctx.api("/api/search?q=a");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/q needs at least 2 characters/);
  });
  it("is not confused by Lucene syntax in the query", async () => {
    const res = await ctx.api(`/api/search?q=${encodeURIComponent('Jane" *:* (')}`);
    expect(res.status).toBe(200);
    // The wildcard query is neutralised: only the word "jane" is searched.
    expect(res.body.applications.map((a: { id: string }) => a.id)).toEqual(["A-1"]);
  });
});

describe("unknown routes", () => {
  it("answer with a JSON 404", async () => {
    const res = await ctx.api("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
