/**
 * Plain values
 * ============
 *
 * Turns driver values into plain JS: temporal values into ISO strings, nodes and relationships into
 * their properties, so no driver type leaves `server/db/`.
 */
import {
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
