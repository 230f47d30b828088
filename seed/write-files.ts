/**
 * Writing a seeded population to files
 * ====================================
 *
 * Streams `generatePopulation` into an applications file (NDJSON, CSV or a JSON array, by extension) and a
 * ground-truth NDJSON file, with back-pressure, and returns the counts by ring type and look-alike type.
 * Used by `npm run seed` and reused by the evaluation and benchmark scripts.
 */
import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";

import { stringify } from "csv-stringify/sync";

import { ValidationError } from "../server/common/errors.js";
import { CONTRACT_FIELDS } from "../server/common/contract.js";
import { generatePopulation, validateSeedOptions } from "./generate.js";
import {
  ALL_LOOKALIKE_TYPES,
  RING_TYPES,
  type ContractRecord,
  type LookalikeType,
  type RingType,
  type SeedOptions,
} from "./types.js";

export type OutputFormat = "ndjson" | "csv" | "json";

export interface PopulationSummary {
  apps: number;
  seed: number;
  outPath: string;
  truthPath: string;
  format: OutputFormat;
  seconds: number;
  fraudApps: number;
  honestApps: number;
  rings: Record<RingType, { rings: number; apps: number }>;
  lookalikes: Record<LookalikeType, { groups: number; apps: number }>;
}

export function formatOf(file: string): OutputFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) return "json";
  throw new ValidationError(`seed: cannot tell the format of ${file}: use .ndjson, .jsonl, .csv or .json`);
}

export function defaultTruthPath(outPath: string): string {
  return `${outPath}.truth.ndjson`;
}

/** One CSV row in contract-field order; lists joined with "|", absent fields empty. */
function csvRow(r: ContractRecord): string[] {
  const rec = r as unknown as Record<string, unknown>;
  return CONTRACT_FIELDS.map((f) => {
    const v = rec[f];
    return v === undefined ? "" : Array.isArray(v) ? v.join("|") : String(v);
  });
}

class BufferedWriter {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly stream: fs.WriteStream) {}

  async write(s: string): Promise<void> {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const ok = this.stream.write(this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
    if (!ok) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

export interface WriteOptions {
  format?: OutputFormat;
  /** Called every `progressEvery` applications with the count written so far. */
  onProgress?: (written: number) => void;
  progressEvery?: number;
}

/** Writes the population and its truth file; resolves with the counts once both files are closed. */
export async function writePopulation(
  opts: SeedOptions,
  outPath: string,
  truthPath: string = defaultTruthPath(outPath),
  w: WriteOptions = {},
): Promise<PopulationSummary> {
  const format = w.format ?? formatOf(outPath);
  validateSeedOptions(opts); // before any file is created
  const t0 = performance.now();
  const out = new BufferedWriter(fs.createWriteStream(outPath, { encoding: "utf8" }));
  const truth = new BufferedWriter(fs.createWriteStream(truthPath, { encoding: "utf8" }));
  const ringIds = new Map<RingType, Set<string>>(RING_TYPES.map((t) => [t, new Set()]));
  const groupIds = new Map<LookalikeType, Set<string>>(ALL_LOOKALIKE_TYPES.map((t) => [t, new Set()]));
  const summary: PopulationSummary = {
    apps: 0,
    seed: opts.seed,
    outPath,
    truthPath,
    format,
    seconds: 0,
    fraudApps: 0,
    honestApps: 0,
    rings: Object.fromEntries(RING_TYPES.map((t) => [t, { rings: 0, apps: 0 }])) as PopulationSummary["rings"],
    lookalikes: Object.fromEntries(
      ALL_LOOKALIKE_TYPES.map((t) => [t, { groups: 0, apps: 0 }]),
    ) as PopulationSummary["lookalikes"],
  };
  try {
    if (format === "csv") await out.write(stringify([[...CONTRACT_FIELDS]]));
    if (format === "json") await out.write("[\n");
    let csvBatch: string[][] = [];
    for (const { record, truth: t } of generatePopulation(opts)) {
      if (format === "ndjson") await out.write(`${JSON.stringify(record)}\n`);
      else if (format === "json") await out.write(`${summary.apps ? ",\n" : ""}${JSON.stringify(record)}`);
      else {
        csvBatch.push(csvRow(record));
        if (csvBatch.length >= 2000) {
          await out.write(stringify(csvBatch));
          csvBatch = [];
        }
      }
      await truth.write(`${JSON.stringify(t)}\n`);
      summary.apps++;
      if (t.ring_type) {
        summary.fraudApps++;
        summary.rings[t.ring_type].apps++;
        ringIds.get(t.ring_type)!.add(t.ring_id!);
      } else summary.honestApps++;
      if (t.lookalike) {
        summary.lookalikes[t.lookalike].apps++;
        if (t.lookalike_group) groupIds.get(t.lookalike)!.add(t.lookalike_group);
      }
      if (w.onProgress && summary.apps % (w.progressEvery ?? 50_000) === 0) w.onProgress(summary.apps);
    }
    if (csvBatch.length) await out.write(stringify(csvBatch));
    if (format === "json") await out.write("\n]\n");
  } finally {
    await Promise.all([out.close(), truth.close()]);
  }
  for (const t of RING_TYPES) summary.rings[t].rings = ringIds.get(t)!.size;
  for (const t of ALL_LOOKALIKE_TYPES) summary.lookalikes[t].groups = groupIds.get(t)!.size;
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

/** The summary as the lines the CLI prints. */
export function describeSummary(s: PopulationSummary): string {
  const pct = (n: number) => `${((100 * n) / s.apps).toFixed(1)}%`;
  const lines = [
    `${s.apps} applications (seed ${s.seed}) -> ${s.outPath} [${s.format}], truth -> ${s.truthPath} in ${s.seconds.toFixed(1)} s`,
    `fraud: ${s.fraudApps} applications (${pct(s.fraudApps)})`,
    ...RING_TYPES.map(
      (t) =>
        `  ${t.padEnd(18)} ${String(s.rings[t].rings).padStart(6)} rings  ${String(s.rings[t].apps).padStart(8)} applications`,
    ),
    `honest: ${s.honestApps} applications (${pct(s.honestApps)}), look-alikes:`,
    ...ALL_LOOKALIKE_TYPES.map(
      (t) =>
        `  ${t.padEnd(18)} ${String(s.lookalikes[t].groups).padStart(6)} groups ${String(s.lookalikes[t].apps).padStart(8)} applications`,
    ),
  ];
  return lines.join("\n");
}
