/**
 * Data detection was not written for (issue 13): a short chain through three kinds of identifier, a
 * recruiter's office, a family of four, and a stranger sharing a home IP with a farm member. Each case is
 * a hand-built graph with the expected answer beside it, and, where it sharpens the point, the ring that
 * shares more and must still be flagged.
 */
import { describe, expect, it } from "vitest";

import { detect, stranger, type TestApp } from "./helpers.js";

const T0 = Date.parse("2026-05-04T02:00:00Z");
const minutes = (m: number) => T0 + m * 60_000;
const codes = (c: { reasons: { code: string }[] }) => c.reasons.map((r) => r.code);

describe("a 3-application chain of three identifier kinds", () => {
  // A–B share a payroll account; B–C a laptop and a phone. Nobody shares anything with everyone.
  const chain: TestApp[] = [
    stranger(1, { payment: "PAY-AB" }),
    stranger(2, { payment: "PAY-AB", device: "dev-bc", phone: "+14155550199" }),
    stranger(3, { device: "dev-bc", phone: "+14155550199" }),
  ];

  it("is one cluster, scored high, with the chain as its reason", () => {
    const out = detect([...chain, stranger(4)]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.application_ids).toEqual(["S-1", "S-2", "S-3"]);
    expect(codes(c!)).toContain("transitive_chain");
    expect(c!.risk_level).toBe("high");
  });

  it("stays whole when one end also touches a larger group that Louvain splits off", () => {
    // Twelve neighbours at one address (a tight group), one of whom shares a rare email with the chain's end.
    const group = Array.from({ length: 12 }, (_, n) =>
      stranger(20 + n, { address: "9 elm st apt 2 reno nv 89501", submittedAt: minutes(n * 40_000) }),
    );
    group[0]!.email = ["person20@mail.example", "c-and-g@mail.example"];
    const c3 = { ...chain[2]!, email: ["person3@mail.example", "c-and-g@mail.example"] };
    const out = detect([chain[0]!, chain[1]!, c3, ...group]);
    const withChain = out.clusters.find((c) => c.application_ids.includes("S-1"))!;
    // The chain stays together; the one neighbour on the rare email may go either way (Louvain's call).
    expect(withChain.application_ids).toEqual(expect.arrayContaining(["S-1", "S-2", "S-3"]));
    expect(withChain.application_ids.length).toBeLessThanOrEqual(4);
    expect(withChain.risk_level).toBe("high");
  });
});

describe("a recruiter's office submitting 30 unrelated candidates", () => {
  // One office laptop and one office IP; every candidate keeps their own email, phone, address and payroll account.
  const candidates = (n: number, extra: (k: number) => Partial<TestApp> = () => ({})): TestApp[] =>
    Array.from({ length: n }, (_, k) =>
      stranger(k, {
        device: "office-laptop-1",
        ip: "198.51.100.44",
        address: `${100 + k} pine st reno nv 89501`,
        payment: `PAY-OWN-${k}`,
        submittedAt: minutes(k * 6),
        ...extra(k),
      }),
    );

  it("is not flagged high, and says why", () => {
    const out = detect(candidates(30));
    for (const c of out.clusters) expect(c.risk_level).not.toBe("high");
    const office = out.clusters.find((c) => c.application_ids.length === 30);
    if (office) {
      expect(office.patterns).not.toContain("laptop_farm");
      expect(codes(office)).toContain("submitted_for_others");
    }
  });

  it("is not flagged high when the recruiter's own phone is on every form", () => {
    const out = detect(candidates(30, () => ({ phone: "+14155550111" })));
    for (const c of out.clusters) expect(c.risk_level).not.toBe("high");
  });

  it("is a farm once the same people are also shipped to one address and paid into one account", () => {
    const out = detect(
      candidates(8, (k) => ({ address: "12 oak st apt 3 reno nv 89501", payment: k < 4 ? "PAY-F" : undefined })),
    );
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.patterns).toContain("laptop_farm");
    expect(out.clusters[0]!.risk_level).toBe("high");
  });
});

describe("a family of four sharing a laptop and an address", () => {
  const family = (names: string[], when: (k: number) => number): TestApp[] =>
    names.map((fullName, k) =>
      stranger(k, {
        fullName,
        device: "family-pc",
        address: "44 birch rd reno nv 89502",
        ip: "198.51.100.60",
        submittedAt: when(k),
      }),
    );

  it("is not high with one surname", () => {
    const out = detect(family(["Ana Ortiz", "Luis Ortiz", "Maria Ortiz", "Pablo Ortiz"], (k) => minutes(k * 5000)));
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.risk_level).toBe("low");
    expect(codes(out.clusters[0]!)).toContain("household");
  });

  it("is not high with different surnames, applying the same evening", () => {
    const out = detect(family(["Ana Ortiz", "Luis Brandt", "Mei Chen", "Pablo Ortiz Chen"], (k) => minutes(k * 10)));
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.risk_level).not.toBe("high");
    expect(c!.patterns).not.toContain("laptop_farm");
    expect(codes(c!)).toContain("household_shape");
  });
});

describe("a stranger sharing one home IP with a farm member", () => {
  const farm: TestApp[] = Array.from({ length: 6 }, (_, n) =>
    stranger(n, {
      address: "12 oak st apt 3 reno nv 89501",
      payment: n < 3 ? "PAY-FARM" : undefined,
      device: n % 2 ? "laptop-a" : "laptop-b",
      ip: n === 0 ? ["198.51.100.7", "192.0.2.50"] : "198.51.100.7",
      submittedAt: minutes(n * 15),
    }),
  );
  const neighbour = stranger(99, { ip: "192.0.2.50", submittedAt: minutes(9000) });

  it("stays out of the ring's high-risk cluster and is listed as peripheral", () => {
    const out = detect([...farm, neighbour]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.application_ids).toEqual(["S-0", "S-1", "S-2", "S-3", "S-4", "S-5"]);
    expect(c!.risk_level).toBe("high");
    expect(c!.peripheral_application_ids).toEqual(["S-99"]);
  });

  it("is a member, not peripheral, when they also share the farm's address", () => {
    const out = detect([...farm, { ...neighbour, address: "12 oak st apt 3 reno nv 89501" }]);
    expect(out.clusters[0]!.application_ids).toContain("S-99");
    expect(out.clusters[0]!.peripheral_application_ids).toBeUndefined();
  });

  it("keeps a chain's end that hangs on by an IP (no member is embedded enough to anchor it)", () => {
    const out = detect([
      stranger(1, { ip: "192.0.2.77" }),
      stranger(2, { ip: "192.0.2.77", device: "dev-23" }),
      stranger(3, { device: "dev-23", payment: "PAY-34" }),
      stranger(4, { payment: "PAY-34", phone: "+14155550142" }),
      stranger(5, { phone: "+14155550142" }),
    ]);
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.application_ids).toEqual(["S-1", "S-2", "S-3", "S-4", "S-5"]);
    expect(out.clusters[0]!.peripheral_application_ids).toBeUndefined();
  });
});

describe("one rented personal profile presented by many applicants", () => {
  // Every renter keeps their own name, email, phone and laptop; all that links them is one person's profile.
  const renters = (n: number, profile: string): TestApp[] =>
    Array.from({ length: n }, (_, k) => stranger(k, { profile, ip: `198.51.${Math.floor(k / 200)}.${k % 200}` }));

  it("is one account-rental cluster, scored high, however many renters (150: above any kind's cap)", () => {
    const out = detect(renters(150, "linkedin.com/in/rented-engineer"));
    expect(out.commonInfrastructure).toEqual([]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.identities).toBe(150);
    expect(c!.patterns).toContain("account_rental");
    expect(c!.risk_level).toBe("high");
  });

  it("is one cluster with 25 renters who share nothing else (more groups than the profile's group cap)", () => {
    const out = detect(renters(25, "linkedin.com/in/rented-engineer"));
    expect(out.clusters.map((c) => c.identities)).toEqual([25]);
  });

  it("but a company page presented by 150 strangers is common infrastructure and links nobody", () => {
    const out = detect(renters(150, "linkedin.com/company/acme-robotics"));
    expect(out.clusters).toEqual([]);
    expect(out.commonInfrastructure.map((c) => c.ref)).toEqual(["profile:linkedin.com/company/acme-robotics"]);
  });
});

describe("three personas shipping to one address none of them claims to live at", () => {
  // One laptop, one home IP, one address in Denver, CO, and no payroll account: by what they share, a household.
  const trio = (awayFromHome: boolean): TestApp[] =>
    ["Laura Parker", "Lucia Pena", "Nicole Long"].map((fullName, k) =>
      stranger(k, {
        fullName,
        device: "laptop-1",
        ip: "198.51.100.8",
        address: "157 poplar st apt 8 denver co 80211",
        submittedAt: minutes(k * 30),
        // What ingest records when the claimed location (Detroit, MI …) is in another state than the address.
        indicators: awayFromHome ? ["ships_out_of_state"] : [],
      }),
    );

  it("is a laptop farm, scored high, when they claim homes in other states", () => {
    const out = detect(trio(true));
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.patterns).toContain("laptop_farm");
    expect(codes(c!)).toContain("farm_address_elsewhere");
    expect(codes(c!)).not.toContain("household_shape");
    expect(c!.risk_level).toBe("high");
  });

  it("is a household, not high, when they live where they ship", () => {
    const out = detect(trio(false));
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.patterns).not.toContain("laptop_farm");
    expect(codes(c!)).toContain("household_shape");
    expect(c!.risk_level).not.toBe("high");
  });
});
