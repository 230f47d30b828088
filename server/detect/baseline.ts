/**
 * Baseline clustering
 * ===================
 *
 * What bench:detect compares the real pass against: a plain union-find over applications joined by
 * every shared identifier, with no identities and no common-infrastructure cut. Fast, and it shows why
 * hubs must be cut: carrier NATs and campus gateways glue most of the population into one component.
 */
import type { DetectionInput } from "./input.js";
import { UnionFind } from "./union-find.js";
import { buildUsage } from "./usage.js";

export interface BaselineResult {
  /** Groups of two or more applications. */
  clusters: number;
  applicationsInClusters: number;
  largest: number;
  seconds: number;
}

export function baselineClusters(input: DetectionInput): BaselineResult {
  const t0 = performance.now();
  const usage = buildUsage(input);
  const uf = new UnionFind(input.apps.count);
  for (let i = 0; i < input.identifiers.count; i++)
    for (let u = usage.offset[i]! + 1; u < usage.offset[i + 1]!; u++)
      uf.union(usage.apps[usage.offset[i]!]!, usage.apps[u]!);
  const { label, count } = uf.labels();
  const size = new Int32Array(count);
  for (let a = 0; a < label.length; a++) size[label[a]!]!++;
  let clusters = 0;
  let inClusters = 0;
  let largest = 0;
  for (let c = 0; c < count; c++) {
    if (size[c]! < 2) continue;
    clusters++;
    inClusters += size[c]!;
    largest = Math.max(largest, size[c]!);
  }
  return { clusters, applicationsInClusters: inClusters, largest, seconds: (performance.now() - t0) / 1000 };
}
