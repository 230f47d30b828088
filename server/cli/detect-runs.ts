/**
 * Detection runs from the command line
 * ====================================
 *
 * The runs service the CLIs use (`npm run detect`, `npm run ingest -- --detect`): the server's lock and
 * runner, rule points adjusted by verdicts when configured, and the incremental state kept in the
 * instance's folder so that the next process continues from it (server/runs/detection-state.ts).
 */
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import { RulesRepository } from "../rules/rules.repository.js";
import { RulesService } from "../rules/rules.service.js";
import { DetectionStateStore } from "../runs/detection-state.js";
import { lazyDetectFromDatabase } from "../runs/detector.js";
import { RunsRepository } from "../runs/runs.repository.js";
import { RunsService } from "../runs/runs.service.js";

export function cliRuns(config: Config, db: Database, log: Logger, adjust = false) {
  const rules = new RulesService(new RulesRepository(db), config.detect.adjustFromVerdicts || adjust);
  const state = config.detect.incremental ? new DetectionStateStore(config.detect.stateFile) : null;
  const runs = new RunsService({
    prepare: () => rules.detectOptions(),
    db,
    repo: new RunsRepository(db),
    detect: lazyDetectFromDatabase,
    log,
    runsToKeep: config.detect.runsToKeep,
    ...(state ? { state } : {}),
  });
  return { runs, rules, state };
}
