/**
 * The redacted view of a case
 * ===========================
 *
 * Everything that leaves in an evidence package is written from this view and from nothing else: the
 * members with their names, locations and education as the export shows them, the identifiers under
 * opaque node ids with their shown normal form and shown typed spellings, reasons rendered from their
 * codes and identifier refs, history as rows of words, and the free text (title, notes, purpose,
 * recipient) scrubbed of every value of the case. No raw value, normal form or `kind:key` ref is kept
 * in it, so a file writer cannot leak what it was never given.
 */
import crypto from "node:crypto";

import type { CaseContents, CaseIdentifier, CaseRecord } from "../common/api/cases.js";
import { nameKey } from "../normalise/name.js";
import { normaliseAs } from "../normalise/identifier.js";
import { IDENTIFIER_KINDS, KIND_FIELD, parseIdentifierRef, type IdentifierKind } from "../common/identifiers.js";
import { FreeTextScrubber, type ContactIndex, type KnownValue, type ScrubCounts } from "./free-text.js";
import { historyRows, type HistoryRow } from "./history.js";
import type { Redactor, RedactionChoices } from "./redaction.js";
import { renderReasons, type RenderedReason } from "./reasons.js";
import type { TlpLevel } from "./tlp.js";

export interface ViewMember {
  id: string;
  /** `application:<id>`: application ids are the employer's own references and are never redacted. */
  nodeId: string;
  submitted_at: string;
  name: string;
  claimed_country: string;
  location: string;
  university: string;
  degree: string;
  major: string;
  graduation_date: string;
  job_id: string;
  source: string;
  indicators: string[];
  pinned: boolean;
  /** Node ids of its identifiers. */
  identifiers: string[];
  /** Node id → the spellings this applicant typed for it, as shown. */
  typed: Map<string, string[]>;
  /** SHA-256 of the record as ingested (`raw_json`), or null when the database has none. */
  sourceSha256: string | null;
}

export interface ViewIdentifier {
  nodeId: string;
  kind: IdentifierKind;
  /** The normal form as shown (full, masked or pseudonym). */
  value: string;
  /** Distinct typed spellings across the case's members, as shown. */
  typed: string[];
  /** How many distinct spellings were typed (counted before redaction). */
  typedCount: number;
  mode: "full" | "masked" | "pseudonym";
  members: number;
  used_by: number;
  common_infrastructure: boolean;
  pinned: boolean;
  detail: string;
  /** 4 or 6 for IP addresses. */
  ipVersion: number | null;
}

export interface ExportChoices {
  tlp: TlpLevel;
  redaction: RedactionChoices;
  includeNotes: boolean;
  releaseUnlisted: boolean;
}

export interface EvidenceView {
  case: {
    id: string;
    title: string;
    status: string;
    source: "cluster" | "selection";
    created_at: string;
    created_by: string;
    assignee: string | null;
    run_id: string | null;
    cluster_id: string | null;
    cluster_generated_at: string | null;
    risk_score: number | null;
    risk_level: string | null;
    patterns: string[];
  };
  members: ViewMember[];
  missingMembers: number;
  identifiers: ViewIdentifier[];
  /** Each member's node id to each of its identifiers' node ids (the graph's edges). */
  links: { application: string; identifier: string }[];
  reasons: RenderedReason[];
  history: HistoryRow[];
  /** Scrubbed Markdown, or null when notes were left out. */
  notesMd: string | null;
  purpose: string | null;
  recipient: string | null;
  choices: ExportChoices;
  freeText: { scanned: string[]; counts: ScrubCounts };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Values of a contract field as typed: a string or a list of strings. */
function typedValues(raw: Record<string, unknown>, field: string): string[] {
  const v = raw[field];
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}

function parseRaw(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

function detail(kind: string, p: Record<string, unknown>): string {
  const parts: string[] = [];
  if (kind === "phone") {
    if (p.country) parts.push(`country ${p.country}`);
    if (p.line_type) parts.push(`line type ${p.line_type}`);
    if (p.malformed) parts.push("malformed");
  }
  if (kind === "ip" && p.version) parts.push(`IPv${p.version}`);
  if (kind === "profile" && p.platform) parts.push(String(p.platform));
  if (kind === "email" && p.valid === false) parts.push("malformed");
  return parts.join("; ");
}

const digits = (s: string) => s.replace(/\D/g, "");

/** Builds the view; `rawRecords` maps application ids to their `raw_json` as ingested. */
export function buildView(input: {
  record: CaseRecord;
  contents: CaseContents;
  rawRecords: Map<string, string | null>;
  redactor: Redactor;
  choices: ExportChoices;
  purpose: string | null;
  recipient: string | null;
}): EvidenceView {
  const { record: c, contents, redactor: r, choices } = input;
  const byRef = new Map<string, CaseIdentifier>(contents.identifiers.map((i) => [i.ref, i]));
  const nodeOf = (ref: string) => (ref.startsWith("application:") ? ref : r.nodeId(ref));
  const released = (field: keyof RedactionChoices) => choices.redaction[field] === "full";

  // Typed spellings, per member and per identifier, matched to identifiers by normalising them as ingest does.
  const raws = new Map<string, Record<string, unknown>>();
  const typedRaw = new Map<string, Set<string>>(); // ref → raw spellings
  const memberTyped = new Map<string, Map<string, string[]>>(); // member → ref → raw spellings
  for (const m of contents.members) {
    const raw = parseRaw(input.rawRecords.get(m.id));
    raws.set(m.id, raw);
    const mine = new Map<string, string[]>();
    for (const kind of IDENTIFIER_KINDS)
      for (const v of typedValues(raw, KIND_FIELD[kind])) {
        const n = normaliseAs(kind, v, str(raw.claimed_country) || undefined);
        if (!n) continue;
        const ref = `${kind}:${n.key}`;
        if (!byRef.has(ref)) continue;
        mine.set(ref, [...(mine.get(ref) ?? []), v]);
        const all = typedRaw.get(ref) ?? new Set<string>();
        all.add(v.trim());
        typedRaw.set(ref, all);
      }
    memberTyped.set(m.id, mine);
  }
  const showTyped = (i: CaseIdentifier, v: string) => r.typed(i.kind, v, i.key, i.props);

  const identifiers: ViewIdentifier[] = contents.identifiers.map((i) => ({
    nodeId: r.nodeId(i.ref),
    kind: i.kind,
    value: r.identifier(i.kind, i.key, i.props),
    typed: [...new Set([...(typedRaw.get(i.ref) ?? [])].map((v) => showTyped(i, v)))],
    typedCount: typedRaw.get(i.ref)?.size ?? 0,
    mode: r.mode(i.kind),
    members: i.members,
    used_by: i.used_by,
    common_infrastructure: i.common_infrastructure,
    pinned: i.pinned,
    detail: detail(i.kind, i.props),
    ipVersion: i.kind === "ip" ? (i.props.version === 6 || i.key.includes(":") ? 6 : 4) : null,
  }));

  const pinnedApps = new Set(c.pinned_applications);
  const members: ViewMember[] = contents.members.map((m) => {
    const typed = new Map<string, string[]>();
    for (const [ref, vs] of memberTyped.get(m.id)!)
      typed.set(r.nodeId(ref), [...new Set(vs.map((v) => showTyped(byRef.get(ref)!, v)))]);
    const json = input.rawRecords.get(m.id);
    return {
      id: m.id,
      nodeId: `application:${m.id}`,
      submitted_at: str(m.submitted_at),
      name: r.name(str(m.full_name)),
      claimed_country: str(m.claimed_country),
      location: r.location(str(m.claimed_location)),
      university: r.education(str(m.university)),
      degree: r.education(str(m.degree)),
      major: r.education(str(m.major)),
      graduation_date: r.education(str(m.graduation_date)),
      job_id: str(m.job_id),
      source: str(m.source),
      indicators: Array.isArray(m.indicators) ? (m.indicators as string[]) : [],
      pinned: pinnedApps.has(m.id),
      identifiers: m.identifiers.map((ref) => r.nodeId(ref)),
      typed,
      sourceSha256: json ? crypto.createHash("sha256").update(json, "utf8").digest("hex") : null,
    };
  });

  // Every value of the case, in every form the server knows, for the free-text scrubber.
  const known: KnownValue[] = [];
  const contacts: ContactIndex = { email: new Map(), ip: new Map(), phoneDigits: new Map() };
  for (const i of contents.identifiers) {
    const shown = r.identifier(i.kind, i.key, i.props);
    const rel = released(i.kind);
    const forms = [i.key, ...(typedRaw.get(i.ref) ?? [])];
    if (i.kind === "profile") forms.push(i.key.replace(/^[a-z]+\.com\/(in\/)?/, ""));
    known.push({ field: i.kind, forms, shown, released: rel });
    const entry = { shown, released: rel };
    if (i.kind === "email") for (const f of forms) contacts.email.set(f.trim().toLowerCase(), entry);
    if (i.kind === "email") contacts.email.set(i.key, entry);
    if (i.kind === "ip") contacts.ip.set(i.key, entry);
    if (i.kind === "phone")
      for (const f of forms) if (digits(f).length >= 7) contacts.phoneDigits.set(digits(f), entry);
  }
  for (const m of contents.members) {
    const raw = raws.get(m.id)!;
    const names = new Set([str(m.full_name), str(raw.full_name)].filter(Boolean));
    for (const name of names) {
      const shown = r.name(name);
      const key = nameKey(name) ?? "";
      const words = [...new Set([...name.split(/[\s,.'-]+/u), ...key.split(" ")].filter((w) => w.length >= 2))];
      known.push({
        field: "full_name",
        forms: [name, key, key.split(" ").reverse().join(" ")],
        words: words.map((w) => ({
          word: w,
          shown: r.mode("full_name") === "masked" ? `${w[0]!.toUpperCase()}.` : shown,
        })),
        shown,
        released: released("full_name"),
      });
    }
    const loc = str(raw.claimed_location) || str(m.claimed_location);
    if (loc) known.push({ field: "location", forms: [loc], shown: r.location(loc), released: released("location") });
    for (const f of ["university", "degree", "major", "graduation_date"]) {
      const v = str(raw[f]) || str(m[f]);
      if (v) known.push({ field: "education", forms: [v], shown: r.education(v), released: released("education") });
    }
  }
  const scrubber = new FreeTextScrubber(known, contacts, choices.releaseUnlisted);

  const describe = (ref: string) => {
    if (ref.startsWith("application:")) return ref.slice("application:".length);
    const p = parseIdentifierRef(ref);
    const i = byRef.get(ref);
    if (!p || !i) return "an identifier outside the case";
    return `${p.kind} ${r.identifier(i.kind, i.key, i.props)}`;
  };

  return {
    case: {
      id: c.id,
      title: scrubber.scrub(c.title),
      status: c.status,
      source: c.source,
      created_at: c.created_at,
      created_by: c.created_by,
      assignee: c.assignee,
      run_id: c.run_id,
      cluster_id: c.cluster_id,
      cluster_generated_at: c.cluster_generated_at,
      risk_score: c.risk_score,
      risk_level: c.risk_level,
      patterns: c.patterns,
    },
    members,
    missingMembers: contents.missing_members.length,
    identifiers,
    links: contents.members.flatMap((m) =>
      m.identifiers.map((ref) => ({ application: `application:${m.id}`, identifier: nodeOf(ref) })),
    ),
    reasons: renderReasons(c.reasons, {
      identifiers: identifiers,
      members,
      byRef: (ref) => (byRef.has(ref) ? r.nodeId(ref) : null),
    }),
    history: historyRows(
      c.history,
      (ref) => describe(ref),
      (t) => scrubber.scrub(t),
    ),
    notesMd: choices.includeNotes ? scrubber.scrub(c.notes_md, { markdown: true }) : null,
    purpose: input.purpose ? scrubber.scrub(input.purpose) : null,
    recipient: input.recipient ? scrubber.scrub(input.recipient) : null,
    choices,
    freeText: {
      scanned: ["title", ...(choices.includeNotes ? ["notes"] : []), "purpose", "recipient", "history"],
      counts: scrubber.counts,
    },
  };
}
