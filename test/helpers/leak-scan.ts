/**
 * Leak scan, as a recipient's privacy officer would run it: every file of an evidence package as text
 * (the PDF through poppler's pdftotext and through pypdf, every other file as UTF-8), searched for every
 * value of every member in every form: as typed in the source record and in the server's normal form.
 * Matching ignores letter case and needs the value to stand on its own (not inside a longer word or
 * number, and a date not inside a longer date); text is searched both with whitespace collapsed (a value
 * wrapped over two lines of a table cell) and, for values of 10 characters or more, with whitespace
 * removed (a long id broken anywhere).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { nameKey } from "../../server/normalise/name.js";
import { normaliseAs } from "../../server/normalise/identifier.js";
import { IDENTIFIER_KINDS, KIND_FIELD } from "../../server/normalise/types.js";
import { runPythonText } from "./python.js";

const run = promisify(execFile);

/** Text fields that are personal data (the redactable ones besides identifiers). */
const TEXT_FIELDS = ["full_name", "claimed_location", "university", "degree", "major", "graduation_date"];

export interface SearchedValue {
  application_id: string;
  field: string;
  form: "as typed" | "normal form";
  value: string;
}

export interface LeakHit extends SearchedValue {
  file: string;
  context: string;
}

const list = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** Every value of every record, as typed and in normal form, deduplicated. */
export function memberValues(records: Record<string, unknown>[]): SearchedValue[] {
  const out = new Map<string, SearchedValue>();
  const add = (v: SearchedValue) => {
    const value = v.value.trim();
    if (value.length >= 2 && !out.has(`${v.application_id}|${value.toLowerCase()}`))
      out.set(`${v.application_id}|${value.toLowerCase()}`, { ...v, value });
  };
  for (const r of records) {
    const id = String(r.application_id);
    for (const kind of IDENTIFIER_KINDS)
      for (const raw of list(r[KIND_FIELD[kind]])) {
        add({ application_id: id, field: KIND_FIELD[kind], form: "as typed", value: raw });
        const n = normaliseAs(kind, raw, typeof r.claimed_country === "string" ? r.claimed_country : undefined);
        if (n) add({ application_id: id, field: KIND_FIELD[kind], form: "normal form", value: n.key });
      }
    for (const f of TEXT_FIELDS)
      for (const raw of list(r[f])) {
        add({ application_id: id, field: f, form: "as typed", value: raw });
        if (f === "full_name") {
          const k = nameKey(raw);
          if (k) add({ application_id: id, field: f, form: "normal form", value: k });
        }
      }
  }
  return [...out.values()];
}

/** Every file as text: PDFs through pdftotext and pypdf (both kept), everything else as UTF-8. */
export async function packageTexts(files: Map<string, Buffer>): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-leak-"));
  const out = new Map<string, string>();
  try {
    for (const [name, data] of files) {
      if (!name.endsWith(".pdf")) {
        out.set(name, data.toString("utf8"));
        continue;
      }
      const file = path.join(dir, "x.pdf");
      fs.writeFileSync(file, data);
      out.set(
        `${name} (pdftotext)`,
        (await run("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 64 << 20 })).stdout,
      );
      out.set(`${name} (pypdf)`, await runPythonText("pdf_text.py", [file]));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function scanForLeaks(texts: Map<string, string>, values: SearchedValue[]): LeakHit[] {
  const hits: LeakHit[] = [];
  for (const [file, raw] of texts) {
    const collapsed = raw.normalize("NFC").replace(/\s+/g, " ");
    const squeezed = raw.normalize("NFC").replace(/\s+/g, "").toLowerCase();
    for (const v of values) {
      const value = v.value.normalize("NFC");
      const dateLike = /^[\d-]+$/.test(value);
      const re = new RegExp(
        `(?<![\\p{L}\\p{N}${dateLike ? "-" : ""}])${escapeRe(value).replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}]${dateLike ? "|-\\d" : ""})`,
        "iu",
      );
      const m = re.exec(collapsed);
      if (m) {
        hits.push({ ...v, file, context: collapsed.slice(Math.max(0, m.index - 40), m.index + value.length + 40) });
        continue;
      }
      const bare = value.replace(/\s+/g, "").toLowerCase();
      if (bare.length >= 10) {
        const at = squeezed.indexOf(bare);
        if (at >= 0)
          hits.push({
            ...v,
            file,
            context: `(whitespace removed) …${squeezed.slice(Math.max(0, at - 30), at + bare.length + 30)}…`,
          });
      }
    }
  }
  return hits;
}
