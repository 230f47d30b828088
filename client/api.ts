/**
 * API client
 * ==========
 *
 * Every call to the server goes through here: same-origin credentials (the session cookie), the
 * `X-CSRF-Token` header echoing the `rs_csrf` cookie on state-changing requests, errors turned into
 * `ApiError` with the server's `{ error: { code, message } }`, and a 401 answered by signing in again
 * in place (a dialog, see app/reauth.ts) and sending the request once more, so a save made after the
 * session expired goes through; without that (a signed-out visit) the browser goes to the sign-in page
 * with the current location as `next`. Response types are the server's own (type-only
 * imports), so a change to a payload fails the type check here.
 */
import type { ApplicationView, IdentifierUsage } from "../server/common/api/applications.js";
import type {
  ApplicationContext,
  FullSearchResult as SearchResult,
  IdentifierContext,
} from "../server/common/api/explore.js";
import type { ClusterDetail, ClustersPage, ClusterSuccessors } from "../server/common/api/clusters.js";
import type { TriageInput, TriageView } from "../server/common/triage.js";
import type { Explanation, Neighbourhood } from "../server/common/api/clusters.js";
import type { RunDetail, RunSummary } from "../server/common/api/runs.js";

export type {
  ApplicationContext,
  ClusterDetail,
  ClustersPage,
  ClusterSuccessors,
  Explanation,
  IdentifierContext,
  Neighbourhood,
  SearchResult,
  TriageView,
};
/** `props.raw` holds the record's contract fields as typed (see ApplicationService.get). */
export type ApplicationDetail = ApplicationView;
export type IdentifierDetail = IdentifierUsage & { normalised: string };
export type RunsPage = { runs: RunSummary[]; total: number; limit: number; offset: number };
export type { RunDetail };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Where a 401 sends the browser; the router replaces this with an in-app navigation. */
let onUnauthenticated = (next: string): void => {
  window.location.assign(`/signin?next=${encodeURIComponent(next)}`);
};

export function setUnauthenticatedHandler(handler: (next: string) => void): void {
  onUnauthenticated = handler;
}

/**
 * Signs in again without leaving the page; resolves true when a new session is in place. Returns null
 * when it does not apply (nobody was signed in on this page), and the 401 then goes to the sign-in page.
 */
let reauthenticate: (() => Promise<boolean> | null) | null = null;

export function setReauthHandler(handler: () => Promise<boolean> | null): void {
  reauthenticate = handler;
}

export const CSRF_COOKIE = "rs_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** A cookie's value from a `document.cookie` string. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export interface RequestOptions {
  query?: URLSearchParams | Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect on 401 (the sign-in page itself). */
  noAuthRedirect?: boolean;
}

function withQuery(path: string, query: RequestOptions["query"]): string {
  if (!query) return path;
  const q = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams))
    for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes("?") ? "&" : "?"}${s}` : path;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, opts);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401 || opts.noAuthRedirect) throw err;
    if (window.location.pathname.startsWith("/signin")) throw err;
    const again = reauthenticate?.() ?? null;
    if (again && (await again)) return send<T>(method, path, opts);
    onUnauthenticated(window.location.pathname + window.location.search);
    throw err;
  }
}

async function send<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") {
    const csrf = readCookie(document.cookie, CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null; // an HTML error page from a proxy, say: keep the status
  }
  if (res.ok) return json as T;
  const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  throw new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? `${res.status} ${res.statusText}`,
    err?.details,
  );
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("POST", path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PUT", path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PATCH", path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>("DELETE", path, opts),

  clusters: (query: URLSearchParams, signal?: AbortSignal) => api.get<ClustersPage>("/api/clusters", { query, signal }),
  cluster: (id: string, run: string | null, signal?: AbortSignal) =>
    api.get<ClusterDetail>(`/api/clusters/${encodeURIComponent(id)}`, { query: { run }, signal }),
  explain: (a: string, b: string, signal?: AbortSignal) =>
    api.get<Explanation>("/api/explain", { query: { a, b }, signal }),
  neighbours: (ref: string, limit: number, offset: number, signal?: AbortSignal) =>
    api.get<Neighbourhood>(`/api/nodes/${encodeURIComponent(ref)}/neighbours`, { query: { limit, offset }, signal }),
  application: (id: string, signal?: AbortSignal) =>
    api.get<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, { signal }),
  identifier: (kind: string, value: string, signal?: AbortSignal) =>
    api.get<IdentifierDetail>(`/api/identifiers/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`, { signal }),
  search: (q: string, signal?: AbortSignal, limit?: number) =>
    api.get<SearchResult>("/api/search", { query: { q, limit }, signal }),
  applicationContext: (id: string, signal?: AbortSignal) =>
    api.get<ApplicationContext>(`/api/applications/${encodeURIComponent(id)}/context`, { signal }),
  identifierContext: (kind: string, value: string, signal?: AbortSignal) =>
    api.get<IdentifierContext>(`/api/identifiers/${encodeURIComponent(kind)}/${encodeURIComponent(value)}/context`, {
      signal,
    }),
  runs: (signal?: AbortSignal, query?: { limit?: number; offset?: number }) =>
    api.get<RunsPage>("/api/runs", { signal, query }),
  triage: (id: string, signal?: AbortSignal) =>
    api.get<TriageView>(`/api/clusters/${encodeURIComponent(id)}/triage`, { signal }),
  setTriage: (id: string, body: TriageInput) =>
    api.put<TriageView>(`/api/clusters/${encodeURIComponent(id)}/triage`, body),
  successors: (id: string, signal?: AbortSignal) =>
    api.get<ClusterSuccessors>(`/api/clusters/${encodeURIComponent(id)}/successors`, { signal }),
  run: (id: string, signal?: AbortSignal) => api.get<RunDetail>(`/api/runs/${encodeURIComponent(id)}`, { signal }),
};
