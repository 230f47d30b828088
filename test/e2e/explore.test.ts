/**
 * Starting from a tip, end to end: the built client served by the real app, real Neo4j holding a seeded
 * population plus a hand-made laptop farm (Elizabeth Foster applying twice with her email typed two ways,
 * three more personas on her device, payroll account and address), a real detection run, and Debian's
 * Chromium signed in as an investigator. From the header box (`/`): a raw email, a phone in another
 * format, a misspelt name and a pasted cluster id, each landing on the right page; the application and
 * identifier pages; the cluster page's collapsible panels, full screen and identity grouping; the
 * glossary from a help link. Screenshots (1440×900) go to test-results/screenshots/.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../../server/app.js";
import { PROJECT_ROOT } from "../../server/config.js";
import { generatePopulation } from "../../seed/generate.js";
import type { ContractRecord } from "../../seed/types.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { launchBrowser, screenshot, signedInContext, waitForSettledGraph, watchErrors } from "./browser.js";

let ctx: TestContext;
let server: Server;
let baseUrl: string;
let clientDir: string | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let farmCluster: string;

const STEP = 180_000;
const DEVICE = "ab12cd34ef56ab12cd34ef56ab12";
const PAYROLL = "tok_9f8e7d6c5b4a392817060504";
const ADDRESS = "4417 Washington Pl, Denver, CO 80205";

function farm(): ContractRecord[] {
  const base = Date.parse("2026-03-10T09:00:00Z");
  const at = (m: number) => new Date(base + m * 60_000).toISOString();
  const common = { device_id: DEVICE, payment_account: PAYROLL, shipping_address: ADDRESS, claimed_country: "US" };
  return [
    {
      application_id: "TIP-1",
      submitted_at: at(0),
      full_name: "Elizabeth Foster",
      email: "Elizabeth.Foster3940@gmail.com",
      ip: "203.0.113.41",
      ...common,
    },
    {
      application_id: "TIP-2",
      submitted_at: at(7),
      full_name: "Elizabeth Foster",
      email: "elizabethfoster3940+jobs@gmail.com",
      phone: "972-772-0000",
      ...common,
    },
    {
      application_id: "TIP-3",
      submitted_at: at(12),
      full_name: "Marcus Hale",
      email: "m.hale.dev@outlook.com",
      phone: "(972) 772-0000",
      ip: "203.0.113.41",
      ...common,
    },
    {
      application_id: "TIP-4",
      submitted_at: at(18),
      full_name: "Nadia Quill",
      email: "nadia.quill@proton.me",
      ...common,
    },
    {
      application_id: "TIP-5",
      submitted_at: at(25),
      full_name: "Owen Pike",
      email: "owenpike.work@gmail.com",
      ...common,
    },
  ];
}

/** Focuses the header box with `/`, types, waits for the results, presses Enter. */
async function searchFromHeader(text: string, group: string): Promise<void> {
  await page.click("h1");
  await page.keyboard.press("/");
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("global-search");
  await page.fill("#global-search", text);
  await page.waitForSelector(`#global-search-results .search-option[data-group="${group}"]`);
  await page.keyboard.press("Enter");
}

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "ringscope-client-"));
  await build({
    configFile: path.join(PROJECT_ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: clientDir, emptyOutDir: true },
  });
  ctx = await createTestContext();
  const app = createApp({ ...ctx.container.appDeps, clientDir });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const records = [...generatePopulation({ apps: 1000, seed: 5 })].map((s) => s.record);
  records.push(...farm());
  const summary = await ctx.container.services.ingest.ingest(records, "application/json");
  expect(summary.rejects).toEqual([]);
  await ctx.container.services.runs.runNow("e2e");
  const ctxTip = (await ctx.api("/api/applications/TIP-1/context")).body;
  expect(ctxTip.cluster).not.toBeNull();
  farmCluster = ctxTip.cluster.id;

  browser = await launchBrowser();
  context = await signedInContext(browser, baseUrl, await ctx.signIn("investigator"));
  page = await context.newPage();
  errors = watchErrors(page);
  await page.goto(`${baseUrl}/clusters`);
  await page.waitForSelector("#global-search");
}, 900_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  await ctx?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

describe("search from the header box", () => {
  it(
    "finds a raw email as typed and lands on the identifier page",
    async () => {
      await searchFromHeader("Elizabeth.Foster3940@gmail.com", "identifiers");
      await page.waitForURL(/\/identifiers\/email\/elizabethfoster3940%40gmail\.com$/);
      await page.waitForSelector(".page-entity[data-entity=identifier]");
      await expect(page.textContent("h1.entity-title")).resolves.toBe("elizabethfoster3940@gmail.com");
      // Both of her applications use it, whichever way she typed it.
      const ids = await page.$$eval(".entity-table tbody tr", (rows) => rows.map((r) => (r as HTMLElement).dataset.id));
      expect(ids).toEqual(["TIP-1", "TIP-2"]);
    },
    STEP,
  );

  it(
    "finds a phone typed in another format, with the identifier page's timeline and verdict",
    async () => {
      await searchFromHeader("+1 (972) 772-0000", "identifiers");
      await page.waitForURL(/\/identifiers\/phone\/%2B19727720000$/);
      await page.waitForSelector(".identifier-timeline .timeline-dot");
      await expect(page.$$eval(".timeline-dot", (d) => d.length)).resolves.toBe(2);
      await expect(page.getAttribute(".entity-verdict", "data-common")).resolves.toBe("false");
      await expect(page.textContent(".entity-verdict")).resolves.toMatch(/Not common infrastructure/);
      await page.waitForSelector(".neighbourhood canvas");
      await page.waitForTimeout(1500);
      await screenshot(page, "explore-02-identifier-phone");
      // A click on a dot opens that application's page.
      await page.click(`.timeline-dot[data-id="TIP-3"]`);
      await page.waitForURL(/\/applications\/TIP-3$/);
    },
    STEP,
  );

  it(
    "finds a misspelt name and lands on the application page",
    async () => {
      await searchFromHeader("Elizabth Fostr", "applications");
      await page.waitForURL(/\/applications\/TIP-[12]$/);
      await page.waitForSelector(".page-entity[data-entity=application]");
      await expect(page.textContent("h1.entity-title")).resolves.toBe("Elizabeth Foster");
    },
    STEP,
  );

  it(
    "finds a pasted cluster id (any case) and opens the cluster",
    async () => {
      await searchFromHeader(` ${farmCluster.toLowerCase()} `, "clusters");
      await page.waitForURL(new RegExp(`/clusters/${farmCluster}`));
      await waitForSettledGraph(page);
      await expect(page.textContent("h1.cluster-title")).resolves.toContain(farmCluster);
    },
    STEP,
  );

  it(
    "moves through grouped results with the arrow keys and closes with Escape",
    async () => {
      await page.click("h1");
      await page.keyboard.press("/");
      await page.fill("#global-search", "Foster");
      await page.waitForSelector("#global-search-results .search-option");
      const first = await page.getAttribute("#global-search", "aria-activedescendant");
      await page.keyboard.press("ArrowDown");
      const second = await page.getAttribute("#global-search", "aria-activedescendant");
      expect(second).not.toBe(first);
      await screenshot(page, "explore-01-search-results");
      await page.keyboard.press("Escape");
      await expect(page.isHidden("#global-search-results")).resolves.toBe(true);
    },
    STEP,
  );
});

describe("the application page", () => {
  it(
    "shows fields as typed, identifiers with use counts, the same person, cluster, cases and history",
    async () => {
      await page.goto(`${baseUrl}/applications/TIP-1`);
      await page.waitForSelector(".page-entity[data-entity=application]");
      await expect(page.getAttribute(".entity-cluster", "data-cluster")).resolves.toBe(farmCluster);
      const typed = await page.$$eval(".entity-table tbody tr", (rows) =>
        rows.map((r) => [(r as HTMLElement).dataset.ref, r.children[1]!.textContent, r.children[3]!.textContent]),
      );
      expect(typed).toContainEqual([
        "email:elizabethfoster3940@gmail.com",
        "Elizabeth.Foster3940@gmail.com",
        "2 applications",
      ]);
      expect(typed.find((t) => t[0]!.startsWith("payment:"))?.[2]).toBe("5 applications");
      await expect(page.textContent(".page-entity")).resolves.toContain("TIP-2");
      await page.waitForSelector(".neighbourhood canvas");
      await page.waitForTimeout(2000);
      await screenshot(page, "explore-03-application");
      expect(errors).toEqual([]);
    },
    STEP,
  );
});

describe("the cluster page reads at a glance", () => {
  const canvasBox = () =>
    page.evaluate(() => {
      const r = document.querySelector(".graph-canvas")!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });

  it(
    "shows first-use help, the legend above the drawing, typed labels and consistent counts",
    async () => {
      await page.goto(`${baseUrl}/clusters/${farmCluster}`);
      await waitForSettledGraph(page);
      await page.waitForSelector(".first-use-help");
      await screenshot(page, "explore-04-cluster-first-use");
      await page.click("[data-action=dismiss-help]");
      await expect(page.$$eval(".first-use-help", (e) => e.length)).resolves.toBe(0);
      // The legend is a strip above the drawing, not a box over the nodes.
      await expect(page.$$eval(".graph-stage .legend", (e) => e.length)).resolves.toBe(0);
      await expect(page.$$eval(".graph-legend .legend-item", (e) => e.length)).resolves.toBeGreaterThan(1);
      // The payroll token is shown shortened, as typed; its normal form is in the tooltip.
      const payroll = await page.$eval('.chip-identifier[data-ref^="payment:"]', (e) => [
        e.textContent,
        e.getAttribute("title"),
      ]);
      expect(payroll[0]).toBe("tok_9f…0504");
      expect(payroll[1]).toContain("tok_9f8e7d6c5b4a392817060504");
      // "Shared identifiers" in the facts is the length of the list beside it.
      const fact = Number(await page.textContent("dd[data-fact=shared_identifiers]"));
      const listed = await page.$eval(
        ".details-overview",
        (e) => /Shared identifiers \((\d+)\)/.exec(e.textContent ?? "")?.[1],
      );
      expect(fact).toBeGreaterThan(0);
      expect(Number(listed)).toBe(fact);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    "collapses the side panels and goes full screen, giving the graph most of a 1440×900 window",
    async () => {
      const before = await canvasBox();
      await page.click("[data-action=toggle-summary]");
      await page.click("[data-action=toggle-side]");
      await page.waitForTimeout(300);
      const wide = await canvasBox();
      expect(wide.width).toBeGreaterThan(before.width + 500);
      expect(wide.width).toBeGreaterThan(1400);
      await screenshot(page, "explore-05-panels-collapsed");
      await page.keyboard.press("m");
      await page.waitForSelector("body.rs-graph-fullscreen");
      await page.waitForTimeout(300);
      const full = await canvasBox();
      expect(full.height).toBeGreaterThan(wide.height);
      expect(full.width * full.height).toBeGreaterThan(0.75 * 1440 * 900);
      // Sigma follows its container: the node layer is as wide as the stage.
      const drawnWidth = await page.evaluate(() => window.__ringscope!.handles!.renderer.getDimensions().width);
      expect(Math.abs(drawnWidth - full.width)).toBeLessThan(2);
      await screenshot(page, "explore-06-fullscreen");
      await page.keyboard.press("Escape");
      await expect(page.isVisible(".app-header")).resolves.toBe(true);
      // Panels stay as left (remembered), and come back with their buttons.
      await page.reload();
      await waitForSettledGraph(page);
      await expect(page.isVisible(".cluster-summary")).resolves.toBe(false);
      await page.keyboard.press("[");
      await page.keyboard.press("]");
      await expect(page.isVisible(".cluster-summary")).resolves.toBe(true);
      await expect(page.isVisible(".cluster-side")).resolves.toBe(true);
    },
    STEP,
  );

  it(
    "draws one person's applications as one node with a count, and back",
    async () => {
      const order = () => page.evaluate(() => window.__ringscope!.handles!.graph.order);
      const perApplication = await order();
      const timelineTotal = await page.textContent(".timeline-label");
      expect(timelineTotal).toMatch(/^\d+ applications · all dates$/);
      await expect(page.getAttribute("[data-action=identities]", "aria-pressed")).resolves.toBe("false");
      await page.click("[data-action=identities]");
      await page.waitForURL(/identities=1/);
      await waitForSettledGraph(page);
      // Elizabeth Foster's two applications are one node labelled with the count.
      expect(await order()).toBe(perApplication - 1);
      const label = await page.evaluate(() =>
        window.__ringscope!.handles!.graph.getNodeAttribute("application:TIP-1", "label"),
      );
      expect(label).toBe("Elizabeth Foster ×2");
      // One node for two applications: the timeline still counts both, as the header does.
      await expect(page.textContent(".timeline-label")).resolves.toBe(timelineTotal);
      await screenshot(page, "explore-07-identities-grouped");
      await page.keyboard.press("g");
      await page.waitForURL(/identities=0/);
      await waitForSettledGraph(page);
      expect(await order()).toBe(perApplication);
    },
    STEP,
  );

  it(
    "opens the glossary from a reason's help link",
    async () => {
      const term = await page.getAttribute(".reason .help-link", "data-term");
      await page.click(".reason .help-link");
      await page.waitForURL(new RegExp(`/glossary#term-${term}$`));
      await page.waitForSelector(`.glossary-target[data-term="${term}"]`);
      await expect(page.$$eval(".glossary-list dt", (e) => e.length)).resolves.toBeGreaterThan(40);
      await screenshot(page, "explore-08-glossary");
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
