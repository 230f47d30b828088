/**
 * Package README
 * ==============
 *
 * A plain-text README.txt inside every package, for a recipient who opens the ZIP before the report.
 */
import type { Manifest } from "./manifest.js";
import { TLP_MEANING } from "./tlp.js";

export function packageReadme(m: Omit<Manifest, "files">, fileNames: string[]): string {
  return [
    `Ringscope evidence package for case ${m.case_id}`,
    `TLP:${m.tlp.toUpperCase()} - ${TLP_MEANING[m.tlp]}`,
    "",
    `Exported ${m.exported_at} by ${m.exported_by.display_name} (${m.exported_by.username}, ${m.exported_by.role}) of ${m.organisation}.`,
    m.detection_run_id
      ? `Cluster ${m.cluster_id} of detection run ${m.detection_run_id}.`
      : "Opened from applications selected by hand.",
    "",
    "Files:",
    ...fileNames.map((f) => `  ${f}`),
    "  manifest.json   every file's SHA-256 and size, the case, the run, the export time, the exporter, redaction choices",
    "  manifest.sig    Ed25519 signature of manifest.json (64 raw bytes)",
    "",
    "Checking the package:",
    "  1. Compare the public key's fingerprint with the one the sender publishes:",
    `       ${m.signature.public_key_fingerprint}`,
    "  2. Verify the signature:",
    "       openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig",
    "  3. Recompute each file's SHA-256 (sha256sum FILE) and compare it with manifest.json.",
    "  Or, with Ringscope: npm run evidence:verify -- THIS.zip",
    "",
  ].join("\n");
}
