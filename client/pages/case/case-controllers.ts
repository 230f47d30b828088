/**
 * Case page controllers
 * =====================
 *
 * Two controllers, each `(ctx) => dispose`: the render controller draws the store (loading, missing,
 * failed, or the case), and the graph controller mounts the cluster workbench on the frozen picture
 * after each load and again when closing or reopening makes it read-only or not. The graph's host
 * element outlives redraws, so saving a note does not redraw the graph.
 */
import type { PageContext } from "../../app/registry.js";
import { INITIAL_VIEW } from "../../state/cluster-view.js";
import type { Store } from "../../state/store.js";
import { riskBadge } from "../../ui/badges.js";
import { h, replace } from "../../ui/dom.js";
import { section } from "../../ui/form.js";
import { formatDateTime, patternLabel, plural } from "../../ui/format.js";
import { emptyState, errorState, loadingState } from "../../ui/states.js";
import { statusBadge } from "../casework/status.js";
import { mountWorkbench } from "../cluster/workbench.js";
import { actionsBar, notesSection, pinControl } from "./case-controls.js";
import type { CaseEffects } from "./case-effects.js";
import {
  caseAsCluster,
  historyList,
  identifiersTable,
  liveChanges,
  membersTable,
  reasonsList,
} from "./case-sections.js";
import { pictureReadOnly, type CasePageState, type ReadyState } from "./case-state.js";

export interface CasePageContext {
  page: PageContext;
  store: Store<CasePageState>;
  effects: CaseEffects;
  graphHost: HTMLElement;
}

function source(s: ReadyState): HTMLElement {
  const { c } = s;
  if (c.source !== "cluster") return h("span", null, "Opened from applications selected by hand");
  return h(
    "span",
    null,
    "Opened from cluster ",
    h(
      "a",
      { href: `/clusters/${encodeURIComponent(c.cluster_id!)}?run=${encodeURIComponent(c.run_id!)}` },
      c.cluster_id!,
    ),
    ` of run ${c.run_id}`,
  );
}

function casePage(s: ReadyState, ctx: CasePageContext): HTMLElement {
  const { c } = s;
  const pin = pinControl(s, ctx.effects);
  return h(
    "div",
    { class: "page-case", dataset: { case: c.id, version: String(c.version) } },
    h(
      "nav",
      { class: "crumbs", attrs: { "aria-label": "Breadcrumb" } },
      h("a", { href: "/cases" }, "Cases"),
      h("span", { attrs: { "aria-hidden": "true" } }, " / "),
      h("span", { attrs: { "aria-current": "page" } }, c.id),
    ),
    h("h1", { class: "case-title" }, c.title),
    h(
      "p",
      { class: "case-meta" },
      statusBadge(c.status),
      c.risk_level ? riskBadge(c.risk_level as never, c.risk_score ?? undefined) : null,
      c.patterns.map((p) => h("span", { class: "chip" }, patternLabel(p))),
      h(
        "span",
        { class: "muted case-meta-text" },
        source(s),
        ` · ${plural(c.member_ids.length, "application")} · opened ${formatDateTime(c.created_at)} by ${c.created_by} · assigned to ${c.assignee ?? "nobody"}`,
      ),
    ),
    actionsBar(s, ctx.effects),
    section("Graph", ctx.graphHost, liveChanges(c)),
    h(
      "div",
      { class: "case-layout" },
      h(
        "div",
        { class: "case-main" },
        section("Why these applications", reasonsList(c)),
        section(
          `Applications (${c.members.length}${c.missing_members.length ? `, ${c.missing_members.length} no longer in the data` : ""})`,
          membersTable(c, pin),
        ),
        section("Shared identifiers", identifiersTable(c, pin)),
      ),
      h("aside", { class: "case-side" }, notesSection(s, ctx.effects), section("History", historyList(c))),
    ),
  );
}

export function caseRenderController(ctx: CasePageContext): () => void {
  const { page, store, effects } = ctx;
  const draw = (s: CasePageState) => {
    if (s.status === "ready") {
      page.setTitle(`${s.c.id} · ${s.c.title}`);
      replace(page.root, casePage(s, ctx));
    } else if (s.status === "loading") replace(page.root, loadingState("Loading the case…"));
    else if (s.status === "missing")
      replace(
        page.root,
        emptyState("Case not found", (s.error as Error).message, h("a", { class: "btn", href: "/cases" }, "All cases")),
      );
    else
      replace(
        page.root,
        errorState("The case could not be loaded", s.error, () => void effects.load()),
      );
  };
  draw(store.get());
  return store.subscribe((s, prev) => {
    if (s.status !== prev.status || (s.status === "ready" && prev.status === "ready" && s.c !== prev.c)) draw(s);
  });
}

export function caseGraphController(ctx: CasePageContext): () => void {
  let unmount: (() => void) | null = null;
  let drawn: { loads: number; readOnly: boolean } | null = null;
  const clear = () => {
    unmount?.();
    unmount = null;
  };
  const off = ctx.store.subscribe((s) => {
    if (s.status !== "ready") {
      clear();
      drawn = null;
      return;
    }
    const want = { loads: s.loads, readOnly: pictureReadOnly(s) };
    if (drawn && drawn.loads === want.loads && drawn.readOnly === want.readOnly) return;
    drawn = want;
    clear();
    if (!s.c.graph.nodes.length) {
      replace(
        ctx.graphHost,
        emptyState("Nothing to draw", "None of the case's applications are in the data any more."),
      );
      return;
    }
    unmount = mountWorkbench(
      ctx.graphHost,
      ctx.page,
      caseAsCluster(s.c),
      { view: INITIAL_VIEW, run: null },
      { readOnly: want.readOnly, title: `${s.c.id} · ${s.c.title}` },
    );
  });
  return () => {
    off();
    clear();
  };
}
