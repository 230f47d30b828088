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
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import { verifyPackage } from "../evidence/verify.js";
import type { Rng } from "../common/rng.js";
import { ApiServer, createUser, signIn } from "./api-server.js";

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
  port: number;
  connect(): Promise<Database>;
  say(line: string): void;
}

/**
 * Files under the server's own TMPDIR that could be (part of) a package: a ZIP by name or by its first
 * bytes, or anything named like evidence. Chromium's profile directory is left there by a kill and is
 * not a package.
 */
function packageLikeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const head = Buffer.alloc(4);
    const fd = fs.openSync(full, "r");
    try {
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
    // Chromium's profile holds LevelDB files named MANIFEST-000001: only the ZIP test applies inside it.
    const inProfile = full.includes("chromiumdev_profile");
    const named = !inProfile && /\.zip$|evidence|manifest\.(json|sig)$/i.test(e.name);
    if (named || head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) out.push(full);
  }
  return out;
}

export async function exportFault(ctx: Ctx, rng: Rng): Promise<ExportFaultResult> {
  const db = await ctx.connect();
  let lead: { username: string; password: string };
  try {
    lead = await createUser(ctx.config, db, "lead");
  } finally {
    await db.close();
  }
  // The server gets a TMPDIR of its own, so what a killed export left behind can be looked for.
  const serverTmp = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-chaos-export-"));
  const env = { ...ctx.env, TMPDIR: serverTmp };
  let server = await ApiServer.start(env, ctx.port);
  let auth = await signIn(server, lead);
  const call = (path: string, body?: unknown) =>
    server.request({
      method: body === undefined ? "GET" : "POST",
      path,
      headers: { cookie: auth.cookie, "x-csrf-token": auth.csrf, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = <T>(a: { status: number; body: Buffer }, what: string): T => {
    if (a.status >= 300) throw new Error(`chaos: ${what}: ${a.status} ${a.body.toString().slice(0, 300)}`);
    return JSON.parse(a.body.toString()) as T;
  };
  const clusters = json<{ run_id: string; clusters: { id: string }[] }>(
    await call("/api/clusters?limit=1"),
    "cluster list",
  );
  if (!clusters.clusters.length) throw new Error("chaos: the latest run has no cluster to open a case on");
  const opened = json<{ id: string }>(
    await call("/api/cases", {
      cluster_id: clusters.clusters[0]!.id,
      run_id: clusters.run_id,
      confirm_duplicate: true,
    }),
    "open case",
  );
  const exportBody = { tlp: "amber", purpose: "chaos test" };
  const t0 = performance.now();
  const clean = await call(`/api/cases/${opened.id}/export`, exportBody);
  const cleanExportSeconds = (performance.now() - t0) / 1000;
  if (clean.status !== 200 || !(await verifyPackage(clean.body)).ok)
    throw new Error(`chaos: the clean export failed (${clean.status}) ${clean.body.toString().slice(0, 300)}`);
  ctx.say(`  case ${opened.id}: clean export ${clean.body.length} bytes in ${cleanExportSeconds.toFixed(2)} s`);

  const attempts: ExportFaultResult["attempts"] = [];
  let halfPackageServed = false;
  // The first export starts Chromium cold; a second one gives the warm duration the kills are drawn within.
  const t1 = performance.now();
  const warm = await call(`/api/cases/${opened.id}/export`, exportBody);
  let windowMs = warm.status === 200 ? performance.now() - t1 : cleanExportSeconds * 1000;
  ctx.say(`  a second (warm) export took ${(windowMs / 1000).toFixed(2)} s`);
  for (let i = 0; i < 8; i++) {
    const killedAtMs = Math.round((0.05 + 0.9 * rng.float()) * windowMs);
    // Settled into a value at once: the transfer fails while this script sleeps and kills, and an
    // unhandled rejection in that window ended the first version of the script.
    const pending = call(`/api/cases/${opened.id}/export`, exportBody).then(
      (answer) => ({ answer, error: null }),
      (error: unknown) => ({ answer: null, error: error as Error }),
    );
    await new Promise((r) => setTimeout(r, killedAtMs));
    const pid = server.child.process.pid;
    await server.kill9();
    let outcome: string;
    try {
      const settled = await pending;
      if (settled.error) throw settled.error;
      const got = settled.answer!;
      const report = got.status === 200 ? await verifyPackage(got.body) : null;
      if (report && !report.ok) halfPackageServed = true;
      outcome = report?.ok
        ? "the export completed before the kill (a whole package)"
        : `status ${got.status}, ${got.body.length} bytes${report ? ", does NOT verify" : ""}`;
    } catch (err) {
      outcome = `transfer failed, no package: ${(err as Error).message}`;
    }
    attempts.push({ killedAtMs, outcome });
    ctx.say(`  kill -9 API server (pid ${pid}) ${killedAtMs} ms into an export: ${outcome}`);
    server = await ApiServer.start(env, ctx.port);
    auth = await signIn(server, lead);
    if (!outcome.startsWith("the export completed")) break;
    // A restarted server answers faster or slower than the warm export did: draw the next kill earlier.
    windowMs /= 2;
  }
  const newTempFiles = packageLikeFiles(serverTmp);
  const again = await call(`/api/cases/${opened.id}/export`, exportBody);
  const afterRestartVerifies = again.status === 200 && (await verifyPackage(again.body)).ok;
  ctx.say(
    `  after the restart the export ${afterRestartVerifies ? "verifies" : `does NOT verify (${again.status})`}; new temp files: ${newTempFiles.length}`,
  );
  await server.kill9();
  if (!newTempFiles.length) fs.rmSync(serverTmp, { recursive: true, force: true });
  return {
    cleanExportSeconds,
    cleanPackageBytes: clean.body.length,
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
