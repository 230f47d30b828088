/**
 * Grouped initial layout
 * ======================
 *
 * For big clusters, starting positions that already read as groups: Louvain communities (graphology's,
 * on the link weights, so common infrastructure barely counts) are packed as discs on a sunflower, the
 * biggest in the middle, each disc holding its own nodes on a small sunflower. ForceAtlas2 then only
 * refines a picture that is nearly right, so a 5,000-node cluster settles in a few hundred iterations
 * instead of untangling one hairball from a uniform start. Deterministic (seeded); tested in Node.
 */
import louvain from "graphology-communities-louvain";

import { createRng } from "./initial-layout.js";
import type { InvestigationGraph } from "./model.js";

/** From this many nodes the initial layout groups by community. */
export const GROUP_LAYOUT_FROM = 300;

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Writes x/y on every node; returns the number of groups. */
export function assignGroupedLayout(graph: InvestigationGraph, spacing = 10): number {
  const communities = louvain(graph, { getEdgeWeight: "weight", rng: createRng(7) });
  const groups = new Map<number, string[]>();
  for (const node of graph.nodes().sort()) {
    const c = communities[node] ?? -1;
    const list = groups.get(c) ?? [];
    list.push(node);
    groups.set(c, list);
  }
  // Biggest first, then by first key: the same graph always gives the same picture.
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  // Discs on a sunflower: a disc's distance from the centre grows with the area of those before it.
  let area = 0;
  ordered.forEach((members, i) => {
    const radius = spacing * Math.sqrt(members.length);
    const r = i === 0 ? 0 : 1.6 * spacing * Math.sqrt(area + members.length / 2);
    area += members.length;
    const cx = r * Math.cos(i * GOLDEN_ANGLE);
    const cy = r * Math.sin(i * GOLDEN_ANGLE);
    // Applications first, so they sit in the middle of their group with what they share around them.
    const inner = [...members].sort(
      (a, b) =>
        Number(graph.getNodeAttribute(a, "kind") !== "application") -
          Number(graph.getNodeAttribute(b, "kind") !== "application") || a.localeCompare(b),
    );
    inner.forEach((node, j) => {
      const rr = (radius / Math.sqrt(members.length)) * Math.sqrt(j + 0.5);
      graph.mergeNodeAttributes(node, {
        x: cx + rr * Math.cos(j * GOLDEN_ANGLE),
        y: cy + rr * Math.sin(j * GOLDEN_ANGLE),
      });
    });
  });
  return ordered.length;
}
