/**
 * A credential that cannot be checked because Neo4j is away, against a real server and a real Neo4j
 * reached through a TCP relay the test can cut: an ingest with a service token and a body over the
 * signed-out 16 KB limit is answered 503 with its reason (not 413 from the signed-out path, not 500),
 * the server keeps answering while Neo4j is away, and the same ingest is stored once the relay is back.
 */
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadConfig } from "../../server/config.js";
import { ensurePassword } from "../../server/neo4j/manager.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

/** Forwards 127.0.0.1:<port> to Neo4j's Bolt port; `cut()` drops every connection and refuses new ones. */
class BoltRelay {
  private readonly sockets = new Set<net.Socket>();
  private open = true;
  readonly server: net.Server;
  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      if (!this.open) {
        client.destroy();
        return;
      }
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  }
  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, "127.0.0.1", () => resolve((this.server.address() as net.AddressInfo).port)),
    );
  }
  cut(): void {
    this.open = false;
    for (const s of this.sockets) s.destroy();
  }
  restore(): void {
    this.open = true;
  }
  close(): Promise<void> {
    this.cut();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const record = (i: number) =>
  JSON.stringify({
    application_id: `DBAWAY-${i}`,
    full_name: `Away Tester ${i}`,
    email: `away.tester.${i}@example.org`,
    submitted_at: "2026-03-01T10:00:00Z",
    university: "University of Away Testing, Faculty of Padding",
  });

describe("Neo4j away while a credential is checked", () => {
  let relay: BoltRelay;
  let ctx: TestContext;
  beforeAll(async () => {
    const base = loadConfig();
    const bolt = new URL(base.neo4j.uri.replace(/^bolt:/, "http:"));
    relay = new BoltRelay({ host: bolt.hostname, port: Number(bolt.port) });
    const port = await relay.listen();
    const password = base.neo4j.managed ? ensurePassword(base.neo4j).password : (base.neo4j.password ?? "");
    ctx = await createTestContext({
      env: {
        NEO4J_URI: `bolt://127.0.0.1:${port}`,
        NEO4J_USER: base.neo4j.user,
        NEO4J_PASSWORD: password,
        // Every request reads its token, so the credential check itself meets Neo4j's absence (a token
        // kept in memory from the request below would be checked without it).
        TOKEN_CACHE_SECONDS: "0",
      },
    });
    await ctx.as("service")("/api/auth/me"); // the token exists before Neo4j goes away
  }, 120_000);
  afterAll(async () => {
    relay.restore();
    await ctx?.close();
    await relay?.close();
  });

  it("answers 503 with a reason (not 413 or 500), keeps answering, and stores the batch once Neo4j is back", async () => {
    const body = Array.from({ length: 200 }, (_, i) => record(i)).join("\n") + "\n";
    expect(body.length).toBeGreaterThan(16 * 1024);
    const ingest = () =>
      ctx.as("service")("/api/ingest", {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body,
      });

    relay.cut();
    const t0 = performance.now();
    const pending = ingest();
    // While the credential check waits on the driver's retries, the server answers others: a signed-out
    // caller on a protected route, and a signed-out body over 16 KB refused as before.
    expect((await ctx.anonymous("/api/nodes/abc/neighbours")).status).toBe(401);
    const anonBig = await ctx.anonymous("/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body,
    });
    expect(anonBig.status).toBe(413);
    const away = await pending;
    process.stdout.write(
      `ingest with Neo4j away: ${away.status} after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    expect(away.status).toBe(503);
    expect(away.body.error.code).toBe("database_unavailable");
    expect(away.body.error.message).toMatch(/credential could not be checked/);

    relay.restore();
    // The driver reconnects on its own; the first attempts may still meet the dropped connections.
    let stored: { status: number; body: any } | null = null;
    for (let i = 0; i < 40 && stored?.status !== 200; i++) {
      stored = await ingest();
      if (stored.status !== 200) {
        expect(stored.status).toBe(503);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(stored?.status).toBe(200);
    expect(stored?.body.accepted + stored?.body.rejected).toBe(200);
  }, 240_000);
});
