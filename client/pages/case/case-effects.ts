/**
 * Case page effects
 * =================
 *
 * The case page's calls to the API: load the case with the reader and whom it can be assigned to,
 * save a change (with the case version, so two people cannot overwrite each other: a conflict says so
 * and loads the case again), and reload after an export. Results go to the store as transitions.
 */
import { ApiError, api } from "../../api.js";
import { currentUser } from "../../app/session.js";
import type { Store } from "../../state/store.js";
import { errorMessage, toast } from "../../ui/states.js";
import type { CasePatch, CaseView } from "../case-page.js";
import {
  caseFailed,
  caseLoaded,
  caseMissing,
  caseRequested,
  caseSaved,
  type Assignee,
  type CasePageState,
} from "./case-state.js";

export interface CaseEffects {
  load(): Promise<void>;
  patch(body: CasePatch): Promise<void>;
  reload(): Promise<void>;
}

export function createCaseEffects(id: string, store: Store<CasePageState>, signal: AbortSignal): CaseEffects {
  const url = `/api/cases/${encodeURIComponent(id)}`;

  async function load(): Promise<void> {
    store.update(caseRequested);
    try {
      const [me, c] = await Promise.all([currentUser(), api.get<CaseView>(url, { signal })]);
      if (signal.aborted) return;
      const role = me?.role ?? "";
      let assignable: Assignee[] = [];
      if (role === "investigator" || role === "lead")
        assignable = (await api.get<{ users: Assignee[] }>("/api/users/assignable").catch(() => ({ users: [] }))).users;
      if (!signal.aborted) store.update(caseLoaded(c, role, assignable));
    } catch (err) {
      if (signal.aborted) return;
      const missing = err instanceof ApiError && (err.status === 404 || err.status === 400);
      store.update(missing ? caseMissing(err) : caseFailed(err));
    }
  }

  async function patch(body: CasePatch): Promise<void> {
    const s = store.get();
    if (s.status !== "ready") return;
    try {
      store.update(caseSaved(await api.patch<CaseView>(url, { ...body, version: s.c.version })));
    } catch (err) {
      const conflict = err instanceof ApiError && err.status === 409;
      toast(conflict ? `${(err as ApiError).message}` : errorMessage(err), "error");
      if (conflict) void load();
    }
  }

  async function reload(): Promise<void> {
    store.update(caseSaved(await api.get<CaseView>(url)));
  }

  return { load, patch, reload };
}
