/**
 * Bulk load's import files written by several worker threads: the same graph in the files whatever the
 * number of workers and chunk size (applications, identifiers with their properties, links, rejects,
 * summary), the pipeline's batch rules kept (a record superseded within its batch never counts, one
 * replaced from a later batch is cut out), and no identifier written twice across workers.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";

import { writeImportFiles, type ImportFiles } from "../../../server/ingest/bulk/import-files.js";
import { readFileRecords } from "../../../server/ingest/readers.js";
import { MemoryRejectSink } from "../../../server/ingest/rejects.js";
import { generatePopulation } from "../../../seed/generate.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-import-files-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const base = { submitted_at: "2026-03-01T10:00:00Z", claimed_country: "US" };
const lines: string[] = [];
const population = [...generatePopulation({ apps: 1000, seed: 5 })].map((s) => s.record).slice(0, 600);
for (const r of population.slice(0, 120)) lines.push(JSON.stringify(r));
// Within one batch of 50: "dup-1" first uses an address and an email, then "other-1" the same address
// typed another way, then "dup-1" again without either: the first "dup-1" is never written.
lines.push(
  JSON.stringify({ ...base, application_id: "dup-1", email: "first@x.org", shipping_address: "12 Elm Street" }),
);
lines.push(JSON.stringify({ ...base, application_id: "other-1", shipping_address: "12 elm st" }));
lines.push(
  JSON.stringify({ ...base, application_id: "dup-1", email: "second@x.org", shipping_address: "99 Oak Road" }),
);
lines.push("not json");
lines.push(JSON.stringify({ application_id: "no-date" }));
for (const r of population.slice(120)) lines.push(JSON.stringify(r));
// From a later batch: replaces record 3 (its old email goes unless someone else uses it).
lines.push(JSON.stringify({ ...population[3], email: "replaced.address@example.com", ip: [] }));
const file = path.join(tmp, "input.ndjson");
fs.writeFileSync(file, lines.join("\n") + "\n");

const rows = (f: string, header?: string): Record<string, string>[] =>
  parse((header ? header + "\n" : "") + fs.readFileSync(f, "utf8"), { columns: true, relax_quotes: false });

/**
 * The files as a graph keyed by application id and identifier label and key (node ids differ by
 * chunking); checks that the node ids, applications' and identifiers' together, are unique.
 */
function graphOf(files: ImportFiles) {
  const [headerFile, ...parts] = files.applications;
  const header = fs.readFileSync(headerFile!, "utf8").trimEnd();
  const nodeIds = new Set<string>();
  const apps = new Map<string, Record<string, string>>();
  for (const part of parts)
    for (const row of rows(part, header)) {
      const { ":ID": node, "ingested_at:datetime": _at, ...props } = row;
      expect(nodeIds.has(node!)).toBe(false);
      nodeIds.add(node!);
      apps.set(node!, props);
    }
  const identifiers = new Map<string, Record<string, string>>();
  for (const row of rows(files.identifiers)) {
    const { ":ID": node, ...props } = row;
    expect(nodeIds.has(node!)).toBe(false);
    nodeIds.add(node!);
    identifiers.set(node!, props);
  }
  const byKey = new Map<string, Record<string, string>>();
  for (const props of identifiers.values()) {
    const ref = `${props[":LABEL"]} ${props.key}`;
    expect(byKey.has(ref), `${ref} written twice`).toBe(false);
    byKey.set(ref, props);
  }
  const links: string[] = [];
  for (const row of rows(files.links)) {
    const app = apps.get(row[":START_ID"]!)!;
    const ident = identifiers.get(row[":END_ID"]!)!;
    links.push(`${app.id} ${ident[":LABEL"]} ${ident.key}`);
  }
  const appsById = new Map([...apps.values()].map((p) => [p.id!, p]));
  expect(appsById.size).toBe(apps.size);
  return {
    apps: Object.fromEntries([...appsById].sort((a, b) => a[0].localeCompare(b[0]))),
    identifiers: Object.fromEntries([...byKey].sort((a, b) => a[0].localeCompare(b[0]))),
    links: links.sort(),
  };
}

async function write(workers: number, chunkRecords: number) {
  const rejects = new MemoryRejectSink();
  const dir = path.join(tmp, `w${workers}-c${chunkRecords}`);
  const { files, summary } = await writeImportFiles(
    [{ name: file, records: readFileRecords(file, { parse: false }), rejects }],
    { dir, batchSize: 50, workers, chunkRecords },
  );
  return { files, summary, rejects: rejects.rejects, graph: graphOf(files) };
}

describe("bulk import files from worker threads", () => {
  it("hold the same graph with one worker and with three taking chunks of 7 records", async () => {
    const one = await write(1, 1000);
    const three = await write(3, 7);
    expect(three.files.applications).toHaveLength(4);
    expect(three.graph).toEqual(one.graph);
    expect(three.files.counts).toEqual(one.files.counts);
    expect({ ...three.summary, seconds: 0, recordsPerSecond: 0 }).toEqual({
      ...one.summary,
      seconds: 0,
      recordsPerSecond: 0,
    });
    expect(three.rejects).toEqual(one.rejects);

    const { graph, files, rejects } = three;
    expect(Object.keys(graph.apps)).toHaveLength(602);
    expect(files.counts).toMatchObject({ applications: 602, replaced: 2, links: graph.links.length });
    expect(rejects.map((r) => [r.line, r.reason.slice(0, 16)])).toEqual([
      [124, "line is not JSON"],
      [125, "submitted_at is "],
    ]);
    // The first "dup-1" never counted: its email does not exist, and the address it shared was created
    // by "other-1", with that record's spelling.
    expect(graph.identifiers["Email first@x.org"]).toBeUndefined();
    expect(graph.links.filter((l) => l.startsWith("dup-1 "))).toEqual([
      "dup-1 Address 99 oak rd",
      "dup-1 Email second@x.org",
    ]);
    expect(graph.identifiers["Address 12 elm st"]?.sample).toBe("12 elm st");
    // Record 3 is its replacement from a later batch: new email, no IP links.
    const id3 = population[3]!.application_id;
    expect(graph.links.filter((l) => l.startsWith(`${id3} Email`))).toEqual([
      `${id3} Email replaced.address@example.com`,
    ]);
    expect(graph.links.filter((l) => l.startsWith(`${id3} IP`))).toEqual([]);
    // Every identifier is used by some link.
    const used = new Set(graph.links.map((l) => l.slice(l.indexOf(" ") + 1)));
    expect(Object.keys(graph.identifiers).filter((k) => !used.has(k))).toEqual([]);
  }, 120_000);
});
