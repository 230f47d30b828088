/**
 * `npm run bench:client -- [--reps N] [--apps N] [--no-build] [--json] [--keep-open] [--screenshots DIR]`
 * ================================================================================
 *
 * Loads a synthetic 5,000-node / ~20,000-edge cluster into the real client in headless Chromium and
 * prints, per repetition and as medians:
 *  - first render: ms from navigation start to the first drawn frame of the graph (page load, payload
 *    fetch and parse, graph build, sigma's first frame);
 *  - settled: ms from navigation start until ForceAtlas2 stopped, and why it stopped: "settled" (mean
 *    node displacement per iteration under 0.2% of the layout's diagonal for 5 consecutive iterations,
 *    after at least 15; client/render/layout-settle.ts) or "budget" (2.5 s + 1.2 s per 1,000 nodes,
 *    capped at 10 s; client/render/settings.ts);
 *  - layout iterations, frames drawn per second while the layout ran (the page stays responsive because
 *    FA2 runs in a worker), and the median time of a view-state redraw (reducers, no re-indexation);
 * for a 5,000-node and a 1,000-node cluster, with the same figures for a 500-node baseline of the same
 * shape in the same run, as ratios.
 * No Neo4j: a tiny local server serves the client (built into a temporary directory; `--no-build` reuses
 * the last one) and the synthetic payload at `GET /api/clusters/:id`.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { Browser } from "playwright-core";

import { mulberry32 } from "../detect/rng.js";
import { PROJECT_ROOT } from "../config.js";
import type { ClusterDetail } from "../common/api/clusters.js";
import { cliArgs, runMain } from "../common/cli-args.js";
import { launchChromium } from "./chromium.js";

const USAGE = "npm run bench:client -- [--reps N] [--apps N] [--no-build] [--json] [--keep-open] [--screenshots DIR]";
/** The bench builds into its own directory, so a server or test serving dist/client is not disturbed. */
const BENCH_DIR = path.join(os.tmpdir(), "ringscope-bench-client");

const SHARED_KINDS = ["device", "ip", "payment", "address", "profile", "phone"] as const;

/**
 * A cluster shaped like a big ring: `apps` applications, each with its own email and phone (every fifth
 * is the previous applicant again, with that person's name and email too, so identities group), in
 * communities of 25 that share a pool of identifiers (devices, IPs, payment accounts …), plus a few
 * links across communities. Nodes = 4 × apps; edges ≈ 15.5 × apps (1,250 apps: 5,000 nodes, ~19,400 edges).
 */
export function syntheticCluster(apps: number, seed = 7): ClusterDetail {
  const r = mulberry32(seed);
  const nodes: ClusterDetail["graph"]["nodes"] = [];
  const edges: ClusterDetail["graph"]["edges"] = [];
  const seen = new Set<string>();
  const link = (a: string, i: string) => {
    const k = `${a}|${i}`;
    if (seen.has(k)) return;
    seen.add(k);
    edges.push({ source: a, target: i });
  };
  const communities = Math.max(1, Math.round(apps / 25));
  const poolSize = apps; // shared identifiers in total (one per application on average)
  const pool: string[] = [];
  for (let i = 0; i < poolSize; i++) {
    const kind = SHARED_KINDS[i % SHARED_KINDS.length]!;
    const key = `${kind}-${i}`;
    pool.push(`${kind}:${key}`);
    nodes.push({
      id: `${kind}:${key}`,
      kind,
      label: key,
      attributes: { key, used_by: 0, members: 0, common_infrastructure: i % 97 === 0 },
    });
  }
  const start = Date.parse("2026-01-05T00:00:00Z");
  const appIds: string[] = [];
  for (let a = 0; a < apps; a++) {
    const id = `B-${a}`;
    const ref = `application:${id}`;
    // Every fifth application is its predecessor's person applying again (same folded name, same
    // email), so the drawing groups identities as it does on real rings.
    const person = a % 5 === 4 ? a - 1 : a;
    appIds.push(id);
    nodes.push({
      id: ref,
      kind: "application",
      label: `Applicant ${person}`,
      attributes: {
        application_id: id,
        full_name: `Applicant ${person}`,
        name_key: `applicant ${person}`,
        submitted_at: new Date(start + Math.floor(r() * 60 * 86_400_000)).toISOString(),
        indicators: [],
      },
    });
    for (const kind of ["email", "phone"] as const) {
      const key = `${kind}-own-${a}`;
      nodes.push({ id: `${kind}:${key}`, kind, label: key, attributes: { key, used_by: 1, members: 1 } });
      link(ref, `${kind}:${key}`);
    }
    if (person !== a) link(ref, `email:email-own-${person}`);
    const community = a % communities;
    const per = poolSize / communities;
    const base = Math.floor(community * per);
    const offset = Math.floor(r() * per);
    for (let j = 0; j < 13; j++)
      link(ref, pool[(base + ((offset + j * 7) % Math.max(1, Math.floor(per)))) % poolSize]!);
    if (r() < 0.5) link(ref, pool[Math.floor(r() * poolSize)]!);
  }
  return {
    run_id: "bench",
    generated_at: new Date(start).toISOString(),
    cluster: {
      id: `BENCH-${apps}`,
      application_ids: appIds,
      risk_score: 88,
      risk_level: "high",
      patterns: ["laptop_farm", "shared_infrastructure"],
      reasons: [{ code: "bench", text: "Synthetic cluster for the client benchmark.", identifiers: [] }],
      size: apps,
      shared_identifiers: [],
      common_infrastructure: [],
      previous_ids: [],
      added: 0,
      removed: 0,
    },
    members: appIds.map((id) => ({ id, full_name: id, identifiers: [] })),
    missing_members: [],
    identifiers: [],
    graph: { nodes, edges, truncated: false },
    reasons: [],
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".map": "application/json",
  ".svg": "image/svg+xml",
};

export function serve(payloads: Map<string, string>, clientDir = BENCH_DIR): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const m = /^\/api\/clusters\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const body = payloads.get(decodeURIComponent(m[1]!));
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(body ?? JSON.stringify({ error: { code: "not_found", message: "no such bench cluster" } }));
      return;
    }
    if (url.pathname.startsWith("/api/")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "not served by the bench" } }));
      return;
    }
    const file = path.join(clientDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ""));
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(clientDir, "index.html");
    res.writeHead(200, { "content-type": TYPES[path.extname(target)] ?? "application/octet-stream" });
    fs.createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

interface Sample {
  /** Navigation start to: client code run (DOMContentLoaded), payload parsed, graph built. */
  domReadyMs: number;
  payloadMs: number;
  builtMs: number;
  firstRenderMs: number;
  settledMs: number;
  iterations: number;
  reason: string;
  fps: number;
  redrawMs: number;
}

/** `screenshot`: where to save the page once the layout stopped, so a reader can judge the layout itself. */
async function measure(browser: Browser, url: string, screenshot?: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // A string, not a function: tsx would wrap named functions in a `__name` helper the page lacks.
  await page.addInitScript(`
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  `);
  await page.goto(url);
  await page.waitForFunction(() => window.__ringscope?.firstRenderAt !== undefined, null, { timeout: 60_000 });
  await page.waitForFunction(() => Boolean(window.__ringscope?.layout), null, { timeout: 60_000 });
  if (errors.length) throw new Error(`page error: ${errors[0]}`);
  // A string for the same reason as the init script (tsx's `__name` helper is not in the page).
  const sample = (await page.evaluate(`(() => {
    const rs = window.__ringscope;
    const from = rs.firstRenderAt;
    const to = rs.layout.settledAtMs;
    const during = window.__frames.filter((t) => t >= from && t <= to).length;
    const times = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      rs.handles.renderer.refresh({ skipIndexation: true });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      domReadyMs: nav.domContentLoadedEventEnd,
      payloadMs: performance.getEntriesByName("rs:cluster-payload")[0].startTime,
      builtMs: performance.getEntriesByName("rs:graph-built")[0].startTime,
      firstRenderMs: from,
      settledMs: to,
      iterations: rs.layout.iterations,
      reason: rs.layout.reason,
      fps: during / Math.max(0.001, (to - from) / 1000),
      redrawMs: times[3],
    };
  })()`)) as Sample;
  if (screenshot) await page.screenshot({ path: screenshot });
  await context.close();
  return sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const { values } = cliArgs(
    {
      reps: { type: "string", default: "3" },
      apps: { type: "string", default: "1250" },
      "no-build": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "keep-open": { type: "boolean", default: false },
      screenshots: { type: "string" },
    },
    USAGE,
  );
  const reps = Number(values.reps);
  const apps = Number(values.apps);
  if (!Number.isInteger(reps) || reps < 1 || !Number.isInteger(apps) || apps < 10) throw new Error(`usage: ${USAGE}`);
  if (!values["no-build"] || !fs.existsSync(path.join(BENCH_DIR, "index.html"))) {
    const { build } = await import("vite");
    await build({
      configFile: path.join(PROJECT_ROOT, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: BENCH_DIR, emptyOutDir: true },
    });
  }
  if (values.screenshots) fs.mkdirSync(values.screenshots, { recursive: true });
  const big = syntheticCluster(apps);
  const mid = syntheticCluster(Math.round(apps / 5));
  const small = syntheticCluster(Math.round(apps / 10));
  const payloads = new Map([
    [big.cluster.id, JSON.stringify(big)],
    [mid.cluster.id, JSON.stringify(mid)],
    [small.cluster.id, JSON.stringify(small)],
  ]);
  const server = await serve(payloads);
  const port = (server.address() as { port: number }).port;
  const browser = await launchChromium();
  const cases = [
    { name: "large", cluster: big },
    { name: "mid", cluster: mid },
    { name: "baseline", cluster: small },
  ];
  const results: Record<string, Sample[]> = { large: [], mid: [], baseline: [] };
  const clusterOf: Record<string, ClusterDetail> = { large: big, mid, baseline: small };
  try {
    // Warm-up (browser caches, shader compilation paths), not counted.
    await measure(browser, `http://127.0.0.1:${port}/clusters/${small.cluster.id}`);
    for (let i = 0; i < reps; i++) {
      // Alternate the order so neither case always follows the other's teardown.
      for (const c of i % 2 ? [...cases].reverse() : cases) {
        const shot =
          i === 0 && values.screenshots ? path.join(values.screenshots, `bench-client-${c.name}.png`) : undefined;
        const s = await measure(browser, `http://127.0.0.1:${port}/clusters/${c.cluster.cluster.id}`, shot);
        results[c.name]!.push(s);
        if (!values.json)
          process.stdout.write(
            `rep ${i + 1} ${c.name.padEnd(8)} first render ${s.firstRenderMs.toFixed(0).padStart(5)} ms (code ${s.domReadyMs.toFixed(0)}, payload ${s.payloadMs.toFixed(0)}, built ${s.builtMs.toFixed(0)}) · layout stopped ${s.settledMs.toFixed(0).padStart(6)} ms (${s.reason}, ${s.iterations} it) · ${s.fps.toFixed(0)} fps during layout · redraw ${s.redrawMs.toFixed(1)} ms\n`,
          );
      }
    }
  } finally {
    if (!values["keep-open"]) {
      await browser.close();
      server.close();
    }
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([k, xs]) => [
      k,
      {
        nodes: clusterOf[k]!.graph.nodes.length,
        edges: clusterOf[k]!.graph.edges.length,
        firstRenderMs: Math.round(median(xs.map((x) => x.firstRenderMs))),
        settledMs: Math.round(median(xs.map((x) => x.settledMs))),
        iterations: Math.round(median(xs.map((x) => x.iterations))),
        stopReasons: xs.map((x) => x.reason),
        fpsDuringLayout: Math.round(median(xs.map((x) => x.fps))),
        redrawMs: Math.round(median(xs.map((x) => x.redrawMs)) * 10) / 10,
      },
    ]),
  ) as Record<
    "large" | "mid" | "baseline",
    {
      nodes: number;
      edges: number;
      firstRenderMs: number;
      settledMs: number;
      redrawMs: number;
      fpsDuringLayout: number;
      iterations: number;
      stopReasons: string[];
    }
  >;
  const ratio = (c: "large" | "mid", k: "firstRenderMs" | "settledMs" | "redrawMs") =>
    Math.round((summary[c][k] / Math.max(0.1, summary.baseline[k])) * 100) / 100;
  const ratios = {
    firstRender: ratio("large", "firstRenderMs"),
    settled: ratio("large", "settledMs"),
    redraw: ratio("large", "redrawMs"),
    midFirstRender: ratio("mid", "firstRenderMs"),
    midSettled: ratio("mid", "settledMs"),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ reps, summary, ratios }, null, 2)}\n`);
    return;
  }
  const line = (k: "large" | "mid" | "baseline") => {
    const s = summary[k];
    return `${k.padEnd(8)} ${String(s.nodes).padStart(5)} nodes ${String(s.edges).padStart(6)} edges · first render ${s.firstRenderMs} ms · layout stopped ${s.settledMs} ms (${s.iterations} it; ${s.stopReasons.join(", ")}) · ${s.fpsDuringLayout} fps · redraw ${s.redrawMs} ms`;
  };
  process.stdout.write(
    `\nmedians over ${reps} repetitions (headless Chromium, SwiftShader WebGL, 1440×900):\n${line("large")}\n${line("mid")}\n${line("baseline")}\n`,
  );
  process.stdout.write(
    `ratios large/baseline: first render ×${ratios.firstRender}, layout stopped ×${ratios.settled}, redraw ×${ratios.redraw}; mid/baseline: first render ×${ratios.midFirstRender}, layout stopped ×${ratios.midSettled}\n`,
  );
}

// Runs only as a command, so the generator and server can be imported (browser tests, probes).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runMain(main);
