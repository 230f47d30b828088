/**
 * Audit hash chain: canonical JSON, sealing, and verification naming the first broken entry for each
 * kind of tampering (changed field, removed entry, inserted entry, reordered entries, truncated end), and
 * the keyed chain: a rewrite made without the key (plain SHA-256, a downgrade to version 1, another key)
 * is caught, legacy entries before the key verify.
 */
import crypto from "node:crypto";

import { describe, expect, it } from "vitest";

import { canonicalJson } from "../../../server/audit/canonical-json.js";
import {
  fromProps,
  GENESIS_HASH,
  hashEntry,
  LEGACY_CHAIN_VERSION,
  sealEntry,
  toProps,
  verifyEntries,
  type UnsealedEntry,
} from "../../../server/audit/chain.js";
import type { AuditEntry } from "../../../server/common/api/audit.js";

function raw(i: number): UnsealedEntry {
  return {
    id: `id-${i}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    action: i % 2 ? "view_cluster" : "search",
    outcome: "ok",
    actor: { id: "u1", username: "ana", role: "investigator" },
    ip: "127.0.0.1",
    user_agent: "test",
    request_id: `r-${i}`,
    target: i % 2 ? { type: "cluster", id: `C-${i}` } : null,
    details: { q: `query ${i}`, nested: { b: 2, a: [1, "x"] } },
  };
}

const KEY = crypto.randomBytes(32);
const KEYED = { key: KEY, legacyUntilSeq: null };

function chain(n: number, key = KEY): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (let i = 1; i <= n; i++) {
    const e = sealEntry(raw(i), head, key);
    out.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}

const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)?.seq ?? null, hash: entries.at(-1)?.hash ?? null });

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: null }], c: "é" }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[3,{"y":null,"z":1}]},"b":1}',
    );
  });
  it("refuses values JSON cannot hold exactly", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/no JSON form/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain objects/);
  });
});

describe("sealEntry", () => {
  it("links each entry to the hash of the one before, starting from the genesis hash", () => {
    const [a, b, c] = chain(3);
    expect(a!.seq).toBe(1);
    expect(a!.prev_hash).toBe(GENESIS_HASH);
    expect(b!.prev_hash).toBe(a!.hash);
    expect(c!.prev_hash).toBe(b!.hash);
    const { hash, ...rest } = c!;
    expect(hashEntry(rest, KEY)).toBe(hash);
    expect(hashEntry(rest, crypto.randomBytes(32))).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("survives the round trip through Neo4j properties unchanged", () => {
    for (const e of chain(4)) expect(fromProps(toProps(e))).toEqual(e);
    const anonymous = sealEntry(
      { ...raw(1), actor: null, target: null, details: {} },
      { seq: 0, hash: GENESIS_HASH },
      KEY,
    );
    expect(fromProps(toProps(anonymous))).toEqual(anonymous);
  });
});

describe("verifyEntries", () => {
  it("accepts an intact chain and an empty one", () => {
    const c = chain(10);
    expect(verifyEntries(c, headOf(c), KEYED)).toBeNull();
    expect(verifyEntries([], { seq: null, hash: null }, KEYED)).toBeNull();
  });

  it("names the entry whose content was changed", () => {
    const c = chain(10);
    c[4] = { ...c[4]!, ip: "10.9.9.9" };
    expect(verifyEntries(c, headOf(c), KEYED)).toMatchObject({
      seq: 5,
      id: "id-5",
      reason: expect.stringMatching(/content does not match its hash/),
    });
  });

  it("names the entry after a removed one", () => {
    const c = chain(10);
    c.splice(3, 1);
    expect(verifyEntries(c, headOf(c), KEYED)).toMatchObject({
      seq: 5,
      reason: expect.stringMatching(/entries 4..4 are missing/),
    });
  });

  it("catches an entry re-hashed after a change by the broken link that follows it", () => {
    const c = chain(10);
    const { hash: _h, ...rest } = { ...c[6]!, details: { q: "innocent" } };
    void _h;
    c[6] = { ...rest, hash: hashEntry(rest, KEY)! };
    expect(verifyEntries(c, headOf(chain(10)), KEYED)).toMatchObject({
      seq: 8,
      reason: expect.stringMatching(/prev_hash does not match the hash of entry 7/),
    });
  });

  it("catches reordering and a truncated end", () => {
    const c = chain(6);
    expect(verifyEntries([c[0]!, c[2]!, c[1]!, ...c.slice(3)], headOf(c), KEYED)).toMatchObject({ seq: 3 });
    expect(verifyEntries(c.slice(0, 4), headOf(c), KEYED)).toMatchObject({
      seq: 5,
      reason: expect.stringMatching(/ends at entry 4 but the head says 6/),
    });
  });
});

/** Re-hashes a whole chain from `from` on, as a database writer would, with the given hash function. */
function rewrite(c: AuditEntry[], from: number, hashOf: (e: Omit<AuditEntry, "hash">) => string): AuditEntry[] {
  const out = c.slice(0, from);
  let prev = out.at(-1)?.hash ?? GENESIS_HASH;
  for (const e of c.slice(from)) {
    const { hash: _h, ...rest } = { ...e, prev_hash: prev };
    void _h;
    const hash = hashOf(rest);
    out.push({ ...rest, hash });
    prev = hash;
  }
  return out;
}

describe("keyed chain", () => {
  it("catches a consistent rewrite made without the key, whichever way it is hashed", () => {
    const c = chain(8);
    const changed = c.map((e, i) => (i === 3 ? { ...e, ip: "10.0.0.66" } : e));
    // Plain SHA-256 over the same (version 2) entries: the hashes are consistent, the key says otherwise.
    const sha = rewrite(changed, 3, (e) => crypto.createHash("sha256").update(canonicalJson(e)).digest("hex"));
    expect(verifyEntries(sha, headOf(sha), KEYED)).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/chain key/),
    });
    // Downgraded to legacy entries, which plain SHA-256 would verify: refused after the key was made.
    const legacy = rewrite(
      changed.map((e, i) => (i >= 3 ? { ...e, v: LEGACY_CHAIN_VERSION } : e)),
      3,
      (e) => hashEntry(e, null)!,
    );
    expect(verifyEntries(legacy, headOf(legacy), KEYED)).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/unkeyed \(version 1\) entry after the chain was keyed/),
    });
    // Another key: consistent under that key, not under ours.
    const other = crypto.randomBytes(32);
    const forged = rewrite(changed, 3, (e) => hashEntry(e, other)!);
    expect(verifyEntries(forged, headOf(forged), KEYED)).toMatchObject({ seq: 4 });
    const whole = rewrite(changed, 0, (e) => hashEntry(e, other)!);
    expect(verifyEntries(whole, headOf(whole), { key: other, legacyUntilSeq: null })).toBeNull();
  });

  it("verifies legacy entries written before the key, then keyed ones", () => {
    const legacy = rewrite(
      chain(5).map((e) => ({ ...e, v: LEGACY_CHAIN_VERSION })),
      0,
      (e) => hashEntry(e, null)!,
    );
    const mixed = [...legacy];
    let head = { seq: legacy.at(-1)!.seq, hash: legacy.at(-1)!.hash };
    for (let i = 6; i <= 8; i++) {
      const e = sealEntry(raw(i), head, KEY);
      mixed.push(e);
      head = { seq: e.seq, hash: e.hash };
    }
    expect(verifyEntries(mixed, headOf(mixed), { key: KEY, legacyUntilSeq: 5 })).toBeNull();
    expect(verifyEntries(mixed, headOf(mixed), { key: KEY, legacyUntilSeq: 4 })).toMatchObject({ seq: 5 });
    // Without the key the legacy part still verifies and the first keyed entry is named as unverifiable.
    expect(verifyEntries(mixed, headOf(mixed), { key: null, legacyUntilSeq: 5 })).toMatchObject({
      seq: 6,
      reason: expect.stringMatching(/chain key is not available/),
    });
  });
});
