/**
 * Detection pass
 * ==============
 *
 * `detectClusters(input, options)`: identities first, then links between identities through shared
 * identifiers minus common infrastructure, connected components (union-find), Louvain on large loosely
 * knit components, then per candidate cluster the pattern detectors, honest explanations and the risk
 * score. Pure and deterministic for a given input and options (the Louvain rng is seeded per component).
 */
import { densestBurst } from "./burst.js";
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
import { resolveDetectOptions, type DetectOptions } from "./options.js";
import { detectAccountRental } from "./patterns/account-rental.js";
import { detectIdentityReuse, reuseOf } from "./patterns/identity-reuse.js";
import { detectLaptopFarm } from "./patterns/laptop-farm.js";
import { detectSharedInfrastructure } from "./patterns/shared-infrastructure.js";
import { detectTransitiveChain } from "./patterns/transitive-chain.js";
import { hashString } from "./rng.js";
import { pointsInForce, scoreCluster } from "./score.js";
import { splitComponent } from "./split.js";
import { PATTERNS, type CommonInfrastructure, type DetectedCluster, type DetectionOutput } from "./types.js";
import { buildUsage } from "./usage.js";

export interface DetectClustersOptions extends Partial<DetectOptions> {
  /** ASN table, ASN categories and education reference; defaults to the shipped ones. */
  environment?: DetectEnvironment;
  /** Called after each phase (timings, memory sampling by the bench). */
  onPhase?: (phase: string, seconds: number) => void;
}

export function detectClusters(input: DetectionInput, options: DetectClustersOptions = {}): DetectionOutput {
  const opts = resolveDetectOptions(options);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t) / 1000;
    t = now;
    options.onPhase?.(name, timings[name]!);
  };
  // The ASN table is read once per process; the first pass pays for it here.
  const env = options.environment ?? defaultEnvironment();
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

  // Candidate groups of identities: components, split where Louvain finds structure.
  const candidates: number[][] = [];
  let louvainRuns = 0;
  for (let c = 0; c < comps.count; c++) {
    const members = Array.from(comps.members.subarray(comps.offset[c]!, comps.offset[c + 1]!));
    if (members.length === 1) {
      if (reuseOf(ctx, members[0]!)) candidates.push(members);
      continue;
    }
    const seed = (hashString(input.apps.ids[ids.members[ids.offset[members[0]!]!]!]!) ^ opts.seed) >>> 0;
    const split = splitComponent(input, links, decision, members, seed, opts);
    if (split.modularity !== null) louvainRuns++;
    for (const part of split.parts) if (part.length > 1 || reuseOf(ctx, part[0]!)) candidates.push(part);
  }
  phase("louvain");

  const clusters: DetectedCluster[] = [];
  for (const identities of candidates) {
    const cluster = analyse(ctx, identities);
    if (cluster) clusters.push(cluster);
  }
  clusters.sort(
    (a, b) =>
      b.risk_score - a.risk_score ||
      b.application_ids.length - a.application_ids.length ||
      (a.application_ids[0]! < b.application_ids[0]! ? -1 : 1),
  );
  phase("score");

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
      timings,
    },
    parameters: {
      ...opts,
      verdict_adjustment: opts.pointFactor !== undefined,
      points: pointsInForce(opts.pointFactor),
      shared_identifiers: sharedIdentifiers,
      common_infrastructure_total: decision.cut.length,
      louvain_runs: louvainRuns,
    },
    asnDatabase: { package: env.asn.package, version: env.asn.version },
  };
}

/** Facts, detectors, honest explanations and score of one candidate; null when it is no cluster of concern. */
function analyse(ctx: AnalysisContext, identities: number[]): DetectedCluster | null {
  const { input } = ctx;
  const apps = applicationsOf(ctx.ids, identities);
  if (apps.length < 2) return null;
  const facts = clusterFacts(ctx, identities, apps);
  const identityOfApp = apps.map((a) => ctx.ids.of[a]!);
  const burst = densestBurst(
    apps.map((a) => input.apps.submittedAt[a]!),
    identityOfApp,
    ctx.opts.burstWindowMinutes * 60_000,
  );
  const reuse = detectIdentityReuse(ctx, facts);
  // One identity is a cluster only when its applications look like a reused identity.
  if (identities.length === 1 && !reuse.pattern) return null;
  const detections: Detection[] = [
    detectLaptopFarm(ctx, facts, burst),
    detectAccountRental(ctx, facts),
    reuse,
    detectTransitiveChain(ctx, facts),
    detectSharedInfrastructure(ctx, facts),
  ];
  const bits = apps.map((a) => input.apps.indicators[a]!);
  const honest = honestExplanations(ctx, facts);
  const score = scoreCluster(ctx, { facts, detections, burst, appBits: bits, honest: honest.points });
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
