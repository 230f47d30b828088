/**
 * Incremental pass memo
 * =====================
 *
 * What a detection pass keeps for the next one (`DetectionMemo`), and what the next one recomputes from
 * it: the applications whose component changed (`touchedApplications`). Pure; detect.ts drives it.
 */
import type { DetectedCluster } from "../common/detection.js";
import type { AnalysisContext } from "./context.js";
import type { DetectionInput } from "./input.js";
import type { Usage } from "./usage.js";

/** The previous pass's memo and the applications (by id) re-read since it. */
export interface PreviousPass {
  memo: DetectionMemo;
  changed: ReadonlySet<string>;
  /**
   * The changed applications' indexes in the input, when the caller knows them (a patched input: its
   * part's places), so that they are not looked up by id over every application.
   */
  changedIndexes?: ArrayLike<number>;
}

/**
 * What an incremental pass remembers: per component that can make a cluster (two or more identities, or
 * one with enough applications for identity reuse), keyed by its first application's id, its
 * applications' ids and the clusters it gave; and per identifier (by its id in the input) how it was
 * decided: its identity count, negative when it was cut, 0 when it linked nothing. Detection is a pure
 * function of the input, so a component whose applications, and every identifier they use, are as they
 * were gives what it gave before. Identifier ids are those of the input the memo was made from: the next
 * input must keep them (server/detect/input-subset.ts and input-patch.ts do; new identifiers come after).
 */
export interface DetectionMemo {
  components: Map<string, { apps: string[]; clusters: DetectedCluster[]; louvain: boolean }>;
  identifiers: Int32Array;
  /** The identifiers' keys and kinds those ids stood for (to look them up by ref in a renumbered input). */
  keys: readonly string[];
  kinds: Uint8Array;
}

/** Whether `apps` (ascending indexes of `input`) are the applications `ids`, in that order. */
export function sameApplications(ids: readonly string[], input: DetectionInput, apps: readonly number[]): boolean {
  if (ids.length !== apps.length) return false;
  for (let j = 0; j < apps.length; j++) if (ids[j] !== input.apps.ids[apps[j]!]) return false;
  return true;
}

const decided = (ctx: AnalysisContext, i: number) =>
  ctx.decision.live[i] ? ctx.links.identities[i]! : -ctx.links.identities[i]!;

export function newMemo(ctx: AnalysisContext): DetectionMemo {
  const identifiers = new Int32Array(ctx.input.identifiers.count);
  for (let i = 0; i < identifiers.length; i++) identifiers[i] = decided(ctx, i);
  return { components: new Map(), identifiers, keys: ctx.input.identifiers.key, kinds: ctx.input.identifiers.kind };
}

/**
 * The memo's decision for each identifier of `input`: by id when the input kept the memo's ids (a patched
 * or reduced input: the same key at the same id, new ones after), else by ref (an input built anew).
 */
function decisionsBefore(input: DetectionInput, memo: DetectionMemo): Int32Array {
  const { key, kind, count } = input.identifiers;
  const n = Math.min(count, memo.identifiers.length);
  let aligned = true;
  for (let i = 0; i < n && aligned; i++) aligned = key[i] === memo.keys[i] && kind[i] === memo.kinds[i];
  const out = new Int32Array(count);
  if (aligned) {
    out.set(memo.identifiers.subarray(0, n));
    return out;
  }
  const byRef = new Map<string, number>();
  for (let i = 0; i < memo.identifiers.length; i++)
    if (memo.identifiers[i]) byRef.set(`${memo.kinds[i]}:${memo.keys[i]}`, memo.identifiers[i]!);
  for (let i = 0; i < count; i++) out[i] = byRef.get(`${kind[i]}:${key[i]}`) ?? 0;
  return out;
}

/**
 * Applications whose component must be recomputed: the changed ones, and every application using an
 * identifier a changed one uses or whose decision (live or cut, identity count) differs from the memo's.
 */
export function touchedApplications(ctx: AnalysisContext, usage: Usage, previous: PreviousPass): Uint8Array {
  const { input } = ctx;
  const dirty = new Uint8Array(input.apps.count);
  const dirtyIdent = new Uint8Array(input.identifiers.count);
  const mark = (a: number) => {
    dirty[a] = 1;
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) dirtyIdent[input.links.ident[l]!] = 1;
  };
  const known = previous.changedIndexes;
  if (known) for (let j = 0; j < known.length; j++) mark(known[j]!);
  else for (let a = 0; a < input.apps.count; a++) if (previous.changed.has(input.apps.ids[a]!)) mark(a);
  // Identifiers absent now but remembered had their users change (dirty already) or leave the
  // component, whose signature then differs: no need to look them up. New ones count as 0 before.
  const before = decisionsBefore(input, previous.memo);
  for (let i = 0; i < input.identifiers.count; i++)
    if (!dirtyIdent[i] && before[i]! !== decided(ctx, i)) dirtyIdent[i] = 1;
  for (let i = 0; i < input.identifiers.count; i++)
    if (dirtyIdent[i]) for (let u = usage.offset[i]!; u < usage.offset[i + 1]!; u++) dirty[usage.apps[u]!] = 1;
  return dirty;
}
