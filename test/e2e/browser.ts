/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core, headless, with WebGL through
 * SwiftShader (software; the machines have no GPU), a signed-in session cookie, and screenshots saved
 * as test artefacts under test-results/screenshots/.
 *
 * What works: `--disable-gpu` plus `--use-angle=swiftshader --enable-unsafe-swiftshader` gives WebGL 2
 * ("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))"); Chromium 156 also falls back to it
 * without the last two flags, which are kept so newer builds do not drop the fallback.
 */
import fs from "node:fs";
import path from "node:path";

import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import { PROJECT_ROOT } from "../../server/config.js";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = path.join(PROJECT_ROOT, "test-results", "screenshots");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
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
