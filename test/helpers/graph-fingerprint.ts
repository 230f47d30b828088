/**
 * The application–identifier graph as tests compare it (read/graph-fingerprint): nodes per label, links,
 * a checksum over sorted nodes and their links, and each node's properties (ingested_at aside) and types.
 */
import crypto from "node:crypto";

import type { Database } from "../../server/db/database.js";
import { defineQueries } from "../../server/db/queries.js";

defineQueries(["read/graph-fingerprint"] as const);

interface NodeRow {
  labels: string[];
  ref: string;
  props: [string, unknown][];
  types: string[];
  out: string[];
}

export async function graphFingerprint(db: Database) {
  const rows = await db.read<NodeRow>("read/graph-fingerprint");
  const perLabel: Record<string, number> = {};
  let links = 0;
  const lines: string[] = [];
  for (const r of rows) {
    perLabel[r.labels.join(":")] = (perLabel[r.labels.join(":")] ?? 0) + 1;
    links += r.out.length;
    lines.push(`${r.labels.join(":")} ${r.ref} ${[...r.out].sort().join(" ")}`);
  }
  const checksum = crypto.createHash("sha256").update(lines.join("\n")).digest("hex");
  const nodes = rows.map((r) => ({
    node: `${r.labels.join(":")} ${r.ref}`,
    props: Object.fromEntries([...r.props].sort((a, b) => a[0].localeCompare(b[0]))),
    types: [...r.types].sort(),
  }));
  /** Every `Label.property` present on some node. */
  const propNames = new Set(rows.flatMap((r) => r.props.map(([k]) => `${r.labels[0]}.${k}`)));
  return { perLabel, links, checksum, nodes, propNames };
}
