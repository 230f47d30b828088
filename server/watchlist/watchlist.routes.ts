/**
 * Watchlist routes
 * ================
 *
 * List the watchlist (investigators and leads), add an identifier by hand with a reason and an optional
 * expiry, and remove a hand-added entry (leads). Automatic entries follow the `confirmed_ring` verdicts.
 */
import { z } from "zod";

import { defineRoute, Pagination, Reply, type RouteDef } from "../http/route.js";
import { IDENTIFIER_KINDS } from "../common/identifiers.js";
import type { WatchlistEntry } from "../common/api/watchlist.js";
import type { WatchlistService } from "./watchlist.service.js";
import { ACCESS } from "../common/roles.js";

const flag = (def: "true" | "false") =>
  z
    .enum(["true", "false", "1", "0"])
    .default(def)
    .transform((v) => v === "true" || v === "1");

export function watchlistRoutes(s: { watchlist: WatchlistService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/watchlist",
      roles: ACCESS.investigate,
      summary: "List the watchlist",
      query: Pagination.extend({ active: flag("true") }),
      handler: async ({ query }) => s.watchlist.list(query),
    }),
    defineRoute({
      method: "post",
      path: "/api/watchlist",
      roles: ACCESS.lead,
      summary: "Add to the watchlist",
      body: z.object({
        kind: z.enum(IDENTIFIER_KINDS),
        value: z.string().trim().min(1).max(600),
        reason: z.string().trim().min(3, "give a reason (at least 3 characters)").max(1000),
        expires_at: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
      }),
      audit: {
        action: "watchlist_add",
        target: (_ctx, out) => ({ type: "watchlist_entry", id: ((out as Reply).body as WatchlistEntry).id }),
        details: (_ctx, out) => {
          const e = (out as Reply).body as WatchlistEntry;
          return { ref: e.ref, reason: e.reason, expires_at: e.expires_at ?? null };
        },
      },
      handler: async ({ body, principal }) =>
        Reply.json(201, await s.watchlist.add(body, principal?.username ?? "unknown")),
    }),
    defineRoute({
      method: "delete",
      path: "/api/watchlist/:id",
      roles: ACCESS.lead,
      summary: "Remove from the watchlist",
      params: z.object({ id: z.string().min(1).max(200) }),
      audit: "watchlist_remove",
      handler: async ({ params }) => s.watchlist.remove(params.id),
    }),
  ];
}
