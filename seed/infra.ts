/**
 * Network infrastructure pools
 * ============================
 *
 * The address pools the population browses from, read from the offline ASN database at generator start:
 * residential ISPs and business networks per country, mobile carriers (carrier-grade NAT egress), the
 * hosting and VPN networks listed in server/reference/hosting-asns.ts (split so that fraud rings' VPS/VPN
 * exits and honest consumer-VPN exits never coincide), university networks (campus NAT) and IPv6 ranges.
 * Every pool hands out addresses through a seeded `Bijection`: index k always gives the same address for
 * one seed, and distinct indices never collide.
 */
import { HOSTING_ASNS, MOBILE_CARRIER_ASNS } from "../server/common/reference/hosting-asns.js";
import { UNIVERSITIES } from "../server/common/reference/education.js";
import { Bijection } from "./bijection.js";
import { COUNTRIES, type CountryCode } from "./data/places.js";
import { IpV4Space, IpV6Space, loadAsnRanges, type AsnRanges } from "./ip-space.js";
import { hashInts, hashString } from "../server/common/rng.js";

export class Pool {
  private readonly bijection: Bijection;

  constructor(
    readonly name: string,
    readonly space: IpV4Space,
    seed: number,
  ) {
    if (space.size < 2) throw new Error(`seed/infra: pool ${name} has no usable addresses`);
    this.bijection = new Bijection(Math.min(space.size, 2 ** 31 - 1), hashInts([seed, hashString(name)]));
  }

  get size(): number {
    return this.bijection.size;
  }

  /** The k-th address of the pool. */
  at(k: number): string {
    return this.space.at(this.bijection.at(k));
  }

  /** The k-th address counted from the other end (a second, disjoint sequence). */
  fromTop(k: number): string {
    return this.space.at(this.bijection.at(this.bijection.size - 1 - k));
  }
}

export interface Infra {
  /** Home addresses: `at(serial)` of the person (or household, farm) that lives there. */
  residential: Map<CountryCode, Pool>;
  /** Office and coworking egress: always `fromTop(k)`. */
  business: Map<CountryCode, Pool>;
  carrier: Map<CountryCode, Pool>;
  /** Hosting/VPS networks and M247: where fraud operators' VPN and server exits come from. */
  ringExit: Pool;
  /** Networks reported as consumer-VPN exit space: honest VPN users. */
  consumerVpn: Pool;
  campus: Map<string, Pool>;
  v6: Map<CountryCode, IpV6Space>;
}

const RING_EXIT_ASNS = HOSTING_ASNS.filter((a) => a.kind === "hosting" || a.asn === 9009).map((a) => a.asn);
const CONSUMER_VPN_ASNS = HOSTING_ASNS.filter((a) => a.kind === "vpn" && a.asn !== 9009).map((a) => a.asn);

function rangesOf(r: AsnRanges, asns: readonly number[]): [number, number][] {
  return asns.flatMap((a) => r.v4.get(a) ?? []);
}

/** Reads the ASN database (cached per process) and builds the pools for one seed. */
export function loadInfra(seed: number): Infra {
  const v4 = new Set<number>([...RING_EXIT_ASNS, ...CONSUMER_VPN_ASNS, ...MOBILE_CARRIER_ASNS.map((a) => a.asn)]);
  const v6 = new Set<number>();
  for (const c of COUNTRIES) {
    for (const a of [...c.residentialAsns, ...c.businessAsns, ...c.carrierAsns]) v4.add(a);
    for (const a of c.v6Asns) v6.add(a);
  }
  for (const u of UNIVERSITIES) if (u.asn) v4.add(u.asn);
  const ranges = loadAsnRanges(v4, v6);
  const pool = (name: string, asns: readonly number[]) => new Pool(name, new IpV4Space(rangesOf(ranges, asns)), seed);

  const infra: Infra = {
    residential: new Map(),
    business: new Map(),
    carrier: new Map(),
    ringExit: pool("ring-exit", RING_EXIT_ASNS),
    consumerVpn: pool("consumer-vpn", CONSUMER_VPN_ASNS),
    campus: new Map(),
    v6: new Map(),
  };
  for (const c of COUNTRIES) {
    const residential = pool(`residential-${c.code}`, c.residentialAsns);
    infra.residential.set(c.code, residential);
    // Business lines from the residential incumbents share its pool; offices then count from the top
    // (`fromTop`) while homes count from the bottom, so the two never meet.
    const shared = c.businessAsns.every((a) => c.residentialAsns.includes(a));
    infra.business.set(c.code, shared ? residential : pool(`business-${c.code}`, c.businessAsns));
    if (c.carrierAsns.length) infra.carrier.set(c.code, pool(`carrier-${c.code}`, c.carrierAsns));
    const r6 = c.v6Asns.flatMap((a) => ranges.v6.get(a) ?? []);
    if (r6.length) infra.v6.set(c.code, new IpV6Space(r6));
  }
  for (const u of UNIVERSITIES) {
    if (!u.asn) continue;
    const space = new IpV4Space(ranges.v4.get(u.asn) ?? []);
    if (space.size >= 254) infra.campus.set(u.id, new Pool(`campus-${u.id}`, space, seed));
  }
  return infra;
}
