/**
 * Evidence service
 * ================
 *
 * Builds a case's evidence package: report.pdf, the CSVs and columns.md, GraphML and GEXF, the STIX
 * bundle and its extension's schema, a README, the public key, and manifest.json signed as
 * manifest.sig, zipped. Every file is written from the redacted view of the case (view.ts) and from
 * nothing else. The export is recorded in the audit trail with the manifest's and the ZIP's SHA-256,
 * and in the case's history.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import type { Actor } from "../audit/actor.js";
import type { AuditService } from "../audit/audit.service.js";
import type { UserRepository } from "../users/users.repository.js";
import type { CaseService } from "../cases/cases.service.js";
import { renderNotes } from "../cases/markdown.js";
import { PROJECT_ROOT, type Config } from "../config.js";
import { ConflictError } from "../common/errors.js";
import type { RunsService } from "../runs/runs.service.js";
import { buildCaseGraph, sharedSubgraph } from "./case-graph.js";
import { columnsMarkdown } from "./csv-columns.js";
import { applicationsCsv, identifiersCsv, linksCsv } from "./csv-files.js";
import { gexfFile, graphmlFile, type FileStamp } from "./graph-files.js";
import { keyApplications, shortestLinks } from "./key-links.js";
import { assignLayout } from "./layout.js";
import {
  describeFile,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  manifestBytes,
  PUBLIC_KEY_FILE,
  sha256,
  SIGNATURE_FILE,
  type Manifest,
} from "./manifest.js";
import { packageReadme } from "./package-readme.js";
import { renderPdf } from "./pdf.js";
import { DEFAULT_REDACTION, Redactor, type RedactionChoices } from "./redaction.js";
import { renderReportHtml } from "./report-html.js";
import { loadOrCreateSigningKey, pseudonymSecret, signBytes, type SigningKey } from "./signing-key.js";
import { buildStixBundle, EXTENSION_SCHEMA_FILE, exportProfile, extensionSchema } from "./stix.js";
import { loadOrCreateStixNamespace } from "./stix-namespace.js";
import type { TlpLevel } from "./tlp.js";
import { ARCHIVE_COMMENT_PREFIX } from "./verify.js";
import { buildView, type ExportChoices } from "./view.js";
import { writeZip } from "./zip.js";

export interface ExportOptions {
  tlp: TlpLevel;
  redaction?: Partial<RedactionChoices>;
  purpose?: string;
  /** Who the package is for (an agency, an office, a person). */
  recipient?: string;
  include_notes?: boolean;
  /**
   * Emails, phones and IPs in free text that are not values of the case are withheld unless this is
   * true. Values of the case follow their field's redaction either way.
   */
  release_unlisted_contacts?: boolean;
}

export interface EvidencePackage {
  filename: string;
  zip: Buffer;
  manifest: Manifest;
  manifestSha256: string;
  zipSha256: string;
  /** Seconds spent per stage, for the benchmark. */
  timings: Record<string, number>;
}

const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).version;

export class EvidenceService {
  private key: SigningKey | null = null;
  private namespace: string | null = null;

  constructor(
    private readonly cases: CaseService,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly config: Config,
    private readonly runs: RunsService | null = null,
  ) {}

  /** This installation's STIX namespace, created beside the signing key on first use. */
  stixNamespace(): string {
    this.namespace ??= loadOrCreateStixNamespace(this.config.stateDir);
    return this.namespace;
  }

  /** The organisation as configured, or a plain statement that it is not. */
  organisation(): string {
    return this.config.evidence.organisation.trim() || "Unnamed organisation (RINGSCOPE_ORGANISATION is not set)";
  }

  private async detectionRun(runId: string | null): Promise<Manifest["detection_run"]> {
    if (!runId || !this.runs) return null;
    try {
      const r = await this.runs.get(runId, { personalData: false });
      return { id: r.id, finished_at: r.finished_at, parameters: r.parameters, asn_database: r.asn_database };
    } catch {
      return null; // the run was deleted (RUNS_TO_KEEP): the case still names its id
    }
  }

  /** The server's signing key, created in the state directory on first use. */
  signingKey(): SigningKey {
    this.key ??= loadOrCreateSigningKey(this.config.stateDir);
    return this.key;
  }

  publicKey(): { algorithm: "Ed25519"; public_key_pem: string; fingerprint: string } {
    const k = this.signingKey();
    return { algorithm: "Ed25519", public_key_pem: k.publicKeyPem, fingerprint: k.fingerprint };
  }

  async export(caseId: string, options: ExportOptions, actor: Actor): Promise<EvidencePackage> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = Math.round(now - t) / 1000;
      t = now;
    };
    const p = actor.principal!;
    const record = await this.cases.record(caseId);
    const contents = await this.cases.contents(record);
    if (!contents.members.length)
      throw new ConflictError(`none of case ${caseId}'s applications are in the database any more`);
    const user = await this.users.byId(p.id);
    const exporter = { id: p.id, username: p.username, display_name: user?.display_name ?? p.username, role: p.role };
    const key = this.signingKey();
    const namespace = this.stixNamespace();
    const organisation = this.organisation();
    const redaction: RedactionChoices = { ...DEFAULT_REDACTION, ...options.redaction };
    const redactor = new Redactor(redaction, pseudonymSecret(key), caseId);
    const exportedAt = new Date().toISOString();
    const exportId = crypto.randomUUID();
    const includeNotes = options.include_notes ?? true;
    const choices: ExportChoices = {
      tlp: options.tlp,
      redaction,
      includeNotes,
      releaseUnlisted: options.release_unlisted_contacts ?? false,
    };
    const view = buildView({
      record,
      contents,
      rawRecords: await this.cases.sourceRecords(record),
      redactor,
      choices,
      purpose: options.purpose?.trim() || null,
      recipient: options.recipient?.trim() || null,
    });
    const run = await this.detectionRun(record.run_id);
    const layout = buildCaseGraph(view);
    assignLayout(layout);
    const picture = sharedSubgraph(layout);
    assignLayout(picture);
    const keyLinks = shortestLinks(layout, keyApplications(layout));
    const stamp: FileStamp = { tlp: options.tlp, caseId, exportId };
    lap("collect");

    const html = renderReportHtml(
      view,
      {
        exportId,
        exportedAt,
        exporter,
        organisation,
        publicKeyFingerprint: key.fingerprint,
        generator: { name: "Ringscope", version: VERSION },
        detectionParameters: run?.parameters ?? null,
      },
      picture,
      layout,
      keyLinks,
      view.notesMd ? renderNotes(view.notesMd) : "",
    );
    const pdf = await renderPdf(html, {
      chromiumPath: this.config.chromiumPath,
      footer: `TLP:${options.tlp.toUpperCase()} · case ${caseId} · export ${exportId}`,
    });
    lap("pdf");

    const bundle = buildStixBundle({ view, organisation, exportedAt, exportId, namespace });
    const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`);
    const files: { name: string; data: Buffer; type: string; compress?: boolean }[] = [
      { name: "report.pdf", data: pdf, type: "application/pdf", compress: false },
      { name: "applications.csv", data: applicationsCsv(view), type: "text/csv" },
      { name: "identifiers.csv", data: identifiersCsv(view), type: "text/csv" },
      { name: "links.csv", data: linksCsv(view), type: "text/csv" },
      { name: "columns.md", data: Buffer.from(columnsMarkdown(stamp)), type: "text/markdown" },
      { name: "graph.graphml", data: graphmlFile(view, layout, stamp), type: "application/graphml+xml" },
      { name: "graph.gexf", data: gexfFile(view, layout, stamp, exportedAt), type: "application/gexf+xml" },
      { name: "stix-bundle.json", data: json(bundle), type: "application/stix+json;version=2.1" },
      { name: EXTENSION_SCHEMA_FILE, data: json(extensionSchema()), type: "application/schema+json" },
      { name: PUBLIC_KEY_FILE, data: Buffer.from(key.publicKeyPem), type: "application/x-pem-file" },
    ];
    lap("files");

    const head: Omit<Manifest, "files"> = {
      format: MANIFEST_FORMAT,
      format_version: 2,
      export_id: exportId,
      case_id: caseId,
      case_title: view.case.title,
      cluster_id: record.cluster_id,
      detection_run_id: record.run_id,
      cluster_generated_at: record.cluster_generated_at,
      detection_run: run,
      members: view.members.length,
      source_records: view.members.map((m) => ({ application_id: m.id, sha256: m.sourceSha256 })),
      exported_at: exportedAt,
      exported_by: exporter,
      organisation,
      recipient: view.recipient,
      purpose: view.purpose,
      tlp: options.tlp,
      redaction,
      free_text: {
        scanned: view.freeText.scanned,
        notes_included: includeNotes,
        release_unlisted_contacts: choices.releaseUnlisted,
        counts: view.freeText.counts,
      },
      stix: { namespace, profile: exportProfile(choices) },
      generator: { name: "Ringscope", version: VERSION },
      signature: {
        algorithm: "Ed25519",
        signed_file: MANIFEST_FILE,
        signature_file: SIGNATURE_FILE,
        public_key_file: PUBLIC_KEY_FILE,
        public_key_fingerprint: key.fingerprint,
      },
    };
    files.push({
      name: "README.txt",
      data: Buffer.from(
        packageReadme(
          head,
          files.map((f) => f.name),
        ),
      ),
      type: "text/plain",
    });
    const manifest: Manifest = { ...head, files: files.map((f) => describeFile(f.name, f.data, f.type)) };
    const mBytes = manifestBytes(manifest);
    const manifestSha256 = sha256(mBytes);
    const zip = await writeZip(
      [
        ...files.map((f) => ({ name: f.name, data: f.data, compress: f.compress })),
        { name: MANIFEST_FILE, data: mBytes },
        { name: SIGNATURE_FILE, data: signBytes(mBytes, key), compress: false },
      ],
      new Date(exportedAt),
      `${ARCHIVE_COMMENT_PREFIX}${manifestSha256}`,
    );
    const zipSha256 = sha256(zip);
    lap("sign_zip");

    await this.audit.record(actor, {
      action: "export",
      target: { type: "case", id: caseId },
      details: {
        export_id: exportId,
        manifest_sha256: manifestSha256,
        zip_sha256: zipSha256,
        tlp: options.tlp,
        redaction,
        include_notes: includeNotes,
        release_unlisted_contacts: choices.releaseUnlisted,
        recipient: view.recipient,
        members: contents.members.length,
        detection_run_id: record.run_id,
      },
    });
    await this.cases.recordExport(caseId, actor, {
      export_id: exportId,
      manifest_sha256: manifestSha256,
      zip_sha256: zipSha256,
      tlp: options.tlp,
      recipient: view.recipient,
    });
    lap("record");
    const time = exportedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    return { filename: `ringscope-${caseId}-${time}.zip`, zip, manifest, manifestSha256, zipSha256, timings };
  }
}
