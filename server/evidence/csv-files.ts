/**
 * CSV files
 * =========
 *
 * applications.csv, identifiers.csv and links.csv (RFC 4180 via csv-stringify, UTF-8 with a BOM so
 * spreadsheets pick the encoding), written from the redacted view: each identifier both in its normal
 * form and as the applicant typed it, as the export shows them. Formula injection is neutralised only
 * where a spreadsheet would evaluate the cell: text starting with `=` or `@`, a tab or carriage return,
 * or `+`/`-` followed by anything but a number, gets a leading apostrophe. A phone number such as
 * `+12025551005` stays as it is (quoted, so it reads as text), and a script reading the file gets the
 * value itself. columns.md (see csv-columns.ts) describes every column.
 */
import { stringify } from "csv-stringify/sync";

import type { IdentifierKind } from "../normalise/types.js";
import type { EvidenceView } from "./view.js";

/** `+` or `-` then only digits and phone punctuation: a number, not a formula. */
const PLAIN_NUMBER = /^[+-][\d\s().-]*$/;

export function safeCell(v: unknown): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  const s = Array.isArray(v) ? v.join("|") : String(v);
  if (/^[=@\t\r]/.test(s)) return `'${s}`;
  if (/^[+-]/.test(s) && !PLAIN_NUMBER.test(s)) return `'${s}`;
  return s;
}

function csv(header: readonly string[], rows: unknown[][]): Buffer {
  const text = stringify([[...header], ...rows.map((r) => r.map(safeCell))], {
    record_delimiter: "\r\n",
    // Quote what must be quoted, and numbers with a sign so spreadsheets keep them as text.
    quoted_match: [/[",\r\n]/, /^[+-]/],
  });
  return Buffer.from(`\uFEFF${text}`, "utf8");
}

/** Column name (plural) for each identifier kind in applications.csv. */
export const KIND_COLUMNS: Record<IdentifierKind, string> = {
  email: "emails",
  phone: "phones",
  ip: "ips",
  device: "devices",
  profile: "profiles",
  address: "addresses",
  payment: "payment_accounts",
};
const KINDS = Object.keys(KIND_COLUMNS) as IdentifierKind[];

export const APPLICATION_COLUMNS = [
  "application_id",
  "submitted_at",
  "full_name",
  ...KINDS.flatMap((k) => [KIND_COLUMNS[k], `${KIND_COLUMNS[k]}_as_typed`]),
  "claimed_country",
  "claimed_location",
  "university",
  "degree",
  "major",
  "graduation_date",
  "job_id",
  "source",
  "indicators",
  "pinned",
  "identifiers_shared_in_case",
  "source_record_sha256",
] as const;

export const IDENTIFIER_COLUMNS = [
  "node_id",
  "kind",
  "value",
  "values_as_typed",
  "redaction",
  "applications_in_case",
  "applications_in_database",
  "common_infrastructure",
  "pinned",
  "detail",
] as const;

export const LINK_COLUMNS = ["application_id", "node_id", "kind", "value", "value_as_typed", "relationship"] as const;

export function applicationsCsv(v: EvidenceView): Buffer {
  const ident = new Map(v.identifiers.map((i) => [i.nodeId, i]));
  const rows = v.members.map((m) => {
    const mine = m.identifiers.map((n) => ident.get(n)!).filter(Boolean);
    const byKind = KINDS.flatMap((k) => {
      const of = mine.filter((i) => i.kind === k);
      return [of.map((i) => i.value).join("|"), of.flatMap((i) => m.typed.get(i.nodeId) ?? []).join("|")];
    });
    return [
      m.id,
      m.submitted_at,
      m.name,
      ...byKind,
      m.claimed_country,
      m.location,
      m.university,
      m.degree,
      m.major,
      m.graduation_date,
      m.job_id,
      m.source,
      m.indicators.join("|"),
      m.pinned ? "yes" : "no",
      mine.filter((i) => i.members >= 2).length,
      m.sourceSha256 ?? "",
    ];
  });
  return csv(APPLICATION_COLUMNS, rows);
}

export function identifiersCsv(v: EvidenceView): Buffer {
  const rows = v.identifiers.map((i) => [
    i.nodeId,
    i.kind,
    i.value,
    i.typed.join("|"),
    i.mode,
    i.members,
    i.used_by,
    i.common_infrastructure ? "yes" : "no",
    i.pinned ? "yes" : "no",
    i.detail,
  ]);
  return csv(IDENTIFIER_COLUMNS, rows);
}

export function linksCsv(v: EvidenceView): Buffer {
  const ident = new Map(v.identifiers.map((i) => [i.nodeId, i]));
  const member = new Map(v.members.map((m) => [m.nodeId, m]));
  const rows = v.links.map((l) => {
    const i = ident.get(l.identifier)!;
    const m = member.get(l.application)!;
    return [m.id, i.nodeId, i.kind, i.value, (m.typed.get(i.nodeId) ?? []).join("|"), "uses"];
  });
  return csv(LINK_COLUMNS, rows);
}
