/**
 * Package manifest
 * ================
 *
 * What the package holds and who made it: every file's SHA-256 and size, the case, the detection run
 * and cluster it came from with the run's parameters, the SHA-256 of each application's record as it
 * was ingested, the export time, the exporting user, the recipient and purpose, the TLP marking, the
 * redaction choices and what the free-text scan masked or released. `manifest.sig` is the Ed25519
 * signature over the exact bytes of `manifest.json`.
 */
import crypto from "node:crypto";

import type { ScrubCounts } from "./free-text.js";
import type { RedactionChoices } from "./redaction.js";
import type { TlpLevel } from "./tlp.js";

export const MANIFEST_FILE = "manifest.json";
export const SIGNATURE_FILE = "manifest.sig";
export const PUBLIC_KEY_FILE = "public-key.pem";
export const MANIFEST_FORMAT = "ringscope-evidence-package";

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  media_type: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  format_version: 2;
  export_id: string;
  case_id: string;
  case_title: string;
  cluster_id: string | null;
  detection_run_id: string | null;
  cluster_generated_at: string | null;
  /** The detection run that produced the cluster, with the parameters it ran with (null when deleted). */
  detection_run: {
    id: string;
    finished_at: string | null;
    parameters: Record<string, unknown> | null;
    asn_database: unknown;
  } | null;
  members: number;
  /** SHA-256 of each application's record exactly as ingested (its raw JSON), for matching with the source system. */
  source_records: { application_id: string; sha256: string | null }[];
  exported_at: string;
  exported_by: { id: string; username: string; display_name: string; role: string };
  organisation: string;
  recipient: string | null;
  purpose: string | null;
  tlp: TlpLevel;
  redaction: RedactionChoices;
  /** Free text in the package and what its scan did; values of fields in full and released lookalikes stay. */
  free_text: {
    scanned: string[];
    notes_included: boolean;
    release_unlisted_contacts: boolean;
    counts: ScrubCounts;
  };
  /** This installation's STIX namespace and the export profile in every STIX id's name. */
  stix: { namespace: string; profile: string };
  generator: { name: string; version: string };
  signature: {
    algorithm: "Ed25519";
    signed_file: typeof MANIFEST_FILE;
    signature_file: typeof SIGNATURE_FILE;
    public_key_file: typeof PUBLIC_KEY_FILE;
    public_key_fingerprint: string;
  };
  files: ManifestFile[];
}

export function sha256(data: Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

export function describeFile(path: string, data: Buffer, mediaType: string): ManifestFile {
  return { path, sha256: sha256(data), size: data.length, media_type: mediaType };
}

export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, "utf8");
}
