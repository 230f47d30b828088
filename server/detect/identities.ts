/**
 * Identities
 * ==========
 *
 * Collapses applications that are plainly one person into one identity before anything is linked, so
 * that one person applying to twelve jobs is one node, not a ring of twelve. Rule: two applications are
 * the same identity when they share an identifier of a personal kind (email, phone, profile, payroll
 * account) AND carry the same folded name (`name_key`: case, accents, punctuation and word order
 * ignored). Nameless applications count as one name among themselves. What a household or an office
 * shares (an IP, a device, a shipping address) never makes two applications one person: relatives
 * with the same name share the home address and laptop, and NATs join strangers with common names.
 */
import { K, type DetectionInput } from "./input.js";
import { groupBy, UnionFind } from "./union-find.js";
import type { Usage } from "./usage.js";

export const SAME_PERSON_KINDS: readonly number[] = [K.email, K.phone, K.profile, K.payment];

export interface Identities {
  /** Identity of each application. */
  of: Int32Array;
  count: number;
  /** CSR: applications of each identity, ascending. */
  offset: Int32Array;
  members: Int32Array;
}

export function buildIdentities(input: DetectionInput, usage: Usage): Identities {
  const n = input.apps.count;
  const uf = new UnionFind(n);
  const personal = new Uint8Array(8);
  for (const k of SAME_PERSON_KINDS) personal[k] = 1;
  // For each identifier, the first application seen per name: `firstOf[name]` is valid while
  // `stamp[name]` equals the identifier being scanned (no per-identifier allocation).
  const names = input.strings.nameKeys.length + 1;
  const stamp = new Int32Array(names).fill(-1);
  const firstOf = new Int32Array(names);
  const { kind } = input.identifiers;
  const { nameKey } = input.apps;
  for (let i = 0; i < input.identifiers.count; i++) {
    const from = usage.offset[i]!;
    const to = usage.offset[i + 1]!;
    if (to - from < 2 || !personal[kind[i]!]) continue;
    for (let u = from; u < to; u++) {
      const a = usage.apps[u]!;
      const name = nameKey[a]! + 1; // 0 = no name
      if (stamp[name] !== i) {
        stamp[name] = i;
        firstOf[name] = a;
      } else uf.union(firstOf[name]!, a);
    }
  }
  const { label, count } = uf.labels();
  const { offset, members } = groupBy(label, count);
  return { of: label, count, offset, members };
}
