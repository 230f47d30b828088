/**
 * `npm run bench:ingest -- --apps N [--seed S] [--naive-sample M] [--bulk]`
 * ========================================================================
 *
 * Writes a seeded NDJSON file of N applications, empties the database (the configured instance, by
 * default a dedicated `bench` one), warms the server with the file's first `--warmup` records (20,000;
 * then deleted, see warmUp), ingests the file through the real pipeline and prints
 * applications/s; then, in the same run, writes a sample of the same records one per transaction with
 * a naive MERGE loop and prints its rate and the ratio. Figures, not assertions: the machine is shared.
 * It also prints the CPU time each side spent on the pipeline (this process, and the Neo4j server when
 * it is the project's own instance on this machine), since on 2 cores the two compete for the same CPU.
 * The "shape path" run then sends the file's first `--shape-path-sample` records (all of them, by
 * default) through the pipeline again, batched and in flight the same way, but written with nothing beyond
 * ids, identifier keys and links (ShapePathRepository): the pipeline's CPU above it is what properties
 * and their index entries cost. Last, the "shape only" run writes the first `--shape-sample` applications
 * (all, up to 200,000) again as bare nodes and links (no properties, normalised beforehand, one writer,
 * one MERGE statement): Neo4j's own cost for this graph shape, and so the ceiling any transactional
 * ingest of this model can reach on the machine. Under that, the "bare
 * writes" run has Neo4j create node pairs joined by a relationship with nothing else (no properties,
 * index entries or parameters): the cheapest write there is. Dividing its rate by the number of graph
 * entities an application of this file needs gives a bound no transactional ingest can pass here.
 * `--server-profile` records the server with Java Flight Recorder during the pipeline and the shape-only
 * run and prints where its CPU went in each, by category (server-profile.ts).
 * With --bulk: the offline importer's file-to-serving time for the whole file beside the pipeline's rate
 * on a sample of it (see benchBulk). `--file` takes a file written beforehand by `npm run seed` with the
 * same --apps and --seed (writing a million records takes minutes that are no part of any measurement,
 * so they can run at low priority outside the shared measurement lock); it is kept afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { loadConfig, type Config } from "../config.js";
import { BenchRepository, ShapePathRepository } from "./bench.repository.js";
import { connectDatabase, type ProfiledOperator } from "../db/database.js";
import { ingestRecords } from "../ingest/pipeline.js";
import { status } from "../neo4j/manager.js";
import { readFileRecords } from "../ingest/readers.js";
import { normaliseRecord, type NormalisedApplication } from "../ingest/record.js";
import { MemoryRejectSink } from "../ingest/rejects.js";
import { writePopulation } from "../../seed/write-files.js";
import { cliArgs, runMain } from "../common/cli-args.js";
import { processCpuSeconds } from "../neo4j/process-cpu.js";
import { profileTable, startServerRecording } from "./server-profile.js";
import { measureBareWrites, measureShapeOnly, measureShapePath, warmUp } from "./bench-ingest-baselines.js";
import { benchBulk } from "./bench-ingest-bulk.js";

const USAGE =
  "npm run bench:ingest -- --apps N [--seed S] [--naive-sample M] [--shape-sample K] [--shape-path-sample K] [--batch-size B] [--concurrency C] " +
  "[--warmup W] [--bulk [--pipeline-sample P] [--keep]] [--profile [--profile-background B]] [--server-profile] [--file SEEDED.ndjson]";

/**
 * `--profile`: where Neo4j's work per application goes, from PROFILE (db hits and page-cache hits per
 * operator, per application) for one batch written three ways into a database holding the file's first
 * `background` records: as new applications, as the shape-only statement, and as a re-ingest of the
 * same batch (which replaces fields and removes and re-creates every link). Each
 * profiled statement is rolled back; the batch is then written for the re-ingest case.
 */
async function benchProfile(config: Config, file: string, background: number, batchSize: number): Promise<void> {
  const db = await connectDatabase(config);
  const repo = new BenchRepository(db);
  try {
    await repo.deleteAll();
    await db.applySchema();
    const first: NormalisedApplication[] = [];
    const batch: NormalisedApplication[] = [];
    for await (const raw of readFileRecords(file)) {
      const r = normaliseRecord(raw.value);
      if (!r.ok) continue;
      if (first.length < background) first.push(r.application);
      else batch.push(r.application);
      if (batch.length >= batchSize) break;
    }
    for (let i = 0; i < first.length; i += batchSize) await repo.writeBatch(first.slice(i, i + batchSize));
    const cases: [string, () => Promise<ProfiledOperator[]>][] = [
      ["new applications (stored ids looked up, then created)", () => repo.profileBatch(batch, "new")],
      ["shape only, same batch", () => repo.profileBatch(batch, "shape")],
      [
        "the same batch re-ingested (replaced)",
        async () => {
          await repo.writeBatch(batch);
          return repo.profileBatch(batch, "replaced");
        },
      ],
    ];
    const n = batch.length;
    const summary: Record<string, unknown> = { background: first.length, batch: n };
    for (const [name, run] of cases) {
      await run(); // the first run of a plan compiles it and warms the page cache
      const ops = await run();
      const hits = ops.reduce((t, o) => t + o.dbHits, 0);
      const pages = ops.reduce((t, o) => t + o.pageCacheHits + o.pageCacheMisses, 0);
      console.log(
        `profile: ${name} (${n} applications over ${first.length}): ${(hits / n).toFixed(1)} db hits and ${(pages / n).toFixed(1)} page accesses per application`,
      );
      for (const o of [...ops].sort((a, b) => b.dbHits - a.dbHits).slice(0, 8))
        console.log(
          `    ${(o.dbHits / n).toFixed(1).padStart(6)} db hits/app  ${o.operator.padEnd(28)} ${o.details.replace(/\s+/g, " ").slice(0, 90)}`,
        );
      summary[name] = {
        db_hits_per_app: Number((hits / n).toFixed(1)),
        page_accesses_per_app: Number((pages / n).toFixed(1)),
      };
    }
    console.log(JSON.stringify(summary));
    await repo.deleteAll();
  } finally {
    await db.close();
  }
}

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "200000" },
      seed: { type: "string", default: "7" },
      "naive-sample": { type: "string", default: "2000" },
      "shape-sample": { type: "string", default: "200000" },
      "shape-path-sample": { type: "string" },
      "batch-size": { type: "string" },
      concurrency: { type: "string", default: "2" },
      bulk: { type: "boolean" },
      "pipeline-sample": { type: "string", default: "20000" },
      keep: { type: "boolean" },
      file: { type: "string" },
      profile: { type: "boolean" },
      "profile-background": { type: "string", default: "20000" },
      "server-profile": { type: "boolean" },
      warmup: { type: "string", default: "20000" },
    },
    USAGE,
  );
  const apps = Number(values.apps);
  const sample = Math.min(apps, Number(values["naive-sample"]));
  const shapeSample = Math.min(apps, Number(values["shape-sample"]));
  const shapePathSample = Math.min(apps, Number(values["shape-path-sample"] ?? apps));
  const config = loadConfig({ RINGSCOPE_NEO4J_INSTANCE: "bench", ...process.env });
  const batchSize = Number(values["batch-size"] ?? config.ingest.batchSize);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-bench-"));
  let file = path.join(dir, `apps-${apps}.ndjson`);
  if (values.file) {
    file = path.resolve(values.file);
    if (!fs.existsSync(file)) throw new Error(`bench:ingest: --file ${file} does not exist; usage: ${USAGE}`);
    console.log(`seeded file: ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB, written beforehand)`);
  } else {
    const tGen = performance.now();
    await writePopulation({ apps, seed: Number(values.seed) }, file, path.join(dir, "truth.ndjson"));
    console.log(
      `seeded file: ${apps} applications, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - tGen) / 1000).toFixed(1)} s`,
    );
  }

  if (values.profile) {
    try {
      await benchProfile(config, file, Number(values["profile-background"]), batchSize);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  if (values.bulk) {
    try {
      await benchBulk(
        config,
        file,
        apps,
        Number(values.seed),
        Number(values["pipeline-sample"]),
        batchSize,
        values.keep,
        Boolean(values.file),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const db = await connectDatabase(config);
  const repo = new BenchRepository(db);
  try {
    await repo.deleteAll();
    await db.applySchema();
    const neo4jPid = config.neo4j.managed ? (await status(config.neo4j)).pid : null;
    await warmUp(repo, file, Math.min(apps, Number(values.warmup)), batchSize, Number(values.concurrency));
    const serverProfile = Boolean(values["server-profile"]);
    if (serverProfile && !neo4jPid)
      throw new Error("bench:ingest: --server-profile needs the project's own Neo4j server on this machine");
    const recording = serverProfile && neo4jPid ? startServerRecording(neo4jPid) : null;
    const neo4jCpu0 = processCpuSeconds(neo4jPid);
    const ownCpu0 = process.cpuUsage();
    const summary = await ingestRecords(repo, readFileRecords(file), {
      batchSize,
      concurrency: Number(values.concurrency),
      rejects: new MemoryRejectSink(10),
    });
    const pipelineRate = summary.accepted / summary.seconds;
    const ownCpu = process.cpuUsage(ownCpu0);
    const ingestCpuSeconds = (ownCpu.user + ownCpu.system) / 1e6;
    const neo4jCpu1 = processCpuSeconds(neo4jPid);
    const neo4jCpuSeconds = neo4jCpu0 !== null && neo4jCpu1 !== null ? neo4jCpu1 - neo4jCpu0 : null;
    const pipelineProfile = recording ? await recording.stop() : null;
    const perApp = (cpuSeconds: number) => `${Math.round((cpuSeconds / summary.accepted) * 1e6)} µs/application`;
    console.log(
      `pipeline: ${summary.accepted} applications in ${summary.seconds.toFixed(1)} s = ${Math.round(pipelineRate)} applications/s (batch ${batchSize}, ${values.concurrency} in flight)`,
    );
    console.log(
      `  CPU: ingest process ${ingestCpuSeconds.toFixed(1)} s (${perApp(ingestCpuSeconds)}), ` +
        (neo4jCpuSeconds === null
          ? "Neo4j server not measurable (not this machine's instance)"
          : `Neo4j server ${neo4jCpuSeconds.toFixed(1)} s (${perApp(neo4jCpuSeconds)}); ${os.cpus().length} cores`),
    );

    const shapePath =
      shapePathSample > 0
        ? await measureShapePath(
            new ShapePathRepository(db),
            file,
            shapePathSample,
            { batchSize, concurrency: Number(values.concurrency) },
            neo4jPid,
          )
        : null;
    if (shapePath)
      console.log(
        `shape path: ${shapePath.accepted} applications through the same pipeline with nothing but ids, keys and links in ${shapePath.seconds.toFixed(1)} s = ${Math.round(shapePath.accepted / shapePath.seconds)} applications/s` +
          (shapePath.neo4jMicros ? `; Neo4j ${shapePath.neo4jMicros} µs/application` : ""),
      );

    // The same records (the first `sample` of the file) into an empty database, one per transaction.
    await repo.deleteAll();
    const naiveApps = [];
    for await (const raw of readFileRecords(file)) {
      const r = normaliseRecord(raw.value);
      if (r.ok) naiveApps.push(r.application);
      if (naiveApps.length >= sample) break;
    }
    const t0 = performance.now();
    for (const app of naiveApps) await repo.writeOneNaively(app);
    const naiveSeconds = (performance.now() - t0) / 1000;
    const naiveRate = naiveApps.length / naiveSeconds;
    console.log(
      `naive loop: ${naiveApps.length} applications in ${naiveSeconds.toFixed(1)} s = ${Math.round(naiveRate)} applications/s (one MERGE transaction per record)`,
    );
    console.log(`ratio: ${(pipelineRate / naiveRate).toFixed(1)}x`);

    const shape =
      shapeSample > 0 ? await measureShapeOnly(repo, file, shapeSample, batchSize, neo4jPid, serverProfile) : null;
    if (shape) {
      const ceiling = shape.neo4jMicros ? Math.round((os.cpus().length * 1e6) / shape.neo4jMicros) : null;
      console.log(
        `shape only: ${shape.apps} applications as bare nodes and links in ${shape.seconds.toFixed(1)} s = ${Math.round(shape.apps / shape.seconds)} applications/s (one writer, batch ${batchSize})` +
          (ceiling
            ? `; Neo4j ${shape.neo4jMicros} µs/application, so at most ${ceiling} applications/s with every core given to Neo4j`
            : ""),
      );
    }
    if (shape?.neo4jMicros && neo4jCpuSeconds !== null) {
      const pipelineMicros = (neo4jCpuSeconds / summary.accepted) * 1e6;
      console.log(
        `targets: ${Math.round(pipelineRate)} applications/s against 3000 (${pipelineRate >= 3000 ? "met" : "MISSED"}); ` +
          `Neo4j CPU per application ${(pipelineMicros / shape.neo4jMicros).toFixed(2)}x the shape-only figure against 1.5x (${pipelineMicros <= 1.5 * shape.neo4jMicros ? "met" : "MISSED"})`,
      );
      if (shapePath?.neo4jMicros)
        console.log(
          `  of which the pipeline's path with no properties: ${(shapePath.neo4jMicros / shape.neo4jMicros).toFixed(2)}x the shape-only figure; ` +
            `properties and their index entries: ${Math.round(pipelineMicros - shapePath.neo4jMicros)} µs/application (${(pipelineMicros / shapePath.neo4jMicros).toFixed(2)}x the shape path)`,
        );
    }
    if (pipelineProfile)
      for (const line of profileTable(
        {
          name: "pipeline",
          profile: pipelineProfile,
          microsPerApp: neo4jCpuSeconds === null ? null : (neo4jCpuSeconds / summary.accepted) * 1e6,
        },
        shape?.profile ? { name: "shape only", profile: shape.profile, microsPerApp: shape.neo4jMicros } : null,
      ))
        console.log(line);
    const bare = shape ? await measureBareWrites(repo, neo4jPid) : null;
    let bareBound: number | null = null;
    if (shape && bare) {
      const entitiesPerSecond = bare.entities / bare.seconds;
      bareBound = Math.round(entitiesPerSecond / shape.entitiesPerApp);
      const cpuBound = bare.neo4jMicrosPerEntity
        ? Math.round((os.cpus().length * 1e6) / (bare.neo4jMicrosPerEntity * shape.entitiesPerApp))
        : null;
      console.log(
        `bare writes: ${bare.entities} entities (node pairs and a relationship, nothing else) in ${bare.seconds.toFixed(1)} s = ${Math.round(entitiesPerSecond)} entities/s` +
          (bare.neo4jMicrosPerEntity ? `, Neo4j ${bare.neo4jMicrosPerEntity.toFixed(1)} µs CPU each` : ""),
      );
      console.log(
        `  an application of this file is ${shape.entitiesPerApp.toFixed(1)} graph entities (its node, its share of identifier nodes, its links): ` +
          `at most ${bareBound} applications/s for one writer even if every write were that cheap` +
          (cpuBound ? `, ${cpuBound} with every core given to Neo4j` : ""),
      );
    }
    console.log(
      JSON.stringify({
        apps,
        pipeline_apps_per_s: Math.round(pipelineRate),
        naive_apps_per_s: Math.round(naiveRate),
        ratio: Number((pipelineRate / naiveRate).toFixed(1)),
        naive_sample: naiveApps.length,
        ingest_cpu_s: Number(ingestCpuSeconds.toFixed(1)),
        neo4j_cpu_s: neo4jCpuSeconds === null ? null : Number(neo4jCpuSeconds.toFixed(1)),
        shape_only_apps_per_s: shape ? Math.round(shape.apps / shape.seconds) : null,
        shape_only_neo4j_us_per_app: shape?.neo4jMicros ?? null,
        shape_path_apps_per_s: shapePath ? Math.round(shapePath.accepted / shapePath.seconds) : null,
        shape_path_neo4j_us_per_app: shapePath?.neo4jMicros ?? null,
        entities_per_app: shape ? Number(shape.entitiesPerApp.toFixed(2)) : null,
        bare_entities_per_s: bare ? Math.round(bare.entities / bare.seconds) : null,
        bare_neo4j_us_per_entity: bare?.neo4jMicrosPerEntity ? Number(bare.neo4jMicrosPerEntity.toFixed(1)) : null,
        bare_bound_apps_per_s: bareBound,
      }),
    );
    await repo.deleteAll();
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
