/**
 * Application details
 * ===================
 *
 * An application's descriptive fields (claimed country and location, education, shipping address, job,
 * source, its own indicators and non-routable IPs) are stored packed in one JSON string property,
 * `details`, rather than as eleven properties. Neo4j's write cost grows with the number of properties a
 * node has, not their bytes (README, "Ingest throughput": 7 properties instead of 17 took 45-159 µs of
 * server CPU off each application), and no statement filters, sorts or indexes by these fields. What Cypher
 * does look up, compare or order by stays a property: id, full_name, name_key, submitted_at, ingested_at;
 * raw_json (the record as typed, hashed into evidence) stays one too. The pipeline and bulk load both pack
 * with `packDetails`, so the same applications give the same string either way (bulk load's graph-equality
 * test compares it). Readers name the fields they return (`withDetails`), so a list view carries no more
 * personal data than it did when each field was projected by name in Cypher.
 */

import type { ApplicationSummary } from "../common/api/applications.js";

/** The packed fields, in the order they are written. */
export const DETAIL_FIELDS = [
  "claimed_country",
  "claimed_location",
  "university",
  "degree",
  "major",
  "graduation_date",
  "shipping_address",
  "job_id",
  "source",
  "indicators",
  "nonroutable_ips",
] as const;

export type DetailField = (typeof DETAIL_FIELDS)[number];

/** The list fields: absent when empty, read back as []. */
const LIST_FIELDS: ReadonlySet<DetailField> = new Set(["indicators", "nonroutable_ips"]);

/** What a list view of applications shows besides id, name and submission time. */
const SUMMARY_DETAILS = ["claimed_country", "job_id"] as const satisfies readonly DetailField[];

/**
 * The packed string for an application's properties: its detail fields in DETAIL_FIELDS order, null ones
 * and empty lists left out (as Neo4j stores no null, and the offline importer no empty list).
 */
export function packDetails(props: Readonly<Record<string, unknown>>): string {
  const out: Record<string, unknown> = {};
  for (const f of DETAIL_FIELDS) {
    const v = props[f];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[f] = v;
  }
  return JSON.stringify(out);
}

/** The fields a stored `details` string holds; an absent one (a node never written with it) holds none. */
export function unpackDetails(details: unknown): Partial<Record<DetailField, unknown>> {
  if (details === null || details === undefined) return {};
  if (typeof details !== "string")
    throw new Error(`application details: expected a JSON string, got ${typeof details}`);
  const parsed: unknown = JSON.parse(details);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error("application details: the stored JSON is not an object");
  return parsed as Partial<Record<DetailField, unknown>>;
}

/**
 * An application as read (with its `details` string, or without one) with that string replaced by the
 * named fields: a missing list reads [], a missing scalar null, or, with `missing: "omit"` (the readers of
 * every property, `a {.*}`, where an unset one was never there), nothing. The other keys keep their place.
 */
export function withDetails<T extends Record<string, unknown>>(
  app: T,
  fields: readonly DetailField[] = DETAIL_FIELDS,
  opts: { missing?: "null" | "omit" } = {},
): T & Record<DetailField, unknown> {
  const { details, ...rest } = app;
  const d = unpackDetails(details);
  const out: Record<string, unknown> = rest;
  for (const f of fields) {
    const v = d[f] ?? (LIST_FIELDS.has(f) ? [] : null);
    if (v !== null || opts.missing !== "omit") out[f] = v;
  }
  // Typed as the input plus the fields (its `details` key is gone at run time; no reader looks for it).
  return out as T & Record<DetailField, unknown>;
}

/** An application as a list shows it (read with `.id, .full_name, .submitted_at, .details`). */
export function summaryOf<T extends Record<string, unknown>>(app: T): T & ApplicationSummary {
  return withDetails(app, SUMMARY_DETAILS) as unknown as T & ApplicationSummary;
}
