/**
 * Screening service
 * =================
 *
 * Screens one application at intake, from the graph and the latest finished run, without a detection
 * pass: normalise it as ingest does (a record ingest would reject is a 400 with ingest's reason), look up
 * every identifier's applications (common infrastructure left out), their clusters and applicants, the
 * watchlist and the application's own indicators, score it with detection's formula (./score.ts) and
 * decide (./decision.ts). The pure steps between lookup and score are in ./linking.ts, the sentences in
 * ./reasons.ts. With `record` it is also ingested (idempotent by application id) and the
 * decision kept beside it; otherwise nothing is written (the route's audit entry aside).
 */
import type { IngestRepository } from "../ingest/ingest.repository.js";
import { defaultEnvironment, type DetectEnvironment } from "../detect/environment.js";
import { KIND_CODE } from "../detect/input.js";
import { hardCapOf, type DetectOptions } from "../detect/options.js";
import type { Pattern, RiskLevel, ScoreComponent } from "../common/detection.js";
import { ValidationError } from "../common/errors.js";
import { normaliseRecord, type NormalisedApplication } from "../ingest/record.js";
import { KIND_LABEL, type IdentifierKind } from "../common/identifiers.js";
import { asHits, WATCHLIST_INDICATOR } from "../watchlist/types.js";
import { decide } from "./decision.js";
import type { LatestRun } from "../runs/latest-run.js";
import { applicantsOf, clustersOf, linkThrough, sameApplicant } from "./linking.js";
import { ownIndicators } from "./own-indicators.js";
import { screenReasons } from "./reasons.js";
import { screenScore, type JoinedCluster } from "./score.js";
import type { LookupRef, ScreenRepository } from "./screen.repository.js";
import type { LinkedCluster, ScreenResult, ScreenThresholds } from "./types.js";

export interface ScreenDeps {
  repo: ScreenRepository;
  applications: IngestRepository;
  latest: LatestRun;
  thresholds: ScreenThresholds;
  environment?: DetectEnvironment;
}

export class ScreenService {
  constructor(private readonly d: ScreenDeps) {}

  /** The decision kept for a recorded application, if any. */
  async recorded(applicationId: string) {
    return this.d.repo.byApplication(applicationId);
  }

  /** The graph lookup a screen of `body` makes, under PROFILE, against the latest run (bench:screen). */
  async profileLookup(body: unknown) {
    const parsed = normaliseRecord(body);
    if (!parsed.ok) throw new ValidationError(parsed.reason, [{ path: "body", message: parsed.reason }]);
    const app = parsed.application;
    const runId = await this.d.latest.id();
    const { options } = await this.d.latest.context(runId);
    return this.d.repo.profileLookup(lookupRefs(app, options), app.id, runId);
  }

  async screen(body: unknown, opts: { record: boolean; by: string }): Promise<ScreenResult> {
    const t0 = performance.now();
    const parsed = normaliseRecord(body);
    if (!parsed.ok) throw new ValidationError(parsed.reason, [{ path: "body", message: parsed.reason }]);
    const app = parsed.application;
    const timed = async <T>(name: string, work: Promise<T>): Promise<T> => {
      const t = performance.now();
      const out = await work;
      timings[name] = Math.round((performance.now() - t) * 100) / 100;
      return out;
    };
    const timings: Record<string, number> = {};
    const runId = await timed("latest_run", this.d.latest.id());
    const run = await timed("run_context", this.d.latest.context(runId));
    const options = run.options;
    const common = run.common;
    // One round trip: the linked applications with their clusters and the watchlist entries together.
    const rows = await timed("lookup", this.d.repo.lookup(lookupRefs(app, options), app.id, runId));
    const hits = asHits(rows.flatMap((r) => r.watch));
    const tScore = performance.now();
    const own = ownIndicators(app, this.d.environment ?? defaultEnvironment());
    const { linked, skipped } = linkThrough(rows, common, (kind, key) => hardCapOf(options, kind, key));
    const same = sameApplicant((app.props.name_key as string | null) ?? null);
    const people = applicantsOf(Date.parse(app.submittedAt), linked, same);
    const ordered = clustersOf(linked, same);
    const top = ordered[0];
    const joined: JoinedCluster | null = top
      ? {
          breakdown: top.c.score_breakdown_json ? (JSON.parse(top.c.score_breakdown_json) as ScoreComponent[]) : [],
          identities: top.c.identities ?? top.c.size ?? 2,
        }
      : null;
    const score = screenScore(
      {
        bits: own.bits,
        sharedKinds: [...people.byKind.keys()].map((k) => KIND_CODE[k as IdentifierKind]),
        sharedIdentifiers: people.sharedRefs.size,
        joined,
        newIdentity: !top?.same,
        otherIdentities: people.labels.size,
        times: people.times,
        identityOf: people.identityOf,
      },
      options,
    );
    const decision = decide(score.score, hits.length, this.d.thresholds);
    const linkedClusters: LinkedCluster[] = ordered.map((x) => ({
      id: x.c.id,
      risk_level: x.c.risk_level as RiskLevel,
      risk_score: x.c.risk_score,
      patterns: x.c.patterns as Pattern[],
      via: [...x.via].sort(),
      size: x.c.size ?? undefined,
      linked_applications: x.apps.size,
    }));
    const reasons = screenReasons({
      linkedClusters,
      byKind: people.byKind,
      sameApps: people.sameApps,
      own: own.reasons,
      burst: score.burst,
      burstWindowMinutes: options.burstWindowMinutes,
      sharedRefs: people.sharedRefs,
      breakdown: score.breakdown,
      hits,
      skipped,
    });
    const indicators = [...own.names, ...(hits.length ? [WATCHLIST_INDICATOR] : [])];
    timings.score = Math.round((performance.now() - tScore) * 100) / 100;

    const tRecord = performance.now();
    if (opts.record) {
      if (hits.length && !app.indicators.includes(WATCHLIST_INDICATOR)) {
        app.indicators = [...app.indicators, WATCHLIST_INDICATOR].sort();
        app.props.indicators = app.indicators;
      }
      await this.d.applications.writeBatch([app]);
      await this.d.repo.record({
        application_id: app.id,
        decision,
        risk_score: score.score,
        run_id: runId,
        reasons_json: JSON.stringify(reasons),
        watchlist_hits: hits.map((h) => h.identifier),
        screened_by: opts.by,
      });
      timings.record = Math.round((performance.now() - tRecord) * 100) / 100;
    }
    return {
      application_id: app.id,
      decision,
      risk_score: score.score,
      reasons,
      linked_clusters: linkedClusters,
      watchlist_hits: hits,
      run_id: runId,
      risk_level: score.level,
      score_breakdown: score.breakdown,
      linked_applications: linked.size,
      linked_identities: people.labels.size,
      indicators,
      recorded: opts.record,
      took_ms: Math.round((performance.now() - t0) * 10) / 10,
      timings_ms: timings,
    };
  }
}

/** One lookup entry per identifier: its label (from the fixed list), normal form, ref and its kind's cap. */
const lookupRefs = (app: NormalisedApplication, options: DetectOptions): LookupRef[] =>
  app.identifiers.map((i) => ({
    label: KIND_LABEL[i.kind],
    key: i.key,
    ref: `${i.kind}:${i.key}`,
    cap: hardCapOf(options, i.kind, i.key),
  }));
