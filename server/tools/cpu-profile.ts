/**
 * CPU profile of a stretch of a benchmark (V8's sampling profiler through node:inspector), written as a
 * .cpuprofile (Chrome DevTools, speedscope) and summarised: self time per source file and per function,
 * so that a bench can say where its time goes, not only how long it took. "(idle)" is time spent waiting
 * (for Neo4j, mostly), "(garbage collector)" and "(program)" are V8's own.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** Self seconds per source file (relative to the repository), largest first. */
  byFile: [string, number][];
  /** Self seconds per function ("name file:line"), largest first. */
  byFunction: [string, number][];
}

const short = (url: string) => {
  const p = url.replace(/^file:\/\//, "");
  const i = p.lastIndexOf("/server/");
  return i >= 0 ? p.slice(i + 1) : p.includes("node_modules") ? p.slice(p.lastIndexOf("node_modules/") + 13) : p;
};

/** Self time per profile node, from the samples and their time deltas (µs). */
function selfSeconds(profile: Profile): Map<number, number> {
  const out = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the delta to the next one (the last one gets the mean).
    const dt = timeDeltas[i + 1] ?? (profile.endTime - profile.startTime) / Math.max(samples.length, 1);
    out.set(samples[i]!, (out.get(samples[i]!) ?? 0) + dt / 1e6);
  }
  return out;
}

export function summariseProfile(profile: Profile, file: string, top = 15): ProfileSummary {
  const self = selfSeconds(profile);
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of profile.nodes) {
    const s = self.get(n.id) ?? 0;
    if (!s) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? short(url) : `(${functionName || "anonymous"})`.replace(/^\(\((.*)\)\)$/, "($1)");
    byFile.set(where, (byFile.get(where) ?? 0) + s);
    const fn = url ? `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}` : where;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + s);
  }
  const sorted = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]): [string, number] => [k, Math.round(v * 1000) / 1000]);
  return {
    file,
    seconds: Math.round((profile.endTime - profile.startTime) / 1000) / 1000,
    byFile: sorted(byFile),
    byFunction: sorted(byFunction),
  };
}

/** Starts profiling this process; `stop` writes `<dir>/<name>.cpuprofile` and returns its summary. */
export async function startProfile(dir: string, name: string, intervalUs = 500) {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
  await session.post("Profiler.start");
  return {
    async stop(): Promise<ProfileSummary> {
      const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return summariseProfile(profile, file);
    },
  };
}
