/**
 * Cluster page
 * ============
 *
 * `/clusters/:id` (deep-linkable, see state/cluster-url.ts): loads the cluster with its members,
 * identifiers and subgraph, shows loading / not found / error states, then hands over to the workbench.
 * Above the graph: the cluster's triage. A cluster a later run retired points to the clusters that hold
 * its applications now.
 */
import { ApiError, api } from "../api.js";
import { registerPage, type PageContext } from "../app/registry.js";
import { decodeClusterLink } from "../state/cluster-url.js";
import { h, replace } from "../ui/dom.js";
import { emptyState, errorState, loadingState } from "../ui/states.js";
import { openCaseButton } from "./casework/open-case.js";
import { mountWorkbench } from "./cluster/workbench.js";
import { triagePanel } from "./cluster/triage-panel.js";
import { clusterHref } from "../state/cluster-url.js";
import { riskBadge } from "../ui/badges.js";
import { plural } from "../ui/format.js";

function crumbs(id: string): HTMLElement {
  return h(
    "nav",
    { class: "crumbs", attrs: { "aria-label": "Breadcrumb" } },
    h("a", { href: "/clusters" }, "Clusters"),
    h("span", { attrs: { "aria-hidden": "true" } }, " / "),
    h("span", { attrs: { "aria-current": "page" } }, id),
  );
}

async function mount(ctx: PageContext): Promise<(() => void) | void> {
  const id = ctx.params.id!;
  const link = decodeClusterLink(ctx.query);
  const body = h("div", { class: "cluster-layout" });
  const title = h("h1", { class: "cluster-title" }, `Cluster ${id}`);
  const meta = h("p", { class: "page-sub muted" });
  replace(
    ctx.root,
    h("div", { class: "page-cluster" }, h("div", { class: "cluster-heading" }, crumbs(id), title, meta), body),
  );
  replace(body, loadingState("Loading the cluster…"));
  try {
    performance.mark("rs:cluster-request");
    const detail = await api.cluster(id, link.run, ctx.signal);
    if (ctx.signal.aborted) return;
    performance.mark("rs:cluster-payload");
    meta.textContent = `Detection run ${detail.run_id} · ${detail.cluster.application_ids.length} applications · ${detail.graph.nodes.length} nodes, ${detail.graph.edges.length} links drawn`;
    meta.after(triagePanel({ clusterId: id, runId: detail.run_id, signal: ctx.signal }));
    title.after(
      openCaseButton({
        clusterId: id,
        runId: detail.run_id,
        applicationIds: detail.cluster.application_ids,
        navigate: ctx.navigate,
      }),
    );
    if (detail.graph.nodes.length === 0) {
      replace(body, emptyState("Nothing to draw", "None of this cluster's applications are in the data any more."));
      return;
    }
    return mountWorkbench(body, ctx, detail, link);
  } catch (err) {
    if (ctx.signal.aborted) return;
    if (err instanceof ApiError && err.status === 404) {
      replace(
        body,
        emptyState("Cluster not found", err.message, h("a", { class: "btn", href: "/clusters" }, "Back to the queue")),
      );
      if (!link.run) void showSuccessors(id, body.firstElementChild as HTMLElement, ctx.signal);
    } else
      replace(
        body,
        errorState("The cluster could not be loaded", err, () =>
          ctx.navigate(window.location.pathname + window.location.search, { replace: true }),
        ),
      );
  }
}

/** Where a retired cluster's applications are in the latest run, added under the "not found" message. */
async function showSuccessors(id: string, host: HTMLElement, signal: AbortSignal): Promise<void> {
  try {
    const s = await api.successors(id, signal);
    if (signal.aborted || s.current) return;
    host.append(
      h(
        "div",
        { class: "successors", dataset: { successors: id } },
        h("p", null, `Its ${plural(s.application_count, "application")} (as of run ${s.last_seen_run_id}) are now in:`),
        s.clusters.length
          ? h(
              "ul",
              null,
              s.clusters.map((c) =>
                h(
                  "li",
                  null,
                  h("a", { href: clusterHref(c.id, { run: null }), class: "cluster-link" }, c.id),
                  " ",
                  riskBadge(c.risk_level as never, c.risk_score),
                  ` holds ${c.held} of them (${plural(c.size, "application")} in all)`,
                ),
              ),
            )
          : null,
        s.unclustered ? h("p", { class: "muted" }, `${plural(s.unclustered, "application")} in no cluster now.`) : null,
        h("p", null, h("a", { href: `/runs#${encodeURIComponent(s.run_id)}` }, "What changed in the runs")),
      ),
    );
  } catch {
    // The message above already says where it was last seen; the pointer is a bonus.
  }
}

registerPage({ id: "cluster", path: "/clusters/:id", title: "Cluster", mount });
