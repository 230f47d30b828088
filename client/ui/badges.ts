/**
 * Badges
 * ======
 *
 * Risk level, pattern and change badges: colour always paired with a word (and, for risk, the score),
 * never colour alone.
 */
import type { ClusterChange, RiskLevel } from "../../server/common/detection.js";
import { h } from "./dom.js";
import { CHANGE_LABELS, LEVEL_LABELS, PATTERN_HELP, patternLabel } from "./format.js";

export function riskBadge(level: RiskLevel, score?: number): HTMLElement {
  return h(
    "span",
    {
      class: `badge risk risk-${level}`,
      attrs: { title: `Risk ${level}${score !== undefined ? `, score ${score} of 100` : ""}` },
    },
    score !== undefined ? h("span", { class: "risk-score" }, String(score)) : null,
    LEVEL_LABELS[level],
  );
}

export function riskMeter(score: number, level: RiskLevel): HTMLElement {
  const meter = h("span", {
    class: `risk-meter risk-${level}`,
    attrs: { role: "img", "aria-label": `Risk score ${score} of 100` },
  });
  meter.append(h("span", { class: "risk-meter-fill", style: { width: `${Math.max(2, Math.min(100, score))}%` } }));
  return meter;
}

export function patternChip(pattern: string): HTMLElement {
  return h(
    "span",
    {
      class: `chip pattern pattern-${pattern}`,
      attrs: { title: (PATTERN_HELP as Record<string, string>)[pattern] ?? null },
    },
    patternLabel(pattern),
  );
}

export function changeBadge(change: ClusterChange | undefined | null): HTMLElement | null {
  if (!change || change === "unchanged") return null;
  return h("span", { class: `badge change change-${change}` }, CHANGE_LABELS[change]);
}

/**
 * What intake said about a cluster's members (server/watchlist/annotate.ts): a member uses an identifier on
 * the watchlist (a confirmed ring's, or one a lead added), and members screened `block` at intake.
 */
export function intakeBadges(c: {
  touches_confirmed_ring?: boolean;
  watchlist_hits?: string[];
  blocked_at_intake?: string[];
}): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (c.touches_confirmed_ring)
    out.push(
      h(
        "span",
        {
          class: "badge change intake-watchlist",
          attrs: { title: `On the watchlist: ${(c.watchlist_hits ?? []).join(", ")}` },
        },
        "Touches a confirmed ring",
      ),
    );
  if (c.blocked_at_intake?.length)
    out.push(
      h(
        "span",
        { class: "badge change intake-blocked", attrs: { title: c.blocked_at_intake.join(", ") } },
        `Blocked at intake: ${c.blocked_at_intake.length}`,
      ),
    );
  return out;
}
