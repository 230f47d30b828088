/**
 * Cluster facts
 * =============
 *
 * What the pattern detectors and the score read about one candidate cluster, computed once: its
 * applications and identities, the live identifiers shared between its identities (with how many of
 * them use each), the common infrastructure it touches, and per identity the distinct contact details
 * and devices across its applications.
 */
import { densestBurst, type Burst } from "./burst.js";
import type { AnalysisContext } from "./context.js";
import { K, KIND_COUNT, SHIPS_OUT_OF_STATE, type DetectionInput } from "./input.js";

export interface SharedIdentifier {
  ident: number;
  kind: number;
  /** Identities of the cluster using it, ascending. */
  identities: number[];
  /** Applications of the cluster using it, ascending. */
  apps: number[];
}

export interface ClusterFacts {
  apps: number[];
  identities: number[];
  /** Live identifiers used by two or more of the cluster's identities, by kind then key. */
  shared: SharedIdentifier[];
  /** Cut identifiers (common infrastructure) used by the cluster's applications. */
  common: number[];
  firstSubmitted: number;
  lastSubmitted: number;
  /** The densest run of submissions from distinct identities within `burstWindowMinutes`. */
  burst: Burst;
}

export function clusterFacts(
  ctx: AnalysisContext,
  identities: readonly number[],
  apps: readonly number[],
): ClusterFacts {
  const { input, links, decision } = ctx;
  const inCluster = new Set(identities);
  const sharedIdents = new Set<number>();
  for (const p of identities)
    for (let m = links.byIdentity.offset[p]!; m < links.byIdentity.offset[p + 1]!; m++) {
      const i = links.byIdentity.members[m]!;
      if (decision.live[i]) sharedIdents.add(i);
    }
  const shared: SharedIdentifier[] = [];
  for (const i of sharedIdents) {
    const members: number[] = [];
    for (let m = links.byIdent.offset[i]!; m < links.byIdent.offset[i + 1]!; m++) {
      const p = links.byIdent.members[m]!;
      if (inCluster.has(p)) members.push(p);
    }
    if (members.length < 2) continue;
    shared.push({ ident: i, kind: input.identifiers.kind[i]!, identities: members, apps: [] });
  }
  const byIdent = new Map(shared.map((s) => [s.ident, s]));
  const common = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (const a of apps) {
    const t = input.apps.submittedAt[a]!;
    if (t < first) first = t;
    if (t > last) last = t;
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) {
      const i = input.links.ident[l]!;
      byIdent.get(i)?.apps.push(a);
      if (links.identities[i]! >= 2 && !decision.live[i]) common.add(i);
    }
  }
  shared.sort(
    (x, y) => x.kind - y.kind || (input.identifiers.key[x.ident]! < input.identifiers.key[y.ident]! ? -1 : 1),
  );
  const burst = densestBurst(
    apps.map((a) => input.apps.submittedAt[a]!),
    apps.map((a) => ctx.ids.of[a]!),
    ctx.opts.burstWindowMinutes * 60_000,
  );
  return {
    apps: [...apps],
    identities: [...identities],
    shared,
    common: [...common].sort((x, y) => links.identities[y]! - links.identities[x]! || x - y),
    firstSubmitted: first,
    lastSubmitted: last,
    burst,
  };
}

/**
 * Distinct identifiers per kind over a set of applications: private identifiers (not kept by key) are
 * unique to their application, so distinct = private + distinct kept keys.
 */
export function distinctPerKind(input: DetectionInput, apps: readonly number[]): number[] {
  const kept: Set<number>[] = Array.from({ length: KIND_COUNT }, () => new Set());
  const occurrences = new Array<number>(KIND_COUNT).fill(0);
  const totals = new Array<number>(KIND_COUNT).fill(0);
  for (const a of apps) {
    for (let k = 0; k < KIND_COUNT; k++) totals[k]! += input.apps.kindTotals[a * KIND_COUNT + k]!;
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) {
      const i = input.links.ident[l]!;
      const k = input.identifiers.kind[i]!;
      occurrences[k]!++;
      kept[k]!.add(i);
    }
  }
  return totals.map((t, k) => t - occurrences[k]! + kept[k]!.size);
}

/**
 * Identities that give the shared address `s` on an application while claiming to live in another US
 * state (the ships_out_of_state indicator of that application).
 */
export function claimingElsewhere(ctx: AnalysisContext, s: SharedIdentifier): number {
  const away = new Set<number>();
  for (const a of s.apps) if (ctx.input.apps.indicators[a]! & SHIPS_OUT_OF_STATE) away.add(ctx.ids.of[a]!);
  return away.size;
}

/**
 * A shared address that is not the home of those who share it: two or more of its identities, and more
 * than half, claim to live in another state. A household lives where it ships; a laptop farm's personas
 * claim homes all over the country and have their laptops sent to the facilitator's.
 */
export function addressNotTheirHome(ctx: AnalysisContext, facts: ClusterFacts): SharedIdentifier | undefined {
  return facts.shared.find((s) => {
    if (s.kind !== K.address) return false;
    const away = claimingElsewhere(ctx, s);
    return away >= 2 && away * 2 > s.identities.length;
  });
}
