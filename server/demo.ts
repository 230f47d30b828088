/**
 * Demo population
 * ===============
 *
 * On `npm start` against an empty database, generates the seeded demo population and ingests it through
 * the ordinary pipeline, then marks the database as the demo (demo users are created only there).
 */
import { generatePopulation } from "../seed/generate.js";
import type { Container } from "./container.js";
import { ingestRecords } from "./ingest/pipeline.js";
import type { RawRecord } from "./ingest/readers.js";
import { MemoryRejectSink } from "./ingest/rejects.js";

async function* demoRecords(apps: number, seed: number): AsyncGenerator<RawRecord> {
  let line = 0;
  for (const { record } of generatePopulation({ apps, seed })) yield { line: ++line, text: "", value: record };
}

/** Returns true when the demo was loaded now. */
export async function loadDemoIfEmpty(c: Container): Promise<boolean> {
  const { apps, seed } = c.config.demo;
  if (apps === 0) return false;
  const counts = await c.repos.applications.counts();
  if (counts.applications > 0) return false;
  c.log.info({ apps, seed }, "empty database: loading the demo population");
  process.stdout.write(`Empty database: loading a demo population of ${apps} applications (seed ${seed})…\n`);
  const summary = await ingestRecords(c.repos.applications, demoRecords(apps, seed), {
    batchSize: c.config.ingest.batchSize,
    rejects: new MemoryRejectSink(10),
  });
  process.stdout.write(`Demo loaded: ${summary.accepted} applications in ${summary.seconds.toFixed(1)} s.\n`);
  return true;
}
