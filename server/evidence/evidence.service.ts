/**
 * Evidence service
 * ================
 *
 * Builds a case's evidence package: report.pdf, the CSVs, GraphML and GEXF, the STIX bundle, a README,
 * the public key, and manifest.json signed as manifest.sig, zipped. The export is recorded in the audit
 * trail with the manifest's SHA-256, and in the case's history.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import type { Actor } from "../audit/actor.js";
import type { AuditService } from "../audit/audit.service.js";
import type { UserRepository } from "../auth/user.repository.js";
import type { CaseService } from "../cases/case.service.js";
import { renderNotes } from "../cases/markdown.js";
import { PROJECT_ROOT, type Config } from "../config.js";
import { ConflictError } from "../errors.js";
import { assignLayout } from "./layout.js";
import { applicationsCsv, identifiersCsv, linksCsv } from "./csv-files.js";
import { buildDossier } from "./dossier.js";
import { exportGraph, gexfFile, graphmlFile } from "./graph-files.js";
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
import { buildStixBundle } from "./stix.js";
import type { TlpLevel } from "./tlp.js";
import { ARCHIVE_COMMENT_PREFIX } from "./verify.js";
import { writeZip } from "./zip.js";

export interface ExportOptions {
  tlp: TlpLevel;
  redaction?: Partial<RedactionChoices>;
  purpose?: string;
  include_notes?: boolean;
}

export interface EvidencePackage {
  filename: string;
  zip: Buffer;
  manifest: Manifest;
  manifestSha256: string;
  /** Seconds spent per stage, for the benchmark. */
  timings: Record<string, number>;
}

const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).version;

export class EvidenceService {
  private key: SigningKey | null = null;

  constructor(
    private readonly cases: CaseService,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly config: Config,
  ) {}

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
    const redaction: RedactionChoices = { ...DEFAULT_REDACTION, ...options.redaction };
    const redactor = new Redactor(redaction, pseudonymSecret(key), caseId);
    const exportedAt = new Date().toISOString();
    const exportId = crypto.randomUUID();
    const includeNotes = options.include_notes ?? true;
    const dossier = buildDossier({
      exportId,
      exportedAt,
      exporter,
      organisation: this.config.evidence.organisation,
      purpose: options.purpose?.trim() || null,
      tlp: options.tlp,
      includeNotes,
      record,
      contents,
      redactor,
      publicKeyFingerprint: key.fingerprint,
      generator: { name: "Ringscope", version: VERSION },
    });
    assignLayout(dossier.graph);
    lap("collect");

    const html = renderReportHtml(dossier, renderNotes(dossier.case.notes_md));
    const pdf = await renderPdf(html, {
      chromiumPath: this.config.chromiumPath,
      footer: `Case ${caseId} · TLP:${options.tlp.toUpperCase()} · export ${exportId}`,
    });
    lap("pdf");

    const pinned = new Set(record.pinned_applications);
    const exported = exportGraph(dossier.graph, redactor);
    const bundle = buildStixBundle(
      {
        case: dossier.case,
        members: contents.members,
        identifiers: contents.identifiers,
        organisation: this.config.evidence.organisation,
        exportedAt,
        tlp: options.tlp,
        redactor,
        notes: includeNotes && dossier.case.notes_md.trim() ? dossier.case.notes_md : null,
      },
      exportId,
    );
    const files: { name: string; data: Buffer; type: string; compress?: boolean }[] = [
      { name: "report.pdf", data: pdf, type: "application/pdf", compress: false },
      { name: "applications.csv", data: applicationsCsv(contents, redactor, pinned), type: "text/csv" },
      { name: "identifiers.csv", data: identifiersCsv(contents, redactor), type: "text/csv" },
      { name: "links.csv", data: linksCsv(contents, redactor), type: "text/csv" },
      { name: "graph.graphml", data: graphmlFile(exported), type: "application/graphml+xml" },
      { name: "graph.gexf", data: gexfFile(exported), type: "application/gexf+xml" },
      {
        name: "stix-bundle.json",
        data: Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`),
        type: "application/stix+json;version=2.1",
      },
      { name: PUBLIC_KEY_FILE, data: Buffer.from(key.publicKeyPem), type: "application/x-pem-file" },
    ];
    lap("files");

    const head: Omit<Manifest, "files"> = {
      format: MANIFEST_FORMAT,
      format_version: 1,
      export_id: exportId,
      case_id: caseId,
      case_title: dossier.case.title,
      cluster_id: record.cluster_id,
      detection_run_id: record.run_id,
      cluster_generated_at: record.cluster_generated_at,
      members: contents.members.length,
      exported_at: exportedAt,
      exported_by: exporter,
      organisation: this.config.evidence.organisation,
      purpose: dossier.purpose,
      tlp: options.tlp,
      redaction,
      generator: dossier.generator,
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
    lap("sign_zip");

    await this.audit.record(actor, {
      action: "export",
      target: { type: "case", id: caseId },
      details: {
        export_id: exportId,
        manifest_sha256: manifestSha256,
        zip_sha256: sha256(zip),
        tlp: options.tlp,
        redaction,
        include_notes: includeNotes,
        members: contents.members.length,
        detection_run_id: record.run_id,
      },
    });
    await this.cases.recordExport(caseId, actor, {
      export_id: exportId,
      manifest_sha256: manifestSha256,
      tlp: options.tlp,
    });
    lap("record");
    const stamp = exportedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    return { filename: `ringscope-${caseId}-${stamp}.zip`, zip, manifest, manifestSha256, timings };
  }
}
