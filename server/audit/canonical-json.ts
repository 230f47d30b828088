/**
 * Canonical JSON
 * ==============
 *
 * One byte sequence per value, so a hash over it is reproducible by anyone: object keys sorted by code
 * unit (as RFC 8785), no white space, numbers and strings as JSON.stringify writes them, `undefined`
 * members left out. Non-finite numbers and non-plain values are refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`canonical-json: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new Error(`canonical-json: only plain objects, not ${proto?.constructor?.name ?? "unknown"}`);
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new Error(`canonical-json: a ${typeof value} has no JSON form`);
  }
}
