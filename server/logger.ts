/**
 * Structured logging
 * ==================
 *
 * One pino logger per process; modules take a child with their own `module` binding.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, name = "ringscope"): Logger {
  return pino({ name, level, redact: ["req.headers.cookie", "req.headers.authorization", "*.password"] });
}
