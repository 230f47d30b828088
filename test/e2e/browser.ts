/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core, headless, with WebGL through
 * SwiftShader (software; the machines have no GPU; flags in server/tools/chromium.ts), a signed-in
 * session cookie, and screenshots saved as test artefacts under test-results/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";

import { PROJECT_ROOT } from "../../server/config.js";
import { launchChromium } from "../../server/tools/chromium.js";

export const SCREENSHOTS = path.join(PROJECT_ROOT, "test-results", "screenshots");

/** Chromium as the server's config names it (CHROMIUM_PATH), started the one way (server/tools/chromium.ts). */
export async function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** A browser context carrying a session (cookies as the server set them at sign-in), 1440×900. */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  session: { session: string; csrf: string } | null,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  if (session)
    await context.addCookies([
      { name: "rs_session", value: session.session, url: baseUrl, httpOnly: true, sameSite: "Strict" },
      { name: "rs_csrf", value: session.csrf, url: baseUrl, sameSite: "Strict" },
    ]);
  return context;
}

/** Collects page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/** A signed-out page in a fresh context, with its errors collected. */
export async function freshPage(browser: Browser, baseUrl: string): Promise<{ page: Page; errors: string[] }> {
  const context = await signedInContext(browser, baseUrl, null);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Fills and sends the sign-in form. */
export async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  // The machine is shared and sometimes very busy: give the first paint more than Playwright's 30 s.
  await page.waitForSelector("form[aria-label='Sign in'] input[name=username]", { timeout: 90_000 });
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await page.click("form[aria-label='Sign in'] button[type=submit]");
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the cluster workbench has drawn and its layout has stopped (so screenshots are stable). */
export async function waitForSettledGraph(page: Page, timeout = 90_000): Promise<void> {
  // Functions, not strings: the app's CSP forbids eval, which string predicates need.
  await page.waitForFunction(() => Boolean(window.__ringscope?.handles), null, { timeout });
  await page.waitForFunction(() => Boolean(window.__ringscope?.layout), null, { timeout });
}
