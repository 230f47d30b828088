/**
 * Pattern detectors, honest explanations and the score on hand-built clusters shaped like the cases in
 * the research notes: a laptop farm, an account-rental network, a reused identity, a transitive chain,
 * and the honest look-alikes that share as much (a household, an agency recruiter, a repeat applicant).
 */
import { describe, expect, it } from "vitest";

import { DEFAULT_DETECT_OPTIONS } from "../../../server/detect/options.js";
import { squash } from "../../../server/detect/score.js";
import { detect, stranger, type TestApp } from "./helpers.js";

const T0 = Date.parse("2026-05-04T02:00:00Z");
const minutes = (m: number) => T0 + m * 60_000;
const codes = (c: { reasons: { code: string }[] }) => c.reasons.map((r) => r.code);

describe("laptop farm", () => {
  const spellings = [
    "12 Oak Street, Apt 3, Reno NV 89501",
    "12 oak st apt 3 reno nv 89501",
    "12 OAK ST. #3, RENO, NV 89501",
  ];
  const farm: TestApp[] = Array.from({ length: 6 }, (_, n) =>
    stranger(n, {
      address: "12 oak st apt 3 reno nv 89501",
      shippingAddress: spellings[n % 3],
      payment: n < 3 ? "PAY-FARM" : undefined,
      device: n % 2 ? "laptop-a" : "laptop-b",
      ip: n === 5 ? ["198.51.100.7", "45.76.1.10"] : "198.51.100.7",
      submittedAt: minutes(n * 15),
      university: "Caltech",
      major: "Nursing",
    }),
  );

  it("is one high-risk cluster with every sign as a reason", () => {
    const out = detect(farm);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.application_ids).toEqual(["S-0", "S-1", "S-2", "S-3", "S-4", "S-5"]);
    expect(c!.patterns).toEqual(["laptop_farm", "shared_infrastructure"]);
    expect(codes(c!)).toEqual(
      expect.arrayContaining([
        "farm_shared_address",
        "farm_shared_payroll",
        "farm_shared_devices",
        "farm_few_ips",
        "farm_submission_burst",
        "hosting_ip",
        "major_not_offered",
      ]),
    );
    expect(c!.reasons.find((r) => r.code === "farm_shared_address")!.text).toContain("typed 3 different ways");
    expect(c!.reasons.find((r) => r.code === "farm_submission_burst")!.text).toMatch(
      /^6 applications from 6 different identities were submitted within 75 minutes/,
    );
    expect(c!.risk_level).toBe("high");
    expect(c!.score_breakdown!.map((s) => s.code)).toEqual(["links", "patterns", "indicators", "size"]);
    // The score is the breakdown's sum squashed above the knee (server/detect/score.ts).
    const points = c!.score_breakdown!.reduce((s, x) => s + x.points, 0);
    expect(points).toBeGreaterThan(DEFAULT_DETECT_OPTIONS.score.knee);
    expect(c!.risk_score).toBe(squash(points, DEFAULT_DETECT_OPTIONS.score));
    expect(c!.risk_score).toBeLessThan(100);
  });

  it("is no farm when the same people share only an IP and a laptop, and apply weeks apart", () => {
    const out = detect(
      farm.map((a, n) => ({
        ...a,
        address: undefined,
        shippingAddress: undefined,
        payment: undefined,
        submittedAt: minutes(n * 20_000),
        major: "Computer Science",
      })),
    );
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.patterns).toEqual(["shared_infrastructure"]);
    expect(out.clusters[0]!.risk_level).not.toBe("high");
  });
});

describe("account rental", () => {
  it("flags one profile presented under four names, mostly from hosting networks", () => {
    const out = detect([
      ...Array.from({ length: 4 }, (_, n) => stranger(n, { profile: "linkedin.com/in/real-pro", ip: `45.76.${n}.9` })),
      stranger(9, { profile: "linkedin.com/in/someone-else" }),
    ]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.patterns).toEqual(["account_rental", "shared_infrastructure"]);
    const r = c!.reasons.find((x) => x.code === "profile_used_by_other_names")!;
    expect(r.identifiers).toEqual(["profile:linkedin.com/in/real-pro"]);
    expect(r.text).toContain(
      'under different names ("Person0 Family0", "Person1 Family1", "Person2 Family2" and "Person3 Family3")',
    );
    expect(r.text).toContain("4 of their 4 applications came through VPN or hosting networks");
    expect(c!.risk_level).toBe("high");
  });
});

describe("identity reuse", () => {
  const operative = (n: number, app: number): TestApp => ({
    id: `IR-${n}-${app}`,
    fullName: n % 2 ? "Andrew Miller" : "MILLER, Andrew",
    profile: "linkedin.com/in/andrew-miller-1",
    email: `andrew.miller${n}@outlook.com`,
    phone: `+1202555${String(1000 + n)}`,
    device: `op-device-${n}`,
    ip: `45.76.9.${n}`,
  });

  it("makes one identity with many contact details a high-risk cluster of its own", () => {
    const out = detect([0, 1, 2, 3].flatMap((n) => [operative(n, 0), operative(n, 1)]));
    expect(out.stats.identities).toBe(1);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.patterns).toEqual(["identity_reuse"]);
    expect(c!.identities).toBe(1);
    expect(c!.reasons[0]!.code).toBe("identity_many_contacts");
    expect(c!.reasons[0]!.text).toContain("applied 8 times with 4 email addresses, 4 phone numbers and 4 devices");
    expect(c!.reasons[0]!.identifiers[0]).toBe("profile:linkedin.com/in/andrew-miller-1");
    expect(c!.risk_level).toBe("high");
  });

  it("leaves a person who keeps one email and phone across eight applications alone", () => {
    const out = detect(
      Array.from({ length: 8 }, (_, a) => ({ ...operative(0, a), id: `RA-${a}`, device: a < 4 ? "laptop" : "phone" })),
    );
    expect(out.clusters).toEqual([]);
  });
});

describe("transitive chain", () => {
  it("reports identities linked pairwise through different kinds, in path order", () => {
    const out = detect([
      stranger(1, { phone: "+12025550001" }),
      stranger(2, { phone: "+12025550001", device: "dev-23" }),
      stranger(3, { device: "dev-23", payment: "PAY-34" }),
      stranger(4, { payment: "PAY-34", address: "5 elm st tampa fl 33601" }),
      stranger(5, { address: "5 elm st tampa fl 33601" }),
    ]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.patterns).toEqual(["shared_infrastructure"]);
    const chain = c!.reasons.find((r) => r.code === "transitive_chain")!;
    expect(chain.text).toContain("5 identities are linked only pairwise");
    expect(chain.text).toMatch(
      /"Person[15] Family[15]" —(phone|address):[^→]+→ "Person[24] Family[24]" —(device|payment):[^→]+→ "Person3 Family3"/,
    );
    expect(c!.risk_level).toBe("high");
  });
});

describe("honest look-alikes", () => {
  it("scores a household sharing an address, IP and laptop low, and says why", () => {
    const out = detect(
      ["Ana", "Luis", "Marta"].map((given, n) => ({
        id: `H-${n}`,
        fullName: `${given} Ortega`,
        email: `${given.toLowerCase()}.ortega@mail.example`,
        phone: `+1305555010${n}`,
        address: "77 palm ave miami fl 33101",
        ip: "198.51.100.77",
        device: "family-laptop",
      })),
    );
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.patterns).toEqual(["shared_infrastructure"]);
    expect(c!.risk_level).toBe("low");
    expect(codes(c!)).toContain("household");
    expect(c!.score_breakdown).toContainEqual({ code: "household", points: -25 });
  });

  it("keeps an agency recruiter's candidates on one laptop and office IP below high", () => {
    const out = detect(
      Array.from({ length: 12 }, (_, n) =>
        stranger(n, {
          device: "recruiter-laptop",
          ip: "198.51.100.200",
          email: n < 5 ? [`person${n}@mail.example`, "jo@agency.example"] : `person${n}@mail.example`,
          submittedAt: minutes(n * 3000),
        }),
      ),
    );
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.patterns).toEqual(["shared_infrastructure"]);
    expect(out.clusters[0]!.risk_level).not.toBe("high");
  });

  it("scores strangers who share nothing but one phone number low, as a contact hub", () => {
    const out = detect(Array.from({ length: 3 }, (_, n) => stranger(n, { phone: "+13125550199" })));
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.risk_level).toBe("low");
    expect(codes(out.clusters[0]!)).toContain("one_contact_hub");
  });

  it("treats one phone number on the forms of five otherwise unrelated people as common infrastructure", () => {
    const out = detect(Array.from({ length: 5 }, (_, n) => stranger(n, { phone: "+13125550199" })));
    expect(out.clusters).toEqual([]);
    expect(out.commonInfrastructure).toEqual([
      {
        ref: "phone:+13125550199",
        identities: 5,
        applications: 5,
        reason: "shared by 5 identities in 5 otherwise unrelated groups",
      },
    ]);
  });
});
