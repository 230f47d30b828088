/**
 * Users page
 * ==========
 *
 * `/users` (admins): people (create with a one-time password, change role, disable and re-enable,
 * reset password) and service tokens (issue with a secret shown once, revoke). Where an admin starts.
 */
import { registerNavLink, registerPage, type PageContext } from "../app/registry.js";
import { currentUser, homeFor, ROLE_LABELS } from "../app/session.js";
import { h, replace } from "../ui/dom.js";
import { emptyState, errorState } from "../ui/states.js";
import "./casework/casework.css";
import { tokensSection } from "./users/tokens-section.js";
import { usersSection } from "./users/users-section.js";
import "./users/users.css";
import { ACCESS } from "../../server/common/roles.js";

async function mount(ctx: PageContext): Promise<void> {
  let me;
  try {
    me = await currentUser();
  } catch (err) {
    if (!ctx.signal.aborted)
      replace(
        ctx.root,
        errorState("Who is signed in could not be checked", err, () => ctx.navigate("/users", { replace: true })),
      );
    return;
  }
  if (ctx.signal.aborted) return;
  if (!me) {
    ctx.navigate(`/signin?next=${encodeURIComponent("/users")}`, { replace: true });
    return;
  }
  if (me.role !== "admin") {
    replace(
      ctx.root,
      emptyState(
        "Only admins manage users",
        `You are signed in as ${ROLE_LABELS[me.role] ?? me.role}.`,
        h("a", { class: "btn", href: homeFor(me.role) }, "Go to your start page"),
      ),
    );
    return;
  }
  replace(
    ctx.root,
    h(
      "div",
      { class: "page-queue page-users" },
      h(
        "div",
        { class: "page-heading" },
        h("h1", null, "Users and service tokens"),
        h(
          "p",
          { class: "page-sub muted" },
          "Every change here is recorded in the audit trail. Passwords and token secrets are shown once, never stored in the clear.",
        ),
      ),
      usersSection(me, ctx.signal),
      tokensSection(ctx.signal),
    ),
  );
}

registerPage({ id: "users", path: "/users", title: "Users", mount });
registerNavLink({ id: "users", label: "Users", href: "/users", order: 50, pages: ["users"], roles: ACCESS.admin });
