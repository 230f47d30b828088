/**
 * Packing a store's application fields
 * ====================================
 *
 * A store written before the descriptive fields were packed into `details` (./application-details.ts)
 * holds them as properties, which no reader looks at any more. Schema application packs them, a page
 * at a time, each page its own transaction (so an interrupted run resumes where it stopped). A store
 * that never held such a property is recognised from its property keys alone, without reading a node.
 */
import { packDetails } from "./application-details.js";
import type { Database } from "./database.js";
import { defineQueries } from "./queries.js";

defineQueries(["migrate/legacy-details-keys", "migrate/legacy-details-page", "migrate/pack-legacy-details"] as const);

/** Applications per transaction: their fields come to this process and go back packed. */
const PAGE = 5_000;

/** Packs every application still stored the old way; returns how many it packed. */
export async function packLegacyDetails(db: Database, opts: { page?: number } = {}): Promise<number> {
  const [found] = await db.read<{ keys: number }>("migrate/legacy-details-keys");
  if (!found?.keys) return 0;
  let packed = 0;
  const tried = new Set<string>();
  for (;;) {
    const rows = await db.read<{ id: string; fields: Record<string, unknown> }>("migrate/legacy-details-page", {
      limit: opts.page ?? PAGE,
    });
    if (!rows.length) return packed;
    // A page of applications already tried once could not be packed (no id to find them by): said, not looped on.
    if (rows.every((row) => tried.has(row.id)))
      throw new Error(
        `packing application details: ${rows.length} applications could not be packed (ids: ${rows
          .slice(0, 3)
          .map((row) => row.id)
          .join(", ")})`,
      );
    for (const row of rows) tried.add(row.id);
    const [r] = await db.write<{ packed: number }>("migrate/pack-legacy-details", {
      rows: rows.map((row) => ({ id: row.id, details: packDetails(row.fields) })),
    });
    // Fewer packed than read: an ingest replaced those meanwhile (and wrote their `details` itself).
    packed += r?.packed ?? 0;
  }
}
