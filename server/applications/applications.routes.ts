/**
 * Application routes
 * ==================
 *
 * Health, applications and identifiers. Thin: validate, call one service method. (Search lives with
 * the entity pages' context in server/explore/, ingest in server/ingest/.)
 */
import { z } from "zod";

import { defineRoute, Reply, type RouteDef } from "../http/route.js";
import { IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { ApplicationService } from "./applications.service.js";
import type { HealthService } from "./health.service.js";
import { ACCESS } from "../common/roles.js";

export function applicationsRoutes(s: { health: HealthService; applications: ApplicationService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/health",
      roles: "public",
      summary: "Check health",
      handler: async () => {
        const h = await s.health.check();
        return h.status === "ok" ? h : Reply.json(503, h);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/applications/:id",
      roles: ACCESS.investigate,
      summary: "View an application",
      params: z.object({ id: z.string().min(1).max(128) }),
      audit: "view_application",
      handler: async ({ params }) => s.applications.get(params.id),
    }),
    defineRoute({
      method: "get",
      path: "/api/identifiers/:kind/:value",
      roles: ACCESS.investigate,
      summary: "View an identifier",
      params: z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().min(1).max(512) }),
      audit: {
        action: "view_identifier",
        target: ({ params }) => ({ type: "identifier", id: `${params.kind}:${params.value}` }),
      },
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      handler: async ({ params, query }) => s.applications.identifier(params.kind, params.value, query.limit),
    }),
  ];
}
