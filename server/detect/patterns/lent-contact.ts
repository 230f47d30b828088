/**
 * Lent contact
 * ============
 *
 * An email address or phone number given by identities under different names (they are different
 * identities because their names differ) who share no place: no shipping address, device or IP between
 * any two of them, whether it links them or was set aside as common infrastructure. One mailbox or number
 * under two names has two honest explanations, and both leave a place in common: a household shares its
 * home (address, laptop, connection), and an agent or relative who types their own contact on another's
 * form submits it from their own office or home (the recruiter's IP and device). Without either, the
 * contact was lent or bought between personas (facilitators buying numbers and SIMs, Jasper Sleet; the
 * 2022 advisory's "asking co-workers to lend personal information"; indicators A3/A4).
 */
import { identityNames, listText, none, quoted, ref, type AnalysisContext, type Detection } from "../context.js";
import type { ClusterFacts, SharedIdentifier } from "../facts.js";
import { K } from "../input.js";

const PLACE_KINDS = new Set([K.address, K.device, K.ip]);

/** The address, device and IP identifiers (kept by key: used by two or more applications) of one identity. */
function placesOf(ctx: AnalysisContext, identity: number): Set<number> {
  const { input, ids } = ctx;
  const out = new Set<number>();
  for (let m = ids.offset[identity]!; m < ids.offset[identity + 1]!; m++) {
    const a = ids.members[m]!;
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) {
      const i = input.links.ident[l]!;
      if (PLACE_KINDS.has(input.identifiers.kind[i]!)) out.add(i);
    }
  }
  return out;
}

/** Whether no two of the contact's identities share a place. */
function sharesNoPlace(places: (identity: number) => Set<number>, s: SharedIdentifier): boolean {
  for (let x = 0; x < s.identities.length; x++)
    for (let y = x + 1; y < s.identities.length; y++) {
      const a = places(s.identities[x]!);
      const b = places(s.identities[y]!);
      for (const i of a.size <= b.size ? a : b) if ((a.size <= b.size ? b : a).has(i)) return false;
    }
  return true;
}

export function detectLentContact(ctx: AnalysisContext, facts: ClusterFacts): Detection {
  const contacts = facts.shared.filter((s) => s.kind === K.email || s.kind === K.phone);
  if (!contacts.length) return none("lent_contact");
  const memo = new Map<number, Set<number>>();
  const places = (p: number) => memo.get(p) ?? memo.set(p, placesOf(ctx, p)).get(p)!;
  const lent = contacts.filter((s) => sharesNoPlace(places, s));
  if (!lent.length) return none("lent_contact");
  return {
    code: "lent_contact",
    pattern: "shared_infrastructure",
    strength: 0,
    reasons: lent.map((s) => ({
      code: "lent_contact",
      text: `The ${s.kind === K.phone ? "phone number" : "email address"} ${ref(ctx, s.ident)} is given by ${s.identities.length} identities under different names (${listText(identityNames(ctx, s.identities).map(quoted))}) who share no address, device or IP: not a household's contact nor one typed in by an agent from their own office.`,
      identifiers: [ref(ctx, s.ident)],
    })),
  };
}
