/**
 * Test runner configuration: one real Neo4j instance ("test") shared by all files, so files run one
 * at a time and each integration file starts from an emptied database.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    env: {
      RINGSCOPE_NEO4J_INSTANCE: process.env.RINGSCOPE_NEO4J_INSTANCE ?? "test",
      LOG_LEVEL: "silent",
      DETECT_CRON: "",
      // Off in tests unless a test turns it on: an ingest-triggered run would write into other files' data.
      DETECT_AFTER_INGEST_RECORDS: "0",
      NODE_ENV: "test",
    },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
