/**
 * `npm run evidence:verify -- FILE.zip [--key PUBLIC.pem] [--json]` · `npm run evidence:verify -- --public-key`
 * ==========================================================================================================
 *
 * Checks an evidence package: the Ed25519 signature of manifest.json, that the signing key is the
 * trusted one (--key, else this server's own key when it has one), and every file's size and SHA-256.
 * Says exactly what does not match (duplicate, unsafe, linked or encrypted entries included); exits 1
 * when anything does. Prints the SHA-256 of the whole ZIP first, so sender and recipient can read it
 * to each other. `--public-key` prints this server's public key and fingerprint (for the README and
 * for recipients), creating the key on first use.
 */
import fs from "node:fs";
import path from "node:path";

import { loadConfig } from "../config.js";
import { KEY_FILE, loadOrCreateSigningKey } from "../evidence/signing-key.js";
import { verifyPackage } from "../evidence/verify.js";
import { cliArgs, runMain } from "./args.js";

const USAGE = "npm run evidence:verify -- FILE.zip [--key PUBLIC.pem] [--json] | --public-key";

runMain(async () => {
  const { positionals, values } = cliArgs(
    { key: { type: "string" }, json: { type: "boolean" }, "public-key": { type: "boolean" } },
    USAGE,
  );
  const config = loadConfig();
  if (values["public-key"]) {
    const k = loadOrCreateSigningKey(config.stateDir);
    process.stdout.write(`${k.publicKeyPem.trim()}\nfingerprint: ${k.fingerprint}\n`);
    return 0;
  }
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new Error(`give one package; usage: ${USAGE}`);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  let trusted: { pem: string; source: string } | null = null;
  if (values.key) trusted = { pem: fs.readFileSync(values.key, "utf8"), source: values.key };
  else if (fs.existsSync(path.join(config.stateDir, KEY_FILE)))
    trusted = { pem: loadOrCreateSigningKey(config.stateDir).publicKeyPem, source: "this server's signing key" };

  const r = await verifyPackage(fs.readFileSync(file), trusted ? { trustedPublicKeyPem: trusted.pem } : {});
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return r.ok ? 0 : 1;
  }
  const out: string[] = [`package: ${file}`, `ZIP SHA-256: ${r.zipSha256}`];
  const m = r.manifest;
  if (m)
    out.push(
      `case: ${m.case_id} (${m.members} applications${m.detection_run_id ? `, detection run ${m.detection_run_id}, cluster ${m.cluster_id}` : ""})`,
      `exported: ${m.exported_at} by ${m.exported_by.username} (${m.exported_by.role}), TLP:${m.tlp.toUpperCase()}, export ${m.export_id}`,
      `recipient: ${m.recipient ?? "not stated"}; purpose: ${m.purpose ?? "not stated"}`,
      `redaction: ${Object.entries(m.redaction)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`,
    );
  if (r.manifestSha256) out.push(`manifest.json SHA-256: ${r.manifestSha256}`);
  out.push(
    `signature: ${r.signature.valid ? "valid" : "INVALID"}${r.signature.fingerprint ? ` (key ${r.signature.fingerprint})` : ""}`,
  );
  out.push(
    `trusted key: ${r.signature.trusted === null ? "not checked (no --key given and no server key here)" : r.signature.trusted ? `yes, ${trusted!.source}` : `NO, not ${trusted!.source}`}`,
  );
  for (const f of r.files) out.push(`  ${f.status === "ok" ? "ok      " : "MISMATCH"} ${f.path}`);
  if (r.ok) out.push(`OK: the signature and all ${r.files.length} files match the manifest`);
  else out.push(`FAILED: ${r.problems.length} problem(s):`, ...r.problems.map((p) => `  - ${p}`));
  process.stdout.write(`${out.join("\n")}\n`);
  return r.ok ? 0 : 1;
});
