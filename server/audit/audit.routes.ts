/**
 * Audit routes
 * ============
 *
 * The trail for auditors: filtered pages, newest first, and a check of the whole chain. Reading the
 * trail is itself recorded.
 */
import { z } from "zod";

import { AUDIT_ACTIONS } from "./actions.js";
import type { AuditService } from "./audit.service.js";
import { defineRoute, type RouteDef } from "../http/route.js";
import { ACCESS } from "../common/roles.js";

const isoInstant = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "an ISO-8601 date or date-time")
  .transform((v) => new Date(v).toISOString());
const opt = <T extends z.ZodType>(t: T) => t.optional().transform((v) => v ?? null);

export function auditRoutes(s: { audit: AuditService }): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/audit",
      roles: ACCESS.audit,
      summary: "Read the audit trail",
      query: z.object({
        actor: opt(z.string().trim().min(1).max(128)),
        action: opt(
          z
            .string()
            .max(500)
            .transform((v) =>
              v
                .split(",")
                .map((a) => a.trim())
                .filter(Boolean),
            ),
        ),
        target_type: opt(z.string().min(1).max(64)),
        target_id: opt(z.string().min(1).max(512)),
        outcome: opt(z.enum(["ok", "denied", "failed"])),
        ip: opt(z.string().min(1).max(64)),
        from: opt(isoInstant),
        to: opt(isoInstant),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      }),
      audit: { action: "view_audit", target: () => null },
      handler: async ({ query }) => {
        const { limit, offset, action, ...rest } = query;
        const filters = { ...rest, actions: action && action.length ? action : null };
        const page = await s.audit.list(filters, limit, offset);
        return { ...page, limit, offset, actions: AUDIT_ACTIONS };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/audit/verify",
      roles: ACCESS.audit,
      summary: "Verify the audit chain",
      handler: async () => s.audit.verify(),
    }),
  ];
}
