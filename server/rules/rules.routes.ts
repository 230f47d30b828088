/**
 * Rules routes
 * ============
 *
 * `GET /api/rules`: each scoring rule's verdict counts, precision with its Wilson interval, contribution
 * to scores and verdict factor. Aggregates only (no applicant data), so auditors may read it too.
 */
import { defineRoute, type RouteDef } from "../http/route.js";
import type { RulesService } from "./rules.service.js";
import { ACCESS } from "../common/roles.js";

export function rulesRoutes(s: { rules: RulesService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/rules",
      roles: ACCESS.review,
      summary: "View rule precision",
      handler: async () => s.rules.rules(),
    }),
  ];
}
