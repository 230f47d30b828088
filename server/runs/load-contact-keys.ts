/**
 * Values for the typo fold
 * ========================
 *
 * After the input is read (in full or patched), the emails, phones and devices of the applications whose
 * identity reads as reused (the detection pass names them, `DetectionPass.reuseCandidates`: a few hundred
 * at 1,000,000 applications, fewer in an incremental pass), by internal id, attached to the input for the
 * identity-reuse pattern's typo fold (server/detect/typos.ts). Read after the input's own transaction: an application re-ingested in between gives other
 * counts than the input holds and is left unfolded.
 */
import type { Database } from "../db/database.js";
import { defineQueries } from "../db/queries.js";
import { beginDetection, type DetectClustersOptions } from "../detect/detect.js";
import type { ContactKey, DetectionInput } from "../detect/input.js";
import { attachContactKeys } from "../detect/typos.js";
import type { DetectionOutput } from "../detect/types.js";

defineQueries(["read/detect-contact-keys"] as const);

const CHUNK = 10_000;

/**
 * Attaches the values of `candidates` (application indexes) to `input` (application `a` is node
 * `nodeIds[a]`); returns how many were read, and the time.
 */
export async function loadContactKeys(
  db: Database,
  input: DetectionInput,
  nodeIds: Float64Array,
  candidates: readonly number[],
): Promise<{ applications: number; seconds: number }> {
  const t0 = performance.now();
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

/**
 * A detection pass over an input read from Neo4j: begun, the values of the candidates it names read and
 * attached, finished; with the seconds the values took (what every run and bench:detect do).
 */
export async function detectWithContactKeys(
  db: Database,
  input: DetectionInput,
  nodeIds: Float64Array,
  options: DetectClustersOptions,
): Promise<{ output: DetectionOutput; typoSeconds: number }> {
  const pass = beginDetection(input, options);
  const typos = await loadContactKeys(db, input, nodeIds, pass.reuseCandidates());
  return { output: pass.finish(), typoSeconds: typos.seconds };
}
