/**
 * View model
 * ==========
 *
 * What the reducers need, derived from the view state and the graph: the hidden set (recomputed only
 * when filters change), the focus (hovered node and its neighbours, or a why-linked path), selection,
 * the compared pair and search matches. Sets, so each reducer call is a few lookups.
 */
import type { InvestigationGraph } from "../graph/model.js";
import type { PathHighlight } from "../graph/paths.js";
import type { CommonMode } from "../graph/visibility.js";
import type { ClusterViewState } from "../state/cluster-view.js";

export interface ViewModel {
  hidden: ReadonlySet<string>;
  /** Nodes in focus; everything else is muted. Null when nothing is focused. */
  focusNodes: ReadonlySet<string> | null;
  /** Edges in focus (path edges, or edges touching the hovered node). Null when nothing is focused. */
  focusEdges: ReadonlySet<string> | null;
  /** Whether the focus is a why-linked path (drawn bolder than a hover). */
  focusIsPath: boolean;
  selected: string | null;
  hovered: string | null;
  pair: ReadonlySet<string>;
  matches: ReadonlySet<string>;
  common: CommonMode;
}

export const EMPTY_VIEW_MODEL: ViewModel = {
  hidden: new Set(),
  focusNodes: null,
  focusEdges: null,
  focusIsPath: false,
  selected: null,
  hovered: null,
  pair: new Set(),
  matches: new Set(),
  common: "dim",
};

export interface ViewModelInputs {
  hidden: ReadonlySet<string>;
  path: PathHighlight | null;
  matches: readonly string[];
}

export function deriveViewModel(graph: InvestigationGraph, s: ClusterViewState, inputs: ViewModelInputs): ViewModel {
  let focusNodes: Set<string> | null = null;
  let focusEdges: Set<string> | null = null;
  let focusIsPath = false;
  const hovered = s.hovered && graph.hasNode(s.hovered) && !inputs.hidden.has(s.hovered) ? s.hovered : null;
  if (hovered) {
    focusNodes = new Set([hovered]);
    focusEdges = new Set();
    for (const e of graph.edges(hovered)) {
      const other = graph.opposite(hovered, e);
      focusNodes.add(other);
      focusEdges.add(e);
    }
  } else if (inputs.path && inputs.path.nodes.size > 0) {
    focusNodes = new Set(inputs.path.nodes);
    focusEdges = new Set(inputs.path.edges);
    focusIsPath = true;
  }
  const pair = new Set<string>();
  for (const p of s.pair) if (p) pair.add(p);
  return {
    hidden: inputs.hidden,
    focusNodes,
    focusEdges,
    focusIsPath,
    selected: s.selected,
    hovered,
    pair,
    matches: new Set(inputs.matches),
    common: s.common,
  };
}
