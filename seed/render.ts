/**
 * Applications from people
 * ========================
 *
 * Turns a person into one application as they would fill the form that day: which of their identifiers
 * they give, how they type each one, and the weak signals the scenario asks for (a "+1" number, a
 * malformed number, a private address leaked next to the public one). Scenarios (rings, look-alikes)
 * start from this and replace what they share.
 */
import { COUNTRY } from "./data/places.js";
import type { Person } from "./person.js";
import { malformPhone, typePhone, type TypedPhone } from "./phones.js";
import type { Rng } from "../server/common/rng.js";
import type { ContractRecord } from "./types.js";
import { typeAddress, typeEmail, typeGitHub, typeLinkedIn, typeName } from "./typing.js";

export interface Draft {
  record: Omit<ContractRecord, "application_id" | "submitted_at">;
  signals: Set<string>;
}

export interface RenderOptions {
  /** Vary spellings (a person filling many forms); otherwise a typical spelling each time too. */
  vary?: boolean;
  /** Probability of a "+1" format on a US/CA number. */
  plusOne?: number;
  pMalformedPhone?: number;
  pAddress?: number;
  pPayment?: number;
  /** Probability a private LAN address is recorded next to the public one. */
  pPrivateIp?: number;
}

const PRIVATE_PREFIXES = ["192.168.1.", "192.168.0.", "10.0.0.", "172.16.0.", "192.168.86."];

export const one = <T>(xs: T[]): T | T[] | undefined => (xs.length === 0 ? undefined : xs.length === 1 ? xs[0] : xs);

/** Spells a person's phone for this record: international when the number is foreign to the claimed country. */
export function personPhone(
  rng: Rng,
  p: Person,
  claimed: string | undefined,
  o: RenderOptions,
  signals: Set<string>,
): string {
  if (rng.chance(o.pMalformedPhone ?? 0.006)) {
    signals.add("malformed_phone");
    return malformPhone(rng, p.phoneCountry, p.phoneNsn, claimed);
  }
  const international = !claimed || claimed.toUpperCase() !== p.phoneCountry;
  const typed = typePhone(rng, p.phoneCountry, p.phoneNsn, { international, plusOne: o.plusOne });
  if (typed.plusOne) signals.add("plus_one_format");
  return typed.text;
}

/** Replaces the record's phone with a shared number typed as given, keeping the signals true. */
export function setPhone(d: Draft, typed: TypedPhone): void {
  d.record.phone = typed.text;
  d.signals.delete("malformed_phone");
  if (typed.plusOne) d.signals.add("plus_one_format");
  else d.signals.delete("plus_one_format");
}

export function personProfiles(rng: Rng, p: Person, vary: boolean): string[] {
  const out: string[] = [];
  const sub = COUNTRY[p.country].linkedinSubdomain;
  if (p.linkedin && rng.chance(0.92)) out.push(typeLinkedIn(rng, p.linkedin, sub, true));
  if (p.github && rng.chance(0.8)) out.push(typeGitHub(rng, p.github, vary || rng.chance(0.5)));
  if (p.portfolio && rng.chance(0.7)) out.push(p.portfolio);
  return out;
}

export function claimedLocation(rng: Rng, p: Person): string | undefined {
  if (rng.chance(0.08)) return undefined;
  const c = p.city;
  switch (p.country) {
    case "US":
    case "CA":
    case "AU":
    case "BR":
      return `${c.name}, ${c.region}`;
    case "IN":
      return rng.chance(0.5) ? `${c.name}, ${c.region}` : c.name;
    case "GB":
      return rng.chance(0.5) ? `${c.name}, UK` : c.name;
    case "DE":
      return rng.chance(0.4) ? `${c.name}, Germany` : c.name;
    case "FR":
      return rng.chance(0.4) ? `${c.name}, France` : c.name;
    default:
      return c.name;
  }
}

/** The application a person would submit on their own, from home. */
export function renderPerson(rng: Rng, p: Person, o: RenderOptions = {}): Draft {
  const signals = new Set<string>();
  const vary = o.vary ?? false;
  // Claimed country: usually given; omitted or lower-cased now and then (the phone then carries its country code).
  const omitCountry = rng.chance(0.04);
  const claimed = omitCountry ? undefined : rng.chance(0.03) ? p.country.toLowerCase() : p.country;
  const emails = [typeEmail(rng, p.email, vary ? true : rng.chance(0.2) ? "case" : false)];
  if (p.altEmail && rng.chance(0.5)) emails.push(typeEmail(rng, p.altEmail, vary ? true : false));
  const ips = [p.homeIp];
  if (p.ipv6 && rng.chance(0.6)) ips.push(p.ipv6);
  if (rng.chance(o.pPrivateIp ?? 0.008)) {
    ips.push(rng.pick(PRIVATE_PREFIXES) + rng.int(2, 250));
    signals.add("private_ip");
  }
  const record: Draft["record"] = {
    full_name: typeName(rng, p.given, p.family, p.familyFirst, vary),
    email: one(emails),
    phone: personPhone(rng, p, claimed, o, signals),
    ip: one(ips),
    device_id: rng.pick(p.devices),
    profile_url: one(personProfiles(rng, p, vary)),
    claimed_country: claimed,
    claimed_location: claimedLocation(rng, p),
  };
  if (p.education) {
    record.university = p.education.university;
    record.degree = p.education.degree;
    record.major = p.education.major;
    record.graduation_date = p.education.graduation;
    for (const s of p.education.signals) signals.add(s);
  }
  if (rng.chance(o.pAddress ?? 0.55))
    record.shipping_address = typeAddress(vary || rng.chance(0.5) ? rng : null, p.address);
  if (p.payment && rng.chance(o.pPayment ?? 0.8)) record.payment_account = p.payment;
  return { record, signals };
}
