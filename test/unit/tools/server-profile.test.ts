/** The server profile's reading of `jfr print` output and its categories, on samples written out by hand. */
import { describe, expect, it } from "vitest";

import {
  OTHER_WORKER,
  categoriseSample,
  parseJfrPrint,
  profileTable,
  summariseSamples,
} from "../../../server/tools/server-profile.js";

// Three samples as `jfr print --events jdk.ExecutionSample` writes them (frames shortened).
const PRINTED = `jdk.ExecutionSample {
  startTime = 07:44:47.687
  sampledThread = "neo4j.BoltWorker-4 [bolt-1 - /127.0.0.1:57916]" (javaThreadId = 23)
  state = "STATE_RUNNABLE"
  stackTrace = [
    org.neo4j.index.internal.gbptree.SeekCursor.initialize() line: 402
    org.neo4j.kernel.impl.newapi.KernelRead.lockingNodeUniqueIndexSeek(IndexDescriptor, NodeValueIndexCursor, PropertyIndexQuery$ExactPredicate[]) line: 252
    org.neo4j.kernel.impl.api.KernelTransactionImplementation.commit() line: 600
  ]
}

jdk.ExecutionSample {
  startTime = 07:44:47.698
  sampledThread = "neo4j.BoltWorker-2 [bolt-2 - /127.0.0.1:57918]" (javaThreadId = 25)
  state = "STATE_RUNNABLE"
  stackTrace = [
    org.neo4j.index.internal.gbptree.GBPTreeWriter.merge(Object, Object, ValueMerger) line: 311
    org.neo4j.kernel.impl.api.index.IndexingService.apply(IndexUpdates, long, boolean) line: 520
    org.neo4j.kernel.impl.api.KernelTransactionImplementation.commit() line: 600
    ...
  ]
}

jdk.ExecutionSample {
  startTime = 07:44:47.700
  sampledThread = "Lucene Merge Thread #11" (javaThreadId = 90)
  state = "STATE_RUNNABLE"
  stackTrace = [
    org.apache.lucene.index.IndexWriter.merge(MergePolicy$OneMerge) line: 4620
  ]
}
`;

async function* lines(text: string) {
  for (const l of text.split("\n")) yield l;
}

describe("server profile", () => {
  it("reads each sample's thread and frames, without arguments or line numbers", async () => {
    const samples = [];
    for await (const s of parseJfrPrint(lines(PRINTED))) samples.push(s);
    expect(samples).toHaveLength(3);
    expect(samples[0]).toEqual({
      thread: "neo4j.BoltWorker-4 [bolt-1 - /127.0.0.1:57916]",
      frames: [
        "org.neo4j.index.internal.gbptree.SeekCursor.initialize",
        "org.neo4j.kernel.impl.newapi.KernelRead.lockingNodeUniqueIndexSeek",
        "org.neo4j.kernel.impl.api.KernelTransactionImplementation.commit",
      ],
    });
    expect(samples[1]!.frames).toHaveLength(3); // the "..." of a cut stack is not a frame
    expect(samples[2]!.thread).toBe("Lucene Merge Thread #11");
  });

  it("puts a sample in the first category one of its frames matches", () => {
    const worker = "neo4j.BoltWorker-1 [bolt-1]";
    // The index lookup and the index update win over the commit that contains them.
    expect(
      categoriseSample({
        thread: worker,
        frames: ["x.KernelRead.lockingNodeUniqueIndexSeek", "y.KernelTransactionImplementation.commit"],
      }),
    ).toBe("unique-index lookups (MERGE, stored-id checks)");
    expect(
      categoriseSample({
        thread: worker,
        frames: ["a.b.IndexingService.apply", "y.KernelTransactionImplementation.commit"],
      }),
    ).toBe("index entries written at commit (range and uniqueness B-trees)");
    expect(categoriseSample({ thread: worker, frames: ["y.KernelTransactionImplementation.commit"] })).toBe(
      "commit: the rest",
    );
    expect(categoriseSample({ thread: worker, frames: ["java.util.HashMap.get"] })).toBe(OTHER_WORKER);
    expect(categoriseSample({ thread: "neo4j.IndexSampling-2", frames: ["java.util.HashMap.get"] })).toBe(
      "background: neo4j.IndexSampling",
    );
  });

  it("counts shares and prints µs per application with a baseline's difference", async () => {
    const p = await summariseSamples(parseJfrPrint(lines(PRINTED)));
    expect(p.samples).toBe(3);
    expect(p.categories.map((c) => [c.name, c.samples])).toEqual([
      ["full-text index (Lucene)", 1],
      ["index entries written at commit (range and uniqueness B-trees)", 1],
      ["unique-index lookups (MERGE, stored-id checks)", 1],
    ]);
    const base = await summariseSamples([{ thread: "neo4j.BoltWorker-1", frames: ["k.lockingNodeUniqueIndexSeek"] }]);
    const table = profileTable(
      { name: "pipeline", profile: p, microsPerApp: 300 },
      { name: "shape only", profile: base, microsPerApp: 40 },
    );
    // 300 µs over three equal categories: 100 each; the unique lookups are 100 against the baseline's 40.
    expect(table.find((l) => l.includes("unique-index"))).toMatch(/33\.3%\s+100\s+40\s+60 {2}unique-index/);
    expect(table.find((l) => l.includes("Lucene"))).toMatch(/33\.3%\s+100\s+0\s+100 {2}full-text/);
  });
});
