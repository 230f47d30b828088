/**
 * Create-user form
 * ================
 *
 * User name (checked with the server's rule before sending), display name and role. The server
 * generates a one-time password, which `onCreated` receives to show once; validation errors are shown
 * next to the fields they concern.
 */
import type { User, UserRole } from "../../../server/common/users.js";
import { api } from "../../api.js";
import { h } from "../../ui/dom.js";
import { checkedForm, field } from "./form-errors.js";
import { USER_ROLE_HELP, USER_ROLE_LABELS, USER_ROLES, USERNAME_HINT, USERNAME_PATTERN } from "./labels.js";

export function createUserForm(onCreated: (user: User, oneTimePassword: string) => void): HTMLFormElement {
  const username = h("input", {
    class: "input",
    name: "username",
    id: "new-user-username",
    required: true,
    attrs: { autocomplete: "off", autocapitalize: "none", spellcheck: "false", maxlength: 64 },
  });
  const displayName = h("input", {
    class: "input",
    name: "display_name",
    id: "new-user-display-name",
    attrs: { autocomplete: "off", maxlength: 128 },
  });
  const role = h(
    "select",
    { class: "input", name: "role", id: "new-user-role" },
    USER_ROLES.map((r) => h("option", { value: r, selected: r === "investigator" }, USER_ROLE_LABELS[r])),
  );
  const fields = {
    username: field("User name", username, USERNAME_HINT),
    display_name: field("Display name (optional)", displayName, "Shown in the header and on cases."),
    role: field("Role", role, USER_ROLE_HELP.investigator),
  };
  const roleHint = fields.role.element.querySelector(".field-hint")!;
  role.addEventListener("change", () => (roleHint.textContent = USER_ROLE_HELP[role.value as UserRole]));
  return checkedForm({
    label: "Create a user",
    submitText: "Create user",
    busyText: "Creating…",
    fields,
    check() {
      const name = username.value.trim().toLowerCase();
      if (USERNAME_PATTERN.test(name)) return "";
      fields.username.setError(name ? "Not a valid user name." : "Enter a user name.");
      username.focus();
      return "Check the user name.";
    },
    async send(form) {
      const r = await api.post<{ user: User; one_time_password?: string }>("/api/users", {
        username: username.value.trim().toLowerCase(),
        display_name: displayName.value.trim() || undefined,
        role: role.value,
      });
      form.reset();
      roleHint.textContent = USER_ROLE_HELP.investigator;
      onCreated(r.user, r.one_time_password ?? "");
    },
  });
}
