/**
 * Redaction and CSV safety: each mode per kind, stable pseudonyms, redaction inside free text, and
 * formula-injection escaping.
 */
import { describe, expect, it } from "vitest";

import { safeCell } from "../../../server/evidence/csv-files.js";
import { textRedactor } from "../../../server/evidence/dossier.js";
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
    expect(r.identifier("address", "12 elm st springfield il 62701")).toBe("******** springfield il 62701");
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

  it("redacts values and names quoted in free text", () => {
    const r = new Redactor({ ...DEFAULT_REDACTION, email: "masked", full_name: "pseudonym" }, SECRET, "C");
    const redact = textRedactor(
      {
        members: [{ id: "A-1", full_name: "Jane Doe", identifiers: [] }],
        identifiers: [
          {
            ref: "email:jd@x.org",
            kind: "email",
            key: "jd@x.org",
            props: {},
            used_by: 2,
            members: 2,
            common_infrastructure: false,
            pinned: false,
          },
        ],
      },
      r,
    );
    const out = redact("Jane Doe and A-2 share email jd@x.org.");
    expect(out).not.toContain("Jane Doe");
    expect(out).not.toContain("jd@x.org");
    expect(out).toContain("j*@x.org");
  });
});

describe("safeCell", () => {
  it("escapes cells a spreadsheet would run as formulas", () => {
    expect(safeCell('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(safeCell("+15551234567")).toBe("'+15551234567");
    expect(safeCell("-1+2")).toBe("'-1+2");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("\tcmd")).toBe("'\tcmd");
    expect(safeCell("\rcmd")).toBe("'\rcmd");
    expect(safeCell("Jane Doe")).toBe("Jane Doe");
    expect(safeCell(3)).toBe(3);
    expect(safeCell(null)).toBe("");
  });
});
