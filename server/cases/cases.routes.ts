/**
 * Case routes
 * ===========
 *
 * Investigators and leads open and work cases; auditors read them (a case is the one place they see
 * applicants' data). Opening and changes are recorded by the service, views by the `audit` field.
 */
import { z } from "zod";

import { actorOf } from "../audit/actor.js";
import type { CaseService } from "./cases.service.js";
import { MAX_SELECTION } from "./cases.service.js";
import { CASE_STATUSES } from "../common/api/cases.js";
import { defineRoute, Pagination, Reply, type RouteDef } from "../http/route.js";
import { ACCESS } from "../common/roles.js";

const CaseId = z.object({ id: z.string().regex(/^CASE-\d{4,}$/, "a case id like CASE-0001") });
const appId = z.string().min(1).max(128);
const ref = z.string().min(3).max(600);
const NOTES_MAX = 100_000;

export function casesRoutes(s: { cases: CaseService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/cases",
      roles: ACCESS.review,
      summary: "List cases",
      audit: { action: "list_cases", target: () => null },
      query: Pagination.extend({
        status: z.enum(CASE_STATUSES).optional(),
        assignee: z.string().min(1).max(128).optional(),
        q: z.string().trim().min(1).max(200).optional(),
      }),
      handler: async ({ query }) => ({ ...(await s.cases.list(query)), limit: query.limit, offset: query.offset }),
    }),
    defineRoute({
      method: "post",
      path: "/api/cases",
      roles: ACCESS.investigate,
      summary: "Open a case",
      body: z
        .object({
          title: z.string().trim().max(200).optional(),
          cluster_id: z.string().min(1).max(64).optional(),
          run_id: z.string().min(1).max(64).optional(),
          application_ids: z.array(appId).max(MAX_SELECTION).optional(),
          identifiers: z.array(ref).max(500).optional(),
          assignee: z.string().min(1).max(128).optional(),
          notes: z.string().max(NOTES_MAX).optional(),
          confirm_duplicate: z.boolean().optional(),
        })
        .refine((b) => Boolean(b.cluster_id) !== Boolean(b.application_ids?.length), {
          message: "give either cluster_id or application_ids",
        }),
      handler: async (ctx) => Reply.json(201, await s.cases.open(ctx.body, actorOf(ctx))),
    }),
    defineRoute({
      method: "get",
      path: "/api/cases/:id",
      roles: ACCESS.review,
      summary: "View a case",
      params: CaseId,
      audit: "view_case",
      handler: async ({ params }) => s.cases.get(params.id),
    }),
    defineRoute({
      method: "patch",
      path: "/api/cases/:id",
      roles: ACCESS.investigate,
      summary: "Change a case",
      params: CaseId,
      body: z
        .object({
          version: z.number().int().min(1).optional(),
          title: z.string().trim().min(1).max(200).optional(),
          status: z.enum(CASE_STATUSES).optional(),
          assignee: z.string().min(1).max(128).nullable().optional(),
          notes: z.string().max(NOTES_MAX).optional(),
          pin_applications: z.array(appId).max(500).optional(),
          unpin_applications: z.array(appId).max(500).optional(),
          pin_identifiers: z.array(ref).max(500).optional(),
          unpin_identifiers: z.array(ref).max(500).optional(),
        })
        .refine((b) => Object.keys(b).some((k) => k !== "version"), "nothing to change"),
      handler: async (ctx) => s.cases.update(ctx.params.id, ctx.body, actorOf(ctx)),
    }),
  ];
}
