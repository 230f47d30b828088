/**
 * A lent contact (server/detect/patterns/lent-contact.ts): one mailbox or number under different names
 * whose holders share no address, device or IP. Hand-built inputs with the expected answer beside them,
 * the shortest chain it completes, and the honest look-alikes it must leave alone.
 */
import { describe, expect, it } from "vitest";

import { detect, stranger, type TestApp } from "./helpers.js";

const codes = (c: { reasons: { code: string }[] }) => c.reasons.map((r) => r.code);

describe("a chain of two links: a shared IP, then a mailbox under two names", () => {
  // A —ip→ B —email→ C, nothing else in common, no indicator: the weakest chain the seed makes.
  const chain: TestApp[] = [
    stranger(1, { ip: "73.21.40.9" }),
    stranger(2, { ip: "73.21.40.9", email: ["person2@mail.example", "team.x7q2@mail.example"] }),
    stranger(3, { email: "team.x7q2@mail.example", ip: "98.4.77.12" }),
  ];

  it("is high: the chain (50) and the lent mailbox (+5 as a further pattern), 12 link points, size 3.5", () => {
    const out = detect(chain);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.application_ids).toEqual(["S-1", "S-2", "S-3"]);
    expect(codes(c!)).toEqual(expect.arrayContaining(["transitive_chain", "lent_contact"]));
    expect(c!.score_breakdown).toEqual([
      { code: "links", points: 12 },
      { code: "patterns", points: 55 },
      { code: "size", points: 3.5 },
    ]);
    expect(c!.risk_score).toBe(70.5);
    expect(c!.risk_level).toBe("high");
    const lent = c!.reasons.find((r) => r.code === "lent_contact")!;
    expect(lent.identifiers).toEqual(["email:team.x7q2@mail.example"]);
    expect(lent.text).toContain('under different names ("Person2 Family2" and "Person3 Family3")');
  });

  it("is medium without the further pattern's points (what the chain alone scores: 65.5)", () => {
    const out = detect(chain, { score: { extraPatternPoints: 0 } });
    expect(out.clusters[0]!.risk_score).toBe(65.5);
    expect(out.clusters[0]!.risk_level).toBe("medium");
  });
});

describe("honest look-alikes that share a contact", () => {
  it("a couple sharing a mailbox at home, with a lodger on the same connection: no lent contact, low", () => {
    const out = detect([
      stranger(1, { ip: "73.21.40.9" }),
      stranger(2, { ip: "73.21.40.9", email: ["person2@mail.example", "the.family@mail.example"] }),
      stranger(3, { ip: "73.21.40.9", email: "the.family@mail.example" }),
    ]);
    expect(out.clusters).toHaveLength(1);
    expect(codes(out.clusters[0]!)).not.toContain("lent_contact");
    expect(out.clusters[0]!.risk_level).toBe("low");
  });

  it("a recruiter typing their own email on candidates' forms from the office: no lent contact, not high", () => {
    // The office IP is used by 30 candidates (common infrastructure, cut); it still is a place they share.
    const candidates = Array.from({ length: 30 }, (_, n) =>
      stranger(n, {
        ip: "198.51.100.20",
        device: n % 10 === 0 ? `own-${n}` : "office-laptop",
        email: n < 4 ? "jane.roe@apexstaffing.example" : `person${n}@mail.example`,
      }),
    );
    const out = detect(candidates);
    for (const c of out.clusters) {
      expect(codes(c)).not.toContain("lent_contact");
      expect(c.risk_level).not.toBe("high");
    }
  });

  it("two people who share only a mailbox, nowhere else: a lent contact, but low (one contact hub)", () => {
    const out = detect([
      stranger(1, { email: ["person1@mail.example", "jobs.k2@mail.example"] }),
      stranger(2, { email: "jobs.k2@mail.example" }),
    ]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(codes(c!)).toEqual(expect.arrayContaining(["lent_contact", "one_contact_hub"]));
    expect(c!.risk_level).toBe("low");
  });

  it("a family sharing a laptop, an address and an IP pairwise (a chain's shape): no lent contact", () => {
    const home = "4 birch rd salem or 97301";
    const out = detect([
      { ...stranger(1, { ip: "73.9.9.9" }), fullName: "Ana Ortega" },
      { ...stranger(2, { ip: "73.9.9.9", device: "family-laptop" }), fullName: "Luis Ortega" },
      { ...stranger(3, { device: "family-laptop", address: home }), fullName: "Marta Ortega" },
      { ...stranger(4, { address: home }), fullName: "Rosa Ortega" },
    ]);
    for (const c of out.clusters) expect(codes(c)).not.toContain("lent_contact");
  });
});
