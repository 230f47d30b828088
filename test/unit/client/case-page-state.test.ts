/**
 * Case page store: loading, missing, failed, loaded and saved as named transitions; `loads` counts
 * completed loads (the frozen picture is drawn again after each), a save keeps it; the derived values
 * (who can work, read-only picture, shared identifiers).
 */
import { describe, expect, it } from "vitest";

import {
  INITIAL_CASE_PAGE,
  canWork,
  caseFailed,
  caseLoaded,
  caseMissing,
  caseRequested,
  caseSaved,
  pictureReadOnly,
  sharedIdentifiers,
  type ReadyState,
} from "../../../client/pages/case/case-state.js";
import type { CaseView } from "../../../client/pages/case-page.js";

const ident = (ref: string, members: number, pinned = false) =>
  ({ ref, kind: ref.split(":")[0], key: ref.split(":")[1], members, used_by: members, pinned }) as never;

const CASE = {
  id: "CASE-1",
  title: "Laptop farm",
  status: "open",
  version: 3,
  identifiers: [ident("device:d-1", 3), ident("email:a@x", 1), ident("phone:1", 1, true)],
} as unknown as CaseView;

describe("case page transitions", () => {
  it("load: requested, then loaded with the role and assignees; each load counts", () => {
    expect(caseRequested(INITIAL_CASE_PAGE)).toBe(INITIAL_CASE_PAGE);
    const ready = caseLoaded(CASE, "lead", [{ username: "l", display_name: "L" }])(INITIAL_CASE_PAGE);
    expect(ready).toMatchObject({ status: "ready", loads: 1, role: "lead", c: CASE });
    const again = caseLoaded(CASE, "lead", [])(caseRequested(ready));
    expect(caseRequested(ready)).toEqual({ status: "loading", loads: 1 });
    expect(again.loads).toBe(2);
  });

  it("missing and failed keep the error and the load count", () => {
    const err = new Error("Case CASE-9 not found");
    expect(caseMissing(err)(INITIAL_CASE_PAGE)).toEqual({ status: "missing", loads: 0, error: err });
    const ready = caseLoaded(CASE, "auditor", [])(INITIAL_CASE_PAGE);
    expect(caseFailed(err)(ready)).toEqual({ status: "failed", loads: 1, error: err });
  });

  it("saved replaces the case and keeps the load count; refused when no case is shown", () => {
    const ready = caseLoaded(CASE, "investigator", [])(INITIAL_CASE_PAGE) as ReadyState;
    const closed = { ...CASE, status: "closed", version: 4 } as CaseView;
    const saved = caseSaved(closed)(ready) as ReadyState;
    expect(saved).toMatchObject({ status: "ready", loads: 1, role: "investigator" });
    expect(saved.c).toBe(closed);
    expect(pictureReadOnly(ready)).toBe(false);
    expect(pictureReadOnly(saved)).toBe(true);
    expect(() => caseSaved(closed)(INITIAL_CASE_PAGE)).toThrow(/caseSaved: the case is loading/);
  });

  it("derive who can work and which identifiers are listed", () => {
    const as = (role: string) => caseLoaded(CASE, role, [])(INITIAL_CASE_PAGE) as ReadyState;
    expect(["investigator", "lead", "auditor", "admin"].map((r) => canWork(as(r)))).toEqual([true, true, false, false]);
    expect(sharedIdentifiers(CASE).map((i) => i.ref)).toEqual(["device:d-1", "phone:1"]);
  });
});
