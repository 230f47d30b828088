/**
 * Package manifest
 * ================
 *
 * What the package holds and who made it: every file's SHA-256 and size, the case, the detection run
 * and cluster it came from, the export time, the exporting user, the TLP marking and the redaction
 * choices. `manifest.sig` is the Ed25519 signature over the exact bytes of `manifest.json`.
 */
import crypto from "node:crypto";

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
  format_version: 1;
  export_id: string;
  case_id: string;
  case_title: string;
  cluster_id: string | null;
  detection_run_id: string | null;
  cluster_generated_at: string | null;
  members: number;
  exported_at: string;
  exported_by: { id: string; username: string; display_name: string; role: string };
  organisation: string;
  purpose: string | null;
  tlp: TlpLevel;
  redaction: RedactionChoices;
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
