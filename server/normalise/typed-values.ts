/**
 * Typed values
 * ============
 *
 * Which value an applicant typed for each identifier an application uses: every identifier field of the
 * record as submitted is normalised as ingest does, and the result's ref is mapped back to the text.
 * So the graph can label `+1 (972) 772-0000` rather than `+19727720000`, with the normal form beside it.
 */
import { normaliseAs } from "./identifier.js";
import { IDENTIFIER_KINDS, KIND_FIELD, identifierRef } from "../common/identifiers.js";

/** `kind:key` → the first value typed for it in this record. */
export function typedValues(raw: Record<string, unknown> | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!raw) return out;
  const country = typeof raw.claimed_country === "string" ? raw.claimed_country.toUpperCase() : undefined;
  for (const kind of IDENTIFIER_KINDS) {
    const value = raw[KIND_FIELD[kind]];
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const v of values) {
      if (typeof v !== "string" || !v.trim()) continue;
      const n = normaliseAs(kind, v, country);
      if (!n) continue;
      const ref = identifierRef(kind, n.key);
      if (!out.has(ref)) out.set(ref, v.trim());
    }
  }
  return out;
}

/** Parses a stored `raw_json` property; null when absent or not an object. */
export function parseRaw(json: unknown): Record<string, unknown> | null {
  if (typeof json !== "string") return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
