/**
 * Users table
 * ===========
 *
 * One row per user: name, role (select + save), status, last sign-in, created, and the actions
 * (disable / re-enable, reset password). The signed-in admin's own row offers none of them: the
 * server refuses admins changing their own role or disabling themselves, and a reset would sign them out.
 */
import type { User, UserRole } from "../../../server/common/users.js";
import { h } from "../../ui/dom.js";
import { formatDateTime } from "../../ui/format.js";
import { USER_ROLE_LABELS, USER_ROLES } from "./labels.js";
import { dataTable } from "../../ui/table.js";

export interface UserActions {
  setRole(user: User, role: UserRole): void;
  setDisabled(user: User, disabled: boolean): void;
  resetPassword(user: User): void;
}

/** Enabled users first, then by user name. */
export function sortUsers(users: readonly User[]): User[] {
  return [...users].sort(
    (a, b) => Number(a.disabled) - Number(b.disabled) || a.username.localeCompare(b.username, "en"),
  );
}

function statusCell(u: User): HTMLElement {
  return h(
    "td",
    { class: "user-status" },
    h(
      "span",
      { class: `badge user-state ${u.disabled ? "user-disabled" : "user-active"}` },
      u.disabled ? "Disabled" : "Active",
    ),
    u.must_change_password ? h("span", { class: "badge user-must-change" }, "Must change password") : null,
    u.demo ? h("span", { class: "badge user-demo", attrs: { title: "Created with the demo data" } }, "Demo") : null,
  );
}

function roleCell(u: User, self: boolean, actions: UserActions): HTMLElement {
  const select = h(
    "select",
    {
      class: "input",
      name: "role",
      disabled: self,
      attrs: { "aria-label": `Role of ${u.username}` },
    },
    USER_ROLES.map((r) => h("option", { value: r, selected: r === u.role }, USER_ROLE_LABELS[r])),
  );
  const save = h(
    "button",
    {
      type: "button",
      class: "btn btn-small",
      disabled: true,
      dataset: { action: "save-role" },
      attrs: { "aria-label": `Save the role of ${u.username}` },
    },
    "Save",
  );
  select.addEventListener("change", () => (save.disabled = select.value === u.role));
  save.addEventListener("click", () => actions.setRole(u, select.value as UserRole));
  return h("td", null, h("div", { class: "user-role-edit" }, select, self ? null : save));
}

function actionsCell(u: User, self: boolean, actions: UserActions): HTMLElement {
  if (self)
    return h(
      "td",
      { class: "user-actions" },
      h("span", { class: "muted small" }, "Your own account: another admin changes it."),
    );
  return h(
    "td",
    { class: "user-actions" },
    h(
      "button",
      {
        type: "button",
        class: "btn btn-small",
        dataset: { action: u.disabled ? "enable" : "disable" },
        attrs: { "aria-label": `${u.disabled ? "Re-enable" : "Disable"} ${u.username}` },
        on: { click: () => actions.setDisabled(u, !u.disabled) },
      },
      u.disabled ? "Re-enable" : "Disable",
    ),
    h(
      "button",
      {
        type: "button",
        class: "btn btn-small",
        dataset: { action: "reset-password" },
        attrs: { "aria-label": `Reset the password of ${u.username}` },
        on: { click: () => actions.resetPassword(u) },
      },
      "Reset password",
    ),
  );
}

export function usersTable(users: readonly User[], meId: string, actions: UserActions): HTMLTableElement {
  return dataTable(
    "queue-table users-table",
    ["User name", "Display name", "Role", "Status", "Last sign-in", "Created", "Actions"],
    sortUsers(users).map((u) => {
      const self = u.id === meId;
      return h(
        "tr",
        { class: `user-row${u.disabled ? " user-row-disabled" : ""}`, dataset: { user: u.username, userId: u.id } },
        h(
          "th",
          { scope: "row", class: "user-name-cell" },
          h("span", { class: "mono" }, u.username),
          self ? h("span", { class: "badge user-you" }, "You") : null,
        ),
        h("td", null, u.display_name),
        roleCell(u, self, actions),
        statusCell(u),
        h("td", { class: "col-date" }, u.last_sign_in_at ? formatDateTime(u.last_sign_in_at) : "Never"),
        h(
          "td",
          { class: "col-date" },
          formatDateTime(u.created_at),
          u.created_by ? h("div", { class: "small muted" }, `by ${u.created_by}`) : null,
        ),
        actionsCell(u, self, actions),
      );
    }),
    { caption: "Users" },
  );
}
