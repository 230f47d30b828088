/**
 * The watchlist and rules pages in the browser: the built client served by the real app, real Neo4j
 * with a small laptop farm that a lead confirms as a ring through the triage API, Debian's Chromium.
 * A lead sees the confirmed ring's identifiers on the watchlist (linked to the cluster), adds an
 * identifier by hand (shown in its normal form) and removes it; an investigator sees the list without the
 * form; an auditor reads the rule statistics that the verdict produced; the queue marks the ring's
 * cluster once a new application from it is screened, blocked and recorded. Screenshots go to
 * test-results/screenshots/.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestContext } from "../helpers/context.js";
import { screenshot, signedInContext, watchErrors } from "./browser.js";
import { startRingApp, type RingApp } from "./ring-app.js";

let ctx: TestContext;
let browser: Browser;
let clusterId: string;
const STEP = 120_000;

let app: RingApp | undefined;

beforeAll(async () => {
  app = await startRingApp({ ring: 8, honest: 30 });
  ({ ctx, browser, clusterId } = app);
  const confirmed = await ctx.as("lead")(`/api/clusters/${clusterId}/triage`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state: "confirmed_ring", note: "Confirmed with the payroll provider." }),
  });
  expect(confirmed.status).toBe(200);
  await ctx.container.services.watchlist.syncConfirmed();
}, 600_000);

afterAll(async () => {
  await app?.close();
});

async function pageAs(role: "lead" | "investigator" | "auditor", url: string) {
  const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn(role));
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${ctx.baseUrl}${url}`);
  return { page, errors };
}

describe("watchlist page", () => {
  it(
    "shows a confirmed ring's identifiers and lets a lead add and remove one by hand",
    async () => {
      const { page, errors } = await pageAs("lead", "/watchlist");
      await page.waitForSelector("table.watchlist-table");
      const payroll = page.locator("tr[data-ref='payment:acct-farm-0042']");
      await expect(payroll.getAttribute("data-source")).resolves.toBe("confirmed_ring");
      await expect(payroll.locator("a").getAttribute("href")).resolves.toBe(`/clusters/${clusterId}`);
      expect(await page.locator(".app-nav a").allTextContents()).toEqual(
        expect.arrayContaining(["Watchlist", "Rules"]),
      );
      expect(await page.getAttribute(".app-nav a:has-text('Watchlist')", "aria-current")).toBe("page");

      await page.selectOption("select[name=kind]", "email");
      await page.fill("input[name=value]", "Bad.Actor+jobs@Gmail.com");
      await page.fill("input[name=reason]", "Reported by a partner employer");
      await page.click(".watchlist-add button[type=submit]");
      // Stored and shown in its normal form (Gmail: dots and +tags dropped).
      await page.waitForSelector("[role=status]:has-text('Added email:badactor@gmail.com')");
      const manual = page.locator("tr[data-ref='email:badactor@gmail.com']");
      await expect(manual.getAttribute("data-source")).resolves.toBe("manual");
      await expect(manual.textContent()).resolves.toContain("Reported by a partner employer");
      await screenshot(page, "screening-01-watchlist-lead");

      // The hand-added entry is screened as a hit at once.
      const screened = await ctx.as("lead")("/api/screen", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          application_id: "S-1",
          submitted_at: "2026-03-01T10:00:00Z",
          full_name: "New Person",
          email: "badactor@gmail.com",
        }),
      });
      expect(screened.body.watchlist_hits.map((w: { identifier: string }) => w.identifier)).toEqual([
        "email:badactor@gmail.com",
      ]);

      await manual.locator("button:has-text('Remove')").click();
      await page.waitForSelector("[role=status]:has-text('Removed email:badactor@gmail.com')");
      await expect(page.locator("tr[data-ref='email:badactor@gmail.com']").count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    STEP,
  );

  it(
    "shows an investigator the list without the form or remove buttons",
    async () => {
      const { page, errors } = await pageAs("investigator", "/watchlist");
      await page.waitForSelector("table.watchlist-table");
      await expect(page.locator("form.watchlist-add").count()).resolves.toBe(0);
      await expect(page.locator("table.watchlist-table button").count()).resolves.toBe(0);
      expect(await page.locator("table.watchlist-table tbody tr").count()).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    STEP,
  );
});

describe("rules page", () => {
  it(
    "shows an auditor each rule's verdicts, precision interval and points",
    async () => {
      const { page, errors } = await pageAs("auditor", "/rules");
      await page.waitForSelector("table.rules-table");
      await expect(page.textContent(".page-rules")).resolves.toContain("1 confirmed ring and 0 dismissed clusters");
      const payroll = page.locator("tr[data-rule='shared_payment'] td");
      // code, family, confirmed, dismissed, precision
      expect((await payroll.allTextContents()).slice(0, 5)).toEqual(["shared_payment", "links", "1", "0", "100%"]);
      await expect(page.locator("tr[data-rule='shared_payment'] .rule-interval-dot").count()).resolves.toBe(1);
      const farm = page.locator("tr[data-rule='laptop_farm'] td");
      expect((await farm.allTextContents()).slice(1, 4)).toEqual(["patterns", "1", "0"]);
      // A rule that never fired on a judged cluster has no interval.
      await expect(page.textContent("tr[data-rule='submitted_for_others']")).resolves.toContain("no verdicts");
      expect(await page.locator("table.rules-table tbody tr").count()).toBeGreaterThanOrEqual(20);
      await screenshot(page, "screening-02-rules-auditor");
      expect(errors).toEqual([]);
      await page.context().close();
    },
    STEP,
  );
});

describe("queue", () => {
  it(
    "brings the ring's cluster back marked when a new application from it is screened and recorded",
    async () => {
      const screened = await ctx.as("lead")("/api/screen?record=true", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          application_id: "S-2",
          submitted_at: "2026-02-01T09:30:00Z",
          full_name: "Another Persona",
          email: "another.persona@mailbox.example.com",
          payment_account: "acct-farm-0042",
          device_id: "FARM-DEVICE-7",
        }),
      });
      expect(screened.body).toMatchObject({ decision: "block", recorded: true });
      const run = await ctx.container.services.runs.runNow("e2e");
      const marked = run.document.clusters.find((c) => c.application_ids.includes("S-2"))!;
      const { page, errors } = await pageAs("investigator", "/clusters");
      const row = page.locator(`tr[data-cluster='${marked.id}']`);
      await row.waitFor();
      await expect(row.locator(".intake-watchlist").textContent()).resolves.toBe("Touches a confirmed ring");
      await expect(row.locator(".intake-blocked").textContent()).resolves.toBe("Blocked at intake: 1");
      await screenshot(page, "screening-03-queue-marked");
      expect(errors).toEqual([]);
      await page.context().close();
    },
    STEP,
  );
});
