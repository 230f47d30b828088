/**
 * The input builder: interning, per-kind totals, private IPs looked up but not kept, and the indicator
 * bits it derives (VPN/hosting IP from the offline ASN table, education against the reference table).
 */
import { describe, expect, it } from "vitest";

import { defaultEnvironment } from "../../../server/detect/environment.js";
import {
  GRADUATION_OFF_CALENDAR,
  HOSTING_IP,
  INDICATOR_BIT,
  K,
  KIND_COUNT,
  MAJOR_NOT_OFFERED,
} from "../../../server/detect/input.js";
import { InputBuilder } from "../../../server/detect/input-builder.js";

describe("InputBuilder", () => {
  it("keeps shared keys once, counts the rest, and derives indicator bits", () => {
    const b = new InputBuilder(defaultEnvironment());
    b.add(
      {
        id: "A-1",
        submittedAt: "2026-01-01T10:00:00Z",
        fullName: "Ana López",
        university: "Caltech",
        major: "Nursing",
        graduationDate: "2020-03",
        shippingAddress: "1 Main St",
        indicators: ["malformed_phone", "not_an_indicator"],
      },
      [
        [K.email, "shared@mail.example"],
        [K.address, "1 main st"],
      ],
      { privateIps: ["45.76.1.1", "198.51.100.4"], totals: [2, 1, 0, 1, 0, 1, 0] },
    );
    b.add(
      {
        id: "A-2",
        submittedAt: 0,
        fullName: "lopez, ana",
        university: "Caltech",
        major: "Physics",
        graduationDate: "2020",
      },
      [{ kind: "email", key: "shared@mail.example" }],
    );
    const input = b.build();
    expect(input.apps.count).toBe(2);
    expect(input.identifiers.key).toEqual(["shared@mail.example", "1 main st"]);
    expect(Array.from(input.links.ident)).toEqual([0, 1, 0]);
    expect(Array.from(input.links.offset)).toEqual([0, 2, 3]);
    // Same folded name: one name key.
    expect(input.apps.nameKey[0]).toBe(input.apps.nameKey[1]);
    expect(Array.from(input.apps.kindTotals.subarray(0, KIND_COUNT))).toEqual([2, 1, 2, 1, 0, 1, 0]);
    expect(input.apps.indicators[0]).toBe(
      INDICATOR_BIT.malformed_phone | HOSTING_IP | MAJOR_NOT_OFFERED | GRADUATION_OFF_CALENDAR,
    );
    expect(input.apps.indicators[1]).toBe(0);
    expect(input.apps.hostingIps.get(0)).toEqual([{ ip: "45.76.1.1", asn: 20473 }]);
    expect(input.strings.networks.get(20473)).toBe("The Constant Company, LLC");
    expect(input.apps.educationClaims.get(0)).toEqual({
      university: "Caltech",
      major: "Nursing",
      graduation: "2020-03",
    });
    expect(input.apps.educationClaims.has(1)).toBe(false);
    expect(input.apps.shippingAddress).toEqual(["1 Main St", null]);
    expect(input.apps.submittedAt[0]).toBe(Date.parse("2026-01-01T10:00:00Z"));
  });
});
