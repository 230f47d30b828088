/**
 * Patching a detection input
 * ==========================
 *
 * Incremental detection keeps the previous run's input and replaces in it the applications a batch
 * touched (re-read from Neo4j and built on their own), instead of reading the whole graph again. The
 * result is the input a full read would give, in the same order: applications by Neo4j internal id
 * (ascending, as the full read streams them), identifiers keeping their ids (new ones appended; one
 * that lost its users stays and links nothing, exactly as a private one), name keys and networks merged.
 * Linear in the input's size (typed-array copies); the interning maps are updated in place.
 */
import type { InputIndexes } from "./input-builder.js";
import { KIND_COUNT, type DetectionInput, type EducationClaim, type HostingIp } from "./input.js";

/** Index of `n` in the ascending `nodes`, or -1. */
export function indexOf(nodes: Float64Array, n: number): number {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = nodes[mid]!;
    if (v === n) return mid;
    if (v < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface Patched {
  input: DetectionInput;
  nodeIds: Float64Array;
  /** Where each application of the part is in the result (ascending, as the part's are). */
  partIndexes: Int32Array;
}

/**
 * `base` (with `baseNodes`, its applications' internal ids) with every application of `part` (built from
 * the re-read rows, `partNodes` ascending) put in place of the base's application with the same internal
 * id, or inserted. `indexes` are the base's interning maps; they are extended to the result's.
 */
export function patchInput(
  base: DetectionInput,
  baseNodes: Float64Array,
  part: DetectionInput,
  partNodes: Float64Array,
  indexes: InputIndexes,
  totalApplications: number,
): Patched {
  for (let i = 1; i < partNodes.length; i++)
    if (!(partNodes[i - 1]! < partNodes[i]!))
      throw new Error("patchInput: re-read applications out of internal-id order");
  // Identifiers of the part, mapped to the base's ids (new ones appended).
  const identKind = new Uint8Array(base.identifiers.count + part.identifiers.count);
  identKind.set(base.identifiers.kind);
  const identKey = base.identifiers.key.slice();
  const identMap = new Int32Array(part.identifiers.count);
  for (let j = 0; j < part.identifiers.count; j++) {
    const k = part.identifiers.kind[j]!;
    const key = part.identifiers.key[j]!;
    const index = indexes.identifiers[k]!;
    let i = index.get(key);
    if (i === undefined) {
      i = identKey.length;
      identKey.push(key);
      identKind[i] = k;
      index.set(key, i);
    }
    identMap[j] = i;
  }
  const nameKeys = base.strings.nameKeys.slice();
  const nameMap = part.strings.nameKeys.map((nk) => {
    let i = indexes.nameKeys.get(nk);
    if (i === undefined) {
      i = nameKeys.length;
      nameKeys.push(nk);
      indexes.nameKeys.set(nk, i);
    }
    return i;
  });
  const networks = new Map(base.strings.networks);
  for (const [asn, org] of part.strings.networks) if (!networks.has(asn)) networks.set(asn, org);

  // Merge by internal id: a part application replaces the base's with the same id (both ascending: one
  // binary search per part application marks the base's replaced ones).
  const replaced = new Uint8Array(base.apps.count);
  let kept = base.apps.count;
  let links = base.links.ident.length + part.links.ident.length;
  for (const n of partNodes) {
    const a = indexOf(baseNodes, n);
    if (a < 0) continue;
    replaced[a] = 1;
    kept--;
    links -= base.links.offset[a + 1]! - base.links.offset[a]!;
  }
  const count = kept + part.apps.count;

  const nodeIds = new Float64Array(count);
  const ids = new Array<string>(count);
  const submittedAt = new Float64Array(count);
  const nameKey = new Int32Array(count);
  const fullName = new Array<string | null>(count);
  const shippingAddress = new Array<string | null>(count);
  const indicators = new Uint16Array(count);
  const kindTotals = new Uint16Array(count * KIND_COUNT);
  const hostingIps = new Map<number, HostingIp[]>();
  const educationClaims = new Map<number, EducationClaim>();
  const offset = new Int32Array(count + 1);
  const ident = new Int32Array(links);
  // The base's applications go over in runs (each up to the next replaced one or part application): typed
  // arrays by block copy, the rest element by element; the part's one by one, with their ids mapped.
  const baseOut = new Int32Array(base.apps.count).fill(-1);
  const partIndexes = new Int32Array(part.apps.count);
  let w = 0;
  let b = 0;
  let p = 0;
  let out = 0;
  while (out < count) {
    while (b < base.apps.count && replaced[b]) b++;
    if (b < base.apps.count && (p >= part.apps.count || baseNodes[b]! < partNodes[p]!)) {
      const from = b;
      const limit = p < part.apps.count ? partNodes[p]! : Infinity;
      while (b < base.apps.count && !replaced[b] && baseNodes[b]! < limit) b++;
      const o = out;
      nodeIds.set(baseNodes.subarray(from, b), o);
      submittedAt.set(base.apps.submittedAt.subarray(from, b), o);
      nameKey.set(base.apps.nameKey.subarray(from, b), o);
      indicators.set(base.apps.indicators.subarray(from, b), o);
      kindTotals.set(base.apps.kindTotals.subarray(from * KIND_COUNT, b * KIND_COUNT), o * KIND_COUNT);
      const l0 = base.links.offset[from]!;
      ident.set(base.links.ident.subarray(l0, base.links.offset[b]!), w);
      for (let a = from; a < b; a++, out++) {
        baseOut[a] = out;
        ids[out] = base.apps.ids[a]!;
        fullName[out] = base.apps.fullName[a] ?? null;
        shippingAddress[out] = base.apps.shippingAddress[a] ?? null;
        offset[out + 1] = base.links.offset[a + 1]! - l0 + w;
      }
      w = offset[out]!;
      continue;
    }
    const a = p++;
    partIndexes[a] = out;
    nodeIds[out] = partNodes[a]!;
    ids[out] = part.apps.ids[a]!;
    submittedAt[out] = part.apps.submittedAt[a]!;
    const nk = part.apps.nameKey[a]!;
    nameKey[out] = nk < 0 ? nk : nameMap[nk]!;
    fullName[out] = part.apps.fullName[a] ?? null;
    shippingAddress[out] = part.apps.shippingAddress[a] ?? null;
    indicators[out] = part.apps.indicators[a]!;
    kindTotals.set(part.apps.kindTotals.subarray(a * KIND_COUNT, (a + 1) * KIND_COUNT), out * KIND_COUNT);
    const h = part.apps.hostingIps.get(a);
    if (h) hostingIps.set(out, h);
    const e = part.apps.educationClaims.get(a);
    if (e) educationClaims.set(out, e);
    for (let l = part.links.offset[a]!; l < part.links.offset[a + 1]!; l++)
      ident[w++] = identMap[part.links.ident[l]!]!;
    offset[++out] = w;
  }
  // Detection only looks these up by application: their order does not matter.
  for (const [a, h] of base.apps.hostingIps) if (baseOut[a]! >= 0) hostingIps.set(baseOut[a]!, h);
  for (const [a, e] of base.apps.educationClaims) if (baseOut[a]! >= 0) educationClaims.set(baseOut[a]!, e);
  return {
    nodeIds,
    partIndexes,
    input: {
      totalApplications,
      apps: {
        count,
        ids,
        submittedAt,
        nameKey,
        fullName,
        shippingAddress,
        indicators,
        kindTotals,
        hostingIps,
        educationClaims,
      },
      identifiers: { count: identKey.length, kind: identKind.slice(0, identKey.length), key: identKey },
      links: { offset, ident },
      strings: { nameKeys, networks },
    },
  };
}
