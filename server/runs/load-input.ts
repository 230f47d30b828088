/**
 * Detection input loader
 * ======================
 *
 * Reads the application–identifier graph out of Neo4j in its most compact streamable form, in one read
 * transaction (one snapshot), straight into the compact DetectionInput:
 *  1. one row per identifier that two or more applications use: its kind as an integer, its key, and
 *     the internal ids of its applications (each shared key crosses Bolt once, not once per link);
 *  2. for the applications found there (the others can never be in a cluster and are only counted),
 *     by internal id in ascending order: the fields detection reads, the kind code of each non-IP
 *     identifier (counted per kind) and the keys of its IPs (for the ASN lookup).
 * The first form (one row per application with "Label key" strings per link) read 16.4 of 18.8 s at
 * 1,000,000 applications; the README's Benchmarks section has this one's figures.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { defaultEnvironment, type DetectEnvironment } from "../detect/environment.js";
import { K, KIND_COUNT, type DetectionInput } from "../detect/input.js";
import { InputBuilder, type InputIndexes } from "../detect/input-builder.js";

defineQueries([
  "read/detect-shared-identifiers",
  "read/detect-shared-identifiers-as-of",
  "read/detect-applications-by-id",
  "read/detect-count",
  "read/detect-count-as-of",
  "read/detect-snapshot-time",
] as const);

export interface IdentifierRow {
  k: number;
  key: string;
  apps: number[];
}

export interface ApplicationRow {
  n: number;
  id: string;
  t: number | null;
  name: string | null;
  nk: string | null;
  uni: string | null;
  major: string | null;
  grad: string | null;
  ship: string | null;
  ind: string[] | null;
  ks: number[];
  ips: string[];
}

/** An application row's fields as detection's input builder takes them (the full read and the incremental one). */
export function applicationFields(row: ApplicationRow): Parameters<InputBuilder["add"]>[0] {
  return {
    id: row.id,
    submittedAt: row.t ?? 0,
    fullName: row.name,
    nameKey: row.nk,
    university: row.uni,
    major: row.major,
    graduationDate: row.grad,
    shippingAddress: row.ship,
    indicators: row.ind,
  };
}

export interface LoadOptions {
  /** Called every `progressEvery` applications with the number read so far. */
  onProgress?: (applications: number) => void;
  progressEvery?: number;
  /** ASN table and education reference; the shipped ones by default. */
  environment?: DetectEnvironment;
  /** Backtest: only applications submitted at or before this ISO date-time (server/cli/detect.ts --as-of). */
  asOf?: string;
  /** Internal ids per part-2 query (a parameter list of this many integers). */
  chunk?: number;
}

export interface LoadResult {
  input: DetectionInput;
  seconds: number;
  /** Seconds of each part: shared identifiers, applications. */
  parts: { identifiers: number; applications: number };
  /** Neo4j's internal id of each application of the input, in input order (ascending). */
  nodeIds: Float64Array;
  /** The builder's interning maps (kept by incremental detection to patch this input). */
  indexes: InputIndexes;
  /** The read transaction's time on the database's clock (ISO): incremental runs re-read from shortly before it. */
  snapshotAt: string;
}

export async function loadDetectionInput(db: Database, opts: LoadOptions = {}): Promise<LoadResult> {
  const t0 = performance.now();
  // The ASN table is read once per process (about a second), before the stream starts.
  const builder = new InputBuilder(opts.environment ?? defaultEnvironment());
  const every = opts.progressEvery ?? 50_000;
  const chunk = opts.chunk ?? 50_000;
  let tIdentifiers = t0;
  // As of a date, only the applications submitted by then count as users of an identifier; part 2
  // reads only those (from part 1), with all their identifiers as the full read does.
  const asOf = opts.asOf ? { as_of: opts.asOf } : null;
  const nodeIds: number[] = [];
  let snapshotAt = "";
  await db.readSnapshot(async (stream) => {
    for await (const r of stream<{ now: string }>("read/detect-snapshot-time")) snapshotAt = r.now;
    // Part 1: shared identifiers, kept as (kind, key) and inverted to application → identifier indices.
    const kinds: number[] = [];
    const keys: string[] = [];
    const sharedIps = new Set<string>();
    const linksOf = new Map<number, number[]>();
    const shared = asOf
      ? stream<IdentifierRow>("read/detect-shared-identifiers-as-of", asOf)
      : stream<IdentifierRow>("read/detect-shared-identifiers");
    for await (const r of shared) {
      const i = keys.length;
      kinds.push(r.k);
      keys.push(r.key);
      if (r.k === K.ip) sharedIps.add(r.key);
      for (const n of r.apps) {
        const list = linksOf.get(n);
        if (list) list.push(i);
        else linksOf.set(n, [i]);
      }
    }
    tIdentifiers = performance.now();
    // Part 2: the applications that share something, in internal-id order.
    const ids = Float64Array.from(linksOf.keys()).sort();
    const totals = new Array<number>(KIND_COUNT);
    const links: [number, string][] = [];
    const privateIps: string[] = [];
    for (let from = 0; from < ids.length; from += chunk) {
      const part = Array.from(ids.subarray(from, from + chunk));
      for await (const row of stream<ApplicationRow>("read/detect-applications-by-id", { ids: part })) {
        totals.fill(0);
        links.length = 0;
        privateIps.length = 0;
        for (const i of linksOf.get(row.n) ?? []) links.push([kinds[i]!, keys[i]!]);
        for (const k of row.ks) totals[k]!++;
        for (const ip of row.ips) if (!sharedIps.has(ip)) privateIps.push(ip);
        totals[K.ip] = row.ips.length;
        nodeIds.push(row.n);
        builder.add(applicationFields(row), links, { privateIps, totals });
        if (opts.onProgress && builder.applications % every === 0) opts.onProgress(builder.applications);
      }
    }
  });
  const tApplications = performance.now();
  const [count] = asOf
    ? await db.read<{ applications: number }>("read/detect-count-as-of", asOf)
    : await db.read<{ applications: number }>("read/detect-count");
  const input = builder.build();
  input.totalApplications = Math.max(count?.applications ?? 0, input.apps.count);
  return {
    input,
    seconds: (performance.now() - t0) / 1000,
    parts: { identifiers: (tIdentifiers - t0) / 1000, applications: (tApplications - tIdentifiers) / 1000 },
    nodeIds: Float64Array.from(nodeIds),
    indexes: builder.indexes(),
    snapshotAt,
  };
}
