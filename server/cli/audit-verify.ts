/**
 * `npm run audit:verify [-- --json]`
 * ==================================
 *
 * Walks the audit trail in order, recomputing every entry's hash and link, compares the end with the
 * chain head, and names the first broken entry. Exits 1 when the chain is broken. Keyed entries are
 * checked with the chain key in RINGSCOPE_STATE_DIR (`audit-chain.key`): run it where that file is.
 */
import { buildAudit } from "../audit/build.js";
import { loadConfig } from "../config.js";
import { connectDatabase } from "../db/database.js";
import { createLogger } from "../logger.js";
import { cliArgs, runMain } from "./args.js";

runMain(async () => {
  const { values } = cliArgs({ json: { type: "boolean" } }, "npm run audit:verify [-- --json]");
  const config = loadConfig();
  const db = await connectDatabase(config);
  try {
    const r = await buildAudit(config, db, createLogger("silent")).service.verify();
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else if (r.ok)
      process.stdout.write(
        `OK: ${r.entries} audit entries, chain intact (head ${r.head.seq ?? 0}, ${r.head.hash ?? "empty"}), keyed with ${r.key ?? "no key (legacy entries only)"}, checked in ${r.seconds.toFixed(2)} s\n`,
      );
    else {
      const b = r.firstBreak!;
      process.stdout.write(
        `BROKEN: first broken entry is #${b.seq}${b.id ? ` (id ${b.id}, ${b.at})` : ""}: ${b.reason}\n` +
          `${r.entries} entries read; entries before #${b.seq} are intact.\n`,
      );
    }
    return r.ok ? 0 : 1;
  } finally {
    await db.close();
  }
});
