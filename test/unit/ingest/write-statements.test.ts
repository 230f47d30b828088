/**
 * The ingest's write statements (new applications created, stored ones replaced) name every property they
 * store (no property maps, so that the planner does not buffer the batch): each key a normalised record
 * carries must appear in them or in the packed `details`, or it would be silently dropped.
 */
import { describe, expect, it } from "vitest";

import { queryText } from "../../../server/db/queries.js";
import { KIND_LABEL } from "../../../server/common/identifiers.js";
import { normaliseRecord } from "../../../server/ingest/record.js";
import { applicationRow } from "../../../server/ingest/ingest.repository.js";
import { DETAIL_FIELDS } from "../../../server/db/application-details.js";

const FULL_RECORD = {
  application_id: "app-1",
  submitted_at: "2026-01-02T03:04:05Z",
  full_name: "Ada Lovelace",
  email: ["ada@example.com", "not-an-email"],
  phone: ["+1 415 555 0123", "12"],
  ip: ["8.8.8.8", "2001:4860:4860::8888", "999.1.1.1"],
  device_id: "dev-1",
  profile_url: ["https://www.linkedin.com/in/ada", "https://example.org/x"],
  claimed_country: "US",
  claimed_location: "Austin, TX",
  university: "UT",
  degree: "BS",
  major: "CS",
  graduation_date: "2020-05",
  shipping_address: "1 Main St, Denver, CO 80202",
  payment_account: "acct-1",
  job_id: "job-1",
  source: "site",
};

describe("ingest write statements", () => {
  const result = normaliseRecord(FULL_RECORD);
  if (!result.ok) throw new Error(result.reason);
  const app = result.application;

  // The node keeps id, full_name, name_key and raw_json by name; the descriptive fields travel packed in
  // `details` (server/db/application-details.ts), which must then hold every one the record carries.
  const named = ["full_name", "name_key", "raw_json"];

  it("the record's properties are the named ones plus the packed ones, nothing else", () => {
    const keys = Object.keys(app.props).filter((k) => k !== "id");
    expect(keys.length).toBeGreaterThanOrEqual(14);
    expect(keys.filter((k) => !named.includes(k)).sort()).toEqual([...DETAIL_FIELDS].sort());
    const row = applicationRow(app);
    expect(Object.keys(row.props as object).sort()).toEqual([...named].sort());
    expect(Object.keys(JSON.parse(row.details as string)).sort()).toEqual(
      DETAIL_FIELDS.filter((f) => app.props[f] !== null).sort(),
    );
  });

  it("upsert-applications sets every application property by name", () => {
    const text = queryText("write/upsert-applications");
    for (const k of named) expect(text).toContain(`a.${k} = row.props.${k}`);
    expect(text).toContain("a.details = row.details");
    expect(text).toContain("a.submitted_at = ");
    expect(text).toContain("a.ingested_at = ");
  });

  it("create-applications sets every application property by name", () => {
    const text = queryText("write/create-applications");
    expect(text).toContain("id: row.id");
    for (const k of named) expect(text).toContain(`${k}: row.props.${k}`);
    expect(text).toContain("details: row.details");
    expect(text).toContain("submitted_at: ");
    expect(text).toContain("ingested_at: ");
  });

  it.each(["write/link-applications", "write/create-applications"] as const)(
    "%s sets every identifier property by name, for each kind",
    (statement) => {
      const text = queryText(statement);
      const kinds = new Set(app.identifiers.map((i) => i.kind));
      expect(kinds.size).toBe(Object.keys(KIND_LABEL).length);
      for (const i of app.identifiers) {
        const clause = text.slice(text.indexOf(`MERGE (n:${KIND_LABEL[i.kind]} {key: x.key})`));
        const own = clause.slice(0, clause.indexOf("CREATE (a)-[:USES]->(n)"));
        for (const k of Object.keys(i.props)) expect(own, `${i.kind}.${k}`).toContain(`n.${k} = x.props.${k}`);
      }
    },
  );
});
