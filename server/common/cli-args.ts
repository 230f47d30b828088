/**
 * Command-line arguments
 * ======================
 *
 * A thin typed wrapper over node:util parseArgs shared by every CLI, with one usage error style.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

import { debugEnabled } from "../config.js";

export function cliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, usage: string) {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nusage: ${usage}\n`);
    process.exit(2);
  }
}

/** Runs a CLI's main, printing a one-line error and exiting non-zero on failure. */
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (debugEnabled()) console.error(err);
      process.exit(1);
    },
  );
}
