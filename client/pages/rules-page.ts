/**
 * Rules page
 * ==========
 *
 * `/rules` (investigators, leads, auditors): each scoring rule's verdicts (confirmed and dismissed
 * clusters it fired on), its precision with a 95% Wilson interval drawn as a bar, how it enters the score,
 * and the factor the verdict adjustment would give it (and whether that adjustment is on).
 */
import type { RuleView } from "../../server/common/api/rules.js";
import { api } from "../api.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import { h, replace } from "../ui/dom.js";
import { plural } from "../ui/format.js";
import { emptyState, errorState, loadingState } from "../ui/states.js";
import "./casework/casework.css";
import { ACCESS } from "../../server/common/roles.js";
import { dataTable } from "../ui/table.js";

interface RulesAnswer {
  verdicts: { confirmed: number; dismissed: number };
  adjustment: { enabled: boolean; minVerdicts: number; priorStrength: number; maxChange: number };
  rules: RuleView[];
  other_reason_codes: {
    code: string;
    confirmed: number;
    dismissed: number;
    precision: number | null;
    interval: [number, number] | null;
  }[];
}

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

/** Precision as a dot on its Wilson interval, 0–100%. */
function intervalBar(p: number | null, iv: [number, number] | null): HTMLElement {
  if (p === null || !iv) return h("span", { class: "muted small" }, "no verdicts");
  return h(
    "span",
    { class: "rule-interval", attrs: { title: `${pct(iv[0])}–${pct(iv[1])}` } },
    h("span", { class: "rule-interval-range", style: { left: `${iv[0] * 100}%`, width: `${(iv[1] - iv[0]) * 100}%` } }),
    h("span", { class: "rule-interval-dot", style: { left: `${p * 100}%` } }),
  );
}

async function mount(ctx: PageContext): Promise<void> {
  const results = h("div", { class: "queue-results" });
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-queue page-rules" },
      h(
        "div",
        { class: "page-heading" },
        h("h1", null, "Rules"),
        h(
          "p",
          { class: "page-sub muted" },
          "How often each scoring rule fired on clusters that investigators confirmed as rings or dismissed, and what it adds to a score.",
        ),
      ),
      results,
    ),
  );
  replace(results, loadingState("Loading rule statistics…"));
  try {
    const r = await api.get<RulesAnswer>("/api/rules", { signal: ctx.signal });
    if (ctx.signal.aborted) return;
    const a = r.adjustment;
    replace(
      results,
      h(
        "p",
        { class: "small" },
        `${plural(r.verdicts.confirmed, "confirmed ring")} and ${plural(r.verdicts.dismissed, "dismissed cluster")}. Adjustment from verdicts is ${a.enabled ? "ON" : "off"}: a rule moves only after ${a.minVerdicts} verdicts, through a prior worth ${a.priorStrength}, by at most ±${a.maxChange * 100}%.`,
      ),
      dataTable(
        "queue-table rules-table",
        ["Rule", "Family", "Confirmed", "Dismissed", "Precision", "95% interval", "Contributes", "Factor", "Points"],
        r.rules.map((x) =>
          h(
            "tr",
            { dataset: { rule: x.code } },
            h("td", { class: "mono" }, x.code),
            h("td", null, x.family),
            h("td", { class: "col-num" }, String(x.confirmed)),
            h("td", { class: "col-num" }, String(x.dismissed)),
            h("td", { class: "col-num" }, pct(x.precision)),
            h("td", null, intervalBar(x.precision, x.interval)),
            h("td", { class: "small" }, x.applies),
            h("td", { class: "col-num" }, `×${x.factor}`),
            h("td", { class: "col-num" }, String(x.adjusted_points)),
          ),
        ),
      ),
      r.other_reason_codes.length
        ? h(
            "p",
            { class: "small muted" },
            `Reason codes without points of their own: ${r.other_reason_codes
              .map((o) => `${o.code} ${o.confirmed}/${o.confirmed + o.dismissed} confirmed`)
              .join(", ")}.`,
          )
        : emptyState("No other reason codes", "Only scoring rules have fired on judged clusters."),
    );
  } catch (err) {
    if (!ctx.signal.aborted) replace(results, errorState("Rule statistics could not be loaded", err));
  }
}

registerPage({ id: "rules", path: "/rules", title: "Rules", mount });
registerNavLink({
  id: "rules",
  label: "Rules",
  href: "/rules",
  order: 35,
  pages: ["rules"],
  roles: ACCESS.review,
});
