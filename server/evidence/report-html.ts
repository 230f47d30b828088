/**
 * Report HTML
 * ===========
 *
 * The evidence report as one self-contained HTML page (inline CSS, the graph as inline SVG, no script,
 * no external resource) for Chromium to print, written from the redacted view only. Every piece of text
 * is HTML-escaped; only the sanitised notes HTML (rendered from the scrubbed notes) is inserted as
 * markup. Fonts: Noto for Latin, Cyrillic, Greek, CJK and Arabic names (Debian's fonts-noto-core and
 * fonts-noto-cjk), with ligatures off everywhere so "ff" in an identifier prints, and extracts, as two
 * letters.
 */
import type { CaseGraph } from "./case-graph.js";
import { renderGraphSvg } from "./graph-svg.js";
import type { KeyLink } from "./key-links.js";
import { FIELD_LABELS, REDACTABLE_FIELDS } from "./redaction.js";
import { KIND_NOUNS } from "./reasons.js";
import { LIMITS_PARAGRAPHS, METHOD_PARAGRAPHS } from "./report-text.js";
import { TLP_MEANING, type TlpLevel } from "./tlp.js";
import type { EvidenceView } from "./view.js";

export interface ReportMeta {
  exportId: string;
  exportedAt: string;
  exporter: { username: string; display_name: string; role: string };
  organisation: string;
  publicKeyFingerprint: string;
  generator: { name: string; version: string };
  detectionParameters: Record<string, unknown> | null;
}

export function escapeHtml(s: unknown): string {
  return String(s ?? "").replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const TLP_COLOURS: Record<string, string> = {
  clear: "#ffffff",
  green: "#33ff00",
  amber: "#ffc000",
  "amber+strict": "#ffc000",
  red: "#ff2b2b",
};

const FONTS = `"Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai", "DejaVu Sans", sans-serif`;
const MONO = `"Noto Sans Mono", "DejaVu Sans Mono", "Noto Sans CJK SC", monospace`;

const CSS = `
  @page { size: A4; margin: 18mm 14mm 20mm 14mm; }
  * { font-variant-ligatures: none; font-feature-settings: "liga" 0, "clig" 0, "dlig" 0, "hlig" 0; }
  body { font-family: ${FONTS}; font-size: 9.5pt; color: #111827; line-height: 1.4; }
  h1 { font-size: 18pt; margin: 0 0 4pt; }
  h2 { font-size: 12.5pt; margin: 16pt 0 6pt; border-bottom: 1px solid #d1d5db; padding-bottom: 2pt; page-break-after: avoid; }
  h3 { font-size: 10.5pt; margin: 10pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
  th, td { border: 1px solid #d1d5db; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; }
  th { background: #f3f4f6; font-weight: 600; }
  tr { page-break-inside: avoid; }
  .tlp { display: inline-block; background: #000; font-weight: 700; padding: 2pt 8pt; font-size: 11pt; }
  .meta td:first-child { width: 32%; font-weight: 600; background: #f9fafb; }
  .small { font-size: 8pt; color: #4b5563; }
  .figure { border: 1px solid #e5e7eb; padding: 4pt; page-break-inside: avoid; }
  .notes { border-left: 3px solid #9ca3af; padding-left: 8pt; }
  code, .id { font-family: ${MONO}; font-size: 8.5pt; }
  table.fixed { table-layout: fixed; }
  table.fixed td { overflow-wrap: anywhere; }
`;

/**
 * A table; with `widths` (one per column) the layout is fixed and long values (hex device ids, hashed
 * accounts) wrap anywhere instead of pushing the table off the page.
 */
function table(header: string[], rows: unknown[][], widths?: string[]): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  const cols = widths ? `<colgroup>${widths.map((w) => `<col style="width:${w}">`).join("")}</colgroup>` : "";
  return `<table${widths ? ' class="fixed"' : ""}>${cols}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function kindCounts(v: EvidenceView): string {
  const shared = v.identifiers.filter((i) => i.members >= 2 && !i.common_infrastructure);
  const counts = new Map<keyof typeof KIND_NOUNS, number>();
  for (const i of shared) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${n} ${KIND_NOUNS[k][n > 1 ? 1 : 0]}`).join(", ") || "none";
}

function timeline(v: EvidenceView, meta: ReportMeta): { at: string; what: string }[] {
  const out: { at: string; what: string }[] = [];
  for (const m of v.members)
    if (m.submitted_at)
      out.push({
        at: m.submitted_at,
        what: `Application ${m.id} submitted${m.job_id ? ` for job ${m.job_id}` : ""}${m.source ? ` via ${m.source}` : ""}`,
      });
  if (v.case.cluster_generated_at)
    out.push({
      at: v.case.cluster_generated_at,
      what: `Detection run ${v.case.run_id} found cluster ${v.case.cluster_id}`,
    });
  for (const e of v.history) out.push({ at: e.at, what: `${e.what} by ${e.who}` });
  out.push({ at: meta.exportedAt, what: `Evidence package exported by ${meta.exporter.username}` });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

const when = (iso: string) => iso.slice(0, 19).replace("T", " ");

/**
 * Shortest links as rows, each distinct chain once: pairs whose chains read the same after redaction
 * (or are the same chain) are listed together in one row.
 */
export function linkRows(links: KeyLink[], layout: CaseGraph): string[][] {
  const label = (n: string) => {
    const a = layout.hasNode(n) ? layout.getNodeAttributes(n) : null;
    if (!a) return n;
    return a.kind === "application" ? a.label : `${a.kind} ${a.label}`;
  };
  const rows = new Map<string, { pairs: string[]; chain: string }>();
  for (const l of links) {
    const steps: string[] = [];
    for (let i = 0; i + 2 < l.path.length; i += 2)
      steps.push(`${label(l.path[i]!)} and ${label(l.path[i + 2]!)} share ${label(l.path[i + 1]!)}`);
    const chain = steps.join("; ");
    const pair = `${label(l.a)} – ${label(l.b)}`;
    const row = rows.get(chain);
    if (row) row.pairs.push(pair);
    else rows.set(chain, { pairs: [pair], chain });
  }
  return [...rows.values()].map((r) => [r.pairs.join(", "), r.chain]);
}

function parameterText(p: Record<string, unknown> | null): string {
  if (!p) return "not recorded (the run was deleted or the case was opened by hand)";
  return Object.entries(p)
    .map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("; ");
}

export function renderReportHtml(
  v: EvidenceView,
  meta: ReportMeta,
  picture: CaseGraph,
  layout: CaseGraph,
  keyLinks: KeyLink[],
  notesHtml: string,
): string {
  const c = v.case;
  const tlpLevel = v.choices.tlp as TlpLevel;
  const members = v.members;
  const ident = new Map(v.identifiers.map((i) => [i.nodeId, i]));
  const shared = v.identifiers.filter((i) => i.members >= 2);
  const single = v.identifiers.length - shared.length;
  const tlp = tlpLevel.toUpperCase();
  const s: string[] = [];
  s.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evidence report ${escapeHtml(c.id)}</title><style>${CSS}</style></head><body>`,
  );
  s.push(
    `<p><span class="tlp" style="color:${TLP_COLOURS[tlpLevel]}">TLP:${escapeHtml(tlp)}</span> <span class="small">${escapeHtml(TLP_MEANING[tlpLevel])}</span></p>`,
    `<h1>Evidence report: case ${escapeHtml(c.id)}</h1>`,
    `<p><strong>${escapeHtml(c.title)}</strong></p>`,
    `<table class="meta"><tbody>`,
    ...[
      ["Case", `${c.id} (status: ${c.status})`],
      ["Export", meta.exportId],
      ["Exported at (UTC)", meta.exportedAt],
      ["Exported by", `${meta.exporter.display_name} (${meta.exporter.username}, ${meta.exporter.role})`],
      ["Organisation", meta.organisation],
      ["Recipient", v.recipient ?? "not stated"],
      ["Purpose / legal basis", v.purpose ?? "not stated"],
      [
        "Opened",
        `${when(c.created_at)} by ${c.created_by}${c.source === "cluster" ? ` from cluster ${c.cluster_id}` : " from applications selected by hand"}`,
      ],
      ["Detection run", c.run_id ? `${c.run_id} (generated ${c.cluster_generated_at ?? "?"})` : "none (selection)"],
      ["Detection settings", parameterText(meta.detectionParameters)],
      [
        "Applications",
        String(members.length) + (v.missingMembers ? ` (+${v.missingMembers} no longer in the database)` : ""),
      ],
      ["Signing key fingerprint", meta.publicKeyFingerprint],
    ].map(([k, val]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(val)}</td></tr>`),
    `</tbody></table>`,
  );

  s.push(`<h2>1. Summary</h2>`);
  const score =
    c.risk_score !== null ? ` Detection scored the cluster ${c.risk_score} out of 100 (${c.risk_level} risk).` : "";
  const patterns = c.patterns.length
    ? ` Patterns found: ${c.patterns.map((p) => p.replace(/_/g, " ")).join(", ")}.`
    : "";
  s.push(
    `<p>This case holds ${members.length} job applications linked through identifiers they share: ${escapeHtml(kindCounts(v))} used by two or more of them.${escapeHtml(score)}${escapeHtml(patterns)}</p>`,
  );
  if (v.reasons.length)
    s.push(`<p>The strongest reason: ${escapeHtml(v.reasons[0]!.title)}. ${escapeHtml(v.reasons[0]!.explanation)}</p>`);

  s.push(`<h2>2. How the cluster was found</h2>`, ...METHOD_PARAGRAPHS.map((p) => `<p>${escapeHtml(p)}</p>`));
  s.push(`<h3>Limits</h3>`, ...LIMITS_PARAGRAPHS.map((p) => `<p>${escapeHtml(p)}</p>`));

  s.push(`<h2>3. Risk reasons</h2>`);
  if (!v.reasons.length) s.push(`<p>No reasons were recorded.</p>`);
  else
    s.push(
      table(
        ["Reason", "Explanation", "Identifiers involved"],
        v.reasons.map((x) => [
          x.title,
          x.explanation,
          x.involved.slice(0, 12).join("; ") + (x.involved.length > 12 ? ` and ${x.involved.length - 12} more` : ""),
        ]),
        ["22%", "46%", "32%"],
      ),
    );

  s.push(
    `<h2>4. Graph</h2>`,
    `<div class="figure">${renderGraphSvg(picture)}</div>`,
    `<p class="small">Applications (dark) and the identifiers shared by at least two of them, coloured by kind; ringed nodes are pinned by the investigators, dashed ones are common infrastructure. ${single} identifiers used by only one application are left out of the picture and listed in identifiers.csv; graph.graphml and graph.gexf hold the whole graph.</p>`,
  );

  s.push(`<h2>5. Applications</h2>`);
  s.push(
    table(
      ["Application", "Submitted", "Name", "Country", "Location", "Job", "Source", "Indicators", "Shared ids"],
      members.map((m) => [
        m.id + (m.pinned ? " (pinned)" : ""),
        when(m.submitted_at),
        m.name,
        m.claimed_country,
        m.location,
        m.job_id,
        m.source,
        m.indicators.map((x) => x.replace(/_/g, " ")).join(", "),
        m.identifiers.filter((n) => (ident.get(n)?.members ?? 0) >= 2).length,
      ]),
    ),
  );

  s.push(`<h2>6. Identifiers shared inside the case</h2>`);
  s.push(
    table(
      ["Kind", "Value", "Typed as", "Applications in case", "In whole database", "Note"],
      shared.map((i) => [
        KIND_NOUNS[i.kind][0],
        i.value,
        i.typedCount > 1 ? `${i.typedCount} spellings: ${i.typed.join(" | ")}` : i.typed.join(" | "),
        i.members,
        i.used_by,
        [i.common_infrastructure ? "common infrastructure" : "", i.pinned ? "pinned" : ""].filter(Boolean).join(", "),
      ]),
      ["11%", "28%", "29%", "10%", "10%", "12%"],
    ),
  );

  s.push(`<h3>Identifiers of each application</h3>`);
  const shown = (m: (typeof members)[number], kinds: string[]) =>
    m.identifiers
      .map((n) => ident.get(n))
      .filter((i): i is NonNullable<typeof i> => Boolean(i) && kinds.includes(i!.kind))
      .map((i) => `${kinds.length > 1 ? `${i.kind} ` : ""}${i.value}${i.members >= 2 ? " *" : ""}`)
      .join("; ");
  s.push(
    table(
      ["Application", "Emails", "Phones", "IP addresses", "Other identifiers"],
      members.map((m) => [
        m.id,
        shown(m, ["email"]),
        shown(m, ["phone"]),
        shown(m, ["ip"]),
        shown(m, ["device", "profile", "address", "payment"]),
      ]),
      ["10%", "25%", "16%", "16%", "33%"],
    ),
    `<p class="small">* shared with at least one other application in the case.</p>`,
  );

  s.push(
    `<h2>7. Timeline</h2>`,
    table(
      ["When (UTC)", "What"],
      timeline(v, meta).map((t) => [when(t.at), t.what]),
    ),
  );

  s.push(`<h2>8. Shortest links between key applications</h2>`);
  const rows = linkRows(keyLinks, layout);
  if (!rows.length)
    s.push(`<p>No two key applications are linked inside the case without going through common infrastructure.</p>`);
  else s.push(table(["Applications", "Chain of shared identifiers"], rows, ["22%", "78%"]));

  s.push(`<h2>9. Case notes</h2>`);
  s.push(
    v.notesMd !== null
      ? notesHtml.trim()
        ? `<div class="notes">${notesHtml}</div>`
        : `<p>No notes.</p>`
      : `<p>Notes were left out of this export.</p>`,
  );

  s.push(
    `<h2>10. Case history</h2>`,
    table(
      ["#", "When (UTC)", "Who", "What", "Details"],
      v.history.map((e) => [e.seq, when(e.at), e.who, e.what, e.details]),
      ["5%", "16%", "19%", "18%", "42%"],
    ),
  );

  const fc = v.freeText.counts;
  s.push(
    `<h2>11. About this package</h2>`,
    `<p>Redaction chosen at export:</p>`,
    table(
      ["Field", "Shown as"],
      REDACTABLE_FIELDS.map((f) => [FIELD_LABELS[f], v.choices.redaction[f]]),
    ),
    `<p>Free text (${escapeHtml(v.freeText.scanned.join(", "))}) was searched for every value of the case in every form known (as typed, normal form, any letter case, phone digits, names in any order) and for anything that looks like an email address, phone number or IP address: ${fc.case_values} values of the case were replaced by their redacted form, ${fc.released_case_values} left as written because their field is released in full; ${fc.unlisted_emails + fc.unlisted_phones + fc.unlisted_ips} other contact details were withheld${fc.released_unlisted ? ` and ${fc.released_unlisted} released by the exporter` : ""}.</p>`,
    `<p>The package holds this report, applications.csv, identifiers.csv, links.csv (described in columns.md), graph.graphml, graph.gexf, stix-bundle.json (with its extension's schema), manifest.json (the SHA-256 and size of every file, the case, the detection run and its settings, the SHA-256 of each application as ingested, the export time, the exporting user, the recipient and purpose), manifest.sig (an Ed25519 signature of manifest.json), public-key.pem and README.txt. To check it: recompute each file's SHA-256 and compare with the manifest, and verify the signature with the public key (for example <code>openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig</code>). The key's fingerprint above must match the one the sender publishes. Generated by ${escapeHtml(meta.generator.name)} ${escapeHtml(meta.generator.version)}.</p>`,
  );
  s.push(`</body></html>`);
  return s.join("\n");
}
