/**
 * The packed application fields: what packDetails writes, what readers get back, and the statements that
 * pack a store written before (they must name exactly the packed fields).
 */
import { describe, expect, it } from "vitest";

import {
  DETAIL_FIELDS,
  packDetails,
  summaryOf,
  unpackDetails,
  withDetails,
} from "../../../server/db/application-details.js";
import { queryText } from "../../../server/db/queries.js";

const props = {
  id: "A-1",
  full_name: "Ana Lima",
  name_key: "ana lima",
  raw_json: '{"application_id":"A-1"}',
  source: "referral",
  claimed_country: "BR",
  university: null,
  indicators: ["voip_phone"],
  nonroutable_ips: [],
  job_id: "J-9",
};

describe("packDetails", () => {
  it("writes the detail fields in DETAIL_FIELDS order, without nulls, empty lists or the node's own properties", () => {
    expect(packDetails(props)).toBe(
      '{"claimed_country":"BR","job_id":"J-9","source":"referral","indicators":["voip_phone"]}',
    );
  });

  it("gives the same string whatever order the fields arrive in (bulk load and the pipeline must agree)", () => {
    const reversed = Object.fromEntries(Object.entries(props).reverse());
    expect(packDetails(reversed)).toBe(packDetails(props));
  });

  it("packs an application with no detail at all as an empty object, so that every new node has `details`", () => {
    expect(packDetails({ id: "A-2", full_name: null })).toBe("{}");
  });
});

describe("reading details back", () => {
  it("replaces `details` with the named fields: a missing scalar is null, a missing list []", () => {
    const read = withDetails({ id: "A-1", details: packDetails(props) }, [
      "claimed_country",
      "degree",
      "nonroutable_ips",
      "indicators",
    ]);
    expect(read).toEqual({
      id: "A-1",
      claimed_country: "BR",
      degree: null,
      nonroutable_ips: [],
      indicators: ["voip_phone"],
    });
    expect("details" in read).toBe(false);
  });

  it("shows a list view only the id, name, time, claimed country and job (no address or education)", () => {
    const details = packDetails({ ...props, shipping_address: "1 Main St, Austin, TX", university: "MIT" });
    expect(summaryOf({ id: "A-1", full_name: "Ana Lima", submitted_at: "2026-01-01T00:00:00Z", details })).toEqual({
      id: "A-1",
      full_name: "Ana Lima",
      submitted_at: "2026-01-01T00:00:00Z",
      claimed_country: "BR",
      job_id: "J-9",
    });
  });

  it("reads a node with no `details` as having none of the fields, and refuses a stored value that is not a JSON object", () => {
    expect(withDetails({ id: "A-3" }, ["university", "indicators"])).toEqual({
      id: "A-3",
      university: null,
      indicators: [],
    });
    expect(() => unpackDetails("[1,2]")).toThrow(/not an object/);
    expect(() => unpackDetails(42)).toThrow(/expected a JSON string/);
    expect(() => unpackDetails("{broken")).toThrow(SyntaxError);
  });
});

describe("the statements that pack a store written before", () => {
  /** The property names a statement names after `a.` or `.` in a map projection. */
  const named = (text: string) => new Set([...text.matchAll(/(?:a)?\.([a-z_]+)/g)].map((m) => m[1]!));

  it("read and remove exactly the packed fields", () => {
    for (const q of ["migrate/legacy-details-page", "migrate/pack-legacy-details"] as const) {
      const names = named(queryText(q).replace(/^\/\/.*$/gm, ""));
      for (const f of DETAIL_FIELDS) expect(names, `${q} names ${f}`).toContain(f);
    }
  });

  it("recognise an old store by the fields only applications ever had", () => {
    const text = queryText("migrate/legacy-details-keys").replace(/^\/\/.*$/gm, "");
    const listed = [...text.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect(listed).toEqual(DETAIL_FIELDS.filter((f) => f !== "source" && f !== "indicators"));
  });
});
