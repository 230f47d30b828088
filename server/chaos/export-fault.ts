/**
 * Chaos: kill -9 of the API server during an evidence export
 * ===========================================================
 *
 * Starts the API server, signs in as a lead, opens a case on the top cluster of the latest run and
 * times one clean export. Then exports again and kills the server with SIGKILL at a random point of
 * that export, and checks that the client got no package (the transfer fails; any bytes received do
 * not verify as a package) and that nothing was left on disk. Exports are built in memory and sent
 * with a Content-Length, so no half-written file exists to be served later. Finally the restarted
 * server exports the case again and that package verifies.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";

import { systemActor } from "../audit/actor.js";
import type { Config } from "../config.js";
import { buildContainer } from "../container.js";
import type { Database } from "../db/database.js";
import { verifyPackage } from "../evidence/verify.js";
import { createLogger } from "../logger.js";
import type { Rng } from "../../seed/rng.js";
import { runScript, type Child } from "./processes.js";

export interface ExportFaultResult {
  cleanExportSeconds: number;
  cleanPackageBytes: number;
  attempts: { killedAtMs: number; outcome: string }[];
  halfPackageServed: boolean;
  newTempFiles: string[];
  afterRestartVerifies: boolean;
  ok: boolean;
}

interface Ctx {
  config: Config;
  env: NodeJS.ProcessEnv;
  connect(): Promise<Database>;
  say(line: string): void;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

async function startServer(ctx: Ctx, port: number): Promise<Child> {
  const child = runScript("server/index.ts", [], {
    ...ctx.env,
    PORT: String(port),
    LOG_LEVEL: "warn",
    DETECT_CRON: "",
  });
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline && child.running()) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status < 500) return child;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`chaos: the API server did not come up: ${(await child.kill9()).stderr.slice(-500)}`);
}

/** Temporary files a package could have been written to (none expected). */
function tempFiles(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()).filter((f) => /evidence|ringscope|\.zip/i.test(f)));
}

export async function exportFault(ctx: Ctx, rng: Rng): Promise<ExportFaultResult> {
  const db = await ctx.connect();
  const username = `chaos-lead-${crypto.randomBytes(3).toString("hex")}`;
  const password = crypto.randomBytes(18).toString("base64url");
  const container = await buildContainer(ctx.config, db, createLogger("silent"));
  try {
    await container.security.services.users.create(
      { username, display_name: "Chaos lead", role: "lead", password, must_change_password: false },
      systemActor("chaos"),
    );
  } finally {
    await container.shutdown();
    await db.close();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(ctx, port);
  const signIn = async () => {
    const res = await fetch(`${base}/api/auth/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`chaos: sign-in failed: ${res.status} ${await res.text()}`);
    const jar = Object.fromEntries(
      res.headers.getSetCookie().map((c) => c.split(";")[0]!.split("=") as [string, string]),
    );
    return { cookie: `rs_session=${jar.rs_session}; rs_csrf=${jar.rs_csrf}`, csrf: jar.rs_csrf! };
  };
  let auth = await signIn();
  const call = (path: string, body?: unknown) =>
    fetch(base + path, {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie: auth.cookie, "x-csrf-token": auth.csrf, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const clusters = (await (await call("/api/clusters?limit=1")).json()) as {
    run_id: string;
    clusters: { id: string }[];
  };
  const opened = (await (
    await call("/api/cases", { cluster_id: clusters.clusters[0]!.id, run_id: clusters.run_id })
  ).json()) as {
    id: string;
  };
  const exportBody = { tlp: "amber", purpose: "chaos test" };
  const before = tempFiles();
  const t0 = performance.now();
  const clean = await call(`/api/cases/${opened.id}/export`, exportBody);
  const cleanZip = Buffer.from(await clean.arrayBuffer());
  const cleanExportSeconds = (performance.now() - t0) / 1000;
  if (clean.status !== 200 || !(await verifyPackage(cleanZip)).ok)
    throw new Error(`chaos: the clean export failed (${clean.status})`);
  ctx.say(`  case ${opened.id}: clean export ${cleanZip.length} bytes in ${cleanExportSeconds.toFixed(2)} s`);

  const attempts: ExportFaultResult["attempts"] = [];
  let halfPackageServed = false;
  for (let i = 0; i < 5; i++) {
    const killedAtMs = Math.round(rng.float() * cleanExportSeconds * 1000);
    const pending = call(`/api/cases/${opened.id}/export`, exportBody).then(async (res) => {
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, bytes };
    });
    await new Promise((r) => setTimeout(r, killedAtMs));
    await server.kill9();
    let outcome: string;
    try {
      const got = await pending;
      const report = got.status === 200 ? await verifyPackage(got.bytes) : null;
      if (report && !report.ok) halfPackageServed = true;
      outcome = report?.ok
        ? "the export completed before the kill (a whole package)"
        : `status ${got.status}, ${got.bytes.length} bytes${report ? ", does NOT verify" : ""}`;
    } catch (err) {
      outcome = `transfer failed: ${(err as Error).message}${(err as { cause?: Error }).cause ? ` (${(err as { cause?: Error }).cause!.message})` : ""}`;
    }
    attempts.push({ killedAtMs, outcome });
    ctx.say(`  kill -9 API server ${killedAtMs} ms into an export: ${outcome}`);
    server = await startServer(ctx, port);
    auth = await signIn();
    if (!outcome.startsWith("the export completed")) break;
  }
  const newTempFiles = [...tempFiles()].filter((f) => !before.has(f));
  const again = await call(`/api/cases/${opened.id}/export`, exportBody);
  const afterRestartVerifies = again.status === 200 && (await verifyPackage(Buffer.from(await again.arrayBuffer()))).ok;
  ctx.say(
    `  after restart the export ${afterRestartVerifies ? "verifies" : "does NOT verify"}; new temp files: ${newTempFiles.length}`,
  );
  await server.kill9();
  return {
    cleanExportSeconds,
    cleanPackageBytes: cleanZip.length,
    attempts,
    halfPackageServed,
    newTempFiles,
    afterRestartVerifies,
    ok:
      !halfPackageServed &&
      newTempFiles.length === 0 &&
      afterRestartVerifies &&
      attempts.some((a) => !a.outcome.startsWith("the export completed")),
  };
}
