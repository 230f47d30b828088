/**
 * Components
 * ==========
 *
 * Connected components of identities over the live identifiers (union-find), kept when they can make a
 * cluster: two or more identities, or one identity with two or more applications (an identity-reuse
 * candidate; whether it becomes a cluster is the detectors' call).
 */
import type { LinkDecision } from "./common-infrastructure.js";
import type { Identities } from "./identities.js";
import type { IdentityLinks } from "./identity-links.js";
import type { DetectionInput } from "./input.js";
import { groupBy, UnionFind } from "./union-find.js";

export interface Components {
  /** Component of each identity. */
  of: Int32Array;
  count: number;
  /** CSR component → identities (ascending). */
  offset: Int32Array;
  members: Int32Array;
}

export function buildComponents(
  input: DetectionInput,
  ids: Identities,
  links: IdentityLinks,
  decision: LinkDecision,
): Components {
  const uf = new UnionFind(ids.count);
  const { offset, members } = links.byIdent;
  for (let i = 0; i < input.identifiers.count; i++) {
    if (!decision.live[i]) continue;
    const first = members[offset[i]!]!;
    for (let m = offset[i]! + 1; m < offset[i + 1]!; m++) uf.union(first, members[m]!);
  }
  const { label, count } = uf.labels();
  const groups = groupBy(label, count);
  return { of: label, count, offset: groups.offset, members: groups.members };
}

/** Applications of the given identities, ascending. */
export function applicationsOf(ids: Identities, identities: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let j = 0; j < identities.length; j++) {
    const p = identities[j]!;
    for (let m = ids.offset[p]!; m < ids.offset[p + 1]!; m++) out.push(ids.members[m]!);
  }
  return out.sort((a, b) => a - b);
}
