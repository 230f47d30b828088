/**
 * Graph picture
 * =============
 *
 * Renders a laid-out case graph as a standalone SVG for the report: applications as dark circles
 * labelled with their ids, shared identifiers as coloured circles by kind (labels from the redacted
 * view), pinned nodes ringed, common infrastructure dashed. All text is XML-escaped.
 */
import type { IdentifierKind } from "../normalise/types.js";
import type { CaseGraph } from "./case-graph.js";

export const KIND_COLOURS: Record<"application" | IdentifierKind, string> = {
  application: "#1f2937",
  email: "#2563eb",
  phone: "#16a34a",
  ip: "#9333ea",
  device: "#dc2626",
  profile: "#0891b2",
  address: "#ea580c",
  payment: "#ca8a04",
};

/** Characters XML 1.0 forbids (C0 controls other than tab and line ends, lone surrogates, U+FFFE/F). */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are dropped
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or attribute: forbidden characters dropped, markup characters escaped. */
export function escapeXml(s: string): string {
  return s
    .replace(XML_FORBIDDEN, "")
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const WIDTH = 1000;
const HEIGHT = 680;
const MARGIN = 60;
const LABEL_LIMIT = 80;

function short(s: string, n = 28): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function renderGraphSvg(graph: CaseGraph): string {
  const xs: number[] = [];
  const ys: number[] = [];
  graph.forEachNode((_n, a) => {
    xs.push(a.x ?? 0);
    ys.push(a.y ?? 0);
  });
  const [minX, maxX, minY, maxY] = [Math.min(...xs, 0), Math.max(...xs, 1), Math.min(...ys, 0), Math.max(...ys, 1)];
  const scale = Math.min((WIDTH - 2 * MARGIN) / (maxX - minX || 1), (HEIGHT - 2 * MARGIN - 30) / (maxY - minY || 1));
  const px = (x: number) => MARGIN + (x - minX) * scale;
  const py = (y: number) => MARGIN + (y - minY) * scale;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="Graph of the case">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  );
  graph.forEachEdge((_e, _a, s, t, sa, ta) => {
    out.push(
      `<line x1="${px(sa.x ?? 0).toFixed(1)}" y1="${py(sa.y ?? 0).toFixed(1)}" x2="${px(ta.x ?? 0).toFixed(1)}" y2="${py(ta.y ?? 0).toFixed(1)}" stroke="#9ca3af" stroke-width="1"/>`,
    );
    void s;
    void t;
  });
  const labelled = graph.order <= LABEL_LIMIT;
  graph.forEachNode((_n, a) => {
    const x = px(a.x ?? 0);
    const y = py(a.y ?? 0);
    const r = a.kind === "application" ? 7 : 5 + Math.min(5, a.members);
    const stroke = a.pinned
      ? ` stroke="#f59e0b" stroke-width="3"`
      : a.common_infrastructure
        ? ` stroke="#6b7280" stroke-dasharray="2 2"`
        : "";
    out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${KIND_COLOURS[a.kind]}"${stroke}/>`);
    if (labelled || a.kind === "application") {
      const text = a.label;
      out.push(
        `<text x="${(x + r + 3).toFixed(1)}" y="${(y + 4).toFixed(1)}" font-family="sans-serif" font-size="${a.kind === "application" ? 11 : 9}" fill="#111827">${escapeXml(short(text))}</text>`,
      );
    }
  });
  let lx = MARGIN;
  for (const [kind, colour] of Object.entries(KIND_COLOURS)) {
    out.push(
      `<circle cx="${lx}" cy="${HEIGHT - 18}" r="5" fill="${colour}"/>`,
      `<text x="${lx + 9}" y="${HEIGHT - 14}" font-family="sans-serif" font-size="11" fill="#374151">${kind}</text>`,
    );
    lx += 110;
  }
  out.push("</svg>");
  return out.join("\n");
}
