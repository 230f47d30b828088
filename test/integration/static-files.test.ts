/**
 * The client's files are served before authentication, rate limits and body parsing (issue 11: the page
 * must stay fast during a flood on /api): `GET /` and assets answer with the security headers even when
 * the address has spent its signed-out API budget, deep links get index.html, and /api paths never do.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../../server/app.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

describe("client files", () => {
  let ctx: TestContext;
  let clientDir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { API_RATE_LIMIT: "3" } });
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-static-"));
    fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>Ringscope</title>");
    fs.mkdirSync(path.join(clientDir, "assets"));
    fs.writeFileSync(path.join(clientDir, "assets", "app.js"), "console.log('ringscope');");
    server = await new Promise((resolve) => {
      const s = createApp({ ...ctx.container.appDeps, clientDir }).listen(0, "127.0.0.1", () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await ctx.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  it("serves the page and assets even when the address's API budget is spent", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${base}/api/health`)).status);
    expect(statuses.at(-1)).toBe(429);
    for (let i = 0; i < 10; i++) {
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>Ringscope</title>");
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    }
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain("ringscope");
  });

  it("answers deep links with the page and /api paths never with it", async () => {
    const deep = await fetch(`${base}/cases/CASE-0001`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain("<title>Ringscope</title>");
    for (const p of ["/api/no-such-route", "/api"]) {
      const res = await fetch(`${base}${p}`);
      expect(res.headers.get("content-type") ?? "").toContain("application/json");
      expect(await res.text()).not.toContain("<title>");
    }
  });
});
