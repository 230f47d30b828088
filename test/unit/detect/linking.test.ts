/**
 * Identities, common infrastructure, components and the Louvain split on hand-built inputs.
 */
import { describe, expect, it } from "vitest";

import { detect, stranger, type TestApp } from "./helpers.js";

describe("identities", () => {
  it("joins applications sharing a personal identifier under one name, never through an IP alone", () => {
    const out = detect([
      { id: "A-1", fullName: "Jane Doe", email: "jane@mail.example", ip: "198.51.100.1" },
      { id: "A-2", fullName: "DOE, Jane", email: "jane@mail.example", phone: "+14155550001" },
      { id: "A-3", fullName: "Jane Doe", phone: "+14155550001" },
      { id: "B-1", fullName: "Jane Doe", ip: "198.51.100.1" },
    ]);
    expect(out.stats.identities).toBe(2);
  });

  it("keeps different names on one email apart: they are two identities linked by it", () => {
    const out = detect([
      { id: "A-1", fullName: "Jane Doe", email: "ops@mail.example" },
      { id: "A-2", fullName: "John Roe", email: "ops@mail.example" },
    ]);
    expect(out.stats.identities).toBe(2);
    expect(out.clusters.map((c) => c.application_ids)).toEqual([["A-1", "A-2"]]);
  });
});

describe("common infrastructure", () => {
  it("cuts an IP shared by identities that nothing else links, with the number of groups", () => {
    const out = detect(Array.from({ length: 10 }, (_, n) => stranger(n, { ip: "198.51.100.20" })));
    expect(out.clusters).toEqual([]);
    expect(out.commonInfrastructure).toEqual([
      {
        ref: "ip:198.51.100.20",
        identities: 10,
        applications: 10,
        reason: "shared by 10 identities in 10 otherwise unrelated groups",
      },
    ]);
  });

  it("keeps a residential IP whose identities also share a shipping address (one group)", () => {
    const apps = Array.from({ length: 10 }, (_, n) =>
      stranger(n, { ip: "198.51.100.20", address: "9 elm st apt 2 austin tx 78701" }),
    );
    const out = detect(apps);
    expect(out.commonInfrastructure).toEqual([]);
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.shared_identifiers).toEqual(["ip:198.51.100.20", "address:9 elm st apt 2 austin tx 78701"]);
  });

  it("cuts a mobile-carrier IP even between two strangers, naming the carrier", () => {
    const out = detect([stranger(1, { ip: "172.58.10.1" }), stranger(2, { ip: "172.58.10.1" })]);
    expect(out.clusters).toEqual([]);
    expect(out.commonInfrastructure[0]).toMatchObject({ ref: "ip:172.58.10.1", identities: 2 });
    expect(out.commonInfrastructure[0]!.reason).toMatch(/^mobile carrier NAT \(AS21928 T-Mobile USA/);
  });

  it("lists the common infrastructure a cluster touches on the cluster", () => {
    const apps = [
      ...Array.from({ length: 8 }, (_, n) => stranger(n, { ip: "198.51.100.20" })),
      stranger(20, { device: "shared-pc" }),
      stranger(21, { device: "shared-pc", ip: "198.51.100.20" }),
    ];
    const out = detect(apps);
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.common_infrastructure).toEqual(["ip:198.51.100.20"]);
  });
});

describe("components and the Louvain split", () => {
  /** Six identities sharing one address; `tag` keeps the two groups' identifiers apart. */
  const group = (tag: string, from: number): TestApp[] =>
    Array.from({ length: 6 }, (_, n) => stranger(from + n, { address: `${tag} main st apt 1 reno nv 89501` }));

  it("splits two tight groups joined by one email into two clusters", () => {
    const apps = [...group("100", 0), ...group("200", 10)];
    apps[5]!.email = ["person5@mail.example", "bridge@mail.example"];
    apps[6]!.email = ["person10@mail.example", "bridge@mail.example"];
    const out = detect(apps);
    expect(out.stats.components).toBeLessThan(apps.length);
    const sets = out.clusters.map((c) => c.application_ids).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(sets).toEqual([
      ["S-0", "S-1", "S-2", "S-3", "S-4", "S-5"],
      ["S-10", "S-11", "S-12", "S-13", "S-14", "S-15"],
    ]);
  });

  it("keeps a farm whole when its laptop subgroups all ship to the farm's address (2+ identities each)", () => {
    // Four laptops, five personas each; two of every five give the farm's address. Louvain alone would
    // cut along the laptops (four clusters of five, each scored low); the address joins every part.
    const apps = Array.from({ length: 20 }, (_, n) =>
      stranger(n, {
        device: `farm-laptop-${Math.floor(n / 5)}`,
        ip: `198.51.100.${10 + Math.floor(n / 5)}`,
        ...(n % 5 < 2 ? { address: "1495 s madison ter apt 5 washington dc 20006" } : {}),
      }),
    );
    const out = detect(apps);
    expect(out.clusters.map((c) => c.identities)).toEqual([20]);
    expect(out.clusters[0]!.patterns).toContain("laptop_farm");
    expect(out.clusters[0]!.risk_level).toBe("high");
    // What the rule changes: without it (no community has 1000 users of one identifier) the parts stay apart.
    const apart = detect(apps, { rules: { anchorMinPerSide: 1000 } });
    expect(apart.clusters.map((c) => c.identities)).toEqual([5, 5, 5, 5]);
  });

  it("keeps a single tight group of twelve whole", () => {
    const apps = Array.from({ length: 12 }, (_, n) =>
      stranger(n, { address: "1 main st apt 1 reno nv 89501", payment: n % 2 ? "PAY-1" : "PAY-2" }),
    );
    expect(detect(apps).clusters.map((c) => c.application_ids.length)).toEqual([12]);
  });

  it("gives the same clusters whatever the order of the applications", () => {
    const apps = [...group("100", 0), ...group("200", 10)];
    apps[5]!.email = ["person5@mail.example", "bridge@mail.example"];
    apps[6]!.email = ["person10@mail.example", "bridge@mail.example"];
    const a = detect(apps);
    const b = detect([...apps].reverse());
    const norm = (o: typeof a) => o.clusters.map((c) => [c.application_ids, c.risk_score, c.patterns]).sort();
    expect(norm(b)).toEqual(norm(a));
  });
});
