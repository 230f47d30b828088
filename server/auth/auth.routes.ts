/**
 * Auth routes
 * ===========
 *
 * Sign-in and sign-out (cookies set and cleared here), who am I, and changing one's own password.
 */
import { z } from "zod";

import { actorOf } from "../audit/actor.js";
import type { AuthService } from "./auth.service.js";
import { signInCookies, signOutCookies } from "./cookies.js";
import { PASSWORD_MAX_LENGTH } from "../credentials/password.js";
import { defineRoute, Reply, type RouteDef } from "../http/route.js";
import { ACCESS } from "../common/roles.js";

export function authRoutes(s: { auth: AuthService }, opts: { secureCookies: boolean }): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/auth/signin",
      roles: "public",
      summary: "Sign in",
      body: z.object({
        username: z.string().trim().min(1).max(128),
        password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
      }),
      handler: async (ctx) => {
        const r = await s.auth.signIn(ctx.body.username, ctx.body.password, actorOf(ctx));
        return Reply.raw((res) => {
          res.setHeader("Set-Cookie", signInCookies(r.sessionToken, r.csrfToken, r.expiresAt, opts.secureCookies));
          res.setHeader("Cache-Control", "no-store");
          res.status(200).json({ user: r.me, expires_at: r.expiresAt });
        });
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/signout",
      roles: "public",
      summary: "Sign out",
      handler: async (ctx) => {
        await s.auth.signOut(actorOf(ctx));
        return Reply.raw((res) => {
          res.setHeader("Set-Cookie", signOutCookies(opts.secureCookies));
          res.status(204).end();
        });
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/auth/me",
      roles: [...ACCESS.signedIn, "service"],
      summary: "Show who is signed in",
      handler: async ({ principal }) => s.auth.me(principal!),
    }),
    defineRoute({
      method: "post",
      path: "/api/auth/password",
      roles: ACCESS.signedIn,
      summary: "Change one's own password",
      body: z.object({
        current_password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
        new_password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
      }),
      handler: async (ctx) => {
        await s.auth.changePassword(ctx.body.current_password, ctx.body.new_password, actorOf(ctx));
        return Reply.json(200, { changed: true });
      },
    }),
  ];
}
