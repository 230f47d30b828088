/**
 * Where the Neo4j server's CPU goes
 * =================================
 *
 * `bench:ingest --server-profile`: records the project's own Neo4j server with Java Flight Recorder while
 * a phase of the bench runs (started and stopped through `jcmd`, with only the execution sampler on, every
 * 10 ms, so the recording itself costs next to nothing), reads the samples back with `jfr print` and puts
 * each in one category by the frames on its stack (`SERVER_CATEGORIES`: the first rule any frame
 * matches). The samples cover Java code on Java threads only: garbage collection and the JIT compiler are
 * outside them, so a category's share is of the sampled work, not of every CPU second.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

/** One execution sample: the thread's name and its frames, innermost first (`class.method`). */
export interface ServerSample {
  thread: string;
  frames: string[];
}

/**
 * Categories in order of precedence: a sample belongs to the first whose marker one of its frames
 * contains. Markers come from the server's own stacks (Neo4j 5.26): index work is named before the commit
 * and the query that contain it, so that "commit" means the rest of the commit.
 */
export const SERVER_CATEGORIES: readonly (readonly [string, readonly string[]])[] = [
  ["full-text index (Lucene)", ["org.apache.lucene.", ".fulltext."]],
  ["index entries written at commit (range and uniqueness B-trees)", ["IndexingService.apply", "NativeIndexUpdater."]],
  ["locks", [".locking."]],
  ["unique-index lookups (MERGE, stored-id checks)", ["lockingNodeUniqueIndexSeek"]],
  ["other index lookups", ["IndexSeek", "nodeIndexSeek"]],
  ["commit: changes turned into records", ["RecordStorageEngine.createCommands", "extractCommands"]],
  ["commit: transaction log", [".transaction.log."]],
  ["commit: records applied to the store", ["RecordStorageEngine.apply"]],
  ["commit: the rest", ["KernelTransactionImplementation.commit"]],
  ["property writes", ["nodeSetProperty", "relationshipSetProperty"]],
  ["node and relationship creation", ["nodeCreate", "relationshipCreate", "CreateSlottedNode", "CreateNode"]],
  ["relationship reads and deletes", ["relationshipDelete", "nodeDelete", "RelationshipSelection", "Expand"]],
  ["Bolt: parameters in, results out", [".packstream.", "io.netty."]],
  ["Cypher planning", [".cypher.internal.compiler.", ".cypher.internal.planner.", ".cypher.internal.frontend."]],
  ["other query work (rows, expressions, buffering)", [".cypher."]],
];
export const OTHER_WORKER = "other work on the query threads";

/** The category of one sample; samples off the query (Bolt worker) threads are "background: <thread>". */
export function categoriseSample(s: ServerSample): string {
  for (const [name, markers] of SERVER_CATEGORIES)
    if (s.frames.some((f) => markers.some((m) => f.includes(m)))) return name;
  if (!s.thread.includes("BoltWorker"))
    return `background: ${s.thread.replace(/[\s[(].*$/, "").replace(/[-#\s]*\d+$/, "")}`;
  return OTHER_WORKER;
}

export interface ServerProfile {
  samples: number;
  /** Samples per category, largest first. */
  categories: { name: string; samples: number; share: number }[];
}

/** Counts samples per category as they are read, so that a long recording is never held whole. */
export async function summariseSamples(
  samples: Iterable<ServerSample> | AsyncIterable<ServerSample>,
): Promise<ServerProfile> {
  const counts = new Map<string, number>();
  let n = 0;
  for await (const s of samples) {
    n++;
    const c = categoriseSample(s);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const categories = [...counts]
    .map(([name, count]) => ({ name, samples: count, share: n ? count / n : 0 }))
    .sort((a, b) => b.samples - a.samples || a.name.localeCompare(b.name));
  return { samples: n, categories };
}

/**
 * Reads `jfr print` text output: each `jdk.ExecutionSample { … }` block's `sampledThread = "name …"` and
 * the `class.method(args) line: N` frames of its `stackTrace = [ … ]`.
 */
export async function* parseJfrPrint(lines: AsyncIterable<string>): AsyncGenerator<ServerSample> {
  let thread: string | null = null;
  let frames: string[] | null = null;
  for await (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith("jdk.ExecutionSample")) {
      thread = "";
      frames = null;
    } else if (thread !== null && line.startsWith("sampledThread = ")) {
      thread = /^sampledThread = "([^"]*)"/.exec(line)?.[1] ?? "";
    } else if (thread !== null && line.startsWith("stackTrace = [")) {
      frames = [];
    } else if (frames && line === "]") {
      yield { thread: thread ?? "", frames };
      thread = null;
      frames = null;
    } else if (frames && line && line !== "...") {
      frames.push(line.replace(/\(.*$/, ""));
    }
  }
}

/** A JDK tool beside the `java` binary running the server process `pid` (from /proc); null if absent. */
export function jdkTool(pid: number, name: "jcmd" | "jfr"): string | null {
  try {
    const tool = path.join(path.dirname(fs.realpathSync(`/proc/${pid}/exe`)), name);
    return fs.existsSync(tool) ? tool : null;
  } catch {
    return null;
  }
}

/** Only the execution sampler, every 10 ms (a JFC settings file: the format `jcmd JFR.start settings=` takes). */
const SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="ringscope-cpu">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
</configuration>
`;

export interface ServerRecording {
  /** Stops the recording and reads it: the profile of everything the server ran meanwhile. */
  stop(): Promise<ServerProfile>;
}

/** Starts recording the server process `pid`; throws with jcmd's words if it cannot. */
export function startServerRecording(pid: number): ServerRecording {
  const jcmd = jdkTool(pid, "jcmd");
  const jfr = jdkTool(pid, "jfr");
  if (!jcmd || !jfr)
    throw new Error(
      `server profile: jcmd and jfr (a JDK, not a JRE) are needed beside the java running process ${pid}`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-jfr-"));
  const settings = path.join(dir, "cpu.jfc");
  const file = path.join(dir, "server.jfr");
  fs.writeFileSync(settings, SETTINGS);
  const name = `ringscope-${process.pid}`;
  const run = (args: string[]) => {
    const r = spawnSync(jcmd, [String(pid), ...args], { encoding: "utf8" });
    if (r.status !== 0 || /Could not|error|exception/i.test(r.stdout))
      throw new Error(`server profile: jcmd ${args[0]} failed: ${(r.stdout + r.stderr).trim()}`);
  };
  run(["JFR.start", `name=${name}`, `settings=${settings}`, `filename=${file}`]);
  return {
    async stop() {
      try {
        run(["JFR.stop", `name=${name}`]);
        const child = spawn(jfr, ["print", "--stack-depth", "128", "--events", "jdk.ExecutionSample", file], {
          stdio: ["ignore", "pipe", "inherit"],
        });
        return await summariseSamples(parseJfrPrint(readline.createInterface({ input: child.stdout })));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface NamedProfile {
  name: string;
  profile: ServerProfile;
  /** The server's measured CPU per application over the same span (null where not measurable). */
  microsPerApp: number | null;
}

/**
 * A profile (and optionally a second, the baseline) as a table: each category's share of the samples
 * and, scaled by the server's measured CPU, its µs per application; with a baseline, the difference.
 */
export function profileTable(main: NamedProfile, base: NamedProfile | null): string[] {
  const us = (p: NamedProfile | null, name: string) => {
    const c = p?.profile.categories.find((x) => x.name === name);
    return p && p.microsPerApp !== null ? (c?.share ?? 0) * p.microsPerApp : null;
  };
  const cell = (v: number | null, w = 8) => (v === null ? "" : Math.round(v).toString()).padStart(w);
  const head =
    `  ${"share".padStart(6)} ${main.name.slice(0, 8).padStart(8)}` +
    (base ? ` ${base.name.slice(0, 10).padStart(10)} ${"extra".padStart(8)}` : "") +
    "  (µs of Neo4j CPU per application)";
  const rows = main.profile.categories.map((c) => {
    const a = us(main, c.name);
    const b = base ? us(base, c.name) : null;
    return (
      `  ${(c.share * 100).toFixed(1).padStart(5)}% ${cell(a)}` +
      (base ? ` ${cell(b, 10)} ${cell(a !== null && b !== null ? a - b : null)}` : "") +
      `  ${c.name}`
    );
  });
  const missing = base
    ? base.profile.categories.filter((c) => !main.profile.categories.some((m) => m.name === c.name))
    : [];
  for (const c of missing) rows.push(`  ${"0.0".padStart(5)}% ${cell(0)} ${cell(us(base, c.name), 10)}  ${c.name}`);
  return [
    `server profile (Java Flight Recorder, ${main.profile.samples} samples` +
      (base ? `; ${base.name}: ${base.profile.samples}` : "") +
      "; Java code only, garbage collection and JIT spread over the rows):",
    head,
    ...rows,
  ];
}
