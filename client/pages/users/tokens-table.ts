/**
 * Service-tokens table
 * ====================
 *
 * One row per token: name and the secret's first characters (to recognise it in a script), scopes,
 * created, expires, last used, state (active, expired or revoked, with when and by whom), and revoke.
 */
import type { ServiceToken } from "../../../server/common/users.js";
import { h } from "../../ui/dom.js";
import { formatDateTime } from "../../ui/format.js";
import { dataTable } from "../../ui/table.js";

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(t: ServiceToken, now = Date.now()): TokenState {
  if (t.revoked_at) return "revoked";
  if (t.expires_at && Date.parse(t.expires_at) <= now) return "expired";
  return "active";
}

/** Active tokens first, then the server's order (newest first). */
export function sortTokens(tokens: readonly ServiceToken[], now = Date.now()): ServiceToken[] {
  const rank = (t: ServiceToken) => (tokenState(t, now) === "active" ? 0 : 1);
  return tokens
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map((x) => x.t);
}

function stateCell(t: ServiceToken, state: TokenState): HTMLElement {
  const label = { active: "Active", expired: "Expired", revoked: "Revoked" }[state];
  return h(
    "td",
    null,
    h("span", { class: `badge token-state token-${state}` }, label),
    state === "revoked"
      ? h(
          "div",
          { class: "small muted" },
          `${formatDateTime(t.revoked_at)}${t.revoked_by ? ` by ${t.revoked_by}` : ""}`,
        )
      : null,
  );
}

export function tokensTable(tokens: readonly ServiceToken[], revoke: (t: ServiceToken) => void): HTMLTableElement {
  const now = Date.now();
  return dataTable(
    "queue-table tokens-table",
    ["Name", "Scopes", "Created", "Expires", "Last used", "State", "Actions"],
    sortTokens(tokens, now).map((t) => {
      const state = tokenState(t, now);
      return h(
        "tr",
        { class: `token-row token-row-${state}`, dataset: { token: t.name, tokenId: t.id, state } },
        h(
          "th",
          { scope: "row", class: "user-name-cell" },
          t.name,
          h("div", { class: "mono small muted", attrs: { title: "The secret's first characters" } }, `${t.prefix}…`),
        ),
        h(
          "td",
          null,
          h(
            "span",
            { class: "chips" },
            t.scopes.map((s) => h("span", { class: "chip" }, s)),
          ),
        ),
        h(
          "td",
          { class: "col-date" },
          formatDateTime(t.created_at),
          t.created_by ? h("div", { class: "small muted" }, `by ${t.created_by}`) : null,
        ),
        h("td", { class: "col-date" }, t.expires_at ? formatDateTime(t.expires_at) : "Never"),
        h("td", { class: "col-date" }, t.last_used_at ? formatDateTime(t.last_used_at) : "Never"),
        stateCell(t, state),
        h(
          "td",
          { class: "user-actions" },
          state === "revoked"
            ? null
            : h(
                "button",
                {
                  type: "button",
                  class: "btn btn-small",
                  dataset: { action: "revoke" },
                  attrs: { "aria-label": `Revoke ${t.name}` },
                  on: { click: () => revoke(t) },
                },
                "Revoke",
              ),
        ),
      );
    }),
    { caption: "Service tokens" },
  );
}
