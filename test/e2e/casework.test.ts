/**
 * Sign-in, cases, export and the audit trail in the browser: the built client served by the real app,
 * real Neo4j with a small laptop-farm ring and a real detection run, Debian's Chromium. Scenarios: a
 * signed-out visit sent to sign-in and back; a one-time password replaced at first sign-in; a lead
 * opening a case from the cluster page, writing notes, pinning, escalating and exporting a package that
 * verifies; an investigator without the export button; an auditor reading and checking the trail.
 * Screenshots go to test-results/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../../server/config.js";
import { verifyPackage } from "../../server/evidence/verify.js";
import { readZip } from "../../server/evidence/zip.js";
import type { TestContext } from "../helpers/context.js";
import { freshPage, screenshot, signedInContext, signInThroughForm, watchErrors } from "./browser.js";
import { startRingApp, type RingApp } from "./ring-app.js";

let ctx: TestContext;
let browser: Browser;
let clusterId: string;
let caseId: string;
const STEP = 120_000;

let app: RingApp | undefined;

beforeAll(async () => {
  app = await startRingApp({ ring: 8, honest: 30 });
  ({ ctx, browser, clusterId } = app);
}, 600_000);

afterAll(async () => {
  await app?.close();
});

describe("sign-in", () => {
  it(
    "sends a signed-out visit to sign-in, refuses a wrong password, then returns to where it was going",
    async () => {
      const { page, errors } = await freshPage(browser, ctx.baseUrl);
      await page.goto(`${ctx.baseUrl}/cases`);
      await page.waitForURL(/\/signin\?next=%2Fcases/);
      const { username, password } = await ctx.credentials("lead");
      await signInThroughForm(page, username, "not the password");
      await page.waitForSelector(".auth-error:has-text('Wrong user name or password')");
      await screenshot(page, "casework-01-signin-error");
      await signInThroughForm(page, username, password);
      await page.waitForURL(/\/cases$/);
      await page.waitForSelector("h1:has-text('Cases')");
      await expect(page.textContent(".user-chip")).resolves.toMatch(/Test lead.*Lead/);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    STEP,
  );

  it(
    "makes a user with a one-time password choose their own before going on",
    async () => {
      const created = await ctx.as("admin")("/api/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "first.timer", role: "investigator" }),
      });
      const { page } = await freshPage(browser, ctx.baseUrl);
      await page.goto(`${ctx.baseUrl}/signin`);
      await signInThroughForm(page, "first.timer", created.body.one_time_password);
      await page.waitForSelector("h1:has-text('Choose a new password')");
      await page.fill("input[name=new_password]", "my own passphrase 42");
      await page.fill("input[name=new_password_again]", "my own passphrase 42");
      await page.click("button:has-text('Set password')");
      await page.waitForURL(/\/clusters/);
      await page.context().close();
    },
    STEP,
  );
});

describe("cases and export", () => {
  it(
    "lets a lead open a case from the cluster page",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("lead"));
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${ctx.baseUrl}/clusters/${clusterId}`);
      await page.click("button[data-action=open-case]");
      await page.waitForSelector("#open-case-dialog");
      await page.fill("#open-case-dialog input[name=title]", "Orchard Street farm");
      await screenshot(page, "casework-02-open-case");
      await page.click("button[data-action=confirm-open-case]");
      await page.waitForURL(/\/cases\/CASE-\d{4}$/);
      caseId = page.url().split("/").pop()!;
      await page.waitForSelector("h1.case-title:has-text('Orchard Street farm')");
      expect(await page.$$eval("table.case-members tbody tr", (rows) => rows.length)).toBe(8);
      expect(errors.filter((e) => !/WebGL|GPU/i.test(e))).toEqual([]);
      await context.close();
    },
    STEP,
  );

  it(
    "writes notes, pins, escalates and keeps the history",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("lead"));
      const page = await context.newPage();
      await page.goto(`${ctx.baseUrl}/cases/${caseId}`);
      await page.click("button[data-action=edit-notes]");
      await page.fill("textarea[name=notes]", "Shipping address is a **mail drop**.\n\n<img src=x onerror=alert(1)>");
      await page.click("button[data-action=save-notes]");
      await page.waitForSelector(".case-notes-view strong:has-text('mail drop')");
      expect(await page.$$(".case-notes-view img")).toHaveLength(0);
      await page.click("tr[data-application='R-001'] button[data-action=pin]");
      await page.waitForSelector("tr[data-application='R-001'] button.pin.active");
      await page.selectOption("select[name=status]", "escalated");
      await page.click("button[data-action=save-case]");
      await page.waitForSelector(".case-meta .case-status-escalated");
      const history = await page.$$eval(".case-history li", (lis) =>
        lis.map((li) => (li as HTMLElement).dataset.action),
      );
      expect(history).toEqual(["status_escalated", "updated", "updated", "opened"]);
      await screenshot(page, "casework-03-case");
      await context.close();
    },
    STEP,
  );

  it(
    "exports a signed package with the redaction chosen in the dialog",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("lead"));
      const page = await context.newPage();
      await page.goto(`${ctx.baseUrl}/cases/${caseId}`);
      await page.click(".case-actions button[data-action=export]");
      await page.waitForSelector("#export-dialog select[name=redaction-email]");
      await page.selectOption("#export-dialog select[name=redaction-email]", "masked");
      await page.check("#export-dialog input[name=tlp][value=red]");
      await page.fill("#export-dialog input[name=purpose]", "Referral test");
      await screenshot(page, "casework-04-export-dialog");
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 90_000 }),
        page.click("button[data-action=confirm-export]"),
      ]);
      const file = path.join(PROJECT_ROOT, "test-results", `${caseId}-e2e.zip`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await download.saveAs(file);
      await page.waitForSelector(".export-status[data-manifest]");
      const zip = fs.readFileSync(file);
      const report = await verifyPackage(zip, {
        trustedPublicKeyPem: ctx.container.services.evidence.publicKey().public_key_pem,
      });
      expect(report.problems).toEqual([]);
      const manifest = JSON.parse(
        ((await readZip(zip)).entries.get("manifest.json") as { data: Buffer }).data.toString(),
      );
      expect(manifest).toMatchObject({
        case_id: caseId,
        tlp: "red",
        purpose: "Referral test",
        redaction: { email: "masked", phone: "full" },
      });
      expect(await page.getAttribute(".export-status", "data-manifest")).toBe(report.manifestSha256);
      fs.rmSync(file);
      await context.close();
    },
    STEP,
  );

  it(
    "shows investigators the case without the export button",
    async () => {
      const context = await signedInContext(browser, ctx.baseUrl, await ctx.signIn("investigator"));
      const page = await context.newPage();
      await page.goto(`${ctx.baseUrl}/cases/${caseId}`);
      await page.waitForSelector("h1.case-title");
      expect(await page.$$(".case-actions button[data-action=export]")).toHaveLength(0);
      expect(
        await page.$$eval("select[name=status] option", (os) => os.map((o) => (o as HTMLOptionElement).value)),
      ).toEqual(["open", "closed"]);
      // The navigation offers only the pages an investigator's role may open.
      await page.waitForSelector(".app-nav a");
      expect(await page.locator(".app-nav a").allTextContents()).toEqual([
        "Clusters",
        "Runs",
        "Cases",
        "Watchlist",
        "Rules",
        "Glossary",
      ]);
      await context.close();
    },
    STEP,
  );
});

describe("audit trail", () => {
  it(
    "lets an auditor sign in, find the export and check the chain",
    async () => {
      const { page, errors } = await freshPage(browser, ctx.baseUrl);
      await page.goto(`${ctx.baseUrl}/signin`);
      const { username, password } = await ctx.credentials("auditor");
      await signInThroughForm(page, username, password);
      await page.waitForURL(/\/audit$/);
      await page.waitForSelector("table.audit-table");
      // An auditor reads cases, rule statistics and the trail; the cluster queue is not theirs, so it is not offered.
      await page.waitForSelector(".app-nav a");
      expect(await page.locator(".app-nav a").allTextContents()).toEqual(["Cases", "Rules", "Audit", "Glossary"]);
      await page.selectOption("select[name=action]", "export");
      await page.click(".audit-filters button[type=submit]");
      await page.waitForURL(/action=export/);
      await page.waitForSelector("tr.audit-row[data-action=export]");
      await expect(page.textContent("tr.audit-row[data-action=export]")).resolves.toContain(caseId);
      // The target is a link to the case's page.
      expect(await page.getAttribute("tr.audit-row[data-action=export] a.audit-target", "href")).toBe(
        `/cases/${caseId}`,
      );
      // One page of export entries: the pager names the range and both buttons are disabled.
      const rows = await page.locator("tr.audit-row").count();
      await expect(page.textContent("nav.pager")).resolves.toContain(`1–${rows} of ${rows}`);
      expect(await page.locator("nav.pager button[disabled]").allTextContents()).toEqual(["Newer", "Older"]);
      await page.click("button[data-action=verify-chain]");
      await page.waitForSelector(".audit-chain-ok");
      await expect(page.textContent(".audit-chain")).resolves.toMatch(/Chain intact/);
      await screenshot(page, "casework-05-audit");
      // The home link leads each role to its own start page: the trail, for an auditor.
      await page.click("a.brand");
      await page.waitForURL(/\/audit$/);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    STEP,
  );
});
