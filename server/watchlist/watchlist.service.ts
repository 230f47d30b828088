/**
 * Watchlist service
 * =================
 *
 * Hand-added entries (a lead names an identifier, a reason and an optional expiry; the value is normalised
 * as ingest does) and the automatic part: every identifier of the applications of a cluster triaged
 * `confirmed_ring`, except what is too widely used to mark anyone (common infrastructure of the latest
 * run, or more applications than detection's hard cap for its kind). `syncConfirmed` rebuilds the
 * automatic part from the verdicts; it runs before each detection run, on every watchlist read, after a
 * verdict when the triage module calls it, and every `syncSeconds` in the server.
 */
import crypto from "node:crypto";

import { DEFAULT_DETECT_OPTIONS, hardCapOf } from "../detect/options.js";
import { NotFoundError, ValidationError } from "../common/errors.js";
import { normaliseAs } from "../normalise/identifier.js";
import { LABEL_KIND, type IdentifierKind } from "../common/identifiers.js";
import type { LatestRun } from "../runs/latest-run.js";
import type { WatchlistEntry, WatchlistHit } from "../common/api/watchlist.js";
import { asHits } from "./types.js";
import type { AutoEntry, WatchlistRepository } from "./watchlist.repository.js";

export class WatchlistService {
  private syncing: Promise<{ removed: number; written: number }> | null = null;

  constructor(
    private readonly repo: WatchlistRepository,
    private readonly latest: LatestRun,
  ) {}

  async list(p: { active: boolean; limit: number; offset: number }) {
    await this.syncConfirmed();
    const page = await this.repo.list(p);
    return { ...page, limit: p.limit, offset: p.offset };
  }

  async add(
    input: { kind: IdentifierKind; value: string; reason: string; expires_at?: string | undefined },
    addedBy: string,
  ): Promise<WatchlistEntry> {
    const id = normaliseAs(input.kind, input.value);
    if (!id || !id.links)
      throw new ValidationError(`"${input.value}" is not a ${input.kind} that can link applications`);
    let expires: string | null = null;
    if (input.expires_at) {
      const t = Date.parse(input.expires_at);
      if (Number.isNaN(t) || t <= Date.now()) throw new ValidationError("expires_at must be a date-time in the future");
      expires = new Date(t).toISOString();
    }
    const entry = await this.repo.add({
      id: crypto.randomUUID(),
      ref: `${id.kind}:${id.key}`,
      kind: id.kind,
      key: id.key,
      reason: input.reason,
      added_by: addedBy,
      expires_at: expires,
    });
    return entry;
  }

  async remove(id: string): Promise<WatchlistEntry> {
    const entry = await this.repo.remove(id);
    if (!entry) throw new NotFoundError(`no hand-added watchlist entry "${id}"`);
    return entry;
  }

  /** Active entries naming any of these refs, as the screening answer lists them. */
  async hits(refs: string[]): Promise<WatchlistHit[]> {
    return asHits(await this.repo.hits(refs));
  }

  /** Rebuilds the automatic entries from the `confirmed_ring` verdicts; concurrent calls share one pass. */
  syncConfirmed(): Promise<{ removed: number; written: number }> {
    this.syncing ??= this.doSync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async doSync(): Promise<{ removed: number; written: number }> {
    const [rows, runId] = await Promise.all([this.repo.confirmedIdentifiers(), this.latest.id()]);
    const common = await this.latest.commonInfrastructure(runId);
    const entries = new Map<string, AutoEntry>();
    for (const r of rows) {
      const kind = LABEL_KIND[r.label];
      if (!kind) continue;
      const ref = `${kind}:${r.key}`;
      if (common.has(ref) || r.uses > hardCapOf(DEFAULT_DETECT_OPTIONS, kind, r.key)) continue;
      const id = `ring:${r.cluster_id}:${ref}`;
      entries.set(id, {
        id,
        ref,
        kind,
        key: r.key,
        cluster_id: r.cluster_id,
        reason: `identifier of cluster ${r.cluster_id}, triaged as a confirmed ring`,
        added_by: r.verdict_by,
      });
    }
    return this.repo.replaceAuto([...entries.values()]);
  }
}
