/**
 * Normal forms: tables of typed values and the key each must link through (the contract's cases first).
 */
import ipaddr from "ipaddr.js";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";

import { generatePopulation } from "../../seed/generate.js";

import { addressKey } from "../../server/normalise/address.js";
import { normaliseDevice } from "../../server/normalise/device.js";
import { normaliseEmail } from "../../server/normalise/email.js";
import { normaliseIp } from "../../server/normalise/ip.js";
import { nameKey } from "../../server/normalise/name.js";
import { normalisePayment } from "../../server/normalise/payment.js";
import { normalisePhone } from "../../server/normalise/phone.js";
import { normaliseProfile } from "../../server/normalise/profile.js";

describe("email", () => {
  it.each([
    ["  Jane.Doe@Example.COM ", "jane.doe@example.com", true],
    ["j.a.n.e+jobs@gmail.com", "jane@gmail.com", true],
    ["Jane.Doe+x@GoogleMail.com", "janedoe@gmail.com", true],
    ["jane.doe+tag@outlook.com", "jane.doe@outlook.com", true],
    ["jane.doe@company.io", "jane.doe@company.io", true],
    ["not-an-email", "not-an-email", false],
    ["jane@@example.com", "jane@@example.com", false],
  ])("%s -> %s", (raw, key, valid) => {
    const n = normaliseEmail(raw)!;
    expect(n.key).toBe(key);
    expect(n.props.valid).toBe(valid);
    expect(Boolean(n.malformed)).toBe(!valid);
  });
  it("keeps the domain", () => expect(normaliseEmail("a@GoogleMail.com")!.props.domain).toBe("gmail.com"));
  it("ignores empty values", () => expect(normaliseEmail("   ")).toBeNull());
});

describe("phone", () => {
  it.each([
    ["(415) 555-2671", undefined, "+14155552671"],
    ["+1 415 555 2671", undefined, "+14155552671"],
    ["1-415-555-2671", undefined, "+14155552671"],
    ["020 7946 0958", "GB", "+442079460958"],
    ["+44 20 7946 0958", "US", "+442079460958"],
    ["030 12345678", "DE", "+493012345678"],
  ])("%s (claimed %s) -> %s", (raw, country, key) => {
    const n = normalisePhone(raw, country)!;
    expect(n.key).toBe(key);
    expect(n.props.valid).toBe(true);
    expect(n.malformed).toBeFalsy();
  });
  it("records country and line type where libphonenumber knows them", () => {
    const n = normalisePhone("+44 7400 123456")!;
    expect(n.props.country).toBe("GB");
    expect(n.props.line_type).toBe("MOBILE");
  });
  it.each([
    ["555-12", "55512"],
    ["+1 (415) 555-26", "141555526"],
    ["12345678901234567", "12345678901234567"],
  ])("malformed %s is keyed by its digits %s", (raw, key) => {
    const n = normalisePhone(raw)!;
    expect(n.key).toBe(key);
    expect(n.malformed).toBe(true);
    expect(n.links).toBe(true);
  });
  it("a value with no digits links nothing", () => expect(normalisePhone("call me")!.links).toBe(false));
  it("is valid exactly when libphonenumber's isValid() says so (it reads the type once instead)", () => {
    const typed: [string, string | undefined][] = [];
    for (const { record } of generatePopulation({ apps: 2000, seed: 11 }))
      for (const p of [record.phone ?? []].flat()) typed.push([p, record.claimed_country]);
    typed.push(["+1 900 555 0100", undefined], ["+44 20 7946 095", "GB"], ["0800 123 4567", "DE"], ["+882 1234", "US"]);
    expect(typed.length).toBeGreaterThan(1500);
    for (const [raw, country] of typed) {
      const parsed = parsePhoneNumberFromString(raw.trim(), {
        defaultCountry: (country?.toUpperCase() || "US") as CountryCode,
        extract: false,
      });
      expect([raw, normalisePhone(raw, country)!.props.valid]).toEqual([raw, parsed?.isValid() ?? false]);
    }
  });
});

describe("ip", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7", 4, "203.0.113.0/24", true],
    [" 8.8.8.8 ", "8.8.8.8", 4, "8.8.8.0/24", true],
    ["::ffff:8.8.4.4", "8.8.4.4", 4, "8.8.4.0/24", true],
    ["2A00:1450:4001:082A:0000:0000:0000:200E", "2a00:1450:4001:82a::200e", 6, "2a00:1450:4001::/48", true],
    ["10.1.2.3", "10.1.2.3", 4, "10.1.2.0/24", false],
    ["192.168.0.10", "192.168.0.10", 4, "192.168.0.0/24", false],
    ["127.0.0.1", "127.0.0.1", 4, "127.0.0.0/24", false],
    ["169.254.3.4", "169.254.3.4", 4, "169.254.3.0/24", false],
    ["100.64.0.9", "100.64.0.9", 4, "100.64.0.0/24", false],
    ["fe80::1", "fe80::1", 6, "fe80::/48", false],
  ])("%s -> %s", (raw, key, version, prefix, routable) => {
    const n = normaliseIp(raw)!;
    expect(n.key).toBe(key);
    expect(n.props.version).toBe(version);
    expect(n.props.prefix).toBe(prefix);
    expect(n.links).toBe(routable);
  });
  it.each(["999.1.1.1", "1.2.3", "0x7f.1", "hello", "01.2.3.4", "1.2.3.4.5", "256.0.0.1"])(
    "%s is malformed and links nothing",
    (raw) => {
      const n = normaliseIp(raw)!;
      expect(n.malformed).toBe(true);
      expect(n.links).toBe(false);
    },
  );
  it("accepts exactly ipaddr's strict dotted-quad IPv4 and IPv6 forms (each parsed once)", () => {
    const typed = ["0.0.0.0", "255.255.255.255", "00.1.2.3", "1.02.3.4", "1.2.3.4", "::ffff:1.2.3.4", "::1"];
    typed.push("1e1.2.3.4", "+1.2.3.4", "1.2.3.4/24", "2001:db8::1", "2001:db8::g", "0777.1.1.1", "4294967295");
    for (const raw of typed) {
      const strict = ipaddr.IPv4.isValidFourPartDecimal(raw) || ipaddr.IPv6.isValid(raw);
      expect([raw, !normaliseIp(raw)!.malformed]).toEqual([raw, strict]);
      if (strict) expect(normaliseIp(raw)!.key).toBe(ipaddr.process(raw).toString());
    }
  });
});

describe("device and payment", () => {
  it("device ids are trimmed and lower-cased", () => expect(normaliseDevice("  ABC-123-Ff ")!.key).toBe("abc-123-ff"));
  it("payment accounts are compared as given", () => expect(normalisePayment(" AbC123 ")!.key).toBe("AbC123"));
});

describe("profile", () => {
  it.each([
    ["https://www.linkedin.com/in/Jane-Doe-123/", "linkedin.com/in/jane-doe-123", "linkedin"],
    ["linkedin.com/in/jane-doe-123?trk=public_profile#about", "linkedin.com/in/jane-doe-123", "linkedin"],
    ["http://uk.linkedin.com/in/jane-doe-123/details/experience/", "linkedin.com/in/jane-doe-123", "linkedin"],
    ["https://GitHub.com/JaneDoe/", "github.com/janedoe", "github"],
    ["https://github.com/janedoe/some-repo", "github.com/janedoe", "github"],
    ["https://www.Jane-Doe.dev/portfolio/?ref=cv", "jane-doe.dev/portfolio", "website"],
  ])("%s -> %s", (raw, key, platform) => {
    const n = normaliseProfile(raw)!;
    expect(n.key).toBe(key);
    expect(n.props.platform).toBe(platform);
  });
  it("keeps an unparseable value, flagged", () => {
    const n = normaliseProfile("my profile")!;
    expect(n.malformed).toBe(true);
  });
  it("keeps a malformed %-escape as typed instead of throwing (found by the ingest fuzz test)", () => {
    expect(normaliseProfile("https://github.com/%E0%A4%A")!.key).toBe("github.com/%e0%a4%a");
    expect(normaliseProfile("linkedin.com/in/ab%ZZcd")!.key).toBe("linkedin.com/in/ab%zzcd");
  });
});

describe("shipping address", () => {
  const spellings = [
    "123 Main Street, Apt 4, Springfield, IL 62701",
    "123 main st. #4 springfield il 62701",
    "123 MAIN ST, APT. 4, SPRINGFIELD, ILLINOIS 62701, USA",
    "123  Main   Street Apartment 4 Springfield IL 62701",
    "123 Main St Apt #4, Springfield, Illinois 62701",
  ];
  it("folds case, punctuation, white space and abbreviations into one key", () => {
    const keys = new Set(spellings.map(addressKey));
    expect([...keys]).toEqual(["123 main st apt 4 springfield il 62701"]);
  });
  it("keeps different addresses apart", () => {
    expect(addressKey("124 Main Street Apt 4 Springfield IL")).not.toBe(
      addressKey("123 Main Street Apt 4 Springfield IL"),
    );
    expect(addressKey("123 Main Street Apt 5")).not.toBe(addressKey("123 Main Street Apt 4"));
  });
  it("folds accents", () => expect(addressKey("5 Rue de l'Église")).toBe("5 rue de l eglise"));
});

describe("name key", () => {
  it("folds accents, case, punctuation and word order", () => {
    expect(nameKey("José  García-Lopez")).toBe(nameKey("garcia lopez, JOSE"));
    expect(nameKey("Jane Doe")).not.toBe(nameKey("John Doe"));
    expect(nameKey("  ")).toBeNull();
  });
});

describe("shipping address, other scripts and countries", () => {
  it("reads ß as ss and drops a trailing Canada", () => {
    expect(addressKey("Hauptstraße 5")).toBe(addressKey("HAUPTSTRASSE 5"));
    expect(addressKey("12 King Street W, Toronto ON, Canada")).toBe("12 king st w toronto on");
  });
});
