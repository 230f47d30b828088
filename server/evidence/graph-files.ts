/**
 * Graph files
 * ===========
 *
 * graph.gexf (graphology-gexf's writer, with the layout's positions and kind colours, for Gephi) and
 * graph.graphml (written here: graphology-graphml only parses) with typed attribute keys, for yEd,
 * Cytoscape, i2 and Maltego imports. Node ids: `application:<id>` for applications, the redaction-proof
 * `I-…` ids of identifiers.csv for identifiers; labels and values go through the Redactor.
 */
import Graph from "graphology";
import { write as writeGexf } from "graphology-gexf";

import type { CaseGraph } from "./case-graph.js";
import { escapeXml, KIND_COLOURS } from "./graph-svg.js";
import type { Redactor } from "./redaction.js";

interface ExportAttributes {
  label: string;
  kind: string;
  value: string;
  submitted_at: string;
  claimed_country: string;
  applications_in_case: number;
  applications_in_database: number;
  common_infrastructure: boolean;
  pinned: boolean;
  x: number;
  y: number;
}

const ATTRIBUTE_TYPES: Record<Exclude<keyof ExportAttributes, "x" | "y">, "string" | "int" | "boolean"> = {
  label: "string",
  kind: "string",
  value: "string",
  submitted_at: "string",
  claimed_country: "string",
  applications_in_case: "int",
  applications_in_database: "int",
  common_infrastructure: "boolean",
  pinned: "boolean",
};

/** The case graph with export ids and redacted attributes only. */
export function exportGraph(graph: CaseGraph, r: Redactor): Graph<ExportAttributes> {
  const out = new Graph<ExportAttributes>({ type: "undirected", multi: false });
  const idOf = (n: string) => (graph.getNodeAttribute(n, "kind") === "application" ? n : r.nodeId(n));
  graph.forEachNode((n, a) => {
    const isApp = a.kind === "application";
    const value = isApp ? a.key : r.identifier(a.kind as never, a.key, a.props);
    const name = isApp && typeof a.props.full_name === "string" ? r.name(a.props.full_name) : "";
    out.addNode(idOf(n), {
      label: isApp ? (name ? `${a.key} (${name})` : a.key) : value,
      kind: a.kind,
      value,
      submitted_at: isApp && typeof a.props.submitted_at === "string" ? a.props.submitted_at : "",
      claimed_country: isApp && typeof a.props.claimed_country === "string" ? a.props.claimed_country : "",
      applications_in_case: a.members,
      applications_in_database: a.used_by,
      common_infrastructure: a.common_infrastructure,
      pinned: a.pinned,
      x: a.x ?? 0,
      y: a.y ?? 0,
    });
  });
  graph.forEachEdge((_e, _a, s, t) => out.mergeEdge(idOf(s), idOf(t)));
  return out;
}

export function gexfFile(g: Graph<ExportAttributes>): Buffer {
  const xml = writeGexf(g, {
    version: "1.3",
    formatNode: (_key: string, a: ExportAttributes) => {
      const { label, x, y, ...attributes } = a;
      return {
        label,
        attributes,
        viz: { x, y, size: a.kind === "application" ? 7 : 5, color: KIND_COLOURS[a.kind as keyof typeof KIND_COLOURS] },
      };
    },
    formatEdge: () => ({ label: "uses", attributes: {} }),
  } as never);
  return Buffer.from(xml, "utf8");
}

export function graphmlFile(g: Graph<ExportAttributes>): Buffer {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [name, type] of Object.entries(ATTRIBUTE_TYPES))
    lines.push(`  <key id="${name}" for="node" attr.name="${name}" attr.type="${type}"/>`);
  lines.push(
    '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
    '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
  );
  lines.push('  <key id="relationship" for="edge" attr.name="relationship" attr.type="string"/>');
  lines.push('  <graph id="case" edgedefault="undirected">');
  g.forEachNode((n, a) => {
    lines.push(`    <node id="${escapeXml(n)}">`);
    for (const key of [...Object.keys(ATTRIBUTE_TYPES), "x", "y"] as (keyof ExportAttributes)[])
      lines.push(`      <data key="${key}">${escapeXml(String(a[key]))}</data>`);
    lines.push("    </node>");
  });
  let i = 0;
  g.forEachEdge((_e, _a, s, t) => {
    lines.push(
      `    <edge id="e${i++}" source="${escapeXml(s)}" target="${escapeXml(t)}"><data key="relationship">uses</data></edge>`,
    );
  });
  lines.push("  </graph>", "</graphml>", "");
  return Buffer.from(lines.join("\n"), "utf8");
}
