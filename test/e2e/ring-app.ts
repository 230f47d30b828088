/**
 * The app the casework, triage and screening browser tests share: the client built, a test context over
 * real Neo4j holding a small laptop-farm ring (R-001 …) and honest applicants, one detection run, and
 * Debian's Chromium.
 */
import path from "node:path";

import type { Browser } from "playwright-core";
import { build } from "vite";

import { PROJECT_ROOT } from "../../server/config.js";
import { caseworkData } from "../helpers/casework.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { launchBrowser } from "./browser.js";

export interface RingApp {
  ctx: TestContext;
  browser: Browser;
  /** The cluster of the latest run holding the ring's first application, R-001. */
  clusterId: string;
  close(): Promise<void>;
}

export async function startRingApp(size: { ring: number; honest: number }): Promise<RingApp> {
  await build({ configFile: path.join(PROJECT_ROOT, "vite.config.ts"), logLevel: "warn" });
  const ctx = await createTestContext();
  await ctx.api("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(caseworkData(size).records),
  });
  const run = await ctx.container.services.runs.runNow("e2e");
  const clusterId = run.document.clusters.find((c) => c.application_ids.includes("R-001"))!.id;
  const browser = await launchBrowser();
  return {
    ctx,
    browser,
    clusterId,
    async close() {
      await browser.close();
      await ctx.close();
    },
  };
}
