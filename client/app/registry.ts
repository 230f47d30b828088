/**
 * Page registry
 * =============
 *
 * The app shell knows no page by name: pages, header navigation links and header items (e.g. the
 * signed-in user's menu) register themselves here, and the router and shell read the registry.
 *
 * To add a page (sign-in, cases, audit trail …):
 *   1. create `client/pages/<name>-page.ts` that calls
 *        registerPage({ id: "cases", path: "/cases/:id", title: "Case", mount(ctx) { … return cleanup } });
 *      `mount` renders into `ctx.root`, reads `ctx.params` / `ctx.query`, stops work on `ctx.signal`,
 *      updates its own URL query with `ctx.replaceQuery(q)` and moves elsewhere with `ctx.navigate(href)`.
 *      Use `bare: true` for a page drawn without the header (sign-in).
 *   2. for a header link, in the same file:
 *        registerNavLink({ id: "cases", label: "Cases", href: "/cases", order: 20, pages: ["cases", "case"], roles: ACCESS.review });
 *      (order: Clusters is 10; `pages` are the page ids under which the link shows as current.)
 *   3. for something on the right of the header (user menu, sign out):
 *        registerHeaderItem({ id: "user", order: 10, render(el) { … return cleanup } });
 *   4. add one line to client/pages/index.ts: `import "./<name>-page.js";`
 * A dialog (export) is not a page: open it from a page with client/ui/dialog.ts.
 */
import { compilePath, type CompiledPath } from "./routes.js";

export type Cleanup = () => void;

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  root: HTMLElement;
  /** Aborted when the page is left: pass it to fetches and check it after awaits. */
  signal: AbortSignal;
  navigate(href: string, opts?: { replace?: boolean }): void;
  /** Rewrites the current URL's query without re-mounting the page (filters, selection). */
  replaceQuery(query: URLSearchParams, opts?: { push?: boolean }): void;
  setTitle(title: string): void;
}

export interface PageDefinition {
  id: string;
  path: string;
  title: string;
  /** Drawn without the app header (sign-in). */
  bare?: boolean;
  mount(ctx: PageContext): void | Cleanup | Promise<void | Cleanup>;
}

export interface NavLink {
  id: string;
  label: string;
  href: string;
  order: number;
  /** Page ids under which this link is the current one. */
  pages: string[];
  /** The roles whose routes the page needs: a group of `ACCESS` (server/common/roles.ts), as the routes declare. */
  roles: readonly string[];
}

export interface HeaderItem {
  id: string;
  order: number;
  render(el: HTMLElement): void | Cleanup;
}

export interface RegisteredPage extends PageDefinition {
  compiled: CompiledPath;
}

const pages: RegisteredPage[] = [];
const navLinks: NavLink[] = [];
const headerItems: HeaderItem[] = [];

export function registerPage(page: PageDefinition): void {
  if (pages.some((p) => p.id === page.id)) throw new Error(`registerPage: a page "${page.id}" is already registered`);
  pages.push({ ...page, compiled: compilePath(page.path) });
}

export function registerNavLink(link: NavLink): void {
  if (navLinks.some((l) => l.id === link.id))
    throw new Error(`registerNavLink: a link "${link.id}" is already registered`);
  navLinks.push(link);
  navLinks.sort((a, b) => a.order - b.order);
}

export function registerHeaderItem(item: HeaderItem): void {
  if (headerItems.some((i) => i.id === item.id))
    throw new Error(`registerHeaderItem: an item "${item.id}" is already registered`);
  headerItems.push(item);
  headerItems.sort((a, b) => a.order - b.order);
}

export const registeredPages = (): readonly RegisteredPage[] => pages;
export const registeredNavLinks = (): readonly NavLink[] => navLinks;
export const registeredHeaderItems = (): readonly HeaderItem[] => headerItems;
