/**
 * Users section
 * =============
 *
 * The create form, the one-time password of the last creation or reset, the outcome of the last
 * action (`role=status`, or `role=alert` when refused) and the users table, reloaded after each change.
 */
import type { User, UserRole } from "../../../server/common/users.js";
import { api } from "../../api.js";
import type { Me } from "../../app/session.js";
import { h, replace } from "../../ui/dom.js";
import { plural } from "../../ui/format.js";
import { emptyState, errorMessage, errorState, loadingState } from "../../ui/states.js";
import { confirmAction } from "./confirm.js";
import { createUserForm } from "./create-user.js";
import { roleLabel } from "./labels.js";
import { showOneTimeSecret } from "./one-time-secret.js";
import { usersTable } from "./users-table.js";

export function usersSection(me: Me, signal: AbortSignal): HTMLElement {
  const secret = h("div", { class: "secret-slot" });
  const status = h("p", { class: "outcome", attrs: { role: "status", "aria-live": "polite" } });
  const alert = h("p", { class: "outcome outcome-error", attrs: { role: "alert" } });
  const count = h("p", { class: "muted small users-count" });
  const results = h("div", { class: "queue-results" });

  const say = (text: string, isError = false) => {
    status.textContent = isError ? "" : text;
    alert.textContent = isError ? text : "";
  };

  const showPassword = (user: User, password: string, what: string) =>
    showOneTimeSecret(secret, {
      kind: "password",
      title: `One-time password for ${user.username} (${what})`,
      secret: password,
      note: `Shown only now: copy it and give it to ${user.username} over a safe channel. It cannot be shown again (reset the password if it is lost). ${user.username} must choose their own password at the first sign-in.`,
    });

  /** Reloads the table and puts the focus back on the control that was used, if it still exists. */
  async function load(focus?: { userId: string; action: string }): Promise<void> {
    if (!results.firstChild) replace(results, loadingState("Loading users…"));
    try {
      const { users } = await api.get<{ users: User[] }>("/api/users", { signal });
      if (signal.aborted) return;
      const disabled = users.filter((u) => u.disabled).length;
      count.textContent = `${plural(users.length, "user")}${disabled ? `, ${disabled} disabled` : ""}.`;
      if (!users.length) {
        replace(results, emptyState("No users yet", "Create the first one above."));
        return;
      }
      replace(results, usersTable(users, me.id, actions));
      if (focus) {
        const row = results.querySelector<HTMLElement>(`tr[data-user-id="${CSS.escape(focus.userId)}"]`);
        const target =
          row?.querySelector<HTMLElement>(`[data-action="${CSS.escape(focus.action)}"]:not([disabled])`) ??
          row?.querySelector<HTMLElement>("button:not([disabled]), select:not([disabled])");
        target?.focus();
      }
    } catch (err) {
      if (!signal.aborted)
        replace(
          results,
          errorState("The users could not be loaded", err, () => {
            replace(results);
            void load();
          }),
        );
    }
  }

  async function act(user: User, action: string, run: () => Promise<string>): Promise<void> {
    say("");
    try {
      say(await run());
    } catch (err) {
      say(`${user.username}: ${errorMessage(err)}`, true);
    }
    if (!signal.aborted) await load({ userId: user.id, action });
  }

  const actions = {
    async setRole(user: User, role: UserRole) {
      const involvesAdmin = role === "admin" || user.role === "admin";
      if (
        involvesAdmin &&
        !(await confirmAction({
          title: `Make ${user.username} ${roleLabel(role).toLowerCase()}?`,
          message:
            role === "admin"
              ? `${user.username} will manage users and service tokens, and lose access to investigations and the audit trail.`
              : `${user.username} will no longer manage users and service tokens.`,
          confirmLabel: "Change role",
        }))
      )
        return;
      await act(user, "save-role", async () => {
        const r = await api.patch<{ user: User }>(`/api/users/${encodeURIComponent(user.id)}`, { role });
        return `${r.user.username} is now ${roleLabel(r.user.role).toLowerCase()} (from the next request they make).`;
      });
    },
    async setDisabled(user: User, disabled: boolean) {
      const ok = await confirmAction(
        disabled
          ? {
              title: `Disable ${user.username}?`,
              message: `${user.username} is signed out at once and cannot sign in until re-enabled. Their cases and audit entries stay.`,
              confirmLabel: "Disable",
              danger: true,
            }
          : {
              title: `Re-enable ${user.username}?`,
              message: `${user.username} can sign in again with their current password, as ${roleLabel(user.role).toLowerCase()}.`,
              confirmLabel: "Re-enable",
            },
      );
      if (!ok) return;
      await act(user, disabled ? "enable" : "disable", async () => {
        const r = await api.patch<{ user: User }>(`/api/users/${encodeURIComponent(user.id)}`, { disabled });
        return r.user.disabled
          ? `${r.user.username} is disabled and signed out everywhere.`
          : `${r.user.username} is enabled again.`;
      });
    },
    async resetPassword(user: User) {
      const ok = await confirmAction({
        title: `Reset the password of ${user.username}?`,
        message: `Their current password stops working and they are signed out everywhere. You get a one-time password to give them; they must replace it at the next sign-in.`,
        confirmLabel: "Reset password",
        danger: true,
      });
      if (!ok) return;
      say("");
      try {
        const r = await api.post<{ user: User; one_time_password: string }>(
          `/api/users/${encodeURIComponent(user.id)}/reset-password`,
        );
        if (signal.aborted) return;
        showPassword(r.user, r.one_time_password, "password reset");
      } catch (err) {
        say(`${user.username}: ${errorMessage(err)}`, true);
      }
      if (!signal.aborted) await load();
    },
  };

  const form = createUserForm((user, password) => {
    say("");
    if (password) showPassword(user, password, "new user");
    else say(`${user.username} created.`);
    void load();
  });

  void load();
  return h(
    "section",
    { class: "users-section", attrs: { "aria-labelledby": "users-heading" } },
    h("h2", { id: "users-heading" }, "Users"),
    h("h3", { class: "users-subheading" }, "Create a user"),
    form,
    secret,
    status,
    alert,
    count,
    results,
  );
}
