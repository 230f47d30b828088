/**
 * Router and shell
 * ================
 *
 * Draws the app frame (header with the registered navigation and header items, a main region), picks
 * the registered page for the current path, mounts it, and unmounts it (abort + cleanup) on the next
 * navigation. In-app links are plain `<a href>`: the router intercepts ordinary clicks on same-origin
 * links, so middle-click and "open in new tab" still work. See registry.ts to add pages.
 */
import { setUnauthenticatedHandler } from "../api.js";
import { h, replace } from "../ui/dom.js";
import { errorState } from "../ui/states.js";
import {
  registeredHeaderItems,
  registeredNavLinks,
  registeredPages,
  type Cleanup,
  type PageContext,
  type RegisteredPage,
} from "./registry.js";
import { isInAppLink, pickRoute } from "./routes.js";
import { currentUser, homeFor, onSessionChange } from "./session.js";

const APP_NAME = "Ringscope";

interface Mounted {
  page: RegisteredPage | null;
  abort: AbortController;
  cleanup: Cleanup | null;
}

export interface AppShell {
  navigate(href: string, opts?: { replace?: boolean }): void;
}

export function startApp(root: HTMLElement, notFound: (ctx: PageContext) => void): AppShell {
  const nav = h("nav", { class: "app-nav", attrs: { "aria-label": "Main" } });
  const headerItems = h("div", { class: "app-header-items" });
  const header = h(
    "header",
    { class: "app-header" },
    h("a", { class: "skip-link", href: "#main" }, "Skip to content"),
    h(
      "a",
      // "/" is each role's own start page (see `homeFor`).
      { class: "brand", href: "/", attrs: { "aria-label": `${APP_NAME} home` } },
      h("span", { class: "brand-mark", attrs: { "aria-hidden": "true" } }),
      APP_NAME,
    ),
    nav,
    h("div", { class: "app-header-spacer" }),
    headerItems,
  );
  const main = h("main", { id: "main", class: "app-main", attrs: { tabindex: "-1" } });
  replace(root, header, main);
  for (const item of registeredHeaderItems()) {
    const el = h("div", { class: "app-header-item", dataset: { item: item.id } });
    headerItems.append(el);
    item.render(el);
  }

  let mounted: Mounted | null = null;

  // Links show only to the roles that may use their pages; until the session is known, none show.
  let role: string | null = null;
  let currentPageId: string | null = null;
  function renderNav(pageId: string | null): void {
    currentPageId = pageId;
    replace(
      nav,
      registeredNavLinks()
        .filter((l) => role !== null && l.roles.includes(role))
        .map((l) =>
          h(
            "a",
            {
              href: l.href,
              class: "app-nav-link",
              attrs: { "aria-current": pageId && l.pages.includes(pageId) ? "page" : null },
            },
            l.label,
          ),
        ),
    );
  }
  const learnRole = () =>
    void currentUser()
      .then((me) => me?.role ?? null)
      .catch(() => null)
      .then((r) => {
        role = r;
        renderNav(currentPageId);
      });
  learnRole();
  onSessionChange(learnRole);

  function unmount(): void {
    if (!mounted) return;
    mounted.abort.abort();
    try {
      mounted.cleanup?.();
    } catch (err) {
      console.error("router: page cleanup failed", err);
    }
    mounted = null;
  }

  async function route(): Promise<void> {
    unmount();
    const url = new URL(window.location.href);
    let path = url.pathname;
    if (path === "/") {
      const me = await currentUser().catch(() => null);
      path = homeFor(me?.role ?? "");
      history.replaceState(history.state, "", path + url.search);
    }
    const found = pickRoute(registeredPages(), path, (p) => p.compiled);
    const abort = new AbortController();
    const current: Mounted = { page: found?.route ?? null, abort, cleanup: null };
    mounted = current;
    header.hidden = Boolean(found?.route.bare);
    renderNav(found?.route.id ?? null);
    const pageRoot = h("div", { class: "page", dataset: { page: found?.route.id ?? "not-found" } });
    replace(main, pageRoot);
    const ctx: PageContext = {
      params: found?.params ?? {},
      query: url.searchParams,
      root: pageRoot,
      signal: abort.signal,
      navigate,
      replaceQuery(query, opts) {
        if (abort.signal.aborted) return;
        const q = query.toString();
        const href = `${window.location.pathname}${q ? `?${q}` : ""}`;
        if (href === window.location.pathname + window.location.search) return;
        if (opts?.push) history.pushState(null, "", href);
        else history.replaceState(history.state, "", href);
      },
      setTitle(title) {
        if (!abort.signal.aborted) document.title = `${title} · ${APP_NAME}`;
      },
    };
    ctx.setTitle(found?.route.title ?? "Not found");
    if (!found) {
      notFound(ctx);
      return;
    }
    try {
      const cleanup = await found.route.mount(ctx);
      if (abort.signal.aborted) cleanup?.();
      else current.cleanup = cleanup ?? null;
    } catch (err) {
      if (abort.signal.aborted) return;
      console.error(err);
      replace(
        pageRoot,
        errorState("This page could not be shown", err, () => void route()),
      );
    }
  }

  function navigate(href: string, opts?: { replace?: boolean }): void {
    if (opts?.replace) history.replaceState(null, "", href);
    else history.pushState(null, "", href);
    void route().then(() => {
      if (!opts?.replace) main.focus({ preventScroll: true });
    });
    window.scrollTo(0, 0);
  }

  document.addEventListener("click", (e) => {
    const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
    if (!a || e.defaultPrevented) return;
    const href = a.getAttribute("href")!;
    if (href.startsWith("#")) return;
    if (!isInAppLink(a.href, window.location.origin, e, a.getAttribute("target"), a.hasAttribute("download"))) return;
    e.preventDefault();
    const url = new URL(a.href);
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener("popstate", () => void route());
  setUnauthenticatedHandler((next) => {
    if (window.location.pathname.startsWith("/signin")) return;
    navigate(`/signin?next=${encodeURIComponent(next)}`, { replace: true });
  });

  void route();
  return { navigate };
}
