/**
 * Dossier
 * =======
 *
 * Everything one export needs, gathered once: the case (with free text redacted), its members and
 * identifiers as the graph holds them now, the case graph and its picture, the shortest links between
 * key applications, the exporter and the choices made at export.
 */
import type { CaseContents } from "../cases/case-view.js";
import type { CaseRecord } from "../cases/types.js";
import { parseIdentifierRef } from "../normalise/types.js";
import { buildCaseGraph, sharedSubgraph, type CaseGraph } from "./case-graph.js";
import { keyApplications, shortestLinks, type KeyLink } from "./key-links.js";
import { assignLayout } from "./layout.js";
import type { Redactor } from "./redaction.js";
import type { TlpLevel } from "./tlp.js";

export interface Exporter {
  id: string;
  username: string;
  display_name: string;
  role: string;
}

export interface Dossier {
  exportId: string;
  exportedAt: string;
  exporter: Exporter;
  organisation: string;
  purpose: string | null;
  tlp: TlpLevel;
  includeNotes: boolean;
  /** The case with its title, reasons and notes redacted as chosen. */
  case: CaseRecord;
  contents: CaseContents;
  graph: CaseGraph;
  /** Applications and shared identifiers, laid out for the picture. */
  picture: CaseGraph;
  keyLinks: KeyLink[];
  redactor: Redactor;
  publicKeyFingerprint: string;
  generator: { name: string; version: string };
}

/**
 * Replaces every identifier value and applicant name the case knows with its redacted form inside free
 * text (detection reasons, titles, notes), longest first so a value inside another is not half-replaced.
 */
export function textRedactor(
  contents: Pick<CaseContents, "members" | "identifiers">,
  r: Redactor,
): (text: string) => string {
  const pairs: [string, string][] = [];
  for (const i of contents.identifiers) {
    const shown = r.identifier(i.kind, i.key, i.props);
    if (shown !== i.key && i.key.length >= 3) pairs.push([i.key, shown]);
  }
  for (const m of contents.members)
    if (typeof m.full_name === "string" && m.full_name.length >= 3) {
      const shown = r.name(m.full_name);
      if (shown !== m.full_name) pairs.push([m.full_name, shown]);
    }
  pairs.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    let out = text;
    for (const [from, to] of pairs) out = out.split(from).join(to);
    return out;
  };
}

export function buildDossier(
  input: Omit<Dossier, "case" | "graph" | "picture" | "keyLinks"> & { record: CaseRecord },
): Dossier {
  const redactText = textRedactor(input.contents, input.redactor);
  const c = input.record;
  const redacted: CaseRecord = {
    ...c,
    title: redactText(c.title),
    notes_md: input.includeNotes ? redactText(c.notes_md) : "",
    reasons: c.reasons.map((x) => ({ ...x, text: redactText(x.text) })),
    history: c.history.map((e) => ({
      ...e,
      changes: deepRedact(
        e.action === "updated" || e.action.startsWith("status_") ? summariseChanges(e.changes) : e.changes,
        redactText,
      ) as Record<string, unknown>,
    })),
  };
  const graph = buildCaseGraph(input.contents, c.pinned_applications);
  const picture = sharedSubgraph(graph);
  assignLayout(picture);
  const keyLinks = shortestLinks(graph, keyApplications(graph));
  return { ...input, case: redacted, graph, picture, keyLinks };
}

/** Applies `redactText` to every string inside a JSON-like value. */
function deepRedact(value: unknown, redactText: (s: string) => string): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map((v) => deepRedact(v, redactText));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepRedact(v, redactText)]));
  return value;
}

/** History events keep which fields changed and status/assignee moves, not the text of titles or notes. */
function summariseChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) out[k] = k === "status" || k === "assignee" ? v : "changed";
  return out;
}

/** "email j***@example.com" for an identifier ref, redacted. */
export function describeRef(ref: string, contents: CaseContents, r: Redactor): string {
  if (ref.startsWith("application:")) return ref.slice("application:".length);
  const p = parseIdentifierRef(ref);
  if (!p) return ref;
  const props = contents.identifiers.find((i) => i.ref === ref)?.props ?? {};
  return `${p.kind} ${r.identifier(p.kind, p.key, props)}`;
}
