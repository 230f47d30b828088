/**
 * STIX mapping: required properties and references (checked by test/helpers/stix.ts), ids that stay
 * the same across exports, the TLP marking, the laptop-farm infrastructure, patterns only for values
 * that leave unredacted (or as an IP network), and redaction inside the bundle.
 */
import { describe, expect, it } from "vitest";

import type { CaseIdentifier, CaseMember } from "../../../server/cases/case-view.js";
import type { CaseRecord } from "../../../server/cases/types.js";
import { DEFAULT_REDACTION, Redactor } from "../../../server/evidence/redaction.js";
import { buildStixBundle, patternString } from "../../../server/evidence/stix.js";
import { uuidv5 } from "../../../server/evidence/uuid.js";
import { stixProblems } from "../../helpers/stix.js";

const SECRET = Buffer.alloc(32, 7);

const record: CaseRecord = {
  id: "CASE-0007",
  title: "Farm at 12 Elm",
  status: "open",
  assignee: "ana",
  created_at: "2026-03-01T10:00:00.000Z",
  created_by: "ana",
  updated_at: "2026-03-01T10:00:00.000Z",
  source: "cluster",
  run_id: "run-1",
  cluster_id: "C-9",
  cluster_generated_at: "2026-03-01T09:00:00.000Z",
  risk_score: 88,
  risk_level: "high",
  patterns: ["laptop_farm"],
  version: 1,
  member_count: 3,
  reasons: [
    {
      code: "laptop_farm",
      text: "3 identities share device dev-farm-1 and 12 elm st springfield il 62701.",
      identifiers: ["device:dev-farm-1", "address:12 elm st springfield il 62701"],
    },
  ],
  shared_identifiers: [],
  common_infrastructure: [],
  member_ids: ["A-1", "A-2", "A-3"],
  notes_md: "",
  pinned_applications: [],
  pinned_identifiers: [],
  history: [],
};

const ident = (
  kind: CaseIdentifier["kind"],
  key: string,
  members: number,
  props: Record<string, unknown> = {},
): CaseIdentifier => ({
  ref: `${kind}:${key}`,
  kind,
  key,
  props: { key, ...props },
  used_by: members,
  members,
  common_infrastructure: false,
  pinned: false,
});

const identifiers = [
  ident("device", "dev-farm-1", 3),
  ident("address", "12 elm st springfield il 62701", 3),
  ident("email", "o'brien@example.com", 1),
  ident("email", "shared@example.com", 2),
  ident("ip", "203.0.113.7", 3, { version: 4, prefix: "203.0.113.0/24" }),
  ident("ip", "2001:db8::1", 2, { version: 6, prefix: "2001:db8::/48" }),
  ident("phone", "+15551234567", 2),
  ident("profile", "linkedin.com/in/jdoe", 2),
  ident("payment", "acct-9911", 2),
];
const members: CaseMember[] = ["A-1", "A-2", "A-3"].map((id, i) => ({
  id,
  full_name: ["John Doe", "Jane Roe", "Max Mustermann"][i],
  submitted_at: `2026-02-0${i + 1}T00:00:00.000Z`,
  identifiers: identifiers
    .filter((x) => x.members >= 3 || (x.members === 2 && i < 2) || (x.members === 1 && i === 0))
    .map((x) => x.ref),
}));

function bundle(redaction = DEFAULT_REDACTION, exportedAt = "2026-03-02T00:00:00.000Z", exportId = "e1") {
  return buildStixBundle(
    {
      case: record,
      members,
      identifiers,
      organisation: "Acme Trust & Safety",
      exportedAt,
      tlp: "amber",
      redactor: new Redactor(redaction, SECRET, record.id),
      notes: "Spoke to HR.",
    },
    exportId,
  );
}

describe("uuidv5", () => {
  it("matches the RFC 9562 example", () => {
    expect(uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

describe("buildStixBundle", () => {
  it("produces a valid STIX 2.1 bundle", () => {
    expect(stixProblems(bundle())).toEqual([]);
  });

  it("keeps every object id across re-exports of the same case", () => {
    const a = bundle(DEFAULT_REDACTION, "2026-03-02T00:00:00.000Z", "e1");
    const b = bundle(DEFAULT_REDACTION, "2026-04-09T12:00:00.000Z", "e2");
    expect(b.objects.map((o) => o.id).sort()).toEqual(a.objects.map((o) => o.id).sort());
    expect(b.id).not.toBe(a.id);
    const g = b.objects.find((o) => o.type === "grouping")!;
    expect(g.modified).toBe("2026-04-09T12:00:00.000Z");
    expect(g.created).toBe(record.created_at);
  });

  it("gives SCOs the STIX deterministic id of their value", () => {
    const email = bundle().objects.find((o) => o.type === "email-addr" && o.value === "shared@example.com")!;
    expect(email.id).toBe(
      `email-addr--${uuidv5("00abedb4-aa42-466c-9c01-fed23315a9b7", '{"value":"shared@example.com"}')}`,
    );
  });

  it("marks everything with the chosen TLP 2.0 marking", () => {
    const b = bundle();
    const m = b.objects.find((o) => o.type === "marking-definition")!;
    expect(m.id).toBe("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
    expect(m.name).toBe("TLP:AMBER");
    expect(b.objects.find((o) => o.type === "grouping")!.object_marking_refs).toEqual([m.id]);
  });

  it("maps kinds to the right objects and links the laptop farm", () => {
    const b = bundle();
    const types = b.objects.map((o) => o.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "identity",
        "email-addr",
        "ipv4-addr",
        "ipv6-addr",
        "url",
        "x-ringscope-identifier",
        "infrastructure",
        "indicator",
        "relationship",
        "grouping",
        "note",
        "extension-definition",
      ]),
    );
    expect(b.objects.filter((o) => o.type === "identity" && o.identity_class === "individual")).toHaveLength(3);
    const farm = b.objects.find((o) => o.type === "infrastructure")!;
    expect(farm.infrastructure_types).toEqual(["workstation"]);
    const parts = b.objects.filter(
      (o) => o.type === "relationship" && o.relationship_type === "consists-of" && o.source_ref === farm.id,
    );
    const partValues = parts.map((r) => b.objects.find((o) => o.id === r.target_ref)!.value).sort();
    expect(partValues).toEqual(["12 elm st springfield il 62701", "dev-farm-1"]);
  });

  it("writes indicators for shared identifiers only, with escaped patterns", () => {
    const patterns = bundle()
      .objects.filter((o) => o.type === "indicator")
      .map((o) => o.pattern as string);
    expect(patterns).toContain("[email-addr:value = 'shared@example.com']");
    expect(patterns).toContain("[ipv4-addr:value = '203.0.113.7']");
    expect(patterns).toContain(
      "[x-ringscope-identifier:kind = 'phone' AND x-ringscope-identifier:value = '+15551234567']",
    );
    expect(patterns.some((p) => p.includes("o\\'brien"))).toBe(false); // used once: no indicator
    expect(patternString("o'b\\c")).toBe("'o\\'b\\\\c'");
  });

  it("honours redaction: no raw value leaves, masked IPs become network indicators, no patterns on masks", () => {
    const redaction = {
      ...DEFAULT_REDACTION,
      email: "masked",
      phone: "pseudonym",
      ip: "masked",
      full_name: "masked",
      address: "masked",
      device: "pseudonym",
    } as const;
    const b = bundle(redaction);
    const text = JSON.stringify(b);
    for (const raw of ["shared@example.com", "+15551234567", "203.0.113.7", "John Doe", "dev-farm-1", "12 elm st"])
      expect(text).not.toContain(raw);
    expect(stixProblems(b)).toEqual([]);
    const patterns = b.objects.filter((o) => o.type === "indicator").map((o) => o.pattern);
    expect(patterns).toContain("[ipv4-addr:value ISSUBSET '203.0.113.0/24']");
    expect(patterns.some((p) => String(p).includes("email-addr"))).toBe(false);
    expect(b.objects.find((o) => o.type === "email-addr" && String(o.value).startsWith("s"))!.value).toBe(
      "s*****@example.com",
    );
  });
});
