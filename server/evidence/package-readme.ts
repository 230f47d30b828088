/**
 * Package README
 * ==============
 *
 * A plain-text README.txt inside every package, for a recipient who opens the ZIP before the report:
 * who sent it to whom and why, the TLP marking, and a table mapping every file to its TLP marking,
 * case id and export id (a file taken out of the ZIP carries them in its own content where its format
 * allows: the PDF footer, the STIX markings, the graph files' metadata, columns.md; the CSVs cannot).
 */
import type { Manifest } from "./manifest.js";
import { TLP_MEANING } from "./tlp.js";

export const FILE_PURPOSES: Record<string, string> = {
  "report.pdf": "the report (TLP, case and export id in every page footer)",
  "applications.csv": "one row per application (columns in columns.md)",
  "identifiers.csv": "one row per identifier (columns in columns.md)",
  "links.csv": "one row per application-identifier link (columns in columns.md)",
  "columns.md": "what every CSV column means",
  "graph.graphml": "the case graph for yEd, Cytoscape, i2, Maltego, networkx (TLP, case, export id as graph data)",
  "graph.gexf": "the case graph for Gephi and networkx (TLP, case, export id in its meta description)",
  "stix-bundle.json": "STIX 2.1 bundle (TLP 2.0 marking on every object)",
  "stix-identifier-extension.schema.json": "JSON Schema of the bundle's x-ringscope-identifier objects",
  "public-key.pem": "the sender's Ed25519 public key",
  "README.txt": "this file",
  "manifest.json":
    "every file's SHA-256 and size, the case, the run and its settings, source record hashes, exporter, recipient, purpose, redaction",
  "manifest.sig": "Ed25519 signature of manifest.json (64 raw bytes)",
};

export function packageReadme(m: Omit<Manifest, "files">, fileNames: string[]): string {
  const tlp = `TLP:${m.tlp.toUpperCase()}`;
  const names = [...new Set([...fileNames, "README.txt", "manifest.json", "manifest.sig"])];
  const width = Math.max(...names.map((n) => n.length));
  return [
    `Ringscope evidence package for case ${m.case_id}`,
    `${tlp} - ${TLP_MEANING[m.tlp]}`,
    `Export ${m.export_id}`,
    "",
    `Exported ${m.exported_at} by ${m.exported_by.display_name} (${m.exported_by.username}, ${m.exported_by.role}) of ${m.organisation}.`,
    `Recipient: ${m.recipient ?? "not stated"}`,
    `Purpose: ${m.purpose ?? "not stated"}`,
    m.detection_run
      ? `Cluster ${m.cluster_id} of detection run ${m.detection_run.id}.`
      : m.detection_run_id
        ? `Cluster ${m.cluster_id} of detection run ${m.detection_run_id} (the run's record has since been deleted).`
        : "Opened from applications selected by hand.",
    "",
    "Every file of this package is marked as follows, also once taken out of the ZIP:",
    `  ${"file".padEnd(width)}  marking  case  export`,
    ...names.map((f) => `  ${f.padEnd(width)}  ${tlp}  ${m.case_id}  ${m.export_id}`),
    "",
    "What each file is:",
    ...names.map((f) => `  ${f.padEnd(width)}  ${FILE_PURPOSES[f] ?? ""}`),
    "",
    "Checking the package:",
    "  1. Compare the public key's fingerprint with the one the sender publishes:",
    `       ${m.signature.public_key_fingerprint}`,
    "  2. Verify the signature:",
    "       openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig",
    "  3. Recompute each file's SHA-256 (sha256sum FILE) and compare it with manifest.json.",
    "  4. Read the SHA-256 of the whole ZIP (sha256sum THIS.zip) to the sender, who has it too.",
    "  Or, with Ringscope: npm run evidence:verify -- THIS.zip",
    "",
  ].join("\n");
}
