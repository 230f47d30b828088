/**
 * Cluster summary panel
 * =====================
 *
 * Beside the graph: why the cluster exists and why it scored as it did, in the contract's words: risk
 * score and level, patterns, the score breakdown, and every reason with the identifiers it names (a
 * click on one selects it in the graph).
 */
import { rovingFocus } from "../../ui/roving.js";
import type { ClusterDetail } from "../../api.js";
import { kindOfRef, keyOfRef } from "../../graph/kinds.js";
import { changeBadge, intakeBadges, patternChip, riskBadge } from "../../ui/badges.js";
import { h } from "../../ui/dom.js";
import { formatDate, formatNumber, plural, scoreLabel } from "../../ui/format.js";
import { shapeIcon } from "../../ui/shape-icon.js";
import { helpLink } from "../glossary/help-link.js";

export interface SummaryActions {
  /** Selects a node by ref; false when it is not drawn. */
  focus(ref: string): boolean;
  /** The label the graph shows for a ref (the value as typed, hashes shortened); defaults to its key. */
  label?(ref: string): string;
}

/** Identifiers two or more members use, common infrastructure apart: the same list the details panel shows. */
export function sharedIdentifiers(detail: ClusterDetail): ClusterDetail["identifiers"] {
  return detail.identifiers.filter((i) => i.members >= 2 && !i.common_infrastructure);
}

/** Identifiers touching the cluster that the run judged common infrastructure. */
export function commonIdentifiers(detail: ClusterDetail): ClusterDetail["identifiers"] {
  const refs = new Set(detail.cluster.common_infrastructure ?? []);
  return detail.identifiers.filter((i) => i.common_infrastructure || refs.has(i.ref));
}

function breakdown(detail: ClusterDetail): HTMLElement | null {
  const parts = detail.cluster.score_breakdown ?? [];
  if (!parts.length) return null;
  const max = Math.max(40, ...parts.map((p) => Math.abs(p.points)));
  return h(
    "section",
    { class: "panel-section" },
    h("h3", { class: "section-title" }, "Risk breakdown"),
    h(
      "ul",
      { class: "breakdown" },
      parts.map((p) =>
        h(
          "li",
          { class: `breakdown-row${p.points < 0 ? " negative" : ""}` },
          h("span", { class: "breakdown-label" }, scoreLabel(p.code), " ", helpLink(p.code)),
          h(
            "span",
            { class: "breakdown-bar", attrs: { "aria-hidden": "true" } },
            h("span", { style: { width: `${(Math.abs(p.points) / max) * 100}%` } }),
          ),
          h("span", { class: "breakdown-points" }, `${p.points > 0 ? "+" : ""}${formatNumber(p.points)}`),
        ),
      ),
      h(
        "li",
        { class: "breakdown-row total" },
        h("span", { class: "breakdown-label" }, "Risk score ", helpLink("risk_score")),
        h("span"),
        h("span", { class: "breakdown-points" }, String(detail.cluster.risk_score)),
      ),
    ),
  );
}

function identifierChip(ref: string, actions: SummaryActions): HTMLElement {
  const kind = kindOfRef(ref);
  // Whole, wrapping where it must: a cut-off key cannot be compared with anything.
  const label = actions.label?.(ref) ?? keyOfRef(ref);
  const button = h(
    "button",
    {
      type: "button",
      class: "chip chip-identifier",
      dataset: { ref },
      attrs: { title: `Show in the graph · normal form ${keyOfRef(ref)}` },
    },
    kind ? shapeIcon(kind, 12) : null,
    h("span", { class: "chip-text" }, label),
  );
  button.addEventListener("click", () => {
    if (!actions.focus(ref)) button.classList.add("chip-missing");
  });
  return button;
}

function reasons(detail: ClusterDetail, actions: SummaryActions): HTMLElement {
  return h(
    "section",
    { class: "panel-section" },
    h("h3", { class: "section-title" }, `Reasons (${detail.reasons.length})`),
    detail.reasons.length
      ? rovingFocus(
          h(
            "ol",
            { class: "reasons" },
            detail.reasons.map((r) =>
              h(
                "li",
                { class: "reason", dataset: { code: r.code } },
                h("p", { class: "reason-text" }, r.text, " ", helpLink(r.code)),
                r.identifiers.length
                  ? h(
                      "div",
                      { class: "chips" },
                      r.identifiers.slice(0, 8).map((ref) => identifierChip(ref, actions)),
                      r.identifiers.length > 8
                        ? h("span", { class: "muted small" }, `+${r.identifiers.length - 8} more`)
                        : null,
                    )
                  : null,
              ),
            ),
          ),
          "button.chip-identifier",
          "Identifiers named by the reasons (arrow keys move between them)",
        )
      : h("p", { class: "muted" }, "No reasons recorded."),
  );
}

export function summaryPanel(detail: ClusterDetail, actions: SummaryActions): HTMLElement {
  const c = detail.cluster;
  const facts: [string, string | HTMLElement][] = [
    ["Applications", formatNumber(c.size ?? c.application_ids.length)],
    ...(c.identities !== undefined ? ([["Identities", formatNumber(c.identities)]] as [string, string][]) : []),
    ["First submitted", formatDate(c.first_submitted_at)],
    ["Last submitted", formatDate(c.last_submitted_at)],
    // Counted from the same list the details panel shows, so the two always agree.
    ["Shared identifiers", formatNumber(sharedIdentifiers(detail).length)],
    ["Common infrastructure", formatNumber(commonIdentifiers(detail).length)],
  ];
  const factHelp: Record<string, string> = {
    Applications: "applications",
    Identities: "identities",
    "First submitted": "first_submitted",
    "Last submitted": "first_submitted",
    "Shared identifiers": "shared_identifiers",
    "Common infrastructure": "common_infrastructure",
  };
  const change = changeBadge(c.change);
  return h(
    "div",
    { class: "summary-panel" },
    h(
      "section",
      { class: "panel-section summary-head" },
      h("div", { class: "summary-score" }, riskBadge(c.risk_level, c.risk_score), change, ...intakeBadges(c)),
      h(
        "div",
        { class: "chips" },
        c.patterns.map((p) => h("span", { class: "chip-with-help" }, patternChip(p), helpLink(p))),
      ),
      change && c.previous_ids.length
        ? h(
            "p",
            { class: "muted small" },
            `Compared with ${c.previous_ids.join(", ")} in the previous run (${plural(c.added, "application")} added, ${formatNumber(c.removed)} removed).`,
          )
        : null,
      h(
        "dl",
        { class: "facts" },
        facts.flatMap(([k, v]) => [
          h("dt", { dataset: { fact: factHelp[k] ?? k } }, k, " ", helpLink(factHelp[k] ?? "")),
          h("dd", { dataset: { fact: factHelp[k] ?? k } }, v),
        ]),
      ),
      detail.missing_members.length
        ? h(
            "p",
            { class: "notice" },
            `${plural(detail.missing_members.length, "member")} of this run no longer in the data: ${detail.missing_members.slice(0, 5).join(", ")}${detail.missing_members.length > 5 ? "…" : ""}`,
          )
        : null,
    ),
    breakdown(detail),
    reasons(detail, actions),
  );
}
