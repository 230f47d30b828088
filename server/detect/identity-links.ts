/**
 * Identity–identifier links
 * =========================
 *
 * The bipartite graph detection clusters on: for each identifier, the distinct identities using it
 * (CSR), and the reverse. Only identifiers used by two or more identities appear: the others cannot
 * link anyone (an identifier used by one identity, however many of its applications, stays private).
 */
import type { Identities } from "./identities.js";
import type { DetectionInput } from "./input.js";
import type { Usage } from "./usage.js";

export interface IdentityLinks {
  /** Distinct identities per identifier (0 for identifiers used by fewer than two). */
  identities: Int32Array;
  /** Applications per identifier. */
  applications: Int32Array;
  /** CSR identifier → identities (ascending); empty unless `identities[i] >= 2`. */
  byIdent: { offset: Int32Array; members: Int32Array };
  /** CSR identity → identifiers it shares with another identity (ascending). */
  byIdentity: { offset: Int32Array; members: Int32Array };
}

export function buildIdentityLinks(input: DetectionInput, usage: Usage, ids: Identities): IdentityLinks {
  const nIdent = input.identifiers.count;
  const identities = new Int32Array(nIdent);
  const applications = new Int32Array(nIdent);
  const stamp = new Int32Array(ids.count).fill(-1);
  // First pass: distinct identities per identifier.
  for (let i = 0; i < nIdent; i++) {
    const from = usage.offset[i]!;
    const to = usage.offset[i + 1]!;
    applications[i] = to - from;
    if (to - from < 2) continue;
    let d = 0;
    for (let u = from; u < to; u++) {
      const p = ids.of[usage.apps[u]!]!;
      if (stamp[p] !== i) {
        stamp[p] = i;
        d++;
      }
    }
    identities[i] = d >= 2 ? d : 0;
  }
  const offset = new Int32Array(nIdent + 1);
  for (let i = 0; i < nIdent; i++) offset[i + 1] = offset[i]! + identities[i]!;
  const members = new Int32Array(offset[nIdent]!);
  stamp.fill(-1);
  const perIdentity = new Int32Array(ids.count + 1);
  for (let i = 0; i < nIdent; i++) {
    if (!identities[i]) continue;
    let w = offset[i]!;
    for (let u = usage.offset[i]!; u < usage.offset[i + 1]!; u++) {
      const p = ids.of[usage.apps[u]!]!;
      if (stamp[p] !== i) {
        stamp[p] = i;
        members[w++] = p;
        perIdentity[p + 1]!++;
      }
    }
    // Applications are ascending, identities need not be: sort the (small) slice for determinism.
    members.subarray(offset[i]!, w).sort();
  }
  for (let p = 0; p < ids.count; p++) perIdentity[p + 1]! += perIdentity[p]!;
  const cursor = perIdentity.slice(0, ids.count);
  const reverse = new Int32Array(members.length);
  for (let i = 0; i < nIdent; i++)
    for (let m = offset[i]!; m < offset[i + 1]!; m++) reverse[cursor[members[m]!]!++] = i;
  return {
    identities,
    applications,
    byIdent: { offset, members },
    byIdentity: { offset: perIdentity, members: reverse },
  };
}
