/**
 * Run diff on hand-built runs where every change is known: new, grown, shrunk, merged, split, dissolved
 * and unchanged, each with its previous ids and added/removed counts.
 */
import { describe, expect, it } from "vitest";

import { diffRuns } from "../../../server/runs/diff.js";
import { assignStableIds } from "../../../server/runs/stable-ids.js";

const c = (id: string, ...application_ids: string[]) => ({ id, application_ids });

const PREVIOUS = [
  c("C-same", "a1", "a2", "a3"),
  c("C-grow", "b1", "b2"),
  c("C-shrink", "c1", "c2", "c3", "c4"),
  c("C-m1", "d1", "d2"),
  c("C-m2", "e1", "e2", "e3"),
  c("C-split", "f1", "f2", "f3", "f4", "f5", "f6"),
  c("C-gone", "g1", "g2", "g3"),
];

describe("diffRuns", () => {
  it("classifies each kind of change exactly", () => {
    const next = [
      c("C-same", "a1", "a2", "a3"),
      c("C-grow", "b1", "b2", "b3"),
      c("C-shrink", "c1", "c2", "c3"),
      c("C-m2", "d1", "d2", "e1", "e2", "e3"),
      c("C-split", "f1", "f2", "f3", "f4"),
      c("C-piece", "f5", "f6"),
      c("C-fresh", "h1", "h2"),
    ];
    const d = diffRuns("R-1", PREVIOUS, next);
    expect(d.previous_run_id).toBe("R-1");
    expect(d.clusters).toEqual([
      { id: "C-same", change: "unchanged", previous_ids: ["C-same"], size: 3, added: 0, removed: 0 },
      { id: "C-grow", change: "grown", previous_ids: ["C-grow"], size: 3, added: 1, removed: 0 },
      { id: "C-shrink", change: "shrunk", previous_ids: ["C-shrink"], size: 3, added: 0, removed: 1 },
      { id: "C-m2", change: "merged", previous_ids: ["C-m2", "C-m1"], size: 5, added: 0, removed: 0 },
      { id: "C-split", change: "split", previous_ids: ["C-split"], size: 4, added: 0, removed: 2 },
      { id: "C-piece", change: "split", previous_ids: ["C-split"], size: 2, added: 0, removed: 4 },
      { id: "C-fresh", change: "new", previous_ids: [], size: 2, added: 2, removed: 0 },
    ]);
    expect(d.dissolved).toEqual([{ id: "C-gone", size: 3 }]);
    expect(d.splits).toEqual([{ previous_id: "C-split", into: ["C-split", "C-piece"] }]);
    expect(d.counts).toEqual({ new: 1, grown: 1, shrunk: 1, merged: 1, split: 2, unchanged: 1, dissolved: 1 });
  });

  it("agrees with the stable ids: the same scenario through assignStableIds gives the same ids and changes", () => {
    const next = [
      ["a1", "a2", "a3"],
      ["b1", "b2", "b3"],
      ["c1", "c2", "c3"],
      ["d1", "d2", "e1", "e2", "e3"],
      ["f1", "f2", "f3", "f4"],
      ["f5", "f6"],
      ["h1", "h2"],
    ];
    let n = 0;
    const { ids } = assignStableIds(
      PREVIOUS,
      next.map((application_ids) => ({ application_ids })),
      { newId: () => `C-n${++n}` },
    );
    expect(ids).toEqual(["C-same", "C-grow", "C-shrink", "C-m2", "C-split", "C-n1", "C-n2"]);
    const d = diffRuns(
      "R-1",
      PREVIOUS,
      next.map((a, i) => c(ids[i]!, ...a)),
    );
    expect(d.clusters.map((e) => e.change)).toEqual([
      "unchanged",
      "grown",
      "shrunk",
      "merged",
      "split",
      "split",
      "new",
    ]);
  });

  it("calls a same-size cluster with swapped members grown", () => {
    const d = diffRuns("R-1", [c("C-1", "A", "B", "C")], [c("C-1", "A", "B", "D")]);
    expect(d.clusters[0]).toEqual({ id: "C-1", change: "grown", previous_ids: ["C-1"], size: 3, added: 1, removed: 1 });
  });

  it("calls a cluster new, and its predecessor dissolved, when the predecessor's id did not carry over", () => {
    const d = diffRuns("R-1", [c("C-old", "A", "B", "C", "D", "E")], [c("C-n", "A", "B", "X", "Y", "Z")]);
    expect(d.clusters).toEqual([{ id: "C-n", change: "new", previous_ids: ["C-old"], size: 5, added: 3, removed: 3 }]);
    expect(d.dissolved).toEqual([{ id: "C-old", size: 5 }]);
  });

  it("does not count a single shared application as a source", () => {
    const d = diffRuns("R-1", [c("C-1", "A", "B"), c("C-2", "C", "D")], [c("C-1", "A", "B", "C")]);
    expect(d.clusters[0]).toMatchObject({ change: "grown", previous_ids: ["C-1"] });
    expect(d.dissolved).toEqual([{ id: "C-2", size: 2 }]);
  });

  it("reports everything as new without a previous run", () => {
    const d = diffRuns(null, [], [c("C-1", "A", "B")]);
    expect(d.counts).toEqual({ new: 1, grown: 0, shrunk: 0, merged: 0, split: 0, unchanged: 0, dissolved: 0 });
    expect(d.dissolved).toEqual([]);
  });
});

describe("a run handing on the previous run's member lists (an incremental run's untouched clusters)", () => {
  // Overlaps are taken at once for a list that is the very array a previous cluster holds whole; the
  // answers must be those of member-by-member counting over copies of the lists.
  const previous = [
    c("P-a", "a1", "a2", "a3"),
    c("P-b", "b1", "b2"),
    // P-c lists b2 as well: P-b no longer holds all it lists (b2's owner is P-c), P-c holds its own.
    c("P-c", "b2", "c1", "c2"),
    c("P-d", "d1", "d2", "d3", "d4"),
  ];
  const next = [
    { id: "P-a", application_ids: previous[0]!.application_ids },
    { id: "P-b", application_ids: previous[1]!.application_ids },
    { id: "P-c", application_ids: previous[2]!.application_ids },
    c("P-d", "d1", "d2"),
    c("N-x", "d3", "d4", "a9"),
  ];
  const copies = next.map((n) => ({ id: n.id, application_ids: [...n.application_ids] }));

  it("gives the diff of copied lists", () => {
    const shared = diffRuns("R-1", previous, next);
    expect(shared).toEqual(diffRuns("R-1", previous, copies));
    expect(shared.clusters.map((x) => x.change)).toEqual(["unchanged", "unchanged", "unchanged", "split", "split"]);
  });

  it("gives the stable ids of copied lists", () => {
    let n = 0;
    const fresh = () => `C-NEW${++n}`;
    const shared = assignStableIds(previous, next, { newId: fresh });
    n = 0;
    expect(shared).toEqual(assignStableIds(previous, copies, { newId: fresh }));
    expect(shared.ids).toEqual(["P-a", "P-b", "P-c", "P-d", "C-NEW1"]);
  });
});
