/**
 * Detection input
 * ===============
 *
 * The compact, read-only form of the application–identifier graph that detection runs on: integer ids
 * for applications and identifiers, typed arrays for per-application fields, and the links as a CSR
 * (application → identifiers). A million applications fit in a few hundred megabytes, where a graphology
 * graph of the same population needs 2.7 GB (docs: performance-anchors §3.2).
 *
 * Only identifiers that could link something are kept by key: those used by two or more applications,
 * plus every IP (looked up in the ASN table for the VPN/hosting indicator). For the others only a count
 * per kind and application is kept (`kindTotals`), which is all the identity-reuse detector needs.
 */
import { IDENTIFIER_KINDS, type IdentifierKind } from "../normalise/types.js";

/** Kind codes are positions in IDENTIFIER_KINDS: email 0, phone 1, ip 2, device 3, profile 4, address 5, payment 6. */
export const KIND_COUNT = IDENTIFIER_KINDS.length;
export const KIND_CODE: Readonly<Record<IdentifierKind, number>> = Object.fromEntries(
  IDENTIFIER_KINDS.map((k, i) => [k, i]),
) as Record<IdentifierKind, number>;
export const K = KIND_CODE;

/** Per-application indicators written by ingest, kept as bits. */
export const INGEST_INDICATORS = [
  "malformed_phone",
  "malformed_email",
  "malformed_ip",
  "malformed_profile",
  "non_routable_ip_only",
  "voip_phone",
  "phone_country_mismatch",
] as const;
export type IngestIndicator = (typeof INGEST_INDICATORS)[number];
export const INDICATOR_BIT: Readonly<Record<IngestIndicator, number>> = Object.fromEntries(
  INGEST_INDICATORS.map((k, i) => [k, 1 << i]),
) as Record<IngestIndicator, number>;

export interface DetectionInput {
  apps: {
    count: number;
    ids: string[];
    /** Epoch milliseconds. */
    submittedAt: Float64Array;
    /** Index into `strings.nameKeys`, -1 when the application has no name. */
    nameKey: Int32Array;
    fullName: (string | null)[];
    /** Indexes into `strings.values` (-1 when absent). */
    country: Int32Array;
    university: Int32Array;
    major: Int32Array;
    graduation: Int32Array;
    /** Shipping address as typed (kept so that spellings of one address key can be shown). */
    shippingAddress: (string | null)[];
    /** Bits of INGEST_INDICATORS. */
    indicators: Uint16Array;
    /** Identifiers per kind including those no other application uses: `kindTotals[app * KIND_COUNT + kind]`. */
    kindTotals: Uint16Array;
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
  strings: {
    nameKeys: string[];
    values: string[];
  };
}

export const refOf = (input: DetectionInput, ident: number): string =>
  `${IDENTIFIER_KINDS[input.identifiers.kind[ident]!]}:${input.identifiers.key[ident]}`;

export const kindName = (code: number): IdentifierKind => IDENTIFIER_KINDS[code]!;

export const strOf = (input: DetectionInput, index: number): string | null =>
  index < 0 ? null : input.strings.values[index]!;
