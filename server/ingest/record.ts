/**
 * Application record
 * ==================
 *
 * Validates one input record against the contract ("In: applications") and turns it into the rows the
 * graph writer stores: application properties, identifiers in normal form and per-application
 * indicators. A record that breaks the table is rejected with every reason; a malformed phone, email
 * or IP is kept and flagged.
 */
import { z } from "zod";

import { normaliseAddress } from "../normalise/address.js";
import { normaliseDevice } from "../normalise/device.js";
import { normaliseEmail } from "../normalise/email.js";
import { normaliseIp } from "../normalise/ip.js";
import { nameKey } from "../normalise/name.js";
import { normalisePayment } from "../normalise/payment.js";
import { normalisePhone } from "../normalise/phone.js";
import { normaliseProfile } from "../normalise/profile.js";
import type { IdentifierKind, NormalisedIdentifier } from "../normalise/types.js";

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** A required string field whose messages say which rule broke. */
const requiredString = (field: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string`) });
const optionalString = (field: string) => z.string({ error: `${field} must be a string` }).optional();
const oneOrMany = (field: string) =>
  z.union([z.string(), z.array(z.string())], { error: `${field} must be a string or a list of strings` }).optional();

const RecordSchema = z.object({
  application_id: requiredString("application_id")
    .min(1, "application_id is empty")
    .max(128, "application_id is longer than 128 characters"),
  submitted_at: requiredString("submitted_at").refine(
    (s) => ISO_DATETIME.test(s.trim()) && !Number.isNaN(Date.parse(s.trim())),
    "submitted_at is not an ISO-8601 date-time",
  ),
  full_name: optionalString("full_name"),
  email: oneOrMany("email"),
  phone: oneOrMany("phone"),
  ip: oneOrMany("ip"),
  device_id: oneOrMany("device_id"),
  profile_url: oneOrMany("profile_url"),
  claimed_country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "claimed_country must be an ISO 3166-1 alpha-2 code")
    .optional(),
  claimed_location: optionalString("claimed_location"),
  university: optionalString("university"),
  degree: optionalString("degree"),
  major: optionalString("major"),
  graduation_date: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "graduation_date must be YYYY, YYYY-MM or YYYY-MM-DD")
    .optional(),
  shipping_address: optionalString("shipping_address"),
  payment_account: optionalString("payment_account"),
  job_id: optionalString("job_id"),
  source: optionalString("source"),
});

export const CONTRACT_FIELDS: readonly string[] = Object.keys(RecordSchema.shape);
const CONTRACT_FIELD_SET = new Set(CONTRACT_FIELDS);

export type ApplicationProps = Record<string, string | number | boolean | string[] | null>;

export interface NormalisedApplication {
  id: string;
  submittedAt: string;
  props: ApplicationProps;
  identifiers: NormalisedIdentifier[];
  indicators: string[];
}

export type RecordResult =
  { ok: true; application: NormalisedApplication; unknownFields: string[] } | { ok: false; reason: string };

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Validates and normalises one parsed record (from JSON, NDJSON or a CSV row turned into an object). */
export function normaliseRecord(input: unknown): RecordResult {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, reason: "record is not a JSON object" };
  }
  const source = input as Record<string, unknown>;
  const unknownFields = Object.keys(source).filter((k) => !CONTRACT_FIELD_SET.has(k));
  const known: Record<string, unknown> = {};
  for (const f of CONTRACT_FIELDS) if (source[f] !== null) known[f] = blankToUndefined(source[f]);
  if (typeof known.application_id === "string") known.application_id = known.application_id.trim();
  const parsed = RecordSchema.safeParse(known);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => i.message);
    return { ok: false, reason: [...new Set(reasons)].join("; ") };
  }
  const r = parsed.data;
  const country = r.claimed_country?.toUpperCase();
  const identifiers: NormalisedIdentifier[] = [];
  const add = (id: NormalisedIdentifier | null) => {
    if (id && !identifiers.some((x) => x.kind === id.kind && x.key === id.key)) identifiers.push(id);
  };
  for (const v of list(r.email)) add(normaliseEmail(v));
  for (const v of list(r.phone)) add(normalisePhone(v, country));
  for (const v of list(r.ip)) add(normaliseIp(v));
  for (const v of list(r.device_id)) add(normaliseDevice(v));
  for (const v of list(r.profile_url)) add(normaliseProfile(v));
  if (r.shipping_address) add(normaliseAddress(r.shipping_address));
  if (r.payment_account) add(normalisePayment(r.payment_account));

  const indicators = applicationIndicators(identifiers, country);
  const nonRoutable = identifiers.filter((i) => i.kind === "ip" && !i.links).map((i) => i.key);
  const raw: Record<string, unknown> = {};
  for (const f of CONTRACT_FIELDS) if (known[f] !== undefined) raw[f] = known[f];
  const submittedAt = new Date(Date.parse(r.submitted_at.trim())).toISOString();
  const props: ApplicationProps = {
    id: r.application_id,
    full_name: r.full_name?.trim() ?? null,
    name_key: nameKey(r.full_name),
    claimed_country: country ?? null,
    claimed_location: r.claimed_location ?? null,
    university: r.university ?? null,
    degree: r.degree ?? null,
    major: r.major ?? null,
    graduation_date: r.graduation_date ?? null,
    shipping_address: r.shipping_address ?? null,
    job_id: r.job_id ?? null,
    source: r.source ?? null,
    indicators,
    nonroutable_ips: nonRoutable,
    raw_json: JSON.stringify(raw),
  };
  return {
    ok: true,
    application: {
      id: r.application_id,
      submittedAt,
      props,
      identifiers: identifiers.filter((i) => i.links),
      indicators,
    },
    unknownFields,
  };
}

/** Indicators that a single application shows on its own, before any linking. */
export function applicationIndicators(ids: NormalisedIdentifier[], country: string | undefined): string[] {
  const out = new Set<string>();
  const of = (k: IdentifierKind) => ids.filter((i) => i.kind === k);
  if (of("phone").some((p) => p.malformed)) out.add("malformed_phone");
  if (of("email").some((e) => e.malformed)) out.add("malformed_email");
  if (of("profile").some((e) => e.malformed)) out.add("malformed_profile");
  const ips = of("ip");
  if (ips.some((i) => i.malformed)) out.add("malformed_ip");
  const wellFormedIps = ips.filter((i) => !i.malformed);
  if (wellFormedIps.length > 0 && wellFormedIps.every((i) => !i.links)) out.add("non_routable_ip_only");
  for (const p of of("phone")) {
    if (p.props.line_type === "VOIP") out.add("voip_phone");
    if (country && p.props.country && p.props.country !== country) out.add("phone_country_mismatch");
  }
  return [...out].sort();
}
