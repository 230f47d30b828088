/**
 * Detection input builder
 * =======================
 *
 * Appends applications one at a time (from the Neo4j stream or from a test's literal list) and interns
 * every string once: identifier keys per kind, name keys, and the small vocabularies (countries,
 * universities, majors, graduation dates). Arrays grow by doubling and are trimmed on `build()`.
 */
import { nameKey } from "../normalise/name.js";
import { IDENTIFIER_KINDS, type IdentifierKind } from "../normalise/types.js";
import { INDICATOR_BIT, KIND_CODE, KIND_COUNT, type DetectionInput, type IngestIndicator } from "./input.js";

/** One application's fields as detection reads them. */
export interface ApplicationFields {
  id: string;
  /** Epoch ms or an ISO date-time. */
  submittedAt: number | string;
  fullName?: string | null;
  nameKey?: string | null;
  claimedCountry?: string | null;
  university?: string | null;
  major?: string | null;
  graduationDate?: string | null;
  shippingAddress?: string | null;
  indicators?: readonly string[] | null;
}

export interface LinkSpec {
  kind: IdentifierKind;
  key: string;
}

class Growable<T extends Int32Array | Float64Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const int32 = (n = 1024) => new Growable(new Int32Array(n), (m) => new Int32Array(m));

export class InputBuilder {
  private readonly ids: string[] = [];
  private readonly submittedAt = new Growable(new Float64Array(1024), (m) => new Float64Array(m));
  private readonly nameKey = int32();
  private readonly fullName: (string | null)[] = [];
  private readonly country = int32();
  private readonly university = int32();
  private readonly major = int32();
  private readonly graduation = int32();
  private readonly shippingAddress: (string | null)[] = [];
  private readonly indicators = new Growable(new Uint16Array(1024), (m) => new Uint16Array(m));
  private readonly kindTotals = new Growable(new Uint16Array(1024 * KIND_COUNT), (m) => new Uint16Array(m));
  private readonly offset = int32();
  private readonly ident = int32();
  private readonly identKind = new Growable(new Uint8Array(1024), (m) => new Uint8Array(m));
  private readonly identKey: string[] = [];
  private readonly identIndex: Map<string, number>[] = IDENTIFIER_KINDS.map(() => new Map());
  private readonly nameKeys: string[] = [];
  private readonly nameKeyIndex = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly valueIndex = new Map<string, number>();

  constructor() {
    this.offset.push(0);
  }

  get applications(): number {
    return this.ids.length;
  }

  private value(v: string | null | undefined): number {
    if (v === null || v === undefined || v === "") return -1;
    let i = this.valueIndex.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.valueIndex.set(v, i);
    }
    return i;
  }

  /** The identifier's integer id, created on first sight. */
  identifier(kindCode: number, key: string): number {
    const index = this.identIndex[kindCode]!;
    let i = index.get(key);
    if (i === undefined) {
      i = this.identKey.length;
      this.identKey.push(key);
      this.identKind.push(kindCode);
      index.set(key, i);
    }
    return i;
  }

  /**
   * Adds one application. `links` are the identifiers kept by key; `totals` (per kind, in IDENTIFIER_KINDS
   * order) counts all of the application's identifiers and defaults to the links' own counts.
   */
  add(
    app: ApplicationFields,
    links: readonly LinkSpec[] | readonly [number, string][],
    totals?: readonly number[],
  ): void {
    this.ids.push(app.id);
    const t = typeof app.submittedAt === "number" ? app.submittedAt : Date.parse(app.submittedAt);
    this.submittedAt.push(Number.isFinite(t) ? t : 0);
    // Ingest stores the folded name; hand-built inputs may give only the name as typed.
    const folded = app.nameKey !== undefined ? app.nameKey : nameKey(app.fullName);
    let nk = -1;
    if (folded) {
      const found = this.nameKeyIndex.get(folded);
      if (found === undefined) {
        nk = this.nameKeys.length;
        this.nameKeys.push(folded);
        this.nameKeyIndex.set(folded, nk);
      } else nk = found;
    }
    this.nameKey.push(nk);
    this.fullName.push(app.fullName ?? null);
    this.country.push(this.value(app.claimedCountry));
    this.university.push(this.value(app.university));
    this.major.push(this.value(app.major));
    this.graduation.push(this.value(app.graduationDate));
    this.shippingAddress.push(app.shippingAddress ?? null);
    let bits = 0;
    for (const name of app.indicators ?? []) bits |= INDICATOR_BIT[name as IngestIndicator] ?? 0;
    this.indicators.push(bits);
    const counts = new Array<number>(KIND_COUNT).fill(0);
    for (const l of links) {
      const [code, key] = Array.isArray(l)
        ? (l as [number, string])
        : [KIND_CODE[(l as LinkSpec).kind], (l as LinkSpec).key];
      this.ident.push(this.identifier(code, key));
      counts[code]!++;
    }
    for (let k = 0; k < KIND_COUNT; k++) this.kindTotals.push(Math.min(65535, Math.max(counts[k]!, totals?.[k] ?? 0)));
    this.offset.push(this.ident.length);
  }

  build(): DetectionInput {
    return {
      apps: {
        count: this.ids.length,
        ids: this.ids,
        submittedAt: this.submittedAt.trimmed(),
        nameKey: this.nameKey.trimmed(),
        fullName: this.fullName,
        country: this.country.trimmed(),
        university: this.university.trimmed(),
        major: this.major.trimmed(),
        graduation: this.graduation.trimmed(),
        shippingAddress: this.shippingAddress,
        indicators: this.indicators.trimmed(),
        kindTotals: this.kindTotals.trimmed(),
      },
      identifiers: { count: this.identKey.length, kind: this.identKind.trimmed(), key: this.identKey },
      links: { offset: this.offset.trimmed(), ident: this.ident.trimmed() },
      strings: { nameKeys: this.nameKeys, values: this.values },
    };
  }
}
