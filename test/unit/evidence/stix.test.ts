/**
 * STIX mapping from the redacted view: required properties and references (test/helpers/stix.ts; the
 * OASIS validator runs in test/integration/evidence-recipient.test.ts), ids that stay the same across
 * re-exports with the same choices and differ across installations and choices, the TLP marking, the
 * laptop-farm infrastructure, patterns only for values that leave unredacted (or as an IP network), and
 * masked values as distinct custom objects, never as standard observables.
 */
import { describe, expect, it } from "vitest";

import type { CaseContents, CaseIdentifier, CaseMember, CaseRecord } from "../../../server/common/api/cases.js";
import { DEFAULT_REDACTION, Redactor, type RedactionChoices } from "../../../server/evidence/redaction.js";
import { buildStixBundle, patternString } from "../../../server/evidence/stix.js";
import { buildView } from "../../../server/evidence/view.js";
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
  notes_md: "Spoke to HR.",
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

const NS = "3f0e9c1e-2b7a-4c1d-9e8f-0a1b2c3d4e5f";
const contents: CaseContents = { members, missing_members: [], identifiers, graph: { nodes: [], edges: [] } };

function bundle(
  redaction: RedactionChoices = DEFAULT_REDACTION,
  exportedAt = "2026-03-02T00:00:00.000Z",
  exportId = "e1",
  namespace = NS,
  tlp: "amber" | "red" = "amber",
) {
  const view = buildView({
    record,
    contents,
    rawRecords: new Map(),
    redactor: new Redactor(redaction, SECRET, record.id),
    choices: { tlp, redaction, includeNotes: true, releaseUnlisted: false },
    purpose: null,
    recipient: null,
  });
  return buildStixBundle({ view, organisation: "Acme Trust & Safety", exportedAt, exportId, namespace });
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

  it("gives other ids under another installation's namespace or other export choices", () => {
    const ids = (b: ReturnType<typeof bundle>) =>
      new Set(
        b.objects
          .filter((o) => !["marking-definition"].includes(o.type) && !o.type.endsWith("-addr") && o.type !== "url")
          .map((o) => o.id),
      );
    const base = ids(bundle());
    const otherInstallation = ids(
      bundle(DEFAULT_REDACTION, undefined, undefined, "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"),
    );
    const otherTlp = ids(bundle(DEFAULT_REDACTION, undefined, undefined, NS, "red"));
    const masked = ids(bundle({ ...DEFAULT_REDACTION, email: "masked" }));
    const shared = (other: Set<string>) =>
      [...other]
        .filter((id) => base.has(id) && !id.startsWith("x-ringscope-identifier--"))
        .map((id) => id.split("--")[0]);
    expect(shared(otherInstallation)).toEqual([]);
    // The same installation keeps one organisation identity and one extension definition, nothing else.
    for (const other of [otherTlp, masked]) expect(shared(other).sort()).toEqual(["extension-definition", "identity"]);
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
      (o) =>
        o.type === "relationship" &&
        ["consists-of", "related-to"].includes(String(o.relationship_type)) &&
        o.source_ref === farm.id,
    );
    const partValues = parts.map((r) => b.objects.find((o) => o.id === r.target_ref)!.value).sort();
    expect(partValues).toEqual(["12 elm st springfield il 62701", "dev-farm-1"]);
    // Ids of SDOs are name-based but in the version-4 form STIX asks for.
    expect(farm.id).toMatch(/^infrastructure--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
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

  it("honours redaction: no raw value leaves, masked values are distinct custom objects, masked IPs become network indicators", () => {
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
    expect(b.objects.some((o) => ["email-addr", "ipv4-addr", "ipv6-addr"].includes(o.type))).toBe(false);
    const emails = b.objects.filter((o) => o.type === "x-ringscope-identifier" && o.kind === "email");
    expect(emails.map((o) => o.value).sort()).toEqual(["o******@example.com", "s*****@example.com"]);
    expect(emails.every((o) => o.redaction === "masked" && String(o.node_id).startsWith("I-"))).toBe(true);
    // Two addresses that mask alike stay two objects.
    const twins = buildStixBundleTwins();
    expect(twins).toBe(2);
  });
});

/** Two distinct emails whose masks are equal ("a****@x.org") must stay two objects. */
function buildStixBundleTwins(): number {
  const ids = [ident("email", "alice@x.org", 2), ident("email", "anton@x.org", 2)];
  const ms: CaseMember[] = ["A-1", "A-2"].map((id) => ({ id, identifiers: ids.map((i) => i.ref) }));
  const redaction = { ...DEFAULT_REDACTION, email: "masked" } as const;
  const view = buildView({
    record: { ...record, patterns: [], reasons: [] },
    contents: { members: ms, missing_members: [], identifiers: ids, graph: { nodes: [], edges: [] } },
    rawRecords: new Map(),
    redactor: new Redactor(redaction, SECRET, record.id),
    choices: { tlp: "amber", redaction, includeNotes: false, releaseUnlisted: false },
    purpose: null,
    recipient: null,
  });
  const b = buildStixBundle({
    view,
    organisation: "Acme",
    exportedAt: record.created_at,
    exportId: "e",
    namespace: NS,
  });
  const emails = b.objects.filter((o) => o.type === "x-ringscope-identifier" && o.kind === "email");
  expect(new Set(emails.map((o) => o.value)).size).toBe(1);
  return new Set(emails.map((o) => o.id)).size;
}
