/**
 * Identities in the drawing
 * =========================
 *
 * One person's several applications drawn as one node with a count. Same rule as detection
 * (server/detect/identities.ts): two applications are one identity when they share a personal identifier
 * (email, phone, profile, payroll account) and carry the same folded name (`name_key`). What a household
 * or office shares (IP, device, address) never merges two applications. Pure; tested in Node.
 */
import type { GraphEdge, GraphNode } from "./model.js";

export const PERSONAL_KINDS: ReadonlySet<string> = new Set(["email", "phone", "profile", "payment"]);

/** Group of each application ref (only applications in a group of two or more), by representative. */
export interface IdentityGroups {
  /** application ref → representative ref (the group's earliest application). */
  of: Map<string, string>;
  /** representative ref → member refs, earliest first. */
  members: Map<string, string[]>;
}

function find(parent: Map<string, string>, x: string): string {
  let r = x;
  while (parent.get(r) !== r) r = parent.get(r)!;
  while (parent.get(x) !== r) {
    const next = parent.get(x)!;
    parent.set(x, r);
    x = next;
  }
  return r;
}

export function identityGroups(payload: { nodes: GraphNode[]; edges: GraphEdge[] }): IdentityGroups {
  const apps = new Map<string, GraphNode>();
  for (const n of payload.nodes) if (n.kind === "application") apps.set(n.id, n);
  const kindOf = new Map(payload.nodes.map((n) => [n.id, n.kind]));
  const nameKey = (ref: string) => {
    const a = apps.get(ref)!.attributes;
    return typeof a.name_key === "string" ? a.name_key : "";
  };
  const parent = new Map<string, string>();
  for (const ref of apps.keys()) parent.set(ref, ref);
  // For each personal identifier, the first application seen per name joins the others of that name.
  const firstByName = new Map<string, Map<string, string>>();
  for (const e of payload.edges) {
    const [app, ident] = apps.has(e.source) ? [e.source, e.target] : [e.target, e.source];
    if (!apps.has(app) || !PERSONAL_KINDS.has(kindOf.get(ident) ?? "")) continue;
    const byName = firstByName.get(ident) ?? new Map<string, string>();
    firstByName.set(ident, byName);
    const name = nameKey(app);
    const first = byName.get(name);
    if (first === undefined) byName.set(name, app);
    else {
      const a = find(parent, first);
      const b = find(parent, app);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, string[]>();
  for (const ref of apps.keys()) {
    const root = find(parent, ref);
    const list = groups.get(root) ?? [];
    list.push(ref);
    groups.set(root, list);
  }
  const time = (ref: string) => String(apps.get(ref)!.attributes.submitted_at ?? "");
  const out: IdentityGroups = { of: new Map(), members: new Map() };
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => time(a).localeCompare(time(b)) || a.localeCompare(b));
    const rep = list[0]!;
    out.members.set(rep, list);
    for (const ref of list) out.of.set(ref, rep);
  }
  return out;
}

/**
 * The payload with each identity of two or more applications as one node: the earliest application's
 * ref, labelled "Name ×N", carrying `identity_members`; edges moved to it and merged.
 */
export function collapseIdentities(
  payload: { nodes: GraphNode[]; edges: GraphEdge[] },
  groups: IdentityGroups,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  if (!groups.members.size) return payload;
  const nodes: GraphNode[] = [];
  for (const n of payload.nodes) {
    const rep = groups.of.get(n.id);
    if (rep === undefined) nodes.push(n);
    else if (rep === n.id) {
      const members = groups.members.get(rep)!;
      nodes.push({
        ...n,
        label: `${n.label} ×${members.length}`,
        attributes: {
          ...n.attributes,
          identity_members: members.map((m) => m.slice("application:".length)),
          identity_size: members.length,
        },
      });
    }
  }
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const e of payload.edges) {
    const source = groups.of.get(e.source) ?? e.source;
    const target = groups.of.get(e.target) ?? e.target;
    const key = `${source}|${target}`;
    if (source === target || seen.has(key)) continue;
    seen.add(key);
    edges.push({ source, target });
  }
  return { nodes, edges };
}

/** Whether identities are drawn as one node by default: big clusters with at least one repeat applicant. */
export const COLLAPSE_IDENTITIES_FROM = 100;

export function collapseByDefault(applications: number, groups: IdentityGroups): boolean {
  return applications >= COLLAPSE_IDENTITIES_FROM && groups.members.size > 0;
}
