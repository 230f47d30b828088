/**
 * Queue order (server/detect/rank.ts): each documented tie-break in turn, on clusters that differ only in
 * that key, whether they come in shuffled or already in order.
 */
import { describe, expect, it } from "vitest";

import { rankClusters } from "../../../server/detect/rank.js";

type C = Parameters<typeof rankClusters>[0][number] & { name: string };

const c = (name: string, over: Partial<C> = {}): C => ({
  name,
  risk_score: 50,
  application_ids: [`${name}-1`, `${name}-2`],
  score_breakdown: [{ code: "x", points: 10 }],
  identities: 2,
  last_submitted_at: "2026-01-01T00:00:00.000Z",
  ...over,
});

// In queue order, each a step down by one key, the earlier keys equal.
const ORDERED = [
  c("a", { risk_score: 90 }),
  c("b", { score_breakdown: [{ code: "x", points: 12 }] }),
  c("c", { identities: 3 }),
  c("d", { application_ids: ["d-1", "d-2", "d-3"] }),
  c("e", { last_submitted_at: "2026-02-01T00:00:00.000Z" }),
  c("f", { application_ids: ["f-1", "f-2"] }),
  c("g", { application_ids: ["g-1", "g-2"] }),
];

describe("rankClusters", () => {
  it("orders by score, points, identities, applications, last submission, then first application id", () => {
    const shuffled = [4, 6, 0, 5, 2, 1, 3].map((i) => ORDERED[i]!);
    expect(rankClusters(shuffled).map((x) => x.name)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(shuffled.map((x) => x.name)).toEqual(["e", "g", "a", "f", "c", "b", "d"]);
  });

  it("copies a list already in order, and sorts one that is out of order by a single pair at the end", () => {
    const ranked = rankClusters(ORDERED);
    expect(ranked).not.toBe(ORDERED);
    expect(ranked).toEqual(ORDERED);
    const lastSwapped = [...ORDERED.slice(0, 5), ORDERED[6]!, ORDERED[5]!];
    expect(rankClusters(lastSwapped).map((x) => x.name)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });
});
