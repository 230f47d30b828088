/**
 * Evidence packages end to end against the real Neo4j and Chromium: a seeded laptop-farm ring among
 * honest applications, a real detection run, a case opened from the ring's cluster, then an export as
 * a lead with mixed redaction (full phones, masked emails). Checks the ZIP's signature and hashes, the
 * PDF's text, the CSVs (formula escaping, redaction), the graph files, the STIX bundle, the audit
 * record with the manifest's hash, stable STIX ids across re-exports, and that changing one byte of
 * any file is caught and named (library and `npm run evidence:verify`).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../../server/config.js";
import { verifyPackage } from "../../server/evidence/verify.js";
import { readZip, writeZip } from "../../server/evidence/zip.js";
import { caseworkData, HOSTILE_NAME } from "../helpers/casework.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { stixProblems } from "../helpers/stix.js";

const run = promisify(execFile);
let ctx: TestContext;
let caseId: string;
let zip: Buffer;
let files: Map<string, Buffer>;
let exportMs: number;
let manifestHeader: string;
const data = caseworkData({ ring: 50, honest: 250 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-evidence-"));

const EXPORT = {
  tlp: "amber",
  redaction: { email: "masked", phone: "full" },
  purpose: "Referral to the FBI field office",
};

async function exportCase(body: unknown = EXPORT): Promise<{ zip: Buffer; headers: Headers; status: number }> {
  const send = () =>
    ctx.api.raw(`/api/cases/${caseId}/export`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  // The tests between exports parse PDFs and graphs synchronously for seconds, so fetch's pool can hand
  // out a keep-alive socket the server has already closed (ECONNRESET before the request is read); a
  // POST is not retried by fetch itself, so it is retried here, once, for that case only.
  const res = await send().catch((err: { cause?: { code?: string } }) => {
    if (err.cause?.code !== "ECONNRESET") throw err;
    return send();
  });
  return { zip: Buffer.from(await res.arrayBuffer()), headers: res.headers, status: res.status };
}

async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const [name, e] of (await readZip(buffer)).entries) if ("data" in e) out.set(name, e.data);
  return out;
}

const text = (name: string) => files.get(name)!.toString("utf8");

beforeAll(async () => {
  ctx = await createTestContext();
  const ingest = await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(data.records),
  });
  expect(ingest.body.accepted).toBe(300);
  await ctx.container.services.runs.runNow("test");
  const clusters = await ctx.api("/api/clusters?limit=100");
  const ring = clusters.body.clusters.find((c: { application_ids: string[] }) => c.application_ids.includes("R-001"));
  expect(ring, "the ring is detected as a cluster").toBeTruthy();
  expect(ring.application_ids).toHaveLength(50);
  const opened = await ctx.api("/api/cases", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      cluster_id: ring.id,
      notes: "Ring of **50** applications; contact ring.person5@mailbox.example.com ignored.",
    }),
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  const pinned = await ctx.api(`/api/cases/${caseId}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pin_applications: ["R-001", "R-050"] }),
  });
  expect(pinned.status).toBe(200);
  const t0 = performance.now();
  const res = await exportCase();
  exportMs = performance.now() - t0;
  expect(res.status).toBe(200);
  zip = res.zip;
  manifestHeader = res.headers.get("x-manifest-sha256")!;
  files = await unzip(zip);
}, 300_000);

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await ctx?.close();
});

describe("POST /api/cases/:id/export", () => {
  it("builds a 50-application package in reasonable time", () => {
    console.log(`evidence package for a 50-application case: ${(exportMs / 1000).toFixed(2)} s, ${zip.length} bytes`);
    expect(exportMs).toBeLessThan(60_000);
  });

  it("holds every file and a signature that verifies under the server's key", async () => {
    expect([...files.keys()].sort()).toEqual([
      "README.txt",
      "applications.csv",
      "columns.md",
      "graph.gexf",
      "graph.graphml",
      "identifiers.csv",
      "links.csv",
      "manifest.json",
      "manifest.sig",
      "public-key.pem",
      "report.pdf",
      "stix-bundle.json",
      "stix-identifier-extension.schema.json",
    ]);
    const key = ctx.container.security.services.evidence.publicKey();
    const report = await verifyPackage(zip, { trustedPublicKeyPem: key.public_key_pem });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signature).toEqual({ valid: true, fingerprint: key.fingerprint, trusted: true });
    expect(report.manifestSha256).toBe(manifestHeader);
  });

  it("records the case, run, exporter, time, TLP and redaction in the manifest", async () => {
    const m = JSON.parse(text("manifest.json"));
    const c = (await ctx.api(`/api/cases/${caseId}`)).body;
    expect(m).toMatchObject({
      case_id: caseId,
      detection_run_id: c.run_id,
      cluster_id: c.cluster_id,
      members: 50,
      tlp: "amber",
      purpose: EXPORT.purpose,
      exported_by: { username: "test-lead", role: "lead" },
      redaction: { email: "masked", phone: "full", full_name: "full" },
    });
    expect(Date.now() - Date.parse(m.exported_at)).toBeLessThan(300_000);
    for (const f of m.files)
      expect(f).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: files.get(f.path)!.length });
  });

  it("writes a report whose text carries the summary, method, reasons, tables, links, notes and exporter", async () => {
    const parser = new PDFParse({ data: new Uint8Array(files.get("report.pdf")!) });
    const pdf = (await parser.getText()).text;
    await parser.destroy();
    for (const s of [
      `Evidence report: case ${caseId}`,
      "Summary",
      "How the cluster was found",
      "Limits",
      "Risk reasons",
      "Applications",
      "Timeline",
      "Shortest links between key applications",
      "Case notes",
      "test-lead",
      "R-001",
      "R-050",
      "+12025551005",
      "TLP:AMBER",
      EXPORT.purpose,
    ])
      expect(pdf).toContain(s);
    expect(pdf).toContain("r********@mailbox.example.com");
    expect(pdf).not.toContain(data.sample.email);
    expect(pdf).toMatch(/R-001 and R-0\d\d share/);
  });

  it("escapes formula cells and honours redaction in the CSVs", () => {
    const apps = text("applications.csv");
    expect(apps.split("\r\n")[0]).toContain(
      "application_id,submitted_at,full_name,emails,emails_as_typed,phones,phones_as_typed,ips,ips_as_typed",
    );
    expect(apps.split("\r\n")[0]).toContain("addresses,addresses_as_typed,payment_accounts");
    expect(apps).toContain(`'${HOSTILE_NAME.replace(/"/g, '""')}`);
    expect(apps).not.toMatch(/(^|,|")=HYPERLINK/m);
    // A phone keeps its leading + (quoted as text), both as typed and in normal form.
    expect(apps).toContain('"+12025551005","+1 202 555 1005"');
    expect(apps).not.toContain("'+1");
    expect(apps).not.toContain(data.sample.email);
    const ids = text("identifiers.csv");
    expect(ids).toContain("r********@mailbox.example.com");
    expect(ids).toMatch(/I-[0-9a-f]{16},device,farm-device-7,FARM-DEVICE-7,full,50,50/);
    expect(text("links.csv").trim().split("\r\n").length - 1).toBeGreaterThanOrEqual(50 * 5);
  });

  it("writes GraphML and GEXF that graph tools parse back to the same graph", () => {
    const gml = parseGraphml(Graph, text("graph.graphml"));
    const gexf = parseGexf(Graph, text("graph.gexf"));
    expect(gml.order).toBe(gexf.order);
    expect(gml.size).toBe(gexf.size);
    expect(gml.hasNode("application:R-001")).toBe(true);
    expect(gml.getNodeAttribute("application:R-001", "kind")).toBe("application");
    expect(gml.order).toBeGreaterThan(50 + 3);
    expect(text("graph.gexf")).not.toContain(data.sample.email);
  });

  it("writes a valid STIX 2.1 bundle with the laptop farm and the chosen marking", () => {
    const bundle = JSON.parse(text("stix-bundle.json"));
    expect(stixProblems(bundle)).toEqual([]);
    const types = new Set(bundle.objects.map((o: { type: string }) => o.type));
    // Emails are masked in this export: no email-addr observable, a custom object per distinct address.
    expect(types).not.toContain("email-addr");
    const masked = bundle.objects.filter((o: { kind?: string }) => o.kind === "email");
    expect(masked).toHaveLength(50);
    expect(new Set(masked.map((o: { id: string }) => o.id)).size).toBe(50);
    for (const t of [
      "identity",
      "x-ringscope-identifier",
      "ipv4-addr",
      "indicator",
      "relationship",
      "grouping",
      "marking-definition",
    ])
      expect(types).toContain(t);
    expect(bundle.objects.find((o: { type: string }) => o.type === "marking-definition").name).toBe("TLP:AMBER");
    expect(JSON.stringify(bundle)).not.toContain(data.sample.email);
  });

  it("keeps STIX ids across re-exports and records each export with its manifest hash", async () => {
    const again = await exportCase({ ...EXPORT, tlp: "amber" });
    const a = JSON.parse(text("stix-bundle.json"));
    const b = JSON.parse((await unzip(again.zip)).get("stix-bundle.json")!.toString("utf8"));
    expect(b.objects.map((o: { id: string }) => o.id).sort()).toEqual(
      a.objects.map((o: { id: string }) => o.id).sort(),
    );
    const audit = await ctx.as("auditor")(`/api/audit?action=export&target_id=${caseId}`);
    expect(audit.body.entries.map((e: { details: { manifest_sha256: string } }) => e.details.manifest_sha256)).toEqual([
      again.headers.get("x-manifest-sha256"),
      manifestHeader,
    ]);
    expect(audit.body.entries[0]).toMatchObject({
      actor: { username: "test-lead", role: "lead" },
      ip: "127.0.0.1",
      outcome: "ok",
    });
    const history = (await ctx.api(`/api/cases/${caseId}`)).body.history;
    expect(history.filter((e: { action: string }) => e.action === "exported")).toHaveLength(2);
  });

  it("refuses investigators and unknown TLP levels", async () => {
    const inv = await ctx.as("investigator")(`/api/cases/${caseId}/export`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(EXPORT),
    });
    expect(inv.status).toBe(403);
    const bad = await ctx.api(`/api/cases/${caseId}/export`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...EXPORT, tlp: "white" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("verification of a tampered package", () => {
  const flipOne = (b: Buffer) => {
    const c = Buffer.from(b);
    const at = Math.floor(c.length / 2);
    c[at] = c[at]! ^ 0x20;
    return c;
  };

  it("names every file in which one byte changed", async () => {
    const comment = (await readZip(zip)).comment;
    for (const name of files.keys()) {
      const tampered = await writeZip(
        [...files].map(([n, d]) => ({ name: n, data: n === name ? flipOne(d) : d })),
        new Date(),
        comment,
      );
      const r = await verifyPackage(tampered);
      expect(r.ok, name).toBe(false);
      expect(r.problems[0], name).toContain(name);
    }
  });

  it("says what does not match from the command line", async () => {
    const good = path.join(tmp, "good.zip");
    fs.writeFileSync(good, zip);
    const env = { ...process.env, LOG_LEVEL: "silent" };
    const ok = await run("npx", ["tsx", "server/cli/evidence-verify.ts", good], { cwd: PROJECT_ROOT, env });
    expect(ok.stdout).toMatch(/signature: valid/);
    expect(ok.stdout).toMatch(/OK: /);
    const comment = (await readZip(zip)).comment;
    const bad = path.join(tmp, "bad.zip");
    fs.writeFileSync(
      bad,
      await writeZip(
        [...files].map(([n, d]) => ({ name: n, data: n === "links.csv" ? flipOne(d) : d })),
        new Date(),
        comment,
      ),
    );
    const failed = await run("npx", ["tsx", "server/cli/evidence-verify.ts", bad], { cwd: PROJECT_ROOT, env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stdout: string }).stdout).toMatch(
      /links\.csv: SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/,
    );
  }, 120_000);
});
