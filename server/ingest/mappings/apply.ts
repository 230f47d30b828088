/**
 * Applying a mapping
 * ==================
 *
 * Turns one export record into a contract record: reads each field's columns or paths, drops the
 * values that mean "empty", splits lists, rewrites dates into ISO-8601, and keeps the names of the
 * export's columns the mapping does not use so that the summary counts them as unknown fields. The
 * contract record then goes through the same validation and normal forms as any other input.
 */
import { DateTime } from "luxon";

import { parsePath, pathPresence, readPath, type Path } from "./paths.js";
import { LIST_FIELDS, MAPPED_FIELDS, fieldRules, type FieldRule, type Mapping, type MappedField } from "./schema.js";

export class MappingError extends Error {}

interface CompiledRule extends FieldRule {
  /** JSON paths (one per `from`), or null for CSV, where `from` names columns. */
  paths: Path[] | null;
}

export interface CompiledMapping {
  mapping: Mapping;
  rules: CompiledRule[];
  /** Top-level keys (JSON) or columns (CSV) the mapping reads, and the keys it reads inside `each`. */
  usedRoot: Set<string>;
  usedEach: Set<string>;
  empty: Set<string>;
}

const CONTRACT_NAMES: ReadonlySet<string> = new Set(MAPPED_FIELDS);
const DATE_FIELDS: ReadonlySet<MappedField> = new Set(["submitted_at", "graduation_date"]);

export function compileMapping(mapping: Mapping): CompiledMapping {
  const json = mapping.format !== "csv";
  if (!json && mapping.each) throw new MappingError(`mapping "${mapping.name}": "each" is for JSON exports only`);
  const usedRoot = new Set<string>();
  const usedEach = new Set<string>();
  const rules = fieldRules(mapping).map((r): CompiledRule => {
    if (r.date && !DATE_FIELDS.has(r.field))
      throw new MappingError(`mapping "${mapping.name}": "date" is only for submitted_at and graduation_date`);
    if (r.zone && !DateTime.now().setZone(r.zone).isValid)
      throw new MappingError(`mapping "${mapping.name}": ${r.field}: unknown time zone "${r.zone}"`);
    if (!json) {
      for (const c of r.from) usedRoot.add(c);
      return { ...r, paths: null };
    }
    const paths = r.from.map((p) => {
      try {
        return parsePath(p);
      } catch (err) {
        throw new MappingError(`mapping "${mapping.name}": ${r.field}: ${(err as Error).message}`);
      }
    });
    for (const p of paths) {
      if (mapping.each && p[0]!.key === mapping.each.as) {
        if (p[1]) usedEach.add(p[1].key);
      } else usedRoot.add(p[0]!.key);
    }
    return { ...r, paths };
  });
  if (mapping.each) usedRoot.add(parsePath(mapping.each.path)[0]!.key);
  const empty = new Set(["", ...mapping.empty.map((e) => e.trim().toLowerCase())]);
  return { mapping, rules, usedRoot, usedEach, empty };
}

/** The object paths are read from: the record, with the `each` element under its name. */
function scope(cm: CompiledMapping, record: Record<string, unknown>, element: unknown): unknown {
  return cm.mapping.each ? { ...record, [cm.mapping.each.as]: element } : record;
}

/** The elements a record yields applications for (the record itself without `each`). */
export function elementsOf(cm: CompiledMapping, record: Record<string, unknown>): unknown[] {
  if (!cm.mapping.each) return [undefined];
  return readPath(record, parsePath(cm.mapping.each.path)).filter((e) => e !== null && typeof e === "object");
}

/**
 * Names the mapped columns or paths an export lacks: for CSV against the header, for JSON against a
 * sample of records (a path counts as missing only when no sampled record has it and some record shows
 * it absent). Optional fields are not checked.
 */
export function missingSources(cm: CompiledMapping, sample: { header?: string[]; records?: unknown[] }): string[] {
  const out: string[] = [];
  for (const r of cm.rules) {
    if (r.optional) continue;
    r.from.forEach((from, i) => {
      if (sample.header) {
        if (!sample.header.includes(from)) out.push(`${r.field} <- "${from}"`);
        return;
      }
      const states = (sample.records ?? []).flatMap((rec) =>
        rec !== null && typeof rec === "object"
          ? elementsOf(cm, rec as Record<string, unknown>).map((el) =>
              pathPresence(scope(cm, rec as Record<string, unknown>, el), r.paths![i]!),
            )
          : [],
      );
      if (!states.includes("yes") && states.includes("no")) out.push(`${r.field} <- "${from}"`);
    });
  }
  return out;
}

function toText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return null;
}

/** A date value in the contract's form: ISO-8601 date-time for submitted_at, YYYY[-MM[-DD]] for graduation_date. */
function convertDate(rule: CompiledRule, raw: unknown): string {
  const fmt = rule.date ?? "iso";
  let dt: DateTime;
  if (fmt === "epoch_ms" || fmt === "epoch_s") {
    const n = typeof raw === "number" ? raw : /^\s*-?\d+(\.\d+)?\s*$/.test(String(raw)) ? Number(raw) : NaN;
    if (!Number.isFinite(n)) throw new MappingError(`${rule.field}: "${String(raw)}" is not a number (${fmt})`);
    dt = DateTime.fromMillis(fmt === "epoch_s" ? n * 1000 : n, { zone: "utc" });
  } else if (fmt === "iso") {
    const text = String(raw).trim();
    if (rule.field === "graduation_date") {
      const m = /^(\d{4}(-\d{2}(-\d{2})?)?)/.exec(text);
      return m ? m[1]! : text;
    }
    return text;
  } else {
    dt = DateTime.fromFormat(String(raw).trim(), fmt, { zone: rule.zone, setZone: true });
    if (!dt.isValid) throw new MappingError(`${rule.field}: "${String(raw)}" is not a date written as ${fmt}`);
  }
  if (!dt.isValid) throw new MappingError(`${rule.field}: "${String(raw)}" is not a valid date`);
  if (rule.field === "submitted_at") return dt.toUTC().toISO()!;
  // A graduation date keeps the precision its format has.
  const precise = fmt.startsWith("epoch") || /d/.test(fmt) ? "yyyy-MM-dd" : /[ML]/.test(fmt) ? "yyyy-MM" : "yyyy";
  return dt.toFormat(precise);
}

export type MapResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** Maps one export record (a CSV row as column → text, or a JSON object) and one `each` element. */
export function mapRecord(cm: CompiledMapping, record: Record<string, unknown>, element?: unknown): MapResult {
  const ctx = scope(cm, record, element);
  const out: Record<string, unknown> = {};
  const reasons: string[] = [];
  for (const rule of cm.rules) {
    const raw: unknown[] = [];
    rule.from.forEach((from, i) => {
      raw.push(...(rule.paths ? readPath(ctx, rule.paths[i]!) : [record[from]].flat()));
    });
    let values: string[] = [];
    for (const v of raw) {
      if (v === null || v === undefined) continue;
      const text = DATE_FIELDS.has(rule.field) && typeof v === "number" ? String(v) : toText(v);
      if (text === null) {
        reasons.push(`${rule.field}: ${rule.from.join(", ")} holds an object, not a value`);
        continue;
      }
      const parts = rule.split ? text.split(rule.split) : [text];
      for (const p of parts) {
        const t = p.trim();
        if (cm.empty.has(t.toLowerCase())) continue;
        values.push(rule.values?.get(t.toLowerCase()) ?? t);
      }
    }
    if (values.length === 0) continue;
    if (DATE_FIELDS.has(rule.field)) {
      try {
        values = [convertDate(rule, values[0])];
      } catch (err) {
        reasons.push((err as Error).message);
        continue;
      }
    }
    if (LIST_FIELDS.has(rule.field)) out[rule.field] = values.length === 1 ? values[0] : [...new Set(values)];
    else out[rule.field] = rule.join !== undefined ? values.join(rule.join) : values[0];
  }
  if (reasons.length) return { ok: false, reason: `mapping "${cm.mapping.name}": ${reasons.join("; ")}` };
  // Columns the mapping does not read are kept by name so that the summary counts them as unknown fields.
  const unknown = (key: string) => (key in out || CONTRACT_NAMES.has(key) ? `${key} (unmapped)` : key);
  const blank = (v: unknown) =>
    v === null || v === undefined || (typeof v === "string" && cm.empty.has(v.trim().toLowerCase()));
  for (const [k, v] of Object.entries(record)) if (!cm.usedRoot.has(k) && !blank(v)) out[unknown(k)] = true;
  if (cm.mapping.each && element && typeof element === "object") {
    for (const [k, v] of Object.entries(element))
      if (!cm.usedEach.has(k) && !blank(v)) out[unknown(`${cm.mapping.each.as}.${k}`)] = true;
  }
  return { ok: true, value: out };
}
