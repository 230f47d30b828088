/**
 * Signing and package verification on a synthetic package: the key is created once and reused, a
 * signature verifies only the exact bytes, and verifyPackage names the file behind every kind of change.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { describeFile, manifestBytes, sha256, type Manifest } from "../../../server/evidence/manifest.js";
import { DEFAULT_REDACTION } from "../../../server/evidence/redaction.js";
import {
  KEY_FILE,
  keyFingerprint,
  loadOrCreateSigningKey,
  signBytes,
  verifyBytes,
  type SigningKey,
} from "../../../server/evidence/signing-key.js";
import { ARCHIVE_COMMENT_PREFIX, verifyPackage } from "../../../server/evidence/verify.js";
import { readZip, writeZip } from "../../../server/evidence/zip.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-signing-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function makePackage(key: SigningKey, mutate?: (files: Map<string, Buffer>) => void): Promise<Buffer> {
  const files = new Map<string, Buffer>([
    ["report.pdf", Buffer.from("%PDF-1.7 fake report")],
    ["applications.csv", Buffer.from("application_id\r\nA-1\r\n")],
    ["public-key.pem", Buffer.from(key.publicKeyPem)],
  ]);
  const manifest: Manifest = {
    format: "ringscope-evidence-package",
    format_version: 2,
    export_id: "e-1",
    case_id: "CASE-0001",
    case_title: "t",
    cluster_id: null,
    detection_run_id: null,
    cluster_generated_at: null,
    detection_run: null,
    members: 1,
    source_records: [{ application_id: "A-1", sha256: null }],
    exported_at: "2026-01-01T00:00:00.000Z",
    exported_by: { id: "u", username: "lee", display_name: "Lee", role: "lead" },
    organisation: "Org",
    recipient: null,
    purpose: null,
    tlp: "amber",
    redaction: DEFAULT_REDACTION,
    free_text: {
      scanned: [],
      notes_included: false,
      release_unlisted_contacts: false,
      counts: {
        case_values: 0,
        released_case_values: 0,
        unlisted_emails: 0,
        unlisted_phones: 0,
        unlisted_ips: 0,
        released_unlisted: 0,
      },
    },
    stix: { namespace: "00000000-0000-4000-8000-000000000000", profile: "0" },
    generator: { name: "Ringscope", version: "0" },
    signature: {
      algorithm: "Ed25519",
      signed_file: "manifest.json",
      signature_file: "manifest.sig",
      public_key_file: "public-key.pem",
      public_key_fingerprint: key.fingerprint,
    },
    files: [...files].map(([n, d]) => describeFile(n, d, "x/y")),
  };
  const mBytes = manifestBytes(manifest);
  files.set("manifest.json", mBytes);
  files.set("manifest.sig", signBytes(mBytes, key));
  mutate?.(files);
  return writeZip(
    [...files].map(([name, data]) => ({ name, data })),
    new Date("2026-01-01T00:00:00Z"),
    `${ARCHIVE_COMMENT_PREFIX}${sha256(mBytes)}`,
  );
}

const flip = (b: Buffer, at = Math.floor(b.length / 2)) => {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0x01;
  return c;
};

describe("signing key", () => {
  it("is created once, kept with mode 600, and reused", () => {
    const a = loadOrCreateSigningKey(dir);
    const b = loadOrCreateSigningKey(dir);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(keyFingerprint(a.publicKeyPem)).toBe(a.fingerprint);
  });

  it("signs exactly the bytes given", () => {
    const k = loadOrCreateSigningKey(dir);
    const data = Buffer.from("manifest bytes");
    const sig = signBytes(data, k);
    expect(sig).toHaveLength(64);
    expect(verifyBytes(data, sig, k.publicKeyPem)).toBe(true);
    expect(verifyBytes(flip(data), sig, k.publicKeyPem)).toBe(false);
    expect(verifyBytes(data, flip(sig), k.publicKeyPem)).toBe(false);
    const other = loadOrCreateSigningKey(fs.mkdtempSync(path.join(dir, "other-")));
    expect(verifyBytes(data, sig, other.publicKeyPem)).toBe(false);
  });
});

describe("verifyPackage", () => {
  const key = loadOrCreateSigningKey(dir);

  it("accepts an intact package and reports the trusted key", async () => {
    const r = await verifyPackage(await makePackage(key), { trustedPublicKeyPem: key.publicKeyPem });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signature).toEqual({ valid: true, fingerprint: key.fingerprint, trusted: true });
    expect(r.files.map((f) => f.status)).toEqual(["ok", "ok", "ok"]);
  });

  it.each(["report.pdf", "applications.csv", "public-key.pem", "manifest.json", "manifest.sig"])(
    "names %s when one byte of it changes",
    async (name) => {
      const zip = await makePackage(key, (files) => files.set(name, flip(files.get(name)!)));
      const r = await verifyPackage(zip);
      expect(r.ok).toBe(false);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems[0]).toContain(name);
    },
  );

  it("names a file removed, a file added, and a key that is not the trusted one", async () => {
    const removed = await verifyPackage(await makePackage(key, (f) => f.delete("applications.csv")));
    expect(removed.problems).toEqual(["applications.csv is listed in the manifest but missing from the package"]);
    const added = await verifyPackage(await makePackage(key, (f) => f.set("extra.txt", Buffer.from("hi"))));
    expect(added.problems).toEqual(['"extra.txt" is in the archive but not in the manifest']);
    const other = loadOrCreateSigningKey(fs.mkdtempSync(path.join(dir, "untrusted-")));
    const untrusted = await verifyPackage(await makePackage(key), { trustedPublicKeyPem: other.publicKeyPem });
    expect(untrusted.signature.trusted).toBe(false);
    expect(untrusted.problems[0]).toMatch(/public-key.pem .* is not the trusted key/);
  });

  it("names the entry when raw archive bytes are corrupted", async () => {
    const zip = await makePackage(key);
    const { entries } = await readZip(zip);
    const pdf = (entries.get("report.pdf") as { data: Buffer }).data;
    const at = zip.indexOf(pdf.subarray(0, 8)); // report.pdf is small and stored verbatim enough to find
    const r = await verifyPackage(flip(zip, at + 3));
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toContain("report.pdf");
  });

  it("refuses something that is not a ZIP", async () => {
    const r = await verifyPackage(Buffer.from("not a zip at all"));
    expect(r.problems[0]).toMatch(/not a readable ZIP archive/);
  });
});
