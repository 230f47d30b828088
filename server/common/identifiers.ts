/**
 * Identifier kinds
 * ================
 *
 * The fixed list of identifier kinds, their Neo4j labels and contract fields. Labels in Cypher come only
 * from this list, never from input.
 */
export const IDENTIFIER_KINDS = ["email", "phone", "ip", "device", "profile", "address", "payment"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const KIND_LABEL: Readonly<Record<IdentifierKind, string>> = {
  email: "Email",
  phone: "Phone",
  ip: "IP",
  device: "Device",
  profile: "Profile",
  address: "Address",
  payment: "PaymentAccount",
};

export const LABEL_KIND: Readonly<Record<string, IdentifierKind>> = Object.fromEntries(
  Object.entries(KIND_LABEL).map(([k, l]) => [l, k as IdentifierKind]),
);

/** The contract field that carries each kind. */
export const KIND_FIELD: Readonly<Record<IdentifierKind, string>> = {
  email: "email",
  phone: "phone",
  ip: "ip",
  device: "device_id",
  profile: "profile_url",
  address: "shipping_address",
  payment: "payment_account",
};

/** Identifier kinds as words in sentences ("Uses the same phone number as …"). */
export const KIND_WORDS: Readonly<Record<IdentifierKind, string>> = {
  email: "email address",
  phone: "phone number",
  ip: "IP address",
  device: "device",
  profile: "profile",
  address: "shipping address",
  payment: "payroll account",
};

/** A kind's words; an unknown kind as itself. */
export const kindWords = (kind: string): string => (KIND_WORDS as Record<string, string>)[kind] ?? kind;

/** A kind as a noun phrase: "an email address", "a payroll account". */
export function aKind(kind: string): string {
  const w = kindWords(kind);
  return `${/^[aeiou]/i.test(w) ? "an" : "a"} ${w}`;
}

/** A normalised identifier: its key (the normal form) and the properties stored on its node. */
export interface NormalisedIdentifier {
  kind: IdentifierKind;
  key: string;
  props: Record<string, string | number | boolean | null>;
  /** Set when the value as typed is malformed; the identifier is still kept. */
  malformed?: boolean;
  /** False for values that are recorded but link nothing (non-routable IPs). */
  links: boolean;
}

/** `kind:key`, the form used in reasons and URLs (e.g. `ip:203.0.113.7`). */
export const identifierRef = (kind: IdentifierKind, key: string) => `${kind}:${key}`;

export function parseIdentifierRef(ref: string): { kind: IdentifierKind; key: string } | null {
  const i = ref.indexOf(":");
  if (i < 0) return null;
  const kind = ref.slice(0, i) as IdentifierKind;
  if (!IDENTIFIER_KINDS.includes(kind)) return null;
  return { kind, key: ref.slice(i + 1) };
}
