/**
 * Seeded population: determinism, exact size, contract validity, every ring type present and genuinely
 * linked through normal forms, laptop-farm address spellings folding to one key, VPN and carrier IPs
 * where the ASN database says they are, education claims consistent with the reference table for honest
 * applicants and not for flagged fraud, no accidental sharing of rare identifiers between strangers,
 * bounded memory, and the three output formats reading back to the same records.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runInNewContext } from "node:vm";
import v8 from "node:v8";

import { beforeAll, describe, expect, it } from "vitest";

import { ValidationError } from "../../server/common/errors.js";
import { readFileRecords } from "../../server/ingest/readers.js";
import { normaliseRecord, type NormalisedApplication } from "../../server/ingest/record.js";
import { addressKey } from "../../server/normalise/address.js";
import { findUniversity, graduationMonthPlausible, offersMajor } from "../../server/common/reference/education.js";
import { hostingNetwork, mobileCarrier, networkKind } from "../../server/common/reference/hosting-asns.js";
import { generatePopulation } from "../../seed/generate.js";
import { loadInfra } from "../../seed/infra.js";
import { AsnLookupV4 } from "../../seed/ip-space.js";
import { LOOKALIKE_TYPES, RING_TYPES, type SeededApplication } from "../../seed/types.js";
import { writePopulation } from "../../seed/write-files.js";

const all = (apps: number, seed: number) => [...generatePopulation({ apps, seed })];
const digest = (xs: SeededApplication[]) => createHash("sha256").update(JSON.stringify(xs)).digest("hex");

let small: SeededApplication[];
let mid: SeededApplication[];
let normalised: Map<string, NormalisedApplication>;
let asn: AsnLookupV4;

beforeAll(() => {
  small = all(1000, 7);
  mid = all(5000, 11);
  normalised = new Map();
  for (const { record } of mid) {
    const r = normaliseRecord(record);
    if (r.ok) normalised.set(record.application_id, r.application);
  }
  asn = AsnLookupV4.load();
});

describe("determinism and size", () => {
  it("gives byte-identical output for the same seed and a different population for another", () => {
    expect(digest(all(1000, 7))).toBe(digest(small));
    const other = all(1000, 8);
    expect(digest(other)).not.toBe(digest(small));
    const emails = new Set(small.map((a) => JSON.stringify(a.record.email)));
    expect(other.filter((a) => emails.has(JSON.stringify(a.record.email))).length).toBeLessThan(10);
  });

  it("yields exactly the requested number of applications, with unique ids, in submission order", () => {
    expect(small).toHaveLength(1000);
    expect(mid).toHaveLength(5000);
    expect(new Set(mid.map((a) => a.record.application_id)).size).toBe(5000);
    expect(mid[0]!.record.application_id).toBe("APP-000001");
    const times = mid.map((a) => Date.parse(a.record.submitted_at));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse("2025-10-01T00:00:00Z"));
    expect(Math.max(...times)).toBeLessThan(Date.parse("2026-10-01T00:00:00Z"));
    for (const a of mid) expect(a.truth.application_id).toBe(a.record.application_id);
  });

  it.each([999, 1_000_001, 1500.5, Number.NaN])("rejects %s applications with a seed: error", (apps) => {
    expect(() => generatePopulation({ apps, seed: 1 }).next()).toThrow(ValidationError);
    expect(() => generatePopulation({ apps, seed: 1 }).next()).toThrow(/^seed: apps must be/);
  });

  it("rejects a bad seed or end date", () => {
    expect(() => generatePopulation({ apps: 1000, seed: 1.5 }).next()).toThrow(/^seed: seed/);
    expect(() => generatePopulation({ apps: 1000, seed: 1, until: "yesterday" }).next()).toThrow(/^seed: until/);
  });
});

describe("contract validity", () => {
  it("every record passes the ingest validator", () => {
    for (const { record } of [...small, ...mid]) {
      const r = normaliseRecord(record);
      expect(r.ok, JSON.stringify(record)).toBe(true);
      if (r.ok) expect(r.unknownFields).toEqual([]);
    }
  });

  it("malformed numbers and private addresses appear only where the truth says so", () => {
    let v6 = 0;
    for (const { record, truth } of mid) {
      const app = normalised.get(record.application_id)!;
      expect(app.indicators.includes("malformed_phone")).toBe(truth.signals!.includes("malformed_phone"));
      const ips = Array.isArray(record.ip) ? record.ip : record.ip ? [record.ip] : [];
      const linked = app.identifiers.filter((i) => i.kind === "ip").length;
      // Every address links (public unicast) except the private LAN address some records carry.
      expect(linked, ips.join(",")).toBe(ips.length - (truth.signals!.includes("private_ip") ? 1 : 0));
      v6 += ips.filter((ip) => ip.includes(":")).length;
    }
    expect(v6).toBeGreaterThan(50);
    const fraud = mid.filter((a) => a.truth.ring_id);
    const honest = mid.filter((a) => !a.truth.ring_id);
    const rate = (xs: SeededApplication[], s: string) =>
      xs.filter((a) => a.truth.signals!.includes(s)).length / xs.length;
    expect(rate(fraud, "malformed_phone")).toBeGreaterThan(5 * rate(honest, "malformed_phone"));
    expect(rate(fraud, "vpn_ip")).toBeGreaterThan(5 * rate(honest, "vpn_ip"));
    expect(rate(fraud, "plus_one_format")).toBeGreaterThan(3 * rate(honest, "plus_one_format"));
  });
});

describe("rings", () => {
  it("has every ring type and every look-alike type at 1,000 applications", () => {
    for (const t of RING_TYPES) {
      const rings = new Set(small.filter((a) => a.truth.ring_type === t).map((a) => a.truth.ring_id));
      expect(rings.size, t).toBeGreaterThanOrEqual(3);
    }
    for (const t of LOOKALIKE_TYPES)
      expect(
        small.some((a) => a.truth.lookalike === t),
        t,
      ).toBe(true);
    const fraud = small.filter((a) => a.truth.ring_id).length;
    expect(fraud).toBeGreaterThan(50);
    expect(fraud).toBeLessThan(200);
  });

  it("links each ring into one component through normal-form identifiers its members share", () => {
    const byRing = new Map<string, string[]>();
    for (const { record, truth } of mid)
      if (truth.ring_id) byRing.set(truth.ring_id, [...(byRing.get(truth.ring_id) ?? []), record.application_id]);
    for (const [ring, ids] of byRing) {
      const parent = new Map(ids.map((id) => [id, id]));
      const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
      const owner = new Map<string, string>();
      for (const id of ids) {
        for (const ident of normalised.get(id)!.identifiers) {
          const key = `${ident.kind}:${ident.key}`;
          const other = owner.get(key);
          if (other) parent.set(find(id), find(other));
          else owner.set(key, id);
        }
      }
      expect(new Set(ids.map(find)).size, ring).toBe(1);
    }
  });

  it("writes each laptop farm's shipping address several ways that fold to one key", () => {
    let spelledSeveralWays = 0;
    const farms = new Map<string, string[]>();
    for (const { record, truth } of mid) {
      if (truth.ring_type === "laptop_farm" && record.shipping_address) {
        farms.set(truth.ring_id!, [...(farms.get(truth.ring_id!) ?? []), record.shipping_address]);
      }
    }
    expect(farms.size).toBeGreaterThanOrEqual(3);
    for (const [farm, spellings] of farms) {
      expect(new Set(spellings.map(addressKey)).size, farm).toBe(1);
      if (new Set(spellings).size >= 3) spelledSeveralWays++;
    }
    expect(spelledSeveralWays).toBeGreaterThanOrEqual(Math.ceil(farms.size / 2));
  });

  it("gives account-rental applicants one profile but their own names, e-mails and phones", () => {
    const rental = mid.filter((a) => a.truth.ring_type === "account_rental");
    const byRing = new Map<string, SeededApplication[]>();
    for (const a of rental) byRing.set(a.truth.ring_id!, [...(byRing.get(a.truth.ring_id!) ?? []), a]);
    for (const apps of byRing.values()) {
      const profiles = apps.map((a) =>
        normalised
          .get(a.record.application_id)!
          .identifiers.filter((i) => i.kind === "profile" && i.key.startsWith("linkedin"))
          .map((i) => i.key),
      );
      expect(new Set(profiles.flat()).size).toBe(1);
      const people = new Set(apps.map((a) => a.truth.person_id));
      const names = new Set(apps.map((a) => a.record.full_name));
      expect(names.size).toBeGreaterThanOrEqual(Math.min(people.size, 3) - 1);
    }
  });

  it("reuses one stolen name and profile with different e-mails per operative", () => {
    const byRing = new Map<string, SeededApplication[]>();
    for (const a of mid.filter((x) => x.truth.ring_type === "identity_reuse"))
      byRing.set(a.truth.ring_id!, [...(byRing.get(a.truth.ring_id!) ?? []), a]);
    for (const apps of byRing.values()) {
      const ids = apps.map((a) => normalised.get(a.record.application_id)!);
      expect(new Set(ids.map((x) => x.props.name_key)).size).toBe(1);
      const emailsPerPerson = new Map<string, Set<string>>();
      for (const a of apps) {
        const e = normalised
          .get(a.record.application_id)!
          .identifiers.filter((i) => i.kind === "email")
          .map((i) => i.key);
        emailsPerPerson.set(a.truth.person_id, new Set([...(emailsPerPerson.get(a.truth.person_id) ?? []), ...e]));
      }
      const distinct = new Set([...emailsPerPerson.values()].flatMap((s) => [...s]));
      expect(distinct.size).toBeGreaterThanOrEqual(emailsPerPerson.size);
    }
  });

  it("links chain members only pairwise, each step by a different kind", () => {
    const byRing = new Map<string, SeededApplication[]>();
    for (const a of mid.filter((x) => x.truth.ring_type === "chain"))
      byRing.set(a.truth.ring_id!, [...(byRing.get(a.truth.ring_id!) ?? []), a]);
    for (const apps of byRing.values()) {
      const kindsByKey = new Map<string, Set<string>>();
      for (const a of apps) {
        for (const i of normalised.get(a.record.application_id)!.identifiers) {
          const k = `${i.kind}:${i.key}`;
          kindsByKey.set(k, new Set([...(kindsByKey.get(k) ?? []), a.truth.person_id]));
        }
      }
      // Identifiers shared across personas are shared by exactly two of them.
      const shared = [...kindsByKey.entries()].filter(([, people]) => people.size > 1);
      expect(shared.length).toBeGreaterThanOrEqual(3);
      for (const [, people] of shared) expect(people.size).toBe(2);
    }
  });
});

describe("network and education realism", () => {
  it("draws VPN exits from hosting networks, carrier NAT from mobile carriers and homes from neither", () => {
    const infra = loadInfra(99);
    for (let k = 0; k < 200; k++) {
      expect(hostingNetwork(asn.asnOf(infra.ringExit.at(k))!), infra.ringExit.at(k)).toBeDefined();
      expect(hostingNetwork(asn.asnOf(infra.consumerVpn.fromTop(k))!)?.kind).toBe("vpn");
      expect(mobileCarrier(asn.asnOf(infra.carrier.get("US")!.at(k))!)).toBeDefined();
      for (const [, pool] of infra.residential) expect(networkKind(asn.asnOf(pool.at(k * 5003))!)).toBeNull();
    }
  });

  it("puts a hosting or VPN address on every application flagged vpn_ip, and none on plain honest ones", () => {
    let flagged = 0;
    for (const { record, truth } of mid) {
      const ips = (Array.isArray(record.ip) ? record.ip : record.ip ? [record.ip] : []).filter(
        (ip) => !ip.includes(":"),
      );
      const hosting = ips.some((ip) => {
        const a = asn.asnOf(ip);
        return a !== null && hostingNetwork(a) !== undefined;
      });
      expect(hosting, `${record.application_id} ${ips.join(",")}`).toBe(truth.signals!.includes("vpn_ip"));
      if (hosting) flagged++;
    }
    expect(flagged).toBeGreaterThan(50);
  });

  it("shares carrier NAT addresses among hundreds-scale crowds of strangers", () => {
    const users = new Map<string, Set<string>>();
    for (const { record, truth } of mid) {
      if (truth.lookalike !== "carrier_nat") continue;
      const ips = Array.isArray(record.ip) ? record.ip : [record.ip!];
      for (const ip of ips)
        if (mobileCarrier(asn.asnOf(ip) ?? 0)) users.set(ip, new Set([...(users.get(ip) ?? []), truth.person_id]));
    }
    expect(users.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...[...users.values()].map((s) => s.size))).toBeGreaterThan(40);
  });

  it("keeps honest education consistent with the reference table and fraud inconsistent where flagged", () => {
    let checked = 0;
    for (const { record, truth } of mid) {
      if (!record.university) continue;
      const uni = findUniversity(record.university);
      const major = offersMajor(record.university, record.major);
      const month = graduationMonthPlausible(record.university, record.graduation_date);
      const s = truth.signals!;
      if (s.includes("edu_major_not_offered")) expect(major, JSON.stringify(record)).toBe(false);
      else if (uni && major !== undefined) expect(major, JSON.stringify(record)).toBe(true);
      if (s.includes("edu_month_off")) expect(month, JSON.stringify(record)).toBe(false);
      else expect(month, JSON.stringify(record)).not.toBe(false);
      if (uni) checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    const fraud = mid.filter((a) => a.truth.ring_id);
    const inconsistent = fraud.filter((a) => a.truth.signals!.some((x) => x.startsWith("edu_"))).length / fraud.length;
    expect(inconsistent).toBeGreaterThan(0.2);
  });
});

describe("no accidental sharing", () => {
  it("shares devices, payroll accounts, phones and addresses between honest people only inside their group", () => {
    const holders = new Map<string, Map<string, string | null>>();
    for (const { record, truth } of mid) {
      if (truth.ring_id) continue;
      for (const i of normalised.get(record.application_id)!.identifiers) {
        if (i.kind === "ip" || i.kind === "email" || i.kind === "profile") continue;
        const k = `${i.kind}:${i.key}`;
        const m = holders.get(k) ?? new Map<string, string | null>();
        m.set(truth.person_id, truth.lookalike_group);
        holders.set(k, m);
      }
    }
    for (const [k, people] of holders) {
      if (people.size < 2) continue;
      const groups = new Set(people.values());
      expect(groups.size, `${k} shared by ${[...people.entries()].join(" ")}`).toBe(1);
      expect([...groups][0], k).toMatch(/^(FAMILY|RECRUITER)-/);
    }
  });

  it("never lets a fraud ring share an identifier with an honest applicant", () => {
    const ringKeys = new Set<string>();
    for (const { record, truth } of mid) {
      if (truth.ring_id)
        for (const i of normalised.get(record.application_id)!.identifiers) ringKeys.add(`${i.kind}:${i.key}`);
    }
    const overlap = mid
      .filter((a) => !a.truth.ring_id)
      .flatMap((a) => normalised.get(a.record.application_id)!.identifiers.map((i) => `${i.kind}:${i.key}`))
      .filter((k) => ringKeys.has(k));
    expect(overlap).toEqual([]);
  });
});

describe("streaming", () => {
  it("keeps memory bounded while streaming", () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    let n = 0;
    let early = 0;
    let late = 0;
    for (const a of generatePopulation({ apps: 60_000, seed: 5 })) {
      if (!a.record.application_id) throw new Error("no id");
      n++;
      if (n === 10_000) early = heap();
      if (n === 58_000) late = heap();
    }
    expect(n).toBe(60_000);
    // 48,000 more applications held in memory would take well over 40 MB.
    expect(late - early).toBeLessThan(12 * 1024 * 1024);
  }, 60_000);

  it("writes NDJSON, CSV and JSON that read back to the same records, and a truth file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-seed-"));
    try {
      const keys: string[][] = [];
      for (const ext of ["ndjson", "csv", "json"]) {
        const out = path.join(dir, `apps.${ext}`);
        const summary = await writePopulation({ apps: 1000, seed: 3 }, out);
        expect(summary.apps).toBe(1000);
        expect(summary.fraudApps + summary.honestApps).toBe(1000);
        for (const t of RING_TYPES) expect(summary.rings[t].rings).toBeGreaterThanOrEqual(3);
        const rows: string[] = [];
        for await (const raw of readFileRecords(out)) {
          const r = normaliseRecord(raw.value);
          expect(r.ok).toBe(true);
          if (r.ok)
            rows.push(
              `${r.application.id} ${r.application.identifiers
                .map((i) => `${i.kind}:${i.key}`)
                .sort()
                .join(" ")}`,
            );
        }
        keys.push(rows);
        const truth = fs.readFileSync(`${out}.truth.ndjson`, "utf8").trim().split("\n");
        expect(truth).toHaveLength(1000);
        expect(JSON.parse(truth[0]!).application_id).toBe("APP-000001");
      }
      expect(keys[1]).toEqual(keys[0]);
      expect(keys[2]).toEqual(keys[0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
