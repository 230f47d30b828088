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

import { addressState, claimedState, normaliseAddress } from "../normalise/address.js";
import { normaliseDevice } from "../normalise/device.js";
import { normaliseEmail } from "../normalise/email.js";
import { normaliseIp } from "../normalise/ip.js";
import { nameKey } from "../normalise/name.js";
import { normalisePayment } from "../normalise/payment.js";
import { normalisePhone } from "../normalise/phone.js";
import { normaliseProfile } from "../normalise/profile.js";
import { CONTRACT_FIELDS, type ContractField } from "../common/contract.js";
import type { IdentifierKind, NormalisedIdentifier } from "../common/identifiers.js";
import { impossibleDay } from "./dates.js";
import { LIMITS } from "./limits.js";

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const GRADUATION_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const count = (n: number) => n.toLocaleString("en-US");

/** A string of at most `max` characters whose messages name the field and the rule that broke. */
const boundedString = (field: string, max: number, what = "a string") =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be ${what}`) })
    .max(max, { error: (iss) => `${field} is longer than ${count(max)} characters (${count(lengthOf(iss.input))})` });
const lengthOf = (v: unknown) => (typeof v === "string" || Array.isArray(v) ? v.length : 0);

const text = (field: string) => boundedString(field, LIMITS.text).optional();
const identifier = (field: string) => boundedString(field, LIMITS.identifier).optional();
/** A string or a list of strings; a single string is checked as a list of one, so its errors stay precise. */
const oneOrMany = (field: string) =>
  z
    .preprocess(
      (v) => (typeof v === "string" ? [v] : v),
      z
        .array(boundedString(field, LIMITS.identifier, "a string or a list of strings"), {
          error: `${field} must be a string or a list of strings`,
        })
        .max(LIMITS.listItems, {
          error: (iss) => `${field} has more than ${count(LIMITS.listItems)} values (${count(lengthOf(iss.input))})`,
        }),
    )
    .optional();

// `satisfies` holds the schema's keys to the contract's field list: none missing, none extra.
const RecordSchema = z.object({
  application_id: boundedString("application_id", LIMITS.applicationId).min(1, "application_id is empty"),
  submitted_at: boundedString("submitted_at", LIMITS.date).superRefine((s, ctx) => {
    const t = s.trim();
    if (!ISO_DATETIME.test(t) || Number.isNaN(Date.parse(t)))
      ctx.addIssue({ code: "custom", message: "submitted_at is not an ISO-8601 date-time" });
    else {
      const why = impossibleDay(t);
      if (why) ctx.addIssue({ code: "custom", message: `submitted_at is not a real date: ${why}` });
    }
  }),
  full_name: text("full_name"),
  email: oneOrMany("email"),
  phone: oneOrMany("phone"),
  ip: oneOrMany("ip"),
  device_id: oneOrMany("device_id"),
  profile_url: oneOrMany("profile_url"),
  claimed_country: z
    .string({ error: "claimed_country must be a string" })
    .regex(/^[A-Za-z]{2}$/, "claimed_country must be an ISO 3166-1 alpha-2 code")
    .optional(),
  claimed_location: text("claimed_location"),
  university: text("university"),
  degree: text("degree"),
  major: text("major"),
  graduation_date: boundedString("graduation_date", LIMITS.date)
    .superRefine((s, ctx) => {
      if (!GRADUATION_DATE.test(s))
        ctx.addIssue({ code: "custom", message: "graduation_date must be YYYY, YYYY-MM or YYYY-MM-DD" });
      else {
        const why = impossibleDay(s);
        if (why) ctx.addIssue({ code: "custom", message: `graduation_date is not a real date: ${why}` });
      }
    })
    .optional(),
  shipping_address: text("shipping_address"),
  payment_account: identifier("payment_account"),
  job_id: identifier("job_id"),
  source: identifier("source"),
} satisfies Record<ContractField, z.ZodType>);

const CONTRACT_FIELD_SET: ReadonlySet<string> = new Set(CONTRACT_FIELDS);

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

/** A lone surrogate ("\\ud800" in JSON) cannot be encoded as UTF-8, so it would not be stored as typed. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const hasLoneSurrogate = (v: unknown): boolean =>
  typeof v === "string" ? LONE_SURROGATE.test(v) : Array.isArray(v) && v.some(hasLoneSurrogate);

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
  const broken = CONTRACT_FIELDS.filter((f) => hasLoneSurrogate(known[f]));
  if (!parsed.success || broken.length) {
    const reasons = [
      ...(parsed.success ? [] : parsed.error.issues.map((i) => i.message)),
      ...broken.map((f) => `${f} is not valid Unicode (a lone UTF-16 surrogate, which Neo4j would store as U+FFFD)`),
    ];
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
  if (shipsOutOfState(r.shipping_address, r.claimed_location)) indicators.push("ships_out_of_state");
  indicators.sort();
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
    // An empty list is not stored (null): Neo4j's offline importer cannot write one, and a bulk-loaded graph
    // must be the pipeline's; every reader takes a missing list as empty.
    indicators: indicators.length ? indicators : null,
    nonroutable_ips: nonRoutable.length ? nonRoutable : null,
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

/**
 * The shipping address is in another US state than the one the applicant claims to live in (indicator A2:
 * "the ship-to address differs from the ID address"); false unless both name a state.
 */
export function shipsOutOfState(address: string | undefined, claimed: string | undefined): boolean {
  if (!address || !claimed) return false;
  const shipped = addressState(address);
  const lives = claimedState(claimed);
  return shipped !== null && lives !== null && shipped !== lives;
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
