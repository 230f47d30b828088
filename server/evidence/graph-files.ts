/**
 * Graph files
 * ===========
 *
 * graph.graphml (yEd, Cytoscape, i2, Maltego, networkx) and graph.gexf (Gephi, networkx), written from
 * the redacted view with typed attributes. The same nodes and edges as the CSVs: one node per row of
 * applications.csv and identifiers.csv, one edge per row of links.csv. Node ids are the CSVs' (
 * `application:<id>`, opaque `I-…` for identifiers); edge ids are derived from the two node ids, so a
 * re-export keeps them. GEXF is version 1.2 (the newest networkx reads) with colours in the viz
 * namespace as r/g/b. Every text goes through escapeXml, which drops what XML forbids (NUL and other
 * control characters) and escapes markup. Both files carry the TLP marking, case id and export id.
 */
import crypto from "node:crypto";

import type { CaseGraph } from "./case-graph.js";
import { escapeXml, KIND_COLOURS } from "./graph-svg.js";
import type { EvidenceView } from "./view.js";

export interface FileStamp {
  tlp: string;
  caseId: string;
  exportId: string;
}

interface NodeRow {
  id: string;
  label: string;
  kind: string;
  value: string;
  value_as_typed: string;
  submitted_at: string;
  claimed_country: string;
  applications_in_case: number;
  applications_in_database: number;
  common_infrastructure: boolean;
  pinned: boolean;
  x: number;
  y: number;
}

type AttrType = "string" | "int" | "boolean" | "double";
const ATTRIBUTES: [Exclude<keyof NodeRow, "id">, AttrType][] = [
  ["label", "string"],
  ["kind", "string"],
  ["value", "string"],
  ["value_as_typed", "string"],
  ["submitted_at", "string"],
  ["claimed_country", "string"],
  ["applications_in_case", "int"],
  ["applications_in_database", "int"],
  ["common_infrastructure", "boolean"],
  ["pinned", "boolean"],
  ["x", "double"],
  ["y", "double"],
];

/** A stable edge id from its two node ids (order-free: the graph is undirected). */
export function edgeId(a: string, b: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `E-${crypto.createHash("sha256").update(`${x}\u0000${y}`).digest("hex").slice(0, 16)}`;
}

/** Nodes (members first, then identifiers, as in the CSVs) with the layout's positions, and edges. */
export function graphRows(
  view: EvidenceView,
  layout: CaseGraph,
): { nodes: NodeRow[]; edges: { id: string; source: string; target: string }[] } {
  const pos = (n: string) => ({
    x: layout.hasNode(n) ? (layout.getNodeAttribute(n, "x") ?? 0) : 0,
    y: layout.hasNode(n) ? (layout.getNodeAttribute(n, "y") ?? 0) : 0,
  });
  const nodes: NodeRow[] = [
    ...view.members.map((m) => ({
      id: m.nodeId,
      label: m.name ? `${m.id} (${m.name})` : m.id,
      kind: "application",
      value: m.id,
      value_as_typed: m.id,
      submitted_at: m.submitted_at,
      claimed_country: m.claimed_country,
      applications_in_case: 1,
      applications_in_database: 1,
      common_infrastructure: false,
      pinned: m.pinned,
      ...pos(m.nodeId),
    })),
    ...view.identifiers.map((i) => ({
      id: i.nodeId,
      label: i.value,
      kind: i.kind,
      value: i.value,
      value_as_typed: i.typed.join(" | "),
      submitted_at: "",
      claimed_country: "",
      applications_in_case: i.members,
      applications_in_database: i.used_by,
      common_infrastructure: i.common_infrastructure,
      pinned: i.pinned,
      ...pos(i.nodeId),
    })),
  ];
  const edges = view.links.map((l) => ({
    id: edgeId(l.application, l.identifier),
    source: l.application,
    target: l.identifier,
  }));
  return { nodes, edges };
}

const stampText = (s: FileStamp) => `TLP:${s.tlp.toUpperCase()} · case ${s.caseId} · export ${s.exportId}`;

export function graphmlFile(view: EvidenceView, layout: CaseGraph, stamp: FileStamp): Buffer {
  const { nodes, edges } = graphRows(view, layout);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${escapeXml(stampText(stamp)).replace(/--/g, "- -")} -->`,
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="tlp" for="graph" attr.name="tlp" attr.type="string"/>',
    '  <key id="case_id" for="graph" attr.name="case_id" attr.type="string"/>',
    '  <key id="export_id" for="graph" attr.name="export_id" attr.type="string"/>',
  ];
  for (const [name, type] of ATTRIBUTES)
    lines.push(`  <key id="${name}" for="node" attr.name="${name}" attr.type="${type}"/>`);
  lines.push('  <key id="relationship" for="edge" attr.name="relationship" attr.type="string"/>');
  lines.push('  <graph id="case" edgedefault="undirected">');
  lines.push(
    `    <data key="tlp">TLP:${escapeXml(stamp.tlp.toUpperCase())}</data>`,
    `    <data key="case_id">${escapeXml(stamp.caseId)}</data>`,
    `    <data key="export_id">${escapeXml(stamp.exportId)}</data>`,
  );
  for (const n of nodes) {
    lines.push(`    <node id="${escapeXml(n.id)}">`);
    for (const [key] of ATTRIBUTES) lines.push(`      <data key="${key}">${escapeXml(String(n[key]))}</data>`);
    lines.push("    </node>");
  }
  for (const e of edges)
    lines.push(
      `    <edge id="${e.id}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"><data key="relationship">uses</data></edge>`,
    );
  lines.push("  </graph>", "</graphml>", "");
  return Buffer.from(lines.join("\n"), "utf8");
}

const GEXF_TYPES: Record<AttrType, string> = { string: "string", int: "integer", boolean: "boolean", double: "double" };

function rgb(hex: string): { r: number; g: number; b: number } {
  const n = parseInt(hex.replace("#", ""), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function gexfFile(view: EvidenceView, layout: CaseGraph, stamp: FileStamp, exportedAt: string): Buffer {
  const { nodes, edges } = graphRows(view, layout);
  const attrs = ATTRIBUTES.filter(([k]) => k !== "label" && k !== "x" && k !== "y");
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">',
    `  <meta lastmodifieddate="${exportedAt.slice(0, 10)}">`,
    "    <creator>Ringscope</creator>",
    `    <description>${escapeXml(stampText(stamp))}</description>`,
    "  </meta>",
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node" mode="static">',
    ...attrs.map(([k, t], i) => `      <attribute id="${i}" title="${k}" type="${GEXF_TYPES[t]}"/>`),
    "    </attributes>",
    '    <attributes class="edge" mode="static">',
    '      <attribute id="relationship" title="relationship" type="string"/>',
    "    </attributes>",
    "    <nodes>",
  ];
  for (const n of nodes) {
    const c = rgb(KIND_COLOURS[n.kind as keyof typeof KIND_COLOURS] ?? "#6b7280");
    lines.push(
      `      <node id="${escapeXml(n.id)}" label="${escapeXml(n.label)}">`,
      "        <attvalues>",
      ...attrs.map(([k], i) => `          <attvalue for="${i}" value="${escapeXml(String(n[k]))}"/>`),
      "        </attvalues>",
      `        <viz:color r="${c.r}" g="${c.g}" b="${c.b}"/>`,
      `        <viz:position x="${n.x.toFixed(3)}" y="${n.y.toFixed(3)}" z="0.0"/>`,
      `        <viz:size value="${n.kind === "application" ? 7 : 5}"/>`,
      "      </node>",
    );
  }
  lines.push("    </nodes>", "    <edges>");
  for (const e of edges)
    lines.push(
      `      <edge id="${e.id}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}" label="uses">`,
      '        <attvalues><attvalue for="relationship" value="uses"/></attvalues>',
      "      </edge>",
    );
  lines.push("    </edges>", "  </graph>", "</gexf>", "");
  return Buffer.from(lines.join("\n"), "utf8");
}
