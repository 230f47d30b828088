/**
 * Case page
 * =========
 *
 * `/cases/:id`: the case as frozen (members, score, reasons, source cluster), its shared identifiers,
 * notes (Markdown, rendered safely by the server), history; investigators and leads change title,
 * status, assignee, notes and pins (with the case version, so two people cannot overwrite each other);
 * leads export evidence. Auditors read it. The case holds its picture: the frozen membership drawn with
 * the cluster workbench (read-only once closed), and what changed in the live cluster since it was opened.
 * Notes being typed are kept as a draft in local storage until saved (ui/drafts.ts).
 */
import type { CaseView, CasePatch } from "../../server/common/api/cases.js";
import { registerPage, type PageContext } from "../app/registry.js";
import { createStore } from "../state/store.js";
import "../ui/triage.css";
import { caseGraphController, caseRenderController } from "./case/case-controllers.js";
import { createCaseEffects } from "./case/case-effects.js";
import { INITIAL_CASE_PAGE } from "./case/case-state.js";
import { h } from "../ui/dom.js";
import "./casework/casework.css";

export type { CasePatch, CaseView };

async function mount(ctx: PageContext): Promise<() => void> {
  const id = ctx.params.id!;
  const store = createStore(INITIAL_CASE_PAGE);
  const effects = createCaseEffects(id, store, ctx.signal);
  const graphHost = h("div", { class: "cluster-layout case-graph-layout", dataset: { caseGraph: id } });
  const c = { page: ctx, store, effects, graphHost };
  // The render controller subscribes first, so the graph's host is in the page when the graph mounts.
  const disposers = [caseRenderController(c), caseGraphController(c)];
  await effects.load();
  return () => {
    for (const dispose of disposers.reverse()) dispose();
  };
}

registerPage({ id: "case", path: "/cases/:id", title: "Case", mount });
