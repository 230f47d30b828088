/**
 * Ingest route
 * ============
 *
 * `POST /api/ingest`: a JSON array or NDJSON body through the same pipeline as the CLI. Thin:
 * validate, call one service method.
 */
import { z } from "zod";

import { idsForAudit } from "../audit/ids.js";
import { defineRoute, type RouteDef } from "../http/route.js";
import { INGESTED_IDS } from "../audit/written.js";
import type { IngestService } from "./ingest.service.js";
import { ACCESS } from "../common/roles.js";

export function ingestRoutes(s: { ingest: IngestService }): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/ingest",
      roles: ACCESS.intake,
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
