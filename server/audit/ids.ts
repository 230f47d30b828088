/**
 * Id lists in audit entries
 * =========================
 *
 * An entry names the applications an action wrote. Up to `MAX_LISTED` ids are listed; a larger set is
 * recorded by count, first and last id and the SHA-256 of the sorted ids joined by newlines, so whoever
 * holds the ingested file can show that an id was (or was not) in it without the entry growing without end.
 */
import crypto from "node:crypto";

export const MAX_LISTED = 2000;

export function idsForAudit(ids: readonly string[]): Record<string, unknown> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length <= MAX_LISTED) return { application_ids: sorted };
  return {
    application_ids_count: sorted.length,
    application_ids_first: sorted[0],
    application_ids_last: sorted[sorted.length - 1],
    application_ids_sha256: crypto.createHash("sha256").update(sorted.join("\n"), "utf8").digest("hex"),
  };
}
