/**
 * Detection input loader
 * ======================
 *
 * Streams the application–identifier graph out of Neo4j, one row per application in batches of the
 * driver's fetch size, straight into the compact DetectionInput. One query, so one consistent snapshot.
 * Only what can link travels: applications that share at least one identifier (the others can never be
 * in a cluster and are only counted), keys of shared identifiers, and IPs for the ASN lookup.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { LABEL_KIND } from "../common/identifiers.js";
import { defaultEnvironment, type DetectEnvironment } from "../detect/environment.js";
import { K, KIND_CODE, KIND_COUNT, type DetectionInput } from "../detect/input.js";
import { InputBuilder } from "../detect/input-builder.js";

defineQueries([
  "read/detect-applications",
  "read/detect-count",
  "read/detect-applications-as-of",
  "read/detect-count-as-of",
] as const);

interface Row {
  id: string;
  t: number | null;
  name: string | null;
  nk: string | null;
  uni: string | null;
  major: string | null;
  grad: string | null;
  ship: string | null;
  ind: string[] | null;
  ids: string[];
}

export interface LoadOptions {
  /** Called every `progressEvery` applications with the number read so far. */
  onProgress?: (applications: number) => void;
  progressEvery?: number;
  /** ASN table and education reference; the shipped ones by default. */
  environment?: DetectEnvironment;
  /** Backtest: only applications submitted at or before this ISO date-time (server/cli/detect.ts --as-of). */
  asOf?: string;
}

export interface LoadResult {
  input: DetectionInput;
  seconds: number;
}

const LABEL_CODE: Record<string, number> = Object.fromEntries(
  Object.entries(LABEL_KIND).map(([label, kind]) => [label, KIND_CODE[kind]]),
);

export async function loadDetectionInput(db: Database, opts: LoadOptions = {}): Promise<LoadResult> {
  const t0 = performance.now();
  // The ASN table is read once per process (about a second), before the stream starts.
  const builder = new InputBuilder(opts.environment ?? defaultEnvironment());
  const every = opts.progressEvery ?? 50_000;
  const totals = new Array<number>(KIND_COUNT);
  const links: [number, string][] = [];
  const privateIps: string[] = [];
  const asOf = opts.asOf ? { as_of: opts.asOf } : null;
  const rows = asOf
    ? db.stream<Row>("read/detect-applications-as-of", asOf)
    : db.stream<Row>("read/detect-applications");
  for await (const row of rows) {
    totals.fill(0);
    links.length = 0;
    privateIps.length = 0;
    for (const entry of row.ids) {
      if (entry.startsWith("~")) {
        privateIps.push(entry.slice(1));
        continue;
      }
      const space = entry.indexOf(" ");
      const code = LABEL_CODE[space < 0 ? entry : entry.slice(0, space)];
      if (code === undefined) continue;
      totals[code]!++;
      if (space >= 0) links.push([code, entry.slice(space + 1)]);
    }
    totals[K.ip]! += privateIps.length;
    builder.add(
      {
        id: row.id,
        submittedAt: row.t ?? 0,
        fullName: row.name,
        nameKey: row.nk,
        university: row.uni,
        major: row.major,
        graduationDate: row.grad,
        shippingAddress: row.ship,
        indicators: row.ind,
      },
      links,
      { privateIps, totals },
    );
    if (opts.onProgress && builder.applications % every === 0) opts.onProgress(builder.applications);
  }
  const [count] = asOf
    ? await db.read<{ applications: number }>("read/detect-count-as-of", asOf)
    : await db.read<{ applications: number }>("read/detect-count");
  const input = builder.build();
  input.totalApplications = Math.max(count?.applications ?? 0, input.apps.count);
  return { input, seconds: (performance.now() - t0) / 1000 };
}
