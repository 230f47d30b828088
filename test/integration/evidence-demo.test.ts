/**
 * Figures for three demo-like cases, checked with the recipient's tools: a seeded population (the
 * demo's generator, 1,000 applications, seed 42) is ingested and detected; for the first laptop farm,
 * account-rental network and identity-reuse ring of the ground truth, the cluster holding most of the
 * ring is opened as a case with notes quoting its members' values in every form, and exported with
 * every field masked. For each package the test prints and checks the OASIS stix2-validator's error and
 * warning counts, networkx's node and edge counts of GraphML and GEXF against the CSVs, and the leak
 * scan's hit count over every raw and normal-form value of every member.
 *
 *     npx vitest run test/integration/evidence-demo.test.ts
 */
import fs from "node:fs";
import path from "node:path";

import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REDACTABLE_FIELDS } from "../../server/evidence/redaction.js";
import { readZip } from "../../server/evidence/zip.js";
import { PROJECT_ROOT } from "../../server/config.js";
import { generatePopulation } from "../../seed/generate.js";
import type { RingType } from "../../seed/types.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { notesQuoting, UNLISTED } from "../helpers/evidence-data.js";
import { memberValues, packageTexts, scanForLeaks } from "../helpers/leak-scan.js";
import { runPython } from "../helpers/python.js";

const OUT = path.join(PROJECT_ROOT, "test-results", "evidence-demo");
const RINGS: RingType[] = ["laptop_farm", "account_rental", "identity_reuse"];
const population = [...generatePopulation({ apps: 1000, seed: 42 })];
const records = population.map((a) => a.record as unknown as Record<string, unknown>);
const byId = new Map(records.map((r) => [String(r.application_id), r]));
let ctx: TestContext;

interface Figures {
  ring: string;
  ring_type: RingType;
  case_id: string;
  members: number;
  validator_errors: number;
  validator_warnings: number;
  stix_objects: number;
  graphml: string;
  gexf: string;
  csv: string;
  leak_values: number;
  leak_hits: number;
  export_seconds: number;
}
const figures: Figures[] = [];

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  ctx = await createTestContext({ env: { RINGSCOPE_ORGANISATION: "Example Staffing Ltd" } });
  const ingest = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(records),
  });
  expect(ingest.body.accepted).toBe(records.length);
  await ctx.container.services.runs.runNow("test");
}, 600_000);

afterAll(async () => {
  if (figures.length) console.table(figures);
  await ctx?.close();
});

const rows = (files: Map<string, Buffer>, name: string) =>
  (parseCsv(files.get(name)!.toString("utf8"), { columns: true, bom: true }) as unknown[]).length;

describe("three demo cases exported with every field masked", () => {
  for (const type of RINGS)
    it(`${type}: validator errors, networkx counts and leak hits`, async () => {
      const ring = population
        .filter((a) => a.truth.ring_type === type)
        .sort((a, b) => (a.truth.ring_id! < b.truth.ring_id! ? -1 : 1));
      const ringId = ring[0]!.truth.ring_id!;
      const ids = new Set(ring.filter((a) => a.truth.ring_id === ringId).map((a) => a.record.application_id));
      const clusters = (await ctx.api("/api/clusters?limit=500")).body.clusters as {
        id: string;
        application_ids: string[];
      }[];
      const overlap = (c: { application_ids: string[] }) => c.application_ids.filter((x) => ids.has(x)).length;
      const cluster = [...clusters].sort((a, b) => overlap(b) - overlap(a))[0]!;
      expect(overlap(cluster), `detection finds ${ringId}`).toBeGreaterThanOrEqual(Math.min(3, ids.size));
      const members = cluster.application_ids.map((x) => byId.get(x)!);
      const opened = await ctx.api("/api/cases", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ cluster_id: cluster.id, notes: notesQuoting(members) }),
      });
      expect(opened.status).toBe(201);
      const t0 = performance.now();
      const res = await ctx.api.raw(`/api/cases/${opened.body.id}/export`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          tlp: "amber",
          redaction: Object.fromEntries(REDACTABLE_FIELDS.map((f) => [f, "masked"])),
          include_notes: true,
          recipient: "Demo recipient",
          purpose: `Demo: ${type.replace(/_/g, " ")}`,
        }),
      });
      expect(res.status).toBe(200);
      const zip = Buffer.from(await res.arrayBuffer());
      const seconds = (performance.now() - t0) / 1000;
      const dir = path.join(OUT, type);
      fs.mkdirSync(dir, { recursive: true });
      const files = new Map<string, Buffer>();
      for (const [n, e] of (await readZip(zip)).entries)
        if ("data" in e) {
          files.set(n, e.data);
          fs.writeFileSync(path.join(dir, n), e.data);
        }
      fs.writeFileSync(path.join(OUT, `${type}.zip`), zip);

      const stix = await runPython("stix_check.py", [path.join(dir, "stix-bundle.json")]);
      const graph = await runPython("graph_check.py", [path.join(dir, "graph.graphml"), path.join(dir, "graph.gexf")]);
      const nodes = rows(files, "applications.csv") + rows(files, "identifiers.csv");
      const edges = rows(files, "links.csv");
      const values = [
        ...memberValues(members),
        ...Object.entries(UNLISTED).map(([field, value]) => ({
          application_id: "(notes only)",
          field,
          form: "as typed" as const,
          value,
        })),
      ];
      const hits = scanForLeaks(await packageTexts(files), values);
      figures.push({
        ring: ringId,
        ring_type: type,
        case_id: opened.body.id,
        members: members.length,
        validator_errors: stix.errors.length,
        validator_warnings: stix.warnings.length,
        stix_objects: stix.parsed.objects ?? 0,
        graphml: `${graph.graphml.nodes} nodes / ${graph.graphml.edges} edges`,
        gexf: `${graph.gexf.nodes} nodes / ${graph.gexf.edges} edges`,
        csv: `${nodes} nodes / ${edges} links`,
        leak_values: values.length,
        leak_hits: hits.length,
        export_seconds: Math.round(seconds * 10) / 10,
      });
      console.log(`${type}: ${JSON.stringify(figures[figures.length - 1])}`);
      if (stix.warnings.length) console.log(JSON.stringify(stix.warning_codes));
      expect(stix.errors).toEqual([]);
      expect(stix.parsed.ok).toBe(true);
      for (const g of [graph.graphml, graph.gexf]) {
        expect(g.nodes).toBe(nodes);
        expect(g.edges).toBe(edges);
      }
      expect(hits).toEqual([]);
    }, 600_000);
});
