/**
 * Peripheral members
 * ==================
 *
 * A stranger who happens to share one weak identifier (a home IP: neighbours, a shared flat, a café) with
 * one member of a ring is not part of the ring. An identity is peripheral to a candidate cluster when
 *  - everything it shares inside the candidate is of a weak kind (kindWeight at most `rules.weakKindWeight`),
 *  - all of that links it to exactly one other identity, and
 *  - that identity is embedded in the core: it shares non-weak identifiers with at least
 *    `rules.peripheralAnchorLinks` (2) others.
 * Peripheral identities are taken out of the cluster that is scored and listed beside it
 * (`peripheral_application_ids`), so the investigator still sees them. Nothing is trimmed when the core
 * left would hold fewer than `rules.peripheralMinCore` (3) identities. A chain keeps its ends: each of
 * its members has at most one strong link on each side, so no member is embedded enough to anchor one.
 */
import { IDENTIFIER_KINDS } from "../normalise/types.js";
import type { AnalysisContext } from "./context.js";

export interface PeripheralSplit {
  core: number[];
  peripheral: number[];
}

export function peripheralMembers(ctx: AnalysisContext, identities: readonly number[]): PeripheralSplit {
  const { rules, kindWeight } = ctx.opts;
  const whole = { core: [...identities], peripheral: [] };
  if (identities.length < rules.peripheralMinCore + 1) return whole;
  const { input, links, decision } = ctx;
  const inside = new Set(identities);
  const strongWith = new Map<number, Set<number>>();
  const anyWith = new Map<number, Set<number>>();
  const weakOnly = new Map<number, boolean>();
  for (const p of identities) {
    strongWith.set(p, new Set());
    anyWith.set(p, new Set());
    weakOnly.set(p, true);
  }
  for (const p of identities)
    for (let m = links.byIdentity.offset[p]!; m < links.byIdentity.offset[p + 1]!; m++) {
      const i = links.byIdentity.members[m]!;
      if (!decision.live[i]) continue;
      const weak = kindWeight[IDENTIFIER_KINDS[input.identifiers.kind[i]!]!] <= rules.weakKindWeight;
      for (let x = links.byIdent.offset[i]!; x < links.byIdent.offset[i + 1]!; x++) {
        const q = links.byIdent.members[x]!;
        if (q === p || !inside.has(q)) continue;
        anyWith.get(p)!.add(q);
        if (weak) continue;
        strongWith.get(p)!.add(q);
        weakOnly.set(p, false);
      }
    }
  const peripheral: number[] = [];
  for (const p of identities) {
    if (!weakOnly.get(p)) continue;
    const neighbours = anyWith.get(p)!;
    if (neighbours.size !== 1) continue;
    const [q] = neighbours;
    if (strongWith.get(q!)!.size >= rules.peripheralAnchorLinks) peripheral.push(p);
  }
  if (!peripheral.length || identities.length - peripheral.length < rules.peripheralMinCore) return whole;
  const out = new Set(peripheral);
  return { core: identities.filter((p) => !out.has(p)), peripheral };
}
