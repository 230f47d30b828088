/**
 * Screening evaluation
 * ====================
 *
 * `npm run eval -- --screen`: generates a seeded population, holds out one application of every ring
 * (chosen by a hash of the ring id) and a sample of honest ones (up to `honestPerKind` of each look-alike
 * kind and of honest applicants in none), ingests the rest into an EMPTIED database, runs detection as a
 * recorded run, then screens each held-out application as an applicant-tracking system would (without
 * `record`). Reports the share of held-out ring members not `clear` per ring type, and the shares of
 * honest ones `block` and `review` per look-alike kind, against the targets.
 */
import { generatePopulation } from "../../seed/generate.js";
import type { ContractRecord, TruthRow } from "../../seed/types.js";
import type { Config } from "../config.js";
import { IngestRepository } from "../ingest/ingest.repository.js";
import { connectDatabase } from "../db/database.js";
import { RunsRepository } from "../runs/runs.repository.js";
import { hashString } from "../detect/rng.js";
import { ingestRecords } from "../ingest/pipeline.js";
import type { RawRecord } from "../ingest/readers.js";
import { MemoryRejectSink } from "../ingest/rejects.js";
import { createLogger } from "../logger.js";
import { lazyDetectFromDatabase } from "../runs/detector.js";
import { RunsService } from "../runs/runs.service.js";
import { LatestRun } from "../runs/latest-run.js";
import { ScreenRepository } from "../screen/screen.repository.js";
import { ScreenService } from "../screen/screen.service.js";
import type { Decision } from "../screen/types.js";

export const SCREEN_TARGETS = { ringNotClear: 0.95, honestBlock: 0.01, honestReview: 0.05 } as const;

export interface Share {
  n: number;
  block: number;
  review: number;
  clear: number;
}

export interface ScreenEvalReport {
  apps: number;
  seed: number;
  ingested: number;
  held_out: { ring: number; honest: number };
  run_id: string;
  detect_seconds: number;
  screen_ms: { mean: number; p50: number; p99: number };
  ring: Share & { not_clear_rate: number };
  ring_by_type: Record<string, Share & { not_clear_rate: number }>;
  honest: Share & { block_rate: number; review_rate: number };
  honest_by_kind: Record<string, Share & { block_rate: number; review_rate: number }>;
  /** Held-out ring members screened clear, for a look at why. */
  missed: { application_id: string; ring_type: string; risk_score: number }[];
  targets: typeof SCREEN_TARGETS;
  targets_met: { ring_not_clear: boolean; honest_block: boolean; honest_review: boolean };
}

const empty = (): Share => ({ n: 0, block: 0, review: 0, clear: 0 });
const add = (s: Share, d: Decision) => {
  s.n++;
  s[d]++;
};
const rate = (x: number, n: number) => (n ? Math.round((x / n) * 10000) / 10000 : 0);

export async function evaluateScreening(
  config: Config,
  spec: { apps: number; seed: number; honestPerKind: number },
  log: (m: string) => void,
): Promise<ScreenEvalReport> {
  // Pass 1: choose the held-out applications from the truth.
  const rings = new Map<string, TruthRow[]>();
  const honest = new Map<string, string[]>();
  for (const { truth } of generatePopulation({ apps: spec.apps, seed: spec.seed })) {
    if (truth.ring_id) {
      const list = rings.get(truth.ring_id) ?? [];
      list.push(truth);
      rings.set(truth.ring_id, list);
    } else {
      const kind = truth.lookalike ?? "none";
      const list = honest.get(kind) ?? [];
      list.push(truth.application_id);
      honest.set(kind, list);
    }
  }
  const heldRing = new Map<string, string>(); // application id → ring type
  for (const [id, members] of rings) {
    const m = members[hashString(id) % members.length]!;
    heldRing.set(m.application_id, m.ring_type ?? "unknown");
  }
  const heldHonest = new Map<string, string>(); // application id → look-alike kind
  for (const [kind, ids] of honest) {
    const step = Math.max(1, Math.floor(ids.length / spec.honestPerKind));
    for (let i = 0; i < ids.length && i / step < spec.honestPerKind; i += step) heldHonest.set(ids[i]!, kind);
  }
  log(
    `screen eval: holding out ${heldRing.size} ring members (one per ring) and ${heldHonest.size} honest applications`,
  );

  // Pass 2: ingest the rest, keep the held-out records.
  const held = new Map<string, ContractRecord>();
  async function* rest(): AsyncGenerator<RawRecord> {
    let line = 0;
    for (const { record } of generatePopulation({ apps: spec.apps, seed: spec.seed })) {
      line++;
      if (heldRing.has(record.application_id) || heldHonest.has(record.application_id)) {
        held.set(record.application_id, record);
        continue;
      }
      yield { line, text: "", value: record };
    }
  }
  const db = await connectDatabase(config);
  try {
    const applications = new IngestRepository(db);
    log(`screen eval: emptying database "${config.neo4j.database}" of instance "${config.neo4j.instance}"…`);
    await applications.deleteAll();
    await db.applySchema();
    const summary = await ingestRecords(applications, rest(), {
      batchSize: config.ingest.batchSize,
      rejects: new MemoryRejectSink(10),
    });
    log(`screen eval: ingested ${summary.accepted} applications in ${summary.seconds.toFixed(1)} s; detecting…`);
    const runs = new RunsService({
      db,
      repo: new RunsRepository(db),
      detect: lazyDetectFromDatabase,
      log: createLogger("warn"),
      runsToKeep: 2,
    });
    const t0 = performance.now();
    const result = await runs.runNow("eval-screen");
    const detectSeconds = (performance.now() - t0) / 1000;
    const latest = new LatestRun(db);
    const screen = new ScreenService({
      repo: new ScreenRepository(db),
      applications,
      latest,
      thresholds: config.screen,
    });
    log(
      `screen eval: run ${result.document.run_id} (${detectSeconds.toFixed(1)} s); screening ${held.size} applications…`,
    );
    const ring = empty();
    const ringByType: Record<string, Share> = {};
    const hon = empty();
    const honByKind: Record<string, Share> = {};
    const missed: ScreenEvalReport["missed"] = [];
    const took: number[] = [];
    for (const [id, record] of held) {
      const r = await screen.screen(record, { record: false, by: "eval" });
      took.push(r.took_ms);
      const type = heldRing.get(id);
      if (type) {
        add(ring, r.decision);
        add((ringByType[type] ??= empty()), r.decision);
        if (r.decision === "clear") missed.push({ application_id: id, ring_type: type, risk_score: r.risk_score });
      } else {
        const kind = heldHonest.get(id)!;
        add(hon, r.decision);
        add((honByKind[kind] ??= empty()), r.decision);
      }
    }
    took.sort((a, b) => a - b);
    const pct = (q: number) => took[Math.min(took.length - 1, Math.floor(q * took.length))] ?? 0;
    const notClear = (s: Share) => ({ ...s, not_clear_rate: rate(s.block + s.review, s.n) });
    const honestRates = (s: Share) => ({ ...s, block_rate: rate(s.block, s.n), review_rate: rate(s.review, s.n) });
    const report: ScreenEvalReport = {
      apps: spec.apps,
      seed: spec.seed,
      ingested: summary.accepted,
      held_out: { ring: heldRing.size, honest: heldHonest.size },
      run_id: result.document.run_id,
      detect_seconds: Math.round(detectSeconds * 10) / 10,
      screen_ms: {
        mean: Math.round((took.reduce((a, b) => a + b, 0) / (took.length || 1)) * 10) / 10,
        p50: pct(0.5),
        p99: pct(0.99),
      },
      ring: notClear(ring),
      ring_by_type: Object.fromEntries(Object.entries(ringByType).map(([k, s]) => [k, notClear(s)])),
      honest: honestRates(hon),
      honest_by_kind: Object.fromEntries(Object.entries(honByKind).map(([k, s]) => [k, honestRates(s)])),
      missed: missed.slice(0, 50),
      targets: SCREEN_TARGETS,
      targets_met: {
        ring_not_clear: rate(ring.block + ring.review, ring.n) >= SCREEN_TARGETS.ringNotClear,
        honest_block: rate(hon.block, hon.n) <= SCREEN_TARGETS.honestBlock,
        honest_review: rate(hon.review, hon.n) <= SCREEN_TARGETS.honestReview,
      },
    };
    return report;
  } finally {
    await db.close();
  }
}

export function printScreenReport(r: ScreenEvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const ok = (b: boolean) => (b ? "ok" : "MISSED");
  const line = (name: string, s: Share) =>
    `${name.padEnd(18)} n=${String(s.n).padStart(5)}  block ${String(s.block).padStart(4)}  review ${String(s.review).padStart(4)}  clear ${String(s.clear).padStart(4)}`;
  return [
    `eval --screen: ${r.apps} applications (seed ${r.seed}); held out ${r.held_out.ring} ring members (one per ring) and ${r.held_out.honest} honest; ${r.ingested} ingested; run ${r.run_id} in ${r.detect_seconds} s`,
    `screening time per application: mean ${r.screen_ms.mean} ms, p50 ${r.screen_ms.p50} ms, p99 ${r.screen_ms.p99} ms (in process, no HTTP)`,
    "",
    `ring members not clear: ${pct(r.ring.not_clear_rate)} (${r.ring.block + r.ring.review}/${r.ring.n})   [target ≥ ${pct(r.targets.ringNotClear)}] ${ok(r.targets_met.ring_not_clear)}`,
    ...Object.entries(r.ring_by_type)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, s]) => `  ${line(k, s)}  not clear ${pct(s.not_clear_rate)}`),
    "",
    `honest blocked: ${pct(r.honest.block_rate)} (${r.honest.block}/${r.honest.n})   [target ≤ ${pct(r.targets.honestBlock)}] ${ok(r.targets_met.honest_block)}`,
    `honest to review: ${pct(r.honest.review_rate)} (${r.honest.review}/${r.honest.n})   [target ≤ ${pct(r.targets.honestReview)}] ${ok(r.targets_met.honest_review)}`,
    ...Object.entries(r.honest_by_kind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, s]) => `  ${line(k, s)}  block ${pct(s.block_rate)}  review ${pct(s.review_rate)}`),
    ...(r.missed.length
      ? [
          "",
          `ring members screened clear (first ${r.missed.length}): ${r.missed.map((m) => `${m.application_id} (${m.ring_type}, ${m.risk_score})`).join(", ")}`,
        ]
      : []),
  ].join("\n");
}
