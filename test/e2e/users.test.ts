/**
 * The admin's page in the browser: the built client served by the real app, real Neo4j, Debian's
 * Chromium. An admin signs in and lands on /users with only the Users link; creates an investigator whose
 * one-time password is shown once and works (the new user must choose their own); changes a role;
 * disables a user, who can then no longer sign in; issues an ingest token that POST /api/ingest accepts
 * as a Bearer token, then revokes it and the API refuses it. Screenshots go to test-results/screenshots/.
 */
import path from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../../server/config.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { freshPage, launchBrowser, screenshot, signInThroughForm } from "./browser.js";

let ctx: TestContext;
let browser: Browser;
let admin: { context: BrowserContext; page: Page; errors: string[] };
const STEP = 120_000;
const NEW_USER = "new.investigator";
const NEW_PASSWORD = "a passphrase of my own 42";

async function confirmDialog(page: Page): Promise<void> {
  await page.waitForSelector("#confirm-dialog button[data-action=confirm]");
  await page.click("#confirm-dialog button[data-action=confirm]");
  await page.waitForSelector("#confirm-dialog", { state: "detached" });
}

const userRow = (username: string) => `tr.user-row[data-user='${username}']`;

async function ingestWith(secret: string): Promise<Response> {
  return fetch(`${ctx.baseUrl}/api/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify([
      {
        application_id: "TOKEN-0001",
        submitted_at: "2026-02-01T09:00:00.000Z",
        full_name: "Token Tester",
        email: "token.tester@example.org",
        phone: "+1 303 555 0199",
        device_id: "dev-token-1",
        claimed_country: "US",
        job_id: "J-1",
        source: "referral",
      },
    ]),
  });
}

beforeAll(async () => {
  await build({ configFile: path.join(PROJECT_ROOT, "vite.config.ts"), logLevel: "warn" });
  ctx = await createTestContext();
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await admin?.context.close();
  await browser?.close();
  await ctx?.close();
});

describe("users page", () => {
  it(
    "signs an admin in through the form onto /users, with only the Users link",
    async () => {
      const { page, errors } = await freshPage(browser, ctx.baseUrl);
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: ctx.baseUrl });
      admin = { context: page.context(), page, errors };
      await page.goto(`${ctx.baseUrl}/signin`);
      const { username, password } = await ctx.credentials("admin");
      await signInThroughForm(page, username, password);
      await page.waitForURL(/\/users$/);
      await page.waitForSelector("h1:has-text('Users and service tokens')");
      await page.waitForSelector(`${userRow(username)} .user-you`);
      await page.waitForSelector(".app-nav a");
      expect(await page.locator(".app-nav a").allTextContents()).toEqual(["Users"]);
      // Their own row offers no role change, disabling or reset (the server refuses the first two).
      expect(await page.isDisabled(`${userRow(username)} select[name=role]`)).toBe(true);
      expect(await page.$$(`${userRow(username)} button`)).toHaveLength(0);
      await page.waitForSelector("table.tokens-table, .state-empty:has-text('No service tokens')");
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    "refuses a bad user name next to the form, then creates an investigator with a one-time password",
    async () => {
      const { page, errors } = admin;
      await page.fill("#new-user-username", "x");
      await page.click("form[aria-label='Create a user'] button[type=submit]");
      await page.waitForSelector("#new-user-username[aria-invalid=true]");
      await expect(page.textContent("#new-user-username-error")).resolves.toMatch(/Not a valid user name/);
      // The server's own answer shows too: a name that exists already.
      await page.fill("#new-user-username", (await ctx.credentials("lead")).username);
      await page.click("form[aria-label='Create a user'] button[type=submit]");
      await page.waitForSelector("form[aria-label='Create a user'] [role=alert]:has-text('already exists')");

      await page.fill("#new-user-username", NEW_USER);
      await page.fill("#new-user-display-name", "New Investigator");
      await page.selectOption("#new-user-role", "investigator");
      await page.click("form[aria-label='Create a user'] button[type=submit]");
      await page.waitForSelector("[data-secret=password] input");
      const oneTime = await page.inputValue("[data-secret=password] input");
      expect(oneTime.length).toBeGreaterThanOrEqual(12);
      await expect(page.textContent("[data-secret=password]")).resolves.toMatch(/Shown only now/);
      await page.click("[data-secret=password] button[data-action=copy-secret]");
      await page.waitForSelector("[data-secret=password] [role=status]:has-text('Copied')");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oneTime);
      await page.waitForSelector(`${userRow(NEW_USER)} .user-must-change`);
      await expect(page.textContent(userRow(NEW_USER))).resolves.toContain("New Investigator");
      // At 1440×900 the whole table fits: its last column (the actions) ends inside the page, not cut off.
      const fit = await page.evaluate(() => {
        const table = document.querySelector<HTMLElement>("table.users-table")!;
        const buttons = [...table.querySelectorAll<HTMLElement>("tbody td:last-child button")];
        const right = Math.max(...buttons.map((b) => b.getBoundingClientRect().right));
        return {
          buttons: buttons.length,
          right,
          width: window.innerWidth,
          overflow: table.parentElement!.scrollWidth - table.parentElement!.clientWidth,
        };
      });
      expect(fit.buttons).toBeGreaterThan(0);
      expect(fit.right).toBeLessThanOrEqual(fit.width);
      expect(fit.overflow).toBeLessThanOrEqual(0);
      await screenshot(page, "users-01-created");

      // The new user signs in with it and must choose their own password first.
      const fresh = await freshPage(browser, ctx.baseUrl);
      await fresh.page.goto(`${ctx.baseUrl}/signin`);
      await signInThroughForm(fresh.page, NEW_USER, oneTime);
      await fresh.page.waitForSelector("h1:has-text('Choose a new password')");
      await fresh.page.fill("input[name=new_password]", NEW_PASSWORD);
      await fresh.page.fill("input[name=new_password_again]", NEW_PASSWORD);
      await fresh.page.click("button:has-text('Set password')");
      await fresh.page.waitForURL(/\/clusters/);
      await fresh.page.context().close();

      await page.click("[data-secret=password] button[data-action=dismiss-secret]");
      expect(await page.$$("[data-secret=password]")).toHaveLength(0);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    "changes a user's role",
    async () => {
      const { page, errors } = admin;
      // Reload: the table now shows the first sign-in and no pending password change.
      await page.reload();
      await page.waitForSelector(`${userRow(NEW_USER)} select[name=role]`);
      expect(await page.$$(`${userRow(NEW_USER)} .user-must-change`)).toHaveLength(0);
      expect(await page.isDisabled(`${userRow(NEW_USER)} button[data-action=save-role]`)).toBe(true);
      await page.selectOption(`${userRow(NEW_USER)} select[name=role]`, "lead");
      await page.click(`${userRow(NEW_USER)} button[data-action=save-role]`);
      await page.waitForSelector(`[role=status]:has-text('${NEW_USER} is now lead')`);
      expect(await page.inputValue(`${userRow(NEW_USER)} select[name=role]`)).toBe("lead");
      const users = (await ctx.as("admin")("/api/users")).body.users as { username: string; role: string }[];
      expect(users.find((u) => u.username === NEW_USER)?.role).toBe("lead");
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    "disables a user, who can then no longer sign in, and re-enables them",
    async () => {
      const { page, errors } = admin;
      await page.click(`${userRow(NEW_USER)} button[data-action=disable]`);
      // Cancelling changes nothing.
      await page.waitForSelector("#confirm-dialog");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#confirm-dialog", { state: "detached" });
      expect(await page.$$(`${userRow(NEW_USER)} .user-disabled`)).toHaveLength(0);
      await page.click(`${userRow(NEW_USER)} button[data-action=disable]`);
      await confirmDialog(page);
      await page.waitForSelector(`${userRow(NEW_USER)} .user-disabled`);
      await page.waitForSelector(`[role=status]:has-text('${NEW_USER} is disabled')`);

      const fresh = await freshPage(browser, ctx.baseUrl);
      await fresh.page.goto(`${ctx.baseUrl}/signin`);
      await signInThroughForm(fresh.page, NEW_USER, NEW_PASSWORD);
      await fresh.page.waitForSelector(".auth-error:has-text('Wrong user name or password')");
      expect(fresh.page.url()).toMatch(/\/signin/);
      await fresh.page.context().close();

      await page.click(`${userRow(NEW_USER)} button[data-action=enable]`);
      await confirmDialog(page);
      await page.waitForSelector(`${userRow(NEW_USER)} .user-active`);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    "issues an ingest token shown once, which POST /api/ingest accepts until it is revoked",
    async () => {
      const { page, errors } = admin;
      // No scope ticked: refused before anything is sent.
      await page.fill("#new-token-name", "nightly-ingest");
      await page.click("form[aria-label='Issue a service token'] button[type=submit]");
      await page.waitForSelector("#new-token-scopes-error:has-text('at least one scope')");
      await page.check("form[aria-label='Issue a service token'] input[name=scopes][value=ingest]");
      await page.fill("#new-token-days", "30");
      await page.click("form[aria-label='Issue a service token'] button[type=submit]");
      await page.waitForSelector("[data-secret=token] input");
      const secret = await page.inputValue("[data-secret=token] input");
      expect(secret).toMatch(/^rst_/);
      await page.waitForSelector("tr.token-row[data-token='nightly-ingest'][data-state=active]");
      await expect(page.textContent("tr.token-row[data-token='nightly-ingest']")).resolves.toContain("ingest");
      await screenshot(page, "users-02-token");

      const accepted = await ingestWith(secret);
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({ accepted: 1 });

      await page.click("tr.token-row[data-token='nightly-ingest'] button[data-action=revoke]");
      await confirmDialog(page);
      await page.waitForSelector("tr.token-row[data-token='nightly-ingest'][data-state=revoked]");
      await page.waitForSelector("[role=status]:has-text('nightly-ingest is revoked')");
      await expect(page.textContent("tr.token-row[data-token='nightly-ingest']")).resolves.not.toContain("Never");

      const refused = await ingestWith(secret);
      expect(refused.status).toBe(401);
      await page.click("[data-secret=token] button[data-action=dismiss-secret]");
      await screenshot(page, "users-03-revoked");
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
