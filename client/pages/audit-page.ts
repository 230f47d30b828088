/**
 * Audit trail page
 * ================
 *
 * `/audit` (auditors): the trail newest first with filters kept in the URL (user, action, target,
 * outcome, address, time range), each entry's who, when, what and from where, and a check of the whole
 * hash chain that names the first broken entry.
 */
import type { AuditEntry, VerifyResult } from "../../server/common/api/audit.js";
import { api } from "../api.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import { h, replace } from "../ui/dom.js";
import { auditTargetHref } from "../ui/entity-links.js";
import { field } from "../ui/form.js";
import { pager } from "../ui/pager.js";
import { dataTable } from "../ui/table.js";
import { formatDateTime, formatNumber, humanise, plural } from "../ui/format.js";
import { emptyState, errorMessage, errorState, loadingState } from "../ui/states.js";
import "./casework/casework.css";
import { ACCESS } from "../../server/common/roles.js";

const PAGE = 100;
const FILTERS = ["actor", "action", "target_id", "outcome", "ip", "from", "to"] as const;

function details(e: AuditEntry): string {
  const d = Object.entries(e.details ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== "");
  return d.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(" · ");
}

/** The target as a link to its page where it has one (cases, clusters, runs, applications, identifiers). */
function targetCell(target: AuditEntry["target"]): HTMLElement | string {
  if (!target) return "—";
  const text = `${target.type} ${target.id}`;
  const href = auditTargetHref(target);
  return href ? h("a", { href, class: "audit-target" }, text) : text;
}

async function mount(ctx: PageContext): Promise<void> {
  const q = ctx.query;
  const offset = Math.max(0, Number(q.get("offset") ?? 0) || 0);
  const apply = (changes: Record<string, string>) => {
    const next = new URLSearchParams(q);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!("offset" in changes)) next.delete("offset");
    ctx.navigate(`/audit${next.toString() ? `?${next}` : ""}`, { replace: true });
  };
  const results = h("div", { class: "queue-results" });
  const chain = h("div", { class: "audit-chain", attrs: { role: "status", "aria-live": "polite" } });
  const inputs = {
    actor: h("input", { class: "input", name: "actor", value: q.get("actor") ?? "", placeholder: "user name" }),
    action: h("select", { class: "input", name: "action" }, h("option", { value: "" }, "Any action")),
    target_id: h("input", {
      class: "input",
      name: "target_id",
      value: q.get("target_id") ?? "",
      placeholder: "case, cluster or application id",
    }),
    outcome: h(
      "select",
      { class: "input", name: "outcome" },
      ["", "ok", "denied", "failed"].map((o) =>
        h("option", { value: o, selected: o === (q.get("outcome") ?? "") }, o ? humanise(o) : "Any outcome"),
      ),
    ),
    ip: h("input", { class: "input input-narrow", name: "ip", value: q.get("ip") ?? "", placeholder: "address" }),
    from: h("input", { class: "input", type: "date", name: "from", value: q.get("from") ?? "" }),
    to: h("input", { class: "input", type: "date", name: "to", value: q.get("to") ?? "" }),
  };
  const form = h(
    "form",
    { class: "filter-bar audit-filters" },
    FILTERS.map((f) => field(f === "target_id" ? "Target" : f === "ip" ? "From address" : humanise(f), inputs[f])),
    h("button", { class: "btn", type: "submit" }, "Filter"),
    h(
      "button",
      { class: "btn btn-ghost", type: "button", on: { click: () => ctx.navigate("/audit", { replace: true }) } },
      "Clear",
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply(Object.fromEntries(FILTERS.map((f) => [f, inputs[f].value.trim()])));
  });
  const verify = h("button", { class: "btn", type: "button", dataset: { action: "verify-chain" } }, "Verify the chain");
  verify.addEventListener("click", async () => {
    verify.disabled = true;
    replace(chain, "Checking every entry…");
    try {
      const r = await api.get<VerifyResult>("/api/audit/verify");
      chain.className = `audit-chain ${r.ok ? "audit-chain-ok" : "audit-chain-broken"}`;
      replace(
        chain,
        r.ok
          ? `Chain intact: ${formatNumber(r.entries)} entries, each linked to the one before (checked in ${r.seconds.toFixed(2)} s).`
          : `Chain BROKEN at entry #${r.firstBreak!.seq}${r.firstBreak!.id ? ` (${r.firstBreak!.id})` : ""}: ${r.firstBreak!.reason}.`,
      );
    } catch (err) {
      replace(chain, errorMessage(err));
    }
    verify.disabled = false;
  });
  const time = (iso: string, end: boolean) =>
    iso ? new Date(`${iso}T00:00:00Z`).getTime() + (end ? 86_400_000 : 0) : null;
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-queue page-audit" },
      h(
        "div",
        { class: "page-heading" },
        h("h1", null, "Audit trail"),
        h(
          "p",
          { class: "page-sub muted" },
          "Every sign-in, view, search, export and change: who, when, what and from where. Append-only and hash-chained.",
        ),
      ),
      h("div", { class: "audit-verify" }, verify, chain),
      form,
      results,
    ),
  );
  replace(results, loadingState("Loading the trail…"));
  try {
    const from = time(q.get("from") ?? "", false);
    const to = time(q.get("to") ?? "", true);
    const page = await api.get<{ total: number; entries: AuditEntry[]; actions: string[] }>("/api/audit", {
      query: {
        actor: q.get("actor"),
        action: q.get("action"),
        target_id: q.get("target_id"),
        outcome: q.get("outcome"),
        ip: q.get("ip"),
        from: from ? new Date(from).toISOString() : null,
        to: to ? new Date(to).toISOString() : null,
        limit: PAGE,
        offset,
      },
      signal: ctx.signal,
    });
    if (ctx.signal.aborted) return;
    for (const a of page.actions)
      inputs.action.append(h("option", { value: a, selected: a === q.get("action") }, humanise(a)));
    if (!page.entries.length) {
      replace(results, emptyState("No entry matches", "Try other filters."));
      return;
    }
    replace(
      results,
      h("p", { class: "muted small" }, plural(page.total, "entry", "entries")),
      dataTable(
        "queue-table audit-table",
        ["#", "When (UTC)", "Who", "Action", "Target", "Outcome", "From", "Details"],
        page.entries.map((e) =>
          h(
            "tr",
            { class: `audit-row audit-${e.outcome}`, dataset: { seq: String(e.seq), action: e.action } },
            h("td", { class: "col-num" }, String(e.seq)),
            h("td", { class: "col-date" }, formatDateTime(e.at)),
            h(
              "td",
              null,
              e.actor
                ? `${e.actor.username}${e.actor.role ? ` (${e.actor.role})` : ""}`
                : h("span", { class: "muted" }, "anonymous"),
            ),
            h("td", null, humanise(e.action)),
            h("td", { class: "mono" }, targetCell(e.target)),
            h("td", null, humanise(e.outcome)),
            h("td", { attrs: { title: e.user_agent } }, e.ip),
            h("td", { class: "small audit-details" }, details(e)),
          ),
        ),
      ),
      pager({
        offset,
        pageSize: PAGE,
        shown: page.entries.length,
        total: page.total,
        onOffset: (o) => apply({ offset: String(o) }),
        labels: { previous: "Newer", next: "Older" },
        always: true,
      }),
    );
  } catch (err) {
    if (!ctx.signal.aborted)
      replace(
        results,
        errorState("The audit trail could not be loaded", err, () => apply({})),
      );
  }
}

registerPage({ id: "audit", path: "/audit", title: "Audit trail", mount });
registerNavLink({ id: "audit", label: "Audit", href: "/audit", order: 40, pages: ["audit"], roles: ACCESS.audit });
