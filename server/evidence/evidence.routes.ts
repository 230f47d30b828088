/**
 * Evidence routes
 * ===============
 *
 * Leads export a case as a signed ZIP; anyone may fetch the server's public key to check one.
 */
import { z } from "zod";

import { actorOf } from "../audit/actor.js";
import type { EvidenceService } from "./evidence.service.js";
import { DEFAULT_REDACTION, FIELD_LABELS, REDACTABLE_FIELDS, REDACTION_MODES } from "./redaction.js";
import { TLP_LEVELS, TLP_MEANING } from "./tlp.js";
import { defineRoute, Reply, type RouteDef } from "../http/route.js";
import { ACCESS } from "../common/roles.js";

export function evidenceRoutes(s: { evidence: EvidenceService }): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/cases/:id/export",
      roles: ACCESS.lead,
      summary: "Export an evidence package",
      params: z.object({ id: z.string().regex(/^CASE-\d{4,}$/, "a case id like CASE-0001") }),
      body: z.object({
        tlp: z.enum(TLP_LEVELS),
        redaction: z.partialRecord(z.enum(REDACTABLE_FIELDS), z.enum(REDACTION_MODES)).optional(),
        purpose: z.string().max(500).optional(),
        recipient: z.string().max(300).optional(),
        include_notes: z.boolean().optional(),
        release_unlisted_contacts: z.boolean().optional(),
      }),
      handler: async (ctx) => {
        const pkg = await s.evidence.export(ctx.params.id, ctx.body, actorOf(ctx));
        return Reply.raw((res) => {
          res.setHeader("Content-Type", "application/zip");
          res.setHeader("Content-Disposition", `attachment; filename="${pkg.filename}"`);
          res.setHeader("X-Manifest-SHA256", pkg.manifestSha256);
          res.setHeader("X-Export-Id", pkg.manifest.export_id);
          res.setHeader("Cache-Control", "no-store");
          res.status(200).send(pkg.zip);
        });
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/evidence/options",
      roles: ACCESS.lead,
      summary: "List export options",
      handler: async () => ({
        fields: REDACTABLE_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f], default: DEFAULT_REDACTION[f] })),
        modes: REDACTION_MODES,
        tlp: TLP_LEVELS.map((level) => ({ level, meaning: TLP_MEANING[level] })),
      }),
    }),
    defineRoute({
      method: "get",
      path: "/api/evidence/public-key",
      roles: "public",
      summary: "Show the evidence signing key",
      handler: async () => s.evidence.publicKey(),
    }),
  ];
}
