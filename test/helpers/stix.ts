/**
 * A small STIX 2.1 checker for tests: required common and per-type properties, id shapes, timestamps,
 * references that resolve inside the bundle, vocabularies we use, and well-formed patterns. Returns
 * the problems found (empty when the bundle is fine).
 */
const ID = /^([a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SCO = new Set(["email-addr", "ipv4-addr", "ipv6-addr", "url", "x-ringscope-identifier"]);

const REQUIRED: Record<string, string[]> = {
  identity: ["name"],
  indicator: ["pattern", "pattern_type", "valid_from"],
  infrastructure: ["name"],
  relationship: ["relationship_type", "source_ref", "target_ref"],
  grouping: ["context", "object_refs"],
  note: ["content", "object_refs"],
  "marking-definition": ["created"],
  "extension-definition": ["created_by_ref", "name", "schema", "version", "extension_types"],
  "email-addr": ["value"],
  "ipv4-addr": ["value"],
  "ipv6-addr": ["value"],
  url: ["value"],
  "x-ringscope-identifier": ["value", "extensions"],
};

/** Brackets balanced and quotes closed, outside quoted strings; comparisons name object:property. */
function patternProblem(p: string): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === "'") inString = false;
      continue;
    }
    if (ch === "'") inString = true;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth < 0) return "unbalanced ]";
  }
  if (inString) return "unterminated string";
  if (depth !== 0) return "unbalanced [";
  if (!/^\[[a-z0-9-]+:[a-z_.]+ (=|ISSUBSET|LIKE) '/.test(p)) return "does not start with [type:property OP '";
  return null;
}

export function stixProblems(bundle: any): string[] {
  const out: string[] = [];
  if (bundle?.type !== "bundle") out.push("not a bundle");
  if (!ID.test(bundle?.id ?? "") || !bundle.id.startsWith("bundle--")) out.push(`bad bundle id ${bundle?.id}`);
  const objects: any[] = bundle?.objects ?? [];
  const ids = new Set<string>();
  for (const o of objects) {
    const where = `${o.type} ${o.id}`;
    if (ids.has(o.id)) out.push(`duplicate id ${o.id}`);
    ids.add(o.id);
    const m = ID.exec(o.id ?? "");
    if (!m || m[1] !== o.type) out.push(`${where}: id does not match type`);
    if (o.spec_version !== "2.1") out.push(`${where}: spec_version is not 2.1`);
    if (!SCO.has(o.type) && o.type !== "marking-definition") {
      for (const k of ["created", "modified"]) if (!TIME.test(o[k] ?? "")) out.push(`${where}: bad ${k}`);
    }
    for (const k of REQUIRED[o.type] ?? ["__unknown_type__"])
      if (o[k] === undefined) out.push(`${where}: missing ${k}`);
    if (o.type === "indicator") {
      if (o.pattern_type !== "stix") out.push(`${where}: pattern_type`);
      const p = patternProblem(o.pattern);
      if (p) out.push(`${where}: pattern ${p}: ${o.pattern}`);
    }
    if (o.type === "identity" && !["individual", "organization"].includes(o.identity_class))
      out.push(`${where}: identity_class`);
    if (o.type === "grouping" && o.context !== "suspicious-activity") out.push(`${where}: context`);
  }
  const marking = objects.find((o) => o.type === "marking-definition");
  for (const o of objects) {
    const refs = [
      o.created_by_ref,
      o.source_ref,
      o.target_ref,
      ...(o.object_refs ?? []),
      ...(o.object_marking_refs ?? []),
    ].filter(Boolean);
    for (const r of refs) if (!ids.has(r)) out.push(`${o.type} ${o.id}: reference ${r} does not resolve`);
    if (o.type !== "marking-definition" && o.type !== "extension-definition" && o.type !== "identity" && marking)
      if (!(o.object_marking_refs ?? []).includes(marking.id)) out.push(`${o.type} ${o.id}: not marked`);
  }
  return out;
}
