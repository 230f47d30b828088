/**
 * CSV files
 * =========
 *
 * applications.csv, identifiers.csv and links.csv (RFC 4180 via csv-stringify, UTF-8 with a BOM so
 * spreadsheets pick the encoding). Applicant-controlled text is escaped against formula injection: a
 * cell starting with = + - @ tab or carriage return gets a leading apostrophe, so a spreadsheet shows it
 * as text instead of running it (this also applies to E.164 phone numbers, which start with +).
 */
import { stringify } from "csv-stringify/sync";

import type { CaseContents } from "../cases/case-view.js";
import { parseIdentifierRef } from "../normalise/types.js";
import type { Redactor } from "./redaction.js";

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(v: unknown): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  const s = Array.isArray(v) ? v.join("|") : String(v);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function csv(header: string[], rows: unknown[][]): Buffer {
  const text = stringify([header, ...rows.map((r) => r.map(safeCell))], {
    record_delimiter: "\r\n",
    quoted_match: /[",\r\n]/,
  });
  return Buffer.from(`\uFEFF${text}`, "utf8");
}

const KINDS_IN_COLUMNS = ["email", "phone", "ip", "device", "profile", "address", "payment"] as const;

export function applicationsCsv(c: CaseContents, r: Redactor, pinned: Set<string>): Buffer {
  const props = new Map(c.identifiers.map((i) => [i.ref, i]));
  const shared = new Set(c.identifiers.filter((i) => i.members >= 2).map((i) => i.ref));
  const header = [
    "application_id",
    "submitted_at",
    "full_name",
    ...KINDS_IN_COLUMNS.map((k) => `${k}s`),
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
  ];
  const rows = c.members.map((m) => {
    const byKind = KINDS_IN_COLUMNS.map((k) =>
      m.identifiers
        .filter((ref) => ref.startsWith(`${k}:`))
        .map((ref) => {
          const p = parseIdentifierRef(ref)!;
          return r.identifier(p.kind, p.key, props.get(ref)?.props);
        })
        .join("|"),
    );
    const s = (k: string) => (typeof m[k] === "string" ? (m[k] as string) : "");
    return [
      m.id,
      s("submitted_at"),
      r.name(s("full_name")),
      ...byKind,
      s("claimed_country"),
      r.location(s("claimed_location")),
      r.education(s("university")),
      r.education(s("degree")),
      r.education(s("major")),
      r.education(s("graduation_date")),
      s("job_id"),
      s("source"),
      Array.isArray(m.indicators) ? (m.indicators as string[]).join("|") : "",
      pinned.has(m.id) ? "yes" : "no",
      m.identifiers.filter((ref) => shared.has(ref)).length,
    ];
  });
  return csv(header, rows);
}

function detail(kind: string, p: Record<string, unknown>): string {
  const parts: string[] = [];
  if (kind === "phone") {
    if (p.country) parts.push(`country ${p.country}`);
    if (p.line_type) parts.push(`line type ${p.line_type}`);
    if (p.malformed) parts.push("malformed");
  }
  if (kind === "ip" && p.version) parts.push(`IPv${p.version}`);
  if (kind === "profile" && p.platform) parts.push(String(p.platform));
  if (kind === "email" && p.valid === false) parts.push("malformed");
  return parts.join("; ");
}

export function identifiersCsv(c: CaseContents, r: Redactor): Buffer {
  const header = [
    "node_id",
    "kind",
    "value",
    "applications_in_case",
    "applications_in_database",
    "common_infrastructure",
    "pinned",
    "detail",
  ];
  const rows = c.identifiers.map((i) => [
    r.nodeId(i.ref),
    i.kind,
    r.identifier(i.kind, i.key, i.props),
    i.members,
    i.used_by,
    i.common_infrastructure ? "yes" : "no",
    i.pinned ? "yes" : "no",
    detail(i.kind, i.props),
  ]);
  return csv(header, rows);
}

export function linksCsv(c: CaseContents, r: Redactor): Buffer {
  const props = new Map(c.identifiers.map((i) => [i.ref, i]));
  const header = ["application_id", "node_id", "kind", "value", "relationship"];
  const rows: unknown[][] = [];
  for (const m of c.members)
    for (const ref of m.identifiers) {
      const p = parseIdentifierRef(ref)!;
      rows.push([m.id, r.nodeId(ref), p.kind, r.identifier(p.kind, p.key, props.get(ref)?.props), "uses"]);
    }
  return csv(header, rows);
}
