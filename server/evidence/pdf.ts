/**
 * PDF rendering
 * =============
 *
 * Prints the report HTML to PDF with headless Chromium (playwright-core, the Chromium at
 * config.chromiumPath, the same one the browser tests use). The page runs with JavaScript off and every
 * network request refused, so applicant-controlled text cannot make the renderer fetch or run anything.
 */
import fs from "node:fs";

import { chromium } from "playwright-core";

export class ChromiumMissingError extends Error {}

export async function renderPdf(html: string, opts: { chromiumPath: string; footer: string }): Promise<Buffer> {
  if (!fs.existsSync(opts.chromiumPath))
    throw new ChromiumMissingError(
      `evidence: Chromium not found at ${opts.chromiumPath} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  const browser = await chromium.launch({
    executablePath: opts.chromiumPath,
    headless: true,
    // The sandbox needs user namespaces, which containers running as root often lack; the page is inert
    // anyway (no script, no network).
    chromiumSandbox: false,
    args: ["--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route("**/*", (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:7pt;width:100%;text-align:center;color:#555">${opts.footer.replace(/[<>&]/g, "")} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: "16mm", bottom: "18mm", left: "12mm", right: "12mm" },
      tagged: true,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
