/**
 * Detection input loader
 * ======================
 *
 * Reads the application–identifier graph out of Neo4j in its most compact streamable form, on two
 * connections at once (Database.readLanes), straight into the compact DetectionInput:
 *  1. one row per identifier that two or more applications use: its kind as an integer, its key, and
 *     the internal ids of its applications (each shared key crosses Bolt once, not once per link);
 *  2. for the applications found there (the others can never be in a cluster and are only counted),
 *     by internal id in ascending order: the fields detection reads and, of the identifiers only that
 *     application uses, the kind code of each non-IP one (counted per kind) and the keys of its IPs (for
 *     the ASN lookup); its shared ones, and their kinds, came in part 1. (As of a date, "shared" counts
 *     only the applications submitted by then, so every identifier of an application is read.)
 * The first form (one row per application with "Label key" strings per link) read 16.4 of 18.8 s at
 * 1,000,000 applications; the README's Benchmarks section has this one's figures.
 */
import { unpackDetails } from "../db/application-details.js";
import type { Database, RowReader } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { defaultEnvironment, type DetectEnvironment } from "../detect/environment.js";
import { K, KIND_COUNT, type DetectionInput } from "../detect/input.js";
import { InputBuilder, type InputIndexes } from "../detect/input-builder.js";

defineQueries([
  "read/detect-shared-identifiers-a",
  "read/detect-shared-identifiers-b",
  "read/detect-shared-identifiers-as-of",
  "read/detect-applications-by-id",
  "read/detect-applications-private-by-id",
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
  /** The packed descriptive fields (server/db/application-details.ts). */
  details: string | null;
  /** Per identifier used: an IP's key, or another kind's code. */
  ls: (number | string)[];
}

/** Counts an application's identifiers (`ls`) per kind into `totals` and returns its IP keys. */
export function countIdentifiers(ls: ApplicationRow["ls"], totals: number[]): string[] {
  totals.fill(0);
  const ips: string[] = [];
  for (const l of ls)
    if (typeof l === "number") totals[l]!++;
    else ips.push(l);
  totals[K.ip] = ips.length;
  return ips;
}

/** An application row's fields as detection's input builder takes them, read by name (a decoded row or an object). */
export function applicationFields(get: (key: keyof ApplicationRow) => unknown): Parameters<InputBuilder["add"]>[0] {
  const d = unpackDetails(get("details"));
  return {
    id: get("id") as string,
    submittedAt: (get("t") as number | null) ?? 0,
    fullName: get("name") as string | null,
    nameKey: get("nk") as string | null,
    university: (d.university as string | undefined) ?? null,
    major: (d.major as string | undefined) ?? null,
    graduationDate: (d.graduation_date as string | undefined) ?? null,
    shippingAddress: (d.shipping_address as string | undefined) ?? null,
    indicators: (d.indicators as string[] | undefined) ?? null,
  };
}

/** Pair packing: application node * PAIR_SHIFT + identifier id. */
const PAIR_SHIFT = 2 ** 23;

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
  const chunk = opts.chunk ?? 10_000;
  let tIdentifiers = t0;
  // As of a date, only the applications submitted by then count as users of an identifier; part 2
  // reads only those (from part 1), with all their identifiers as the full read does.
  const asOf = opts.asOf ? { as_of: opts.asOf } : null;
  const nodeIds: number[] = [];
  let snapshotAt = "";
  await db.readLanes(2, async ([one, two]) => {
    await one!.each("read/detect-snapshot-time", {}, (r) => (snapshotAt = r.get("now") as string));
    // Part 1: shared identifiers, interned once, as (application node, identifier id) pairs packed in one
    // number each (node * 2^23 + id: ids < 2^23, nodes < 2^30), sorted by application node: no per-link
    // string lookups and no per-application arrays. The two halves are read at once; the second is held
    // until the first is interned, so identifier ids do not depend on which lane answers first.
    const sharedIps = new Set<string>();
    // Kind code of each interned identifier (ids are given in order from 0).
    const kindOf: number[] = [];
    let pairs = new Float64Array(1 << 20);
    let count = 0;
    const addIdentifier = (r: RowReader) => {
      const k = r.get("k") as number;
      const key = r.get("key") as string;
      const apps = r.get("apps") as number[];
      const i = builder.intern(k, key);
      if (i >= PAIR_SHIFT) throw new Error(`more than ${PAIR_SHIFT} shared identifiers: the pair packing overflows`);
      kindOf[i] = k;
      if (k === K.ip) sharedIps.add(key);
      if (count + apps.length > pairs.length) {
        const next = new Float64Array(Math.max(pairs.length * 2, count + apps.length));
        next.set(pairs.subarray(0, count));
        pairs = next;
      }
      for (const n of apps) pairs[count++] = n * PAIR_SHIFT + i;
    };
    if (asOf) await one!.each("read/detect-shared-identifiers-as-of", asOf, addIdentifier);
    else {
      const second = two!.collect("read/detect-shared-identifiers-b");
      await one!.each("read/detect-shared-identifiers-a", {}, addIdentifier);
      for (const r of await second) addIdentifier(r);
    }
    const sorted = pairs.subarray(0, count).sort();
    // Distinct application nodes, ascending, and where each one's pairs start in `sorted`.
    const nodes: number[] = [];
    const starts: number[] = [];
    for (let p = 0; p < count; p++) {
      const n = Math.floor(sorted[p]! / PAIR_SHIFT);
      if (n !== nodes[nodes.length - 1]) {
        nodes.push(n);
        starts.push(p);
      }
    }
    starts.push(count);
    const linkIds = new Int32Array(count);
    for (let p = 0; p < count; p++) linkIds[p] = sorted[p]! % PAIR_SHIFT;
    tIdentifiers = performance.now();
    // Part 2: the applications that share something, in internal-id order (the order of `nodes`), in
    // chunks that alternate between the lanes: while one chunk is added here, Neo4j answers the next two,
    // one on each core.
    const totals = new Array<number>(KIND_COUNT);
    const privateIps: string[] = [];
    let next = 0;
    const lanes = [one!, two!];
    // The full read sends only each application's own identifiers (its shared ones are counted from part 1);
    // as of a date, identifiers used by later applications are not in part 1, so all of them are sent.
    const ownOnly = !asOf;
    const byId = ownOnly ? "read/detect-applications-private-by-id" : "read/detect-applications-by-id";
    const fetch = (c: number) => lanes[c % 2]!.collect(byId, { ids: nodes.slice(c * chunk, (c + 1) * chunk) });
    const chunks = Math.ceil(nodes.length / chunk);
    const ahead = new Map<number, Promise<RowReader[]>>();
    for (let c = 0; c < Math.min(2, chunks); c++) ahead.set(c, fetch(c));
    for (let c = 0; c < chunks; c++) {
      const rows = await ahead.get(c)!;
      ahead.delete(c);
      // This chunk's lane is free again: it takes the chunk after the one the other lane is reading.
      if (c + 2 < chunks) ahead.set(c + 2, fetch(c + 2));
      for (const r of rows) {
        const n = r.get("n") as number;
        // Rows come in `nodes` order; a node deleted since part 1 is skipped.
        while (nodes[next] !== n && next < nodes.length) next++;
        privateIps.length = 0;
        for (const ip of countIdentifiers(r.get("ls") as ApplicationRow["ls"], totals))
          if (!sharedIps.has(ip)) privateIps.push(ip);
        if (ownOnly) {
          // Its own identifiers were counted above; its shared ones are its links from part 1. (An
          // identifier that became shared or private between the two parts may be counted twice or not at
          // all; the builder keeps the larger of these totals and the links it holds.)
          totals[K.ip] = privateIps.length;
          for (let l = starts[next]!; l < starts[next + 1]!; l++) totals[kindOf[linkIds[l]!]!]!++;
        }
        nodeIds.push(n);
        builder.addInterned(
          applicationFields((k) => r.get(k)),
          linkIds,
          starts[next]!,
          starts[next + 1]!,
          {
            privateIps,
            totals,
          },
        );
        next++;
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
