/**
 * Input without some applications
 * ===============================
 *
 * The detection input as it was before a batch arrived: the same input with the batch's applications
 * left out (identifiers keep their ids; one now used by a single application links nothing, exactly as
 * a private one). `npm run bench:detect` uses it to time an incremental pass against the full pass over
 * a population already read from Neo4j.
 */
import { KIND_COUNT, type DetectionInput, type EducationClaim, type HostingIp } from "./input.js";

export function withoutApplications(input: DetectionInput, drop: ReadonlySet<number>): DetectionInput {
  const keep: number[] = [];
  for (let a = 0; a < input.apps.count; a++) if (!drop.has(a)) keep.push(a);
  const n = keep.length;
  const src = input.apps;
  const submittedAt = new Float64Array(n);
  const nameKey = new Int32Array(n);
  const indicators = new Uint16Array(n);
  const kindTotals = new Uint16Array(n * KIND_COUNT);
  const offset = new Int32Array(n + 1);
  let links = 0;
  for (const a of keep) links += input.links.offset[a + 1]! - input.links.offset[a]!;
  const ident = new Int32Array(links);
  const hostingIps = new Map<number, HostingIp[]>();
  const educationClaims = new Map<number, EducationClaim>();
  let w = 0;
  keep.forEach((a, j) => {
    submittedAt[j] = src.submittedAt[a]!;
    nameKey[j] = src.nameKey[a]!;
    indicators[j] = src.indicators[a]!;
    kindTotals.set(src.kindTotals.subarray(a * KIND_COUNT, (a + 1) * KIND_COUNT), j * KIND_COUNT);
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) ident[w++] = input.links.ident[l]!;
    offset[j + 1] = w;
    const h = src.hostingIps.get(a);
    if (h) hostingIps.set(j, h);
    const e = src.educationClaims.get(a);
    if (e) educationClaims.set(j, e);
  });
  return {
    totalApplications: (input.totalApplications ?? src.count) - drop.size,
    apps: {
      count: n,
      ids: keep.map((a) => src.ids[a]!),
      submittedAt,
      nameKey,
      fullName: keep.map((a) => src.fullName[a] ?? null),
      shippingAddress: keep.map((a) => src.shippingAddress[a] ?? null),
      indicators,
      kindTotals,
      hostingIps,
      educationClaims,
    },
    identifiers: input.identifiers,
    links: { offset, ident },
    strings: input.strings,
  };
}
