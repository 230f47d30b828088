/**
 * Stable cluster ids on tiny cases: continuation, growth, merges keep the largest contributor's id,
 * splits pass the id to the largest piece, thresholds, tie-breaks and fresh ids.
 */
import { describe, expect, it } from "vitest";

import { assignStableIds } from "../../../server/runs/stable-ids.js";

const seq = (...ids: string[]) => {
  let i = 0;
  return () => ids[i++] ?? `X-${i}`;
};
const apps = (...a: string[]) => ({ application_ids: a });

describe("assignStableIds", () => {
  it("keeps the id of an identical cluster and of one that grew", () => {
    const prev = [
      { id: "C-a", application_ids: ["A", "B", "C"] },
      { id: "C-b", application_ids: ["D", "E"] },
    ];
    const r = assignStableIds(prev, [apps("D", "E", "F"), apps("A", "B", "C")], { newId: seq("C-new") });
    expect(r.ids).toEqual(["C-b", "C-a"]);
    expect(r.matches).toEqual([
      { index: 0, previousId: "C-b", overlap: 2, jaccard: 2 / 3 },
      { index: 1, previousId: "C-a", overlap: 3, jaccard: 1 },
    ]);
  });

  it("gives a merge the id of its largest contributor only", () => {
    const prev = [
      { id: "C-small", application_ids: ["D", "E"] },
      { id: "C-big", application_ids: ["A", "B", "C"] },
    ];
    const r = assignStableIds(prev, [apps("A", "B", "C", "D", "E")], { newId: seq("C-new") });
    expect(r.ids).toEqual(["C-big"]);
  });

  it("passes the id of a split cluster to its largest piece; the rest get fresh ids", () => {
    const prev = [{ id: "C-p", application_ids: ["A", "B", "C", "D", "E", "F"] }];
    const r = assignStableIds(prev, [apps("E", "F"), apps("A", "B", "C", "D")], { newId: seq("C-n1") });
    expect(r.ids).toEqual(["C-n1", "C-p"]);
  });

  it("does not carry an id over when less than half of the previous cluster remains and Jaccard < 0.5", () => {
    const prev = [{ id: "C-p", application_ids: ["A", "B", "C", "D", "E"] }];
    // overlap 2: 2/5 of the previous cluster, Jaccard 2/8.
    const r = assignStableIds(prev, [apps("A", "B", "X", "Y", "Z")], { newId: seq("C-n1") });
    expect(r.ids).toEqual(["C-n1"]);
    expect(r.matches).toEqual([]);
  });

  it("accepts exactly half of the previous members (the share threshold is inclusive)", () => {
    const prev = [{ id: "C-p", application_ids: ["A", "B"] }];
    expect(assignStableIds(prev, [apps("A", "X", "Y", "Z")], { newId: seq("C-n1") }).ids).toEqual(["C-p"]);
  });

  it("accepts a Jaccard of 0.5 even when under half of the previous cluster remains", () => {
    // Not reachable with the share rule alone: P has 4, overlap 2 (share 0.5 passes too); use thresholds.
    const prev = [{ id: "C-p", application_ids: ["A", "B", "C", "D"] }];
    const r = assignStableIds(prev, [apps("A", "B")], { newId: seq("C-n1"), minPreviousShare: 0.9 });
    expect(r.ids).toEqual(["C-p"]);
    const strict = assignStableIds(prev, [apps("A", "B")], {
      newId: seq("C-n1"),
      minPreviousShare: 0.9,
      minJaccard: 0.6,
    });
    expect(strict.ids).toEqual(["C-n1"]);
  });

  it("breaks ties deterministically: equal overlap and Jaccard go to the earlier new cluster", () => {
    const prev = [{ id: "C-p", application_ids: ["A", "B", "C", "D"] }];
    const r = assignStableIds(prev, [apps("A", "B"), apps("C", "D")], { newId: seq("C-n1") });
    expect(r.ids).toEqual(["C-p", "C-n1"]);
  });

  it("never hands out a fresh id that the previous run used", () => {
    const prev = [{ id: "C-1", application_ids: ["A", "B"] }];
    const r = assignStableIds(prev, [apps("X", "Y"), apps("P", "Q")], { newId: seq("C-1", "C-2", "C-2", "C-3") });
    expect(r.ids).toEqual(["C-2", "C-3"]);
  });

  it("gives every cluster a fresh id when there is no previous run", () => {
    const r = assignStableIds([], [apps("A", "B"), apps("C", "D")], { newId: seq("C-1", "C-2") });
    expect(r.ids).toEqual(["C-1", "C-2"]);
  });
});
