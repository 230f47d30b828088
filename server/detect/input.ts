/**
 * Detection input
 * ===============
 *
 * The compact, read-only form of the application–identifier graph that detection runs on: integer ids
 * for applications and identifiers, typed arrays for per-application fields, and the links as a CSR
 * (application → identifiers). A million applications fit in a few hundred megabytes, where a graphology
 * graph of the same population needs 2.7 GB (research: performance-anchors §3.2).
 *
 * Only identifiers that can link anything are kept by key: those used by two or more applications. For
 * the others a count per kind and application is kept (`kindTotals`), which is all the identity-reuse
 * detector needs; every IP is looked up in the ASN table while the input is built, and per-application
 * red flags (ingest's, plus VPN/hosting IP and education) are kept as bits with the few details their
 * reasons quote (`hostingIps`, `educationClaims`).
 */
import { IDENTIFIER_KINDS, type IdentifierKind } from "../common/identifiers.js";

/** Kind codes are positions in IDENTIFIER_KINDS: email 0, phone 1, ip 2, device 3, profile 4, address 5, payment 6. */
export const KIND_COUNT = IDENTIFIER_KINDS.length;
export const KIND_CODE: Readonly<Record<IdentifierKind, number>> = Object.fromEntries(
  IDENTIFIER_KINDS.map((k, i) => [k, i]),
) as Record<IdentifierKind, number>;
export const K = KIND_CODE;

/** Per-application indicators written by ingest, kept as the low bits of `apps.indicators`. */
export const INGEST_INDICATORS = [
  "malformed_phone",
  "malformed_email",
  "malformed_ip",
  "malformed_profile",
  "non_routable_ip_only",
  "voip_phone",
  "phone_country_mismatch",
  "ships_out_of_state",
] as const;
export type IngestIndicator = (typeof INGEST_INDICATORS)[number];
export const INDICATOR_BIT: Readonly<Record<IngestIndicator, number>> = Object.fromEntries(
  INGEST_INDICATORS.map((k, i) => [k, 1 << i]),
) as Record<IngestIndicator, number>;

/** Indicators derived while the input is built. */
export const HOSTING_IP = 1 << 8;
export const MAJOR_NOT_OFFERED = 1 << 9;
export const GRADUATION_OFF_CALENDAR = 1 << 10;
export const EDUCATION_BITS = MAJOR_NOT_OFFERED | GRADUATION_OFF_CALENDAR;
export const MALFORMED_PHONE = INDICATOR_BIT.malformed_phone;
export const VOIP_PHONE = INDICATOR_BIT.voip_phone;
export const PHONE_COUNTRY_MISMATCH = INDICATOR_BIT.phone_country_mismatch;
export const SHIPS_OUT_OF_STATE = INDICATOR_BIT.ships_out_of_state;

export interface EducationClaim {
  university: string | null;
  major: string | null;
  graduation: string | null;
}

export interface HostingIp {
  ip: string;
  asn: number;
}

/** One of an application's own values of a kind (its normal form), carried for the typo fold (typos.ts). */
export interface ContactKey {
  kind: number;
  key: string;
}

export interface DetectionInput {
  /** Applications in the population, including those left out because they share nothing. */
  totalApplications?: number;
  apps: {
    count: number;
    ids: string[];
    /** Epoch milliseconds. */
    submittedAt: Float64Array;
    /** Index into `strings.nameKeys`, -1 when the application has no name. */
    nameKey: Int32Array;
    fullName: (string | null)[];
    /** Shipping address as typed, kept when its key is shared (to show the spellings of one address). */
    shippingAddress: (string | null)[];
    /** Bits of INGEST_INDICATORS, HOSTING_IP and the education bits. */
    indicators: Uint16Array;
    /** Identifiers per kind including those no other application uses: `kindTotals[app * KIND_COUNT + kind]`. */
    kindTotals: Uint16Array;
    /** The VPN/hosting IPs of applications with HOSTING_IP. */
    hostingIps: Map<number, HostingIp[]>;
    /** The education claims of applications with an education bit. */
    educationClaims: Map<number, EducationClaim>;
  };
  identifiers: {
    count: number;
    kind: Uint8Array;
    key: string[];
  };
  /** CSR: identifiers of application `a` are `links.ident[links.offset[a] .. links.offset[a + 1])`. */
  links: {
    offset: Int32Array;
    ident: Int32Array;
  };
  /**
   * The emails, phones and devices (shared or not) of the applications whose identity reads as reused,
   * by application (server/detect/typos.ts): the identity-reuse pattern counts values one typo apart as
   * one. Readers attach them after building the input; absent, or absent for an application, every value
   * counts.
   */
  contactKeys?: Map<number, ContactKey[]>;
  strings: {
    nameKeys: string[];
    /** Organisation names of the ASNs seen (hosting IPs and kept IPs). */
    networks: Map<number, string>;
  };
}

export const refOf = (input: DetectionInput, ident: number): string =>
  `${IDENTIFIER_KINDS[input.identifiers.kind[ident]!]}:${input.identifiers.key[ident]}`;

export const kindName = (code: number): IdentifierKind => IDENTIFIER_KINDS[code]!;
