/**
 * Session state
 * =============
 *
 * Who is signed in (`GET /api/auth/me`, cached until sign-in or sign-out) and a change event the user
 * menu listens to, so the header follows a sign-in that happened inside the app.
 */
import type { Me } from "../../server/common/api/auth.js";
import { api, ApiError } from "../api.js";

export type { Me };

const EVENT = "ringscope:session";
let cached: Promise<Me | null> | null = null;

export function currentUser(): Promise<Me | null> {
  cached ??= api.get<Me>("/api/auth/me", { noAuthRedirect: true }).catch((err: unknown) => {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
    cached = null;
    throw err;
  });
  return cached;
}

export function sessionChanged(): void {
  cached = null;
  window.dispatchEvent(new Event(EVENT));
}

export function onSessionChange(fn: () => void): () => void {
  window.addEventListener(EVENT, fn);
  return () => window.removeEventListener(EVENT, fn);
}

export async function signOut(): Promise<void> {
  await api.post("/api/auth/signout", undefined, { noAuthRedirect: true }).catch(() => undefined);
  sessionChanged();
}

/** A `next` parameter is followed only to a path inside the app (never another origin). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/signin"))
    return "/";
  return next;
}

export const ROLE_LABELS: Record<string, string> = {
  investigator: "Investigator",
  lead: "Lead",
  auditor: "Auditor",
  admin: "Admin",
  service: "Service",
};

/** Where each role starts: investigators and leads in the queue, auditors in the audit trail, admins in users. */
export function homeFor(role: string): string {
  if (role === "auditor") return "/audit";
  if (role === "admin") return "/users";
  return "/clusters";
}
