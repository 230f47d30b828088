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
  let w = 0;
  let b = 0;
  let p = 0;
  for (let out = 0; out < count; out++) {
    while (b < base.apps.count && replaced[b]) b++;
    const fromBase = b < base.apps.count && (p >= part.apps.count || baseNodes[b]! < partNodes[p]!);
    const src = fromBase ? base : part;
    const a = fromBase ? b++ : p++;
    nodeIds[out] = fromBase ? baseNodes[a]! : partNodes[a]!;
    ids[out] = src.apps.ids[a]!;
    submittedAt[out] = src.apps.submittedAt[a]!;
    const nk = src.apps.nameKey[a]!;
    nameKey[out] = fromBase || nk < 0 ? nk : nameMap[nk]!;
    fullName[out] = src.apps.fullName[a] ?? null;
    shippingAddress[out] = src.apps.shippingAddress[a] ?? null;
    indicators[out] = src.apps.indicators[a]!;
    for (let k = 0; k < KIND_COUNT; k++) kindTotals[out * KIND_COUNT + k] = src.apps.kindTotals[a * KIND_COUNT + k]!;
    const h = src.apps.hostingIps.get(a);
    if (h) hostingIps.set(out, h);
    const e = src.apps.educationClaims.get(a);
    if (e) educationClaims.set(out, e);
    for (let l = src.links.offset[a]!; l < src.links.offset[a + 1]!; l++)
      ident[w++] = fromBase ? src.links.ident[l]! : identMap[src.links.ident[l]!]!;
    offset[out + 1] = w;
  }
  return {
    nodeIds,
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
