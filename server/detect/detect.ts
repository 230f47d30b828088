/**
 * Detection pass
 * ==============
 *
 * `detectClusters(input, options)`: identities first, then links between identities through shared
 * identifiers minus common infrastructure, connected components (union-find), Louvain on large loosely
 * knit components (strong, rare links kept whole), members hanging on by one weak link set aside as
 * peripheral, then per candidate cluster the registered pattern detectors (patterns/index.ts), honest
 * explanations and the risk score; clusters come out in queue order (rank.ts). Pure and deterministic
 * for a given input and options (the Louvain rng is seeded per component).
 */
import { decideLinks } from "./common-infrastructure.js";
import { applicationsOf, buildComponents } from "./components.js";
import type { AnalysisContext, Detection } from "./context.js";
import { defaultEnvironment, type DetectEnvironment } from "./environment.js";
import { clusterFacts } from "./facts.js";
import { honestExplanations } from "./honest.js";
import { buildIdentities } from "./identities.js";
import { buildIdentityLinks } from "./identity-links.js";
import { indicatorReasons } from "./indicator-reasons.js";
import { refOf, type DetectionInput } from "./input.js";
import { classifyIps } from "./ip-class.js";
import { resolveDetectOptions, type DetectOptionsInput } from "./options.js";
import { reuseOf } from "./patterns/identity-reuse.js";
import { PATTERN_REGISTRY } from "./patterns/index.js";
import { peripheralMembers } from "./peripheral.js";
import { rankClusters } from "./rank.js";
import { hashString } from "./rng.js";
import { scoreCluster } from "./score.js";
import { splitComponent } from "./split.js";
import {
  PATTERNS,
  type CommonInfrastructure,
  type DetectedCluster,
  type VerdictAdjustment,
} from "../common/detection.js";
import type { DetectionOutput } from "./types.js";
import { buildUsage } from "./usage.js";

export interface DetectClustersOptions extends DetectOptionsInput {
  /** ASN table, ASN categories and education reference; defaults to the shipped ones. */
  environment?: DetectEnvironment;
  /** Called after each phase (timings, memory sampling by the bench). */
  onPhase?: (phase: string, seconds: number) => void;
  /** Incremental pass: reuse what `previous.memo` found for every component the changes did not touch. */
  previous?: { memo: DetectionMemo; changed: ReadonlySet<string> };
  /** Return a memo for the next incremental pass (`output.memo`). */
  remember?: boolean;
  /**
   * Where the `score` points came from when the triage verdicts adjusted them (server/rules/adjust.ts):
   * recorded on the run as `parameters.verdict_adjustment` beside the points themselves (`parameters.score`).
   */
  verdictAdjustment?: VerdictAdjustment;
}

export function detectClusters(input: DetectionInput, options: DetectClustersOptions = {}): DetectionOutput {
  const { environment, onPhase, previous, remember, verdictAdjustment, ...tunables } = options;
  const opts = resolveDetectOptions(tunables);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t) / 1000;
    t = now;
    onPhase?.(name, timings[name]!);
  };
  // The ASN table is read once per process; the first pass pays for it here.
  const env = environment ?? defaultEnvironment();
  phase("reference");

  const usage = buildUsage(input);
  const ids = buildIdentities(input, usage);
  phase("identities");
  const links = buildIdentityLinks(input, usage, ids);
  const ips = classifyIps(input, env);
  phase("links");
  const decision = decideLinks(input, ids, links, ips, opts);
  phase("common_infrastructure");
  const comps = buildComponents(input, ids, links, decision);
  phase("components");
  const ctx: AnalysisContext = {
    input,
    ids,
    links,
    decision,
    ips,
    opts,
  };

  const dirty = previous ? touchedApplications(ctx, usage, previous) : null;
  const memo: DetectionMemo | undefined = remember ? newMemo(ctx) : undefined;
  phase("touched");

  // Per component: candidate groups of identities (split where Louvain finds structure), then their clusters.
  const found: DetectedCluster[] = [];
  let louvainRuns = 0;
  let louvainMs = 0;
  let recomputed = 0;
  let reused = 0;
  const { reuseMinApps } = opts.rules;
  for (let c = 0; c < comps.count; c++) {
    // Most components are one identity: one with too few applications for identity reuse is no cluster.
    const size = comps.offset[c + 1]! - comps.offset[c]!;
    if (size === 1) {
      const single = comps.members[comps.offset[c]!]!;
      if (ids.offset[single + 1]! - ids.offset[single]! < reuseMinApps) continue;
    }
    const members = Array.from(comps.members.subarray(comps.offset[c]!, comps.offset[c + 1]!));
    const apps = applicationsOf(ids, members);
    // Remembered under its first application's id (each application is in one component) with all its ids.
    const key = memo || dirty ? input.apps.ids[apps[0]!]! : "";
    const before = dirty && !apps.some((a) => dirty[a]) ? previous!.memo.components.get(key) : undefined;
    let result = before && sameApplications(before.apps, input, apps) ? before : undefined;
    if (result) {
      if (size > 1) reused++;
    } else if (size === 1) {
      const cluster = reuseOf(ctx, members[0]!) ? analyseCandidate(ctx, members) : null;
      result = {
        apps: memo ? apps.map((a) => input.apps.ids[a]!) : [],
        clusters: cluster ? [cluster] : [],
        louvain: false,
      };
    } else {
      recomputed++;
      const seed = (hashString(input.apps.ids[ids.members[ids.offset[members[0]!]!]!]!) ^ opts.seed) >>> 0;
      const tSplit = performance.now();
      const split = splitComponent(input, links, decision, members, seed, opts);
      louvainMs += performance.now() - tSplit;
      const clusters: DetectedCluster[] = [];
      for (const part of split.parts)
        if (part.length > 1 || reuseOf(ctx, part[0]!)) {
          const cluster = analyseCandidate(ctx, part);
          if (cluster) clusters.push(cluster);
        }
      result = { apps: memo ? apps.map((a) => input.apps.ids[a]!) : [], clusters, louvain: split.modularity !== null };
    }
    if (result.louvain) louvainRuns++;
    found.push(...result.clusters);
    memo?.components.set(key, result);
  }
  const clusters = rankClusters(found);
  // Louvain and scoring interleave per component: "louvain" is the splitting time, "score" the rest.
  const loopSeconds = (performance.now() - t) / 1000;
  timings.louvain = Math.round(louvainMs) / 1000;
  onPhase?.("louvain", timings.louvain);
  timings.score = Math.round((loopSeconds - louvainMs / 1000) * 1000) / 1000;
  onPhase?.("score", timings.score);
  t = performance.now();

  const commonInfrastructure: CommonInfrastructure[] = decision.cut.slice(0, opts.maxCommonInfrastructure).map((c) => ({
    ref: refOf(input, c.ident),
    identities: c.identities,
    applications: links.applications[c.ident]!,
    reason: c.reason,
  }));
  let sharedIdentifiers = 0;
  for (let i = 0; i < input.identifiers.count; i++) if (links.identities[i]! >= 2) sharedIdentifiers++;
  return {
    clusters,
    commonInfrastructure,
    stats: {
      applications: input.totalApplications ?? input.apps.count,
      identifiers: input.identifiers.count,
      links: input.links.ident.length,
      identities: ids.count,
      components: comps.count,
      clusters: clusters.length,
      components_recomputed: recomputed,
      components_reused: reused,
      timings,
    },
    parameters: {
      ...opts,
      verdict_adjustment: verdictAdjustment ?? null,
      shared_identifiers: sharedIdentifiers,
      common_infrastructure_total: decision.cut.length,
      louvain_runs: louvainRuns,
    },
    asnDatabase: { package: env.asn.package, version: env.asn.version },
    ...(memo ? { memo } : {}),
  };
}

/**
 * What an incremental pass remembers: per component that can make a cluster (two or more identities, or
 * one with enough applications for identity reuse), keyed by its first application's id, its
 * applications' ids and the clusters it gave; and per identifier (by its id in the input) how it was
 * decided: its identity count, negative when it was cut, 0 when it linked nothing. Detection is a pure
 * function of the input, so a component whose applications, and every identifier they use, are as they
 * were gives what it gave before. Identifier ids are those of the input the memo was made from: the next
 * input must keep them (server/detect/input-subset.ts and input-patch.ts do; new identifiers come after).
 */
export interface DetectionMemo {
  components: Map<string, { apps: string[]; clusters: DetectedCluster[]; louvain: boolean }>;
  identifiers: Int32Array;
  /** The identifiers' keys and kinds those ids stood for (to look them up by ref in a renumbered input). */
  keys: readonly string[];
  kinds: Uint8Array;
}

/** Whether `apps` (ascending indexes of `input`) are the applications `ids`, in that order. */
function sameApplications(ids: readonly string[], input: DetectionInput, apps: readonly number[]): boolean {
  if (ids.length !== apps.length) return false;
  for (let j = 0; j < apps.length; j++) if (ids[j] !== input.apps.ids[apps[j]!]) return false;
  return true;
}

const decided = (ctx: AnalysisContext, i: number) =>
  ctx.decision.live[i] ? ctx.links.identities[i]! : -ctx.links.identities[i]!;

function newMemo(ctx: AnalysisContext): DetectionMemo {
  const identifiers = new Int32Array(ctx.input.identifiers.count);
  for (let i = 0; i < identifiers.length; i++) identifiers[i] = decided(ctx, i);
  return { components: new Map(), identifiers, keys: ctx.input.identifiers.key, kinds: ctx.input.identifiers.kind };
}

/**
 * The memo's decision for each identifier of `input`: by id when the input kept the memo's ids (a patched
 * or reduced input: the same key at the same id, new ones after), else by ref (an input built anew).
 */
function decisionsBefore(input: DetectionInput, memo: DetectionMemo): Int32Array {
  const { key, kind, count } = input.identifiers;
  const n = Math.min(count, memo.identifiers.length);
  let aligned = true;
  for (let i = 0; i < n && aligned; i++) aligned = key[i] === memo.keys[i] && kind[i] === memo.kinds[i];
  const out = new Int32Array(count);
  if (aligned) {
    out.set(memo.identifiers.subarray(0, n));
    return out;
  }
  const byRef = new Map<string, number>();
  for (let i = 0; i < memo.identifiers.length; i++)
    if (memo.identifiers[i]) byRef.set(`${memo.kinds[i]}:${memo.keys[i]}`, memo.identifiers[i]!);
  for (let i = 0; i < count; i++) out[i] = byRef.get(`${kind[i]}:${key[i]}`) ?? 0;
  return out;
}

/**
 * Applications whose component must be recomputed: the changed ones, and every application using an
 * identifier a changed one uses or whose decision (live or cut, identity count) differs from the memo's.
 */
function touchedApplications(
  ctx: AnalysisContext,
  usage: ReturnType<typeof buildUsage>,
  previous: NonNullable<DetectClustersOptions["previous"]>,
): Uint8Array {
  const { input } = ctx;
  const dirty = new Uint8Array(input.apps.count);
  const dirtyIdent = new Uint8Array(input.identifiers.count);
  for (let a = 0; a < input.apps.count; a++) {
    if (!previous.changed.has(input.apps.ids[a]!)) continue;
    dirty[a] = 1;
    for (let l = input.links.offset[a]!; l < input.links.offset[a + 1]!; l++) dirtyIdent[input.links.ident[l]!] = 1;
  }
  // Identifiers absent now but remembered had their users change (dirty already) or leave the
  // component, whose signature then differs: no need to look them up. New ones count as 0 before.
  const before = decisionsBefore(input, previous.memo);
  for (let i = 0; i < input.identifiers.count; i++)
    if (!dirtyIdent[i] && before[i]! !== decided(ctx, i)) dirtyIdent[i] = 1;
  for (let i = 0; i < input.identifiers.count; i++)
    if (dirtyIdent[i]) for (let u = usage.offset[i]!; u < usage.offset[i + 1]!; u++) dirty[usage.apps[u]!] = 1;
  return dirty;
}

/** A candidate with its peripheral members set aside, analysed. */
export function analyseCandidate(ctx: AnalysisContext, identities: number[]): DetectedCluster | null {
  const { core, peripheral } = peripheralMembers(ctx, identities);
  const cluster = analyse(ctx, core);
  if (cluster && peripheral.length)
    cluster.peripheral_application_ids = applicationsOf(ctx.ids, peripheral)
      .map((a) => ctx.input.apps.ids[a]!)
      .sort();
  return cluster;
}

/** Facts, detectors, honest explanations and score of one candidate; null when it is no cluster of concern. */
function analyse(ctx: AnalysisContext, identities: number[]): DetectedCluster | null {
  const { input } = ctx;
  const apps = applicationsOf(ctx.ids, identities);
  if (apps.length < 2) return null;
  const facts = clusterFacts(ctx, identities, apps);
  const detections: Detection[] = PATTERN_REGISTRY.map((d) => d.detect(ctx, facts));
  // One identity is a cluster only when its applications look like a reused identity.
  if (identities.length === 1 && !detections.some((d) => d.code === "identity_reuse" && d.pattern)) return null;
  const bits = apps.map((a) => input.apps.indicators[a]!);
  const honest = honestExplanations(ctx, facts);
  const score = scoreCluster(ctx, { facts, detections, appBits: bits, honest: honest.points });
  const patterns = PATTERNS.filter((p) => detections.some((d) => d.pattern === p));
  const order = apps.map((a) => input.apps.ids[a]!).sort();
  return {
    application_ids: order,
    risk_score: score.score,
    risk_level: score.level,
    patterns,
    reasons: [...detections.flatMap((d) => d.reasons), ...indicatorReasons(ctx, apps, bits), ...honest.reasons],
    size: apps.length,
    identities: identities.length,
    first_submitted_at: new Date(facts.firstSubmitted).toISOString(),
    last_submitted_at: new Date(facts.lastSubmitted).toISOString(),
    score_breakdown: score.breakdown,
    shared_identifiers: facts.shared.map((s) => refOf(input, s.ident)),
    common_infrastructure: facts.common.map((i) => refOf(input, i)),
  };
}
