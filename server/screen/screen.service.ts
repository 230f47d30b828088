/**
 * Screening service
 * =================
 *
 * Screens one application at intake, from the graph and the latest finished run, without a detection
 * pass: normalise it as ingest does (a record ingest would reject is a 400 with ingest's reason), look up
 * every identifier's applications (common infrastructure left out), their clusters and applicants, the
 * watchlist and the application's own indicators, score it with detection's formula (./score.ts) and
 * decide (./decision.ts). With `record` it is also ingested (idempotent by application id) and the
 * decision kept beside it; otherwise nothing is written (the route's audit entry aside).
 */
import type { IngestRepository } from "../ingest/ingest.repository.js";
import { defaultEnvironment, type DetectEnvironment } from "../detect/environment.js";
import {
  GRADUATION_OFF_CALENDAR,
  HOSTING_IP,
  INDICATOR_BIT,
  INGEST_INDICATORS,
  KIND_CODE,
  MAJOR_NOT_OFFERED,
} from "../detect/input.js";
import { InputBuilder } from "../detect/input-builder.js";
import { hardCapOf, type DetectOptions } from "../detect/options.js";
import type { Pattern, RiskLevel, ScoreComponent } from "../common/detection.js";
import { SAME_PERSON_KINDS } from "../detect/identities.js";
import { ValidationError } from "../common/errors.js";
import { normaliseRecord, type NormalisedApplication } from "../ingest/record.js";
import { KIND_LABEL, type IdentifierKind } from "../common/identifiers.js";
import { asHits, WATCHLIST_INDICATOR } from "../watchlist/types.js";
import { decide } from "./decision.js";
import type { LatestRun } from "../runs/latest-run.js";
import { clusterReasons, indicatorReasonsOf, sharedReasons } from "./reasons.js";
import { screenScore, type JoinedCluster } from "./score.js";
import type { LinkedApplication, LookupRef, ScreenRepository, StoredClusterSummary } from "./screen.repository.js";
import type { LinkedCluster, ScreenResult, ScreenThresholds } from "./types.js";

export interface ScreenDeps {
  repo: ScreenRepository;
  applications: IngestRepository;
  latest: LatestRun;
  thresholds: ScreenThresholds;
  environment?: DetectEnvironment;
}

const PERSONAL = new Set(SAME_PERSON_KINDS);
const kindOfRef = (ref: string) => ref.slice(0, ref.indexOf(":")) as IdentifierKind;

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
    const env = this.d.environment ?? defaultEnvironment();
    const own = ownIndicators(app, env);

    // Linked applications (through identifiers that are not common infrastructure) and what links them.
    const skipped: string[] = [];
    const linked = new Map<string, { app: LinkedApplication; via: Set<string> }>();
    for (const r of rows) {
      if (common.has(r.ref) || r.uses > hardCapOf(options, kindOfRef(r.ref), r.ref.slice(r.ref.indexOf(":") + 1))) {
        if (r.uses > 1 || r.apps.length) skipped.push(r.ref);
        continue;
      }
      for (const a of r.apps) {
        const entry = linked.get(a.id) ?? { app: a, via: new Set<string>() };
        entry.via.add(r.ref);
        linked.set(a.id, entry);
      }
    }
    // Same applicant: the same folded name and a personal identifier in common (detection's identity rule).
    const myName = (app.props.name_key as string | null) ?? null;
    const same = (e: { app: LinkedApplication; via: Set<string> }) =>
      (e.app.name_key ?? null) === myName && [...e.via].some((v) => PERSONAL.has(KIND_CODE[kindOfRef(v)]));
    const labels = new Map<string, number>();
    const identityOf: number[] = [0];
    const times: number[] = [Date.parse(app.submittedAt)];
    const byKind = new Map<string, { refs: Set<string>; apps: Set<string>; people: Set<string> }>();
    const sharedRefs = new Set<string>();
    const sameApps: string[] = [];
    for (const e of linked.values()) {
      const isSame = same(e);
      const label = isSame ? "" : (e.app.name_key ?? `app:${e.app.id}`);
      if (isSame) sameApps.push(e.app.id);
      else if (!labels.has(label)) labels.set(label, labels.size + 1);
      identityOf.push(isSame ? 0 : labels.get(label)!);
      times.push(e.app.t ?? 0);
      if (isSame) continue;
      for (const v of e.via) {
        sharedRefs.add(v);
        const k = kindOfRef(v);
        const s = byKind.get(k) ?? { refs: new Set(), apps: new Set(), people: new Set() };
        s.refs.add(v);
        s.apps.add(e.app.id);
        s.people.add(label);
        byKind.set(k, s);
      }
    }

    // Clusters of the linked applications; the highest-risk one is the group it would join.
    const clusters = new Map<string, { c: StoredClusterSummary; via: Set<string>; apps: Set<string>; same: boolean }>();
    for (const e of linked.values()) {
      const c = e.app.cluster;
      if (!c) continue;
      const x = clusters.get(c.id) ?? { c, via: new Set<string>(), apps: new Set<string>(), same: false };
      for (const v of e.via) x.via.add(v);
      x.apps.add(e.app.id);
      x.same ||= same(e);
      clusters.set(c.id, x);
    }
    const ordered = [...clusters.values()].sort(
      (a, b) => b.c.risk_score - a.c.risk_score || (a.c.id < b.c.id ? -1 : 1),
    );
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
        sharedKinds: [...byKind.keys()].map((k) => KIND_CODE[k as IdentifierKind]),
        sharedIdentifiers: sharedRefs.size,
        joined,
        newIdentity: !top?.same,
        otherIdentities: labels.size,
        times,
        identityOf,
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
    const reasons = [
      ...clusterReasons(linkedClusters),
      ...sharedReasons(byKind),
      ...(sameApps.length
        ? [
            {
              code: "same_applicant",
              text: `The same applicant (name and a personal identifier) as ${sameApps.length} earlier application${sameApps.length === 1 ? "" : "s"}; what those share with others counts, they do not.`,
              identifiers: sameApps.sort().map((id) => `application:${id}`),
            },
          ]
        : []),
      ...own.reasons,
      ...(score.burst
        ? [
            {
              code: "farm_submission_burst",
              text: `Submitted within ${options.burstWindowMinutes} minutes of applications by other applicants it links to, as an operator filing several personas' applications in one sitting does.`,
              identifiers: [...sharedRefs].sort(),
            },
          ]
        : []),
      ...score.breakdown
        .filter((c) => c.code === "household" || c.code === "one_contact_hub")
        .map((c) => ({
          code: c.code,
          text:
            c.code === "household"
              ? `The cluster it would join was judged a household and it shares no payroll account or profile with it (${c.points} points).`
              : `All it shares with other applicants is one phone number or email, as a recruiter's or agency's contact does (${c.points} points).`,
          identifiers: [...sharedRefs].sort(),
        })),
      ...(hits.length
        ? [
            {
              code: "watchlist_hit",
              text: `Uses ${hits.length === 1 ? "an identifier" : `${hits.length} identifiers`} on the watchlist (${[...new Set(hits.map((h) => h.source))].join("; ")}).`,
              identifiers: [...new Set(hits.map((h) => h.identifier))].sort(),
            },
          ]
        : []),
      ...(skipped.length
        ? [
            {
              code: "common_infrastructure",
              text: `Left out as common infrastructure (too widely used to link anyone): ${listShort(skipped)}.`,
              identifiers: skipped.sort(),
            },
          ]
        : []),
    ];
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
      linked_identities: labels.size,
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

const listShort = (refs: string[]) =>
  refs.length <= 3 ? refs.join(", ") : `${refs.slice(0, 3).join(", ")} and ${refs.length - 3} more`;

/** The application's own indicator bits and their reasons, computed as detection's input builder does. */
function ownIndicators(app: NormalisedApplication, env: DetectEnvironment) {
  const builder = new InputBuilder(env);
  builder.add(
    {
      id: app.id,
      submittedAt: app.submittedAt,
      fullName: (app.props.full_name as string | null) ?? null,
      nameKey: (app.props.name_key as string | null) ?? null,
      university: (app.props.university as string | null) ?? null,
      major: (app.props.major as string | null) ?? null,
      graduationDate: (app.props.graduation_date as string | null) ?? null,
      shippingAddress: (app.props.shipping_address as string | null) ?? null,
      indicators: app.indicators,
    },
    app.identifiers.map((i) => ({ kind: i.kind, key: i.key })),
  );
  const input = builder.build();
  const bits = input.apps.indicators[0] ?? 0;
  const names: string[] = INGEST_INDICATORS.filter((n) => bits & INDICATOR_BIT[n]);
  if (bits & HOSTING_IP) names.push("hosting_ip");
  if (bits & MAJOR_NOT_OFFERED) names.push("major_not_offered");
  if (bits & GRADUATION_OFF_CALENDAR) names.push("graduation_off_calendar");
  const reasons = indicatorReasonsOf(bits, {
    phones: app.identifiers.filter((i) => i.kind === "phone").map((i) => `phone:${i.key}`),
    hosting: input.apps.hostingIps.get(0) ?? [],
    networks: input.strings.networks,
    education: input.apps.educationClaims.get(0),
  });
  return { bits, names, reasons };
}
