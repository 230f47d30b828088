/**
 * Graph fingerprint
 * =================
 *
 * A compact description of the whole graph for "is this the same graph?" checks (the chaos script
 * compares a graph rebuilt after kills with a clean ingest): node counts per label, relationship
 * counts per type, and a SHA-256 over every application id in order with its name, indicators and
 * sorted identifier links. Streamed, so 1,000,000 applications are hashed without holding them.
 */
import crypto from "node:crypto";

import { withDetails } from "./application-details.js";
import type { Database } from "./database.js";
import { defineQueries } from "./queries.js";

defineQueries(["read/label-counts", "read/relationship-type-counts", "read/all-links"] as const);

export interface GraphFingerprint {
  labels: Record<string, number>;
  relationships: Record<string, number>;
  applications: number;
  /** SHA-256 (hex) over the sorted application ids with their names, indicators and identifier links. */
  checksum: string;
}

/** `labels` / `relationships` restrict the counts to those names (the ones a reference graph has). */
export async function graphFingerprint(
  db: Database,
  opts: { labels?: readonly string[]; relationships?: readonly string[] } = {},
): Promise<GraphFingerprint> {
  const labels: Record<string, number> = {};
  for (const r of await db.read<{ label: string; count: number }>("read/label-counts"))
    if (!opts.labels || opts.labels.includes(r.label)) labels[r.label] = r.count;
  const relationships: Record<string, number> = {};
  for (const r of await db.read<{ type: string; count: number }>("read/relationship-type-counts"))
    if (!opts.relationships || opts.relationships.includes(r.type)) relationships[r.type] = r.count;
  const hash = crypto.createHash("sha256");
  let applications = 0;
  for await (const row of db.stream<{
    id: string;
    full_name: string | null;
    details: string | null;
    identifiers: string[];
  }>("read/all-links")) {
    applications++;
    const { indicators } = withDetails({ details: row.details }, ["indicators"]);
    hash.update(JSON.stringify([row.id, row.full_name, indicators, [...row.identifiers].sort()]) + "\n");
  }
  return { labels, relationships, applications, checksum: hash.digest("hex") };
}

/** The differences between two fingerprints, in words (empty when they are equal). */
export function fingerprintDifferences(expected: GraphFingerprint, actual: GraphFingerprint): string[] {
  const out: string[] = [];
  const compare = (what: string, a: Record<string, number>, b: Record<string, number>) => {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      if ((a[k] ?? 0) !== (b[k] ?? 0)) out.push(`${what} ${k}: ${b[k] ?? 0} instead of ${a[k] ?? 0}`);
  };
  compare("label", expected.labels, actual.labels);
  compare("relationship", expected.relationships, actual.relationships);
  if (expected.applications !== actual.applications)
    out.push(`applications hashed: ${actual.applications} instead of ${expected.applications}`);
  if (expected.checksum !== actual.checksum)
    out.push(`checksum ${actual.checksum.slice(0, 16)}… instead of ${expected.checksum.slice(0, 16)}…`);
  return out;
}
