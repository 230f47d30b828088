// The client benchmark's synthetic cluster has the shape of a real ring: repeat applicants group.
import { describe, expect, it } from "vitest";

import { collapseByDefault, identityGroups } from "../../../client/graph/identities.js";
import { syntheticCluster } from "../../../server/tools/bench-client.js";

describe("bench:client synthetic cluster", () => {
  it("has four nodes per application and one repeat applicant in five, grouped as identities", () => {
    const detail = syntheticCluster(100);
    expect(detail.graph.nodes).toHaveLength(400);
    const groups = identityGroups(detail.graph);
    // Applications 4, 9, 14 … are the previous applicant again: 20 identities of two.
    expect(groups.members.size).toBe(20);
    expect([...groups.members.values()].every((m) => m.length === 2)).toBe(true);
    expect(groups.of.get("application:B-4")).toBe(groups.of.get("application:B-3"));
    expect(groups.of.has("application:B-5")).toBe(false);
    expect(collapseByDefault(detail.members.length, groups)).toBe(true);
  });
});
