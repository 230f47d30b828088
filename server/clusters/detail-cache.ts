/**
 * Cluster-detail cache
 * ====================
 *
 * A bounded LRU of built cluster details (the object and its JSON) per (run id, cluster id). A finished
 * run's clusters never change; what can change under a cached detail is the graph its members are read
 * from (their properties, identifiers, how many applications use each). So every entry carries the stamp it
 * was built under (the application and USES counts, read from Neo4j's count store at most `stampMaxAgeMs`
 * before, and this process's ingest generation) and is used only while the stamp is unchanged. So a change
 * made through this process is seen at once, one made by another process (a CLI ingest, a detection run)
 * within `stampMaxAgeMs`, and an in-place change by another process (same counts) within the entry's age
 * limit.
 */
import { LRUCache } from "lru-cache";

export interface CachedDetail<D> {
  stamp: string;
  detail: D;
  /** The detail as UTF-8 JSON, encoded once (encoding 40 KB per answer was a tenth of a detail's CPU). */
  json: Buffer;
}

export class DetailCache<D extends object> {
  private readonly lru: LRUCache<string, CachedDetail<D>>;
  /** Hits, misses (absent or stale) and entries dropped as stale, for tests and benchmarks. */
  readonly stats = { hits: 0, misses: 0, stale: 0 };

  constructor(opts: { maxBytes: number; maxAgeMs: number }) {
    this.lru = new LRUCache<string, CachedDetail<D>>({
      // The JSON's length stands for the entry's memory (the object it was made from is about as big again).
      maxSize: opts.maxBytes,
      sizeCalculation: (e) => Math.max(1, e.json.byteLength * 2),
      ttl: opts.maxAgeMs,
    });
  }

  private static key(runId: string, clusterId: string): string {
    return `${runId}\u0000${clusterId}`;
  }

  /** The entry built under `stamp`, or undefined (a stale one is dropped). */
  get(runId: string, clusterId: string, stamp: string): CachedDetail<D> | undefined {
    const key = DetailCache.key(runId, clusterId);
    const e = this.lru.get(key);
    if (e && e.stamp === stamp) {
      this.stats.hits++;
      return e;
    }
    if (e) {
      this.stats.stale++;
      this.lru.delete(key);
    }
    this.stats.misses++;
    return undefined;
  }

  set(runId: string, clusterId: string, entry: CachedDetail<D>): void {
    this.lru.set(DetailCache.key(runId, clusterId), entry);
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}
