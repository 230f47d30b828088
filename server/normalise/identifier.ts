/**
 * Identifier lookup forms
 * =======================
 *
 * Normalises a value typed by a user exactly as ingest would, for one kind or for every kind it could be.
 */
import { normaliseAddress } from "./address.js";
import { normaliseDevice } from "./device.js";
import { normaliseEmail } from "./email.js";
import { normaliseIp } from "./ip.js";
import { normalisePayment } from "./payment.js";
import { normalisePhone } from "./phone.js";
import { normaliseProfile } from "./profile.js";
import type { IdentifierKind, NormalisedIdentifier } from "../common/identifiers.js";

export function normaliseAs(kind: IdentifierKind, value: string, claimedCountry?: string): NormalisedIdentifier | null {
  switch (kind) {
    case "email":
      return normaliseEmail(value);
    case "phone":
      return normalisePhone(value, claimedCountry);
    case "ip":
      return normaliseIp(value);
    case "device":
      return normaliseDevice(value);
    case "profile":
      return normaliseProfile(value);
    case "address":
      return normaliseAddress(value);
    case "payment":
      return normalisePayment(value);
  }
}

/** The plausible readings of free text: every kind whose normaliser accepts it as well-formed. */
export function candidateIdentifiers(text: string): { kind: IdentifierKind; key: string }[] {
  const t = text.trim();
  if (!t) return [];
  const out: { kind: IdentifierKind; key: string }[] = [];
  const push = (id: NormalisedIdentifier | null) => {
    if (id && !id.malformed && id.links) out.push({ kind: id.kind, key: id.key });
  };
  if (t.includes("@")) push(normaliseEmail(t));
  push(normaliseIp(t));
  if (/\d{6,}/.test(t.replace(/[\s().+-]/g, ""))) {
    push(normalisePhone(t));
    const p = normalisePhone(t);
    if (p?.malformed && p.links) out.push({ kind: "phone", key: p.key });
  }
  if (/[./]/.test(t) && !t.includes("@") && !t.includes(" ")) push(normaliseProfile(t));
  if (/\d/.test(t) && /[a-z]/i.test(t) && t.includes(" ")) push(normaliseAddress(t));
  push(normaliseDevice(t));
  push(normalisePayment(t));
  return out;
}
