/**
 * The four cases the issue names, on hand-built inputs with the expected answer beside them.
 */
import { describe, expect, it } from "vitest";

import { detect, stranger, type TestApp } from "./helpers.js";

describe("detectClusters: the issue's cases", () => {
  it("a NAT IP shared by 300 strangers links nobody and is reported as common infrastructure", () => {
    const apps = Array.from({ length: 300 }, (_, n) => stranger(n, { ip: ["203.0.113.7", `198.51.100.${n % 250}`] }));
    // The per-stranger second IPs repeat (n % 250), so 50 pairs of strangers share one more IP: those
    // pairs are linked by that IP alone, never through the gateway.
    const out = detect(apps);
    const gateway = out.commonInfrastructure.find((c) => c.ref === "ip:203.0.113.7");
    expect(gateway).toMatchObject({ identities: 300, applications: 300 });
    expect(gateway!.reason).toMatch(/used by 300 identities/);
    for (const c of out.clusters) {
      expect(c.application_ids).toHaveLength(2);
      expect(c.shared_identifiers).not.toContain("ip:203.0.113.7");
      expect(c.risk_level).toBe("low");
    }
    expect(out.clusters).toHaveLength(50);
  });

  it("a NAT IP shared by 300 strangers with nothing else in common gives no cluster at all", () => {
    const out = detect(Array.from({ length: 300 }, (_, n) => stranger(n, { ip: "203.0.113.7" })));
    expect(out.clusters).toEqual([]);
    expect(out.commonInfrastructure.map((c) => c.ref)).toEqual(["ip:203.0.113.7"]);
  });

  it("two strangers sharing one laptop and one payroll account are one cluster", () => {
    const out = detect([
      stranger(1, { device: "laptop-77", payment: "PAY-9" }),
      stranger(2, { device: "laptop-77", payment: "PAY-9" }),
      stranger(3),
    ]);
    expect(out.clusters).toHaveLength(1);
    const [c] = out.clusters;
    expect(c!.application_ids).toEqual(["S-1", "S-2"]);
    expect(c!.identities).toBe(2);
    expect(c!.shared_identifiers).toEqual(["device:laptop-77", "payment:PAY-9"]);
    expect(c!.patterns).toContain("shared_infrastructure");
    expect(c!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["shared_device", "shared_payment"]));
    expect(c!.reasons.find((r) => r.code === "shared_payment")!.identifiers).toEqual(["payment:PAY-9"]);
  });

  it("one person applying ten times is no cluster of concern", () => {
    const apps: TestApp[] = Array.from({ length: 10 }, (_, n) => ({
      id: `R-${n}`,
      fullName: n % 2 ? "Ana María López" : "ana maria lopez",
      email: "ana.lopez@mail.example",
      phone: "+14155550100",
      device: n < 6 ? "ana-laptop" : "ana-phone",
      ip: `198.51.100.${n}`,
      job_id: `J-${n}`,
    }));
    const out = detect(apps);
    expect(out.stats.identities).toBe(1);
    expect(out.clusters.filter((c) => c.risk_level !== "low")).toEqual([]);
    expect(out.clusters).toEqual([]);
  });

  it("a chain A–B–C–D linked by a different identifier kind at each step is one cluster", () => {
    const out = detect([
      stranger(1, { device: "dev-shared-ab" }),
      stranger(2, { device: "dev-shared-ab", payment: "PAY-BC" }),
      stranger(3, { payment: "PAY-BC", email: ["person3@mail.example", "ops-cd@mail.example"] }),
      stranger(4, { email: ["person4@mail.example", "ops-cd@mail.example"] }),
      stranger(5),
    ]);
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.application_ids).toEqual(["S-1", "S-2", "S-3", "S-4"]);
    expect(out.clusters[0]!.shared_identifiers).toEqual([
      "email:ops-cd@mail.example",
      "device:dev-shared-ab",
      "payment:PAY-BC",
    ]);
  });
});
