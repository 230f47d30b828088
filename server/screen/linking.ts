/**
 * Screening's links
 * =================
 *
 * Pure steps of a screen between the graph lookup and the score: which applications the new one links
 * to (common infrastructure left out), which of them are the same applicant (detection's identity rule:
 * the same folded name and a personal identifier in common) and which are other people, what each kind
 * links, and the clusters it would join, highest risk first.
 */
import { KIND_CODE } from "../detect/input.js";
import { SAME_PERSON_KINDS } from "../detect/identities.js";
import type { IdentifierKind } from "../common/identifiers.js";
import type { LinkedApplication, LookupRow, StoredClusterSummary } from "./screen.repository.js";

const PERSONAL = new Set(SAME_PERSON_KINDS);
export const kindOfRef = (ref: string) => ref.slice(0, ref.indexOf(":")) as IdentifierKind;

export interface LinkedEntry {
  app: LinkedApplication;
  via: Set<string>;
}

export interface KindShare {
  refs: Set<string>;
  apps: Set<string>;
  people: Set<string>;
}

/** Applications linked through identifiers that are neither common infrastructure nor over their cap (`capOf`). */
export function linkThrough(
  rows: readonly LookupRow[],
  common: ReadonlySet<string>,
  capOf: (kind: IdentifierKind, key: string) => number,
): { linked: Map<string, LinkedEntry>; skipped: string[] } {
  const skipped: string[] = [];
  const linked = new Map<string, LinkedEntry>();
  for (const r of rows) {
    if (common.has(r.ref) || r.uses > capOf(kindOfRef(r.ref), r.ref.slice(r.ref.indexOf(":") + 1))) {
      if (r.uses > 1 || r.apps.length) skipped.push(r.ref);
      continue;
    }
    for (const a of r.apps) {
      const entry = linked.get(a.id) ?? { app: a, via: new Set<string>() };
      entry.via.add(r.ref);
      linked.set(a.id, entry);
    }
  }
  return { linked, skipped };
}

/** Same applicant as the one screened (name key `myName`): the same folded name and a personal identifier. */
export const sameApplicant = (myName: string | null) => (e: LinkedEntry) =>
  (e.app.name_key ?? null) === myName && [...e.via].some((v) => PERSONAL.has(KIND_CODE[kindOfRef(v)]));

export interface Applicants {
  /** Other applicants by label (folded name, or the application when it has none), numbered from 1. */
  labels: Map<string, number>;
  /** Identity of the screened application (0) and of each linked one, in `linked` order. */
  identityOf: number[];
  times: number[];
  byKind: Map<string, KindShare>;
  sharedRefs: Set<string>;
  sameApps: string[];
}

export function applicantsOf(
  submittedAt: number,
  linked: ReadonlyMap<string, LinkedEntry>,
  same: (e: LinkedEntry) => boolean,
): Applicants {
  const out: Applicants = {
    labels: new Map(),
    identityOf: [0],
    times: [submittedAt],
    byKind: new Map(),
    sharedRefs: new Set(),
    sameApps: [],
  };
  for (const e of linked.values()) {
    const isSame = same(e);
    const label = isSame ? "" : (e.app.name_key ?? `app:${e.app.id}`);
    if (isSame) out.sameApps.push(e.app.id);
    else if (!out.labels.has(label)) out.labels.set(label, out.labels.size + 1);
    out.identityOf.push(isSame ? 0 : out.labels.get(label)!);
    out.times.push(e.app.t ?? 0);
    if (isSame) continue;
    for (const v of e.via) {
      out.sharedRefs.add(v);
      const k = kindOfRef(v);
      const s = out.byKind.get(k) ?? { refs: new Set(), apps: new Set(), people: new Set() };
      s.refs.add(v);
      s.apps.add(e.app.id);
      s.people.add(label);
      out.byKind.set(k, s);
    }
  }
  return out;
}

export interface JoinableCluster {
  c: StoredClusterSummary;
  via: Set<string>;
  apps: Set<string>;
  same: boolean;
}

/** Clusters of the linked applications, highest risk first (ties by id): the first is the one it would join. */
export function clustersOf(
  linked: ReadonlyMap<string, LinkedEntry>,
  same: (e: LinkedEntry) => boolean,
): JoinableCluster[] {
  const clusters = new Map<string, JoinableCluster>();
  for (const e of linked.values()) {
    const c = e.app.cluster;
    if (!c) continue;
    const x = clusters.get(c.id) ?? { c, via: new Set<string>(), apps: new Set<string>(), same: false };
    for (const v of e.via) x.via.add(v);
    x.apps.add(e.app.id);
    x.same ||= same(e);
    clusters.set(c.id, x);
  }
  return [...clusters.values()].sort((a, b) => b.c.risk_score - a.c.risk_score || (a.c.id < b.c.id ? -1 : 1));
}
