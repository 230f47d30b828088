/**
 * Write failures, classified
 * ==========================
 *
 * Says what a failed write means for the records in it, so that the ingest pipeline (which must not
 * import neo4j-driver) can decide between retrying, splitting the batch and giving up:
 *
 * - `transient`: the database, not the data: a deadlock, a lost connection, a server that is
 *   restarting or unreachable. Retry the same batch after a pause.
 * - `data`: Neo4j refused the statement because of a value in it (a property too large to index, a
 *   value of the wrong type, a transaction too large for its memory limit). Split the batch; a single
 *   record refused this way is a reject, with Neo4j's reason.
 * - `fatal`: anything else (authentication, a read-only or missing database, an unknown failure).
 *   Not a record's fault and not worth retrying: the ingest stops and says why.
 */
import { Neo4jError } from "neo4j-driver";

export type WriteFailureKind = "transient" | "data" | "fatal";

export interface WriteFailure {
  kind: WriteFailureKind;
  /** Neo4j's status code, or the error's name for failures below Neo4j (sockets). */
  code: string;
  message: string;
}

/** Codes Neo4j gives for a statement that cannot run on the values it was given. */
const DATA_CODES = new Set([
  "Neo.DatabaseError.Statement.ExecutionFailed", // "Property value is too large to index"
  "Neo.ClientError.Statement.ArgumentError",
  "Neo.ClientError.Statement.TypeError",
  "Neo.ClientError.Statement.ArithmeticError",
  "Neo.ClientError.Schema.ConstraintValidationFailed",
  "Neo.TransientError.General.MemoryPoolOutOfMemoryError", // a smaller batch fits
  "Neo.TransientError.General.TransactionMemoryLimit",
  "Neo.ClientError.Transaction.TransactionTimedOut",
]);

/** Node's socket errors when the server goes away mid-request, before the driver wraps them. */
const SOCKET_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);

export function classifyWriteError(err: unknown): WriteFailure {
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e?.code === "string" ? e.code : String(e?.name ?? "Error");
  const message = typeof e?.message === "string" ? e.message : String(err);
  if (DATA_CODES.has(code)) return { kind: "data", code, message };
  if (err instanceof Neo4jError && err.retryable) return { kind: "transient", code, message };
  if (SOCKET_CODES.has(code)) return { kind: "transient", code, message };
  return { kind: "fatal", code, message };
}

/** A uniqueness constraint refused the write (another transaction stored the same key first). */
export function isConstraintViolation(err: unknown): boolean {
  return (err as { code?: unknown })?.code === "Neo.ClientError.Schema.ConstraintValidationFailed";
}
