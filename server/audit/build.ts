/**
 * Audit wiring
 * ============
 *
 * One place that builds the audit repository and service with the chain key from the state directory,
 * for the server and the command-line tools alike.
 */
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import { AuditRepository } from "./audit.repository.js";
import { AuditService } from "./audit.service.js";
import { loadOrCreateChainKey, readChainKey, type ChainKey } from "./chain-key.js";

export function buildAudit(
  config: Pick<Config, "stateDir" | "audit">,
  db: Database,
  log: Logger,
): { repo: AuditRepository; service: AuditService } {
  let key: Promise<ChainKey> | null = null;
  const repo: AuditRepository = new AuditRepository(db, async () => {
    // Made on the first append, so `legacy_until_seq` is the head the unkeyed history ended at.
    key ??= loadOrCreateChainKey(config.stateDir, async () => (await repo.head()).seq);
    try {
      return (await key).key;
    } catch (err) {
      key = null;
      throw err;
    }
  });
  const service = new AuditService(repo, {
    log,
    // Verification never creates a key: with none, keyed entries are reported as unverifiable.
    chainKey: async () => readChainKey(config.stateDir),
    maxQueue: config.audit.maxQueue,
    maxBatch: config.audit.maxBatch,
  });
  return { repo, service };
}
