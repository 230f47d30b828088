/**
 * Report HTML
 * ===========
 *
 * The evidence report as one self-contained HTML page (inline CSS, the graph as inline SVG, no script,
 * no external resource) for Chromium to print. Every value comes through the Redactor or was redacted
 * in the dossier, and every piece of text is HTML-escaped; only the sanitised notes HTML is inserted
 * as markup.
 */
import { parseIdentifierRef } from "../normalise/types.js";
import { describeRef, type Dossier } from "./dossier.js";
import { renderGraphSvg } from "./graph-svg.js";
import { FIELD_LABELS, REDACTABLE_FIELDS } from "./redaction.js";
import { LIMITS_PARAGRAPHS, METHOD_PARAGRAPHS } from "./report-text.js";
import { TLP_MEANING } from "./tlp.js";

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

const CSS = `
  @page { size: A4; margin: 18mm 14mm 20mm 14mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111827; line-height: 1.4; }
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
  code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
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

const KIND_NOUNS: Record<string, [string, string]> = {
  email: ["email address", "email addresses"],
  phone: ["phone number", "phone numbers"],
  ip: ["IP address", "IP addresses"],
  device: ["device", "devices"],
  profile: ["profile", "profiles"],
  address: ["shipping address", "shipping addresses"],
  payment: ["payment account", "payment accounts"],
};

function kindCounts(d: Dossier): string {
  const shared = d.contents.identifiers.filter((i) => i.members >= 2 && !i.common_infrastructure);
  const counts = new Map<string, number>();
  for (const i of shared) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${n} ${KIND_NOUNS[k]![n > 1 ? 1 : 0]}`).join(", ") || "none";
}

function timeline(d: Dossier): { at: string; what: string }[] {
  const out: { at: string; what: string }[] = [];
  for (const m of d.contents.members)
    if (typeof m.submitted_at === "string")
      out.push({
        at: m.submitted_at,
        what: `Application ${m.id} submitted${m.job_id ? ` for job ${m.job_id}` : ""}${m.source ? ` via ${m.source}` : ""}`,
      });
  if (d.case.cluster_generated_at)
    out.push({
      at: d.case.cluster_generated_at,
      what: `Detection run ${d.case.run_id} found cluster ${d.case.cluster_id}`,
    });
  for (const e of d.case.history) out.push({ at: e.at, what: `Case ${e.action.replace(/_/g, " ")} by ${e.actor}` });
  out.push({ at: d.exportedAt, what: `Evidence package exported by ${d.exporter.username}` });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function renderReportHtml(d: Dossier, notesHtml: string): string {
  const c = d.case;
  const r = d.redactor;
  const members = d.contents.members;
  const shared = d.contents.identifiers.filter((i) => i.members >= 2);
  const single = d.contents.identifiers.length - shared.length;
  const sharedRefs = new Set(shared.map((i) => i.ref));
  const tlp = d.tlp.toUpperCase();
  const s: string[] = [];
  s.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evidence report ${escapeHtml(c.id)}</title><style>${CSS}</style></head><body>`,
  );
  s.push(
    `<p><span class="tlp" style="color:${TLP_COLOURS[d.tlp]}">TLP:${escapeHtml(tlp)}</span> <span class="small">${escapeHtml(TLP_MEANING[d.tlp])}</span></p>`,
    `<h1>Evidence report: case ${escapeHtml(c.id)}</h1>`,
    `<p><strong>${escapeHtml(c.title)}</strong></p>`,
    `<table class="meta"><tbody>`,
    ...[
      ["Case", `${c.id} (status: ${c.status})`],
      ["Export", d.exportId],
      ["Exported at (UTC)", d.exportedAt],
      ["Exported by", `${d.exporter.display_name} (${d.exporter.username}, ${d.exporter.role})`],
      ["Organisation", d.organisation],
      ["Purpose / legal basis", d.purpose ?? "not stated"],
      [
        "Opened",
        `${c.created_at} by ${c.created_by}${c.source === "cluster" ? ` from cluster ${c.cluster_id}` : " from applications selected by hand"}`,
      ],
      ["Detection run", c.run_id ? `${c.run_id} (generated ${c.cluster_generated_at ?? "?"})` : "none (selection)"],
      [
        "Applications",
        String(members.length) +
          (d.contents.missing_members.length
            ? ` (+${d.contents.missing_members.length} no longer in the database)`
            : ""),
      ],
      ["Signing key fingerprint", d.publicKeyFingerprint],
    ].map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`),
    `</tbody></table>`,
  );

  s.push(`<h2>1. Summary</h2>`);
  const score =
    c.risk_score !== null ? ` Detection scored the cluster ${c.risk_score} out of 100 (${c.risk_level} risk).` : "";
  const patterns = c.patterns.length
    ? ` Patterns found: ${c.patterns.map((p) => p.replace(/_/g, " ")).join(", ")}.`
    : "";
  s.push(
    `<p>This case holds ${members.length} job applications linked through identifiers they share: ${escapeHtml(kindCounts(d))} used by two or more of them.${escapeHtml(score)}${escapeHtml(patterns)}</p>`,
  );
  if (c.reasons.length) s.push(`<p>The strongest reason: ${escapeHtml(c.reasons[0]!.text)}</p>`);

  s.push(`<h2>2. How the cluster was found</h2>`, ...METHOD_PARAGRAPHS.map((p) => `<p>${escapeHtml(p)}</p>`));
  s.push(`<h3>Limits</h3>`, ...LIMITS_PARAGRAPHS.map((p) => `<p>${escapeHtml(p)}</p>`));

  s.push(`<h2>3. Risk reasons</h2>`);
  if (!c.reasons.length) s.push(`<p>No reasons were recorded.</p>`);
  else
    s.push(
      table(
        ["Reason", "Explanation", "Identifiers involved"],
        c.reasons.map((x) => [
          x.code,
          x.text,
          x.identifiers
            .slice(0, 12)
            .map((ref) => describeRef(ref, d.contents, r))
            .join("; ") + (x.identifiers.length > 12 ? ` and ${x.identifiers.length - 12} more` : ""),
        ]),
        ["20%", "48%", "32%"],
      ),
    );

  s.push(
    `<h2>4. Graph</h2>`,
    `<div class="figure">${renderGraphSvg(d.picture, r)}</div>`,
    `<p class="small">Applications (dark) and the identifiers shared by at least two of them, coloured by kind; ringed nodes are pinned by the investigators, dashed ones are common infrastructure. ${single} identifiers used by only one application are left out of the picture and listed in identifiers.csv; graph.graphml and graph.gexf hold the whole graph.</p>`,
  );

  s.push(`<h2>5. Applications</h2>`);
  s.push(
    table(
      ["Application", "Submitted", "Name", "Country", "Location", "Job", "Source", "Indicators", "Shared ids"],
      members.map((m) => {
        const str = (k: string) => (typeof m[k] === "string" ? (m[k] as string) : "");
        return [
          m.id + (c.pinned_applications.includes(m.id) ? " (pinned)" : ""),
          str("submitted_at").slice(0, 19).replace("T", " "),
          r.name(str("full_name")),
          str("claimed_country"),
          r.location(str("claimed_location")),
          str("job_id"),
          str("source"),
          Array.isArray(m.indicators) ? (m.indicators as string[]).join(", ") : "",
          m.identifiers.filter((ref) => sharedRefs.has(ref)).length,
        ];
      }),
    ),
  );

  s.push(`<h2>6. Identifiers shared inside the case</h2>`);
  s.push(
    table(
      ["Kind", "Value", "Applications in case", "In whole database", "Note"],
      shared.map((i) => [
        i.kind,
        r.identifier(i.kind, i.key, i.props),
        i.members,
        i.used_by,
        [i.common_infrastructure ? "common infrastructure" : "", i.pinned ? "pinned" : ""].filter(Boolean).join(", "),
      ]),
      ["12%", "46%", "13%", "13%", "16%"],
    ),
  );

  s.push(`<h3>Identifiers of each application</h3>`);
  const byRef = new Map(d.contents.identifiers.map((i) => [i.ref, i]));
  const shown = (m: (typeof members)[number], kinds: string[]) =>
    m.identifiers
      .map((ref) => byRef.get(ref))
      .filter((i): i is NonNullable<typeof i> => Boolean(i) && kinds.includes(i!.kind))
      .map(
        (i) =>
          `${kinds.length > 1 ? `${i.kind} ` : ""}${r.identifier(i.kind, i.key, i.props)}${i.members >= 2 ? " *" : ""}`,
      )
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
      timeline(d).map((t) => [t.at.slice(0, 19).replace("T", " "), t.what]),
    ),
  );

  s.push(`<h2>8. Shortest links between key applications</h2>`);
  if (!d.keyLinks.length)
    s.push(`<p>No two key applications are linked inside the case without going through common infrastructure.</p>`);
  else
    s.push(
      table(
        ["From", "To", "Chain of shared identifiers"],
        d.keyLinks.map((l) => {
          const steps: string[] = [];
          for (let i = 0; i + 2 < l.path.length; i += 2) {
            const via = parseIdentifierRef(l.path[i + 1]!);
            steps.push(
              `${describeRef(l.path[i]!, d.contents, r)} and ${describeRef(l.path[i + 2]!, d.contents, r)} share ${via ? describeRef(l.path[i + 1]!, d.contents, r) : l.path[i + 1]}`,
            );
          }
          return [l.a.replace("application:", ""), l.b.replace("application:", ""), steps.join("; ")];
        }),
        ["10%", "10%", "80%"],
      ),
    );

  s.push(`<h2>9. Case notes</h2>`);
  s.push(
    d.includeNotes
      ? notesHtml.trim()
        ? `<div class="notes">${notesHtml}</div>`
        : `<p>No notes.</p>`
      : `<p>Notes were left out of this export.</p>`,
  );

  s.push(
    `<h2>10. Case history</h2>`,
    table(
      ["#", "When (UTC)", "Who", "What", "Details"],
      c.history.map((e) => [
        e.seq,
        e.at.slice(0, 19).replace("T", " "),
        `${e.actor} (${e.actor_role})`,
        e.action.replace(/_/g, " "),
        JSON.stringify(e.changes),
      ]),
      ["5%", "16%", "19%", "14%", "46%"],
    ),
  );

  s.push(
    `<h2>11. About this package</h2>`,
    `<p>Redaction chosen at export:</p>`,
    table(
      ["Field", "Shown as"],
      REDACTABLE_FIELDS.map((f) => [FIELD_LABELS[f], r.mode(f)]),
    ),
    `<p>The package holds this report, applications.csv, identifiers.csv, links.csv, graph.graphml, graph.gexf, stix-bundle.json, manifest.json (the SHA-256 and size of every file, the case, the detection run, the export time and the exporting user), manifest.sig (an Ed25519 signature of manifest.json) and public-key.pem. To check it: recompute each file's SHA-256 and compare with the manifest, and verify the signature with the public key (for example <code>openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig</code>). The key's fingerprint above must match the one the sender publishes. Generated by ${escapeHtml(d.generator.name)} ${escapeHtml(d.generator.version)}.</p>`,
  );
  s.push(`</body></html>`);
  return s.join("\n");
}
