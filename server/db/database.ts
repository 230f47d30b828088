/**
 * Database access
 * ===============
 *
 * The one object through which the rest of the server talks to Neo4j: named queries only, the target
 * database always given, sessions closed in `finally`, results as plain objects. Transaction functions
 * passed to `writeTx`/`readTx` may be retried by the driver and must be safe to run twice.
 */
import neo4j, { type Driver, type ManagedTransaction, type Transaction } from "neo4j-driver";

import { packLegacyDetails } from "./migrate-details.js";
import type { Config } from "../config.js";
import { resolveConnection, openDriver, type Connection } from "./connection.js";
import { queryText, SCHEMA_QUERIES, type QueryName } from "./queries.js";
import { toNative, toParams } from "./to-native.js";

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;
/** One operator of a PROFILEd plan, flattened depth first (`depth` 0 is the root). */
export interface ProfiledOperator {
  depth: number;
  operator: string;
  details: string;
  rows: number;
  dbHits: number;
  pageCacheHits: number;
  pageCacheMisses: number;
  /** Nanoseconds, where the runtime reports it (0 otherwise). */
  time: number;
}

/** Streams one query's rows inside `readSnapshot`'s transaction. */
export type SnapshotStream = <R = Row>(query: QueryName, params?: Params) => AsyncGenerator<R>;

/** One row of a lane's result, read field by field (no object is built per row). */
export interface RowReader {
  get(key: string): unknown;
}

/** One connection of `readLanes`, with its own read transaction; its queries run one after another. */
export interface ReadLane {
  stream: SnapshotStream;
  /** Hands each row to `onRow` as it is decoded; resolves with the row count when the result ends. */
  each(query: QueryName, params: Params, onRow: (row: RowReader) => void): Promise<number>;
  /** The whole result, held (a lane read ahead while another lane's rows are handled). */
  collect(query: QueryName, params?: Params): Promise<RowReader[]>;
}

function readLane(tx: Transaction): ReadLane {
  const each = (query: QueryName, params: Params, onRow: (row: RowReader) => void) =>
    new Promise<number>((resolve, reject) => {
      let rows = 0;
      tx.run(queryText(query), toParams(params) as Params).subscribe({
        onNext: (record) => {
          rows++;
          onRow(record);
        },
        onCompleted: () => resolve(rows),
        onError: reject,
      });
    });
  return {
    stream: async function* <R>(query: QueryName, params: Params = {}) {
      for await (const record of tx.run(queryText(query), toParams(params) as Params)) yield record.toObject() as R;
    },
    each,
    collect: async (query, params = {}) => {
      const rows: RowReader[] = [];
      await each(query, params, (row) => rows.push(row));
      return rows;
    },
  };
}

export interface QueryProfile {
  operators: { depth: number; operator: string; details: string; rows: number; dbHits: number }[];
  dbHits: number;
  /** Server-side milliseconds until the first row, and to consume the rest. */
  availableAfterMs: number;
  consumedAfterMs: number;
}

export interface TxRunner {
  run<T = Row>(name: QueryName, params?: Params): Promise<T[]>;
}

function rowsOf<T>(records: { toObject(): Row }[]): T[] {
  return records.map((r) => toNative(r.toObject()) as T);
}

export class Database {
  constructor(
    readonly driver: Driver,
    readonly name: string,
    readonly connection: Connection,
  ) {}

  async read<T = Row>(query: QueryName, params: Params = {}): Promise<T[]> {
    const res = await this.driver.executeQuery(queryText(query), toParams(params) as Params, {
      database: this.name,
      routing: neo4j.routing.READ,
    });
    return rowsOf<T>(res.records);
  }

  /**
   * One read in an auto-commit transaction: RUN and PULL go out together and the answer is the result, one
   * round trip, where `read`'s managed transaction adds BEGIN and a COMMIT after the rows (screening's
   * lookup, on an application form's path). Not retried: a failure is the caller's 503.
   */
  async readOnce<T = Row>(query: QueryName, params: Params = {}): Promise<T[]> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      const res = await session.run(queryText(query), toParams(params) as Params);
      return rowsOf<T>(res.records);
    } finally {
      await session.close();
    }
  }

  async write<T = Row>(query: QueryName, params: Params = {}): Promise<T[]> {
    const res = await this.driver.executeQuery(queryText(query), toParams(params) as Params, {
      database: this.name,
      routing: neo4j.routing.WRITE,
    });
    return rowsOf<T>(res.records);
  }

  /**
   * Runs one statement in an auto-commit transaction, as `CALL { … } IN TRANSACTIONS` needs (it commits
   * slices itself, so it cannot run inside a managed transaction). Not retried: the statement must be safe
   * to run again by hand.
   */
  async writeAutoCommit<T = Row>(query: QueryName, params: Params = {}): Promise<T[]> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    try {
      const res = await session.run(queryText(query), toParams(params) as Params);
      return rowsOf<T>(res.records);
    } finally {
      await session.close();
    }
  }

  async writeTx<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(runner(tx)));
    } finally {
      await session.close();
    }
  }

  async readTx<T>(work: (tx: TxRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(runner(tx)));
    } finally {
      await session.close();
    }
  }

  /** Streams a large read row by row without holding the whole result (used by detection). */
  async *stream<T = Row>(query: QueryName, params: Params = {}): AsyncGenerator<T> {
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: neo4j.session.READ,
      fetchSize: 5000,
    });
    try {
      const result = session.run(queryText(query), toParams(params) as Params);
      for await (const record of result) yield toNative(record.toObject()) as T;
    } finally {
      await session.close();
    }
  }

  /**
   * Runs a named read under `PROFILE` (benchmarks: where a query's time goes) and returns its plan as
   * plain rows, one per operator (depth-first, `depth` for indentation), with the server's own times.
   */
  async profile(query: QueryName, params: Params = {}): Promise<QueryProfile> {
    const res = await this.driver.executeQuery(`PROFILE ${queryText(query)}`, toParams(params) as Params, {
      database: this.name,
      routing: neo4j.routing.READ,
    });
    const operators: QueryProfile["operators"] = [];
    type Plan = {
      operatorType: string;
      identifiers: string[];
      arguments: Row;
      dbHits: number;
      rows: number;
      children: Plan[];
    };
    const walk = (p: Plan, depth: number) => {
      const details = p.arguments.Details;
      operators.push({
        depth,
        operator: p.operatorType.replace(/@.*$/, ""),
        details: typeof details === "string" ? details.slice(0, 120) : "",
        rows: Number(p.rows),
        dbHits: Number(p.dbHits),
      });
      for (const c of p.children) walk(c, depth + 1);
    };
    const plan = res.summary.profile as unknown as Plan | false;
    if (plan) walk(plan, 0);
    return {
      operators,
      dbHits: operators.reduce((a, o) => a + o.dbHits, 0),
      availableAfterMs: Number(res.summary.resultAvailableAfter),
      consumedAfterMs: Number(res.summary.resultConsumedAfter),
    };
  }

  /**
   * Several large reads streamed one after the other inside one read transaction, so they see one
   * snapshot (detection's two-part read). Rows are the driver's own objects without the per-row
   * conversion of `stream`: the queries must return only numbers, strings, lists of them and nulls.
   */
  async readSnapshot<T>(work: (stream: SnapshotStream) => Promise<T>): Promise<T> {
    return this.readLanes(1, ([lane]) => work(lane!.stream));
  }

  /**
   * Large reads on `count` connections at once, each in its own read transaction, so that Neo4j works on
   * one lane's query while this process handles another's rows (detection's full read: the two sides
   * otherwise take turns, and Neo4j would use one core). Rows are handed over as the driver decoded them,
   * read field by field: building an object per row and iterating asynchronously cost more CPU here
   * than decoding (bench:detect, README Benchmarks). Neo4j Community's reads are read-committed, so
   * one transaction never was a snapshot either; readers of several lanes must tolerate a row that
   * changed between queries, as they already had to between two queries of one transaction.
   */
  async readLanes<T>(count: number, work: (lanes: ReadLane[]) => Promise<T>): Promise<T> {
    const sessions = Array.from({ length: count }, () =>
      // fetchSize -1: the server streams a whole result without waiting for the next PULL, while the
      // rows of an earlier one are being handled here.
      this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ, fetchSize: -1 }),
    );
    const txs = sessions.map((s) => s.beginTransaction());
    try {
      const out = await work(txs.map(readLane));
      for (const tx of txs) await tx.commit();
      return out;
    } finally {
      for (const tx of txs) if (tx.isOpen()) await tx.rollback();
      for (const s of sessions) await s.close();
    }
  }

  /**
   * Runs a named statement under PROFILE in a write transaction that is then rolled back (so the same
   * batch can be profiled again in the same state), and returns its plan's operators (bench:ingest).
   */
  async profileWrite(query: QueryName, params: Params = {}): Promise<ProfiledOperator[]> {
    return this.profileWrites([[query, params]]);
  }

  /** Several statements under PROFILE in one transaction (each sees the ones before), rolled back. */
  async profileWrites(steps: [QueryName, Params][]): Promise<ProfiledOperator[]> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    const tx = session.beginTransaction();
    try {
      const out: ProfiledOperator[] = [];
      type Plan = NonNullable<Awaited<ReturnType<typeof tx.run>>["summary"]["profile"]> & object;
      const walk = (p: Plan, depth: number) => {
        out.push({
          depth,
          operator: p.operatorType,
          details: String(p.arguments?.Details ?? ""),
          rows: Number(p.rows),
          dbHits: Number(p.dbHits),
          pageCacheHits: Number(p.pageCacheHits),
          pageCacheMisses: Number(p.pageCacheMisses),
          time: Number(p.time),
        });
        for (const c of p.children) walk(c as Plan, depth + 1);
      };
      for (const [query, params] of steps) {
        const result = await tx.run(`PROFILE ${queryText(query)}`, toParams(params) as Params);
        if (result.summary.profile) walk(result.summary.profile, 0);
      }
      return out;
    } finally {
      await tx.rollback();
      await session.close();
    }
  }

  /**
   * Creates constraints and indexes and drops retired ones (`IF NOT EXISTS`, `IF EXISTS`: idempotent).
   * With `concurrency` above 1, that many statements run at once: each constraint is created (its index
   * populated and checked) inside its own statement, one after another otherwise, which over a
   * bulk-loaded store leaves a core idle while one label is scanned. `together` (plain indexes, no
   * constraints) are created first in one transaction: Neo4j then populates them in one job with one scan
   * of their label's nodes instead of one each (over a bulk-loaded store: 13 s of server CPU instead of 19
   * for the four Application had then). Then applications stored before their fields were packed are packed
   * (./migrate-details.ts; a store that never held them is known from its property keys, at once).
   * `onTimed` hears each statement's seconds.
   */
  async applySchema(
    opts: {
      concurrency?: number;
      together?: readonly QueryName[];
      onTimed?: (what: string, seconds: number) => void;
    } = {},
  ): Promise<void> {
    const together = opts.together ?? [];
    const queue = SCHEMA_QUERIES.filter((q) => !together.includes(q));
    const t0 = performance.now();
    const timed = async (what: string, work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      opts.onTimed?.(what, (performance.now() - t) / 1000);
    };
    if (together.length)
      await timed(together.join(" + "), () =>
        this.writeTx(async (tx) => {
          for (const q of together) await tx.run(q);
        }),
      );
    const next = async (): Promise<void> => {
      for (let q = queue.shift(); q; q = queue.shift()) await timed(q, () => this.write(q));
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, next));
    opts.onTimed?.("all schema statements", (performance.now() - t0) / 1000);
    await timed("awaiting indexes online", () => this.write("admin/await-indexes"));
    await timed("packing application details stored before they were packed", () => packLegacyDetails(this));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function runner(tx: ManagedTransaction): TxRunner {
  return {
    async run<T>(name: QueryName, params: Params = {}) {
      const res = await tx.run(queryText(name), toParams(params) as Params);
      return rowsOf<T>(res.records);
    },
  };
}

/** Opens the process's one database handle, starting the project's own Neo4j when it is the target. */
export async function connectDatabase(config: Config, opts: { startIfNeeded?: boolean } = {}): Promise<Database> {
  const conn = await resolveConnection(config, opts);
  const driver = await openDriver(conn);
  return new Database(driver, conn.database, conn);
}

/** Runs a `LIMIT $limit … DETACH DELETE` statement until it deletes nothing; returns how many it deleted. */
export async function deleteInSlices(db: Database, query: QueryName, limit = 20000): Promise<number> {
  let total = 0;
  for (;;) {
    const [r] = await db.write<{ deleted: number }>(query, { limit });
    total += r?.deleted ?? 0;
    if (!r?.deleted) return total;
  }
}
