/**
 * Password hashing: scrypt round trip, per-hash salt, parameters kept in the hash, malformed hashes,
 * the password policy, and the sign-in latency at the production cost.
 */
import { describe, expect, it } from "vitest";

import {
  generatePassword,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from "../../../server/credentials/password.js";

describe("hashPassword / verifyPassword", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const h = await hashPassword("correct horse battery", 14);
    expect(h).toMatch(/^scrypt\$14\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterY", h)).toBe(false);
    expect(await verifyPassword("", h)).toBe(false);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 1", 14), hashPassword("same password 1", 14)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password 1", a)).toBe(true);
    expect(await verifyPassword("same password 1", b)).toBe(true);
  });

  it("never matches a malformed or tampered hash", async () => {
    const h = await hashPassword("tamper-proof-pw", 14);
    const parts = h.split("$");
    expect(await verifyPassword("tamper-proof-pw", "plain-text")).toBe(false);
    expect(await verifyPassword("tamper-proof-pw", [...parts.slice(0, 5), "AAAA"].join("$"))).toBe(false);
    expect(await verifyPassword("tamper-proof-pw", ["scrypt", "30", ...parts.slice(2)].join("$"))).toBe(false);
    const flipped = parts[5]!.startsWith("A") ? `B${parts[5]!.slice(1)}` : `A${parts[5]!.slice(1)}`;
    expect(await verifyPassword("tamper-proof-pw", [...parts.slice(0, 5), flipped].join("$"))).toBe(false);
  });

  it("asks for a re-hash when the stored cost is below today's", async () => {
    const h = await hashPassword("upgrade me please", 14);
    expect(needsRehash(h, 14)).toBe(false);
    expect(needsRehash(h, 17)).toBe(true);
    expect(needsRehash("bogus", 14)).toBe(true);
  });

  it("takes a sign-in's worth of time at the production cost (2^17, 128 MiB)", async () => {
    const h = await hashPassword("production cost check", 17);
    const cpu0 = process.cpuUsage();
    expect(await verifyPassword("production cost check", h)).toBe(true);
    const cpu = process.cpuUsage(cpu0);
    // CPU time of the whole process (the hashing thread included), not wall time: the hashing thread runs
    // at a lower priority, so on a busy machine its wall time measures the machine, not the cost.
    const ms = (cpu.user + cpu.system) / 1000;
    // Memory-hard work really happened (well above a fast hash) and stays usable for a sign-in.
    expect(ms).toBeGreaterThan(50);
    expect(ms).toBeLessThan(5000);
  });
});

describe("passwordProblem", () => {
  it("enforces length, variety and no user name", () => {
    expect(passwordProblem("short", "ana")).toMatch(/at least 12/);
    expect(passwordProblem("x".repeat(257), "ana")).toMatch(/at most 256/);
    expect(passwordProblem("aaaaaaaaaaaaaaab", "bob")).toMatch(/different characters/);
    expect(passwordProblem("my-name-is-lead-ok", "lead")).toMatch(/user name/);
    expect(passwordProblem("a perfectly fine passphrase", "ana")).toBeNull();
  });

  it("generates passwords that pass the policy", () => {
    for (let i = 0; i < 20; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      expect(passwordProblem(p, "admin")).toBeNull();
    }
  });
});
