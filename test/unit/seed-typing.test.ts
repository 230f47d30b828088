/**
 * Seed spellings: every way the generator types an identifier has the normal form of the canonical value
 * (the property that lets repeat applicants and laptop-farm addresses link), and malformed numbers are
 * flagged malformed.
 */
import { describe, expect, it } from "vitest";

import { addressKey } from "../../server/normalise/address.js";
import { normaliseEmail } from "../../server/normalise/email.js";
import { nameKey } from "../../server/normalise/name.js";
import { normalisePhone } from "../../server/normalise/phone.js";
import { normaliseProfile } from "../../server/normalise/profile.js";
import { COUNTRIES, type CountryCode } from "../../seed/data/places.js";
import { e164, malformPhone, phoneNumberFor, phonePlan, typePhone } from "../../seed/phones.js";
import { Rng } from "../../server/common/rng.js";
import { typeAddress, typeEmail, typeGitHub, typeLinkedIn, typeName, type AddressParts } from "../../seed/typing.js";

const TRIES = 200;

describe("address spellings", () => {
  const farm: AddressParts = {
    country: "US",
    number: "123",
    predir: "N",
    street: "Main",
    streetType: "Street",
    unitType: "Apt",
    unit: "4",
    city: "Springfield",
    region: "OH",
    postal: "45501",
  };

  it("spells a laptop-farm address many ways that all fold to one key", () => {
    const rng = Rng.of(1, "address");
    const spellings = new Set<string>();
    const keys = new Set<string>();
    for (let i = 0; i < TRIES; i++) {
      const s = typeAddress(rng, farm);
      spellings.add(s);
      keys.add(addressKey(s));
    }
    expect(spellings.size).toBeGreaterThan(30);
    expect([...keys]).toEqual([addressKey("123 North Main Street, Apartment 4, Springfield, Ohio 45501")]);
    expect([...spellings].some((s) => s.includes("#4"))).toBe(true);
    expect([...spellings].some((s) => s === s.toUpperCase())).toBe(true);
  });

  it.each(["Unit", "Suite"])("keeps %s notation consistent", (unitType) => {
    const rng = Rng.of(2, unitType);
    const keys = new Set<string>();
    for (let i = 0; i < TRIES; i++) keys.add(addressKey(typeAddress(rng, { ...farm, unitType, unit: "210" })));
    expect(keys.size).toBe(1);
  });

  it.each(COUNTRIES.map((c) => c.code))("folds %s street types, states and cities", (code) => {
    const info = COUNTRIES.find((c) => c.code === code)!;
    const rng = Rng.of(3, code);
    for (const city of info.cities) {
      for (const streetType of info.streetTypes) {
        const parts: AddressParts = {
          country: code,
          number: "17",
          predir: code === "US" ? "W" : "",
          street: info.streets[0]!,
          streetType,
          unitType: code === "US" || code === "CA" ? "Apt" : "Flat",
          unit: "3",
          city: city.name,
          region: city.region,
          postal: `${city.postal.split(" ")[0]}1`,
        };
        const keys = new Set<string>();
        for (let i = 0; i < 25; i++) keys.add(addressKey(typeAddress(rng, parts)));
        expect([...keys], `${code} ${city.name} ${streetType}`).toHaveLength(1);
      }
    }
  });
});

describe("e-mail, profile and name spellings", () => {
  it.each([
    "jane.doe84@gmail.com",
    "jdoe4821@googlemail.com",
    "jane_doe@outlook.com",
    "jane.m.doe@yahoo.com",
    "lukasz.nowak@wp.pl",
  ])("%s keeps its normal form", (email) => {
    const rng = Rng.of(4, email);
    const want = normaliseEmail(email)!.key;
    const spellings = new Set<string>();
    for (let i = 0; i < TRIES; i++) {
      const s = typeEmail(rng, email, i % 3 === 0 ? "case" : true);
      spellings.add(s);
      expect(normaliseEmail(s)!.key).toBe(want);
    }
    expect(spellings.size).toBeGreaterThan(1);
  });

  it("types a LinkedIn handle in many URL forms with one key", () => {
    const rng = Rng.of(5);
    const forms = new Set<string>();
    for (const sub of ["www", "uk", "in"]) {
      for (let i = 0; i < TRIES; i++) {
        const url = typeLinkedIn(rng, "jane-doe-4a7b2913", sub);
        forms.add(url);
        expect(normaliseProfile(url)!.key).toBe("linkedin.com/in/jane-doe-4a7b2913");
      }
    }
    expect(forms.size).toBeGreaterThan(10);
    for (let i = 0; i < 50; i++)
      expect(normaliseProfile(typeGitHub(rng, "janedoe-x7k2q"))!.key).toBe("github.com/janedoe-x7k2q");
  });

  it.each([
    ["José", "García", false],
    ["Wei", "Zhang", true],
    ["Łukasz", "Wiśniewski", false],
    ["Mehmet", "Yılmaz", false],
    ["Conor", "O'Brien", false],
  ] as const)("%s %s keeps one name key", (given, family, familyFirst) => {
    const rng = Rng.of(6, given);
    const keys = new Set<string>();
    for (let i = 0; i < TRIES; i++) keys.add(nameKey(typeName(rng, given, family, familyFirst, true))!);
    expect(keys.size).toBe(1);
  });
});

describe("phone numbers", () => {
  it.each(COUNTRIES.map((c) => c.code))("%s numbers parse as valid in every typed format", (code) => {
    const plan = phonePlan(code as CountryCode);
    const rng = Rng.of(7, code);
    const groups = [...plan.groups.keys()];
    for (let serial = 0; serial < 150; serial++) {
      const nsn = phoneNumberFor(plan, groups[serial % groups.length]!, serial * 7919);
      const want = e164(code as CountryCode, nsn);
      const typed = typePhone(rng, code as CountryCode, nsn).text;
      const n = normalisePhone(typed, code)!;
      expect(n.malformed, `${typed} (${code})`).toBeFalsy();
      expect(n.key).toBe(want);
      // Typed with a country code, the number parses whatever country the applicant claims.
      const intl = typePhone(rng, code as CountryCode, nsn, { international: true }).text;
      expect(normalisePhone(intl, "US")!.key).toBe(want);
    }
  });

  it("gives distinct numbers to distinct serials", () => {
    const plan = phonePlan("US");
    const seen = new Set<string>();
    for (let s = 0; s < 20_000; s++) seen.add(phoneNumberFor(plan, "212", s));
    expect(seen.size).toBe(20_000);
  });

  it.each(["US", "GB", "IN", "DE"] as const)("malformed %s numbers are flagged malformed", (code) => {
    const plan = phonePlan(code);
    const rng = Rng.of(8, code);
    const group = [...plan.groups.keys()][0]!;
    for (let s = 0; s < 100; s++) {
      const bad = malformPhone(rng, code, phoneNumberFor(plan, group, s), code);
      expect(normalisePhone(bad, code)!.malformed, bad).toBe(true);
    }
  });

  it("uses '+1' formats about as often as asked", () => {
    const rng = Rng.of(9);
    let plus = 0;
    for (let i = 0; i < 2000; i++) if (typePhone(rng, "US", "4155552671", { plusOne: 0.4 }).plusOne) plus++;
    expect(plus / 2000).toBeGreaterThan(0.33);
    expect(plus / 2000).toBeLessThan(0.47);
  });
});
