/**
 * One person's typos (server/detect/typos.ts): a one-off value one edit from the value an identity
 * usually gives is that value mistyped. The edit test, the count, and on hand-built inputs the repeat
 * applicant it clears beside the reused identities it must still find.
 */
import { describe, expect, it } from "vitest";

import { K } from "../../../server/detect/input.js";
import { reuseCandidates } from "../../../server/detect/reuse-candidates.js";
import { attachContactKeys, distinctUpToTypos, withinOneEdit } from "../../../server/detect/typos.js";
import { buildInput, detect, type TestApp } from "./helpers.js";

describe("withinOneEdit", () => {
  it("accepts one character changed, added or removed, and nothing more", () => {
    expect(withinOneEdit("8583817700", "8583817700")).toBe(true);
    expect(withinOneEdit("8583817700", "8683817700")).toBe(true); // changed
    expect(withinOneEdit("harishjain68065@gmail.com", "harishjain680655@gmail.com")).toBe(true); // added
    expect(withinOneEdit("8583817700", "858381770")).toBe(true); // removed
    expect(withinOneEdit("8583817700", "5883817700")).toBe(false); // swapped: two edits
    expect(withinOneEdit("harishjain68065@gmail.com", "harishjain6.8065@gmaim.com")).toBe(false);
    expect(withinOneEdit("ab", "abcd")).toBe(false);
  });
});

describe("distinctUpToTypos", () => {
  it("folds a one-off into the value given on two or more applications", () => {
    expect(distinctUpToTypos(["a1@x.io", "a1@x.io", "a1@x.io", "a2@x.io"], 1)).toBe(1);
    expect(distinctUpToTypos(["a1@x.io", "a1@x.io", "a2@x.io"], 0)).toBe(2);
  });

  it("does not fold values each given as often (accounts made in sequence), nor one-offs among themselves", () => {
    expect(distinctUpToTypos(["miller1", "miller1", "miller2", "miller2", "miller3", "miller3"], 1)).toBe(3);
    expect(distinctUpToTypos(["miller1", "miller2", "miller3"], 1)).toBe(3);
  });
});

describe("a repeat applicant whose typos make three mailboxes and three phones", () => {
  // Ten applications by one person (one name, one profile, one laptop): the usual mailbox and number,
  // two mistyped mailboxes (one a digit off, one two characters off) and a number a digit off beside one
  // cut short by a missing digit. The grid's "noise 0.3" cell holds this applicant.
  const apps: TestApp[] = Array.from({ length: 10 }, (_, n) => ({
    id: `RA-${n}`,
    fullName: n % 3 ? "Harish Jain" : "Jain, Harish",
    profile: "linkedin.com/in/harish-jain-1490017156",
    email: n === 4 ? "harishjain69065@gmail.com" : n === 9 ? "harishjain6.8065@gmaim.com" : "harishjain68065@gmail.com",
    phone: n === 6 ? "+18683817700" : n === 7 ? "1858381770" : "+18583817700",
    device: "7dd7c807b226c174c6891741f3182c8f",
    ip: "99.160.177.108",
  }));

  it("is no cluster: two mailboxes and two numbers once the one-off typos are folded", () => {
    const out = detect(apps);
    expect(out.stats.identities).toBe(1);
    expect(out.clusters).toEqual([]);
    expect(out.parameters.rules).toMatchObject({ typoMaxEdits: 1 });
  });

  it("reads as a reused identity, high, when every value counts (typoMaxEdits 0)", () => {
    const out = detect(apps, { rules: { typoMaxEdits: 0 } });
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.patterns).toEqual(["identity_reuse"]);
    expect(out.clusters[0]!.reasons[0]!.text).toContain("with 3 email addresses, 3 phone numbers and 1 device");
    expect(out.clusters[0]!.risk_level).toBe("high");
  });

  it("is unfolded (and high) when the reader could not give the applications' values", () => {
    const input = buildInput(apps);
    expect(reuseCandidates(input)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A value list whose count differs from the input's (an application re-ingested after the read) is not used.
    attachContactKeys(input, reuseCandidates(input), (a) => [{ kind: K.email, key: `only-${a}@x.io` }]);
    expect(input.contactKeys!.size).toBe(0);
  });
});

describe("a reused identity whose operators' mailboxes were made in sequence, one character apart", () => {
  const operative = (n: number): TestApp => ({
    id: `IR-${n}`,
    fullName: "Andrew Miller",
    profile: "linkedin.com/in/andrew-miller-1",
    email: `andrew.miller${n}@outlook.com`,
    phone: `+1202555100${n}`,
    device: `op-device-${n}`,
    ip: `45.76.9.${n}`,
  });

  it("is still found when each operator applies once (no usual value to fold into)", () => {
    const out = detect([0, 1, 2, 3].map(operative));
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.patterns).toEqual(["identity_reuse"]);
    expect(out.clusters[0]!.reasons[0]!.text).toContain("with 4 email addresses, 4 phone numbers and 4 devices");
    expect(out.clusters[0]!.risk_level).toBe("high");
  });
});
