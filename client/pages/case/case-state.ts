/**
 * Case page state
 * ===============
 *
 * What the case page shows, in one store: whether the case is loading, missing or failed, the case
 * as last saved, the reader's role and whom it can be assigned to. Each change is a named pure
 * transition; `loads` counts completed loads, so the frozen picture is drawn again after a reload
 * (a version conflict) and otherwise only when closing or reopening makes it read-only or not.
 */
import type { Producer } from "../../state/store.js";
import type { CaseView } from "../case-page.js";

export interface Assignee {
  username: string;
  display_name: string;
}

export type CasePageState =
  | { status: "loading"; loads: number }
  | { status: "missing" | "failed"; loads: number; error: unknown }
  | { status: "ready"; loads: number; c: CaseView; role: string; assignable: readonly Assignee[] };

export type ReadyState = Extract<CasePageState, { status: "ready" }>;

export const INITIAL_CASE_PAGE: CasePageState = { status: "loading", loads: 0 };

type T = Producer<CasePageState>;

export const caseRequested: T = (s) => (s.status === "loading" ? s : { status: "loading", loads: s.loads });

export const caseLoaded =
  (c: CaseView, role: string, assignable: readonly Assignee[]): T =>
  (s) => ({ status: "ready", loads: s.loads + 1, c, role, assignable });

/** The case does not exist (404) or the id is not one (400). */
export const caseMissing =
  (error: unknown): T =>
  (s) => ({ status: "missing", loads: s.loads, error });

export const caseFailed =
  (error: unknown): T =>
  (s) => ({ status: "failed", loads: s.loads, error });

/** A save (or a reload after an export) returned the case as it is now. */
export const caseSaved =
  (c: CaseView): T =>
  (s) => {
    if (s.status !== "ready") throw new Error(`caseSaved: the case is ${s.status}, not shown`);
    return { ...s, c };
  };

// Selectors

/** Investigators and leads change cases; auditors read them. */
export const canWork = (s: ReadyState) => s.role === "investigator" || s.role === "lead";

/** A closed case's picture is read-only. */
export const pictureReadOnly = (s: ReadyState) => s.c.status === "closed";

/** Identifiers worth a row: shared by two or more members, or pinned. */
export const sharedIdentifiers = (c: CaseView) => c.identifiers.filter((i) => i.members >= 2 || i.pinned);
