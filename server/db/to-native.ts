/**
 * Plain values
 * ============
 *
 * Turns driver values into plain JS: temporal values into ISO strings, nodes and relationships into
 * their properties, so no driver type leaves `server/db/`.
 */
import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isRelationship,
  isTime,
} from "neo4j-driver";

export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value !== "object") return value;
  if (isDateTime(value as never)) return new Date((value as { toString(): string }).toString()).toISOString();
  if (
    isDate(value as never) ||
    isLocalDateTime(value as never) ||
    isTime(value as never) ||
    isLocalTime(value as never) ||
    isDuration(value as never)
  )
    return String(value);
  if (isNode(value as never)) return toNative((value as { properties: unknown }).properties);
  if (isRelationship(value as never)) return toNative((value as { properties: unknown }).properties);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toNative(v);
  return out;
}

/**
 * Turns whole JS numbers in query parameters into Neo4j integers. JS numbers travel as floats, and
 * Cypher rejects floats where it needs an integer (LIMIT, SKIP, ranges); every whole number
 * Ringscope sends is meant as one.
 */
export function toParams(value: unknown): unknown {
  // Strings and the like first, and plain loops: an ingest batch is thousands of small maps (about 5 µs of
  // CPU per application less than Object.entries and map, README "Ingest throughput").
  if (typeof value !== "object" || value === null)
    return typeof value === "number" && Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toParams(value[i]);
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = toParams((value as Record<string, unknown>)[k]);
  return out;
}
