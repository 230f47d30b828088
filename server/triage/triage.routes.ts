/**
 * Triage routes
 * =============
 *
 * A cluster's verdict: read it with its history and open cases, or set it (investigators and leads;
 * recorded in the audit trail with the state, reason and run).
 */
import { z } from "zod";

import { defineRoute, type RouteDef } from "../http/route.js";
import { NOTE_MAX, type TriageService } from "./triage.service.js";
import { DISMISS_REASONS, TRIAGE_REQUEST_STATES, type TriageView } from "../common/triage.js";
import { ACCESS } from "../common/roles.js";

const ClusterId = z.object({ id: z.string().min(1).max(64) });

export function triageRoutes(s: { triage: TriageService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/clusters/:id/triage",
      roles: ACCESS.investigate,
      summary: "View a cluster's triage",
      params: ClusterId,
      handler: async ({ params }) => s.triage.get(params.id),
    }),
    defineRoute({
      method: "put",
      path: "/api/clusters/:id/triage",
      roles: ACCESS.investigate,
      summary: "Set a cluster's triage",
      params: ClusterId,
      body: z.strictObject({
        state: z.enum(TRIAGE_REQUEST_STATES),
        reason: z.enum(DISMISS_REASONS).optional(),
        note: z.string().max(NOTE_MAX).optional(),
        run_id: z.string().min(1).max(64).optional(),
      }),
      audit: {
        action: "triage_update",
        target: ({ params }) => ({ type: "cluster", id: params.id }),
        details: (_ctx, out) => {
          const v = out as TriageView;
          return { state: v.state, reason: v.reason, run_id: v.run_id, note: Boolean(v.note) };
        },
      },
      handler: async ({ params, body, principal }) => s.triage.set(params.id, body, principal!.username),
    }),
  ];
}
