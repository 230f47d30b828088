/**
 * Cluster routes
 * ==============
 *
 * Clusters of the latest finished run (page, one, successors), explanations between two applications
 * and node neighbourhoods for the client's "expand". Thin: validate, call one service method.
 */
import { z } from "zod";

import { PATTERNS } from "../common/detection.js";
import { TRIAGE_STATES } from "../common/triage.js";
import { defineRoute, Pagination, Reply, type RouteDef } from "../http/route.js";
import type { ClustersService } from "./clusters.service.js";
import type { ExplainService } from "./explain.service.js";
import type { NeighbourhoodService } from "./neighbourhood.service.js";
import { ACCESS } from "../common/roles.js";

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

export function clustersRoutes(s: {
  clusters: ClustersService;
  explain: ExplainService;
  neighbourhood: NeighbourhoodService;
}): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/clusters",
      roles: ACCESS.investigate,
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
      roles: ACCESS.investigate,
      summary: "View a cluster",
      audit: "view_cluster",
      params: z.object({ id: clusterId }),
      query: z.object({ run: runId.optional() }),
      // Sent as the cached UTF-8 JSON: building, serialising and encoding a large detail was most of its cost.
      handler: async ({ params, query }) => {
        const json = await s.clusters.getJson(params.id, query.run);
        return Reply.raw((res) => void res.status(200).type("application/json").send(json));
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/clusters/:id/successors",
      roles: ACCESS.investigate,
      summary: "Find where a cluster's applications are now",
      audit: "view_cluster",
      params: z.object({ id: clusterId }),
      handler: async ({ params }) => s.clusters.successors(params.id),
    }),
    defineRoute({
      method: "get",
      path: "/api/explain",
      roles: ACCESS.investigate,
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
      roles: ACCESS.investigate,
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
