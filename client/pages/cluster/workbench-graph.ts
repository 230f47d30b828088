/**
 * Workbench graph
 * ===============
 *
 * The cluster payload as the graph the workbench draws: common infrastructure marked, one person's
 * applications as one node when the URL asks for it or the cluster's size suggests it, and an initial
 * layout (grouped by community for big clusters, so ForceAtlas2 refines groups instead of untangling
 * a hairball).
 */
import type { ClusterDetail } from "../../api.js";
import { buildGraph } from "../../graph/build-graph.js";
import { assignGroupedLayout, GROUP_LAYOUT_FROM } from "../../graph/group-layout.js";
import { collapseByDefault, collapseIdentities, identityGroups } from "../../graph/identities.js";
import { assignInitialLayout } from "../../graph/initial-layout.js";
import type { ClusterLink } from "../../state/cluster-url.js";
import type { WorkbenchGraph } from "./workbench-context.js";

export function prepareGraph(detail: ClusterDetail, link: ClusterLink): WorkbenchGraph {
  const commonRefs = new Set(detail.cluster.common_infrastructure ?? []);
  for (const i of detail.identifiers) if (i.common_infrastructure) commonRefs.add(i.ref);
  const groups = identityGroups(detail.graph);
  const grouped = groups.members.size > 0 && (link.identities ?? collapseByDefault(detail.members.length, groups));
  const graph = buildGraph(grouped ? collapseIdentities(detail.graph, groups) : detail.graph, commonRefs);
  if (graph.order >= GROUP_LAYOUT_FROM) assignGroupedLayout(graph);
  else assignInitialLayout(graph);
  const drawnRef = (ref: string) => (grouped ? (groups.of.get(ref) ?? ref) : ref);
  return { graph, commonRefs, groups, grouped, drawnRef };
}
