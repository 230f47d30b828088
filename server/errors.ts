/**
 * Error hierarchy
 * ===============
 *
 * Every error the API renders is an AppError with a stable `code` and an HTTP status; one middleware
 * (server/middleware/error.middleware.ts) turns them into `{ error: { code, message, details? } }`.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(message, "validation_failed", 400, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, "not_found", 404);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "sign in first") {
    super(message, "unauthenticated", 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "your role does not allow this") {
    super(message, "forbidden", 403);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(message, "conflict", 409, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, "payload_too_large", 413);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message = "too many requests, slow down",
    /** Sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message, "rate_limited", 429);
  }
}

export class DatabaseUnavailableError extends AppError {
  constructor(message: string) {
    super(message, "database_unavailable", 503);
  }
}
