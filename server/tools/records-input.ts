/**
 * Detection input from records, without a database
 * ================================================
 *
 * Builds the DetectionInput the Neo4j loader (server/runs/load-input.ts) would read after ingesting the same records:
 * each record normalised by ingest's own `normaliseRecord`, identifiers keyed by normal form, only
 * applications that share an identifier kept, shared identifiers kept by key, IPs nothing else uses
 * passed for the ASN lookup, the rest counted, and the emails, phones and devices of the applications whose
 * identity reads as reused attached for the typo fold (the options' reuse rules). The evaluation grid runs detection on many generated
 * populations this way, in process; a test checks it gives the clusters the database path gives.
 */
import { normaliseRecord, type NormalisedApplication } from "../ingest/record.js";
import { KIND_CODE, KIND_COUNT, type DetectionInput } from "../detect/input.js";
import { InputBuilder } from "../detect/input-builder.js";
import type { DetectEnvironment } from "../detect/environment.js";
import type { DetectOptionsInput } from "../detect/options.js";
import { reuseCandidates } from "../detect/reuse-candidates.js";
import { attachContactKeys, TYPO_KINDS } from "../detect/typos.js";

export interface RecordsInput {
  input: DetectionInput;
  /** Records rejected by validation, with the reason (the seed should produce none). */
  rejected: { index: number; reason: string }[];
}

export function inputFromRecords(
  records: Iterable<unknown>,
  env: DetectEnvironment,
  options: DetectOptionsInput = {},
): RecordsInput {
  // Last record per id wins, as re-ingest does.
  const byId = new Map<string, NormalisedApplication>();
  const rejected: RecordsInput["rejected"] = [];
  let index = 0;
  for (const r of records) {
    const result = normaliseRecord(r);
    if (result.ok) {
      byId.delete(result.application.id);
      byId.set(result.application.id, result.application);
    } else rejected.push({ index, reason: result.reason });
    index++;
  }
  const uses = new Map<string, number>();
  const keyOf = (kind: string, key: string) => `${kind}\u0000${key}`;
  for (const a of byId.values())
    for (const i of a.identifiers) uses.set(keyOf(i.kind, i.key), (uses.get(keyOf(i.kind, i.key)) ?? 0) + 1);

  const builder = new InputBuilder(env);
  const totals = new Array<number>(KIND_COUNT);
  let total = 0;
  for (const a of byId.values()) {
    total++;
    const links: [number, string][] = [];
    const privateIps: string[] = [];
    totals.fill(0);
    for (const i of a.identifiers) {
      const code = KIND_CODE[i.kind];
      if ((uses.get(keyOf(i.kind, i.key)) ?? 0) > 1) {
        links.push([code, i.key]);
        totals[code]!++;
      } else if (i.kind === "ip") privateIps.push(i.key);
      else totals[code]!++;
    }
    if (!links.length) continue;
    const p = a.props;
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    builder.add(
      {
        id: a.id,
        submittedAt: Date.parse(a.submittedAt),
        fullName: str(p.full_name),
        nameKey: str(p.name_key),
        university: str(p.university),
        major: str(p.major),
        graduationDate: str(p.graduation_date),
        shippingAddress: str(p.shipping_address),
        indicators: a.indicators,
      },
      links,
      { privateIps, totals },
    );
  }
  const input = builder.build();
  input.totalApplications = total;
  // The typo fold's values, as the database path fetches them (server/runs/load-contact-keys.ts).
  attachContactKeys(input, reuseCandidates(input, options), (a) =>
    byId
      .get(input.apps.ids[a]!)!
      .identifiers.filter((i) => TYPO_KINDS.includes(KIND_CODE[i.kind]))
      .map((i) => ({ kind: KIND_CODE[i.kind], key: i.key })),
  );
  return { input, rejected };
}
