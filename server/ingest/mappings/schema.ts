/**
 * Ingest mapping files
 * ====================
 *
 * The format (validated with zod) of a mapping that turns an applicant-tracking system's CSV or JSON
 * export into contract records without code: which column or JSON path feeds each contract field, how
 * lists inside one value are split, how dates are written and which values mean "empty".
 */
import { z } from "zod";

import { CONTRACT_FIELDS, type ContractField } from "../../common/contract.js";

/** Contract fields a mapping may fill: every field of the "In: applications" table. */
export const MAPPED_FIELDS = CONTRACT_FIELDS;
export type MappedField = ContractField;

/** Fields that hold a list of values; every other field keeps one value (the first, or `join`ed). */
export const LIST_FIELDS: ReadonlySet<MappedField> = new Set(["email", "phone", "ip", "device_id", "profile_url"]);

const source = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const FieldSpec = z.union([
  source,
  z
    .object({
      /** Column name (CSV) or JSON path (`a.b`, `list[].value`, `list[0].value`); several are read in order. */
      from: source,
      /** Joins the values of a single-valued field (e.g. first and last name with " "); default: the first value. */
      join: z.string().optional(),
      /** Splits each value into several (a list held in one cell), e.g. ";" or "|". */
      split: z.string().min(1).optional(),
      /**
       * How a date is written: "iso" (as is), "epoch_ms", "epoch_s", or a Luxon format such as
       * "MM/dd/yyyy" or "dd.MM.yyyy HH:mm" (https://moment.github.io/luxon/#/parsing?id=table-of-tokens).
       */
      date: z.string().min(1).optional(),
      /** IANA time zone of a date written without an offset (default: the mapping's `zone`). */
      zone: z.string().min(1).optional(),
      /** Replaces whole values, e.g. {"United States of America": "US"} (matched after trimming, ignoring case). */
      values: z.record(z.string(), z.string()).optional(),
      /** True when the column or path may be missing from the file (otherwise a missing one is an error). */
      optional: z.boolean().optional(),
    })
    .strict(),
]);
export type FieldSpecInput = z.infer<typeof FieldSpec>;

export const MappingSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]{1,64}$/, "name: lower-case letters, digits and dashes"),
    description: z.string().optional(),
    format: z.enum(["csv", "json", "ndjson"]),
    /** JSON only: the path of the array of records when the document is an object (e.g. "data"). */
    records: z.string().min(1).optional(),
    /**
     * One application per element of this list inside each record (e.g. a candidate's "applications"),
     * reached in paths under the name `as`; the record's other fields stay reachable by their own paths.
     */
    each: z.object({ path: z.string().min(1), as: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) }).optional(),
    /** Values that mean "no value" (compared after trimming, ignoring case); "" always does. */
    empty: z.array(z.string()).default([]),
    /** Default IANA time zone for dates without an offset. */
    zone: z.string().default("UTC"),
    fields: z
      .object(
        Object.fromEntries(MAPPED_FIELDS.map((f) => [f, FieldSpec.optional()])) as Record<
          MappedField,
          z.ZodOptional<typeof FieldSpec>
        >,
      )
      .strict()
      .refine((f) => f.application_id !== undefined && f.submitted_at !== undefined, {
        message: "fields: application_id and submitted_at must be mapped",
      }),
  })
  .strict()
  .refine((m) => m.format === "json" || m.records === undefined, { message: "records: only for JSON exports" });

export type Mapping = z.infer<typeof MappingSchema>;

export interface FieldRule {
  field: MappedField;
  from: string[];
  join?: string;
  split?: string;
  date?: string;
  zone: string;
  values?: Map<string, string>;
  optional: boolean;
}

/** The mapping's fields in a uniform shape (a bare string or list is `from`). */
export function fieldRules(m: Mapping): FieldRule[] {
  const out: FieldRule[] = [];
  for (const field of MAPPED_FIELDS) {
    const spec = m.fields[field];
    if (spec === undefined) continue;
    const obj = typeof spec === "string" || Array.isArray(spec) ? { from: spec } : spec;
    const values =
      "values" in obj && obj.values
        ? new Map(Object.entries(obj.values).map(([k, v]) => [k.trim().toLowerCase(), v]))
        : undefined;
    out.push({
      field,
      from: typeof obj.from === "string" ? [obj.from] : obj.from,
      ...("join" in obj && obj.join !== undefined ? { join: obj.join } : {}),
      ...("split" in obj && obj.split !== undefined ? { split: obj.split } : {}),
      ...("date" in obj && obj.date !== undefined ? { date: obj.date } : {}),
      zone: ("zone" in obj && obj.zone) || m.zone,
      ...(values ? { values } : {}),
      optional: ("optional" in obj && obj.optional) || false,
    });
  }
  return out;
}
