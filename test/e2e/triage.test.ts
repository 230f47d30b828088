/**
 * The investigator's day in the browser (built client, real app, real Neo4j, Debian's Chromium): triage
 * a cluster to dismissed and back; the warning before a second case on a cluster; a note surviving a
 * session that expires mid-typing (re-sign-in dialog, the save goes through); the case's own graph; the
 * runs page. Screenshots at 1440×900 go to test-results/screenshots/.
 */

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { caseworkData } from "../helpers/casework.js";
import type { TestContext } from "../helpers/context.js";
import { screenshot, signedInContext, waitForSettledGraph, watchErrors } from "./browser.js";
import { startRingApp, type RingApp } from "./ring-app.js";

let ctx: TestContext;
let browser: Browser;
let clusterId: string;
let caseId: string;
const STEP = 180_000;

let app: RingApp | undefined;

beforeAll(async () => {
  app = await startRingApp({ ring: 6, honest: 20 });
  ({ ctx, browser, clusterId } = app);
}, 600_000);

afterAll(async () => {
  await app?.close();
});

const realErrors = (errors: string[]) => errors.filter((e) => !/WebGL|GPU|status of 40[19]/i.test(e));

describe("triage", () => {
  it(
    "dismisses a cluster with a reason, shows it in the queue, and takes it back to new",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("investigator"));
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${ctx.baseUrl}/clusters/${clusterId}`);
      await page.waitForSelector(".triage-panel select[name=triage-state]", { timeout: 90_000 });
      await page.selectOption("select[name=triage-state]", "dismissed");
      await page.selectOption("select[name=triage-reason]", "household");
      await page.fill("textarea[name=triage-note]", "Parents and two grown children at one address");
      await page.click("button[data-action=save-triage]");
      await page.waitForSelector(".triage-panel[data-triage=dismissed]");
      await waitForSettledGraph(page);
      await screenshot(page, "triage-01-dismissed");
      await page.goto(`${ctx.baseUrl}/clusters?triage=dismissed`);
      await page.waitForSelector(`tr[data-cluster='${clusterId}'] [data-triage=dismissed]`);
      expect(await page.locator("tr.queue-row").count()).toBe(1);
      await screenshot(page, "triage-02-queue-dismissed");
      await page.goto(`${ctx.baseUrl}/clusters/${clusterId}`);
      await page.waitForSelector(".triage-panel select[name=triage-state]", { timeout: 90_000 });
      await page.selectOption("select[name=triage-state]", "new");
      await page.click("button[data-action=save-triage]");
      await page.waitForSelector(".triage-panel[data-triage=new]");
      const t = (await ctx.api(`/api/clusters/${clusterId}/triage`)).body;
      expect(t.history.map((e: { state: string }) => e.state)).toEqual(["dismissed", "new"]);
      expect(t.history[0]).toMatchObject({ reason: "household", by: "test-investigator" });
      expect(realErrors(errors)).toEqual([]);
      await context.close();
    },
    STEP,
  );
});

describe("cases", () => {
  it(
    "warns before a second case on a cluster, links the existing one, and opens another only when asked",
    async () => {
      const first = await ctx.api("/api/cases", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ cluster_id: clusterId, title: "First look" }),
      });
      expect(first.status).toBe(201);
      caseId = first.body.id;
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("lead"));
      const page = await context.newPage();
      await page.goto(`${ctx.baseUrl}/clusters/${clusterId}`);
      await page.click("button[data-action=open-case]");
      await page.waitForSelector("#open-case-dialog");
      await page.click("button[data-action=confirm-open-case]");
      await page.waitForSelector(`#open-case-dialog .duplicate-warning a[data-existing-case='${caseId}']`);
      await screenshot(page, "triage-03-duplicate-warning");
      expect(await page.textContent("button[data-action=confirm-duplicate]")).toBe("Open another anyway");
      await page.click("button[data-action=confirm-duplicate]");
      await page.waitForURL(/\/cases\/CASE-\d{4}$/);
      const second = page.url().split("/").pop()!;
      expect(second).not.toBe(caseId);
      expect((await ctx.api(`/api/cases/${second}`)).body.history[0].changes.duplicate_of).toEqual([caseId]);
      await context.close();
    },
    STEP,
  );

  it(
    "keeps a note typed while the session expired, signs in again in a dialog and saves it",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("lead"));
      const page = await context.newPage();
      await page.goto(`${ctx.baseUrl}/cases/${caseId}`);
      await page.click("button[data-action=edit-notes]");
      await page.fill("textarea[name=notes]", "Called the employer: the laptops went to **one flat**.");
      // The session ends on the server while the note is being typed.
      const lead = await ctx.container.repos.users.byUsername("test-lead");
      expect(await ctx.container.repos.sessions.deleteForUser(lead!.id)).toBeGreaterThan(0);
      await page.type("textarea[name=notes]", " Checked twice.");
      await page.click("button[data-action=save-notes]");
      await page.waitForSelector("#reauth-dialog input[name=password]");
      await screenshot(page, "triage-04-reauth-dialog");
      const { password } = await ctx.credentials("lead");
      await page.fill("#reauth-dialog input[name=password]", password);
      await page.click("#reauth-dialog button[data-action=reauth]");
      await page.waitForSelector(".case-notes-view strong:has-text('one flat')");
      expect(page.url()).toContain(`/cases/${caseId}`);
      const saved = (await ctx.api(`/api/cases/${caseId}`)).body.notes_md;
      expect(saved).toBe("Called the employer: the laptops went to **one flat**. Checked twice.");
      // The draft is gone once saved.
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("notes")))).toEqual([]);
      await context.close();
    },
    STEP,
  );

  it(
    "draws the case's frozen graph and says what changed in the live cluster since",
    async () => {
      // Two more ring members arrive and the next run grows the cluster.
      await ctx.api("/api/ingest", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(caseworkData({ ring: 8, honest: 0 }).records.slice(6)),
      });
      await ctx.container.services.runs.runNow("e2e");
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("investigator"));
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${ctx.baseUrl}/cases/${caseId}`);
      await waitForSettledGraph(page);
      expect(await page.evaluate(() => window.__ringscope?.nodes)).toBe(
        (await ctx.api(`/api/cases/${caseId}`)).body.graph.nodes.length,
      );
      await page.waitForSelector(".case-live li[data-change=added]");
      expect(await page.textContent(".case-live li[data-change=added]")).toMatch(/2 applications added: R-007, R-008/);
      await page.locator("[data-case-graph]").scrollIntoViewIfNeeded();
      await screenshot(page, "triage-05-case-graph");
      expect(realErrors(errors)).toEqual([]);
      await context.close();
    },
    STEP,
  );
});

describe("runs page", () => {
  it(
    "lists the retained runs with their diff, linking to the clusters",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("investigator"));
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${ctx.baseUrl}/runs`);
      await page.waitForSelector("table.runs-table");
      const runs = (await ctx.api("/api/runs")).body.runs;
      expect(await page.locator("tr[data-run]").count()).toBe(runs.length);
      // The newest run opens by itself: the cluster grew.
      await page.waitForSelector(`[data-run-diff='${runs[0].id}'] [data-group=grown] a.cluster-link`);
      const href = await page.getAttribute(`[data-run-diff='${runs[0].id}'] [data-group=grown] a.cluster-link`, "href");
      expect(href).toContain(`/clusters/${clusterId}`);
      expect(href).toContain(`run=${runs[0].id}`);
      await screenshot(page, "triage-06-runs");
      await page.click(`[data-run-diff='${runs[0].id}'] [data-group=grown] a.cluster-link`);
      await page.waitForURL(new RegExp(`/clusters/${clusterId}`));
      expect(realErrors(errors)).toEqual([]);
      await context.close();
    },
    STEP,
  );
});
