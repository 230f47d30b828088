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
  const identKind = Array.from(base.identifiers.kind);
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
      identKind.push(k);
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

  // Merge by internal id: a part application replaces the base's with the same id.
  const replaced = new Set<number>();
  for (const n of partNodes) replaced.add(n);
  let kept = 0;
  for (let a = 0; a < base.apps.count; a++) if (!replaced.has(baseNodes[a]!)) kept++;
  const count = kept + part.apps.count;
  let links = 0;
  for (let a = 0; a < base.apps.count; a++)
    if (!replaced.has(baseNodes[a]!)) links += base.links.offset[a + 1]! - base.links.offset[a]!;
  links += part.links.ident.length;

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
    while (b < base.apps.count && replaced.has(baseNodes[b]!)) b++;
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
    kindTotals.set(src.apps.kindTotals.subarray(a * KIND_COUNT, (a + 1) * KIND_COUNT), out * KIND_COUNT);
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
      identifiers: { count: identKey.length, kind: Uint8Array.from(identKind), key: identKey },
      links: { offset, ident },
      strings: { nameKeys, networks },
    },
  };
}
