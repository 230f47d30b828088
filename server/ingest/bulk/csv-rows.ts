/**
 * Import CSV rows
 * ===============
 *
 * The columns of the CSV files Neo4j's offline importer reads (applications, identifiers with their
 * label in a `:LABEL` column, USES links) and the text of one row. Pure, so that the normalising
 * workers can format application rows' and identifier rows' tails while the coordinating thread only
 * gives node ids and writes links. The `:ID` columns hold the node ids themselves (one id space for
 * both labels; the importer runs with `--id-type=actual`).
 */
import { DETAIL_FIELDS, packDetails } from "../../db/application-details.js";
import type { NormalisedApplication } from "../record.js";
import {
  IDENTIFIER_KINDS,
  KIND_LABEL,
  type IdentifierKind,
  type NormalisedIdentifier,
} from "../../common/identifiers.js";

/**
 * Application properties in file order, with their importer types (strings unless given); `details` is
 * the descriptive fields packed as the pipeline packs them (server/db/application-details.ts).
 */
const APP_COLUMNS: readonly (readonly [string, string])[] = [
  ["id", "id"],
  ["full_name", "full_name"],
  ["name_key", "name_key"],
  ["details", "details"],
  ["raw_json", "raw_json"],
];
const APP_KEYS = APP_COLUMNS.map(([k]) => k);
const APP_PROPS = new Set<string>([...APP_KEYS, ...DETAIL_FIELDS]);

/** Every identifier property of every kind, with its importer type; a kind leaves the others empty. */
const ID_COLUMNS: readonly (readonly [string, string])[] = [
  ["domain", "domain"],
  ["valid", "valid:boolean"],
  ["e164", "e164"],
  ["malformed", "malformed:boolean"],
  ["country", "country"],
  ["line_type", "line_type"],
  ["version", "version:long"],
  ["prefix", "prefix"],
  ["routable", "routable:boolean"],
  ["platform", "platform"],
  ["handle", "handle"],
  ["sample", "sample"],
];
const ID_KEYS = ID_COLUMNS.map(([k]) => k);
const ID_PROPS = new Set(ID_KEYS);

/** Between array elements; no stored value contains it. */
export const ARRAY_DELIMITER = "\u001f";

export const APPLICATION_HEADER = [
  ":ID",
  ...APP_COLUMNS.map(([, h]) => h),
  "submitted_at:datetime",
  "ingested_at:datetime",
].join(",");
export const IDENTIFIER_HEADER = [":ID", ":LABEL", "key", ...ID_COLUMNS.map(([, h]) => h)].join(",");
export const LINK_HEADER = ":START_ID,:END_ID";

const KIND_CODE = new Map<IdentifierKind, number>(IDENTIFIER_KINDS.map((k, i) => [k, i]));

/** The key identifiers are deduplicated by: kind and normal form (a NUL cannot be typed in either). */
export const identifierRef = (ident: NormalisedIdentifier): string => `${KIND_CODE.get(ident.kind)!}\u0000${ident.key}`;

const NEEDS_QUOTES = /[",\n\r]/;
const LINE_BREAK = /[\n\r]/;

/** A row's text and whether a value in it spans lines (the importer must then be told about the file). */
export interface Row {
  text: string;
  multiline: boolean;
}

/** RFC 4180 quoting, only where needed; null and undefined become an empty (absent) field. */
function field(v: unknown, row: Row): string {
  if (v === null || v === undefined) return "";
  const s = Array.isArray(v) ? v.join(ARRAY_DELIMITER) : String(v);
  if (s === "") return '""';
  if (!NEEDS_QUOTES.test(s)) return s;
  if (LINE_BREAK.test(s)) row.multiline = true;
  return `"${s.replaceAll('"', '""')}"`;
}

/** One application's row after its node id (which the coordinating thread gives it), with its line break. */
export function applicationRowTail(app: NormalisedApplication, ingestedAt: string): Row {
  const row: Row = { text: "", multiline: false };
  const props: Record<string, unknown> = { ...app.props, details: packDetails(app.props) };
  let text = "";
  for (const k of APP_KEYS) text += "," + field(props[k], row);
  for (const k in props)
    if (!APP_PROPS.has(k) && props[k] !== null)
      throw new Error(`bulk: application property "${k}" has no import column`);
  row.text = `${text},${app.submittedAt},${ingestedAt}\n`;
  return row;
}

/** An identifier's row after its node id (which the coordinating thread gives it), with its line break. */
export function identifierRowTail(ident: NormalisedIdentifier): Row {
  const row: Row = { text: "", multiline: false };
  let text = `,${KIND_LABEL[ident.kind]},${field(ident.key, row)}`;
  for (const k of ID_KEYS) text += "," + field(ident.props[k], row);
  for (const k in ident.props)
    if (!ID_PROPS.has(k)) throw new Error(`bulk: identifier property "${k}" has no import column`);
  row.text = text + "\n";
  return row;
}
