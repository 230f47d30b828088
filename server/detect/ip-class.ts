/**
 * IP classes
 * ==========
 *
 * Looks every IP of the input up in the offline ASN table once and sorts it into hosting/VPN (an
 * applicant seen from a data centre or commercial VPN: indicator B1/B2), mobile carrier (carrier-grade
 * NAT: thousands of strangers per address, never a link) or other (residential, business, campus).
 */
import type { AsnInfo, AsnTable } from "./asn-db.js";
import { K, type DetectionInput } from "./input.js";

export const IP_OTHER = 0;
export const IP_HOSTING = 1;
export const IP_MOBILE = 2;

export interface AsnCategories {
  hosting: ReadonlySet<number>;
  mobile: ReadonlySet<number>;
}

export interface IpClasses {
  /** Per identifier: IP_* for IPs, IP_OTHER for other kinds. */
  cls: Uint8Array;
  /** Per identifier: the ASN (0 when unknown or not an IP). */
  asn: Uint32Array;
  org(asn: number): string;
}

export function classifyIps(input: DetectionInput, table: Pick<AsnTable, "lookup">, cat: AsnCategories): IpClasses {
  const n = input.identifiers.count;
  const cls = new Uint8Array(n);
  const asn = new Uint32Array(n);
  const orgs = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    if (input.identifiers.kind[i] !== K.ip) continue;
    const info: AsnInfo | null = table.lookup(input.identifiers.key[i]!);
    if (!info) continue;
    asn[i] = info.asn;
    if (!orgs.has(info.asn)) orgs.set(info.asn, info.org);
    cls[i] = cat.mobile.has(info.asn) ? IP_MOBILE : cat.hosting.has(info.asn) ? IP_HOSTING : IP_OTHER;
  }
  return { cls, asn, org: (a) => orgs.get(a) ?? "" };
}

export const asnLabel = (ips: IpClasses, asn: number): string => `AS${asn}${ips.org(asn) ? ` ${ips.org(asn)}` : ""}`;
