/**
 * Watchlist page
 * ==============
 *
 * `/watchlist` (investigators and leads): the active watchlist, where each entry came from (a confirmed
 * ring, or a lead with a reason and an expiry), and for leads a form to add an identifier by hand and a
 * button to remove a hand-added entry.
 */
import type { WatchlistEntry } from "../../server/common/api/watchlist.js";
import { IDENTIFIER_KINDS } from "../../server/common/identifiers.js";
import { api } from "../api.js";
import { currentUser } from "../app/session.js";
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import { h, replace } from "../ui/dom.js";
import { formatDateTime, plural } from "../ui/format.js";
import { emptyState, errorMessage, errorState, loadingState } from "../ui/states.js";
import "./casework/casework.css";
import { ACCESS } from "../../server/common/roles.js";
import { dataTable } from "../ui/table.js";

async function mount(ctx: PageContext): Promise<void> {
  const me = await currentUser();
  const lead = me?.role === "lead";
  const results = h("div", { class: "queue-results" });
  const status = h("p", { class: "small", attrs: { role: "status", "aria-live": "polite" } });
  const kind = h(
    "select",
    { class: "input", name: "kind" },
    IDENTIFIER_KINDS.map((k) => h("option", { value: k }, k)),
  );
  const value = h("input", { class: "input", name: "value", placeholder: "identifier as typed", required: true });
  const reason = h("input", { class: "input", name: "reason", placeholder: "why it is listed", required: true });
  const expires = h("input", { class: "input", type: "date", name: "expires_at" });
  const form = h(
    "form",
    { class: "filter-bar watchlist-add" },
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Kind"), kind),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Identifier"), value),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Reason"), reason),
    h("label", { class: "field" }, h("span", { class: "field-label" }, "Expires (optional)"), expires),
    h("button", { class: "btn btn-primary", type: "submit" }, "Add to the watchlist"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const added = await api.post<WatchlistEntry>("/api/watchlist", {
        kind: kind.value,
        value: value.value,
        reason: reason.value,
        ...(expires.value ? { expires_at: expires.value } : {}),
      });
      replace(status, `Added ${added.ref}.`);
      value.value = "";
      reason.value = "";
      await load();
    } catch (err) {
      replace(status, errorMessage(err));
    }
  });

  async function load(): Promise<void> {
    replace(results, loadingState("Loading the watchlist…"));
    try {
      const page = await api.get<{ total: number; entries: WatchlistEntry[] }>("/api/watchlist", {
        query: { limit: 500 },
        signal: ctx.signal,
      });
      if (ctx.signal.aborted) return;
      if (!page.entries.length) {
        replace(results, emptyState("The watchlist is empty", "Confirmed rings add their identifiers here."));
        return;
      }
      replace(
        results,
        h("p", { class: "muted small" }, plural(page.total, "active entry", "active entries")),
        dataTable(
          "queue-table watchlist-table",
          ["Identifier", "Source", "Reason", "Added", "Expires", ""],
          page.entries.map((e) =>
            h(
              "tr",
              { dataset: { ref: e.ref, source: e.source } },
              h("td", { class: "mono" }, e.ref),
              h(
                "td",
                null,
                e.source === "confirmed_ring"
                  ? h(
                      "a",
                      { href: `/clusters/${encodeURIComponent(e.cluster_id ?? "")}` },
                      `Confirmed ring ${e.cluster_id}`,
                    )
                  : `By hand (${e.added_by ?? "?"})`,
              ),
              h("td", { class: "small" }, e.reason),
              h("td", { class: "col-date" }, formatDateTime(e.added_at)),
              h("td", { class: "col-date" }, e.expires_at ? formatDateTime(e.expires_at) : "—"),
              h(
                "td",
                null,
                lead && e.source === "manual"
                  ? h(
                      "button",
                      {
                        class: "btn btn-ghost",
                        type: "button",
                        on: {
                          click: async () => {
                            try {
                              await api.delete(`/api/watchlist/${encodeURIComponent(e.id)}`);
                              replace(status, `Removed ${e.ref}.`);
                              await load();
                            } catch (err) {
                              replace(status, errorMessage(err));
                            }
                          },
                        },
                      },
                      "Remove",
                    )
                  : "",
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      if (!ctx.signal.aborted)
        replace(
          results,
          errorState("The watchlist could not be loaded", err, () => void load()),
        );
    }
  }

  replace(
    ctx.root,
    h(
      "div",
      { class: "page-queue page-watchlist" },
      h(
        "div",
        { class: "page-heading" },
        h("h1", null, "Watchlist"),
        h(
          "p",
          { class: "page-sub muted" },
          "Identifiers that flag a new application at ingest and at screening: every identifier of a confirmed ring, and those a lead adds by hand.",
        ),
      ),
      lead ? form : "",
      status,
      results,
    ),
  );
  await load();
}

registerPage({ id: "watchlist", path: "/watchlist", title: "Watchlist", mount });
registerNavLink({
  id: "watchlist",
  label: "Watchlist",
  href: "/watchlist",
  order: 30,
  pages: ["watchlist"],
  roles: ACCESS.investigate,
});
