/**
 * Incremental read
 * ================
 *
 * Reads what changed since the previous run and patches its input (server/detect/input-patch.ts), in one
 * read transaction:
 *  1. the applications ingested at or after the state's `since` (range index on `ingested_at`): new ones
 *     and re-ingested ones, whose links may have changed;
 *  2. every identifier they use that two or more applications use, with the changed applications using it,
 *     and, for an identifier the previous input did not hold, the internal ids of all its applications;
 *  3. the fields of the applications to rebuild: the changed ones, and the users of every identifier of
 *     (2) that the previous input did not hold (it was private to one application, or is new), since
 *     their link lists gain it. Every other application keeps its links: an identifier the previous input
 *     held already lists them.
 * So the read is proportional to the batch and the identifiers it touches, not to the graph.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { defaultEnvironment, type DetectEnvironment } from "../detect/environment.js";
import { K, KIND_COUNT } from "../detect/input.js";
import { InputBuilder } from "../detect/input-builder.js";
import { indexOf, patchInput, type Patched } from "../detect/input-patch.js";
import type { DetectionState } from "./detection-state.js";
import { applicationFields, countIdentifiers, type ApplicationRow } from "./load-input.js";

defineQueries([
  "read/detect-changed-applications",
  "read/detect-changed-identifiers",
  "read/detect-identifier-users",
  "read/detect-applications-by-id",
  "read/detect-count",
  "read/detect-snapshot-time",
] as const);

export interface ChangesResult extends Patched {
  /** Application ids whose fields or links were rebuilt (the incremental pass's changed set). */
  changed: Set<string>;
  /** Applications ingested since the previous run's read, and applications re-read in all. */
  counts: { ingested: number; reread: number; identifiers: number };
  snapshotAt: string;
  seconds: number;
}

const CHUNK = 10_000;

interface ChangedIdentifierRow {
  k: number;
  key: string;
  /** The identifier's internal id. */
  m: number;
  /** The changed applications (internal ids) using it. */
  users: number[];
}

export async function loadChanges(
  db: Database,
  state: DetectionState,
  opts: { environment?: DetectEnvironment } = {},
): Promise<ChangesResult> {
  const t0 = performance.now();
  const base = state.input;
  const builder = new InputBuilder(opts.environment ?? defaultEnvironment());
  const partNodes: number[] = [];
  let snapshotAt = "";
  let ingested = 0;
  let identifierRows = 0;
  await db.readSnapshot(async (stream) => {
    for await (const r of stream<{ now: string }>("read/detect-snapshot-time")) snapshotAt = r.now;
    const changed: number[] = [];
    for await (const r of stream<{ n: number }>("read/detect-changed-applications", { since: state.since }))
      changed.push(r.n);
    ingested = changed.length;
    // Shared identifiers of the changed applications, as (kind, key) per application; for one the previous
    // input did not hold, every user (their link lists gain it), else only the changed users.
    const linksOf = new Map<number, [number, string][]>();
    const reread = new Set<number>(changed);
    const seen = new Set<number>();
    const unknown = new Map<number, [number, string]>();
    const link = (n: number, ref: [number, string]) => {
      const list = linksOf.get(n);
      if (list) list.push(ref);
      else linksOf.set(n, [ref]);
    };
    for (let from = 0; from < changed.length; from += CHUNK) {
      const ids = changed.slice(from, from + CHUNK);
      for await (const r of stream<ChangedIdentifierRow>("read/detect-changed-identifiers", { ids })) {
        if (seen.has(r.m)) {
          // Used by changed applications of another chunk: those are its users too.
          if (!unknown.has(r.m)) for (const n of r.users) link(n, [r.k, r.key]);
          continue;
        }
        seen.add(r.m);
        identifierRows++;
        if (state.indexes.identifiers[r.k]!.has(r.key)) for (const n of r.users) link(n, [r.k, r.key]);
        else unknown.set(r.m, [r.k, r.key]);
      }
    }
    const unknownIds = [...unknown.keys()];
    for (let from = 0; from < unknownIds.length; from += CHUNK)
      for await (const r of stream<{ m: number; apps: number[] }>("read/detect-identifier-users", {
        ids: unknownIds.slice(from, from + CHUNK),
      })) {
        const ref = unknown.get(r.m)!;
        for (const n of r.apps) {
          link(n, ref);
          reread.add(n);
        }
      }
    const isChanged = new Set(changed);
    const nodes = Float64Array.from(reread).sort();
    const totals = new Array<number>(KIND_COUNT);
    for (let from = 0; from < nodes.length; from += CHUNK) {
      const ids = Array.from(nodes.subarray(from, from + CHUNK));
      for await (const row of stream<ApplicationRow>("read/detect-applications-by-id", { ids })) {
        // A changed application's shared identifiers are all in (2); another one keeps its previous links.
        const links: [number, string][] = [];
        const refs = new Set<string>();
        const add = (k: number, key: string) => {
          const ref = `${k}\u0000${key}`;
          if (refs.has(ref)) return;
          refs.add(ref);
          links.push([k, key]);
        };
        const a = isChanged.has(row.n) ? -1 : indexOf(state.nodeIds, row.n);
        if (a >= 0)
          for (let l = base.links.offset[a]!; l < base.links.offset[a + 1]!; l++) {
            const i = base.links.ident[l]!;
            add(base.identifiers.kind[i]!, base.identifiers.key[i]!);
          }
        for (const [k, key] of linksOf.get(row.n) ?? []) add(k, key);
        const ips = countIdentifiers(row, totals);
        const sharedIps = new Set(links.filter(([k]) => k === K.ip).map(([, key]) => key));
        builder.add(applicationFields(row), links, { privateIps: ips.filter((ip) => !sharedIps.has(ip)), totals });
        partNodes.push(row.n);
      }
    }
  });
  const [count] = await db.read<{ applications: number }>("read/detect-count");
  const part = builder.build();
  const patched = patchInput(
    base,
    state.nodeIds,
    part,
    Float64Array.from(partNodes),
    state.indexes,
    Math.max(count?.applications ?? 0, 0),
  );
  patched.input.totalApplications = Math.max(patched.input.totalApplications ?? 0, patched.input.apps.count);
  return {
    ...patched,
    changed: new Set(part.apps.ids),
    counts: { ingested, reread: part.apps.count, identifiers: identifierRows },
    snapshotAt,
    seconds: (performance.now() - t0) / 1000,
  };
}
