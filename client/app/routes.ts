/**
 * Route matching
 * ==============
 *
 * Path patterns (`/clusters/:id`) compiled to matchers, and the choice of page for a path: the most
 * specific pattern wins (more fixed segments first), then registration order. Pure, tested in Node.
 */
export interface CompiledPath {
  pattern: string;
  /** Fixed segments count, for specificity. */
  fixed: number;
  match(pathname: string): Record<string, string> | null;
}

export function compilePath(pattern: string): CompiledPath {
  if (!pattern.startsWith("/")) throw new Error(`router: path "${pattern}" must start with "/"`);
  const segments = pattern.split("/").filter(Boolean);
  for (const s of segments)
    if (s.startsWith(":") && !/^:[A-Za-z_]\w*$/.test(s))
      throw new Error(`router: bad parameter "${s}" in "${pattern}"`);
  return {
    pattern,
    fixed: segments.filter((s) => !s.startsWith(":")).length,
    match(pathname) {
      const parts = pathname.split("/").filter(Boolean);
      if (parts.length !== segments.length) return null;
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith(":")) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch {
            return null;
          }
        } else if (seg !== part) return null;
      }
      return params;
    },
  };
}

export function pickRoute<T>(
  routes: readonly T[],
  pathname: string,
  compiled: (route: T) => CompiledPath,
): { route: T; params: Record<string, string> } | null {
  let best: { route: T; params: Record<string, string>; fixed: number } | null = null;
  for (const route of routes) {
    const path = compiled(route);
    const params = path.match(pathname);
    if (params && (!best || path.fixed > best.fixed)) best = { route, params, fixed: path.fixed };
  }
  return best && { route: best.route, params: best.params };
}

/** Whether a click on this link should be handled by the router rather than the browser. */
export function isInAppLink(
  href: string,
  origin: string,
  event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean },
  target: string | null,
  download: boolean,
): boolean {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (download || (target && target !== "_self")) return false;
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return false;
  }
  return url.origin === origin && !url.pathname.startsWith("/api/");
}
