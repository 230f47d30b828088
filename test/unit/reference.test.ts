/**
 * Reference tables: the hosting/VPN/mobile ASN list matches the bundled ASN database, and the education
 * table's lookups (school by any alias, major offered, graduation month on the calendar) answer right.
 */
import { beforeAll, describe, expect, it } from "vitest";

import {
  MAJORS,
  UNIVERSITIES,
  findMajor,
  findUniversity,
  graduationMonthPlausible,
  offersMajor,
} from "../../server/common/reference/education.js";
import {
  HOSTING_ASNS,
  MOBILE_CARRIER_ASNS,
  hostingNetwork,
  mobileCarrier,
  networkKind,
} from "../../server/common/reference/hosting-asns.js";
import { AsnLookupV4, loadAsnRanges } from "../../seed/ip-space.js";

describe("hosting and mobile ASNs", () => {
  let lookup: AsnLookupV4;
  beforeAll(() => {
    lookup = AsnLookupV4.load();
  });

  it("lists only ASNs the offline database announces, each once, with a source", () => {
    const all = [...HOSTING_ASNS, ...MOBILE_CARRIER_ASNS];
    expect(new Set(all.map((a) => a.asn)).size).toBe(all.length);
    const ranges = loadAsnRanges(
      all.map((a) => a.asn),
      [],
    );
    for (const a of all) {
      expect(ranges.v4.get(a.asn)?.length ?? 0, `${a.asn} ${a.name}`).toBeGreaterThan(0);
      expect(a.source).toMatch(/@ip-location-db\/asn org/);
    }
  });

  it("classifies addresses through the database", () => {
    expect(networkKind(lookup.asnOf("5.101.96.10")!)).toBe("hosting"); // DigitalOcean
    expect(hostingNetwork(lookup.asnOf("5.101.96.10")!)?.name).toBe("DigitalOcean");
    expect(mobileCarrier(lookup.asnOf("23.18.0.1")!)?.name).toBe("T-Mobile USA"); // T-Mobile USA
    expect(networkKind(lookup.asnOf("24.0.0.1") ?? 0)).toBeNull(); // Comcast residential
    expect(lookup.asnOf("10.0.0.1")).toBeNull();
  });

  it("keeps the hosting and mobile lists apart", () => {
    for (const m of MOBILE_CARRIER_ASNS) expect(hostingNetwork(m.asn)).toBeUndefined();
    expect(HOSTING_ASNS.filter((a) => a.kind === "vpn").length).toBeGreaterThanOrEqual(4);
  });
});

describe("education table", () => {
  it("has 30-60 schools with valid calendars, known majors and unique ids", () => {
    expect(UNIVERSITIES.length).toBeGreaterThanOrEqual(30);
    expect(UNIVERSITIES.length).toBeLessThanOrEqual(60);
    expect(new Set(UNIVERSITIES.map((u) => u.id)).size).toBe(UNIVERSITIES.length);
    for (const u of UNIVERSITIES) {
      for (const m of u.conferralMonths ?? []) expect(m >= 1 && m <= 12, `${u.id} month ${m}`).toBe(true);
      for (const m of u.majors) expect(MAJORS[m], `${u.id} ${m}`).toBeDefined();
      expect(u.calendarSource.length).toBeGreaterThan(5);
    }
  });

  it("finds schools by name and by the aliases applicants type", () => {
    expect(findUniversity("Massachusetts Institute of Technology")?.id).toBe("mit");
    expect(findUniversity("M.I.T.")?.id).toBe("mit");
    expect(findUniversity("  the university of texas at austin ")?.id).toBe("utaustin");
    expect(findUniversity("Univ. of Washington")?.id).toBe("uw");
    expect(findUniversity("Universidade de São Paulo")?.id).toBe("usp");
    expect(findUniversity("Universidade de Sao Paulo")?.id).toBe("usp");
    expect(findUniversity("Springfield Community College")).toBeUndefined();
    for (const u of UNIVERSITIES) {
      for (const alias of [u.name, ...u.aliases].filter((a) => a.length > 2))
        expect(findUniversity(alias)?.id, alias).toBe(u.id);
    }
  });

  it("says whether a school offers a major", () => {
    expect(offersMajor("MIT", "Computer Science")).toBe(true);
    expect(offersMajor("MIT", "Software Engineering")).toBe(false);
    expect(offersMajor("Princeton University", "Business Administration")).toBe(false);
    expect(offersMajor("Caltech", "Nursing")).toBe(false);
    expect(offersMajor("University of Waterloo", "Software Engineering")).toBe(true);
    expect(offersMajor("UT Austin", "MIS")).toBe(true);
    expect(offersMajor("Springfield Community College", "Computer Science")).toBeUndefined();
    expect(offersMajor("MIT", "Underwater Basket Weaving")).toBeUndefined();
    expect(findMajor("Comp Sci")).toBe("computer_science");
  });

  it("checks graduation months against the school's conferral calendar", () => {
    expect(graduationMonthPlausible("MIT", "2019-06")).toBe(true);
    expect(graduationMonthPlausible("MIT", "2019-02-14")).toBe(true);
    expect(graduationMonthPlausible("MIT", "2019-03")).toBe(false);
    expect(graduationMonthPlausible("Columbia University", "2020-10")).toBe(true);
    expect(graduationMonthPlausible("Columbia University", "2020-12")).toBe(false);
    expect(graduationMonthPlausible("Stanford", "2021-09")).toBe(true);
    expect(graduationMonthPlausible("MIT", "2019")).toBeUndefined();
    expect(graduationMonthPlausible("TUM", "2019-03")).toBeUndefined();
    expect(graduationMonthPlausible("Nowhere College", "2019-03")).toBeUndefined();
  });
});
