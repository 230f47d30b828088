/**
 * Screening routes
 * ================
 *
 * `POST /api/screen`: one application in the contract's "In" format, answered at once (the contract's
 * "Screen" section). Leads, and service tokens with the `screen` scope (an applicant-tracking system
 * calling from its application form). The body is validated by ingest's own zod schema
 * (server/ingest/record.ts), so a record ingest would reject gets ingest's reason as a 400. A screen
 * without `record` is a read for the audit trail (its entry is queued, the answer does not wait for the
 * chain's commit); with `record` it writes, and its entry is committed before the answer.
 */
import { z } from "zod";

import { defineRoute, type RouteDef } from "../http/route.js";
import type { ScreenService } from "./screen.service.js";
import type { ScreenResult } from "./types.js";
import { ACCESS } from "../common/roles.js";

const flag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1");

export function screenRoutes(s: { screen: ScreenService }): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/screen",
      roles: ACCESS.intake,
      scope: "screen",
      summary: "Screen an application",
      query: z.object({ record: flag }),
      body: z.unknown(),
      audit: {
        action: "screen_application",
        // Without `record` a screen writes nothing: a read, answered once its entry is queued.
        queued: ({ query }) => !query.record,
        target: (_ctx, out) => ({ type: "application", id: (out as ScreenResult).application_id }),
        details: (_ctx, out) => {
          const r = out as ScreenResult;
          return {
            decision: r.decision,
            risk_score: r.risk_score,
            run_id: r.run_id,
            recorded: r.recorded,
            watchlist_hits: r.watchlist_hits.map((h) => h.identifier),
            linked_clusters: r.linked_clusters.map((c) => c.id),
          };
        },
      },
      handler: async ({ query, body, principal }) =>
        s.screen.screen(body, { record: query.record, by: principal?.username ?? "unknown" }),
    }),
  ];
}
