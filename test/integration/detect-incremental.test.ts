/**
 * Incremental detection end to end against the real Neo4j: a seeded population ingested in two batches
 * (the second with new applications and re-ingested ones with changed details), a full run after the
 * first, an incremental run after the second; then a batch that joins two clusters and one that makes an
 * identifier common infrastructure. Each incremental run must give what a full pass over the whole graph
 * gives (clusters, scores, patterns, reasons, order, common infrastructure), keep the ids and diff a full
 * run would give after the same previous run, and have read and recomputed only part of the graph. A
 * second process (a new state store over the same file) continues from the first one's state.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { generatePopulation } from "../../seed/generate.js";
import type { ContractRecord } from "../../seed/types.js";
import type { ContractCluster } from "../../server/common/detection.js";
import { loadConfig } from "../../server/config.js";
import { connectDatabase, type Database } from "../../server/db/database.js";
import { defaultEnvironment } from "../../server/detect/environment.js";
import { rankClusters } from "../../server/detect/rank.js";
import { createLogger } from "../../server/logger.js";
import { detectFromDatabase } from "../../server/runs/detect-from-database.js";
import { DetectionStateStore } from "../../server/runs/detection-state.js";
import { lazyDetectFromDatabase } from "../../server/runs/detector.js";
import { diffRuns } from "../../server/runs/diff.js";
import type { RunResult } from "../../server/runs/runner.js";
import { RunsRepository } from "../../server/runs/runs.repository.js";
import { RunsService } from "../../server/runs/runs.service.js";
import { assignStableIds } from "../../server/runs/stable-ids.js";
import { emptyDatabase, ingestList } from "../helpers/context.js";

const env = defaultEnvironment();
let db: Database;
let dir: string;
let records: ContractRecord[];
let counter = 0;

function service(file: string): RunsService {
  return new RunsService({
    db,
    repo: new RunsRepository(db),
    detect: lazyDetectFromDatabase,
    log: createLogger("silent"),
    runsToKeep: 10,
    newClusterId: () => `C-T${String(++counter).padStart(5, "0")}`,
    // Ingest and detection take turns here: no transaction straddles a read, so no margin is needed.
    state: new DetectionStateStore(file, 0),
  });
}

async function ingest(list: ContractRecord[]): Promise<void> {
  expect((await ingestList(db, list)).rejected).toBe(0);
}

const strip = (c: ContractCluster) => {
  const { id: _id, change: _change, ...rest } = c;
  void _id;
  void _change;
  return rest;
};

/**
 * The incremental run `inc` against a full pass over the graph now, and against the ids and diff that
 * the full pass's clusters would get after the same previous run.
 */
async function expectEqualToFull(inc: RunResult, previous: RunResult): Promise<void> {
  const full = await detectFromDatabase(db, { environment: env });
  const sorted = rankClusters(full.clusters);
  expect(inc.document.clusters.map(strip)).toEqual(sorted);
  const before = previous.document.clusters.map((c) => ({ id: c.id, application_ids: c.application_ids }));
  let fresh = 0;
  const { ids } = assignStableIds(before, sorted, { newId: () => `C-NEW${++fresh}` });
  const kept = new Set(before.map((c) => c.id));
  inc.document.clusters.forEach((c, i) => {
    // A carried id is the one a full run would carry; a fresh one is fresh in both.
    if (kept.has(ids[i]!)) expect(c.id).toBe(ids[i]);
    else expect(kept.has(c.id)).toBe(false);
  });
  const diff = diffRuns(
    previous.document.run_id,
    before,
    sorted.map((c, i) => ({ id: ids[i]!, application_ids: c.application_ids })),
  );
  expect(inc.diff.counts).toEqual(diff.counts);
  expect(inc.diff.clusters.map((c) => c.change)).toEqual(diff.clusters.map((c) => c.change));
  const run = await new RunsRepository(db).byId(inc.document.run_id);
  expect(JSON.parse(String(run?.common_infrastructure_json))).toEqual(full.commonInfrastructure);
}

let first: RunResult;
let second: RunResult;

beforeAll(async () => {
  db = await connectDatabase(loadConfig(), { startIfNeeded: false });
  await emptyDatabase(db);
  await db.applySchema();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-incr-"));
  records = [...generatePopulation({ apps: 4000, seed: 7 })].map((x) => x.record);
}, 120_000);
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("incremental detection runs", () => {
  it("after a second batch (new and re-ingested applications) gives what a full run gives", async () => {
    const runs = service(path.join(dir, "state.v8"));
    await ingest(records.slice(0, 3000));
    first = await runs.runNow("test");
    expect(first.stats.incremental).toBeUndefined();
    // Re-ingested: every 50th application of the first batch with a new phone or without its device.
    const changed = records
      .slice(0, 3000)
      .filter((_, i) => i % 50 === 7)
      .map((r, k) =>
        k % 2 ? { ...r, phone: `+1415555${String(1000 + k).padStart(4, "0")}` } : { ...r, device_id: undefined },
      );
    await ingest([...records.slice(3000), ...changed]);
    second = await runs.runNow("test", undefined, { incremental: true });
    const inc = second.stats.incremental!;
    expect(inc.from_run).toBe(first.document.run_id);
    expect(inc.ingested).toBeGreaterThanOrEqual(1000 + changed.length);
    expect(second.stats.components_reused).toBeGreaterThan(0);
    expect(second.stats.components_recomputed).toBeGreaterThan(0);
    expect(second.document.clusters.length).toBeGreaterThan(20);
    expect(second.diff.counts.grown + second.diff.counts.new).toBeGreaterThan(0);
    await expectEqualToFull(second, first);
  }, 300_000);

  it("a batch that joins two clusters merges them, in a run started by another process", async () => {
    // Two small clusters (no Louvain split) of personal identifiers; one new application uses an
    // email of a member of each.
    const byId = new Map(records.map((r) => [r.application_id, r]));
    const emailOf = (c: ContractCluster) =>
      c.application_ids
        .map((id) => byId.get(id)?.email)
        .map((e) => (Array.isArray(e) ? e[0] : e))
        .find((e): e is string => typeof e === "string");
    const small = second.document.clusters.filter(
      (c) => (c.identities ?? 99) <= 4 && c.application_ids.length >= 2 && emailOf(c),
    );
    expect(small.length).toBeGreaterThanOrEqual(2);
    const [x, y] = small;
    const joiner: ContractRecord = {
      application_id: "INC-JOIN-1",
      submitted_at: "2026-11-30T10:00:00Z",
      full_name: "Jordan Bridges",
      email: [emailOf(x!)!, emailOf(y!)!],
    };
    await ingest([joiner]);
    const third = await service(path.join(dir, "state.v8")).runNow("test", undefined, { incremental: true });
    expect(third.stats.incremental?.from_run).toBe(second.document.run_id);
    expect(third.stats.incremental?.ingested).toBeGreaterThanOrEqual(1);
    expect(third.stats.components_recomputed).toBeLessThan(20);
    const joined = third.document.clusters.find((c) => c.application_ids.includes("INC-JOIN-1"))!;
    for (const id of [...x!.application_ids, ...y!.application_ids]) expect(joined.application_ids).toContain(id);
    expect(third.diff.counts.merged).toBeGreaterThanOrEqual(1);
    expect(third.diff.clusters.find((c) => c.id === joined.id)?.change).toBe("merged");
    await expectEqualToFull(third, second);
    second = third;
  }, 300_000);

  it("a batch that makes an identifier common infrastructure recomputes the clusters it linked", async () => {
    // A cluster's shared email, then used by eight strangers who share nothing else: more groups than
    // the email's cap, so it is cut and no longer links the cluster.
    const target = second.document.clusters.find((c) => c.shared_identifiers?.some((s) => s.startsWith("email:")))!;
    const email = target.shared_identifiers!.find((s) => s.startsWith("email:"))!.slice("email:".length);
    const strangers: ContractRecord[] = Array.from({ length: 8 }, (_, k) => ({
      application_id: `INC-CI-${k}`,
      submitted_at: `2026-11-${String(10 + k).padStart(2, "0")}T09:00:00Z`,
      full_name: `Stranger Number${k} Person${"abcdefgh"[k]}`,
      email: [email, `stranger.${k}.own@example.org`],
    }));
    await ingest(strangers);
    const fourth = await service(path.join(dir, "state.v8")).runNow("test", undefined, { incremental: true });
    expect(fourth.stats.incremental?.from_run).toBe(second.document.run_id);
    const run = await new RunsRepository(db).byId(fourth.document.run_id);
    const common = JSON.parse(String(run?.common_infrastructure_json)) as { ref: string }[];
    expect(common.map((c) => c.ref)).toContain(`email:${email}`);
    expect(fourth.document.clusters.some((c) => c.shared_identifiers?.includes(`email:${email}`))).toBe(false);
    expect(fourth.diff.clusters.find((c) => c.id === target.id)?.change ?? "dissolved").not.toBe("unchanged");
    await expectEqualToFull(fourth, second);
  }, 300_000);

  it("a batch that changes a far identifier's decision recomputes the clusters using it", async () => {
    // Two carrier-NAT addresses no seeded application uses (common infrastructure whatever their use).
    // A laptop farm K uses both; three separate "Quinn Harlow"s (two applications each, with one e-mail)
    // use X and two strangers use Y, so X counts four identities and Y three, and K lists them X, Y (by
    // identity count). The batch is one more Quinn Harlow giving the three's e-mails: the four become one
    // person, X counts two identities and K lists Y, X. Nothing in the batch uses X or anything K uses,
    // and nothing it uses was private before (no application is re-read for it): only X's changed
    // decision says K must be recomputed (taken from the previous run, K would keep the old order).
    const used = new Set(records.flatMap((r) => (Array.isArray(r.ip) ? r.ip : r.ip ? [r.ip] : [])));
    const mobile = (ip: string) => {
      const asn = env.asn.lookup(ip)?.asn;
      return asn !== undefined && env.categories.mobile.has(asn);
    };
    const seededMobile = [...used].find((ip) => ip.includes(".") && mobile(ip))!;
    const prefix = seededMobile.split(".").slice(0, 3).join(".");
    const [x, y] = Array.from({ length: 254 }, (_, k) => `${prefix}.${k + 1}`).filter(
      (ip) => !used.has(ip) && mobile(ip),
    );
    expect(x && y).toBeTruthy();
    const at = (d: number) => `2026-10-${String(d).padStart(2, "0")}T08:00:00Z`;
    const farm: ContractRecord[] = ["Ada Farrow", "Ben Okafor", "Cleo Marsh"].map((name, k) => ({
      application_id: `INC-FAR-K${k}`,
      submitted_at: at(1 + k),
      full_name: name,
      email: `far.k${k}@example.org`,
      device_id: "incr-far-device-1",
      payment_account: "incr-far-payroll-1",
      ...(k === 0 ? { ip: [x!, y!] } : {}),
    }));
    const quinns: ContractRecord[] = [0, 1, 2, 3, 4, 5].map((j) => ({
      application_id: `INC-FAR-P${j}`,
      submitted_at: at(4 + j),
      full_name: "Quinn Harlow",
      email: `quinn.harlow.${j >> 1}@example.org`,
      ...(j % 2 ? {} : { ip: x! }),
    }));
    const strangers: ContractRecord[] = ["Dana Whitlock", "Eli Branson"].map((name, k) => ({
      application_id: `INC-FAR-Q${k}`,
      submitted_at: at(11 + k),
      full_name: name,
      email: `far.q${k}@example.org`,
      ip: y!,
    }));
    await ingest([...farm, ...quinns, ...strangers]);
    const before = await service(path.join(dir, "state.v8")).runNow("test", undefined, { incremental: true });
    const listed = (r: RunResult) =>
      r.document.clusters.find((c) => c.application_ids.includes("INC-FAR-K0"))?.common_infrastructure;
    expect(listed(before)).toEqual([`ip:${x}`, `ip:${y}`]);
    await ingest([
      {
        application_id: "INC-FAR-P6",
        submitted_at: at(20),
        full_name: "Quinn Harlow",
        email: [0, 1, 2].map((k) => `quinn.harlow.${k}@example.org`),
      },
    ]);
    const after = await service(path.join(dir, "state.v8")).runNow("test", undefined, { incremental: true });
    expect(after.stats.incremental).toMatchObject({ from_run: before.document.run_id, reread: 1 });
    expect(listed(after)).toEqual([`ip:${y}`, `ip:${x}`]);
    expect(after.stats.components_recomputed).toBeLessThan(20);
    await expectEqualToFull(after, before);
  }, 300_000);
});
