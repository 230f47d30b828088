/**
 * Entity links
 * ============
 *
 * Where an audit entry's target can be looked at: cases, clusters, runs, applications and identifiers
 * have pages; users, tokens, routes and requests do not (the text is shown instead).
 */
import { applicationHref, identifierHref } from "../explore/search-entries.js";
import { clusterHref } from "../state/cluster-url.js";

/** A node ref `kind:key` (expand, explain) as the page of that application or identifier. */
function refHref(ref: string): string | null {
  const i = ref.indexOf(":");
  if (i <= 0 || i === ref.length - 1) return null;
  const kind = ref.slice(0, i);
  const key = ref.slice(i + 1);
  return kind === "application" ? applicationHref(key) : identifierHref(kind, key);
}

export function auditTargetHref(target: { type: string; id: string } | null): string | null {
  if (!target || !target.id) return null;
  switch (target.type) {
    case "case":
      return `/cases/${encodeURIComponent(target.id)}`;
    case "cluster":
      return clusterHref(target.id, { run: null });
    case "run":
      return `/runs#${encodeURIComponent(target.id)}`;
    case "application":
      return applicationHref(target.id);
    case "identifier":
    case "node":
      return refHref(target.id);
    default:
      return null;
  }
}
