/**
 * User and service-token routes
 * =============================
 *
 * Admin only (users and settings), except the list of people a case can be assigned to.
 */
import { z } from "zod";

import { actorOf } from "../audit/actor.js";
import { TOKEN_SCOPES, USER_ROLES } from "../common/users.js";
import type { UsersService } from "./users.service.js";
import { defineRoute, type RouteDef } from "../http/route.js";
import { ACCESS } from "../common/roles.js";

const Id = z.object({ id: z.string().uuid() });

export function usersRoutes(s: { users: UsersService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/users",
      roles: ACCESS.admin,
      summary: "List users",
      handler: async () => ({ users: await s.users.list() }),
    }),
    defineRoute({
      method: "get",
      path: "/api/users/assignable",
      roles: ACCESS.investigate,
      summary: "List who cases can be assigned to",
      handler: async () => ({
        users: (await s.users.list())
          .filter((u) => !u.disabled && (u.role === "investigator" || u.role === "lead"))
          .map((u) => ({ username: u.username, display_name: u.display_name, role: u.role })),
      }),
    }),
    defineRoute({
      method: "post",
      path: "/api/users",
      roles: ACCESS.admin,
      summary: "Create a user",
      body: z.object({
        username: z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "2-64 lower-case letters, digits, dots, dashes or underscores"),
        display_name: z.string().trim().min(1).max(128).optional(),
        role: z.enum(USER_ROLES),
        password: z.string().min(1).max(256).optional(),
      }),
      handler: async (ctx) => s.users.create(ctx.body, actorOf(ctx)),
    }),
    defineRoute({
      method: "patch",
      path: "/api/users/:id",
      roles: ACCESS.admin,
      summary: "Change a user's role, name or access",
      params: Id,
      body: z
        .object({
          role: z.enum(USER_ROLES).optional(),
          display_name: z.string().trim().min(1).max(128).optional(),
          disabled: z.boolean().optional(),
        })
        .refine((b) => Object.keys(b).length > 0, "nothing to change"),
      handler: async (ctx) => ({ user: await s.users.update(ctx.params.id, ctx.body, actorOf(ctx)) }),
    }),
    defineRoute({
      method: "post",
      path: "/api/users/:id/reset-password",
      roles: ACCESS.admin,
      summary: "Reset a user's password",
      params: Id,
      handler: async (ctx) => s.users.resetPassword(ctx.params.id, actorOf(ctx)),
    }),
    defineRoute({
      method: "get",
      path: "/api/tokens",
      roles: ACCESS.admin,
      summary: "List service tokens",
      handler: async () => ({ tokens: await s.users.listTokens() }),
    }),
    defineRoute({
      method: "post",
      path: "/api/tokens",
      roles: ACCESS.admin,
      summary: "Issue a service token",
      body: z.object({
        name: z.string().trim().min(1).max(64),
        scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
        expires_days: z.number().int().min(1).max(3650).nullable().optional(),
      }),
      handler: async (ctx) => s.users.createToken(ctx.body, actorOf(ctx)),
    }),
    defineRoute({
      method: "delete",
      path: "/api/tokens/:id",
      roles: ACCESS.admin,
      summary: "Revoke a service token",
      params: Id,
      handler: async (ctx) => ({ token: await s.users.revokeToken(ctx.params.id, actorOf(ctx)) }),
    }),
  ];
}
