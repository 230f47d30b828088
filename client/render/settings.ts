/**
 * Renderer settings
 * =================
 *
 * The client's rendering tunables in one place (after sigma's settings.ts): what can be configured, the
 * defaults, and what is invalid. `sigmaSettingsFor(order, size)` turns them into sigma settings scaled to
 * the graph: big graphs hide edges and labels while the camera moves, draw 1-pixel edges and label
 * fewer nodes, so 5,000 nodes and 20,000 edges stay fluid.
 */
export interface RendererSettings {
  // Performance
  /** From this many nodes, labels and edges are hidden while the camera moves. */
  largeGraphNodes: number;
  /** From this many edges, edges are drawn as 1-pixel lines (EdgeLineProgram). */
  fastEdgesFrom: number;
  // Labels
  /** Node screen size (px) from which a label is drawn; higher on large graphs, so labels come with zoom. */
  labelThreshold: number;
  labelThresholdLarge: number;
  /** Below this many nodes every label may show (sigma's label grid still keeps them from overlapping). */
  smallGraphNodes: number;
  labelThresholdSmall: number;
  labelDensity: number;
  // Layout
  /** ForceAtlas2 time budget: base plus a share per thousand nodes, capped. */
  layoutBudgetMs: number;
  layoutBudgetPerThousandMs: number;
  layoutBudgetMaxMs: number;
}

export const DEFAULT_RENDERER_SETTINGS: RendererSettings = {
  largeGraphNodes: 1000,
  fastEdgesFrom: 3000,
  labelThreshold: 7,
  labelThresholdLarge: 11,
  smallGraphNodes: 200,
  labelThresholdSmall: 2,
  labelDensity: 0.7,
  layoutBudgetMs: 2500,
  layoutBudgetPerThousandMs: 1200,
  layoutBudgetMaxMs: 10_000,
};

export function validateRendererSettings(s: RendererSettings): void {
  for (const [k, v] of Object.entries(s)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      throw new Error(`Renderer settings: invalid \`${k}\`. Expecting a non-negative number.`);
  }
  if (s.layoutBudgetMaxMs < s.layoutBudgetMs)
    throw new Error("Renderer settings: invalid `layoutBudgetMaxMs`. Expecting at least `layoutBudgetMs`.");
}

export function resolveRendererSettings(partial: Partial<RendererSettings> = {}): RendererSettings {
  const s = { ...DEFAULT_RENDERER_SETTINGS, ...partial };
  validateRendererSettings(s);
  return s;
}

export interface ScaledSettings {
  hideEdgesOnMove: boolean;
  hideLabelsOnMove: boolean;
  labelRenderedSizeThreshold: number;
  labelDensity: number;
  defaultEdgeType: "line" | "fast";
}

export function scaledSettings(s: RendererSettings, order: number, size: number): ScaledSettings {
  const large = order >= s.largeGraphNodes;
  return {
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    labelRenderedSizeThreshold: large
      ? s.labelThresholdLarge
      : order < s.smallGraphNodes
        ? s.labelThresholdSmall
        : s.labelThreshold,
    labelDensity: large ? s.labelDensity / 2 : s.labelDensity,
    defaultEdgeType: size >= s.fastEdgesFrom ? "fast" : "line",
  };
}

/** The layout's time budget for a graph of `order` nodes. */
export function layoutBudget(s: RendererSettings, order: number): number {
  return Math.min(s.layoutBudgetMaxMs, s.layoutBudgetMs + (order / 1000) * s.layoutBudgetPerThousandMs);
}
