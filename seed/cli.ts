/**
 * `npm run seed -- --apps N --seed S --out FILE [--truth FILE] [--until ISO]`
 * ===========================================================================
 *
 * Writes a seeded population (NDJSON, CSV or JSON array, by the extension of FILE) and its ground truth
 * (NDJSON, by default FILE.truth.ndjson), then prints the counts by ring and look-alike type to stderr.
 */
import { cliArgs, runMain } from "../server/common/cli-args.js";
import { ValidationError } from "../server/common/errors.js";
import { DEFAULT_UNTIL } from "./generate.js";
import { defaultTruthPath, describeSummary, writePopulation } from "./write-files.js";

const USAGE = "npm run seed -- --apps N --seed S --out FILE [--truth FILE] [--until ISO-DATE]";

runMain(async () => {
  const { values } = cliArgs(
    {
      apps: { type: "string", default: "20000" },
      seed: { type: "string", default: "42" },
      out: { type: "string" },
      truth: { type: "string" },
      until: { type: "string", default: DEFAULT_UNTIL },
    },
    USAGE,
  );
  if (!values.out) throw new ValidationError(`seed: --out FILE is required\nusage: ${USAGE}`);
  const apps = Number(values.apps);
  const seed = Number(values.seed);
  const tty = process.stderr.isTTY;
  const summary = await writePopulation(
    { apps, seed, until: values.until },
    values.out,
    values.truth ?? defaultTruthPath(values.out),
    {
      onProgress: tty ? (n) => process.stderr.write(`\r  ${n} / ${apps} applications`) : undefined,
    },
  );
  if (tty) process.stderr.write("\r\x1b[K");
  process.stderr.write(`${describeSummary(summary)}\n`);
});
