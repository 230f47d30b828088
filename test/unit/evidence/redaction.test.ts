/**
 * Redaction and CSV safety: each mode per kind, stable pseudonyms, redaction inside free text, and
 * formula-injection escaping.
 */
import { describe, expect, it } from "vitest";

import { safeCell } from "../../../server/evidence/csv-files.js";
import { FreeTextScrubber, type ContactIndex, type KnownValue } from "../../../server/evidence/free-text.js";
import { DEFAULT_REDACTION, Redactor, type RedactionChoices } from "../../../server/evidence/redaction.js";

const SECRET = Buffer.alloc(32, 1);
const all = (mode: "full" | "masked" | "pseudonym") =>
  Object.fromEntries(Object.keys(DEFAULT_REDACTION).map((k) => [k, mode])) as RedactionChoices;

describe("Redactor", () => {
  it("shows full values unchanged", () => {
    const r = new Redactor(all("full"), SECRET, "CASE-0001");
    expect(r.identifier("email", "jane.doe@example.com")).toBe("jane.doe@example.com");
    expect(r.name("Jane Doe")).toBe("Jane Doe");
  });

  it("masks each kind keeping what an investigator needs", () => {
    const r = new Redactor(all("masked"), SECRET, "CASE-0001");
    expect(r.identifier("email", "jane.doe@example.com")).toBe("j*******@example.com");
    expect(r.identifier("phone", "+15551234567")).toBe("+*********67");
    expect(r.identifier("ip", "203.0.113.7", { prefix: "203.0.113.0/24" })).toBe("203.0.113.0/24");
    expect(r.identifier("device", "dev-abcdef")).toBe("dev-******");
    expect(r.identifier("profile", "linkedin.com/in/janedoe")).toBe("linkedin.com/in/j******");
    expect(r.identifier("address", "12 elm st springfield il 62701")).toBe("******** il 62701");
    expect(r.identifier("payment", "acct-99118877")).toBe("********8877");
    expect(r.name("jane van doe")).toBe("J. V. D.");
    expect(r.location("Springfield, IL")).toBe("(masked)");
  });

  it("pseudonymises stably per case and differently across cases", () => {
    const a = new Redactor(all("pseudonym"), SECRET, "CASE-0001");
    const again = new Redactor(all("pseudonym"), SECRET, "CASE-0001");
    const other = new Redactor(all("pseudonym"), SECRET, "CASE-0002");
    const p = a.identifier("phone", "+15551234567");
    expect(p).toMatch(/^phone-[0-9a-f]{12}$/);
    expect(again.identifier("phone", "+15551234567")).toBe(p);
    expect(other.identifier("phone", "+15551234567")).not.toBe(p);
    expect(a.nodeId("phone:+15551234567")).toBe(
      new Redactor(all("full"), SECRET, "CASE-0001").nodeId("phone:+15551234567"),
    );
  });

  it("honours a mixed choice (full phones, masked emails)", () => {
    const r = new Redactor({ ...DEFAULT_REDACTION, email: "masked" }, SECRET, "CASE-0001");
    expect(r.identifier("phone", "+15551234567")).toBe("+15551234567");
    expect(r.identifier("email", "ab@x.org")).toBe("a*@x.org");
  });
});

const known = (over: Partial<KnownValue> = {}): KnownValue => ({
  field: "address",
  forms: ["1233 Spring Way, Nashville, TN 37290", "1233 spring way nashville tn 37290"],
  shown: "****** tn 37290",
  released: false,
  ...over,
});
const contacts = (): ContactIndex => ({
  email: new Map([["janedoe@gmail.com", { shown: "j*******@gmail.com", released: false }]]),
  ip: new Map([["203.0.113.7", { shown: "203.0.113.0/24", released: false }]]),
  phoneDigits: new Map([["16158201036", { shown: "+*********36", released: false }]]),
});

describe("FreeTextScrubber", () => {
  const name: KnownValue = {
    field: "full_name",
    forms: ["Jane Doe", "doe jane"],
    words: [
      { word: "Jane", shown: "J." },
      { word: "Doe", shown: "D." },
    ],
    shown: "J. D.",
    released: false,
  };

  it("finds values in any letter case, spacing and order, and phones by their digits", () => {
    const s = new FreeTextScrubber([known(), name], contacts(), false);
    const out = s.scrub(
      "DOE, JANE shipped to 1233 SPRING WAY NASHVILLE TN 37290; mail Jane.Doe+x@GMail.com; call (615) 820-1036 or 6158201036 from 203.0.113.7",
    );
    for (const leaked of ["Jane", "JANE", "DOE", "SPRING", "Jane.Doe", "820-1036", "6158201036", "203.0.113.7"])
      expect(out).not.toContain(leaked);
    expect(out).toContain("j*******@gmail.com");
    expect(out).toContain("+*********36");
    expect(out).toContain("203.0.113.0/24");
    expect(out).toContain("****** tn 37290");
  });

  it("withholds lookalikes that are not values of the case unless released, and counts both", () => {
    const text = "tip from a.b@example.net, +44 20 7946 0958 at 192.0.2.55 on 2026-05-12 about 2,000 applications";
    const withheld = new FreeTextScrubber([], contacts(), false);
    const out = withheld.scrub(text);
    expect(out).toBe(
      "tip from [email withheld], [phone number withheld] at [IP address withheld] on 2026-05-12 about 2,000 applications",
    );
    expect(withheld.counts).toMatchObject({ unlisted_emails: 1, unlisted_phones: 1, unlisted_ips: 1 });
    const released = new FreeTextScrubber([], contacts(), true);
    expect(released.scrub(text)).toBe(text);
    expect(released.counts.released_unlisted).toBe(3);
  });

  it("keeps values of fields released in full, and escapes masks inside Markdown", () => {
    const s = new FreeTextScrubber([known({ released: true }), name], contacts(), false);
    expect(s.scrub("1233 Spring Way, Nashville, TN 37290")).toBe("1233 Spring Way, Nashville, TN 37290");
    expect(s.counts.released_case_values).toBe(1);
    expect(s.scrub("*Jane* called janedoe@gmail.com", { markdown: true })).toBe(
      String.raw`*J.* called j\*\*\*\*\*\*\*@gmail.com`,
    );
  });
});

describe("safeCell", () => {
  it("escapes cells a spreadsheet would run as formulas", () => {
    expect(safeCell('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(safeCell("+15551234567")).toBe("+15551234567"); // a number, not a formula: kept (and quoted)
    expect(safeCell("+1 (555) 123-4567")).toBe("+1 (555) 123-4567");
    expect(safeCell("-1+2")).toBe("'-1+2");
    expect(safeCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("\tcmd")).toBe("'\tcmd");
    expect(safeCell("\rcmd")).toBe("'\rcmd");
    expect(safeCell("Jane Doe")).toBe("Jane Doe");
    expect(safeCell(3)).toBe(3);
    expect(safeCell(null)).toBe("");
  });
});

describe("FreeTextScrubber on hostile text", () => {
  it("scans 200,000 characters of letters and digits in linear time", () => {
    const s = new FreeTextScrubber([], { email: new Map(), ip: new Map(), phoneDigits: new Map() }, false);
    const t0 = performance.now();
    s.scrub(`${"a".repeat(100_000)}${"1".repeat(100_000)}x`);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
