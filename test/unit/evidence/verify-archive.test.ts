/**
 * The verifier against archives crafted to fool it: a genuine signed package is rebuilt with a second
 * entry of the same name (the tampered copy first, which is the one `unzip` extracts), an entry outside
 * the manifest, a `..` path, an absolute path, a symbolic link and an encrypted entry. Each is a failure
 * with its own message; the untouched rebuild verifies, so the failures come from what was added.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { describeFile, manifestBytes, sha256, type Manifest } from "../../../server/evidence/manifest.js";
import { DEFAULT_REDACTION } from "../../../server/evidence/redaction.js";
import { loadOrCreateSigningKey, signBytes, type SigningKey } from "../../../server/evidence/signing-key.js";
import { ARCHIVE_COMMENT_PREFIX, verifyPackage } from "../../../server/evidence/verify.js";
import { craftZip, type CraftedEntry } from "../../helpers/craft-zip.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-crafted-"));
let key: SigningKey;
let genuine: CraftedEntry[];
let comment: string;

beforeAll(() => {
  key = loadOrCreateSigningKey(dir);
  const files = new Map<string, Buffer>([
    ["report.pdf", Buffer.from("%PDF-1.7 report")],
    ["links.csv", Buffer.from("application_id,node_id\r\nA-1,I-1\r\n")],
    ["public-key.pem", Buffer.from(key.publicKeyPem)],
  ]);
  const manifest = {
    format: "ringscope-evidence-package",
    format_version: 2,
    export_id: "e-1",
    case_id: "CASE-0001",
    members: 1,
    exported_at: "2026-01-01T00:00:00.000Z",
    exported_by: { id: "u", username: "lee", display_name: "Lee", role: "lead" },
    tlp: "amber",
    redaction: DEFAULT_REDACTION,
    signature: { algorithm: "Ed25519", public_key_fingerprint: key.fingerprint },
    files: [...files].map(([n, d]) => describeFile(n, d, "x/y")),
  } as unknown as Manifest;
  const m = manifestBytes(manifest);
  genuine = [
    ...[...files].map(([name, data]) => ({ name, data })),
    { name: "manifest.json", data: m },
    { name: "manifest.sig", data: signBytes(m, key) },
  ];
  comment = `${ARCHIVE_COMMENT_PREFIX}${sha256(m)}`;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const verify = (entries: CraftedEntry[]) =>
  verifyPackage(craftZip(entries, comment), { trustedPublicKeyPem: key.publicKeyPem });

describe("verifyPackage on crafted archives", () => {
  it("accepts the genuine package rebuilt by hand", async () => {
    const r = await verify(genuine);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.zipSha256).toBe(sha256(craftZip(genuine, comment)));
  });

  it("fails a duplicate entry name even when the genuine copy verifies", async () => {
    const tampered = { name: "links.csv", data: Buffer.from("application_id,node_id\r\nA-9,I-9\r\n") };
    const entries = [tampered, ...genuine];
    const r = await verify(entries);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.stringMatching(/^duplicate entry name: "links\.csv" appears 2 times/));
  });

  it("fails an entry that is not in the manifest", async () => {
    const r = await verify([...genuine, { name: "extra.txt", data: Buffer.from("hi") }]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['"extra.txt" is in the archive but not in the manifest']);
  });

  it("fails parent-directory and absolute paths, each with its own message", async () => {
    const dotdot = await verify([...genuine, { name: "../evil.sh", data: Buffer.from("x") }]);
    expect(dotdot.problems).toContainEqual(
      expect.stringMatching(/^unsafe path: "\.\.\/evil\.sh" contains a parent-directory \(\.\.\) step/),
    );
    const nested = await verify([...genuine, { name: "docs/../../evil.sh", data: Buffer.from("x") }]);
    expect(nested.problems).toContainEqual(expect.stringMatching(/^unsafe path: "docs\/\.\.\/\.\.\/evil\.sh"/));
    const absolute = await verify([...genuine, { name: "/etc/cron.d/evil", data: Buffer.from("x") }]);
    expect(absolute.problems).toContainEqual(
      expect.stringMatching(/^unsafe path: "\/etc\/cron\.d\/evil" contains an absolute path/),
    );
    const drive = await verify([...genuine, { name: "C:/evil.bat", data: Buffer.from("x") }]);
    expect(drive.problems).toContainEqual(
      expect.stringMatching(/^unsafe path: "C:\/evil\.bat" contains a drive letter/),
    );
    for (const r of [dotdot, nested, absolute, drive]) expect(r.ok).toBe(false);
  });

  it("fails a symbolic link, even one standing in for a listed file", async () => {
    const r = await verify(
      genuine.map((e) =>
        e.name === "links.csv" ? { name: "links.csv", data: Buffer.from("/etc/passwd"), mode: 0o120777 } : e,
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(
      'symbolic link: "links.csv" is a link, not a file; a package holds only regular files',
    );
  });

  it("fails an encrypted entry", async () => {
    const r = await verify(genuine.map((e) => (e.name === "links.csv" ? { ...e, flags: 0x801 } : e)));
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(
      'encrypted entry: "links.csv" is encrypted and cannot be checked; a package holds no encrypted entries',
    );
  });
});
