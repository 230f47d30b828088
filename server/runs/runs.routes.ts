/**
 * Run routes
 * ==========
 *
 * Detection runs: start one, list them, one with its diff. Thin: validate, call one service method.
 */
import { z } from "zod";

import { defineRoute, Pagination, Reply, type RouteDef } from "../http/route.js";
import type { RunsService } from "./runs.service.js";
import { ACCESS } from "../common/roles.js";

const runId = z.string().min(1).max(64);

export function runsRoutes(s: { runs: RunsService }): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/detect",
      roles: ACCESS.intake,
      scope: "detect",
      summary: "Start a detection run",
      audit: { action: "detection_run", target: () => null },
      handler: async ({ principal }) => Reply.json(202, await s.runs.start(`api:${principal?.username ?? "unknown"}`)),
    }),
    defineRoute({
      method: "get",
      path: "/api/runs",
      roles: ACCESS.review,
      summary: "List detection runs",
      query: Pagination,
      handler: async ({ query }) => s.runs.list(query.limit, query.offset),
    }),
    defineRoute({
      method: "get",
      path: "/api/runs/:id",
      roles: ACCESS.review,
      summary: "View a detection run",
      audit: { action: "view_run", target: ({ params }) => ({ type: "run", id: params.id }) },
      params: z.object({ id: runId }),
      // Auditors see a run's counts and parameters, not the identifiers it judged common infrastructure.
      handler: async ({ params, principal }) => s.runs.get(params.id, { personalData: principal?.role !== "auditor" }),
    }),
  ];
}
