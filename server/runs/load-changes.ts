/**
 * Incremental read
 * ================
 *
 * Reads what changed since the previous run and patches its input (server/detect/input-patch.ts), in one
 * read transaction:
 *  1. the applications ingested at or after the state's `since` (range index on `ingested_at`), new ones
 *     and re-ingested ones, whose links may have changed, with their fields and, per identifier they use,
 *     how many applications use it (so the shared ones are known in the same expansion);
 *  2. for every shared identifier of theirs that the previous input did not hold (it was private to one
 *     application, or is new), the internal ids of all its applications, and the fields of those not read
 *     in (1): their link lists gain it. Every other application keeps its links: an identifier the
 *     previous input held already lists them.
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
  "read/detect-changed-since",
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
  /** Of which building the re-read applications and patching the previous input with them. */
  patchSeconds: number;
  /**
   * Seconds of each part: the transaction's start (with the snapshot time), the changed applications, the
   * users of newly shared identifiers, the other applications re-read, their rows built, the count.
   */
  parts: { begin: number; changed: number; users: number; applications: number; build: number; count: number };
}

const CHUNK = 10_000;

/** A changed application's row: its fields, and per identifier used [kind code, key, internal id, users]. */
type ChangedRow = Omit<ApplicationRow, "ls"> & { uses: [number, string, number, number][] };

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
  let applications = 0;
  const shared = new Set<number>();
  let tBegin = t0;
  let tBuild = t0;
  let tChanged = t0;
  let tUsers = t0;
  let tApplications = t0;
  await db.readSnapshot(async (stream) => {
    for await (const r of stream<{ now: string }>("read/detect-snapshot-time")) snapshotAt = r.now;
    tBegin = performance.now();
    // Re-read applications by internal id, each with the shared identifiers its link list gains; a changed
    // application's list is all its shared identifiers, another one's its previous list plus those.
    const rows = new Map<number, ApplicationRow>();
    const linksOf = new Map<number, [number, string][]>();
    const link = (n: number, ref: [number, string]) => {
      const list = linksOf.get(n);
      if (list) list.push(ref);
      else linksOf.set(n, [ref]);
    };
    const unknown = new Map<number, [number, string]>();
    for await (const r of stream<ChangedRow>("read/detect-changed-since", { since: state.since })) {
      const { uses, ...fields } = r;
      rows.set(r.n, { ...fields, ls: uses.map(([k, key]) => (k === K.ip ? key : k)) });
      linksOf.set(r.n, []);
      for (const [k, key, m, users] of uses) {
        if (users < 2) continue;
        link(r.n, [k, key]);
        if (shared.has(m)) continue;
        shared.add(m);
        if (!state.indexes.identifiers[k]!.has(key)) unknown.set(m, [k, key]);
      }
    }
    ingested = rows.size;
    tChanged = performance.now();
    const changed = new Set(rows.keys());
    const unknownIds = [...unknown.keys()];
    const others = new Set<number>();
    for (let from = 0; from < unknownIds.length; from += CHUNK)
      for await (const r of stream<{ m: number; apps: number[] }>("read/detect-identifier-users", {
        ids: unknownIds.slice(from, from + CHUNK),
      })) {
        const ref = unknown.get(r.m)!;
        for (const n of r.apps)
          if (!changed.has(n)) {
            link(n, ref);
            others.add(n);
          }
      }
    tUsers = performance.now();
    const otherNodes = Float64Array.from(others).sort();
    for (let from = 0; from < otherNodes.length; from += CHUNK) {
      const ids = Array.from(otherNodes.subarray(from, from + CHUNK));
      for await (const row of stream<ApplicationRow>("read/detect-applications-by-id", { ids })) rows.set(row.n, row);
    }
    tApplications = performance.now();
    // Built in internal-id order, as the full read streams them and the patch merges them.
    const totals = new Array<number>(KIND_COUNT);
    for (const n of Float64Array.from(rows.keys()).sort()) {
      const row = rows.get(n)!;
      const links: [number, string][] = [];
      const refs = new Set<string>();
      const add = (k: number, key: string) => {
        const ref = `${k}\u0000${key}`;
        if (refs.has(ref)) return;
        refs.add(ref);
        links.push([k, key]);
      };
      const a = changed.has(n) ? -1 : indexOf(state.nodeIds, n);
      if (a >= 0)
        for (let l = base.links.offset[a]!; l < base.links.offset[a + 1]!; l++) {
          const i = base.links.ident[l]!;
          add(base.identifiers.kind[i]!, base.identifiers.key[i]!);
        }
      for (const [k, key] of linksOf.get(n) ?? []) add(k, key);
      const ips = countIdentifiers(row.ls, totals);
      const sharedIps = new Set(links.filter(([k]) => k === K.ip).map(([, key]) => key));
      builder.add(
        applicationFields((k) => row[k]),
        links,
        { privateIps: ips.filter((ip) => !sharedIps.has(ip)), totals },
      );
      partNodes.push(n);
    }
    tBuild = performance.now();
    for await (const r of stream<{ applications: number }>("read/detect-count")) applications = r.applications;
  });
  const tPatch = performance.now();
  const part = builder.build();
  const patched = patchInput(
    base,
    state.nodeIds,
    part,
    Float64Array.from(partNodes),
    state.indexes,
    Math.max(applications, 0),
  );
  patched.input.totalApplications = Math.max(patched.input.totalApplications ?? 0, patched.input.apps.count);
  return {
    ...patched,
    changed: new Set(part.apps.ids),
    counts: { ingested, reread: part.apps.count, identifiers: shared.size },
    snapshotAt,
    seconds: (performance.now() - t0) / 1000,
    patchSeconds: (performance.now() - tPatch) / 1000,
    parts: {
      begin: (tBegin - t0) / 1000,
      changed: (tChanged - tBegin) / 1000,
      users: (tUsers - tChanged) / 1000,
      applications: (tApplications - tUsers) / 1000,
      build: (tBuild - tApplications) / 1000,
      count: (tPatch - tBuild) / 1000,
    },
  };
}
