/**
 * Service-tokens section
 * ======================
 *
 * The issue form, the secret of the token just issued (once), the outcome of the last revocation and
 * the tokens table, reloaded after each change.
 */
import type { ServiceToken } from "../../../server/common/users.js";
import { api } from "../../api.js";
import { h, replace } from "../../ui/dom.js";
import { plural } from "../../ui/format.js";
import { emptyState, errorMessage, errorState, loadingState } from "../../ui/states.js";
import { confirmAction } from "./confirm.js";
import { issueTokenForm } from "./issue-token.js";
import { showOneTimeSecret } from "./one-time-secret.js";
import { tokensTable } from "./tokens-table.js";

export function tokensSection(signal: AbortSignal): HTMLElement {
  const secret = h("div", { class: "secret-slot" });
  const status = h("p", { class: "outcome", attrs: { role: "status", "aria-live": "polite", tabindex: "-1" } });
  const alert = h("p", { class: "outcome outcome-error", attrs: { role: "alert" } });
  const count = h("p", { class: "muted small users-count" });
  const results = h("div", { class: "queue-results" });

  async function load(): Promise<void> {
    if (!results.firstChild) replace(results, loadingState("Loading service tokens…"));
    try {
      const { tokens } = await api.get<{ tokens: ServiceToken[] }>("/api/tokens", { signal });
      if (signal.aborted) return;
      const revoked = tokens.filter((t) => t.revoked_at).length;
      count.textContent = `${plural(tokens.length, "token")}${revoked ? `, ${revoked} revoked` : ""}.`;
      replace(
        results,
        tokens.length
          ? tokensTable(tokens, (t) => void revoke(t))
          : emptyState("No service tokens", "Issue one above for a scheduled ingest or detection job."),
      );
    } catch (err) {
      if (!signal.aborted)
        replace(
          results,
          errorState("The service tokens could not be loaded", err, () => {
            replace(results);
            void load();
          }),
        );
    }
  }

  async function revoke(t: ServiceToken): Promise<void> {
    const ok = await confirmAction({
      title: `Revoke ${t.name}?`,
      message: `Every request with this token is refused from now on (${t.scopes.join(", ")}). It stays listed, for the record; a revoked token cannot be restored.`,
      confirmLabel: "Revoke",
      danger: true,
    });
    if (!ok) return;
    status.textContent = "";
    alert.textContent = "";
    try {
      const r = await api.delete<{ token: ServiceToken }>(`/api/tokens/${encodeURIComponent(t.id)}`);
      status.textContent = `${r.token.name} is revoked.`;
    } catch (err) {
      alert.textContent = `${t.name}: ${errorMessage(err)}`;
    }
    if (!signal.aborted) {
      await load();
      status.focus();
    }
  }

  const form = issueTokenForm((token, value) => {
    status.textContent = "";
    alert.textContent = "";
    showOneTimeSecret(secret, {
      kind: "token",
      title: `Secret of ${token.name} (${token.scopes.join(", ")})`,
      secret: value,
      note: "Shown only now: store it where the job reads it (sent as the header “Authorization: Bearer …”). It cannot be shown again; revoke the token and issue a new one if it is lost.",
    });
    void load();
  });

  void load();
  return h(
    "section",
    { class: "users-section", attrs: { "aria-labelledby": "tokens-heading" } },
    h("h2", { id: "tokens-heading" }, "Service tokens"),
    h(
      "p",
      { class: "muted page-sub" },
      "For scripts and scheduled jobs: each token may call only the routes of its scopes.",
    ),
    h("h3", { class: "users-subheading" }, "Issue a token"),
    form,
    secret,
    status,
    alert,
    count,
    results,
  );
}
