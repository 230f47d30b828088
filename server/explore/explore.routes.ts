/**
 * Explore routes
 * ==============
 *
 * The header search and the context behind the application and identifier pages. Investigators and
 * leads only (applicants' data outside a case); every call is recorded in the audit trail.
 */
import { z } from "zod";

import { defineRoute, type RouteDef } from "../http/route.js";
import { IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { ExploreService } from "./explore.service.js";
import { ACCESS } from "../common/roles.js";

export function exploreRoutes(s: { explore: ExploreService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/search",
      roles: ACCESS.investigate,
      summary: "Search",
      audit: { action: "search", target: () => null },
      query: z.object({
        q: z.string().trim().min(2, "q needs at least 2 characters").max(200),
        limit: z.coerce.number().int().min(1).max(200).default(25),
      }),
      handler: async ({ query }) => s.explore.search(query.q, query.limit),
    }),
    defineRoute({
      method: "get",
      path: "/api/applications/:id/context",
      roles: ACCESS.investigate,
      summary: "View an application's context",
      params: z.object({ id: z.string().min(1).max(128) }),
      audit: "view_application",
      handler: async ({ params }) => s.explore.application(params.id),
    }),
    defineRoute({
      method: "get",
      path: "/api/identifiers/:kind/:value/context",
      roles: ACCESS.investigate,
      summary: "View an identifier's context",
      params: z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().min(1).max(512) }),
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(500) }),
      audit: {
        action: "view_identifier",
        target: ({ params }) => ({ type: "identifier", id: `${params.kind}:${params.value}` }),
      },
      handler: async ({ params, query }) => s.explore.identifier(params.kind, params.value, query.limit),
    }),
  ];
}
