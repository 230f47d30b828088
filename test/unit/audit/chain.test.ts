/**
 * Audit hash chain: canonical JSON, sealing, and verification naming the first broken entry for each
 * kind of tampering (changed field, removed entry, inserted entry, reordered entries, truncated end).
 */
import { describe, expect, it } from "vitest";

import { canonicalJson } from "../../../server/audit/canonical-json.js";
import {
  fromProps,
  GENESIS_HASH,
  hashEntry,
  sealEntry,
  toProps,
  verifyEntries,
  type AuditEntry,
  type UnsealedEntry,
} from "../../../server/audit/chain.js";

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

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (let i = 1; i <= n; i++) {
    const e = sealEntry(raw(i), head);
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
    expect(hashEntry(rest)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("survives the round trip through Neo4j properties unchanged", () => {
    for (const e of chain(4)) expect(fromProps(toProps(e))).toEqual(e);
    const anonymous = sealEntry({ ...raw(1), actor: null, target: null, details: {} }, { seq: 0, hash: GENESIS_HASH });
    expect(fromProps(toProps(anonymous))).toEqual(anonymous);
  });
});

describe("verifyEntries", () => {
  it("accepts an intact chain and an empty one", () => {
    const c = chain(10);
    expect(verifyEntries(c, headOf(c))).toBeNull();
    expect(verifyEntries([], { seq: null, hash: null })).toBeNull();
  });

  it("names the entry whose content was changed", () => {
    const c = chain(10);
    c[4] = { ...c[4]!, ip: "10.9.9.9" };
    expect(verifyEntries(c, headOf(c))).toMatchObject({
      seq: 5,
      id: "id-5",
      reason: expect.stringMatching(/content does not match its hash/),
    });
  });

  it("names the entry after a removed one", () => {
    const c = chain(10);
    c.splice(3, 1);
    expect(verifyEntries(c, headOf(c))).toMatchObject({
      seq: 5,
      reason: expect.stringMatching(/entries 4..4 are missing/),
    });
  });

  it("catches an entry re-hashed after a change by the broken link that follows it", () => {
    const c = chain(10);
    const { hash: _h, ...rest } = { ...c[6]!, details: { q: "innocent" } };
    void _h;
    c[6] = { ...rest, hash: hashEntry(rest) };
    expect(verifyEntries(c, headOf(chain(10)))).toMatchObject({
      seq: 8,
      reason: expect.stringMatching(/prev_hash does not match the hash of entry 7/),
    });
  });

  it("catches reordering and a truncated end", () => {
    const c = chain(6);
    expect(verifyEntries([c[0]!, c[2]!, c[1]!, ...c.slice(3)], headOf(c))).toMatchObject({ seq: 3 });
    expect(verifyEntries(c.slice(0, 4), headOf(c))).toMatchObject({
      seq: 5,
      reason: expect.stringMatching(/ends at entry 4 but the head says 6/),
    });
  });
});
