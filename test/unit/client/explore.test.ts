/**
 * The explore pieces that need no browser: search results grouped and linked, identities collapsed to
 * one node per person (the detection rule), labels by the value as typed with hashes shortened, and a
 * glossary entry for every reason code detection can emit.
 */
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import type { SearchResult } from "../../../client/api.js";
import { moveActive, searchEntries } from "../../../client/explore/search-entries.js";
import { TERMS, termFor } from "../../../client/glossary/terms.js";
import { buildGraph } from "../../../client/graph/build-graph.js";
import { collapseByDefault, collapseIdentities, identityGroups } from "../../../client/graph/identities.js";
import { assignGroupedLayout } from "../../../client/graph/group-layout.js";
import { displayLabel, hoverLabel, shortenHash } from "../../../client/graph/labels.js";
import type { GraphEdge, GraphNode } from "../../../client/graph/model.js";
import { PROJECT_ROOT } from "../../../server/config.js";
import { PATTERNS } from "../../../server/common/detection.js";
import { INDICATOR_LABELS } from "../../../client/ui/format.js";

const app = (id: string, name: string, nameKey: string, at: string): GraphNode => ({
  id: `application:${id}`,
  kind: "application",
  label: name,
  attributes: { application_id: id, full_name: name, name_key: nameKey, submitted_at: at },
});
const ident = (ref: string): GraphNode => ({
  id: ref,
  kind: ref.slice(0, ref.indexOf(":")) as GraphNode["kind"],
  label: ref.slice(ref.indexOf(":") + 1),
  attributes: {},
});
const e = (a: string, i: string): GraphEdge => ({ source: `application:${a}`, target: i });

describe("search entries", () => {
  const result: SearchResult = {
    query: "x",
    applications: [
      {
        id: "A-1",
        full_name: "Ann Lee",
        submitted_at: "2026-01-02T00:00:00Z",
        claimed_country: null,
        job_id: null,
        matched: "name",
      },
    ],
    identifiers: [
      {
        kind: "phone",
        key: "+19727720000",
        props: {},
        total: 3,
        applications: [{ id: "A-1", full_name: "Ann Lee", submitted_at: "", claimed_country: null, job_id: null }],
      },
    ],
    clusters: [
      {
        id: "C-AAAAAAAA",
        run_id: "r2",
        in_latest_run: true,
        risk_score: 90,
        risk_level: "high",
        patterns: [],
        size: 4,
      },
      {
        id: "C-BBBBBBBB",
        run_id: "r1",
        in_latest_run: false,
        risk_score: null,
        risk_level: null,
        patterns: [],
        size: null,
      },
    ],
    cases: [{ id: "CASE-0001", title: "Tip", status: "open", cluster_id: null, member_count: 2 }],
  };

  it("groups by kind in a fixed order and links each to its page", () => {
    const entries = searchEntries(result);
    expect(entries.map((x) => [x.group, x.href])).toEqual([
      ["clusters", "/clusters/C-AAAAAAAA"],
      ["clusters", "/clusters/C-BBBBBBBB?run=r1"],
      ["identifiers", "/identifiers/phone/%2B19727720000"],
      ["applications", "/applications/A-1"],
      ["cases", "/cases/CASE-0001"],
    ]);
    expect(entries[1]!.detail).toMatch(/not in the latest run/);
    expect(entries[2]!.detail).toBe("Phone · used by 3 applications: Ann Lee");
  });

  it("moves the active entry with wrap-around", () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});

describe("identities in the drawing", () => {
  // same folded name, same email → one person. A-3 shares that email under another name;
  // A-4 shares only the device with A-1 (a household, an office): never merged.
  const payload = {
    nodes: [
      app("A-2", "Foster Elizabeth", "elizabeth foster", "2026-01-05"),
      app("A-1", "Elizabeth Foster", "elizabeth foster", "2026-01-01"),
      app("A-3", "Marcus Hale", "hale marcus", "2026-01-02"),
      app("A-4", "Elizabeth Foster", "elizabeth foster", "2026-01-03"),
      ident("email:ef@x.com"),
      ident("device:d-1"),
    ],
    edges: [
      e("A-1", "email:ef@x.com"),
      e("A-2", "email:ef@x.com"),
      e("A-3", "email:ef@x.com"),
      e("A-1", "device:d-1"),
      e("A-4", "device:d-1"),
    ],
  };

  it("groups applications sharing a personal identifier and the folded name, earliest first", () => {
    const g = identityGroups(payload);
    expect([...g.members.entries()]).toEqual([["application:A-1", ["application:A-1", "application:A-2"]]]);
    expect(g.of.has("application:A-3")).toBe(false);
    expect(g.of.has("application:A-4")).toBe(false);
  });

  it("draws each group as one node with a count and merges its links", () => {
    const collapsed = collapseIdentities(payload, identityGroups(payload));
    const graph = buildGraph(collapsed);
    expect(graph.hasNode("application:A-2")).toBe(false);
    expect(graph.getNodeAttribute("application:A-1", "label")).toBe("Elizabeth Foster ×2");
    expect(graph.getNodeAttribute("application:A-1", "data").identity_members).toEqual(["A-1", "A-2"]);
    expect(graph.neighbors("email:ef@x.com").sort()).toEqual(["application:A-1", "application:A-3"]);
    expect(graph.size).toBe(4);
  });

  it("is on by default only for big clusters that have a repeat applicant", () => {
    const g = identityGroups(payload);
    expect(collapseByDefault(4, g)).toBe(false);
    expect(collapseByDefault(150, g)).toBe(true);
    expect(collapseByDefault(150, identityGroups({ nodes: payload.nodes, edges: [] }))).toBe(false);
  });
});

describe("labels", () => {
  it("labels identifiers by the value as typed and shortens hashes", () => {
    expect(displayLabel("phone", "+19727720000", { display: "+1 (972) 772-0000" })).toBe("+1 (972) 772-0000");
    expect(displayLabel("email", "a@x.com", {})).toBe("a@x.com");
    expect(displayLabel("device", "ab12cd34ef56ab12cd34ef56ab12", {})).toBe("ab12cd…ab12");
    expect(displayLabel("payment", "tok_9f8e7d6c5b4a392817060504", {})).toBe("tok_9f…0504");
    expect(displayLabel("device", "laptop-7", {})).toBe("laptop-7");
    expect(shortenHash("averyveryverylongwordwithoutdigits")).toBe("averyveryverylongwordwithoutdigits");
  });

  it("shows the normal form on hover when it differs", () => {
    expect(hoverLabel("phone", "+1 (972) 772-0000", "+19727720000")).toBe("+1 (972) 772-0000  ⇢  +19727720000");
    expect(hoverLabel("email", "a@x.com", "a@x.com")).toBe("a@x.com");
    expect(hoverLabel("application", "Ann", "A-1")).toBe("Ann");
  });
});

describe("glossary", () => {
  /** Every `code: "..."` literal in detection's sources, plus the per-kind `shared_${kind}` codes. */
  function detectionCodes(): string[] {
    const dir = path.join(PROJECT_ROOT, "server", "detect");
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts"));
    const codes = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      for (const m of text.matchAll(/code: "([a-z_]+)"/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/(?:edu|phoneReason)\([^,]+,\s*"([a-z_]+)"/g)) codes.add(m[1]!);
    }
    for (const k of ["email", "phone", "ip", "device", "profile", "address", "payment"]) codes.add(`shared_${k}`);
    return [...codes].sort();
  }

  it("has an entry for every reason code, pattern and indicator", () => {
    const codes = detectionCodes();
    expect(codes.length).toBeGreaterThan(20);
    const missing = [...codes, ...PATTERNS, ...Object.keys(INDICATOR_LABELS)].filter((c) => !termFor(c));
    expect(missing).toEqual([]);
  });

  it("has unique ids and no empty text", () => {
    expect(new Set(TERMS.map((x) => x.id)).size).toBe(TERMS.length);
    for (const x of TERMS) expect(x.text.length).toBeGreaterThan(20);
  });
});

describe("grouped initial layout", () => {
  /** Two dense groups of 20 applications each around their own identifiers, joined by one weak link. */
  function twoGroups() {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    for (const g of ["a", "b"]) {
      for (let i = 0; i < 4; i++) nodes.push(ident(`device:${g}${i}`));
      for (let i = 0; i < 20; i++) {
        nodes.push(app(`${g}-${i}`, `${g} ${i}`, `${g}${i}`, "2026-01-01"));
        for (let k = 0; k < 4; k++) if ((i + k) % 2 === 0) edges.push(e(`${g}-${i}`, `device:${g}${k}`));
      }
    }
    edges.push(e("a-0", "device:b0"));
    return buildGraph({ nodes, edges });
  }

  const centre = (g: ReturnType<typeof buildGraph>, prefix: string) => {
    const ns = g.filterNodes((n) => n.startsWith(`application:${prefix}`));
    return {
      x: ns.reduce((s, n) => s + g.getNodeAttribute(n, "x"), 0) / ns.length,
      y: ns.reduce((s, n) => s + g.getNodeAttribute(n, "y"), 0) / ns.length,
      spread: Math.max(...ns.map((n) => Math.abs(g.getNodeAttribute(n, "x")))),
    };
  };

  it("places each community as its own disc, apart from the others, the same way every time", () => {
    const g = twoGroups();
    expect(assignGroupedLayout(g)).toBeGreaterThanOrEqual(2);
    const a = centre(g, "a-");
    const b = centre(g, "b-");
    const gap = Math.hypot(a.x - b.x, a.y - b.y);
    // Members sit closer to their own group's centre than the two centres are to each other.
    for (const n of g.filterNodes((k) => k.startsWith("application:a-"))) {
      const d = Math.hypot(g.getNodeAttribute(n, "x") - a.x, g.getNodeAttribute(n, "y") - a.y);
      expect(d).toBeLessThan(gap);
    }
    const again = twoGroups();
    assignGroupedLayout(again);
    expect(again.getNodeAttribute("application:b-7", "x")).toBe(g.getNodeAttribute("application:b-7", "x"));
  });
});
