/**
 * Search entries
 * ==============
 *
 * Turns a `GET /api/search` answer into the header box's result list: grouped by kind (clusters,
 * identifiers, applications, cases), each entry with a label, a detail line and the page it opens.
 * Pure, so the grouping and the links are tested in Node.
 */
import type { SearchResult } from "../api.js";
import { KIND_STYLES, isNodeKind } from "../graph/kinds.js";

export type EntryGroup = "clusters" | "identifiers" | "applications" | "cases";

export interface SearchEntry {
  group: EntryGroup;
  label: string;
  detail: string;
  href: string;
}

export const GROUP_TITLES: Record<EntryGroup, string> = {
  clusters: "Clusters",
  identifiers: "Identifiers",
  applications: "Applications",
  cases: "Cases",
};

export const applicationHref = (id: string) => `/applications/${encodeURIComponent(id)}`;
export const identifierHref = (kind: string, key: string) =>
  `/identifiers/${encodeURIComponent(kind)}/${encodeURIComponent(key)}`;

const count = (n: number, one: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : `${one}s`}`;

/** Entries in display order; within a group, the server's order. */
export function searchEntries(r: SearchResult): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const c of r.clusters)
    out.push({
      group: "clusters",
      label: c.id,
      detail: c.in_latest_run
        ? `${c.risk_level ?? "?"} risk ${c.risk_score ?? ""} · ${count(c.size ?? 0, "application")}`
        : `not in the latest run (last seen in run ${c.run_id})`,
      href: c.in_latest_run
        ? `/clusters/${encodeURIComponent(c.id)}`
        : `/clusters/${encodeURIComponent(c.id)}?run=${encodeURIComponent(c.run_id)}`,
    });
  for (const i of r.identifiers) {
    const names = [...new Set(i.applications.map((a) => a.full_name ?? a.id))].slice(0, 3).join(", ");
    out.push({
      group: "identifiers",
      label: i.key,
      detail: `${isNodeKind(i.kind) ? KIND_STYLES[i.kind].label : i.kind} · used by ${count(i.total, "application")}${names ? `: ${names}` : ""}`,
      href: identifierHref(i.kind, i.key),
    });
  }
  for (const a of r.applications)
    out.push({
      group: "applications",
      label: a.full_name ?? a.id,
      detail: `${a.id} · ${a.submitted_at.slice(0, 10)}${a.matched === "id" ? " · matched by id" : ""}`,
      href: applicationHref(a.id),
    });
  for (const c of r.cases)
    out.push({
      group: "cases",
      label: c.title,
      detail: `${c.id} · ${c.status} · ${count(c.member_count, "application")}`,
      href: `/cases/${encodeURIComponent(c.id)}`,
    });
  return out;
}

/** The next active index for an arrow key: wraps around; -1 (nothing active) goes to the first or last. */
export function moveActive(active: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  if (active < 0) return step === 1 ? 0 : length - 1;
  return (active + step + length) % length;
}
