/**
 * IP classes
 * ==========
 *
 * Sorts the kept (shared) IPs of the input into hosting/VPN (an applicant seen from a data centre or a
 * commercial VPN: indicators B1/B2), mobile carrier (carrier-grade NAT: thousands of strangers per
 * address, never a link) or other (residential, business, campus), with their ASN.
 */
import type { DetectEnvironment } from "./environment.js";
import { K, type DetectionInput } from "./input.js";

export const IP_OTHER = 0;
export const IP_HOSTING = 1;
export const IP_MOBILE = 2;

export interface IpClasses {
  /** Per identifier: IP_* for IPs, IP_OTHER for other kinds. */
  cls: Uint8Array;
  /** Per identifier: the ASN (0 when unknown or not an IP). */
  asn: Uint32Array;
  /** Organisation names of the ASNs seen (the input's, plus those of kept IPs). */
  networks: ReadonlyMap<number, string>;
}

export function classOf(env: DetectEnvironment, asn: number): number {
  return env.categories.mobile.has(asn) ? IP_MOBILE : env.categories.hosting.has(asn) ? IP_HOSTING : IP_OTHER;
}

export function classifyIps(input: DetectionInput, env: DetectEnvironment): IpClasses {
  const n = input.identifiers.count;
  const cls = new Uint8Array(n);
  const asn = new Uint32Array(n);
  const networks = new Map(input.strings.networks);
  for (let i = 0; i < n; i++) {
    if (input.identifiers.kind[i] !== K.ip) continue;
    const info = env.asn.lookup(input.identifiers.key[i]!);
    if (!info) continue;
    asn[i] = info.asn;
    if (!networks.has(info.asn)) networks.set(info.asn, info.org);
    cls[i] = classOf(env, info.asn);
  }
  return { cls, asn, networks };
}

/** "AS16509 Amazon.com, Inc." */
export const asnLabel = (networks: ReadonlyMap<number, string>, asn: number): string => {
  const org = networks.get(asn);
  return `AS${asn}${org ? ` ${org}` : ""}`;
};
