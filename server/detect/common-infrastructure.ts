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
 *     identifier links (connected through every live identifier except those of the same kind) is cut:
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

/**
 * Groups of identities joined by live identifiers of every kind but one, labelled on demand: a group is
 * walked (identity → identifier → identity, each identifier once) the first time one of its identities is
 * asked for, so a pass labels only the groups its candidates sit in, not the whole population. `reset`
 * starts a new labelling (another kind left out, or identifiers cut since).
 */
class Groups {
  private readonly label: Int32Array;
  private readonly stamp: Int32Array;
  private readonly identStamp: Int32Array;
  private readonly queue: Int32Array;
  private generation = 0;
  private next = 0;
  private skipKind = -1;

  constructor(
    private readonly input: DetectionInput,
    private readonly links: IdentityLinks,
    private readonly live: Uint8Array,
    identities: number,
  ) {
    this.label = new Int32Array(identities);
    this.stamp = new Int32Array(identities);
    this.identStamp = new Int32Array(input.identifiers.count);
    this.queue = new Int32Array(identities);
  }

  reset(skipKind: number): void {
    this.generation++;
    this.skipKind = skipKind;
  }

  /** The group of identity `p` (an integer, equal for identities of one group). */
  of(p: number): number {
    const { label, stamp, identStamp, queue, generation: g, live } = this;
    if (stamp[p] === g) return label[p]!;
    const group = this.next++;
    const { kind } = this.input.identifiers;
    const { byIdentity, byIdent } = this.links;
    stamp[p] = g;
    label[p] = group;
    queue[0] = p;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const q = queue[head++]!;
      for (let m = byIdentity.offset[q]!; m < byIdentity.offset[q + 1]!; m++) {
        const i = byIdentity.members[m]!;
        if (!live[i] || kind[i] === this.skipKind || identStamp[i] === g) continue;
        identStamp[i] = g;
        for (let x = byIdent.offset[i]!; x < byIdent.offset[i + 1]!; x++) {
          const r = byIdent.members[x]!;
          if (stamp[r] === g) continue;
          stamp[r] = g;
          label[r] = group;
          queue[tail++] = r;
        }
      }
    }
    return group;
  }
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
  // Group cuts so far, per kind, and how many of other kinds there were when a kind's groups were last
  // built: while that number stands, its groups and so its answer are what they were (round 2 skips it).
  const cutsOf = new Int32Array(KIND_COUNT);
  let groupCuts = 0;
  const builtAt = new Int32Array(KIND_COUNT).fill(-1);
  const groups = new Groups(input, links, live, ids.count);
  // The identifiers the group rule may cut, per kind (ascending ids): live so far, used by more identities
  // than their kind's group cap, and not a personal profile.
  const candidates = IDENTIFIER_KINDS.map((): number[] => []);
  for (let i = 0; i < n; i++)
    if (live[i] && links.identities[i]! > groupCap[kind[i]!]! && grouped(i)) candidates[kind[i]!]!.push(i);
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < KIND_COUNT; k++) {
      if (builtAt[k] === groupCuts - cutsOf[k]!) continue;
      const list = candidates[k]!;
      if (!list.some((i) => live[i] === 1)) continue;
      builtAt[k] = groupCuts - cutsOf[k]!;
      groups.reset(k);
      const seen = new Set<number>();
      for (const i of list) {
        if (!live[i]) continue;
        seen.clear();
        for (let m = offset[i]!; m < offset[i + 1]!; m++) seen.add(groups.of(members[m]!));
        if (seen.size <= groupCap[k]!) continue;
        live[i] = 0;
        cutsOf[k]!++;
        groupCuts++;
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
