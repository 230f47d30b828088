/**
 * Case history as rows of words
 * =============================
 *
 * The report shows the case's history as a table a reader can follow ("Status changed to escalated",
 * "notes changed; assignee: alice → bob"), never as JSON. Titles and notes are free text: a change says
 * that they changed, not what they said; pinned identifiers are described as the export shows them.
 */
import type { CaseEvent } from "../common/api/cases.js";

export interface HistoryRow {
  seq: number;
  at: string;
  who: string;
  what: string;
  details: string;
}

const ACTIONS: Record<string, string> = {
  opened: "Case opened",
  updated: "Case updated",
  exported: "Evidence package exported",
};

const FIELD_WORDS: Record<string, string> = {
  title: "title",
  notes_md: "notes",
  status: "status",
  assignee: "assignee",
  pinned_applications: "pinned applications",
  pinned_identifiers: "pinned identifiers",
};

function action(a: string): string {
  if (ACTIONS[a]) return ACTIONS[a]!;
  if (a.startsWith("status_")) return `Status changed to ${a.slice(7)}`;
  const w = a.replace(/_/g, " ");
  return w[0]!.toUpperCase() + w.slice(1);
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const word = (v: unknown) => (v === null || v === undefined || v === "" ? "nobody" : String(v));

export function historyRows(
  events: CaseEvent[],
  describeRef: (ref: string) => string,
  scrub: (text: string) => string,
): HistoryRow[] {
  return events.map((e) => {
    const c = e.changes ?? {};
    const parts: string[] = [];
    if (e.action === "opened") {
      parts.push(
        c.source === "cluster"
          ? `from cluster ${word(c.cluster_id)} of detection run ${word(c.run_id)}`
          : "from applications selected by hand",
      );
      if (typeof c.members === "number") parts.push(`${c.members} applications`);
      if (c.assignee) parts.push(`assigned to ${scrub(String(c.assignee))}`);
    } else if (e.action === "exported") {
      if (c.export_id) parts.push(`export ${c.export_id}`);
      if (c.tlp) parts.push(`TLP:${String(c.tlp).toUpperCase()}`);
      if (c.recipient) parts.push(`for ${scrub(String(c.recipient))}`);
      if (c.manifest_sha256) parts.push(`manifest SHA-256 ${c.manifest_sha256}`);
    } else
      for (const [k, v] of Object.entries(c)) {
        const change = (v ?? {}) as { from?: unknown; to?: unknown };
        const name = FIELD_WORDS[k] ?? k.replace(/_/g, " ");
        if (k === "status" || k === "assignee") parts.push(`${name}: ${word(change.from)} → ${word(change.to)}`);
        else if (k === "pinned_applications") parts.push(`${name}: ${asList(change.to).join(", ") || "none"}`);
        else if (k === "pinned_identifiers")
          parts.push(`${name}: ${asList(change.to).map(describeRef).join("; ") || "none"}`);
        else parts.push(`${name} changed`);
      }
    return {
      seq: e.seq,
      at: e.at,
      who: `${e.actor} (${e.actor_role})`,
      what: action(e.action),
      details: parts.join("; "),
    };
  });
}
