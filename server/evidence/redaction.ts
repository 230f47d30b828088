/**
 * Redaction
 * =========
 *
 * The lead chooses, per field, what leaves the building: the full value, a masked form that keeps what
 * an investigator needs to recognise it (email domain, last digits, IP network), or a keyed pseudonym
 * (HMAC with a server secret: stable across exports of the case, unlinkable to the value for anyone
 * else). Every file of the package renders values through one Redactor, so they all agree, and the
 * choices are written into the manifest. Application ids are never redacted: they are the employer's
 * own references, needed to act on the package.
 */
import crypto from "node:crypto";

import type { IdentifierKind } from "../normalise/types.js";

export const REDACTABLE_FIELDS = [
  "full_name",
  "email",
  "phone",
  "ip",
  "device",
  "profile",
  "address",
  "payment",
  "location",
  "education",
] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

export const REDACTION_MODES = ["full", "masked", "pseudonym"] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export type RedactionChoices = Record<RedactableField, RedactionMode>;

export const DEFAULT_REDACTION: RedactionChoices = Object.freeze({
  full_name: "full",
  email: "full",
  phone: "full",
  ip: "full",
  device: "full",
  profile: "full",
  address: "full",
  payment: "full",
  location: "full",
  education: "full",
});

export const FIELD_LABELS: Record<RedactableField, string> = {
  full_name: "applicant names",
  email: "email addresses",
  phone: "phone numbers",
  ip: "IP addresses",
  device: "device fingerprints",
  profile: "profile URLs",
  address: "shipping addresses",
  payment: "payment accounts",
  location: "claimed locations",
  education: "education (university, degree, major, graduation)",
};

const star = (n: number) => "*".repeat(Math.max(1, Math.min(n, 8)));

function maskEmail(v: string): string {
  const at = v.lastIndexOf("@");
  if (at <= 0) return `${v.slice(0, 1)}${star(v.length - 1)}`;
  return `${v.slice(0, 1)}${star(at - 1)}${v.slice(at)}`;
}

function maskDigitsKeepLast(v: string, keep: number): string {
  const total = (v.match(/\d/g) ?? []).length;
  let seen = 0;
  return v.replace(/\d/g, (d) => (++seen > total - keep ? d : "*"));
}

function maskProfile(raw: string): string {
  // A typed URL may end in "/" or carry a query: the handle is the last non-empty path segment.
  const v = raw.replace(/[?#].*$/, "").replace(/\/+$/, "");
  const slash = v.lastIndexOf("/");
  if (slash < 0) return `${v.slice(0, 1)}${star(v.length - 1)}`;
  const handle = v.slice(slash + 1);
  return `${v.slice(0, slash + 1)}${handle.slice(0, 1)}${star(handle.length - 1)}`;
}

function maskAddress(v: string): string {
  // Keep the last two words (state and postcode in the normal form) and hide the street and town: the
  // town would repeat the applicant's claimed location, which is a field of its own.
  const words = v.split(/[\s,]+/).filter(Boolean);
  if (words.length <= 2) return star(v.length);
  return `${star(words.slice(0, -2).join(" ").length)} ${words.slice(-2).join(" ")}`;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join(" ");
}

const PSEUDONYM_PREFIX: Record<RedactableField, string> = {
  full_name: "person",
  email: "email",
  phone: "phone",
  ip: "ip",
  device: "device",
  profile: "profile",
  address: "address",
  payment: "account",
  location: "place",
  education: "school",
};

export class Redactor {
  constructor(
    readonly choices: RedactionChoices,
    private readonly secret: Buffer,
    private readonly caseId: string,
  ) {}

  mode(field: RedactableField): RedactionMode {
    return this.choices[field];
  }

  /** A keyed pseudonym: the same value in the same case always gives the same text. */
  pseudonym(field: RedactableField, value: string): string {
    const mac = crypto
      .createHmac("sha256", this.secret)
      .update(`${this.caseId}\u0000${field}\u0000${value}`)
      .digest("hex");
    return `${PSEUDONYM_PREFIX[field]}-${mac.slice(0, 12)}`;
  }

  /** An opaque node id for an identifier, the same under every redaction choice (graph files, CSV links). */
  nodeId(ref: string): string {
    return `I-${crypto.createHmac("sha256", this.secret).update(`${this.caseId}\u0000node\u0000${ref}`).digest("hex").slice(0, 16)}`;
  }

  private apply(field: RedactableField, value: string, mask: (v: string) => string): string {
    if (!value) return value;
    switch (this.choices[field]) {
      case "full":
        return value;
      case "masked":
        return mask(value);
      case "pseudonym":
        return this.pseudonym(field, value);
    }
  }

  name(v: string | null | undefined): string {
    return this.apply("full_name", v ?? "", initials);
  }

  location(v: string | null | undefined): string {
    return this.apply("location", v ?? "", () => "(masked)");
  }

  education(v: string | null | undefined): string {
    return this.apply("education", v ?? "", () => "(masked)");
  }

  /** An identifier's value (its normal form), as this export shows it. `props` supplies the IP network. */
  identifier(kind: IdentifierKind, key: string, props: Record<string, unknown> = {}): string {
    switch (kind) {
      case "email":
        return this.apply("email", key, maskEmail);
      case "phone":
        return this.apply("phone", key, (v) => maskDigitsKeepLast(v, 2));
      case "ip":
        return this.apply("ip", key, (v) =>
          typeof props.prefix === "string" ? props.prefix : maskDigitsKeepLast(v, 0),
        );
      case "device":
        return this.apply("device", key, (v) => `${v.slice(0, 4)}${star(v.length - 4)}`);
      case "profile":
        return this.apply("profile", key, maskProfile);
      case "address":
        return this.apply("address", key, maskAddress);
      case "payment":
        return this.apply("payment", key, (v) => `${star(v.length - 4)}${v.slice(-4)}`);
    }
  }

  /**
   * A value as the applicant typed it (`raw`), as this export shows it: in full as typed, masked like
   * its normal form would be, or as the pseudonym of its normal form (`key`), so that every typed
   * spelling of one identifier gets the pseudonym the identifier has.
   */
  typed(kind: IdentifierKind, raw: string, key: string, props: Record<string, unknown> = {}): string {
    if (this.choices[kind] === "pseudonym") return this.identifier(kind, key, props);
    const trimmed = raw.trim();
    // Masks are computed on the trimmed text; a masked IP shows its network whatever was typed.
    return kind === "ip" && this.choices.ip === "masked"
      ? this.identifier(kind, key, props)
      : this.identifier(kind, trimmed, props);
  }

  /** The redactable field an identifier kind falls under. */
  static fieldOf(kind: IdentifierKind): RedactableField {
    return kind;
  }
}
