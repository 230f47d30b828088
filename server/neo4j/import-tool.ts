/**
 * Neo4j's offline importer
 * ========================
 *
 * Runs `neo4j-admin database import full` (from the jars the manager installs) into a stopped
 * instance's database for bulk load, and reports the importer's CPU.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";

import {
  install,
  instancePaths,
  javaEnv,
  NEO4J_JVM_OPTIONS,
  readPid,
  writeConf,
  type Neo4jSettings,
} from "./manager.js";

export interface ImportInput {
  database: string;
  /**
   * `--nodes` arguments (`Label=file` or a file with a `:LABEL` column). Their `:ID` values are the
   * node ids themselves (`--id-type=actual`): unique across all files, given by the caller.
   */
  nodes: string[];
  /** `--relationships` arguments (`TYPE=file`). */
  relationships: string[];
  /** Files holding values with line breaks. */
  multiline: string[];
  arrayDelimiter: string;
  /** Off-heap memory the importer may use; the machine is shared, so not its 90 % default. */
  maxOffHeap?: string;
  reportFile: string;
}

/** CPU seconds of this process's reaped children (user + system, /proc/self/stat); null where not readable. */
function childrenCpuSeconds(): number | null {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

export interface ImportOutput {
  output: string;
  /** The importer's CPU seconds (its JVM is this process's only child to end meanwhile); null off Linux. */
  cpuSeconds: number | null;
}

/**
 * Runs Neo4j's offline importer (`neo4j-admin database import full`) into the instance's database,
 * replacing it. The server must be stopped. Resolves with the tool's output and CPU; rejects with the output on failure.
 */
export function importFull(
  s: Neo4jSettings,
  input: ImportInput,
  onLine?: (line: string) => void,
): Promise<ImportOutput> {
  const p = instancePaths(s);
  if (readPid(p)) return Promise.reject(new Error("neo4j: stop the server before an offline import"));
  install(s);
  writeConf(s, p);
  const codepoint = `U+${input.arrayDelimiter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const args = [
    `-Xmx${s.heap}`,
    ...NEO4J_JVM_OPTIONS,
    "-cp",
    `${p.lib}/*`,
    "org.neo4j.cli.AdminTool",
    "database",
    "import",
    "full",
    "--overwrite-destination=true",
    // The ids are the store's node ids: no id map to build, sort and search (about a third of the
    // importer's CPU at 1,000,000 applications); the caller guarantees they are unique.
    "--id-type=actual",
    `--array-delimiter=${codepoint}`,
    `--max-off-heap-memory=${input.maxOffHeap ?? s.pagecache}`,
    `--report-file=${input.reportFile}`,
    ...input.nodes.map((n) => `--nodes=${n}`),
    ...input.relationships.map((r) => `--relationships=${r}`),
    ...(input.multiline.length
      ? ["--multiline-fields-format=v2", `--multiline-fields=${input.multiline.join(",")}`]
      : []),
    "--",
    input.database,
  ];
  const cpu0 = childrenCpuSeconds();
  return new Promise((resolve, reject) => {
    const child = spawn("java", args, { env: javaEnv(p), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      if (onLine) for (const line of text.split("\n")) if (line.trim()) onLine(line);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve({ output: out, cpuSeconds: cpu0 === null ? null : childrenCpuSeconds()! - cpu0 })
        : reject(new Error(`neo4j: the offline import failed (exit ${code}):\n${out.slice(-4000)}`)),
    );
  });
}
