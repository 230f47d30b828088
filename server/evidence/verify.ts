/**
 * Package verification
 * ====================
 *
 * Checks an evidence ZIP the way a recipient would: first the archive's structure (an entry name that
 * appears twice, because `unzip` and other readers may extract either copy; a path with `..`, an
 * absolute path or a drive letter; a symbolic link; an encrypted entry: each a failure with its own
 * message), then the Ed25519 signature of manifest.json under the included public key (and, when
 * given, that this key is the trusted one), then every listed file's size and SHA-256, then entries
 * that are not listed. Each problem names the entry. The archive comment carries manifest.json's
 * SHA-256 so a signature failure can say whether manifest.json or manifest.sig changed (the comment is
 * a hint, not a proof: the signature is the proof). The report carries the SHA-256 of the whole ZIP,
 * for sender and recipient to read to each other.
 */
import { keyFingerprint, verifyBytes } from "./signing-key.js";
import { MANIFEST_FILE, MANIFEST_FORMAT, PUBLIC_KEY_FILE, sha256, SIGNATURE_FILE, type Manifest } from "./manifest.js";
import { readZip, type ZipEntryInfo } from "./zip.js";

export const ARCHIVE_COMMENT_PREFIX = "Ringscope evidence package; manifest.json SHA-256 ";

export interface FileCheck {
  path: string;
  status: "ok" | "missing" | "unreadable" | "size_mismatch" | "hash_mismatch";
  expected: { sha256: string; size: number };
  actual: { sha256: string; size: number } | null;
}

export interface VerifyReport {
  ok: boolean;
  /** SHA-256 of the ZIP file itself. */
  zipSha256: string;
  /** One sentence per problem, each naming the file concerned. */
  problems: string[];
  manifest: Manifest | null;
  manifestSha256: string | null;
  signature: { valid: boolean; fingerprint: string | null; trusted: boolean | null };
  files: FileCheck[];
  unlisted: string[];
}

// Everything else, public-key.pem included, is listed in the manifest with its hash.
const SIGNING_FILES = new Set([MANIFEST_FILE, SIGNATURE_FILE]);

/** A name a reader could write outside the folder it extracts to. */
function unsafePath(name: string): string | null {
  if (/^[a-zA-Z]:/.test(name)) return "a drive letter";
  if (name.startsWith("/") || name.startsWith("\\")) return "an absolute path";
  if (name.split(/[/\\]/).includes("..")) return "a parent-directory (..) step";
  if (name.includes("\\")) return "a backslash";
  if (name.includes("\u0000")) return "a NUL character";
  return null;
}

/** Problems with the archive itself, before any content is trusted. */
export function structureProblems(list: ZipEntryInfo[]): string[] {
  const out: string[] = [];
  const counts = new Map<string, number>();
  for (const e of list) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  for (const [name, n] of counts)
    if (n > 1)
      out.push(
        `duplicate entry name: ${JSON.stringify(name)} appears ${n} times in the archive, and unzip and other readers may extract either copy`,
      );
  for (const e of list) {
    const q = JSON.stringify(e.name);
    const unsafe = unsafePath(e.name);
    if (unsafe)
      out.push(`unsafe path: ${q} contains ${unsafe}, so extracting it could write outside the target folder`);
    if (e.symlink) out.push(`symbolic link: ${q} is a link, not a file; a package holds only regular files`);
    if (e.encrypted)
      out.push(`encrypted entry: ${q} is encrypted and cannot be checked; a package holds no encrypted entries`);
    if (e.directory) out.push(`directory entry: ${q}; a package holds only files at its top level`);
  }
  return out;
}

export async function verifyPackage(zip: Buffer, opts: { trustedPublicKeyPem?: string } = {}): Promise<VerifyReport> {
  const report: VerifyReport = {
    ok: false,
    zipSha256: sha256(zip),
    problems: [],
    manifest: null,
    manifestSha256: null,
    signature: { valid: false, fingerprint: null, trusted: null },
    files: [],
    unlisted: [],
  };
  const problem = (p: string) => report.problems.push(p);
  let archive: Awaited<ReturnType<typeof readZip>>;
  try {
    archive = await readZip(zip);
  } catch (err) {
    problem(`the file is not a readable ZIP archive: ${(err as Error).message}`);
    return report;
  }
  const { entries, comment, list } = archive;
  for (const p of structureProblems(list)) problem(p);
  const read = (name: string): Buffer | null => {
    const e = entries.get(name);
    if (!e) return (problem(`${name} is missing from the package`), null);
    if ("error" in e) return (problem(`${name} cannot be read from the archive (corrupt data: ${e.error})`), null);
    return e.data;
  };

  const manifestBytes = read(MANIFEST_FILE);
  const sig = read(SIGNATURE_FILE);
  const keyPem = read(PUBLIC_KEY_FILE);
  if (manifestBytes) {
    report.manifestSha256 = sha256(manifestBytes);
    try {
      const m = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
      if (m.format !== MANIFEST_FORMAT || !Array.isArray(m.files))
        problem(`${MANIFEST_FILE} is not a Ringscope manifest`);
      else report.manifest = m;
    } catch {
      problem(`${MANIFEST_FILE} is not valid JSON (it was changed)`);
    }
  }
  if (keyPem) {
    try {
      report.signature.fingerprint = keyFingerprint(keyPem.toString("utf8"));
    } catch {
      problem(`${PUBLIC_KEY_FILE} is not a valid public key (it was changed)`);
    }
  }
  if (manifestBytes && sig && keyPem && report.signature.fingerprint) {
    report.signature.valid = verifyBytes(manifestBytes, sig, keyPem.toString("utf8"));
    if (!report.signature.valid) {
      const recorded = comment.startsWith(ARCHIVE_COMMENT_PREFIX)
        ? comment.slice(ARCHIVE_COMMENT_PREFIX.length).trim()
        : null;
      const keyRecorded = report.manifest?.signature?.public_key_fingerprint;
      if (keyRecorded && keyRecorded !== report.signature.fingerprint)
        problem(
          `${PUBLIC_KEY_FILE} is not the key the manifest names (fingerprint ${report.signature.fingerprint}, manifest says ${keyRecorded}): the key was replaced or changed`,
        );
      else if (recorded && recorded !== report.manifestSha256)
        problem(
          `${MANIFEST_FILE} was changed after signing: its SHA-256 is ${report.manifestSha256}, the package recorded ${recorded}, and ${SIGNATURE_FILE} does not verify`,
        );
      else
        problem(
          `${SIGNATURE_FILE} does not verify ${MANIFEST_FILE} under ${PUBLIC_KEY_FILE} (the signature was changed)`,
        );
    }
  }
  if (opts.trustedPublicKeyPem && report.signature.fingerprint) {
    report.signature.trusted = keyFingerprint(opts.trustedPublicKeyPem) === report.signature.fingerprint;
    if (!report.signature.trusted)
      problem(
        `${PUBLIC_KEY_FILE} (${report.signature.fingerprint}) is not the trusted key (${keyFingerprint(opts.trustedPublicKeyPem)})`,
      );
  }

  const listed = new Set<string>();
  for (const f of report.manifest?.files ?? []) {
    listed.add(f.path);
    const expected = { sha256: f.sha256, size: f.size };
    const e = entries.get(f.path);
    if (!e) {
      report.files.push({ path: f.path, status: "missing", expected, actual: null });
      problem(`${f.path} is listed in the manifest but missing from the package`);
      continue;
    }
    if ("error" in e) {
      report.files.push({ path: f.path, status: "unreadable", expected, actual: null });
      problem(`${f.path} cannot be read from the archive (corrupt data: ${e.error})`);
      continue;
    }
    const actual = { sha256: sha256(e.data), size: e.data.length };
    if (actual.size !== f.size) {
      report.files.push({ path: f.path, status: "size_mismatch", expected, actual });
      problem(`${f.path}: size is ${actual.size} bytes, the manifest says ${f.size}`);
    } else if (actual.sha256 !== f.sha256) {
      report.files.push({ path: f.path, status: "hash_mismatch", expected, actual });
      problem(`${f.path}: SHA-256 is ${actual.sha256}, the manifest says ${f.sha256}`);
    } else report.files.push({ path: f.path, status: "ok", expected, actual });
  }
  for (const e of list)
    if (!listed.has(e.name) && !SIGNING_FILES.has(e.name) && !report.unlisted.includes(e.name)) {
      report.unlisted.push(e.name);
      problem(`${JSON.stringify(e.name)} is in the archive but not in the manifest`);
    }
  report.ok = report.problems.length === 0 && report.signature.valid;
  return report;
}
