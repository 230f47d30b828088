/**
 * The investigator's workbench end to end: the built client served by the real app (createApp serves
 * dist/client), real Neo4j holding a seeded population of 2,000 applications (plus 30 strangers behind
 * one coworking IP that a laptop-farm persona also used), a real detection run, and
 * Debian's Chromium signed in as an investigator. Scenarios: the queue with filters in the URL, the top
 * cluster drawn by sigma, expand with "N more" and collapse, why linked, the timeline filter, a deep link,
 * keyboard search, PNG export, not-found and signed-out states. Screenshots go to
 * test-results/screenshots/.
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
import type { ClusterDetail, ClustersPage } from "../../server/common/api/clusters.js";
import { generatePopulation } from "../../seed/generate.js";
import type { ContractRecord } from "../../seed/types.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import {
  SCREENSHOTS,
  launchBrowser,
  screenshot,
  signedInContext,
  waitForSettledGraph,
  watchErrors,
} from "./browser.js";

let ctx: TestContext;
let server: Server;
let baseUrl: string;
let clientDir: string | undefined;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let top: ClusterDetail;
/** Two members of the top cluster sharing a (non-common) identifier, and that identifier. */
let pair: { a: string; b: string; via: string };
/** A cluster and an identifier in it used by more applications than the cluster holds (something to expand). */
let wide: { cluster: string; ref: string; key: string; used_by: number; members: number };

const STEP = 150_000;
const COWORKING_IP = "81.2.69.77";

async function visibleNodes(): Promise<number> {
  return page.evaluate(() => window.__ringscope!.visibleNodes!());
}

/** Selects a node from the member lists (Escape first clears any selection, showing the lists). */
async function pick(ref: string): Promise<void> {
  await page.click("h1.cluster-title");
  await page.keyboard.press("Escape");
  await page.click(`.details-overview .node-button[data-ref="${ref}"]`);
  await page.waitForSelector(`.details-panel[data-ref="${ref}"] .details-body .fields`);
}

async function graphOrder(): Promise<number> {
  return page.evaluate(() => window.__ringscope!.handles!.graph.order);
}

beforeAll(async () => {
  // The client is built once into this run's own directory and served by an app over the test
  // container (same routes and auth as ctx), so another run rebuilding dist/client cannot pull the
  // assets from under this one.
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
  const seeded = [...generatePopulation({ apps: 2000, seed: 11 })];
  const records: ContractRecord[] = seeded.map((s) => s.record);
  // A coworking space's IP shared by one laptop-farm persona and 30 strangers: common infrastructure
  // touching a cluster, so "expand" has applications outside the cluster to load, page by page.
  const farmer = seeded.find((s) => s.truth.ring_type === "laptop_farm")!.record;
  farmer.ip = [...[farmer.ip ?? []].flat(), COWORKING_IP];
  for (let i = 1; i <= 30; i++)
    records.push({
      application_id: `E2E-${String(i).padStart(3, "0")}`,
      submitted_at: new Date(Date.parse("2026-03-02T09:00:00Z") + i * 3_600_000).toISOString(),
      full_name: `Cowork Member ${i}`,
      email: `cowork.member.${i}@example.org`,
      ip: COWORKING_IP,
      claimed_country: "GB",
    });
  const summary = await ctx.container.services.ingest.ingest(records, "application/json");
  expect(summary.rejects).toEqual([]);
  await ctx.container.services.runs.runNow("e2e");

  const queue = (await ctx.api("/api/clusters?limit=5")).body as ClustersPage;
  expect(queue.clusters.length).toBeGreaterThan(1);
  top = (await ctx.api(`/api/clusters/${queue.clusters[0]!.id}`)).body as ClusterDetail;
  const shared = top.identifiers.find((i) => i.members >= 2 && !i.common_infrastructure)!;
  const users = top.members.filter((m) => m.identifiers.includes(shared.ref)).map((m) => m.id);
  pair = { a: users[0]!, b: users[1]!, via: shared.ref };
  const all = (await ctx.api("/api/clusters?limit=40")).body as ClustersPage;
  for (const c of all.clusters) {
    const d = (await ctx.api(`/api/clusters/${c.id}`)).body as ClusterDetail;
    const i = [...d.identifiers].sort((x, y) => y.used_by - y.members - (x.used_by - x.members))[0];
    if (i && i.used_by > i.members && (!wide || i.used_by > 25))
      wide = { cluster: c.id, ref: i.ref, key: i.key, used_by: i.used_by, members: i.members };
    if (wide?.used_by > 25) break;
  }
  expect(wide).toBeDefined();

  browser = await launchBrowser();
  context = await signedInContext(browser, baseUrl, await ctx.signIn("investigator"));
  page = await context.newPage();
  errors = watchErrors(page);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  await ctx?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

describe("cluster queue", () => {
  it(
    "lists the latest run's clusters by risk, and keeps filters in the URL",
    async () => {
      await page.goto(`${baseUrl}/clusters`);
      await page.waitForSelector("tr.queue-row");
      const ids = await page.$$eval("tr.queue-row", (rows) => rows.map((r) => (r as HTMLElement).dataset.cluster));
      expect(ids[0]).toBe(top.cluster.id);
      const scores = await page.$$eval(".queue-row .risk-score", (els) => els.map((e) => Number(e.textContent)));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      await expect(page.textContent("#queue-run")).resolves.toMatch(/^Detection run /);
      await screenshot(page, "01-queue");

      await page.selectOption("select[name=level]", "high");
      await page.waitForURL(/level=high/);
      await page.waitForSelector(".queue-results[aria-busy=false]");
      const levels = await page.$$eval(".queue-row .risk", (els) => els.map((e) => e.className));
      expect(levels.length).toBeGreaterThan(0);
      for (const l of levels) expect(l).toContain("risk-high");

      // A reload keeps the filter: the URL is the state.
      await page.reload();
      await page.waitForSelector(".queue-results[aria-busy=false]");
      await expect(page.inputValue("select[name=level]")).resolves.toBe("high");

      await page.fill("#queue-search", "zzzz-no-such-applicant");
      await page.press("#queue-search", "Enter");
      await page.waitForSelector(".state-empty");
      await expect(page.textContent(".state-empty")).resolves.toContain("No clusters match these filters");
      await screenshot(page, "02-queue-empty");
      await page.click("text=Clear filters");
      await page.waitForSelector("tr.queue-row");
      expect(page.url()).toBe(`${baseUrl}/clusters`);
    },
    STEP,
  );

  it(
    "keeps the rows and the count on screen while filters change (no flicker to a spinner or empty state)",
    async () => {
      await page.goto(`${baseUrl}/clusters`);
      await page.waitForSelector(".queue-results[aria-busy=false] tr.queue-row");
      // Record every moment the results lose their table or the count its text, from now on.
      await page.evaluate(() => {
        const w = window as unknown as { __flicker: string[] };
        w.__flicker = [];
        const results = document.querySelector(".queue-results")!;
        const count = document.querySelector("#queue-run")!;
        const check = () => {
          if (!results.querySelector("table")) w.__flicker.push(results.querySelector(".state")?.className ?? "empty");
          if (!count.textContent?.trim()) w.__flicker.push("count");
        };
        new MutationObserver(check).observe(results, { childList: true, subtree: true });
        new MutationObserver(check).observe(count, { childList: true, characterData: true, subtree: true });
      });
      const settled = () => page.waitForSelector(".queue-results[aria-busy=false]:not(.is-stale) tr.queue-row");
      await page.selectOption("select[name=level]", "high");
      await page.waitForURL(/level=high/);
      await settled();
      const highCount = await page.textContent("#queue-run");
      await page.selectOption("select[name=level]", "");
      await page.waitForURL((u) => !u.search.includes("level="));
      await settled();
      // And back to high: the rows of "any level" stay, dimmed, until the high ones replace them.
      await page.selectOption("select[name=level]", "high");
      await page.waitForURL(/level=high/);
      await settled();
      await expect(page.textContent("#queue-run")).resolves.toBe(highCount);
      await page.selectOption("select[name=level]", "");
      await page.waitForURL((u) => !u.search.includes("level="));
      await settled();
      expect(highCount).toMatch(/^Detection run /);
      expect(await page.evaluate(() => (window as unknown as { __flicker: string[] }).__flicker)).toEqual([]);
    },
    STEP,
  );
});

describe("cluster view", () => {
  it(
    "opens the top cluster: graph, legend, reasons and risk breakdown",
    async () => {
      await page.click(`a.cluster-link:text-is("${top.cluster.id}")`);
      await page.waitForURL(new RegExp(`/clusters/${top.cluster.id}$`));
      await waitForSettledGraph(page);
      expect(await graphOrder()).toBe(top.graph.nodes.length);
      const canvases = await page.$$eval(".graph-canvas canvas", (cs) => cs.length);
      expect(canvases).toBeGreaterThan(1);
      await expect(page.textContent(".cluster-summary")).resolves.toContain(top.reasons[0]!.text);
      await expect(page.$$eval(".reason", (r) => r.length)).resolves.toBe(top.reasons.length);
      if (top.cluster.score_breakdown?.length)
        await expect(page.$$eval(".breakdown-row", (r) => r.length)).resolves.toBe(
          top.cluster.score_breakdown.length + 1,
        );
      const legend = await page.$$eval(".legend-item", (els) => els.map((e) => (e as HTMLElement).dataset.kind));
      expect(legend).toContain("application");
      // Something was actually drawn on the node layer (WebGL through SwiftShader).
      const drawn = await page.evaluate(() => {
        const r = window.__ringscope!.handles!.renderer;
        const d = r.getNodeDisplayData(window.__ringscope!.handles!.graph.nodes()[0]);
        return Boolean(d) && Number.isFinite(d!.x) && r.getCanvases().nodes!.width > 0;
      });
      expect(drawn).toBe(true);
      await screenshot(page, "03-cluster");
    },
    STEP,
  );

  it(
    "filters by node kind from the legend and selects a node from the member list",
    async () => {
      const total = await visibleNodes();
      await page.click('.legend-item[data-kind="application"]');
      await expect(page.getAttribute('.legend-item[data-kind="application"]', "aria-pressed")).resolves.toBe("false");
      expect(await visibleNodes()).toBe(total - top.members.length);
      await page.waitForURL(/hide=application/);
      await page.click('.legend-item[data-kind="application"]');
      expect(await visibleNodes()).toBe(total);

      await page.click(`.node-button[data-ref="application:${pair.a}"]`);
      await page.waitForSelector(".details-head");
      await page.waitForURL(/sel=application%3A/);
      await page.waitForSelector(".details-body .fields");
      await expect(page.textContent(".details-body")).resolves.toContain(pair.a);
      await expect(page.textContent(".details-body")).resolves.toContain("As submitted");
      await screenshot(page, "04-application-details");
    },
    STEP,
  );

  it(
    "expands an identifier's applications page by page and collapses them again",
    async () => {
      if (wide.cluster !== top.cluster.id) {
        await page.goto(`${baseUrl}/clusters/${wide.cluster}`);
        await waitForSettledGraph(page);
      }
      const before = await graphOrder();
      await page.click("#graph-search");
      await page.fill("#graph-search", wide.key);
      await page.press("#graph-search", "Enter");
      await page.waitForSelector(`.details-panel[data-ref="${wide.ref}"]`);
      await page.waitForSelector('[data-action="expand"]');
      await page.click('[data-action="expand"]');
      await page.waitForSelector(".expand-status");
      const status = await page.textContent(".expand-status");
      expect(status).toMatch(new RegExp(`^Showing ${Math.min(25, wide.used_by)} of ${wide.used_by} applications`));
      const afterOne = await graphOrder();
      expect(afterOne).toBeGreaterThan(before);
      if (wide.used_by > 25) {
        await page.click('[data-action="more"]');
        const next = `Showing ${Math.min(50, wide.used_by)} `;
        await page.waitForFunction(
          (text) => document.querySelector(".expand-status")?.textContent?.startsWith(text),
          next,
        );
        expect(await graphOrder()).toBeGreaterThanOrEqual(afterOne);
      }
      await screenshot(page, "05-expanded");
      await page.click('[data-action="collapse"]');
      await page.waitForSelector('[data-action="expand"]');
      expect(await graphOrder()).toBe(before);
      await page.fill("#graph-search", "");
      await page.press("#graph-search", "Escape");
      if (wide.cluster !== top.cluster.id) {
        await page.goto(`${baseUrl}/clusters/${top.cluster.id}`);
        await waitForSettledGraph(page);
      }
    },
    STEP,
  );

  it(
    "explains why two applications are linked, in words and highlighted",
    async () => {
      await pick(`application:${pair.a}`);
      await page.click('[data-action="pair-a"]');
      await pick(`application:${pair.b}`);
      await page.click('[data-action="pair-b"]');
      await page.click('[data-action="explain"]');
      await page.waitForSelector(".why-result");
      const text = await page.textContent(".why-result");
      expect(text).toMatch(/shortest chain/);
      expect(text).toContain(" share ");
      const focused = await page.evaluate((via) => {
        const d = window.__ringscope!.handles!.renderer.getNodeDisplayData(via)!;
        return { highlighted: d.highlighted || d.forceLabel };
      }, pair.via);
      expect(focused).toMatchObject({ highlighted: true });
      await page.waitForURL(/a=application%3A.*b=application%3A/);
      await screenshot(page, "06-why-linked");
    },
    STEP,
  );

  it(
    "brushes the timeline to filter the graph by submission time",
    async () => {
      await page.click(".why-actions >> text=Clear");
      const total = await visibleNodes();
      const box = (await page.$(".timeline-chart"))!.boundingBox();
      const b = (await box)!;
      await page.mouse.move(b.x + 2, b.y + b.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width * 0.35, b.y + b.height / 2, { steps: 5 });
      await page.mouse.up();
      await page.waitForURL(/from=.*to=/);
      const shown = await visibleNodes();
      expect(shown).toBeLessThan(total);
      expect(shown).toBeGreaterThan(0);
      await expect(page.textContent(".timeline-label")).resolves.toMatch(/of \d+/);
      await screenshot(page, "07-timeline-filter");
      await page.click("text=Clear range");
      await page.waitForFunction((n) => window.__ringscope!.visibleNodes!() === n, total);
    },
    STEP,
  );

  it(
    "finds a node by keyboard search and moves the camera to it",
    async () => {
      await page.click("h1.cluster-title");
      // "/" is the header's search-everything box; F finds inside the graph.
      await page.keyboard.press("f");
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("graph-search");
      const member = top.members.find((m) => m.id === pair.b)!;
      const camera = () => page.evaluate(() => window.__ringscope!.handles!.renderer.getCamera().getState());
      const camera0 = await camera();
      await page.keyboard.type(pair.b);
      await page.keyboard.press("Enter");
      await page.waitForSelector(`.details-panel[data-ref="application:${pair.b}"]`);
      await expect(page.textContent(".search-status")).resolves.toMatch(/1 of 1 match/);
      await page.waitForTimeout(700);
      const camera1 = await camera();
      expect(camera1).not.toEqual(camera0);
      expect(camera1.ratio).toBeLessThanOrEqual(0.2 + 1e-9);
      await expect(page.textContent(".details-title")).resolves.toContain(
        String(member.full_name ?? pair.b).slice(0, 20),
      );
    },
    STEP,
  );

  it(
    "saves the view as a PNG",
    async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="export"]')]);
      expect(download.suggestedFilename()).toBe(`ringscope-${top.cluster.id}.png`);
      const file = await download.path();
      const { readFileSync } = await import("node:fs");
      const bytes = readFileSync(file!);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(bytes.length).toBeGreaterThan(10_000);
      // Kept beside the screenshots, to look at the title and the legend drawn into the image.
      await download.saveAs(path.join(SCREENSHOTS, "10-export.png"));
    },
    STEP,
  );

  it(
    "opens a deep link with a selection and a why-linked pair",
    async () => {
      const link = `/clusters/${top.cluster.id}?sel=${encodeURIComponent(`application:${pair.a}`)}&a=${encodeURIComponent(`application:${pair.a}`)}&b=${encodeURIComponent(`application:${pair.b}`)}&hide=email`;
      const fresh = await context.newPage();
      const freshErrors = watchErrors(fresh);
      await fresh.goto(`${baseUrl}${link}`);
      await fresh.waitForSelector(`.details-panel[data-ref="application:${pair.a}"] .details-body .fields`, {
        timeout: 90_000,
      });
      await fresh.waitForSelector(".why-result", { timeout: 90_000 });
      await expect(fresh.textContent(".why-result")).resolves.toContain(" share ");
      await expect(fresh.getAttribute('.legend-item[data-kind="email"]', "aria-pressed")).resolves.toBe("false");
      await waitForSettledGraph(fresh);
      await fresh.waitForTimeout(600);
      await screenshot(fresh, "08-deep-link");
      expect(freshErrors).toEqual([]);
      await fresh.close();
    },
    STEP,
  );

  it(
    "shows not-found and signed-out states in the page",
    async () => {
      await page.goto(`${baseUrl}/clusters/C-DOES-NOT-EXIST`);
      await page.waitForSelector(".state-empty");
      await expect(page.textContent(".state-empty")).resolves.toContain("Cluster not found");
      await screenshot(page, "09-not-found");

      const anonymous = await signedInContext(browser, baseUrl, null);
      const p = await anonymous.newPage();
      await p.goto(`${baseUrl}/clusters?level=high`);
      await p.waitForURL(/\/signin\?next=%2Fclusters%3Flevel%3Dhigh/);
      await anonymous.close();
      expect(errors, errors.join("\n")).toEqual([]);
    },
    STEP,
  );
});

describe("detection runs in the queue", () => {
  it(
    "lists an earlier run, and narrows the latest to what is new since it",
    async () => {
      const first = ((await ctx.api("/api/runs")).body as { runs: { id: string }[] }).runs[0]!.id;
      // A new ring arrives after the first run: four names behind one laptop and one payroll account.
      const ring = [1, 2, 3, 4].map((i) => ({
        application_id: `E2E-RING-${i}`,
        submitted_at: `2026-04-0${i}T10:00:00Z`,
        full_name: ["Avery Stone", "Jordan Vale", "Casey Moor", "Riley Fenn"][i - 1]!,
        email: `ring.member.${i}@example.net`,
        device_id: "e2e-ring-laptop-0001",
        payment_account: "e2e-ring-payroll-0001",
        shipping_address: "400 Harbor Street, Apt 9, Tacoma, WA 98402",
      }));
      const ingest = await ctx.container.services.ingest.ingest(ring, "application/json");
      expect(ingest.rejects).toEqual([]);
      await ctx.container.services.runs.runNow("e2e-second");
      const since = (await ctx.api(`/api/clusters?new_since=${first}&limit=500`)).body as ClustersPage;
      const ringCluster = since.clusters.find((c) => c.application_ids.includes("E2E-RING-1"));
      expect(ringCluster, "the new ring forms a cluster").toBeDefined();
      const latest = (await ctx.api("/api/clusters?limit=1")).body as ClustersPage;
      expect(since.total).toBeLessThan(latest.total);

      await page.goto(`${baseUrl}/clusters`);
      await page.waitForSelector(".queue-results[aria-busy=false]");
      await page.selectOption("select[name=new_since]", first);
      await page.waitForURL(new RegExp(`new_since=${first}`));
      await page.waitForSelector(".queue-results[aria-busy=false]");
      const ids = await page.$$eval("tr.queue-row", (rows) => rows.map((r) => (r as HTMLElement).dataset.cluster));
      expect(ids).toEqual(since.clusters.slice(0, ids.length).map((c) => c.id));
      expect(ids).toContain(ringCluster!.id);
      await expect(page.textContent("#queue-run")).resolves.toContain(`new or grown since run ${first}`);
      await screenshot(page, "12-queue-new-since");

      // The first run itself: the ring is not in it, "since" starts again, and clusters open in that run.
      await page.selectOption("select[name=run]", first);
      await page.waitForURL((u) => u.searchParams.get("run") === first && !u.searchParams.has("new_since"));
      await page.waitForSelector(".queue-results[aria-busy=false]");
      await expect(page.textContent("#queue-run")).resolves.toContain(`Detection run ${first}`);
      const older = await page.$$eval("tr.queue-row", (rows) => rows.map((r) => (r as HTMLElement).dataset.cluster));
      expect(older).not.toContain(ringCluster!.id);
      const href = await page.getAttribute("a.cluster-link", "href");
      expect(href).toContain(`run=${first}`);
      // Nothing is earlier than the first run, so there is nothing to count changes from.
      await expect(page.$$eval("select[name=new_since] option", (o) => o.length)).resolves.toBe(1);
      expect(errors, errors.join("\n")).toEqual([]);
    },
    STEP,
  );
});
