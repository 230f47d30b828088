/**
 * Session cookies
 * ===============
 *
 * `rs_session` carries the session secret: httpOnly (no script can read it) and SameSite=Strict (no
 * other site can make the browser send it). `rs_csrf` carries the CSRF secret: readable by the page,
 * which echoes it in the `X-CSRF-Token` header of state-changing requests (double submit); its hash is
 * also kept on the server-side session, so a cookie planted by a sibling host does not pass.
 */
import { parse, serialize } from "cookie";

export const SESSION_COOKIE = "rs_session";
export const CSRF_COOKIE = "rs_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function readCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? parse(header) : {};
}

export function signInCookies(sessionToken: string, csrfToken: string, expiresAt: string, secure: boolean): string[] {
  const expires = new Date(expiresAt);
  return [
    serialize(SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: "strict", path: "/", secure, expires }),
    serialize(CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: "strict", path: "/", secure, expires }),
  ];
}

export function signOutCookies(secure: boolean): string[] {
  const expires = new Date(0);
  return [
    serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "strict", path: "/", secure, expires }),
    serialize(CSRF_COOKIE, "", { httpOnly: false, sameSite: "strict", path: "/", secure, expires }),
  ];
}
