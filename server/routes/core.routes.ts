/**
 * Core routes
 * ===========
 *
 * Health, applications, identifiers and ingest. Thin: validate, call one service method. (Search lives
 * with the entity pages' context in server/explore/.)
 */
import { z } from "zod";

import { defineRoute, Reply, type RouteDef } from "../http/route.js";
import { IDENTIFIER_KINDS } from "../normalise/types.js";
import type { ApplicationService } from "../services/application.service.js";
import type { HealthService } from "../services/health.service.js";
import { idsForAudit } from "../audit/ids.js";
import { INGESTED_IDS, type IngestService } from "../services/ingest.service.js";

const READERS = ["investigator", "lead"] as const;

export function coreRoutes(s: {
  health: HealthService;
  applications: ApplicationService;
  ingest: IngestService;
}): RouteDef[] {
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
      roles: READERS,
      summary: "View an application",
      params: z.object({ id: z.string().min(1).max(128) }),
      audit: "view_application",
      handler: async ({ params }) => s.applications.get(params.id),
    }),
    defineRoute({
      method: "get",
      path: "/api/identifiers/:kind/:value",
      roles: READERS,
      summary: "View an identifier",
      params: z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string().min(1).max(512) }),
      audit: {
        action: "view_identifier",
        target: ({ params }) => ({ type: "identifier", id: `${params.kind}:${params.value}` }),
      },
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      handler: async ({ params, query }) => s.applications.identifier(params.kind, params.value, query.limit),
    }),
    defineRoute({
      method: "post",
      path: "/api/ingest",
      roles: ["lead", "service"],
      scope: "ingest",
      summary: "Ingest applications",
      audit: {
        action: "ingest",
        target: () => null,
        // Which applications were written (a token rewriting a case member's data is traceable), and for a
        // service token, the admin who issued it; auth-hooks.ts adds the cases whose members were touched.
        details: ({ principal }, out) => {
          const o = out as { accepted?: number; rejected?: number; [INGESTED_IDS]?: string[] };
          return {
            accepted: o.accepted ?? null,
            rejected: o.rejected ?? null,
            ...idsForAudit(o[INGESTED_IDS] ?? []),
            ...(principal?.issuedBy ? { token_issued_by: principal.issuedBy } : {}),
          };
        },
      },
      bodyKind: "text",
      body: z.string().min(1, "body is empty: send a JSON array or NDJSON"),
      handler: async ({ body }) =>
        s.ingest.ingest(body, body.trimStart().startsWith("[") ? "application/json" : "application/x-ndjson"),
    }),
  ];
}
