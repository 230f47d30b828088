/**
 * Values for the typo fold
 * ========================
 *
 * After the input is read (in full or patched), the emails, phones and devices of the applications whose
 * identity reads as reused (server/detect/reuse-candidates.ts; a few hundred at 1,000,000 applications),
 * by internal id, attached to the input for the identity-reuse pattern's typo fold (server/detect/
 * typos.ts). Read after the input's own transaction: an application re-ingested in between gives other
 * counts than the input holds and is left unfolded.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import type { ContactKey, DetectionInput } from "../detect/input.js";
import type { DetectOptionsInput } from "../detect/options.js";
import { reuseCandidates } from "../detect/reuse-candidates.js";
import { attachContactKeys } from "../detect/typos.js";

defineQueries(["read/detect-contact-keys"] as const);

const CHUNK = 10_000;

/** Attaches the values to `input` (application `a` is node `nodeIds[a]`); returns how many were read, and the time. */
export async function loadContactKeys(
  db: Database,
  input: DetectionInput,
  nodeIds: Float64Array,
  options: DetectOptionsInput = {},
): Promise<{ applications: number; seconds: number }> {
  const t0 = performance.now();
  const candidates = reuseCandidates(input, options);
  const byNode = new Map<number, ContactKey[]>();
  for (let from = 0; from < candidates.length; from += CHUNK) {
    const ids = candidates.slice(from, from + CHUNK).map((a) => nodeIds[a]!);
    for (const r of await db.read<{ n: number; ks: [number, string][] }>("read/detect-contact-keys", { ids }))
      byNode.set(
        r.n,
        r.ks.map(([kind, key]) => ({ kind, key })),
      );
  }
  attachContactKeys(input, candidates, (a) => byNode.get(nodeIds[a]!));
  return { applications: candidates.length, seconds: (performance.now() - t0) / 1000 };
}
