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
 *
 * In two steps for a reader that fetches the typo fold's values (server/runs/detect-from-database.ts):
 * `beginDetection` builds everything up to the components and decides which ones it recomputes (all, or
 * with `previous` those an incremental change touched), names the applications whose values the fold
 * needs among those (`reuseCandidates`), and `finish` analyses them once the values are attached.
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
import { newMemo, sameApplications, touchedApplications, type DetectionMemo, type PreviousPass } from "./memo.js";
import { resolveDetectOptions, type DetectOptionsInput } from "./options.js";
import { reuseOf } from "./patterns/identity-reuse.js";
import { PATTERN_REGISTRY } from "./patterns/index.js";
import { peripheralMembers } from "./peripheral.js";
import { rankClusters } from "./rank.js";
import { reuseCandidatesAmong } from "./reuse-candidates.js";
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

export type { DetectionMemo } from "./memo.js";

export interface DetectClustersOptions extends DetectOptionsInput {
  /** ASN table, ASN categories and education reference; defaults to the shipped ones. */
  environment?: DetectEnvironment;
  /** Called after each phase (timings, memory sampling by the bench). */
  onPhase?: (phase: string, seconds: number) => void;
  /** Incremental pass: reuse what `previous.memo` found for every component the changes did not touch. */
  previous?: PreviousPass;
  /** Return a memo for the next incremental pass (`output.memo`). */
  remember?: boolean;
  /**
   * Where the `score` points came from when the triage verdicts adjusted them (server/rules/adjust.ts):
   * recorded on the run as `parameters.verdict_adjustment` beside the points themselves (`parameters.score`).
   */
  verdictAdjustment?: VerdictAdjustment;
}

/** A pass between its two steps. */
export interface DetectionPass {
  /**
   * Applications (ascending) whose emails, phones and devices the typo fold needs: those of the
   * components this pass recomputes whose identity reads as reused with folding off. Attach their
   * values (typos.ts, `attachContactKeys`) before `finish`.
   */
  reuseCandidates(): number[];
  finish(): DetectionOutput;
}

type Remembered = DetectionMemo["components"] extends Map<string, infer V> ? V : never;

export function detectClusters(input: DetectionInput, options: DetectClustersOptions = {}): DetectionOutput {
  return beginDetection(input, options).finish();
}

export function beginDetection(input: DetectionInput, options: DetectClustersOptions = {}): DetectionPass {
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
  const ctx: AnalysisContext = { input, ids, links, decision, ips, opts };

  // Per component: skipped (one identity with too few applications for identity reuse: no cluster),
  // taken from the memo (untouched, same applications), or recomputed (its applications kept).
  const dirty = previous ? touchedApplications(ctx, usage, previous) : null;
  const memo: DetectionMemo | undefined = remember ? newMemo(ctx) : undefined;
  const { reuseMinApps } = opts.rules;
  const planned: (Remembered | number[] | undefined)[] = new Array(comps.count);
  for (let c = 0; c < comps.count; c++) {
    const size = comps.offset[c + 1]! - comps.offset[c]!;
    if (size === 1) {
      const single = comps.members[comps.offset[c]!]!;
      if (ids.offset[single + 1]! - ids.offset[single]! < reuseMinApps) continue;
    }
    const apps = applicationsOf(ids, comps.members.subarray(comps.offset[c]!, comps.offset[c + 1]!));
    // Remembered under its first application's id (each application is in one component) with all its ids.
    const before =
      dirty && !apps.some((a) => dirty[a]) ? previous!.memo.components.get(input.apps.ids[apps[0]!]!) : undefined;
    planned[c] = before && sameApplications(before.apps, input, apps) ? before : apps;
  }
  phase("touched");

  return {
    reuseCandidates() {
      const identities: number[] = [];
      for (let c = 0; c < comps.count; c++)
        if (Array.isArray(planned[c]))
          for (let m = comps.offset[c]!; m < comps.offset[c + 1]!; m++) identities.push(comps.members[m]!);
      return reuseCandidatesAmong(input, ids, opts, identities);
    },
    finish() {
      t = performance.now();
      const found: DetectedCluster[] = [];
      let louvainRuns = 0;
      let louvainMs = 0;
      let recomputed = 0;
      let reused = 0;
      for (let c = 0; c < comps.count; c++) {
        const plan = planned[c];
        if (plan === undefined) continue;
        const size = comps.offset[c + 1]! - comps.offset[c]!;
        let result: Remembered;
        if (!Array.isArray(plan)) {
          result = plan;
          if (size > 1) reused++;
        } else {
          const apps = plan;
          const members = Array.from(comps.members.subarray(comps.offset[c]!, comps.offset[c + 1]!));
          const appIds = memo ? apps.map((a) => input.apps.ids[a]!) : [];
          if (size === 1) {
            const cluster = reuseOf(ctx, members[0]!) ? analyseCandidate(ctx, members) : null;
            result = { apps: appIds, clusters: cluster ? [cluster] : [], louvain: false };
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
            result = { apps: appIds, clusters, louvain: split.modularity !== null };
          }
        }
        if (result.louvain) louvainRuns++;
        found.push(...result.clusters);
        // Remembered under its first application's id, recomputed or handed on.
        if (memo) memo.components.set(result.apps[0]!, result);
      }
      const clusters = rankClusters(found);
      // Louvain and scoring interleave per component: "louvain" is the splitting time, "score" the rest.
      const loopSeconds = (performance.now() - t) / 1000;
      timings.louvain = Math.round(louvainMs) / 1000;
      onPhase?.("louvain", timings.louvain);
      timings.score = Math.round((loopSeconds - louvainMs / 1000) * 1000) / 1000;
      onPhase?.("score", timings.score);

      const commonInfrastructure: CommonInfrastructure[] = decision.cut
        .slice(0, opts.maxCommonInfrastructure)
        .map((c) => ({
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
    },
  };
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
