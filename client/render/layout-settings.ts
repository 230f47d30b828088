/**
 * ForceAtlas2 settings
 * ====================
 *
 * The settings the layout worker runs with: graphology-layout-forceatlas2's `inferSettings` for the
 * graph's size (Barnes-Hut above 2,000 nodes, strong gravity, scaling 10, slow-down 1 + ln n) with
 * `outboundAttractionDistribution` on, which pushes hubs (shared identifiers, infrastructure) outwards
 * so the applications they join stay readable. Complete, because the library's `iterate` expects it so.
 */
import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";

/** graphology-layout-forceatlas2's defaults (defaults.js), which its `iterate` expects complete. */
const FA2_DEFAULTS: Required<ForceAtlas2Settings> = {
  linLogMode: false,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 1,
  scalingRatio: 1,
  strongGravityMode: false,
  gravity: 1,
  slowDown: 1,
  barnesHutOptimize: false,
  barnesHutTheta: 0.5,
};

/** inferSettings for the graph's size, with hubs pushed outwards (shared identifiers stay readable). */
export function layoutSettings(order: number): Required<ForceAtlas2Settings> {
  return { ...FA2_DEFAULTS, ...forceAtlas2.inferSettings(order), outboundAttractionDistribution: true };
}
