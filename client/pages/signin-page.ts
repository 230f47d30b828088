/**
 * Sign-in page and user menu
 * ==========================
 *
 * `/signin?next=…`: user name and password; a one-time password leads straight to choosing a new one.
 * Then back to `next` (only paths inside the app). The header's user menu shows who is signed in and
 * signs out.
 */
import { ApiError, api } from "../api.js";
import { registerHeaderItem, registerPage, type PageContext } from "../app/registry.js";
import { h, replace } from "../ui/dom.js";
import { errorMessage } from "../ui/states.js";
import "./casework/casework.css";
import {
  currentUser,
  homeFor,
  onSessionChange,
  ROLE_LABELS,
  safeNext,
  sessionChanged,
  signOut,
  type Me,
} from "../app/session.js";

function field(label: string, input: HTMLInputElement): HTMLElement {
  return h("label", { class: "field auth-field" }, h("span", { class: "field-label" }, label), input);
}

/** `current` is the password just typed at sign-in; null when the page opens on such a session later. */
function passwordForm(ctx: PageContext, card: HTMLElement, current: string | null, done: () => void): void {
  const currentInput = h("input", {
    class: "input",
    type: "password",
    name: "current_password",
    required: true,
    attrs: { autocomplete: "current-password" },
  });
  const next = h("input", {
    class: "input",
    type: "password",
    name: "new_password",
    required: true,
    attrs: { autocomplete: "new-password", minlength: 12 },
  });
  const again = h("input", {
    class: "input",
    type: "password",
    name: "new_password_again",
    required: true,
    attrs: { autocomplete: "new-password" },
  });
  const error = h("p", { class: "auth-error", attrs: { role: "alert" } });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, "Set password");
  const form = h(
    "form",
    { class: "auth-form", attrs: { novalidate: true } },
    h("h1", null, "Choose a new password"),
    h(
      "p",
      { class: "muted" },
      "Your password was set by an administrator. Choose your own: at least 12 characters, not containing your user name.",
    ),
    current === null ? field("One-time password", currentInput) : null,
    field("New password", next),
    field("New password again", again),
    error,
    submit,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (next.value !== again.value) {
      error.textContent = "The two passwords differ.";
      return;
    }
    submit.disabled = true;
    try {
      await api.post(
        "/api/auth/password",
        { current_password: current ?? currentInput.value, new_password: next.value },
        { noAuthRedirect: true, signal: ctx.signal },
      );
      done();
    } catch (err) {
      error.textContent = errorMessage(err);
      submit.disabled = false;
    }
  });
  replace(card, form);
  (current === null ? currentInput : next).focus();
}

function mount(ctx: PageContext): void {
  ctx.setTitle("Sign in");
  const next = safeNext(ctx.query.get("next"));
  const card = h("div", { class: "auth-card" });
  replace(
    ctx.root,
    h(
      "div",
      { class: "auth-page" },
      h(
        "div",
        { class: "auth-brand" },
        h("span", { class: "brand-mark", attrs: { "aria-hidden": "true" } }),
        "Ringscope",
      ),
      card,
    ),
  );
  const username = h("input", {
    class: "input",
    name: "username",
    required: true,
    attrs: { autocomplete: "username", autocapitalize: "none", spellcheck: "false" },
  });
  const password = h("input", {
    class: "input",
    type: "password",
    name: "password",
    required: true,
    attrs: { autocomplete: "current-password" },
  });
  const error = h("p", { class: "auth-error", attrs: { role: "alert" } });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "auth-form", attrs: { "aria-label": "Sign in" } },
    h("h1", null, "Sign in"),
    field("User name", username),
    field("Password", password),
    error,
    submit,
  );
  const finish = (me: Me) => {
    sessionChanged();
    ctx.navigate(next === "/" ? homeFor(me.role) : next, { replace: true });
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!username.value.trim() || !password.value) {
      error.textContent = "Enter your user name and password.";
      return;
    }
    submit.disabled = true;
    submit.textContent = "Signing in…";
    try {
      const r = await api.post<{ user: Me }>(
        "/api/auth/signin",
        { username: username.value.trim(), password: password.value },
        { noAuthRedirect: true, signal: ctx.signal },
      );
      if (r.user.must_change_password) passwordForm(ctx, card, password.value, () => finish(r.user));
      else finish(r.user);
    } catch (err) {
      if (ctx.signal.aborted) return;
      error.textContent =
        err instanceof ApiError && err.code === "rate_limited"
          ? err.message
          : err instanceof ApiError && err.status === 401
            ? "Wrong user name or password."
            : errorMessage(err);
      submit.disabled = false;
      submit.textContent = "Sign in";
      password.select();
    }
  });
  replace(card, form);
  username.focus();
  // A session that still has to replace its one-time password (the page was left half-way) goes on from there.
  void currentUser()
    .then((me) => {
      if (me?.must_change_password && !ctx.signal.aborted) passwordForm(ctx, card, null, () => finish(me));
    })
    .catch(() => undefined);
}

registerPage({ id: "signin", path: "/signin", title: "Sign in", bare: true, mount });

registerHeaderItem({
  id: "user",
  order: 100,
  render(el) {
    const draw = async () => {
      const me: Me | null = await currentUser().catch(() => null);
      if (!me) {
        replace(
          el,
          h(
            "a",
            { class: "btn btn-small", href: `/signin?next=${encodeURIComponent(location.pathname + location.search)}` },
            "Sign in",
          ),
        );
        return;
      }
      const out = h(
        "button",
        {
          class: "btn btn-small btn-ghost",
          type: "button",
          dataset: { action: "signout" },
          on: {
            click: async () => {
              await signOut();
              window.location.assign("/signin");
            },
          },
        },
        "Sign out",
      );
      replace(
        el,
        h(
          "span",
          { class: "user-chip", attrs: { title: me.username } },
          h("span", { class: "user-name" }, me.display_name),
          h("span", { class: "user-role" }, ROLE_LABELS[me.role] ?? me.role),
        ),
        out,
      );
    };
    void draw();
    return onSessionChange(() => void draw());
  },
});
