/**
 * Detection routes
 * ================
 *
 * Runs (start, list, one with its diff), clusters of the latest finished run (page, one), explanations
 * between two applications and node neighbourhoods for the client's "expand". Thin: validate, call one
 * service method.
 */
import { z } from "zod";

import { PATTERNS } from "../detect/types.js";
import { TRIAGE_STATES } from "../triage/types.js";
import { defineRoute, Pagination, Reply, type RouteDef } from "../http/route.js";
import type { ClustersService } from "../services/clusters.service.js";
import type { ExplainService } from "../services/explain.service.js";
import type { NeighbourhoodService } from "../services/neighbourhood.service.js";
import type { RunsService } from "../services/runs.service.js";

const READERS = ["investigator", "lead"] as const;
const RUN_READERS = ["investigator", "lead", "auditor"] as const;

const runId = z.string().min(1).max(64);
const clusterId = z.string().min(1).max(64);
const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "expected a date (YYYY-MM-DD) or an ISO-8601 date-time",
});
const flag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1");

const definedOnly = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function detectionRoutes(s: {
  runs: RunsService;
  clusters: ClustersService;
  explain: ExplainService;
  neighbourhood: NeighbourhoodService;
}): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/detect",
      roles: ["lead", "service"],
      scope: "detect",
      summary: "Start a detection run",
      audit: { action: "detection_run", target: () => null },
      handler: async ({ principal }) => Reply.json(202, await s.runs.start(`api:${principal?.username ?? "unknown"}`)),
    }),
    defineRoute({
      method: "get",
      path: "/api/runs",
      roles: RUN_READERS,
      summary: "List detection runs",
      query: Pagination,
      handler: async ({ query }) => s.runs.list(query.limit, query.offset),
    }),
    defineRoute({
      method: "get",
      path: "/api/runs/:id",
      roles: RUN_READERS,
      summary: "View a detection run",
      audit: { action: "view_run", target: ({ params }) => ({ type: "run", id: params.id }) },
      params: z.object({ id: runId }),
      // Auditors see a run's counts and parameters, not the identifiers it judged common infrastructure.
      handler: async ({ params, principal }) => s.runs.get(params.id, { personalData: principal?.role !== "auditor" }),
    }),
    defineRoute({
      method: "get",
      path: "/api/clusters",
      roles: READERS,
      summary: "List clusters",
      // A search by member name, id or identifier (`q`) is as telling as a search; the list is recorded too.
      audit: {
        action: "list_clusters",
        target: () => null,
        details: ({ query }, out) => ({ ...definedOnly(query), total: (out as { total?: number }).total ?? null }),
      },
      query: Pagination.extend({
        run: runId.optional(),
        level: z.enum(["high", "medium", "low"]).optional(),
        pattern: z.enum(PATTERNS).optional(),
        min_size: z.coerce.number().int().min(2).max(1_000_000).optional(),
        new_since: runId.optional(),
        // One state or several, comma-separated: `triage=new,in_review,grown_since_dismissed`.
        triage: z
          .string()
          .max(200)
          .transform((v) => [...new Set(v.split(",").map((x) => x.trim()))])
          .pipe(z.array(z.enum(TRIAGE_STATES)).min(1))
          .optional(),
        q: z.string().trim().min(2, "q needs at least 2 characters").max(200).optional(),
        from: dateOrTime.optional(),
        to: dateOrTime.optional(),
      }),
      handler: async ({ query }) => s.clusters.list(query),
    }),
    defineRoute({
      method: "get",
      path: "/api/clusters/:id",
      roles: READERS,
      summary: "View a cluster",
      audit: "view_cluster",
      params: z.object({ id: clusterId }),
      query: z.object({ run: runId.optional() }),
      handler: async ({ params, query }) => s.clusters.get(params.id, query.run),
    }),
    defineRoute({
      method: "get",
      path: "/api/clusters/:id/successors",
      roles: READERS,
      summary: "Find where a cluster's applications are now",
      audit: "view_cluster",
      params: z.object({ id: clusterId }),
      handler: async ({ params }) => s.clusters.successors(params.id),
    }),
    defineRoute({
      method: "get",
      path: "/api/explain",
      roles: READERS,
      summary: "Explain a link",
      audit: { action: "explain_link", target: () => null },
      query: z.object({
        a: z.string().min(1).max(128),
        b: z.string().min(1).max(128),
        include_common: flag,
        max_degree: z.coerce.number().int().min(2).max(100_000).default(50),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
      handler: async ({ query }) =>
        s.explain.explain(query.a, query.b, {
          include_common: query.include_common,
          max_degree: query.max_degree,
          limit: query.limit,
        }),
    }),
    defineRoute({
      method: "get",
      path: "/api/nodes/:ref/neighbours",
      roles: READERS,
      summary: "Expand a node",
      audit: { action: "expand_node", target: ({ params }) => ({ type: "node", id: params.ref }) },
      params: z.object({ ref: z.string().min(3).max(600) }),
      query: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      handler: async ({ params, query }) => s.neighbourhood.neighbours(params.ref, query.limit, query.offset),
    }),
  ];
}
