/**
 * Common infrastructure
 * =====================
 *
 * Decides which shared identifiers may link identities and which are what strangers have in common,
 * so that a carrier NAT, a campus gateway or a recruiter's phone never glues the population together.
 * The rule, applied in this order (a cut identifier links nobody and is reported with its reason):
 *
 *  1. an IP in a mobile carrier's ASN (carrier-grade NAT) is cut;
 *  2. an identifier used by more identities than `hardCap[kind]` is cut;
 *  3. an identifier whose identities fall into more than `groupCap[kind]` groups that no other live
 *     identifier links (union-find over every live identifier except those of the same kind) is cut:
 *     a farm's residential IP is shared by personas that also share an address or payroll account (one
 *     group) and stays; a campus gateway is shared by hundreds of students that share nothing else.
 *     Step 3 runs twice, so that groups are recomputed without the identifiers cut in the first round.
 *
 * A personal profile (a LinkedIn `/in/` page, server/normalise/profile.ts) is one person's: strangers who
 * share nothing else presenting it is not what strangers have in common but the account-rental scheme
 * itself. It is exempt from step 3, and step 2 uses `rules.personalProfileHardCap` for it (options.ts).
 */
import { IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { Identities } from "./identities.js";
import type { IdentityLinks } from "./identity-links.js";
import { K, KIND_COUNT, type DetectionInput } from "./input.js";
import { asnLabel, IP_HOSTING, IP_MOBILE, type IpClasses } from "./ip-class.js";
import { hardCapOf, type DetectOptions } from "./options.js";
import { isPersonalProfileKey } from "../normalise/profile.js";
import { UnionFind } from "./union-find.js";

export interface CutIdentifier {
  ident: number;
  identities: number;
  reason: string;
}

export interface LinkDecision {
  /** 1 when the identifier links the identities that use it. */
  live: Uint8Array;
  cut: CutIdentifier[];
}

/** Union-find over identities joined by live identifiers of every kind but `skipKind`. */
function groupsWithout(
  input: DetectionInput,
  ids: Identities,
  links: IdentityLinks,
  live: Uint8Array,
  skipKind: number,
) {
  const uf = new UnionFind(ids.count);
  const { offset, members } = links.byIdent;
  for (let i = 0; i < input.identifiers.count; i++) {
    if (!live[i] || input.identifiers.kind[i] === skipKind) continue;
    const first = members[offset[i]!]!;
    for (let m = offset[i]! + 1; m < offset[i + 1]!; m++) uf.union(first, members[m]!);
  }
  return uf;
}

export function decideLinks(
  input: DetectionInput,
  ids: Identities,
  links: IdentityLinks,
  ips: IpClasses,
  opts: DetectOptions,
): LinkDecision {
  const n = input.identifiers.count;
  const { kind, key } = input.identifiers;
  const live = new Uint8Array(n);
  const cut: CutIdentifier[] = [];
  const groupCap = IDENTIFIER_KINDS.map((k) => opts.groupCap[k]);
  // Personal profiles are never cut by the group cap (see above).
  const grouped = (i: number) => !(kind[i] === K.profile && isPersonalProfileKey(key[i]!));
  for (let i = 0; i < n; i++) {
    const d = links.identities[i]!;
    if (d < 2) continue;
    const cap = hardCapOf(opts, IDENTIFIER_KINDS[kind[i]!]!, key[i]!);
    if (kind[i] === K.ip && ips.cls[i] === IP_MOBILE) {
      cut.push({
        ident: i,
        identities: d,
        reason: `mobile carrier NAT (${asnLabel(ips.networks, ips.asn[i]!)}), shared by ${d} identities`,
      });
    } else if (d > cap) {
      cut.push({
        ident: i,
        identities: d,
        reason: `used by ${d} identities, above the cap of ${cap} for its kind`,
      });
    } else live[i] = 1;
  }
  const { offset, members } = links.byIdent;
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < KIND_COUNT; k++) {
      let candidates = false;
      for (let i = 0; i < n && !candidates; i++)
        candidates = live[i] === 1 && kind[i] === k && links.identities[i]! > groupCap[k]! && grouped(i);
      if (!candidates) continue;
      const uf = groupsWithout(input, ids, links, live, k);
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) {
        if (!live[i] || kind[i] !== k || links.identities[i]! <= groupCap[k]! || !grouped(i)) continue;
        seen.clear();
        for (let m = offset[i]!; m < offset[i + 1]!; m++) seen.add(uf.find(members[m]!));
        if (seen.size <= groupCap[k]!) continue;
        live[i] = 0;
        const where =
          k === K.ip && ips.cls[i] === IP_HOSTING ? ` (hosting/VPN exit, ${asnLabel(ips.networks, ips.asn[i]!)})` : "";
        cut.push({
          ident: i,
          identities: links.identities[i]!,
          reason: `shared by ${links.identities[i]} identities in ${seen.size} otherwise unrelated groups${where}`,
        });
      }
    }
  }
  // Ties by kind and key, not by id: the order must not depend on how the input numbered identifiers
  // (an incremental run's patched input numbers new ones after the old ones).
  cut.sort(
    (a, b) =>
      b.identities - a.identities ||
      kind[a.ident]! - kind[b.ident]! ||
      (key[a.ident]! < key[b.ident]! ? -1 : key[a.ident]! > key[b.ident]! ? 1 : 0),
  );
  return { live, cut };
}
