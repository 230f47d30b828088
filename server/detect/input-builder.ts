/**
 * Detection input builder
 * =======================
 *
 * Appends applications one at a time (from the Neo4j stream or from a test's literal list), interns
 * identifier keys per kind and name keys once, looks every IP up in the ASN table and checks education
 * claims against the reference as it goes (so that only bits, and the details of the few flagged
 * applications, are kept). Arrays grow by doubling and are trimmed on `build()`.
 */
import { nameKey } from "../normalise/name.js";
import { IDENTIFIER_KINDS, type IdentifierKind } from "../common/identifiers.js";
import type { AsnInfo } from "./asn-db.js";
import type { DetectEnvironment } from "./environment.js";
import {
  HOSTING_IP,
  INDICATOR_BIT,
  K,
  KIND_CODE,
  KIND_COUNT,
  type DetectionInput,
  type EducationClaim,
  type HostingIp,
  type IngestIndicator,
} from "./input.js";
import { classOf, IP_HOSTING } from "./ip-class.js";

/** One application's fields as detection reads them. */
export interface ApplicationFields {
  id: string;
  /** Epoch ms or an ISO date-time. */
  submittedAt: number | string;
  fullName?: string | null;
  /** The folded name as ingest stored it; derived from `fullName` when absent. */
  nameKey?: string | null;
  university?: string | null;
  major?: string | null;
  graduationDate?: string | null;
  shippingAddress?: string | null;
  indicators?: readonly string[] | null;
}

export interface InputIndexes {
  identifiers: Map<string, number>[];
  nameKeys: Map<string, number>;
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

const int32 = () => new Growable(new Int32Array(1024), (m) => new Int32Array(m));
const uint16 = () => new Growable(new Uint16Array(1024), (m) => new Uint16Array(m));

export class InputBuilder {
  private readonly ids: string[] = [];
  private readonly submittedAt = new Growable(new Float64Array(1024), (m) => new Float64Array(m));
  private readonly nameKey = int32();
  private readonly fullName: (string | null)[] = [];
  private readonly shippingAddress: (string | null)[] = [];
  private readonly indicators = uint16();
  private readonly kindTotals = uint16();
  private readonly hostingIps = new Map<number, HostingIp[]>();
  private readonly educationClaims = new Map<number, EducationClaim>();
  private readonly offset = int32();
  private readonly ident = int32();
  private readonly identKind = new Growable(new Uint8Array(1024), (m) => new Uint8Array(m));
  private readonly identKey: string[] = [];
  private readonly identIndex: Map<string, number>[] = IDENTIFIER_KINDS.map(() => new Map());
  private readonly nameKeys: string[] = [];
  private readonly nameKeyIndex = new Map<string, number>();
  private readonly networks = new Map<number, string>();
  /** Education bits per (school, major), and per school by graduation month ("01"-"99"; -1 not yet known). */
  private readonly majorCache = new Map<string, Map<string, number>>();
  private readonly monthCache = new Map<string, Int32Array>();
  private readonly otherMonthCache = new Map<string, number>();
  /** The ASN entry of each kept IP identifier (by id) once looked up: a shared IP is looked up once, not once per user. */
  private readonly identAsn = new Map<number, AsnInfo | null>();
  private readonly counts = new Array<number>(KIND_COUNT).fill(0);

  constructor(private readonly env: DetectEnvironment) {
    this.offset.push(0);
  }

  get applications(): number {
    return this.ids.length;
  }

  /** The identifier's integer id, created on first sight. */
  private identifier(kindCode: number, key: string): number {
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

  /** HOSTING_IP when the address is in a hosting/VPN network (and notes it for the reasons). */
  private ipBits(app: number, ip: string, info = this.env.asn.lookup(ip)): number {
    if (!info || classOf(this.env, info.asn) !== IP_HOSTING) return 0;
    if (!this.networks.has(info.asn)) this.networks.set(info.asn, info.org);
    let list = this.hostingIps.get(app);
    if (!list) this.hostingIps.set(app, (list = []));
    list.push({ ip, asn: info.asn });
    return HOSTING_IP;
  }

  /**
   * Checked per (school, major) and (school, month): a few thousand distinct claims in a population. The
   * caches are keyed per school, then by major or month: no key string is built (and hashed) per application.
   */
  private educationBits(app: number, claim: EducationClaim): number {
    const u = claim.university;
    if (!u) return 0;
    let bits = 0;
    if (claim.major) {
      let majors = this.majorCache.get(u);
      if (!majors) this.majorCache.set(u, (majors = new Map()));
      let b = majors.get(claim.major);
      if (b === undefined) majors.set(claim.major, (b = this.env.education.majorBits(u, claim.major)));
      bits |= b;
    }
    const g = claim.graduation;
    // YYYY-MM or YYYY-MM-DD: the month is characters 5-6; a year alone says nothing about the calendar.
    if (g && g.length >= 7 && g.charCodeAt(4) === 45) {
      const d1 = g.charCodeAt(5) - 48;
      const d2 = g.charCodeAt(6) - 48;
      if (d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
        let months = this.monthCache.get(u);
        if (!months) this.monthCache.set(u, (months = new Int32Array(100).fill(-1)));
        let b = months[d1 * 10 + d2]!;
        if (b < 0) months[d1 * 10 + d2] = b = this.env.education.monthBits(u, d1 * 10 + d2);
        bits |= b;
      } else {
        const key = `${u}\u0000${g.slice(5, 7)}`;
        let b = this.otherMonthCache.get(key);
        if (b === undefined)
          this.otherMonthCache.set(key, (b = this.env.education.monthBits(u, Number(g.slice(5, 7)))));
        bits |= b;
      }
    }
    if (bits) this.educationClaims.set(app, claim);
    return bits;
  }

  private internName(folded: string | null): number {
    if (!folded) return -1;
    let nk = this.nameKeyIndex.get(folded);
    if (nk === undefined) {
      nk = this.nameKeys.length;
      this.nameKeys.push(folded);
      this.nameKeyIndex.set(folded, nk);
    }
    return nk;
  }

  /** The id of an identifier known by kind code and key, interned on first sight (for `addInterned`). */
  intern(kindCode: number, key: string): number {
    return this.identifier(kindCode, key);
  }

  /**
   * Adds one application. `links` are the identifiers kept by key (shared ones; every identifier in a
   * hand-built input). `privateIps` are its IPs that nothing else uses (looked up, not kept); `totals`
   * (per kind, in IDENTIFIER_KINDS order) counts all its identifiers and defaults to what was given.
   */
  add(
    app: ApplicationFields,
    links: readonly LinkSpec[] | readonly (readonly [number, string])[],
    more: { privateIps?: readonly string[]; totals?: readonly number[] } = {},
  ): void {
    const ids: number[] = [];
    for (const l of links) {
      const [code, key] = Array.isArray(l)
        ? (l as [number, string])
        : [KIND_CODE[(l as LinkSpec).kind], (l as LinkSpec).key];
      ids.push(this.identifier(code, key));
    }
    this.addInterned(app, ids, 0, ids.length, more);
  }

  /**
   * As `add`, with the links given as ids from `intern` (`ids[from..to)`): the detection read interns each
   * shared identifier once, not once per application using it.
   */
  addInterned(
    app: ApplicationFields,
    ids: ArrayLike<number>,
    from: number,
    to: number,
    more: { privateIps?: readonly string[]; totals?: readonly number[] } = {},
  ): void {
    const a = this.ids.length;
    this.ids.push(app.id);
    const t = typeof app.submittedAt === "number" ? app.submittedAt : Date.parse(app.submittedAt);
    this.submittedAt.push(Number.isFinite(t) ? t : 0);
    this.nameKey.push(this.internName(app.nameKey !== undefined ? app.nameKey : nameKey(app.fullName)));
    this.fullName.push(app.fullName ?? null);
    let bits = 0;
    for (const name of app.indicators ?? []) bits |= INDICATOR_BIT[name as IngestIndicator] ?? 0;
    const counts = this.counts.fill(0);
    let address = false;
    const kinds = this.identKind.data;
    for (let l = from; l < to; l++) {
      const id = ids[l]!;
      const code = kinds[id]!;
      this.ident.push(id);
      counts[code]!++;
      if (code === K.ip) {
        let info = this.identAsn.get(id);
        if (info === undefined) this.identAsn.set(id, (info = this.env.asn.lookup(this.identKey[id]!)));
        bits |= this.ipBits(a, this.identKey[id]!, info);
      }
      if (code === K.address) address = true;
    }
    for (const ip of more.privateIps ?? []) {
      counts[K.ip]!++;
      bits |= this.ipBits(a, ip);
    }
    this.offset.push(this.ident.length);
    for (let k = 0; k < KIND_COUNT; k++)
      this.kindTotals.push(Math.min(65535, Math.max(counts[k]!, more.totals?.[k] ?? 0)));
    this.shippingAddress.push(address ? (app.shippingAddress ?? null) : null);
    bits |= this.educationBits(a, {
      university: app.university ?? null,
      major: app.major ?? null,
      graduation: app.graduationDate ?? null,
    });
    this.indicators.push(bits);
  }

  /**
   * The interning maps behind `build()`'s identifiers and name keys (per kind: key → identifier id; name
   * key → index), kept by incremental detection to patch the input without re-indexing it.
   */
  indexes(): InputIndexes {
    return { identifiers: this.identIndex, nameKeys: this.nameKeyIndex };
  }

  build(): DetectionInput {
    return {
      apps: {
        count: this.ids.length,
        ids: this.ids,
        submittedAt: this.submittedAt.trimmed(),
        nameKey: this.nameKey.trimmed(),
        fullName: this.fullName,
        shippingAddress: this.shippingAddress,
        indicators: this.indicators.trimmed(),
        kindTotals: this.kindTotals.trimmed(),
        hostingIps: this.hostingIps,
        educationClaims: this.educationClaims,
      },
      identifiers: { count: this.identKey.length, kind: this.identKind.trimmed(), key: this.identKey },
      links: { offset: this.offset.trimmed(), ident: this.ident.trimmed() },
      strings: { nameKeys: this.nameKeys, networks: this.networks },
    };
  }
}
