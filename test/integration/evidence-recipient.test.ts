/**
 * Evidence packages tried as a recipient would, with tools nobody on this project wrote: a seeded
 * laptop-farm ring (names in four scripts, values typed many ways) is detected, opened as a case with
 * notes quoting every value in every form, and exported twice against the real Neo4j and Chromium:
 *
 * - every field masked: each file of the ZIP (the PDF through pdftotext and pypdf) is searched for every
 *   raw and normal-form value of every member and for the unlisted contacts in the notes: zero hits;
 * - every field in full, unlisted contacts released: "ff" in an identifier and a CJK name extract
 *   exactly from the PDF, fonts for CJK and Arabic are embedded, and no XML file carries a forbidden
 *   character.
 *
 * Both bundles pass the OASIS stix2-validator with no errors and parse with stix2; networkx reads
 * GraphML and GEXF with the CSVs' node and edge counts and typed attributes; Python's cryptography
 * verifies the Ed25519 signature from the spec alone.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../../server/config.js";
import { REDACTABLE_FIELDS } from "../../server/evidence/redaction.js";
import { readZip } from "../../server/evidence/zip.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import {
  CJK_NAME,
  CONTROL_NAME,
  CYRILLIC_NAME,
  evidenceRing,
  FF_DEVICE,
  FF_NAME,
  notesQuoting,
  UNLISTED,
} from "../helpers/evidence-data.js";
import { memberValues, packageTexts, scanForLeaks, type SearchedValue } from "../helpers/leak-scan.js";
import { runPython } from "../helpers/python.js";

const run = promisify(execFile);
const OUT = path.join(PROJECT_ROOT, "test-results", "evidence-recipient");
const records = evidenceRing({ ring: 12, honest: 60 });
const ring = records.filter((r) => String(r.application_id).startsWith("F-"));
let ctx: TestContext;
let caseId: string;

interface Exported {
  zipPath: string;
  zip: Buffer;
  files: Map<string, Buffer>;
  dir: string;
}
let masked: Exported;
let full: Exported;

const allModes = (mode: string) => Object.fromEntries(REDACTABLE_FIELDS.map((f) => [f, mode]));

async function exportAs(name: string, body: Record<string, unknown>): Promise<Exported> {
  const res = await ctx.api.raw(`/api/cases/${caseId}/export`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const zip = Buffer.from(await res.arrayBuffer());
  const dir = path.join(OUT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = new Map<string, Buffer>();
  for (const [n, e] of (await readZip(zip)).entries)
    if ("data" in e) {
      files.set(n, e.data);
      fs.writeFileSync(path.join(dir, n), e.data);
    }
  const zipPath = path.join(OUT, `${name}.zip`);
  fs.writeFileSync(zipPath, zip);
  return { zipPath, zip, files, dir };
}

const csvRows = (e: Exported, name: string) =>
  parseCsv(e.files.get(name)!.toString("utf8"), { columns: true, bom: true }) as Record<string, string>[];

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  ctx = await createTestContext({ env: { RINGSCOPE_ORGANISATION: "Example Staffing Ltd" } });
  const ingest = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(records),
  });
  expect(ingest.body.accepted).toBe(records.length);
  await ctx.container.services.runs.runNow("test");
  const clusters = await ctx.api("/api/clusters?limit=100");
  const cluster = clusters.body.clusters.find((c: { application_ids: string[] }) =>
    c.application_ids.includes("F-001"),
  );
  expect(cluster.application_ids).toHaveLength(ring.length);
  const notes = notesQuoting(ring);
  const opened = await ctx.api("/api/cases", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      cluster_id: cluster.id,
      title: `Farm of ${FF_NAME.toLowerCase()} at 1233 spring way`,
      notes,
    }),
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  masked = await exportAs("masked", {
    tlp: "amber",
    redaction: allModes("masked"),
    include_notes: true,
    purpose: `Referral; the applicant wrote from ${String(ring[0]!.email).trim()} and ${UNLISTED.email}`,
    recipient: "FBI field office, Nashville",
  });
  full = await exportAs("full", {
    tlp: "red",
    redaction: allModes("full"),
    include_notes: true,
    release_unlisted_contacts: true,
    recipient: "FBI field office, Nashville",
  });
}, 600_000);

afterAll(async () => {
  await ctx?.close();
});

describe("every field masked", () => {
  it("leaks no value of any member, in any form, in any file (PDF text included)", async () => {
    const values: SearchedValue[] = [
      ...memberValues(ring),
      ...Object.entries(UNLISTED).map(([field, value]) => ({
        application_id: "(notes only)",
        field,
        form: "as typed" as const,
        value,
      })),
    ];
    const texts = await packageTexts(masked.files);
    const hits = scanForLeaks(texts, values);
    console.log(
      `leak scan, every field masked: ${values.length} values × ${texts.size} texts (${[...texts.keys()].join(", ")}): ${hits.length} hits`,
    );
    expect(hits).toEqual([]);
    // The scan is able to find values: the full export carries them.
    const fullHits = scanForLeaks(await packageTexts(full.files), values);
    expect(fullHits.length).toBeGreaterThan(values.length / 2);
  }, 120_000);

  it("records the redaction, the free-text scan and the release choice in the manifest", () => {
    const m = JSON.parse(masked.files.get("manifest.json")!.toString("utf8"));
    expect(m.redaction).toEqual(allModes("masked"));
    expect(m.free_text.release_unlisted_contacts).toBe(false);
    expect(m.free_text.notes_included).toBe(true);
    expect(m.free_text.counts.case_values).toBeGreaterThan(ring.length * 5);
    expect(m.free_text.counts.unlisted_emails).toBeGreaterThanOrEqual(2);
    expect(m.free_text.counts.unlisted_phones).toBeGreaterThanOrEqual(1);
    expect(m.free_text.counts.unlisted_ips).toBeGreaterThanOrEqual(1);
    expect(m.recipient).toBe("FBI field office, Nashville");
    expect(m.purpose).toContain("[email withheld]");
    const f = JSON.parse(full.files.get("manifest.json")!.toString("utf8"));
    expect(f.free_text.release_unlisted_contacts).toBe(true);
    expect(f.free_text.counts.released_unlisted).toBeGreaterThanOrEqual(3);
    expect(full.files.get("report.pdf")).toBeDefined();
  });

  it("keeps distinct masked values distinct and never as standard observables", async () => {
    const bundle = JSON.parse(masked.files.get("stix-bundle.json")!.toString("utf8"));
    const types = new Set(bundle.objects.map((o: { type: string }) => o.type));
    for (const t of ["email-addr", "ipv4-addr", "ipv6-addr", "url"]) expect(types).not.toContain(t);
    const emails = bundle.objects.filter((o: { kind?: string }) => o.kind === "email");
    const distinctEmails = new Set(
      csvRows(masked, "identifiers.csv")
        .filter((r) => r.kind === "email")
        .map((r) => r.node_id),
    );
    expect(emails).toHaveLength(distinctEmails.size);
    expect(new Set(emails.map((o: { id: string }) => o.id)).size).toBe(distinctEmails.size);
    expect(emails.every((o: { redaction: string }) => o.redaction === "masked")).toBe(true);
  });
});

describe("checked with the recipient's tools", () => {
  for (const which of ["masked", "full"] as const)
    it(`the ${which} bundle passes the OASIS validator with no errors and parses with stix2`, async () => {
      const e = which === "masked" ? masked : full;
      const r = await runPython("stix_check.py", [path.join(e.dir, "stix-bundle.json")]);
      console.log(
        `stix2-validator (${which}): ${r.errors.length} errors, ${r.warnings.length} warnings; stix2.parse: ${r.parsed.ok ? `${r.parsed.objects} objects` : r.parsed.error}`,
      );
      if (r.warnings.length) console.log(JSON.stringify(r.warning_codes), r.warnings.slice(0, 5).join("\n"));
      expect(r.errors).toEqual([]);
      expect(r.valid).toBe(true);
      expect(r.parsed).toMatchObject({ ok: true });
      expect(r.parsed.types["x-ringscope-identifier"]).toBeGreaterThan(0);
    }, 300_000);

  it("networkx reads GraphML and GEXF with the CSVs' counts, typed attributes, stable edge ids and r/g/b colours", async () => {
    for (const e of [masked, full]) {
      const g = await runPython("graph_check.py", [path.join(e.dir, "graph.graphml"), path.join(e.dir, "graph.gexf")]);
      const apps = csvRows(e, "applications.csv").length;
      const ids = csvRows(e, "identifiers.csv").length;
      const links = csvRows(e, "links.csv").length;
      console.log(
        `networkx: graphml ${g.graphml.nodes} nodes / ${g.graphml.edges} edges, gexf ${g.gexf.nodes} / ${g.gexf.edges}; CSVs ${apps + ids} nodes (${apps} applications + ${ids} identifiers) / ${links} links`,
      );
      for (const f of [g.graphml, g.gexf]) {
        expect(f.nodes).toBe(apps + ids);
        expect(f.edges).toBe(links);
        expect(f.applications).toBe(apps);
        expect(f.identifier.applications_in_case[0]).toBe("int");
        expect(f.identifier.common_infrastructure[0]).toBe("bool");
        expect(f.application.pinned[0]).toBe("bool");
        expect(f.application.kind).toEqual(["str", "application"]);
      }
      expect(g.graphml.graph).toMatchObject({ case_id: caseId, tlp: expect.stringMatching(/^TLP:/) });
      expect(g.graphml.application.x[0]).toBe("float");
      expect(g.gexf.application.viz[1].color).toMatchObject({
        r: expect.any(Number),
        g: expect.any(Number),
        b: expect.any(Number),
      });
      // Edge ids are a function of the two node ids: the same in both files and in both exports.
      expect(g.gexf.edge_ids).toEqual(g.graphml.edge_ids);
    }
    const a = await runPython("graph_check.py", [
      path.join(masked.dir, "graph.graphml"),
      path.join(masked.dir, "graph.gexf"),
    ]);
    const b = await runPython("graph_check.py", [
      path.join(full.dir, "graph.graphml"),
      path.join(full.dir, "graph.gexf"),
    ]);
    expect(a.graphml.edge_ids).toEqual(b.graphml.edge_ids);
  }, 300_000);

  it("Python's cryptography verifies the Ed25519 signature and every file's SHA-256", async () => {
    for (const e of [masked, full]) {
      const r = await runPython("signature_check.py", [e.zipPath]);
      expect(r.key_is_ed25519).toBe(true);
      expect(r.signature_valid).toBe(true);
      expect(r.unlisted).toEqual([]);
      for (const [name, check] of Object.entries(r.files))
        expect(check, name).toEqual({ sha256_ok: true, size_ok: true });
      const { stdout } = await run("npx", ["tsx", "server/cli/evidence-verify.ts", e.zipPath], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, LOG_LEVEL: "silent" },
      });
      expect(stdout).toContain(`ZIP SHA-256: ${r.zip_sha256}`);
    }
  }, 300_000);
});

describe("every field in full", () => {
  let pdfText: string;
  beforeAll(async () => {
    const file = path.join(full.dir, "report.pdf");
    pdfText = (await run("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 64 << 20 })).stdout;
  });

  it("prints identifiers with ff as plain letters and names in Latin, Cyrillic and CJK extractably", async () => {
    expect(pdfText).toContain(FF_DEVICE);
    expect(pdfText).toContain(FF_NAME);
    expect(pdfText).not.toMatch(/[\uFB00-\uFB06]/); // no ligature code points
    expect(pdfText).toContain(CJK_NAME);
    expect(pdfText).toContain(CYRILLIC_NAME);
    const { stdout } = await run("pdffonts", [path.join(full.dir, "report.pdf")]);
    // Chromium embeds the CJK font (CFF outlines) as Type 3; the Arabic one is named.
    expect(stdout).toMatch(/Noto(Sans|Naskh)Arabic/);
  });

  it("writes a report with plain-words reasons, a readable history, the organisation and distinct links", () => {
    expect(pdfText).toContain("Example Staffing Ltd");
    expect(pdfText).not.toContain("Ringscope operator");
    // pdftotext breaks a table cell's lines where the layout does: compare with white space folded.
    expect(pdfText.replace(/\s+/g, " ")).toContain("Several identities give one shipping address");
    expect(pdfText).not.toMatch(/\bfarm_shared_address\b/);
    expect(pdfText).toMatch(/Case opened/);
    expect(pdfText).not.toMatch(/\{"source"/);
    const section = pdfText.slice(pdfText.indexOf("Shortest links"), pdfText.indexOf("Case notes"));
    const chains = section.split("\n").filter((l) => / share /.test(l));
    expect(new Set(chains).size).toBe(chains.length);
    // The unlisted contacts were released in this export.
    expect(pdfText.replace(/\s+/g, " ")).toContain(UNLISTED.email);
  });

  it("drops characters XML forbids from the graph files, keeping the rest of the name", () => {
    for (const name of ["graph.graphml", "graph.gexf"]) {
      const xml = full.files.get(name)!.toString("utf8");
      const controls = [...xml].filter((ch) => ch < " " && !"\t\n\r".includes(ch));
      expect(controls).toEqual([]);
      expect(xml).toContain([...CONTROL_NAME].filter((ch) => ch >= " ").join(""));
    }
  });

  it("carries both the value as typed and the normal form in the CSVs, and describes every column", () => {
    const apps = csvRows(full, "applications.csv");
    const f1 = apps.find((r) => r.application_id === "F-001")!;
    expect(f1.emails).toBe("farm.person1@mailbox.example.com");
    expect(f1.emails_as_typed).toBe("Farm.Person1@Mailbox.Example.com");
    expect(f1.phones).toBe("+16158201001");
    expect(f1.phones_as_typed).toBe("+1 615 820 1001");
    expect(f1.source_record_sha256).toMatch(/^[0-9a-f]{64}$/);
    const columns = full.files.get("columns.md")!.toString("utf8");
    for (const file of ["applications.csv", "identifiers.csv", "links.csv"]) {
      const header = Object.keys(csvRows(full, file)[0]!);
      for (const c of header) expect(columns, `${file}: ${c}`).toMatch(new RegExp(`\\| \`${c}\` \\| [A-Za-z]`));
    }
    expect(columns).not.toContain("(undocumented)");
  });

  it("maps every file to its TLP marking, case id and export id, and records run, recipient and sources", () => {
    const m = JSON.parse(full.files.get("manifest.json")!.toString("utf8"));
    const readme = full.files.get("README.txt")!.toString("utf8");
    for (const f of m.files) expect(readme).toContain(`${f.path}`);
    expect(readme).toMatch(new RegExp(`stix-bundle\\.json\\s+TLP:RED\\s+${caseId}\\s+${m.export_id}`));
    expect(m.detection_run.id).toBe(m.detection_run_id);
    expect(m.detection_run.parameters).toBeTruthy();
    expect(m.source_records).toHaveLength(ring.length);
    expect(m.source_records.every((s: { sha256: string }) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
    expect(m.exported_by).toMatchObject({ username: "test-lead" });
    expect(m.stix.namespace).toMatch(/^[0-9a-f-]{36}$/);
    expect(full.files.get("graph.gexf")!.toString("utf8")).toContain(`case ${caseId} · export ${m.export_id}`);
  });
});
