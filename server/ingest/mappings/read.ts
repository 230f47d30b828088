/**
 * Mapped export reader
 * ====================
 *
 * Loads a mapping (a shipped one by name, or a file) and streams an export through it as contract
 * records, in the same RawRecord shape the pipeline reads, so bulk load and the batch pipeline share it.
 * A mapped column or path the export lacks is an error raised before the first record is yielded, so
 * nothing is written; a record the mapping cannot convert is yielded as an error (rejected, file goes on).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Readable } from "node:stream";

import { formatFromPath, readCsv, readJsonArray, readNdjson, type RawRecord } from "../readers.js";
import { compileMapping, elementsOf, mapRecord, missingSources, MappingError, type CompiledMapping } from "./apply.js";
import { MappingSchema } from "./schema.js";

const SHIPPED_DIR = path.dirname(fileURLToPath(import.meta.url));
/** How many JSON records are looked at for the missing-path check before anything is yielded. */
const SAMPLE = 200;

export function shippedMappings(): string[] {
  return fs
    .readdirSync(SHIPPED_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A shipped mapping by name (`greenhouse-harvest`) or a mapping file by path. */
export function loadMapping(nameOrFile: string): CompiledMapping {
  const isName = /^[a-z0-9-]+$/.test(nameOrFile) && !fs.existsSync(nameOrFile);
  const file = isName ? path.join(SHIPPED_DIR, `${nameOrFile}.json`) : nameOrFile;
  if (!fs.existsSync(file)) {
    throw new MappingError(
      isName
        ? `no mapping named "${nameOrFile}"; shipped: ${shippedMappings().join(", ")} (or give a file path)`
        : `mapping file ${file} does not exist`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new MappingError(`mapping ${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = MappingSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ");
    throw new MappingError(`mapping ${file} is not valid: ${problems}`);
  }
  return compileMapping(parsed.data);
}

/** Checks that a file's extension agrees with the mapping's format. */
export function checkMappedFormat(cm: CompiledMapping, file: string): void {
  const fmt = formatFromPath(file);
  if (fmt !== cm.mapping.format)
    throw new MappingError(`mapping "${cm.mapping.name}" reads ${cm.mapping.format} exports, and ${file} is ${fmt}`);
}

function* mapRaw(cm: CompiledMapping, raw: RawRecord): Generator<RawRecord> {
  if (raw.error !== undefined) return yield raw;
  const rec = raw.value;
  if (rec === null || typeof rec !== "object" || Array.isArray(rec))
    return yield { line: raw.line, text: raw.text, error: "record is not a JSON object" };
  const elements = elementsOf(cm, rec as Record<string, unknown>);
  if (elements.length === 0) {
    const each = cm.mapping.each!;
    return yield {
      line: raw.line,
      text: raw.text,
      error: `record has nothing under "${each.path}", where the mapping reads its applications`,
    };
  }
  for (const el of elements) {
    const r = mapRecord(cm, rec as Record<string, unknown>, el);
    yield r.ok
      ? { line: raw.line, text: raw.text, value: r.value }
      : { line: raw.line, text: raw.text, error: r.reason };
  }
}

function missingError(cm: CompiledMapping, name: string, missing: string[]): MappingError {
  return new MappingError(
    `mapping "${cm.mapping.name}" names what ${name} lacks: ${missing.join(", ")}; nothing was written ` +
      `(mark a field "optional": true if the export may leave it out)`,
  );
}

/** Streams an export's records through a mapping; throws MappingError before the first record if a mapped source is missing. */
export async function* readMapped(input: Readable, cm: CompiledMapping, name: string): AsyncGenerator<RawRecord> {
  if (cm.mapping.format === "csv") {
    let header: string[] | null = null;
    let checked = false;
    const check = () => {
      checked = true;
      const missing = header ? missingSources(cm, { header }) : [];
      if (missing.length) throw missingError(cm, name, missing);
    };
    for await (const raw of readCsv(input, (h) => (header = h))) {
      if (!checked) check();
      yield* mapRaw(cm, raw);
    }
    if (!checked) check();
    return;
  }
  const source = cm.mapping.format === "json" ? readJsonArray(input, cm.mapping.records) : readNdjson(input);
  const buffered: RawRecord[] = [];
  let checked = false;
  const release = function* () {
    checked = true;
    const missing = missingSources(cm, { records: buffered.filter((r) => !r.error).map((r) => r.value) });
    if (missing.length) throw missingError(cm, name, missing);
    for (const raw of buffered) yield* mapRaw(cm, raw);
    buffered.length = 0;
  };
  for await (const raw of source) {
    if (checked) {
      yield* mapRaw(cm, raw);
      continue;
    }
    buffered.push(raw);
    if (buffered.length >= SAMPLE) yield* release();
  }
  if (!checked) yield* release();
}

export function readMappedFile(file: string, cm: CompiledMapping): AsyncGenerator<RawRecord> {
  checkMappedFormat(cm, file);
  return readMapped(fs.createReadStream(file), cm, file);
}

/** Runs only the missing-source check on a file (reads its header or first records), so a CLI can check every file first. */
export async function checkMappedFile(file: string, cm: CompiledMapping): Promise<void> {
  const input = fs.createReadStream(file);
  try {
    for await (const _ of readMapped(input, cm, file)) break;
  } finally {
    input.destroy();
  }
}

export { MappingError };
