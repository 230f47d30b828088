/**
 * Address normal form, as a table: a state name is a state only where a US address puts its state
 * (the end, before ZIP and country); as part of a street name it stays a word, so a street suffix is
 * never read as a state and streets named after states keep their names.
 */
import { describe, expect, it } from "vitest";

import { addressKey, addressState, claimedState } from "../../../server/normalise/address.js";
import { normaliseRecord } from "../../../server/ingest/record.js";

const TABLE: [raw: string, key: string][] = [
  // The example: "Washington Pl" is a street in Denver, not the state of Washington.
  ["Washington Pl, Denver", "washington pl denver"],
  ["12 Washington Place, Denver, CO 80203", "12 washington pl denver co 80203"],
  ["12 Washington Place, Denver, Colorado 80203, USA", "12 washington pl denver co 80203"],
  // Streets named after states, with and without a suffix.
  ["1600 Pennsylvania Ave NW, Washington, DC 20500", "1600 pennsylvania ave nw washington dc 20500"],
  ["1600 Pennsylvania", "1600 pennsylvania"],
  ["40 New York Avenue, Brooklyn, New York 11216", "40 new york ave brooklyn ny 11216"],
  ["9 Texas St, Austin, Texas", "9 texas st austin tx"],
  ["300 North Carolina Ave SE, Washington DC", "300 n carolina ave se washington dc"],
  ["Kansas City, Missouri 64105", "kansas city mo 64105"],
  // States where a state stands: spelt out or abbreviated, with ZIP+4, a country or neither.
  ["500 Pine St, Seattle, Washington 98101-1234, United States", "500 pine st seattle wa 98101 1234"],
  ["500 Pine St, Seattle, WA 98101-1234", "500 pine st seattle wa 98101 1234"],
  ["77 Orchard Street, Apt 3, Springfield, Illinois", "77 orchard st apt 3 springfield il"],
  ["1 Main St, Charleston, West Virginia 25301", "1 main st charleston wv 25301"],
  ["1 Main St, Charleston, South Carolina USA", "1 main st charleston sc"],
  // Not US: nothing is read as a state, the country dropped only for the US and Canada.
  ["12 King Street W, Toronto ON, Canada", "12 king st w toronto on"],
  ["12 King Street W, Toronto, Ontario M5V 2T6, Canada", "12 king st w toronto ontario m5v 2t6"],
  ["Hauptstraße 5, Berlin", "hauptstrasse 5 berlin"],
  // A lone state name is not an address with a state.
  ["Washington", "washington"],
  ["USA", "usa"],
];

describe("address normal form", () => {
  it.each(TABLE)("%s → %s", (raw, key) => expect(addressKey(raw)).toBe(key));

  it("never abbreviates a state name followed by a street suffix", () => {
    const suffixes = ["Street", "St", "Avenue", "Ave", "Place", "Pl", "Road", "Drive", "Court", "Lane", "Blvd"];
    for (const state of ["Washington", "Virginia", "Texas", "Georgia", "Indiana", "New Jersey", "Rhode Island"])
      for (const suffix of suffixes) {
        const key = addressKey(`10 ${state} ${suffix}, Springfield, IL 62701`);
        expect(key.startsWith(`10 ${state.toLowerCase()} `), key).toBe(true);
        expect(key.endsWith(" springfield il 62701"), key).toBe(true);
      }
  });

  it("gives every spelling of one address the same key", () => {
    const spellings = [
      "12 Washington Place, Denver, CO 80203",
      "12 washington pl. denver colorado 80203",
      "12 WASHINGTON PL, DENVER, CO 80203, USA",
    ];
    expect(new Set(spellings.map(addressKey)).size).toBe(1);
  });
});

describe("the state of an address and of a claimed location (the ships_out_of_state indicator)", () => {
  it("reads an address's state only before a five-digit ZIP code", () => {
    expect(addressState("157 Poplar St. Apt. 8,  Denver,  CO 80211")).toBe("co");
    expect(addressState("5512 GREENWOOD RD. #15, DALLAS, TEXAS 75299")).toBe("tx");
    expect(addressState("40 New York Avenue, Brooklyn, New York 11216")).toBe("ny");
    // No ZIP code: a trailing "Ct" is a court, not Connecticut; outside the US there is no state.
    expect(addressState("12 Oak Ct")).toBeNull();
    expect(addressState("12 King Street W, Toronto, Ontario M5V 2T6, Canada")).toBeNull();
  });

  it("reads a claimed location's state after its last comma, abbreviated or spelt out", () => {
    expect(claimedState("Detroit, MI")).toBe("mi");
    expect(claimedState("San Antonio, Texas")).toBe("tx");
    expect(claimedState("Washington, DC")).toBe("dc");
    expect(claimedState("London, UK")).toBeNull();
    expect(claimedState("Remote")).toBeNull();
  });

  it("flags an application shipping to another state than the one it claims, and only then", () => {
    const record = (claimed_location: string) => ({
      application_id: "A-1",
      submitted_at: "2026-03-02T09:00:00Z",
      full_name: "Laura Parker",
      claimed_location,
      shipping_address: "157 Poplar Street, Apartment 8, Denver, CO 80211",
    });
    const indicators = (claimed: string) => {
      const r = normaliseRecord(record(claimed));
      return r.ok ? r.application.indicators : null;
    };
    expect(indicators("Detroit, MI")).toContain("ships_out_of_state");
    expect(indicators("Denver, CO")).not.toContain("ships_out_of_state");
    expect(indicators("Denver")).not.toContain("ships_out_of_state");
  });
});
