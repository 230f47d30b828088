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
      NODE_ENV: "test",
    },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
