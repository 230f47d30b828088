/**
 * Audit targets as links: the kinds with a page get its address (ids encoded), the others none.
 */
import { describe, expect, it } from "vitest";

import { auditTargetHref } from "../../../client/ui/entity-links.js";

describe("auditTargetHref", () => {
  it("links cases, clusters, runs, applications and identifiers to their pages", () => {
    expect(auditTargetHref({ type: "case", id: "CASE-7" })).toBe("/cases/CASE-7");
    expect(auditTargetHref({ type: "cluster", id: "C-PXNKYGTR" })).toBe("/clusters/C-PXNKYGTR");
    expect(auditTargetHref({ type: "run", id: "run-1" })).toBe("/runs#run-1");
    expect(auditTargetHref({ type: "application", id: "A 1" })).toBe("/applications/A%201");
    expect(auditTargetHref({ type: "identifier", id: "email:bob@example.com" })).toBe(
      "/identifiers/email/bob%40example.com",
    );
    expect(auditTargetHref({ type: "node", id: "application:A-1" })).toBe("/applications/A-1");
    expect(auditTargetHref({ type: "node", id: "ip:203.0.113.7" })).toBe("/identifiers/ip/203.0.113.7");
  });

  it("gives none for targets without a page or malformed ids", () => {
    expect(auditTargetHref(null)).toBeNull();
    for (const type of ["user", "token", "route", "request"]) expect(auditTargetHref({ type, id: "x" })).toBeNull();
    expect(auditTargetHref({ type: "node", id: "no-colon" })).toBeNull();
    expect(auditTargetHref({ type: "identifier", id: "email:" })).toBeNull();
    expect(auditTargetHref({ type: "case", id: "" })).toBeNull();
  });
});
