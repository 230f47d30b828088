/**
 * Cluster deep links
 * ==================
 *
 * The part of the cluster view worth sharing, kept in the URL query so a link opens the same cluster
 * with the same selection: `sel` (selected node ref), `a`/`b` (why-linked pair, explained on open),
 * `hide` (node kinds switched off), `common` (dim|hide|show), `from`/`to` (ISO time range), `q`
 * (search), `run` (a named detection run instead of the latest) and `identities` (1: one node per
 * person, 0: one per application; absent: the size-based default). Decoding never throws: anything
 * invalid is dropped, so a mangled link still opens the cluster.
 */
import { isNodeKind, kindOfRef, type NodeKind } from "../graph/kinds.js";
import type { CommonMode } from "../graph/visibility.js";
import { INITIAL_VIEW, type ClusterViewState } from "./cluster-view.js";

export interface ClusterLink {
  view: ClusterViewState;
  run: string | null;
  /** Draw one person's applications as one node; null/absent: decided by the cluster's size. */
  identities?: boolean | null;
}

const COMMON_MODES: readonly CommonMode[] = ["dim", "hide", "show"];
const MAX_PARAM = 600;

function ref(value: string | null): string | null {
  if (!value || value.length > MAX_PARAM) return null;
  return kindOfRef(value) ? value : null;
}

function appRef(value: string | null): string | null {
  const r = ref(value);
  return r && r.startsWith("application:") ? r : null;
}

function time(value: string | null): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

export function decodeClusterLink(query: URLSearchParams): ClusterLink {
  const hiddenKinds = new Set<NodeKind>();
  for (const k of (query.get("hide") ?? "").split(",")) if (isNodeKind(k)) hiddenKinds.add(k);
  const common = query.get("common") as CommonMode | null;
  const from = time(query.get("from"));
  const to = time(query.get("to"));
  const a = appRef(query.get("a"));
  const b = appRef(query.get("b"));
  return {
    view: {
      ...INITIAL_VIEW,
      selected: ref(query.get("sel")),
      pair: [a, b === a ? null : b],
      hiddenKinds,
      common: common && COMMON_MODES.includes(common) ? common : INITIAL_VIEW.common,
      timeRange: from !== null && to !== null && from < to ? [from, to] : null,
      search: (query.get("q") ?? "").slice(0, 200),
    },
    run: runIdOrNull(query.get("run")),
    identities: query.get("identities") === "1" ? true : query.get("identities") === "0" ? false : null,
  };
}

/** A detection run id from a URL, or null when it is not one the API would accept. */
export function runIdOrNull(v: string | null): string | null {
  return v && /^[\w.:-]{1,64}$/.test(v) ? v : null;
}

/** Only what differs from the defaults, in a fixed order, so equal views give equal URLs. */
export function encodeClusterLink(link: ClusterLink): URLSearchParams {
  const q = new URLSearchParams();
  const v = link.view;
  if (link.run) q.set("run", link.run);
  if (v.selected) q.set("sel", v.selected);
  if (v.pair[0]) q.set("a", v.pair[0]);
  if (v.pair[1]) q.set("b", v.pair[1]);
  if (v.hiddenKinds.size) q.set("hide", [...v.hiddenKinds].sort().join(","));
  if (v.common !== INITIAL_VIEW.common) q.set("common", v.common);
  if (v.timeRange) {
    q.set("from", new Date(v.timeRange[0]).toISOString());
    q.set("to", new Date(v.timeRange[1]).toISOString());
  }
  if (v.search) q.set("q", v.search);
  if (link.identities === true || link.identities === false) q.set("identities", link.identities ? "1" : "0");
  return q;
}

export function clusterHref(id: string, link?: Partial<ClusterLink>): string {
  const q = encodeClusterLink({ view: link?.view ?? INITIAL_VIEW, run: link?.run ?? null }).toString();
  return `/clusters/${encodeURIComponent(id)}${q ? `?${q}` : ""}`;
}
